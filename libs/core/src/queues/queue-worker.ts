import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { pgErrorCode } from '../database/pg-errors';
import { queueConnection, quietConnectionErrors } from './queue-connections';
import { QueueName } from './queue-name';

/** Whether this was the job's last attempt: it now lies among the failed jobs until someone re-drives it. */
export function isFinalAttempt(job: Job): boolean {
  return job.attemptsMade >= (job.opts.attempts ?? 1);
}

/**
 * A BullMQ worker for one queue, sized and timed from the configuration (`QUEUE_CONCURRENCY`, `QUEUE_LOCK_MS`), as a
 * processor decorator's fixed options cannot be. On shutdown it stops taking jobs and waits for the running ones
 * before anything else closes (the database pool included); a worker killed outright loses its hold on its jobs
 * after the lock time, and another worker runs them again (BullMQ's stalled-job check).
 */
export abstract class QueueWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected abstract readonly queueName: QueueName;
  protected abstract readonly logger: Logger;
  worker?: Worker;

  constructor(protected readonly config: AppConfig) {}

  /** Handles one job; `token` lets it put the job back (see {@link Job.moveToDelayed}). */
  abstract process(job: Job, token?: string): Promise<unknown>;

  /**
   * Passes `result` on, unless it asks to come back later (the job ran before its instant): then the job is put back
   * among the delayed ones until `notBefore`, which BullMQ does not count as an attempt. Without a token (a direct
   * call, not BullMQ's) the result itself is returned.
   */
  protected async unlessEarly<T extends object>(
    job: Job,
    token: string | undefined,
    result: T | { notBefore: Date },
  ): Promise<T | { notBefore: Date }> {
    if (!('notBefore' in result) || !token) return result;
    await job.moveToDelayed(result.notBefore.getTime(), token);
    throw new DelayedError();
  }

  /** Called once a job has failed for the last time; by default only logged. */
  protected onFinalFailure(_job: Job): Promise<void> {
    return Promise.resolve();
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker(this.queueName, (job, token) => this.process(job, token), {
      ...queueConnection(this.config),
      concurrency: this.config.queueConcurrency,
      lockDuration: this.config.queueLockMs,
      stalledInterval: this.config.queueLockMs,
    });
    this.worker.on('error', quietConnectionErrors(this.logger));
    this.worker.on('failed', (job, error) => {
      if (!job) return;
      const final = isFinalAttempt(job);
      this.logger.warn(
        `Job ${job.name} ${job.id} failed (attempt ${job.attemptsMade}${final ? ', the last' : ''}): ` +
          describeFailure(error),
      );
      if (final) {
        this.onFinalFailure(job).catch((cause: Error) =>
          this.logger.error(`Could not record the failure of job ${job.id}: ${cause.message}`),
        );
      }
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}

/**
 * What a log line may say of a failure: a database error by its SQLSTATE only (its message can quote the values it
 * refused), anything else by its message (our own errors, and connection errors, name no person).
 */
function describeFailure(error: Error): string {
  const code = pgErrorCode(error);
  return code && /^[0-9A-Z]{5}$/.test(code) ? `PostgreSQL error ${code}` : error.message;
}
