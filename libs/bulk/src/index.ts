export { BulkModule } from './bulk.module';
export { CaseImportModule } from './case-import.module';
export { MAX_IMPORT_BYTES } from './bulk.controller';
export { ImportCases, ImportOptions, ImportResult } from './use-cases/import-cases.use-case';
export { CaseImportStore } from './case-import.store';
export { IMPORT_COLUMNS, RowError } from './domain/import-row';
