import { ApiProperty } from '@nestjs/swagger';
import { CASE_NUMBER_PATTERN, CASE_STATUSES, CaseStatus } from '@app/cases';

const INSTANT = { type: String, format: 'date-time' };

export class PublicNoteDto {
  @ApiProperty(INSTANT)
  at: string;

  @ApiProperty({ description: 'What staff wrote for the resident to read.' })
  body: string;
}

/** A case as its resident sees it: no personal data, no description, no internal notes, no staff names. */
export class TrackedCaseDto {
  @ApiProperty({ pattern: CASE_NUMBER_PATTERN.source, example: '2026-000042-7' })
  number: string;

  @ApiProperty({ enum: CASE_STATUSES, enumName: 'CaseStatus' })
  status: CaseStatus;

  @ApiProperty({ description: 'The kind of case, as the city names it.', example: 'Pothole' })
  categoryName: string;

  @ApiProperty({ type: String, nullable: true, description: 'The unit handling the case; null while none has it.' })
  unitName: string | null;

  @ApiProperty(INSTANT)
  receivedAt: string;

  @ApiProperty({ ...INSTANT, description: 'When the case itself last changed (notes leave it as it is).' })
  updatedAt: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Due date in Europe/Warsaw.' })
  dueDate: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'How the case was settled; null until it is.' })
  resolution: string | null;

  @ApiProperty({ type: [PublicNoteDto], description: 'The notes staff made public, oldest first.' })
  publicNotes: PublicNoteDto[];
}
