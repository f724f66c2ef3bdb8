import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsObject, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import {
  ACCESS_CODE_INPUT,
  ACCESS_CODE_INPUT_MAX_LENGTH,
  INSTANT_WITH_OFFSET,
  IsBusinessDate,
  IsInstant,
  IsOptionalNotNull,
} from '@app/core';
import { CATALOGUE_CODE_SCHEMA, IsCatalogueCode } from '@app/catalogue';
import { CASE_NUMBER_PATTERN } from '@app/cases';
import { VISIT_STATUSES, VisitStatus } from '../domain/visit';
import { DATE_SCHEMA } from './office.dto';

/** A phone a reminder can reach: 9 to 15 digits (E.164's longest), with spaces, + ( ) - as people write them. */
const PHONE = /^(?=.{9,32}$)\+?[ ()-]*(?:[0-9][ ()-]*){9,15}$/;
const INSTANT = { type: String, format: 'date-time' };
const STATUS = { enum: VISIT_STATUSES, enumName: 'VisitStatus' };

export class SlotDto {
  @ApiProperty(INSTANT)
  start: string;

  @ApiProperty(INSTANT)
  end: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Desks still free for the whole slot.' })
  free: number;
}

export class SlotListDto {
  @ApiProperty()
  officeCode: string;

  @ApiProperty()
  serviceCode: string;

  @ApiProperty(DATE_SCHEMA)
  date: string;

  @ApiProperty({
    type: [SlotDto],
    description:
      'The slots one may still book that day, full ones included (`free` 0); none on a closed day or outside the ' +
      'booking window (residents: tomorrow to 14 days ahead; staff with a token: from today).',
  })
  items: SlotDto[];
}

export class VisitResidentDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ type: String, pattern: PHONE.source, description: 'Digits, spaces, + ( ) -' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(PHONE, { message: 'phone must have 9 to 15 digits, spaces and + ( ) -' })
  phone?: string;

  @ApiPropertyOptional({ type: String, format: 'email', maxLength: 254 })
  @IsOptionalNotNull()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;
}

export class BookVisitDto {
  @ApiProperty(CATALOGUE_CODE_SCHEMA)
  @IsCatalogueCode()
  officeCode: string;

  @ApiProperty(CATALOGUE_CODE_SCHEMA)
  @IsCatalogueCode()
  serviceCode: string;

  @ApiProperty({
    format: 'date-time',
    pattern: INSTANT_WITH_OFFSET.source,
    description: 'The start of a slot, as `GET /visits/slots` lists it.',
    example: '2026-12-01T09:00:00+01:00',
  })
  @IsInstant()
  start: string;

  @ApiProperty({
    type: VisitResidentDto,
    description: 'A phone number or an e-mail address (or both): the reminder goes there.',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => VisitResidentDto)
  resident: VisitResidentDto;

  @ApiPropertyOptional({
    type: String,
    pattern: CASE_NUMBER_PATTERN.source,
    description: 'Staff only: the case the visit is for; its history records the booking.',
  })
  @IsOptionalNotNull()
  @IsString()
  @Matches(CASE_NUMBER_PATTERN, { message: 'caseNumber must be a case number, YYYY-NNNNNN-C' })
  caseNumber?: string;
}

/** What the public may see of a visit: no personal data. */
export class PublicVisitDto {
  @ApiProperty()
  officeCode: string;

  @ApiProperty()
  officeName: string;

  @ApiProperty()
  officeAddress: string;

  @ApiProperty()
  serviceCode: string;

  @ApiProperty()
  serviceName: string;

  @ApiProperty(INSTANT)
  start: string;

  @ApiProperty(INSTANT)
  end: string;

  @ApiProperty(STATUS)
  status: VisitStatus;
}

export class BookedVisitDto extends PublicVisitDto {
  @ApiProperty({
    description: 'The visit code: 8 characters of Crockford base32, shown this once. It reads and cancels the visit.',
    example: '7KQ2M9XD',
  })
  code: string;
}

export class VisitResidentViewDto {
  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;
}

/** A visit as the office's staff see it. */
export class StaffVisitDto extends PublicVisitDto {
  @ApiProperty({ format: 'uuid', description: 'Checks the visit in in place of its code.' })
  id: string;

  @ApiProperty({ type: 'integer' })
  desk: number;

  @ApiProperty({ type: VisitResidentViewDto })
  resident: VisitResidentViewDto;

  @ApiProperty({ type: String, nullable: true })
  caseNumber: string | null;

  @ApiProperty({ description: 'The member of staff who booked it, or `public`.' })
  bookedBy: string;

  @ApiProperty(INSTANT)
  createdAt: string;

  @ApiProperty({ ...INSTANT, nullable: true })
  checkedInAt: string | null;

  @ApiProperty({ ...INSTANT, nullable: true })
  cancelledAt: string | null;
}

export class DayListQueryDto {
  @ApiProperty(CATALOGUE_CODE_SCHEMA)
  @IsCatalogueCode()
  officeCode: string;

  @ApiPropertyOptional({ ...DATE_SCHEMA, description: 'A Europe/Warsaw date; by default today.' })
  @IsOptionalNotNull()
  @IsBusinessDate()
  date?: string;
}

export class DayListDto {
  @ApiProperty()
  officeCode: string;

  @ApiProperty(DATE_SCHEMA)
  date: string;

  @ApiProperty({ type: [StaffVisitDto], description: 'Every visit of the day, by start and desk.' })
  items: StaffVisitDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Always null: a day is served whole.' })
  nextCursor: null;
}

export class VisitCodeParams {
  @ApiProperty({
    pattern: ACCESS_CODE_INPUT.source,
    maxLength: ACCESS_CODE_INPUT_MAX_LENGTH,
    description: 'The visit code, in either case; hyphens are ignored.',
  })
  @IsString()
  code: string;
}

export class VisitCodeOrIdParams {
  @ApiProperty({
    maxLength: 36,
    description: 'The visit code (in either case, hyphens ignored), or the id the day list shows.',
  })
  @IsString()
  @MaxLength(36)
  code: string;
}
