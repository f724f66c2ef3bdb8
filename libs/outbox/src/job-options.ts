import type { JobsOptions } from 'bullmq';

/**
 * How every relayed job is retried and kept. Eight attempts with exponential backoff from one second span about four
 * minutes (1 + 2 + … + 128 s) — enough to ride out a database restart; after that the job waits among the failed ones,
 * visible on the board at /admin/queues, until someone re-drives it. Completed jobs are kept a day (at most 50,000),
 * failed ones a month.
 */
export const RELAYED_JOB_OPTIONS: Readonly<JobsOptions> = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * The job id of an outbox row: the same however often the row is relayed (a relay that dies after adding the jobs
 * but before marking them sent adds them again, and BullMQ keeps the first), and new for every row, so that a timer
 * planned again is a job of its own. Processors never rely on it for idempotency: they check the rows' state.
 */
export function jobIdOf(name: string, outboxId: string): string {
  return `${name}-${outboxId}`;
}
