export { CasesModule } from './cases.module';
export { CaseJobsModule } from './jobs/case-jobs.module';
export { CaseQueries } from './use-cases/case-queries';
export { IntakeCase, IntakeRequest } from './use-cases/intake-case.use-case';
export { CaseDto, CreateCaseDto, CreatedCaseDto, ListCasesQueryDto } from './dto/case.dto';
export { CaseFilter, caseFilterOf, CaseFilterQuery } from './use-cases/case-filter';
export { buildSearchText } from './domain/search-text';
export { CHANNELS, Channel, PRIORITIES, Priority } from './domain/case';
export { ALLOWED_TRANSITIONS, CASE_STATUSES, CaseStatus } from './domain/case-status';
export { formatCaseNumber, parseCaseNumber } from './domain/case-number';
export { CaseStore, OPEN_CASE } from './case.store';
export { CaseWriter, scopeOf } from './use-cases/case-writer';
export { CaseEventDraft, CaseState } from './domain/case';
export { isOpen, OPEN_STATUSES } from './domain/case-status';
export { SlaTimerProcessor } from './jobs/sla-timer.processor';
export { SlaSweepProcessor, TIMER_LOST_AFTER_MS } from './jobs/sla-sweep.processor';
export { SlaTimersUseCase, SYSTEM_ACTOR } from './use-cases/sla-timers.use-case';
export { isEscalated, planSlaTimers } from './domain/sla-timers';
export { ApiCaseNumber, BAD_NUMBER, BAD_NUMBER_OR_BODY, NO_SUCH_CASE } from './case-api-docs';
export {
  hashTrackingCode,
  normalizeTrackingCode,
  TRACKING_CODE_LENGTH,
  TRACKING_CODE_PATTERN,
} from './domain/tracking-code';
export { CASE_NUMBER_PATTERN } from './domain/case-number';
