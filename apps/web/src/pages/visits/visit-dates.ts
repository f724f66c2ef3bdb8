import { addDays, warsawToday } from '../../i18n/warsaw-time';

/** The days one may book, on Warsaw dates as the api counts them: residents from tomorrow, staff from today. */
export function bookingWindow(staff: boolean, today = warsawToday()): { first: string; last: string } {
  return { first: staff ? today : addDays(today, 1), last: addDays(today, 14) };
}
