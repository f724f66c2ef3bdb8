import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsObject,
  IsString,
  Length,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import {
  ApiNextCursor,
  BUSINESS_DATE_PATTERN as DATE_PATTERN,
  IsBusinessDate,
  IsOptionalNotNull,
  PageQueryDto,
} from '@app/core';
import { CATALOGUE_CODE_SCHEMA, IsCatalogueCode } from '@app/catalogue';
import { LOCAL_TIME, WeeklyHours } from '../domain/opening-hours';
import { MAX_VISIT_MINUTES, MIN_VISIT_MINUTES } from '../domain/visit';

export const DATE_SCHEMA = { type: String, format: 'date', pattern: DATE_PATTERN.source, example: '2026-12-01' };

const MAX_INTERVALS_PER_DAY = 8;
const MAX_CLOSED_DATES = 400;

/** A list of `["HH:MM", "HH:MM"]` pairs. */
const IsLocalIntervals = () =>
  ValidateBy({
    name: 'isLocalIntervals',
    validator: {
      validate: (value: unknown) =>
        Array.isArray(value) &&
        value.length <= MAX_INTERVALS_PER_DAY &&
        value.every(
          (pair) =>
            Array.isArray(pair) &&
            pair.length === 2 &&
            pair.every((time) => typeof time === 'string' && LOCAL_TIME.test(time)),
        ),
      defaultMessage: (args) =>
        `${args?.property} must be at most ${MAX_INTERVALS_PER_DAY} pairs of local times, [["08:00", "16:00"]]`,
    },
  });

const INTERVALS_SCHEMA = {
  type: 'array',
  maxItems: MAX_INTERVALS_PER_DAY,
  items: {
    type: 'array',
    minItems: 2,
    maxItems: 2,
    items: { type: 'string', pattern: LOCAL_TIME.source },
  },
  example: [['08:00', '16:00']],
} as const;

const day = (name: string) => ({ ...INTERVALS_SCHEMA, description: `${name}; none or absent: closed.` });

/** ISO weekdays, Europe/Warsaw local times. */
export class WeeklyHoursDto {
  @ApiPropertyOptional(day('Monday'))
  @IsOptionalNotNull()
  @IsLocalIntervals()
  '1'?: [string, string][];

  @ApiPropertyOptional(day('Tuesday'))
  @IsOptionalNotNull()
  @IsLocalIntervals()
  '2'?: [string, string][];

  @ApiPropertyOptional(day('Wednesday'))
  @IsOptionalNotNull()
  @IsLocalIntervals()
  '3'?: [string, string][];

  @ApiPropertyOptional(day('Thursday'))
  @IsOptionalNotNull()
  @IsLocalIntervals()
  '4'?: [string, string][];

  @ApiPropertyOptional(day('Friday'))
  @IsOptionalNotNull()
  @IsLocalIntervals()
  '5'?: [string, string][];

  @ApiPropertyOptional(day('Saturday'))
  @IsOptionalNotNull()
  @IsLocalIntervals()
  '6'?: [string, string][];

  @ApiPropertyOptional(day('Sunday'))
  @IsOptionalNotNull()
  @IsLocalIntervals()
  '7'?: [string, string][];
}

export class OpeningHoursDto {
  @ApiProperty({
    type: WeeklyHoursDto,
    description: 'Per ISO weekday ("1" Monday … "7" Sunday), its opening intervals in Europe/Warsaw local time.',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  weekly: WeeklyHoursDto;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'date', pattern: DATE_PATTERN.source },
    maxItems: MAX_CLOSED_DATES,
    description: 'Days the office is closed besides Polish public holidays, which are always closed.',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_CLOSED_DATES)
  @IsBusinessDate({ each: true })
  closedDates?: string[];
}

export class CreateOfficeDto {
  @ApiProperty({ ...CATALOGUE_CODE_SCHEMA, example: 'zom-srodmiescie' })
  @IsCatalogueCode()
  code: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'ZOM Śródmieście' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ minLength: 1, maxLength: 300, example: 'ul. Nowe Ogrody 8/12, 80-803 Gdańsk' })
  @IsString()
  @Length(1, 300)
  address: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, description: 'Desks serving booked visits at once.' })
  @IsInt()
  @Min(1)
  @Max(100)
  desks: number;
}

export class OfficeHoursDto {
  @ApiProperty({ type: WeeklyHoursDto, description: 'Every ISO weekday, `[]` when closed.' })
  weekly: WeeklyHours;

  @ApiProperty({ type: [String], format: 'date' })
  closedDates: string[];
}

export class OfficeDto {
  @ApiProperty(CATALOGUE_CODE_SCHEMA)
  code: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  address: string;

  @ApiProperty({ type: 'integer' })
  desks: number;

  @ApiProperty({ type: OfficeHoursDto, description: 'Europe/Warsaw local times; Polish public holidays are closed.' })
  openingHours: OfficeHoursDto;

  @ApiProperty({ type: [String], description: 'The visit services booked at this office.' })
  serviceCodes: string[];
}

export class OfficePageDto {
  @ApiProperty({ type: [OfficeDto] })
  items: OfficeDto[];

  @ApiNextCursor()
  nextCursor: string | null;
}

export class OfficeCodeParams {
  @ApiProperty(CATALOGUE_CODE_SCHEMA)
  @IsCatalogueCode()
  code: string;
}

export class CreateVisitServiceDto {
  @ApiProperty({ ...CATALOGUE_CODE_SCHEMA, example: 'dowod-osobisty' })
  @IsCatalogueCode()
  code: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Wniosek o dowód osobisty' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({
    type: 'integer',
    minimum: MIN_VISIT_MINUTES,
    maximum: MAX_VISIT_MINUTES,
    description: 'The length of one visit, and of a slot.',
  })
  @IsInt()
  @Min(MIN_VISIT_MINUTES)
  @Max(MAX_VISIT_MINUTES)
  durationMinutes: number;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', pattern: CATALOGUE_CODE_SCHEMA.pattern, minLength: 2, maxLength: 64 },
    minItems: 1,
    maxItems: 100,
    description: 'The offices that book this service.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsCatalogueCode({ each: true })
  officeCodes: string[];
}

export class VisitServiceDto {
  @ApiProperty(CATALOGUE_CODE_SCHEMA)
  code: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: 'integer' })
  durationMinutes: number;

  @ApiProperty({ type: [String] })
  officeCodes: string[];
}

export class VisitServicePageDto {
  @ApiProperty({ type: [VisitServiceDto] })
  items: VisitServiceDto[];

  @ApiNextCursor()
  nextCursor: string | null;
}

export class ListOfficesQueryDto extends PageQueryDto {}
