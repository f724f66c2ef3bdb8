import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
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
import { CATALOGUE_CODE_SCHEMA, IsCatalogueCode } from '@app/catalogue';
import { ApiNextCursor, INSTANT_WITH_OFFSET, IsInstant, IsOptionalNotNull, PageQueryDto } from '@app/core';
import { USERNAME_PATTERN } from '@app/identity';
import { SLA_STATES, SlaState } from '@app/routing';
import { Channel, CHANNELS, NOTE_VISIBILITIES, NoteVisibility, PRIORITIES, Priority } from '../domain/case';
import { CASE_NUMBER_PATTERN } from '../domain/case-number';
import { CASE_STATUSES, CaseStatus } from '../domain/case-status';
import { TRACKING_CODE_PATTERN } from '../domain/tracking-code';

const NOT_BLANK = /\S/;
const PHONE = /^\+?[0-9 ()-]{3,32}$/;

/** How the OpenAPI document shows these rules. */
const TEXT = (maxLength: number) => ({ type: String, minLength: 1, maxLength, pattern: NOT_BLANK.source });
const INSTANT_INPUT = { format: 'date-time', pattern: INSTANT_WITH_OFFSET.source };
const INSTANT = { type: String, format: 'date-time' };
const NULLABLE_INSTANT = { ...INSTANT, nullable: true };
const CHANNEL = { enum: CHANNELS, enumName: 'Channel' };
const PRIORITY = { enum: PRIORITIES, enumName: 'Priority' };
const STATUS = { enum: CASE_STATUSES, enumName: 'CaseStatus' };
const VISIBILITY = { enum: NOTE_VISIBILITIES, enumName: 'NoteVisibility' };
const TRACKING_CODE = { pattern: TRACKING_CODE_PATTERN.source, example: '7KQ2M9XD' };
const SLA = { enum: SLA_STATES, enumName: 'SlaState' };
/** A username, or `me`, or `none`: these two words always mean themselves, never accounts of those names. */
const ASSIGNEE_FILTER = USERNAME_PATTERN;

export const CASE_SORTS = ['received', 'due'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export class ResidentDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: PHONE.source, description: 'Digits, spaces, + ( ) -' })
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: 'phone must be 3..32 digits, spaces and + ( ) -' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'email', maxLength: 254 })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;
}

export class LocationDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: -90, maximum: 90 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: -180, maximum: 180 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon?: number | null;
}

/** What both logging and editing a case take: the free description, the resident's details, the place. */
class CaseDetailsDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiPropertyOptional({ type: ResidentDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ResidentDto)
  resident?: ResidentDto | null;

  @ApiPropertyOptional({ type: LocationDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto | null;
}

export class CreateCaseDto extends CaseDetailsDto {
  @ApiProperty(CHANNEL)
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty(CATALOGUE_CODE_SCHEMA)
  @IsCatalogueCode()
  categoryCode: string;

  @ApiProperty(TEXT(200))
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'subject must not be blank' })
  subject: string;

  @ApiPropertyOptional({
    ...INSTANT_INPUT,
    description: 'When the case reached the city hall (default: now); at most 5 minutes in the future.',
  })
  @IsOptionalNotNull()
  @IsInstant()
  receivedAt?: string;

  @ApiPropertyOptional({ ...PRIORITY, default: 'normal' })
  @IsOptionalNotNull()
  @IsIn(PRIORITIES)
  priority?: Priority;
}

/** Any of the fields; resident and location merge (a field left out keeps its value, null clears it). */
export class UpdateCaseDto extends CaseDetailsDto {
  @ApiPropertyOptional(TEXT(200))
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'subject must not be blank' })
  subject?: string;

  @ApiPropertyOptional(PRIORITY)
  @IsOptionalNotNull()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional(CATALOGUE_CODE_SCHEMA)
  @IsOptionalNotNull()
  @IsCatalogueCode()
  categoryCode?: string;
}

export class TransitionDto {
  @ApiProperty(STATUS)
  @IsIn(CASE_STATUSES)
  to: CaseStatus;

  @ApiPropertyOptional({ minLength: 1, maxLength: 5000, description: 'Internal remark kept in the history.' })
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 5000)
  note?: string;

  @ApiPropertyOptional({
    ...TEXT(5000),
    description: 'Public text telling the resident how the case was settled; required when `to` is `resolved`.',
  })
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 5000)
  @Matches(NOT_BLANK, { message: 'resolution must not be blank' })
  resolution?: string;
}

/** Every re-routing and hand-over says why; the history keeps it. */
class ReasonDto {
  @ApiProperty(TEXT(1000))
  @IsString()
  @Length(1, 1000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason: string;
}

export class RouteDto extends ReasonDto {
  @ApiPropertyOptional({
    ...CATALOGUE_CODE_SCHEMA,
    description: 'Route by hand to this unit. Without it, the routing rules (or else the category) choose the unit.',
  })
  @IsOptionalNotNull()
  @IsCatalogueCode()
  unitCode?: string;
}

export class AssignDto extends ReasonDto {
  @ApiPropertyOptional({
    type: String,
    pattern: USERNAME_PATTERN.source,
    description:
      "Hand the case to this member of its unit's staff (`me`: yourself). Without it, the unit's assignment picks " +
      'the available member with the fewest open cases other than the current assignee, or leaves the case in the ' +
      "unit's queue when there is none.",
  })
  @IsOptionalNotNull()
  @Matches(USERNAME_PATTERN, { message: 'assignee must be a username or me' })
  assignee?: string;
}

export class CreateNoteDto {
  @ApiProperty(TEXT(10000))
  @IsString()
  @Length(1, 10000)
  @Matches(NOT_BLANK, { message: 'body must not be blank' })
  body: string;

  @ApiProperty(VISIBILITY)
  @IsIn(NOTE_VISIBILITIES)
  visibility: NoteVisibility;
}

/** A business date (Europe/Warsaw) or an instant with an offset. */
const DATE_OR_INSTANT = new RegExp(`^\\d{4}-\\d{2}-\\d{2}$|${INSTANT_WITH_OFFSET.source}`);

export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    ...STATUS,
    isArray: true,
    description: 'One status or several, comma-separated (`status=new,assigned`).',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value))
  @IsIn(CASE_STATUSES, { each: true })
  status?: CaseStatus[];

  @ApiPropertyOptional(CATALOGUE_CODE_SCHEMA)
  @IsOptional()
  @IsCatalogueCode()
  unitCode?: string;

  @ApiPropertyOptional(CATALOGUE_CODE_SCHEMA)
  @IsOptional()
  @IsCatalogueCode()
  categoryCode?: string;

  @ApiPropertyOptional(CHANNEL)
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({
    pattern: DATE_OR_INSTANT.source,
    description: 'Inclusive: a business date (Europe/Warsaw, from its start) or an instant with an offset.',
  })
  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: 'receivedFrom must be YYYY-MM-DD or an instant with an offset' })
  receivedFrom?: string;

  @ApiPropertyOptional({
    pattern: DATE_OR_INSTANT.source,
    description: 'A business date (Europe/Warsaw) includes that whole day; an instant with an offset is exclusive.',
  })
  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: 'receivedTo must be YYYY-MM-DD or an instant with an offset' })
  receivedTo?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    description: "Finds a fragment of the number, subject, description or the resident's name, phone or e-mail.",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({
    type: String,
    pattern: ASSIGNEE_FILTER.source,
    description: "A member of staff's username, `me` (yourself) or `none` (the unit's queue: nobody assigned).",
  })
  @IsOptional()
  @Matches(ASSIGNEE_FILTER, { message: 'assignee must be a username, me or none' })
  assignee?: string;

  @ApiPropertyOptional({
    ...SLA,
    description:
      'Open cases by deadline: `overdue` (past `dueAt`), `due_soon` (due by the end of the next working day), ' +
      '`on_time` (later).',
  })
  @IsOptional()
  @IsIn(SLA_STATES)
  sla?: SlaState;

  @ApiPropertyOptional({
    enum: CASE_SORTS,
    default: 'received',
    description:
      '`received`: newest first. `due`: the inbox order — open cases only, soonest deadline first, then most urgent.',
  })
  @IsOptional()
  @IsIn(CASE_SORTS)
  sort?: CaseSort;
}

export class ResidentView {
  @ApiProperty({ type: String, nullable: true })
  name: string | null;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;
}

export class LocationView {
  @ApiProperty({ type: String, nullable: true })
  address: string | null;

  @ApiProperty({ type: String, nullable: true })
  district: string | null;

  @ApiProperty({ type: Number, nullable: true })
  lat: number | null;

  @ApiProperty({ type: Number, nullable: true })
  lon: number | null;
}

/** A case as staff see it. */
export class CaseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ pattern: CASE_NUMBER_PATTERN.source, example: '2026-000042-7' })
  number: string;

  @ApiProperty(STATUS)
  status: CaseStatus;

  @ApiProperty(CHANNEL)
  channel: Channel;

  @ApiProperty(CATALOGUE_CODE_SCHEMA)
  categoryCode: string;

  @ApiProperty({ ...CATALOGUE_CODE_SCHEMA, nullable: true, description: 'Null while no unit has it.' })
  unitCode: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Username of the member of staff handling the case.' })
  assignee: string | null;

  @ApiProperty(PRIORITY)
  priority: Priority;

  @ApiProperty()
  subject: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ type: ResidentView, nullable: true })
  resident: ResidentView | null;

  @ApiProperty({ type: LocationView, nullable: true })
  location: LocationView | null;

  @ApiProperty({ type: String, nullable: true, description: 'Public text on how the case was settled.' })
  resolution: string | null;

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    description:
      "Answers to the category's extra questions by attribute code (a list attribute's keys), as an Open311 request " +
      'brought them; null when none.',
    example: { wielkosc: 'duzy', nawierzchnia: ['jezdnia'] },
  })
  attributes: Record<string, string | string[]> | null;

  @ApiProperty({ type: String, nullable: true, description: "Where the reporter's photo is (Open311 `media_url`)." })
  mediaUrl: string | null;

  @ApiProperty(INSTANT)
  receivedAt: string;

  @ApiProperty(INSTANT)
  createdAt: string;

  @ApiProperty(INSTANT)
  updatedAt: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Due date in Europe/Warsaw.' })
  dueDate: string | null;

  @ApiProperty(NULLABLE_INSTANT)
  dueAt: string | null;

  @ApiProperty({
    // Inline, with null among the values: a nullable reference to a named enum would not admit null.
    type: String,
    enum: [...SLA_STATES, null],
    nullable: true,
    description:
      'Against the deadline, now: `overdue`, `due_soon` (by the end of the next working day) or `on_time`; null ' +
      'when the case is resolved or closed or has no deadline.',
  })
  sla: SlaState | null;

  @ApiProperty({
    description:
      'The case missed its current deadline and was escalated (`sla_breached` in its history: priority raised one ' +
      'step); false again once it is resolved or its deadline moves on.',
  })
  escalated: boolean;

  @ApiProperty(NULLABLE_INSTANT)
  resolvedAt: string | null;

  @ApiProperty(NULLABLE_INSTANT)
  closedAt: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Also sent as the `ETag` of the case.' })
  version: number;
}

export class CreatedCaseDto extends CaseDto {
  @ApiProperty({
    ...TRACKING_CODE,
    description: 'Given once: read it out to the resident, who needs it to follow the case. Only a hash is kept.',
  })
  trackingCode: string;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseDto] })
  items: CaseDto[];

  @ApiNextCursor()
  nextCursor: string | null;
}

export class CaseEventDto {
  @ApiProperty({ type: 'integer' })
  id: number;

  @ApiProperty({ example: 'status_changed' })
  type: string;

  @ApiProperty(INSTANT)
  at: string;

  @ApiProperty({ description: 'Username of the member of staff who made the change.' })
  actor: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What changed; depends on `type`.' })
  data: Record<string, unknown>;
}

export class CaseHistoryDto {
  @ApiProperty({ type: [CaseEventDto] })
  items: CaseEventDto[];
}

export class NoteDto {
  @ApiProperty({ type: 'integer' })
  id: number;

  @ApiProperty(INSTANT)
  at: string;

  @ApiProperty()
  actor: string;

  @ApiProperty()
  body: string;

  @ApiProperty(VISIBILITY)
  visibility: NoteVisibility;
}

export class TrackingCodeDto {
  @ApiProperty({
    ...TRACKING_CODE,
    description: 'Given once: read it out to the resident. The previous code no longer works; only a hash is kept.',
  })
  trackingCode: string;
}
