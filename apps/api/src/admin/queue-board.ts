import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { ALL_QUEUES, APP_CONFIG, AppConfig, atMostEvery } from '@app/core';

/**
 * The queues the board at /admin/queues shows: every queue of the system, under the worker's key prefix, over one
 * Redis connection of their own. Nothing waits for that connection: the api starts and serves everything else with
 * Redis down, and the board's calls fail at once (no offline queue) until Redis is back.
 */
@Injectable()
export class QueueBoard implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueBoard.name);
  private readonly connectionErrorLogDue = atMostEvery(60_000);
  private readonly connection: Redis;
  readonly queues: readonly Queue[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connection = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      // On shutdown without a connection, ioredis would wait this long for a socket that never opened.
      disconnectTimeout: 200,
    });
    const onError = (error: Error) => {
      if (this.connectionErrorLogDue()) this.logger.warn(`Queue board cannot reach Redis, retrying: ${error.message}`);
    };
    this.connection.on('error', onError);
    this.queues = ALL_QUEUES.map((name) => {
      // The same prefix as the worker's (apps/worker/src/worker.module.ts), so the board sees the worker's jobs.
      const queue = new Queue(name, { connection: this.connection, prefix: `${config.redisPrefix}bull` });
      queue.on('error', onError);
      return queue;
    });
  }

  /** Whether the board's connection is up (its calls would fail at once otherwise). */
  get reachable(): boolean {
    return this.connection.status === 'ready';
  }

  async onApplicationShutdown(): Promise<void> {
    // Queues on a shared connection leave it open; it is closed here, without waiting for one that never came.
    await Promise.allSettled(this.queues.map((queue) => queue.close()));
    if (this.connection.status === 'ready') await this.connection.quit().catch(() => this.connection.disconnect());
    else this.connection.disconnect();
  }
}
