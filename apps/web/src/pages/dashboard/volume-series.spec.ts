import { describe, expect, it } from '@jest/globals';
import type { MonthlyVolumes } from '../../api/types';
import { isGrouped, seriesOf, TOTAL_KEY } from './volume-series';

const LABELS = { total: 'Cases', other: 'Other', of: (key: string) => `Group ${key}` };
const NAMES: Record<string, string> = { phone: 'Phone', email: 'E-mail', chat: 'Chat' };

/** A report of consecutive months from January 2020, each with its groups' counts (or only its total). */
function report(months: (Record<string, number> | number)[]): MonthlyVolumes {
  const rows = months.map((groups, index) => {
    const month = `2020-${String(index + 1).padStart(2, '0')}`;
    if (typeof groups === 'number') return { month, total: groups };
    return { month, total: Object.values(groups).reduce((sum, count) => sum + count, 0), groups };
  });
  const peak = rows.reduce((best, row) => (row.total > best.total ? row : best), rows[0]);
  return {
    from: rows[0].month,
    to: rows[rows.length - 1].month,
    total: rows.reduce((sum, row) => sum + row.total, 0),
    months: rows,
    peak: { month: peak.month, total: peak.total },
  };
}

/** Twelve groups g01..g12: in January g01 has 12 cases down to g12 with 1; in February each has 2. */
function twelveGroups(): MonthlyVolumes {
  const keys = Array.from({ length: 12 }, (_, index) => `g${String(index + 1).padStart(2, '0')}`);
  return report([
    Object.fromEntries(keys.map((key, index) => [key, 12 - index])),
    Object.fromEntries(keys.map((key) => [key, 2])),
  ]);
}

describe('the series of the monthly volumes chart and table', () => {
  it('is the months’ totals, as one series, when the report is not grouped', () => {
    const series = seriesOf(report([5, 0, 7]), LABELS);
    expect(series).toEqual([{ key: TOTAL_KEY, label: 'Cases', values: [5, 0, 7] }]);
    expect(isGrouped(series)).toBe(false);
  });

  it('is the months’ totals when grouped but no case fell in the range (no groups)', () => {
    const series = seriesOf(report([{}, {}]), LABELS);
    expect(series).toEqual([{ key: TOTAL_KEY, label: 'Cases', values: [0, 0] }]);
    expect(isGrouped(series)).toBe(false);
  });

  it('keeps up to ten groups each as its own series, the largest over the range first, ties by label', () => {
    const series = seriesOf(
      report([
        { phone: 1, email: 4, chat: 0 },
        { phone: 5, email: 2, chat: 6 },
      ]),
      { ...LABELS, of: (key) => NAMES[key] ?? key },
    );
    // 6 cases each over the range: a tie, so by label.
    expect(series).toEqual([
      { key: 'chat', label: 'Chat', values: [0, 6] },
      { key: 'email', label: 'E-mail', values: [4, 2] },
      { key: 'phone', label: 'Phone', values: [1, 5] },
    ]);
    expect(isGrouped(series)).toBe(true);

    const ranked = seriesOf(report([{ a: 1, b: 9, c: 3 }]), LABELS);
    expect(ranked.map((one) => [one.key, one.values])).toEqual([
      ['b', [9]],
      ['c', [3]],
      ['a', [1]],
    ]);
  });

  it('keeps exactly ten groups without an "other" series', () => {
    const groups = Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`k${index}`, index + 1]));
    const series = seriesOf(report([groups]), LABELS);
    expect(series).toHaveLength(10);
    expect(series.map((one) => one.key)).toEqual(['k9', 'k8', 'k7', 'k6', 'k5', 'k4', 'k3', 'k2', 'k1', 'k0']);
    expect(series.some((one) => one.label === 'Other')).toBe(false);
  });

  it('keeps the nine largest of more than ten groups and sums the rest as "other", month by month', () => {
    const volumes = twelveGroups();
    const series = seriesOf(volumes, LABELS);
    expect(series).toEqual([
      { key: 'g01', label: 'Group g01', values: [12, 2] },
      { key: 'g02', label: 'Group g02', values: [11, 2] },
      { key: 'g03', label: 'Group g03', values: [10, 2] },
      { key: 'g04', label: 'Group g04', values: [9, 2] },
      { key: 'g05', label: 'Group g05', values: [8, 2] },
      { key: 'g06', label: 'Group g06', values: [7, 2] },
      { key: 'g07', label: 'Group g07', values: [6, 2] },
      { key: 'g08', label: 'Group g08', values: [5, 2] },
      { key: 'g09', label: 'Group g09', values: [4, 2] },
      // g10 + g11 + g12: 3 + 2 + 1 in January, 2 + 2 + 2 in February.
      { key: '(other)', label: 'Other', values: [6, 6] },
    ]);
    expect(isGrouped(series)).toBe(true);
  });

  it('adds up, month by month and over the range, to the report’s totals', () => {
    const volumes = twelveGroups();
    const series = seriesOf(volumes, LABELS);
    const perMonth = volumes.months.map((_, index) => series.reduce((sum, one) => sum + one.values[index], 0));
    expect(perMonth).toEqual([78, 24]);
    expect(volumes.months.map((month) => month.total)).toEqual([78, 24]);
    expect(perMonth.reduce((sum, count) => sum + count, 0)).toBe(102);
    expect(volumes.total).toBe(102);
  });

  it('counts a group missing from some months as 0 there, not dropped', () => {
    const series = seriesOf(report([{ a: 2 }, { a: 1, b: 4 }]), LABELS);
    expect(series).toEqual([
      { key: 'b', label: 'Group b', values: [0, 4] },
      { key: 'a', label: 'Group a', values: [2, 1] },
    ]);
  });
});
