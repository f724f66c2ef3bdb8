import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig, clientKeyOf, DomainError, REDIS_CLIENT } from '@app/core';

/** Wrong or missing API keys one address may send in an hour before its POSTs are refused outright. */
export const WRONG_KEYS_PER_HOUR = 20;

/**
 * Open311's limits, in Redis so that they hold across api processes (an in-memory limiter stands in while Redis is
 * away): reads per client address, POSTs per API key, and wrong keys per address (an IPv6 address by its /64).
 */
@Injectable()
export class Open311Throttle {
  private readonly reads: RateLimiterRedis;
  private readonly posts: RateLimiterRedis;
  private readonly wrongKeys: RateLimiterRedis;

  constructor(@Inject(REDIS_CLIENT) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    const limiter = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.redisPrefix}open311:${name}`,
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
        // Without Redis, the in-memory limiter answers at once rather than each request waiting for a reconnection.
        rejectIfRedisNotReady: true,
      });
    this.reads = limiter('reads', config.open311ReadsPerMinute, 60);
    this.posts = limiter('posts', config.open311PostsPerMinute, 60);
    this.wrongKeys = limiter('wrong-keys', WRONG_KEYS_PER_HOUR, 3600);
  }

  async read(address: string): Promise<void> {
    await consume(this.reads, clientKeyOf(address), 'Too many requests from this address; slow down.');
  }

  /** Before the key is looked at: an address that sent too many wrong keys is refused whatever it sends now. */
  async checkKeyGuesses(address: string): Promise<void> {
    const state = await this.wrongKeys.get(clientKeyOf(address)).catch(() => null);
    if (state && state.consumedPoints >= WRONG_KEYS_PER_HOUR) throw tooMany(state, 'Too many wrong api_key values.');
  }

  async wrongKey(address: string): Promise<void> {
    await this.wrongKeys.consume(clientKeyOf(address)).catch(() => undefined);
  }

  async post(apiKeyId: string): Promise<void> {
    await consume(this.posts, apiKeyId, 'This api_key has posted too many requests; slow down.');
  }
}

async function consume(limiter: RateLimiterRedis, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) throw tooMany(outcome, message);
    throw outcome;
  }
}

function tooMany(state: RateLimiterRes, message: string): DomainError {
  return new DomainError('too_many_requests', message, 'too_many_requests', {
    retryAfterSeconds: state.msBeforeNext / 1000,
  });
}
