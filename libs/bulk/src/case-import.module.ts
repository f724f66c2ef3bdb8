import { Module } from '@nestjs/common';
import { CaseImportStore } from './case-import.store';
import { ImportCases } from './use-cases/import-cases.use-case';

/** The case import alone: what the command line needs (`import:cases`). */
@Module({
  providers: [CaseImportStore, ImportCases],
  exports: [ImportCases],
})
export class CaseImportModule {}
