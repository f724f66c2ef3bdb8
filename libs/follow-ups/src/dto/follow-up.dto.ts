import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ApiNextCursor, INSTANT_WITH_OFFSET, IsInstant, PageQueryDto } from '@app/core';
import { FOLLOW_UP_KINDS, FOLLOW_UP_STATUSES, FollowUpKind, FollowUpStatus } from '../domain/follow-up';

const NOT_BLANK = /\S/;
const KIND = { enum: FOLLOW_UP_KINDS, enumName: 'FollowUpKind' };
const STATUS = { enum: FOLLOW_UP_STATUSES, enumName: 'FollowUpStatus' };
const INSTANT = { type: String, format: 'date-time' };
const NULLABLE_INSTANT = { ...INSTANT, nullable: true };
const NULLABLE_TEXT = { type: String, nullable: true };

export class ScheduleFollowUpDto {
  @ApiProperty({ ...KIND, description: '`callback`: call the resident back; `reminder`: look at the case again.' })
  @IsIn(FOLLOW_UP_KINDS)
  kind: FollowUpKind;

  @ApiProperty({
    format: 'date-time',
    pattern: INSTANT_WITH_OFFSET.source,
    description: 'When it falls due: an instant with an offset, not in the past (5 minutes allowed), within a year.',
    example: '2026-06-01T09:30:00+02:00',
  })
  @IsInstant()
  dueAt: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    description: 'For whoever calls back. Never shown in the case history.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class CompleteFollowUpDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    pattern: NOT_BLANK.source,
    description: 'How it went.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(NOT_BLANK, { message: 'outcome must not be blank' })
  outcome?: string | null;
}

export class FollowUpIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

export class ListFollowUpsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ ...STATUS, default: 'due', description: 'Soonest first. `due`: the call-backs to make now.' })
  @IsOptional()
  @IsIn(FOLLOW_UP_STATUSES)
  status?: FollowUpStatus;

  @ApiPropertyOptional(KIND)
  @IsOptional()
  @IsIn(FOLLOW_UP_KINDS)
  kind?: FollowUpKind;
}

export class FollowUpDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '2026-000042-7' })
  caseNumber: string;

  @ApiProperty(KIND)
  kind: FollowUpKind;

  @ApiProperty(STATUS)
  status: FollowUpStatus;

  @ApiProperty(INSTANT)
  dueAt: string;

  @ApiProperty(NULLABLE_TEXT)
  note: string | null;

  @ApiProperty()
  createdBy: string;

  @ApiProperty(INSTANT)
  createdAt: string;

  @ApiProperty({ ...NULLABLE_INSTANT, description: 'When the worker made it due.' })
  becameDueAt: string | null;

  @ApiProperty({ ...NULLABLE_TEXT, description: 'Who completed or cancelled it.' })
  endedBy: string | null;

  @ApiProperty(NULLABLE_INSTANT)
  endedAt: string | null;

  @ApiProperty({ ...NULLABLE_TEXT, description: 'How a completed follow-up went.' })
  outcome: string | null;
}

/** A follow-up in the agents' list, with what a call-back needs of its case. */
export class ListedFollowUpDto extends FollowUpDto {
  @ApiProperty()
  caseSubject: string;

  @ApiProperty(NULLABLE_TEXT)
  residentName: string | null;

  @ApiProperty(NULLABLE_TEXT)
  residentPhone: string | null;
}

export class FollowUpPageDto {
  @ApiProperty({ type: [ListedFollowUpDto] })
  items: ListedFollowUpDto[];

  @ApiNextCursor()
  nextCursor: string | null;
}

export class CaseFollowUpsDto {
  @ApiProperty({ type: [FollowUpDto] })
  items: FollowUpDto[];
}
