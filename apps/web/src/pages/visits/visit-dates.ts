import { warsawToday } from '../../i18n/warsaw-time';

/** Days after a calendar date (`2026-11-30`), as a calendar date. */
export function addDays(ymd: string, days: number): string {
  const date = new Date(`${ymd}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The days one may book, on Warsaw dates as the api counts them: residents from tomorrow, staff from today. */
export function bookingWindow(staff: boolean, today = warsawToday()): { first: string; last: string } {
  return { first: staff ? today : addDays(today, 1), last: addDays(today, 14) };
}

/** The Warsaw calendar date of an instant. */
export function warsawDateOf(iso: string): string {
  return warsawToday(new Date(iso));
}
