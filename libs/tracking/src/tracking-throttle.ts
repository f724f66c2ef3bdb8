import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig, REDIS_CLIENT, WrongGuessThrottle } from '@app/core';

/**
 * Residents' wrong look-ups per client address (`TRACKING_FAILURES_PER_HOUR`, by default 100, in a fixed hour), as
 * core's {@link WrongGuessThrottle} counts them.
 */
@Injectable()
export class TrackingThrottle extends WrongGuessThrottle {
  constructor(@Inject(REDIS_CLIENT) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    super(redis, {
      keyPrefix: `${config.redisPrefix}tracking-fail`,
      points: config.trackingFailuresPerHour,
      windowSeconds: 60 * 60,
      code: 'too_many_tracking_look_ups',
      message: 'Too many wrong look-ups from your address; try again later.',
    });
  }
}
