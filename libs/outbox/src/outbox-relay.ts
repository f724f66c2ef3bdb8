import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig, FailFastQueues, PollingLoop, QueueName, Sql } from '@app/core';
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
  private readonly queues: FailFastQueues;
  private readonly loop: PollingLoop;

  constructor(
    private readonly db: Sql,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Connection errors surface as the relay's own failures, reported once a minute.
    this.queues = new FailFastQueues(config, () => undefined);
    this.loop = new PollingLoop({
      name: 'Outbox relay',
      logger: new Logger(OutboxRelay.name),
      idleMs: config.outboxPollMs,
      step: async () => (await this.relayBatch()) === RELAY_BATCH_SIZE,
      // Its connection opens as the worker starts: not a failure to report. (Redis away at start is reported by the
      // queue workers' own connections.)
      ready: () => this.queues.status === 'ready',
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
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
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
