import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { isIPv4, isIPv6 } from 'node:net';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig, consumeOrRefuse, REDIS_CLIENT, sharedRateLimiter } from '@app/core';

/**
 * Failed sign-ins allowed (successes are given back):
 * - per username from one client address: 5 in 15 minutes, then that pair waits 15 minutes;
 * - per client address, over all usernames: 50 in 15 minutes (an office behind one NAT address has room);
 * - per username, over all addresses: 50 in an hour. Past that ceiling only addresses the user signed in from in
 *   the last 30 days, and the city's own networks (`SIGNIN_TRUSTED_NETWORKS`), may still try, so distributed
 *   guessing stays bounded (at most 50 guesses an hour) while a stranger cannot lock the member of staff out of
 *   their desk or office.
 */
export const LOGIN_FAILURES_PER_USERNAME_AND_ADDRESS = 5;
export const LOGIN_FAILURES_PER_ADDRESS = 50;
export const LOGIN_FAILURES_PER_USERNAME = 50;
const PAIR_WINDOW_SECONDS = 15 * 60;
const USERNAME_WINDOW_SECONDS = 60 * 60;
const KNOWN_ADDRESS_SECONDS = 30 * 24 * 60 * 60;

/**
 * Counts sign-in attempts in Redis, shared by every api process; a successful one is given back, so in effect it
 * counts failures. When Redis is unreachable an in-memory limiter stands in, so sign-in keeps being throttled.
 */
@Injectable()
export class LoginThrottle {
  private readonly byPair: RateLimiterRedis;
  private readonly byAddress: RateLimiterRedis;
  private readonly byUsername: RateLimiterRedis;
  private readonly knownAddressPrefix: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const limiter = (name: string, points: number, duration: number, blockDuration = 0) =>
      sharedRateLimiter(redis, {
        keyPrefix: `${config.redisPrefix}login-fail:${name}`,
        points,
        duration,
        blockDuration,
      });
    this.byPair = limiter('pair', LOGIN_FAILURES_PER_USERNAME_AND_ADDRESS, PAIR_WINDOW_SECONDS, PAIR_WINDOW_SECONDS);
    this.byAddress = limiter('address', LOGIN_FAILURES_PER_ADDRESS, PAIR_WINDOW_SECONDS, PAIR_WINDOW_SECONDS);
    this.byUsername = limiter('username', LOGIN_FAILURES_PER_USERNAME, USERNAME_WINDOW_SECONDS);
    this.knownAddressPrefix = `${config.redisPrefix}login-known:`;
  }

  /**
   * Counts a sign-in attempt before the password is checked, so that a burst of parallel guesses is limited too:
   * against the (username, address) pair, then the address, then the username's ceiling, which an address the user
   * signed in from before may pass. A refused attempt costs the limits already charged nothing: a locked-out pair
   * cannot use up the allowance of the office's shared address.
   */
  async recordAttempt(username: string, address: string): Promise<void> {
    const keys = attemptKeys(username, address);
    await this.consume(this.byPair, keys.pair);
    try {
      await this.consume(this.byAddress, address);
    } catch (refusal) {
      await this.giveBack(this.byPair, keys.pair);
      throw refusal;
    }
    try {
      await this.consume(this.byUsername, keys.username);
    } catch (refusal) {
      if (this.isCityNetwork(address) || (await this.isKnownAddress(keys.pair))) return;
      await Promise.allSettled([this.giveBack(this.byPair, keys.pair), this.giveBack(this.byAddress, address)]);
      throw refusal;
    }
  }

  /**
   * A successful sign-in clears the pair's count, gives this attempt back to the address and the username, and
   * remembers the address as one the user signs in from.
   */
  async recordSuccess(username: string, address: string): Promise<void> {
    const keys = attemptKeys(username, address);
    await Promise.allSettled([
      this.byPair.delete(keys.pair),
      this.giveBack(this.byAddress, address),
      this.giveBack(this.byUsername, keys.username),
      this.redis.set(this.knownAddressPrefix + keys.pair, '1', 'EX', KNOWN_ADDRESS_SECONDS),
    ]);
  }

  /** An attempt that failed for another reason than the password (e.g. the database was down) does not count. */
  async cancelAttempt(username: string, address: string): Promise<void> {
    const keys = attemptKeys(username, address);
    await Promise.allSettled([
      this.giveBack(this.byPair, keys.pair),
      this.giveBack(this.byAddress, address),
      this.giveBack(this.byUsername, keys.username),
    ]);
  }

  private isCityNetwork(address: string): boolean {
    const networks = this.config.signInTrustedNetworks;
    // A server listening on IPv6 sees IPv4 clients as ::ffff:a.b.c.d.
    const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
    return isIPv4(plain) ? networks.check(plain, 'ipv4') : isIPv6(plain) && networks.check(plain, 'ipv6');
  }

  /** Whether the user signed in from this address lately; unknown (false) while Redis is unreachable. */
  private async isKnownAddress(pairKey: string): Promise<boolean> {
    return (await this.redis.exists(this.knownAddressPrefix + pairKey).catch(() => 0)) === 1;
  }

  private async consume(limiter: RateLimiterRedis, key: string): Promise<void> {
    await consumeOrRefuse(limiter, key, 'too_many_login_attempts', 'Too many failed sign-ins; try again later.');
  }

  /** Returns one point, if any was taken (a reward on a missing key would open a window with a bonus attempt). */
  private async giveBack(limiter: RateLimiterRedis, key: string): Promise<void> {
    const state = await limiter.get(key);
    if (state && state.consumedPoints > 0) await limiter.reward(key, 1);
  }
}

function attemptKeys(username: string, address: string): { username: string; pair: string } {
  const user = username.toLowerCase();
  return { username: user, pair: `${user}|${address}` };
}
