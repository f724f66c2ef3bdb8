import { ApiProperty, PickType } from '@nestjs/swagger';
import { ListCasesQueryDto } from '@app/cases';

export class ImportResultDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cases created from the file.' })
  imported: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Rows whose external_ref was imported before: they changed nothing.',
  })
  duplicates: number;
}

/** The filters of `GET /cases`, with the same rules (and nothing else: no paging, the export is whole). */
export class ExportCasesQueryDto extends PickType(ListCasesQueryDto, [
  'status',
  'unitCode',
  'categoryCode',
  'channel',
  'receivedFrom',
  'receivedTo',
] as const) {}
