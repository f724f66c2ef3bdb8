import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCatalogueCode } from '@app/catalogue';
import { IsOptionalNotNull, PageQueryDto } from '@app/core';
import { Channel, CHANNELS, NOTE_VISIBILITIES, NoteVisibility, PRIORITIES, Priority } from '../domain/case';
import { CASE_STATUSES, CaseStatus } from '../domain/case-status';

const NOT_BLANK = /\S/;
/** An instant with an explicit offset: `2026-06-01T09:30:00+02:00` or `...Z`. */
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = 'must be an ISO 8601 instant with an offset, e.g. 2026-06-01T09:30:00+02:00';

export class ResidentDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  /** Digits, spaces and + ( ) - only. */
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()-]{3,32}$/, { message: 'phone must be 3..32 digits, spaces and + ( ) -' })
  phone?: string | null;

  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;
}

export class LocationDto {
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string | null;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat?: number | null;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon?: number | null;
}

/** What both logging and editing a case take: the free description, the resident's details, the place. */
class CaseDetailsDto {
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ResidentDto)
  resident?: ResidentDto | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto | null;
}

export class CreateCaseDto extends CaseDetailsDto {
  @IsIn(CHANNELS)
  channel: Channel;

  @IsCatalogueCode()
  categoryCode: string;

  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'subject must not be blank' })
  subject: string;

  /** When the case reached the city hall (default: now); at most 5 minutes in the future. */
  @IsOptionalNotNull()
  @Matches(INSTANT_WITH_OFFSET, { message: `receivedAt ${INSTANT_MESSAGE}` })
  @IsISO8601({ strict: true }, { message: `receivedAt ${INSTANT_MESSAGE}` })
  receivedAt?: string;

  @IsOptionalNotNull()
  @IsIn(PRIORITIES)
  priority?: Priority;
}

/** Any of the fields; resident and location merge (a field left out keeps its value, null clears it). */
export class UpdateCaseDto extends CaseDetailsDto {
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'subject must not be blank' })
  subject?: string;

  @IsOptionalNotNull()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @IsOptionalNotNull()
  @IsCatalogueCode()
  categoryCode?: string;
}

export class TransitionDto {
  @IsIn(CASE_STATUSES)
  to: CaseStatus;

  /** Internal remark kept in the history. */
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 5000)
  note?: string;

  /** Public text telling the resident how the case was settled; required when `to` is `resolved`. */
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 5000)
  @Matches(NOT_BLANK, { message: 'resolution must not be blank' })
  resolution?: string;
}

export class RouteDto {
  @IsCatalogueCode()
  unitCode: string;

  @IsString()
  @Length(1, 1000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason: string;
}

export class CreateNoteDto {
  @IsString()
  @Length(1, 10000)
  @Matches(NOT_BLANK, { message: 'body must not be blank' })
  body: string;

  @IsIn(NOTE_VISIBILITIES)
  visibility: NoteVisibility;
}

/** A business date (Europe/Warsaw) or an instant with an offset. */
const DATE_OR_INSTANT = new RegExp(`^\\d{4}-\\d{2}-\\d{2}$|${INSTANT_WITH_OFFSET.source}`);

export class ListCasesQueryDto extends PageQueryDto {
  /** One status or several, comma-separated. */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value))
  @IsIn(CASE_STATUSES, { each: true })
  status?: CaseStatus[];

  @IsOptional()
  @IsCatalogueCode()
  unitCode?: string;

  @IsOptional()
  @IsCatalogueCode()
  categoryCode?: string;

  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  /** Inclusive: a business date (from its start) or an instant. */
  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: 'receivedFrom must be YYYY-MM-DD or an instant with an offset' })
  receivedFrom?: string;

  /** A business date includes that whole day; an instant is exclusive. */
  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: 'receivedTo must be YYYY-MM-DD or an instant with an offset' })
  receivedTo?: string;

  /** Finds a fragment of the number, subject, description or the resident's name, phone or e-mail. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}

export class ResidentView {
  name: string | null;
  phone: string | null;
  email: string | null;
}

export class LocationView {
  address: string | null;
  district: string | null;
  lat: number | null;
  lon: number | null;
}

/** A case as staff see it. */
export class CaseDto {
  id: string;
  number: string;
  status: CaseStatus;
  channel: Channel;
  categoryCode: string;
  unitCode: string | null;
  /** Username of the member of staff handling the case. */
  assignee: string | null;
  priority: Priority;
  subject: string;
  description: string | null;
  resident: ResidentView | null;
  location: LocationView | null;
  resolution: string | null;
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
  dueDate: string | null;
  dueAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  version: number;
}

export class CreatedCaseDto extends CaseDto {
  /** Given once: read it out to the resident, who needs it to follow the case. Only a hash is kept. */
  trackingCode: string;
}

export class CasePageDto {
  items: CaseDto[];
  nextCursor: string | null;
}

export class CaseEventDto {
  id: number;
  type: string;
  at: string;
  actor: string;
  data: Record<string, unknown>;
}

export class CaseHistoryDto {
  items: CaseEventDto[];
}

export class NoteDto {
  id: number;
  at: string;
  actor: string;
  body: string;
  visibility: NoteVisibility;
}
