import { businessDateOf, invalid } from '@app/core';

/** The longest range of months one report covers: ten years. */
export const MAX_REPORT_MONTHS = 120;
/** Months ending by default with the current one. */
export const DEFAULT_REPORT_MONTHS = 12;

/** Months from 2000 (the earliest year a case may be received in) to 9989 (ten years to spare before 9999). */
export const MONTH_PATTERN = /^(2\d{3}|[3-8]\d{3}|9[0-8]\d{2}|99[0-8]\d)-(0[1-9]|1[0-2])$/;

/** A range of Europe/Warsaw months (`YYYY-MM`), both ends included. */
export interface MonthRange {
  from: string;
  to: string;
  /** Every month of the range, in order. */
  months: string[];
}

/**
 * The months a report covers: `from`..`to`, by default the twelve months up to the current one (Europe/Warsaw at
 * `now`); at most {@link MAX_REPORT_MONTHS}. Both ends given as `YYYY-MM` (the DTO checked the pattern).
 */
export function reportMonths(query: { from?: string; to?: string }, now: Date): MonthRange {
  const to = query.to ?? (query.from ? addMonths(query.from, DEFAULT_REPORT_MONTHS - 1) : monthOf(businessDateOf(now)));
  const from = query.from ?? addMonths(to, 1 - DEFAULT_REPORT_MONTHS);
  const count = monthIndex(to) - monthIndex(from) + 1;
  if (count < 1) {
    throw invalid('invalid_month_range', `The range ends (${to}) before it starts (${from}).`, [
      { field: 'to', message: 'must not be before from' },
    ]);
  }
  if (count > MAX_REPORT_MONTHS) {
    throw invalid('invalid_month_range', `${count} months asked for; a report covers at most ${MAX_REPORT_MONTHS}.`, [
      { field: 'to', message: `must be at most ${MAX_REPORT_MONTHS} months after from` },
    ]);
  }
  return { from, to, months: Array.from({ length: count }, (_, offset) => addMonths(from, offset)) };
}

/** The month (`YYYY-MM`) of a business date (`YYYY-MM-DD`). */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The first day (`YYYY-MM-01`) of a month. */
export function firstDayOf(month: string): string {
  return `${month}-01`;
}

export function addMonths(month: string, count: number): string {
  const index = monthIndex(month) + count;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** The month with the most cases; the earliest of equals. */
export function peakOf<T extends { month: string; total: number }>(
  months: readonly T[],
): { month: string; total: number } {
  const peak = months.reduce((best, month) => (month.total > best.total ? month : best), months[0]);
  return { month: peak.month, total: peak.total };
}

/**
 * Cases open and overdue at the end of each month of `range`, from the rollups' overdue changes per month (+1 in
 * the month a case became overdue, −1 in the month it stopped being open: summed up to a month, those still open
 * and overdue at its end). The current month is counted at `now` instead (`overdueNow`, from the cases themselves);
 * months after it have not ended: null.
 */
export function openOverdueByMonth(
  changes: ReadonlyMap<string, number>,
  range: MonthRange,
  currentMonth: string,
  overdueNow: number,
): (number | null)[] {
  let running = 0;
  for (const [month, change] of changes) if (month < range.from) running += change;
  return range.months.map((month) => {
    running += changes.get(month) ?? 0;
    if (month === currentMonth) return overdueNow;
    return month > currentMonth ? null : running;
  });
}
