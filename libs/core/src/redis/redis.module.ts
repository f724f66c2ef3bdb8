import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    // quit() waits for a connection that may never come; without one, just stop reconnecting.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

/** Logs an outage once (ioredis retries every few seconds and would otherwise print each failure). */
function reportConnectionErrors(redis: Redis): void {
  const logger = new Logger('Redis');
  let reported = false;
  redis.on('error', (error: Error) => {
    if (!reported) logger.warn(`Redis unreachable, retrying: ${error.message}`);
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) logger.log('Redis reachable again');
    reported = false;
  });
}

/** One shared ioredis client per process for rate limits and health; BullMQ keeps connections of its own. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const redis = new Redis(config.redisUrl, {
          // Fail fast when Redis is down so that callers fall back instead of waiting for it.
          maxRetriesPerRequest: 1,
          connectTimeout: 2000,
          // On shutdown without a connection, ioredis waits this long for a socket that never opened (default 2 s,
          // which kept test runs and stopping processes alive).
          disconnectTimeout: 200,
          // Commands issued in the same tick go out in one write: under load every public look-up reads a
          // counter here, and the socket writes, not Redis, were the cost.
          enableAutoPipelining: true,
        });
        reportConnectionErrors(redis);
        return redis;
      },
    },
    RedisShutdown,
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule {}
