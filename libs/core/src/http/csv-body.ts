import { AddRouteConfig } from './route-options';

export const CSV_MEDIA_TYPE = 'text/csv';

/** The route config key of {@link ReadsCsvStream}, read by the api's `text/csv` body parser. */
export const READS_CSV_STREAM = 'readsCsvStream';

/**
 * The route reads a `text/csv` body itself, as a stream (`request.body` is the unread payload): nothing is buffered
 * and the 1 MiB body limit does not apply, so the route must count what it reads. Every other route refuses
 * `text/csv` (415), like any body but JSON.
 */
export const ReadsCsvStream = () => AddRouteConfig({ [READS_CSV_STREAM]: true });
