import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { BUSINESS_DATE_PATTERN as DATE_PATTERN, CHANNELS, Channel, IsBusinessDate } from '@app/core';
import { CATALOGUE_CODE_SCHEMA, IsCatalogueCode } from '@app/catalogue';
import { MAX_REPORT_MONTHS, MONTH_PATTERN } from '../domain/report-months';
import { REPORT_DIMENSIONS, ReportDimension } from '../reporting.store';

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
const DIMENSIONS = Object.keys(REPORT_DIMENSIONS) as ReportDimension[];

const MONTH = { type: String, pattern: MONTH_PATTERN.source, example: '2020-06' };
const INSTANT = { type: String, format: 'date-time' };
const COUNT = { type: Number, minimum: 0 };
const COUNTS_BY_KEY = { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } } as const;
const TIME_ZONE = { type: String, enum: ['Europe/Warsaw'] };

const IsMonth = () => Matches(MONTH_PATTERN, { message: ({ property }) => `${property} must be a month, YYYY-MM` });

export class ReportFormatQueryDto {
  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    description: '`csv` answers with the same table as CSV (as `Accept: text/csv` does).',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class MonthRangeQueryDto extends ReportFormatQueryDto {
  @ApiPropertyOptional({
    ...MONTH,
    description: `First month (Europe/Warsaw); by default 11 months before \`to\`. At most ${MAX_REPORT_MONTHS} months.`,
  })
  @IsOptional()
  @IsMonth()
  from?: string;

  @ApiPropertyOptional({
    ...MONTH,
    description: 'Last month, included; by default 11 months after `from`, or the current month.',
  })
  @IsOptional()
  @IsMonth()
  to?: string;
}

export class MonthlyVolumesQueryDto extends MonthRangeQueryDto {
  @ApiPropertyOptional({ enum: DIMENSIONS, description: 'Counts each month per channel, category or unit too.' })
  @IsOptional()
  @IsIn(DIMENSIONS)
  groupBy?: ReportDimension;

  @ApiPropertyOptional({ enum: CHANNELS, enumName: 'Channel' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional(CATALOGUE_CODE_SCHEMA)
  @IsOptional()
  @IsCatalogueCode()
  categoryCode?: string;

  @ApiPropertyOptional(CATALOGUE_CODE_SCHEMA)
  @IsOptional()
  @IsCatalogueCode()
  unitCode?: string;
}

export class IntakeQueryDto {
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    pattern: DATE_PATTERN.source,
    example: '2020-06-15',
    description: 'A Europe/Warsaw date; by default today.',
  })
  @IsOptional()
  @IsBusinessDate()
  @IsISO8601({ strict: true }, { message: 'date must be a real date (no 31 February)' })
  date?: string;
}

export class MonthVolumeDto {
  @ApiProperty(MONTH)
  month: string;

  @ApiProperty(COUNT)
  total: number;

  @ApiPropertyOptional({
    ...COUNTS_BY_KEY,
    description:
      "With `groupBy`: the month's cases per channel, category or unit code (`(none)`: no unit), every key of the " +
      'range listed in every month, zeros included; they add up to `total`.',
  })
  groups?: Record<string, number>;
}

export class PeakMonthDto {
  @ApiProperty(MONTH)
  month: string;

  @ApiProperty(COUNT)
  total: number;
}

export class MonthlyVolumesDto {
  @ApiProperty(TIME_ZONE)
  timezone: 'Europe/Warsaw';

  @ApiProperty(MONTH)
  from: string;

  @ApiProperty(MONTH)
  to: string;

  @ApiPropertyOptional({ enum: DIMENSIONS })
  groupBy?: ReportDimension;

  @ApiProperty(COUNT)
  total: number;

  @ApiProperty({
    type: [MonthVolumeDto],
    description: 'Every month of the range, zeros included; a case counts in the month of its receipt.',
  })
  months: MonthVolumeDto[];

  @ApiProperty({ type: PeakMonthDto, description: 'The month with the most cases (the earliest of equals).' })
  peak: PeakMonthDto;
}

export class SlaMonthDto {
  @ApiProperty(MONTH)
  month: string;

  @ApiProperty({ ...COUNT, description: 'Cases resolved in the month (Europe/Warsaw month of `resolvedAt`).' })
  resolved: number;

  @ApiProperty({ ...COUNT, description: 'Of those, resolved by their `dueAt` (or without one).' })
  resolvedOnTime: number;

  @ApiProperty({ ...COUNT, description: 'Of those, resolved after their `dueAt`.' })
  resolvedLate: number;

  @ApiProperty({
    ...COUNT,
    nullable: true,
    description: "Cases open at the month's end (this month: now) whose `dueAt` had passed; null for months to come.",
  })
  openOverdue: number | null;
}

export class SlaReportDto {
  @ApiProperty(TIME_ZONE)
  timezone: 'Europe/Warsaw';

  @ApiProperty(MONTH)
  from: string;

  @ApiProperty(MONTH)
  to: string;

  @ApiProperty({ type: [SlaMonthDto] })
  months: SlaMonthDto[];
}

export class BacklogByStatusDto {
  @ApiProperty(COUNT)
  new: number;

  @ApiProperty(COUNT)
  assigned: number;

  @ApiProperty(COUNT)
  in_progress: number;

  @ApiProperty(COUNT)
  waiting: number;
}

export class UnitBacklogDto {
  @ApiProperty({ type: String, nullable: true, description: 'null: cases no unit was found for yet.' })
  unitCode: string | null;

  @ApiProperty(COUNT)
  open: number;

  @ApiProperty({ type: BacklogByStatusDto })
  byStatus: BacklogByStatusDto;

  @ApiProperty({ ...INSTANT, nullable: true })
  oldestReceivedAt: string | null;

  @ApiProperty({
    ...COUNT,
    nullable: true,
    description: "Europe/Warsaw calendar days from the oldest open case's receipt to today.",
  })
  oldestAgeDays: number | null;
}

export class BacklogReportDto {
  @ApiProperty(INSTANT)
  asOf: string;

  @ApiProperty({
    type: [UnitBacklogDto],
    description: 'Every unit of the catalogue (zeros included) by code, then cases without a unit if any are open.',
  })
  units: UnitBacklogDto[];
}

/** Cases received in an hour, a day or a week: in all, and per channel. */
export class ChannelCountsDto {
  @ApiProperty(COUNT)
  total: number;

  @ApiProperty({ ...COUNTS_BY_KEY, description: 'Per channel, every channel listed.' })
  byChannel: Record<string, number>;
}

export class IntakeHourDto extends ChannelCountsDto {
  @ApiProperty({ ...INSTANT, description: "The hour's first instant." })
  from: string;

  @ApiProperty({ type: String, example: '09:00', description: 'Its local time (twice 02:00 on the October change).' })
  hour: string;
}

export class IntakeDayDto extends ChannelCountsDto {
  @ApiProperty({ type: String, format: 'date' })
  date: string;
}

export class IntakeWeekDto {
  @ApiProperty({ type: String, format: 'date', description: 'Monday.' })
  from: string;

  @ApiProperty({ type: String, format: 'date', description: 'Sunday.' })
  to: string;

  @ApiProperty(COUNT)
  total: number;

  @ApiProperty({ type: [IntakeDayDto] })
  days: IntakeDayDto[];
}

/** The day's counts are its own (`total`, `byChannel`); then its hours and its week. */
export class IntakeReportDto extends IntakeDayDto {
  @ApiProperty(TIME_ZONE)
  timezone: 'Europe/Warsaw';

  @ApiProperty({ type: [IntakeHourDto], description: 'Each hour of the day (23 or 25 on the days clocks change).' })
  hours: IntakeHourDto[];

  @ApiProperty({ type: IntakeWeekDto, description: 'The week (Monday to Sunday) of the date, per day.' })
  week: IntakeWeekDto;
}

export const VISIT_REPORT_DIMENSIONS = ['office', 'service'] as const;
export type VisitReportDimension = (typeof VISIT_REPORT_DIMENSIONS)[number];

export class VisitsReportQueryDto extends MonthRangeQueryDto {
  @ApiPropertyOptional({ enum: VISIT_REPORT_DIMENSIONS, description: 'Counts each month per office or service too.' })
  @IsOptional()
  @IsIn(VISIT_REPORT_DIMENSIONS)
  groupBy?: VisitReportDimension;
}

export class VisitCountsDto {
  @ApiProperty({ ...COUNT, description: 'Every visit booked for the month, whatever became of it.' })
  booked: number;

  @ApiProperty({ ...COUNT, description: 'Of those, the residents who checked in.' })
  checkedIn: number;

  @ApiProperty({ ...COUNT, description: 'Of those, cancelled.' })
  cancelled: number;

  @ApiProperty({ ...COUNT, description: 'Of those, ended without a check-in.' })
  noShow: number;
}

export class VisitMonthDto extends VisitCountsDto {
  @ApiProperty(MONTH)
  month: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/VisitCountsDto' },
    description: 'With `groupBy`: the counts per office or service code (every key that has a visit in the range).',
  })
  groups?: Record<string, VisitCountsDto>;
}

export class VisitsReportDto {
  @ApiProperty(TIME_ZONE)
  timezone: string;

  @ApiProperty(MONTH)
  from: string;

  @ApiProperty(MONTH)
  to: string;

  @ApiPropertyOptional({ enum: VISIT_REPORT_DIMENSIONS })
  groupBy?: VisitReportDimension;

  @ApiProperty({
    type: [VisitMonthDto],
    description: 'Every month of the range, zeros included; a visit counts in the Europe/Warsaw month of its start.',
  })
  months: VisitMonthDto[];

  @ApiProperty({ type: VisitCountsDto })
  total: VisitCountsDto;
}
