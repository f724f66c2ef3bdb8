import { Module } from '@nestjs/common';
import { TrackCase } from './track-case.use-case';
import { TrackingStore } from './tracking.store';
import { TrackingThrottle } from './tracking-throttle';

/**
 * The residents' door: a case followed by its number and tracking code, without a token (issue #9). Its route is a
 * plain Fastify one, mounted by the api with `mountTrackingRoute` (ADR 0018).
 */
@Module({
  providers: [TrackCase, TrackingStore, TrackingThrottle],
  exports: [TrackCase],
})
export class TrackingModule {}
