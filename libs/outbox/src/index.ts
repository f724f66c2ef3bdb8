export { jobIdOf, RELAYED_JOB_OPTIONS } from './job-options';
export { OutboxMessage, outboxParameter, queueInOutbox } from './outbox-message';
export { OUTBOX_KEEP_RELAYED_MS, OUTBOX_PURGE_SCHEDULE_ID, OutboxPurgeProcessor } from './outbox-purge.processor';
export { OutboxRelay, RELAY_BATCH_SIZE } from './outbox-relay';
export { OutboxRelayModule } from './outbox-relay.module';
