import { Logger } from '@nestjs/common';
import { ConnectionOptions, Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { atMostEvery } from '../logging/logger';
import { ALL_QUEUES, QueueName } from './queue-name';

/** The longest wait between two attempts to reconnect to Redis. */
const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * Where every queue of this system lives: one Redis, one key prefix (as the worker's BullModule root). After an
 * outage the workers reconnect within two seconds of Redis's return (BullMQ's own default backs off towards 20 s,
 * while the outbox relay is already filling the queues).
 */
export function queueConnection(config: AppConfig): { connection: ConnectionOptions; prefix: string } {
  return {
    connection: {
      url: config.redisUrl,
      maxRetriesPerRequest: null,
      retryStrategy: (attempt: number) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
    },
    prefix: queuePrefix(config),
  };
}

function queuePrefix(config: AppConfig): string {
  return `${config.redisPrefix}bull`;
}

/**
 * A handler for a queue connection's errors that logs one line a minute at most: BullMQ reports every failed
 * reconnect and recovers by itself.
 */
export function quietConnectionErrors(
  logger: Logger,
  saying = 'Queue connection failing, retrying',
): (error: Error) => void {
  const logDue = atMostEvery(60_000);
  return (error) => {
    if (logDue()) logger.warn(`${saying}: ${error.message}`);
  };
}

/**
 * Every queue of the system, under the workers' prefix, over one Redis connection of their own that fails fast (no
 * offline queue): for those that add to the queues or read them without working them (the outbox relay, the board),
 * so that nothing of theirs waits while Redis is away. Errors of the connection and the queues go to `onError`.
 */
export class FailFastQueues {
  private readonly connection: Redis;
  readonly byName: ReadonlyMap<QueueName, Queue>;

  constructor(config: AppConfig, onError: (error: Error) => void) {
    this.connection = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      // On shutdown without a connection, ioredis would wait this long for a socket that never opened.
      disconnectTimeout: 200,
    });
    this.connection.on('error', onError);
    this.byName = new Map(
      ALL_QUEUES.map((name) => {
        const queue = new Queue(name, { connection: this.connection, prefix: queuePrefix(config) });
        queue.on('error', onError);
        return [name, queue] as const;
      }),
    );
  }

  /** `ready` when connected (commands would fail at once otherwise). */
  get status(): string {
    return this.connection.status;
  }

  /** Queues on a shared connection leave it open: it is closed here, without waiting for one that never came. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.byName.values()].map((queue) => queue.close()));
    if (this.connection.status === 'ready') await this.connection.quit().catch(() => this.connection.disconnect());
    else this.connection.disconnect();
  }
}
