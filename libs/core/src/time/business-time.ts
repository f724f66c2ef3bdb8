import { DateTime } from 'luxon';

/** The business calendar of the city hall: months, working days and due dates are counted here. */
export const BUSINESS_TIME_ZONE = 'Europe/Warsaw';

/**
 * The business days instants were last found in, [from, until) in epoch ms, most recent first. Intake asks for the
 * date of "now" (its receipt) and of its deadline (its SLA warning) many times a second, and time-zone arithmetic is
 * the costliest step of an intake: an instant inside one of these days is answered from here.
 */
const recentDays: { date: string; from: number; until: number }[] = [];
const RECENT_DAYS_KEPT = 4;

/** The Europe/Warsaw date (`YYYY-MM-DD`) of an instant. */
export function businessDateOf(instant: Date): string {
  const time = instant.getTime();
  const known = recentDays.find((day) => time >= day.from && time < day.until);
  if (known) return known.date;
  const start = DateTime.fromMillis(time, { zone: BUSINESS_TIME_ZONE }).startOf('day');
  const date = start.toISODate();
  if (date === null) throw new RangeError(`Not a valid instant: ${instant}.`);
  recentDays.unshift({ date, from: start.toMillis(), until: start.plus({ days: 1 }).toMillis() });
  recentDays.length = Math.min(recentDays.length, RECENT_DAYS_KEPT);
  return date;
}

export function businessYear(instant: Date): number {
  return Number(businessDateOf(instant).slice(0, 4));
}

/** Days' first instants, worked out once each (bounded, as dates keep coming): every intake asks for its warning's. */
const startOfDayCache = new Map<string, number>();
const START_OF_DAY_CACHE_SIZE = 4096;

/** The first instant of a business date (`YYYY-MM-DD`). */
export function startOfBusinessDay(date: string): Date {
  let start = startOfDayCache.get(date);
  if (start === undefined) {
    start = DateTime.fromISO(date, { zone: BUSINESS_TIME_ZONE }).startOf('day').toMillis();
    if (startOfDayCache.size >= START_OF_DAY_CACHE_SIZE) startOfDayCache.clear();
    startOfDayCache.set(date, start);
  }
  return new Date(start);
}

/** The first instant of the business date after `date`. */
export function startOfNextBusinessDay(date: string): Date {
  // The next calendar date, from the date's own midnight in UTC (no time zone can make that a day's change).
  return startOfBusinessDay(new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10));
}
