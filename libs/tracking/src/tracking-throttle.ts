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

const WINDOW_SECONDS = 60 * 60;
const TOO_MANY = 'too_many_tracking_look_ups';
const TOO_MANY_MESSAGE = 'Too many wrong look-ups from your address; try again later.';

/**
 * Counts residents' wrong look-ups per client address (IPv6 by its /64) in Redis, shared by every api process
 * (`TRACKING_FAILURES_PER_HOUR`, by default 100, in a fixed hour). A look-up reads its address's count while its
 * statement runs (one Redis round trip, alongside); only a miss adds to it, atomically, so that a burst of parallel
 * wrong guesses is counted one by one and those past the limit are refused. When Redis is unreachable an in-memory
 * limiter of each process stands in.
 */
@Injectable()
export class TrackingThrottle {
  private readonly limiter: RateLimiterRedis;
  private readonly points: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.points = config.trackingFailuresPerHour;
    this.limiter = sharedRateLimiter(redis, {
      keyPrefix: `${config.redisPrefix}tracking-fail`,
      points: this.points,
      duration: WINDOW_SECONDS,
    });
  }

  /**
   * 429 when the address has used up its wrong look-ups, whatever this look-up would find. Every look-up asks, so the
   * answer for an address under its allowance is one plain GET of the limiter's counter (the limiter's own `get` is
   * a MULTI of two commands); past the allowance, or with Redis away, the limiter answers (with its insurance).
   */
  async check(address: string | undefined): Promise<void> {
    const key = clientKeyOf(address);
    const counted =
      this.redis.status === 'ready' ? await this.redis.get(this.limiter.getKey(key)).then(Number, () => null) : null;
    if (counted !== null && counted < this.points) return;
    const state = await this.limiter.get(key);
    if (state && state.consumedPoints >= this.points) throw tooManyRequests(TOO_MANY, TOO_MANY_MESSAGE, state);
  }

  /** Counts a wrong look-up; 429 when it is one past the allowance (a parallel guess that raced the check). */
  async countMiss(address: string | undefined): Promise<void> {
    await consumeOrRefuse(this.limiter, clientKeyOf(address), TOO_MANY, TOO_MANY_MESSAGE);
  }
}
