import { DateTime } from 'luxon';

/** The business calendar of the city hall: months, working days and due dates are counted here. */
export const BUSINESS_TIME_ZONE = 'Europe/Warsaw';

/**
 * The business day an instant was last found in, [from, until) in epoch ms. Intake asks for the date of "now" (its
 * receipt and its deadline) many times a second, and time-zone arithmetic is the costliest step of an intake: an
 * instant inside the same day is answered from here.
 */
let lastDay: { date: string; from: number; until: number } | null = null;

/** The Europe/Warsaw date (`YYYY-MM-DD`) of an instant. */
export function businessDateOf(instant: Date): string {
  const time = instant.getTime();
  if (lastDay && time >= lastDay.from && time < lastDay.until) return lastDay.date;
  const start = DateTime.fromMillis(time, { zone: BUSINESS_TIME_ZONE }).startOf('day');
  const date = start.toISODate();
  if (date === null) throw new RangeError(`Not a valid instant: ${instant}.`);
  lastDay = { date, from: start.toMillis(), until: start.plus({ days: 1 }).toMillis() };
  return date;
}

export function businessYear(instant: Date): number {
  return Number(businessDateOf(instant).slice(0, 4));
}

/** The first instant of a business date (`YYYY-MM-DD`). */
export function startOfBusinessDay(date: string): Date {
  return DateTime.fromISO(date, { zone: BUSINESS_TIME_ZONE }).startOf('day').toJSDate();
}

/** The first instant of the business date after `date`. */
export function startOfNextBusinessDay(date: string): Date {
  return DateTime.fromISO(date, { zone: BUSINESS_TIME_ZONE }).plus({ days: 1 }).startOf('day').toJSDate();
}
