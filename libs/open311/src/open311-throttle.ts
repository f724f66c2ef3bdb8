import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import {
  APP_CONFIG,
  AppConfig,
  clientKeyOf,
  consumeOrRefuse,
  REDIS_CLIENT,
  sharedRateLimiter,
  tooManyRequests,
} from '@app/core';

/** Wrong or missing API keys one address may send in an hour before its POSTs are refused outright. */
export const WRONG_KEYS_PER_HOUR = 20;
const TOO_MANY = 'too_many_requests';

/**
 * Open311's limits, in Redis so that they hold across api processes: reads per client address, POSTs per API key,
 * and wrong keys per address (an IPv6 address by its /64).
 */
@Injectable()
export class Open311Throttle {
  private readonly reads: RateLimiterRedis;
  private readonly posts: RateLimiterRedis;
  private readonly wrongKeys: RateLimiterRedis;

  constructor(@Inject(REDIS_CLIENT) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    const limiter = (name: string, points: number, duration: number) =>
      sharedRateLimiter(redis, { keyPrefix: `${config.redisPrefix}open311:${name}`, points, duration });
    this.reads = limiter('reads', config.open311ReadsPerMinute, 60);
    this.posts = limiter('posts', config.open311PostsPerMinute, 60);
    this.wrongKeys = limiter('wrong-keys', WRONG_KEYS_PER_HOUR, 3600);
  }

  async read(address: string): Promise<void> {
    await consumeOrRefuse(
      this.reads,
      clientKeyOf(address),
      TOO_MANY,
      'Too many requests from this address; slow down.',
    );
  }

  /** Before the key is looked at: an address that sent too many wrong keys is refused whatever it sends now. */
  async checkKeyGuesses(address: string): Promise<void> {
    const state = await this.wrongKeys.get(clientKeyOf(address)).catch(() => null);
    if (state && state.consumedPoints >= WRONG_KEYS_PER_HOUR) {
      throw tooManyRequests(TOO_MANY, 'Too many wrong api_key values.', state);
    }
  }

  async wrongKey(address: string): Promise<void> {
    await this.wrongKeys.consume(clientKeyOf(address)).catch(() => undefined);
  }

  async post(apiKeyId: string): Promise<void> {
    await consumeOrRefuse(this.posts, apiKeyId, TOO_MANY, 'This api_key has posted too many requests; slow down.');
  }
}
