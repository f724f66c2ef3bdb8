import { Module } from '@nestjs/common';
import { BulkController } from './bulk.controller';
import { CaseExportStore } from './case-export.store';
import { CaseImportModule } from './case-import.module';
import { ExportCases } from './use-cases/export-cases.use-case';

/** Cases in bulk over HTTP: the CSV import (`POST /imports/cases`) and export (`GET /exports/cases`). */
@Module({
  imports: [CaseImportModule],
  controllers: [BulkController],
  providers: [CaseExportStore, ExportCases],
})
export class BulkModule {}
