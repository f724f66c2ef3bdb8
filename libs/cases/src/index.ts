export { CasesModule } from './cases.module';
export { CaseJobsModule } from './jobs/case-jobs.module';
export { CaseQueries } from './use-cases/case-queries';
export { IntakeCase } from './use-cases/intake-case.use-case';
export { CaseDto, CreateCaseDto, CreatedCaseDto } from './dto/case.dto';
export { CHANNELS, Channel, PRIORITIES, Priority } from './domain/case';
export { CASE_STATUSES, CaseStatus } from './domain/case-status';
export { formatCaseNumber, parseCaseNumber } from './domain/case-number';
