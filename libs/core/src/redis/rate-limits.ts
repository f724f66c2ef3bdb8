import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../errors/domain-error';

export interface SharedRateLimit {
  /** Under `REDIS_PREFIX`, e.g. `${config.redisPrefix}login-fail:pair`. */
  keyPrefix: string;
  points: number;
  /** Seconds a window lasts. */
  duration: number;
  /** Seconds a key is refused once its points are used up (0: until its window ends). */
  blockDuration?: number;
}

/**
 * A limit counted in Redis, so that it holds across every api process. While Redis is not ready an in-memory limiter
 * of this process answers at once — the limit goes on, per process — rather than every request waiting for a
 * reconnection.
 */
export function sharedRateLimiter(redis: Redis, { keyPrefix, points, duration, blockDuration = 0 }: SharedRateLimit) {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration,
    blockDuration,
    insuranceLimiter: new RateLimiterMemory({ points, duration, blockDuration }),
    rejectIfRedisNotReady: true,
  });
}

/** The 429 of a used-up limit, with `Retry-After` for the rest of its window or block. */
export function tooManyRequests(code: string, message: string, state: RateLimiterRes): DomainError {
  return new DomainError(code, message, 'too_many_requests', { retryAfterSeconds: state.msBeforeNext / 1000 });
}

/** Counts one against `key`; past the allowance, {@link tooManyRequests}. Redis's own failures pass through. */
export async function consumeOrRefuse(
  limiter: RateLimiterRedis,
  key: string,
  code: string,
  message: string,
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) throw tooManyRequests(code, message, outcome);
    throw outcome;
  }
}
