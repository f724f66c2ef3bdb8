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
  WrongGuessThrottle,
} from '@app/core';

/**
 * Wrong visit codes per client address, as tracking counts wrong look-ups (`TRACKING_FAILURES_PER_HOUR` in a fixed
 * hour, counted apart from tracking's), and the public's bookings per address (`VISIT_BOOKINGS_PER_MINUTE`): enough
 * for a family at one computer, too few for a script to empty a day's slots.
 */
@Injectable()
export class VisitThrottle extends WrongGuessThrottle {
  private readonly bookings: RateLimiterRedis;

  constructor(@Inject(REDIS_CLIENT) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    super(redis, {
      keyPrefix: `${config.redisPrefix}visit-code-fail`,
      points: config.trackingFailuresPerHour,
      windowSeconds: 60 * 60,
      code: 'too_many_visit_look_ups',
      message: 'Too many wrong visit codes from your address; try again later.',
    });
    this.bookings = sharedRateLimiter(redis, {
      keyPrefix: `${config.redisPrefix}visit-bookings`,
      points: config.visitBookingsPerMinute,
      duration: 60,
    });
  }

  /** Counts a booking by the public; 429 past the allowance. */
  async countPublicBooking(address: string | undefined): Promise<void> {
    await consumeOrRefuse(
      this.bookings,
      clientKeyOf(address),
      'too_many_bookings',
      'Too many bookings from your address; try again in a minute.',
    );
  }
}
