import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig, FailFastQueues, quietConnectionErrors } from '@app/core';

/**
 * The queues the board at /admin/queues shows: every queue of the system, under the worker's key prefix, over one
 * Redis connection of their own. Nothing waits for that connection: the api starts and serves everything else with
 * Redis down, and the board's calls fail at once (no offline queue) until Redis is back.
 */
@Injectable()
export class QueueBoard implements OnApplicationShutdown {
  private readonly all: FailFastQueues;
  readonly queues: readonly Queue[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const logger = new Logger(QueueBoard.name);
    this.all = new FailFastQueues(config, quietConnectionErrors(logger, 'Queue board cannot reach Redis, retrying'));
    this.queues = [...this.all.byName.values()];
  }

  /** Whether the board's connection is up (its calls would fail at once otherwise). */
  get reachable(): boolean {
    return this.all.status === 'ready';
  }

  onApplicationShutdown(): Promise<void> {
    return this.all.close();
  }
}
