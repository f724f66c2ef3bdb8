import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig, atMostEvery, FailFastQueues, QueueName, Sql } from '@app/core';
import { jobIdOf, RELAYED_JOB_OPTIONS } from './job-options';

/** Rows moved per transaction. */
export const RELAY_BATCH_SIZE = 1000;
/** A relay that cannot reach Redis gives up on a batch after this long (and leaves it pending). */
const REDIS_TIMEOUT_MS = 5000;

interface PendingRow {
  id: string;
  queue: string;
  name: string;
  payload: Record<string, string>;
  run_at: Date;
}

/**
 * Moves pending outbox rows to BullMQ and marks them relayed, in one transaction per batch: the rows stay locked
 * (`FOR UPDATE SKIP LOCKED`) while their jobs are added, so relays in several worker processes never take the same
 * row, and a batch whose jobs could not be added stays pending for the next try. A row may reach BullMQ twice (the
 * relay died between adding and committing); its job id is the same both times.
 *
 * It polls while idle and goes straight on while there is a backlog. Its Redis connection fails fast instead of
 * queueing commands while Redis is away, so an outage costs a retry every few seconds and nothing else.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly failureLogDue = atMostEvery(60_000);
  private readonly queues: FailFastQueues;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private failing = false;

  constructor(
    private readonly db: Sql,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Connection errors surface as the relay's own failures, reported once a minute.
    this.queues = new FailFastQueues(config, () => undefined);
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.queues.close();
  }

  /** Relays one batch; returns how many rows it moved. Exposed for tests and benchmarks. */
  async relayBatch(): Promise<number> {
    // Commands would wait for a connection (BullMQ waits for it even without an offline queue) and pile up.
    if (this.queues.status !== 'ready') throw new Error(`Redis is not connected (${this.queues.status})`);
    return this.db.transaction(async (client) => {
      // Only queues this worker knows: rows a newer version wrote for a queue of its own wait for a worker that
      // knows it, and hold up nothing else.
      const { rows } = await client.query<PendingRow>(
        `SELECT id, queue, name, payload, run_at FROM outbox
          WHERE relayed_at IS NULL AND queue = ANY($2::text[])
          ORDER BY id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [RELAY_BATCH_SIZE, [...this.queues.byName.keys()]],
      );
      if (rows.length === 0) return 0;
      await withTimeout(this.addJobs(rows), REDIS_TIMEOUT_MS);
      await client.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [
        rows.map((row) => row.id),
      ]);
      return rows.length;
    });
  }

  private async addJobs(rows: PendingRow[]): Promise<void> {
    const now = Date.now();
    const byQueue = new Map<Queue, PendingRow[]>();
    for (const row of rows) {
      const queue = this.queues.byName.get(row.queue as QueueName)!;
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), row]);
    }
    await Promise.all(
      [...byQueue].map(([queue, queued]) =>
        queue.addBulk(
          queued.map((row) => ({
            name: row.name,
            data: row.payload,
            opts: {
              ...RELAYED_JOB_OPTIONS,
              jobId: jobIdOf(row.name, row.id),
              delay: Math.max(0, row.run_at.getTime() - now),
            },
          })),
        ),
      ),
    );
  }

  private async run(): Promise<void> {
    // Its connection opens as the worker starts: not a failure to report. (Redis away at start is reported by the
    // queue workers' own connections.)
    while (this.running && this.queues.status !== 'ready') await this.sleep(this.config.outboxPollMs);
    while (this.running) {
      let relayed = 0;
      try {
        relayed = await this.relayBatch();
        if (this.failing) this.logger.log('Outbox relay working again');
        this.failing = false;
      } catch (error) {
        this.failing = true;
        if (this.failureLogDue()) this.logger.warn(`Outbox relay failing, retrying: ${(error as Error).message}`);
      }
      // Straight on while a backlog lasts; after a failure, a pause long enough not to spin.
      if (relayed < RELAY_BATCH_SIZE) await this.sleep(this.failing ? 1000 : this.config.outboxPollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
