import { warsawToday } from '../../i18n/warsaw-time';

// Business months (`YYYY-MM`, Europe/Warsaw) as the reports take them.

/** The longest range the reports answer. */
export const MAX_MONTHS = 120;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(value: string | undefined): value is string {
  return !!value && MONTH.test(value);
}

function indexOf(month: string): number {
  const [year, number] = month.split('-').map(Number);
  return year * 12 + number - 1;
}

export function addMonths(month: string, count: number): string {
  const index = indexOf(month) + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many months `from`..`to` spans, both included. */
export function monthsBetween(from: string, to: string): number {
  return indexOf(to) - indexOf(from) + 1;
}

export function currentMonth(now = new Date()): string {
  return warsawToday(now).slice(0, 7);
}
