import type { MonthlyVolumes } from '../../api/types';

/** One bar series of the chart and one column of the table: a group's count for each month of the range. */
export interface Series {
  key: string;
  label: string;
  values: number[];
}

export const TOTAL_KEY = '(total)';
const OTHER_KEY = '(other)';

// A stack of thirty categories is unreadable and no palette tells them apart: the largest groups keep their own
// series, the rest are summed as one (the CSV keeps every group).
const MAX_SERIES = 10;

/**
 * The series of a volumes report: one per group, largest first, or the months' totals when it is not grouped (or
 * no case fell in the range, so it has no groups).
 */
export function seriesOf(
  volumes: MonthlyVolumes,
  labels: { total: string; other: string; of(key: string): string },
): Series[] {
  const countsOf = (keys: string[]) =>
    volumes.months.map((month) => keys.reduce((sum, key) => sum + (month.groups?.[key] ?? 0), 0));
  const sumOf = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
  // The api lists every group in every month; a key missing from a month still counts (as 0) in the others.
  const keys = [...new Set(volumes.months.flatMap((month) => Object.keys(month.groups ?? {})))];
  if (!keys.length) {
    return [{ key: TOTAL_KEY, label: labels.total, values: volumes.months.map((month) => month.total) }];
  }
  const ranked = keys
    .map((key) => ({ key, label: labels.of(key), values: countsOf([key]) }))
    .sort((a, b) => sumOf(b.values) - sumOf(a.values) || a.label.localeCompare(b.label));
  if (ranked.length <= MAX_SERIES) return ranked;
  const rest = ranked.slice(MAX_SERIES - 1).map((series) => series.key);
  return [...ranked.slice(0, MAX_SERIES - 1), { key: OTHER_KEY, label: labels.other, values: countsOf(rest) }];
}

export function isGrouped(series: Series[]): boolean {
  return series[0]?.key !== TOTAL_KEY;
}
