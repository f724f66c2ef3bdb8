import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig, DomainError, REDIS_CLIENT } from '@app/core';

/** Sign-in attempts allowed per username, and per client address, in a window (successes are given back). */
export const LOGIN_FAILURES_PER_USERNAME = 5;
export const LOGIN_FAILURES_PER_ADDRESS = 50;
const WINDOW_SECONDS = 15 * 60;

/**
 * Counts sign-in attempts in Redis, shared by every api process; a successful one is given back, so in effect it
 * counts failures. When Redis is unreachable an in-memory limiter stands in, so sign-in keeps being throttled.
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

  /**
   * Counts a sign-in attempt against the username, then the address, before the password is checked, so that a
   * burst of parallel guesses is limited too; refuses (429) once either has used up its allowance. A refused attempt
   * costs the other side nothing: a locked-out agent cannot use up the allowance of the office's shared address.
   */
  async recordAttempt(username: string, address: string): Promise<void> {
    await this.consume(this.byUsername, usernameKey(username));
    try {
      await this.consume(this.byAddress, address);
    } catch (refusal) {
      await this.giveBack(this.byUsername, usernameKey(username));
      throw refusal;
    }
  }

  /** A successful sign-in clears the username's count and gives the address its attempt back. */
  async recordSuccess(username: string, address: string): Promise<void> {
    await Promise.allSettled([this.byUsername.delete(usernameKey(username)), this.giveBack(this.byAddress, address)]);
  }

  /** An attempt that failed for another reason than the password (e.g. the database was down) does not count. */
  async cancelAttempt(username: string, address: string): Promise<void> {
    await Promise.allSettled([
      this.giveBack(this.byUsername, usernameKey(username)),
      this.giveBack(this.byAddress, address),
    ]);
  }

  private async consume(limiter: RateLimiterRedis, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) throw outcome;
      throw new DomainError(
        'too_many_login_attempts',
        'Too many failed sign-ins; try again later.',
        'too_many_requests',
        {
          retryAfterSeconds: outcome.msBeforeNext / 1000,
        },
      );
    }
  }

  /** Returns one point, if any was taken (a reward on a missing key would open a window with a bonus attempt). */
  private async giveBack(limiter: RateLimiterRedis, key: string): Promise<void> {
    const state = await limiter.get(key);
    if (state && state.consumedPoints > 0) await limiter.reward(key, 1);
  }
}

function usernameKey(username: string): string {
  return username.toLowerCase();
}
