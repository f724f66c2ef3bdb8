import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig, DomainError, REDIS_CLIENT } from '@app/core';

/** Failed sign-ins allowed per username, and per client address, before further attempts are refused. */
export const LOGIN_FAILURES_PER_USERNAME = 5;
export const LOGIN_FAILURES_PER_ADDRESS = 50;
const WINDOW_SECONDS = 15 * 60;

/**
 * Counts failed sign-ins in Redis, shared by every api process. When Redis is unreachable an in-memory
 * limiter stands in, so sign-in keeps working and keeps being throttled.
 */
@Injectable()
export class LoginThrottle {
  private readonly byUsername: RateLimiterRedis;
  private readonly byAddress: RateLimiterRedis;

  constructor(@Inject(REDIS_CLIENT) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    const limiter = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.redisPrefix}login-fail:${name}`,
        points,
        duration: WINDOW_SECONDS,
        blockDuration: WINDOW_SECONDS,
        insuranceLimiter: new RateLimiterMemory({ points, duration: WINDOW_SECONDS }),
      });
    this.byUsername = limiter('username', LOGIN_FAILURES_PER_USERNAME);
    this.byAddress = limiter('address', LOGIN_FAILURES_PER_ADDRESS);
  }

  /** Refuses (429) while either the username or the address has used up its failures. */
  async assertAllowed(username: string, address: string): Promise<void> {
    const [user, client] = await Promise.all([
      this.byUsername.get(usernameKey(username)),
      this.byAddress.get(address),
    ]);
    const blocked = [
      [user, LOGIN_FAILURES_PER_USERNAME],
      [client, LOGIN_FAILURES_PER_ADDRESS],
    ].filter(([state, points]) => state && (state as RateLimiterRes).consumedPoints >= (points as number));
    if (blocked.length > 0) {
      const waitMs = Math.max(...blocked.map(([state]) => (state as RateLimiterRes).msBeforeNext));
      throw new DomainError('too_many_login_attempts', 'Too many failed sign-ins; try again later.', 'too_many_requests', {
        retryAfterSeconds: waitMs / 1000,
      });
    }
  }

  async recordFailure(username: string, address: string): Promise<void> {
    // consume() rejects once the limit is passed; the next assertAllowed() reports that.
    await Promise.allSettled([this.byUsername.consume(usernameKey(username)), this.byAddress.consume(address)]);
  }

  async recordSuccess(username: string): Promise<void> {
    await this.byUsername.delete(usernameKey(username)).catch(() => undefined);
  }
}

function usernameKey(username: string): string {
  return username.toLowerCase();
}
