export { TrackingModule } from './tracking.module';
export { NO_SUCH_TRACKED_CASE } from './track-case.use-case';
export { TRACKING_LOOKUP_SQL } from './tracking.store';
export { describeTrackingRoute, mountTrackingRoute } from './tracking.route';
