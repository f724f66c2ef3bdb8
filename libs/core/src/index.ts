export { AppConfig, APP_CONFIG, appConfigFromEnv, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from './config/app-config';
export { AppConfigModule } from './config/config.module';
export { loadEnvironment } from './config/load-environment';
export { DatabaseModule } from './database/database.module';
export { dataSourceOptions, runMigrations } from './database/data-source';
export { Sql } from './database/sql';
export { ConcurrencyLimit } from './concurrency-limit';
export {
  isDatabaseUnavailable,
  pgConstraint,
  pgErrorCode,
  PG_DEADLOCK_DETECTED,
  PG_EXCLUSION_VIOLATION,
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
} from './database/pg-errors';
export { SealedBox } from './crypto/sealed-box';
export {
  ACCESS_CODE_INPUT,
  ACCESS_CODE_INPUT_MAX_LENGTH,
  ACCESS_CODE_LENGTH,
  ACCESS_CODE_PATTERN,
  generateAccessCode,
  hashAccessCode,
  isAccessCodeInput,
  normalizeAccessCode,
} from './crypto/access-code';
export { CSV_MEDIA_TYPE, READS_CSV_STREAM, ReadsCsvStream } from './http/csv-body';
export { clientKeyOf } from './http/client-key';
export {
  ErrorRenderer,
  FORM_MEDIA_TYPE,
  loggablePathOf,
  parseFormBody,
  READS_FORM,
  ReadsForm,
  RendersErrors,
  SECRET_IN_PATH,
  SecretInPath,
} from './http/route-options';
export { DomainError, DomainErrorKind, FieldError, conflict, invalid, notFound } from './errors/domain-error';
export { ProblemDetails, ProblemDetailsFilter, sendProblem, toProblem } from './errors/problem-details.filter';
export { SafeInputPipe } from './errors/safe-input.pipe';
export {
  INSTANT_WITH_OFFSET,
  IsBusinessDate,
  IsInstant,
  IsOptionalNotNull,
  createValidationPipe,
  flattenValidationErrors,
} from './errors/validation';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  Page,
  decodeCursor,
  decodeInstantIdCursor,
  encodeCursor,
  invalidCursor,
  isCanonicalInstant,
  isUuid,
  toPage,
} from './pagination/cursor';
export { ApiNextCursor, PageQueryDto } from './pagination/page-query.dto';
export { createApiDocument, schemaChildrenOf } from './openapi/api-document';
export { ApiProblems, problemResponse } from './openapi/api-problems.decorator';
export { REDIS_CLIENT, RedisModule } from './redis/redis.module';
export { consumeOrRefuse, sharedRateLimiter, tooManyRequests } from './redis/rate-limits';
export { WrongGuessLimit, WrongGuessThrottle } from './redis/wrong-guess-throttle';
export {
  BUSINESS_TIME_ZONE,
  businessDateOf,
  businessYear,
  startOfBusinessDay,
  startOfNextBusinessDay,
} from './time/business-time';
export {
  addCalendarDays,
  addMonthsClamped,
  addWorkingDays,
  BUSINESS_DATE_PATTERN,
  calendarDaysBetween,
  endOfBusinessDay,
  firstWorkingDayOnOrAfter,
  isBusinessDate,
  isPublicHoliday,
  isWorkingDay,
  nextWorkingDayAfter,
  previousWorkingDayBefore,
} from './time/business-calendar';
export { CHANNELS, Channel, PRIORITIES, Priority } from './vocabulary/case-vocabulary';
export { foldForSearch } from './text/fold';
export { atMostEvery, createRootLogger, PinoNestLogger } from './logging/logger';
export { ALL_QUEUES, QueueName } from './queues/queue-name';
export { QuietWorkerHost, repeatEvery } from './queues/scheduled-job';
export { PollingLoop, PollingLoopOptions } from './queues/polling-loop';
export { isFinalAttempt, QueueWorker } from './queues/queue-worker';
export { FailFastQueues, queueConnection, quietConnectionErrors } from './queues/queue-connections';
