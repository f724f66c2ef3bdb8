import Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { clientKeyOf } from '../http/client-key';
import { consumeOrRefuse, sharedRateLimiter, tooManyRequests } from './rate-limits';

export interface WrongGuessLimit {
  /** Under `REDIS_PREFIX`, e.g. `${config.redisPrefix}tracking-fail`. */
  keyPrefix: string;
  /** Wrong guesses an address may make in the window. */
  points: number;
  windowSeconds: number;
  /** The problem's code and detail once they are used up. */
  code: string;
  message: string;
}

/**
 * Counts the wrong guesses of a secret code (a tracking code, a visit code) per client address (IPv6 by its /64) in
 * Redis, shared by every api process. A look-up reads its address's count while its statement runs (one Redis round
 * trip, alongside); only a miss adds to it, atomically, so that a burst of parallel wrong guesses is counted one by
 * one and those past the limit are refused. When Redis is unreachable an in-memory limiter of each process stands in.
 */
export class WrongGuessThrottle {
  private readonly limiter: RateLimiterRedis;

  constructor(
    private readonly redis: Redis,
    private readonly limit: WrongGuessLimit,
  ) {
    this.limiter = sharedRateLimiter(redis, {
      keyPrefix: limit.keyPrefix,
      points: limit.points,
      duration: limit.windowSeconds,
    });
  }

  /**
   * 429 when the address has used up its wrong guesses, whatever this look-up would find. Every look-up asks, so the
   * answer for an address under its allowance is one plain GET of the limiter's counter (the limiter's own `get` is
   * a MULTI of two commands); past the allowance, or with Redis away, the limiter answers (with its insurance).
   */
  async check(address: string | undefined): Promise<void> {
    const key = clientKeyOf(address);
    const counted =
      this.redis.status === 'ready' ? await this.redis.get(this.limiter.getKey(key)).then(Number, () => null) : null;
    if (counted !== null && counted < this.limit.points) return;
    const state = await this.limiter.get(key);
    if (state && state.consumedPoints >= this.limit.points) {
      throw tooManyRequests(this.limit.code, this.limit.message, state);
    }
  }

  /** Counts a wrong guess; 429 when it is one past the allowance (a parallel guess that raced the check). */
  async countMiss(address: string | undefined): Promise<void> {
    await consumeOrRefuse(this.limiter, clientKeyOf(address), this.limit.code, this.limit.message);
  }
}
