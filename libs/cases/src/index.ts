export { CasesModule } from './cases.module';
export { CaseJobsModule } from './jobs/case-jobs.module';
export { CasesService } from './cases.service';
export { CaseDto, CreateCaseDto, CreatedCaseDto } from './dto/case.dto';
export { CHANNELS, Channel, PRIORITIES, Priority } from './domain/case';
export { CASE_STATUSES, CaseStatus } from './domain/case-status';
export { formatCaseNumber, parseCaseNumber } from './domain/case-number';
