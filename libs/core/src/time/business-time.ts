import { DateTime } from 'luxon';

/** The business calendar of the city hall: months, working days and due dates are counted here. */
export const BUSINESS_TIME_ZONE = 'Europe/Warsaw';

export function businessYear(instant: Date): number {
  return DateTime.fromJSDate(instant, { zone: BUSINESS_TIME_ZONE }).year;
}

/** The first instant of a business date (`YYYY-MM-DD`). */
export function startOfBusinessDay(date: string): Date {
  return DateTime.fromISO(date, { zone: BUSINESS_TIME_ZONE }).startOf('day').toJSDate();
}

/** The first instant of the business date after `date`. */
export function startOfNextBusinessDay(date: string): Date {
  return DateTime.fromISO(date, { zone: BUSINESS_TIME_ZONE }).plus({ days: 1 }).startOf('day').toJSDate();
}
