import { DomainError } from '@app/core';
import { addMonths, openOverdueByMonth, peakOf, reportMonths } from './report-months';

describe('reportMonths', () => {
  // 2026-03-31T22:30Z is already 1 April in Warsaw (summer time).
  const now = new Date('2026-03-31T22:30:00Z');

  it('defaults to the twelve months up to the current Europe/Warsaw month', () => {
    const range = reportMonths({}, now);
    expect(range.from).toBe('2025-05');
    expect(range.to).toBe('2026-04');
    expect(range.months).toHaveLength(12);
  });

  it('completes a range given by one end to twelve months', () => {
    expect(reportMonths({ from: '2020-01' }, now)).toMatchObject({ from: '2020-01', to: '2020-12' });
    expect(reportMonths({ to: '2020-02' }, now)).toMatchObject({ from: '2019-03', to: '2020-02' });
  });

  it('lists every month across years, both ends included', () => {
    expect(reportMonths({ from: '2019-11', to: '2020-02' }, now).months).toEqual([
      '2019-11',
      '2019-12',
      '2020-01',
      '2020-02',
    ]);
    expect(reportMonths({ from: '2020-06', to: '2020-06' }, now).months).toEqual(['2020-06']);
  });

  it('allows 120 months and no more, and no range that ends before it starts', () => {
    expect(reportMonths({ from: '2016-12', to: '2026-11' }, now).months).toHaveLength(120);
    expect(() => reportMonths({ from: '2016-11', to: '2026-11' }, now)).toThrow(DomainError);
    expect(() => reportMonths({ from: '2020-02', to: '2020-01' }, now)).toThrow(
      'The range ends (2020-01) before it starts (2020-02).',
    );
  });
});

describe('addMonths', () => {
  it('crosses years both ways', () => {
    expect(addMonths('2020-12', 1)).toBe('2021-01');
    expect(addMonths('2020-01', -1)).toBe('2019-12');
    expect(addMonths('2020-06', -30)).toBe('2017-12');
    expect(addMonths('2020-06', 0)).toBe('2020-06');
  });
});

describe('peakOf', () => {
  it('takes the month with the most cases, the earliest of equals', () => {
    const months = [
      { month: '2020-05', total: 11_000 },
      { month: '2020-06', total: 12_369 },
      { month: '2020-07', total: 12_369 },
    ];
    expect(peakOf(months)).toEqual({ month: '2020-06', total: 12_369 });
    expect(peakOf([{ month: '2020-01', total: 0 }])).toEqual({ month: '2020-01', total: 0 });
  });
});

describe('openOverdueByMonth', () => {
  const range = reportMonths({ from: '2025-02', to: '2025-06' }, new Date());

  it('sums the changes from the first month counted, answers the current month from now, none for months to come', () => {
    const changes = new Map([
      ['2024-11', 3], // three became overdue before the range
      ['2025-01', -1],
      ['2025-03', 2],
      ['2025-04', -4],
    ]);
    expect(openOverdueByMonth(changes, range, '2025-05', 7)).toEqual([2, 4, 0, 7, null]);
  });

  it('counts every month as past when the range ended before the current one', () => {
    expect(openOverdueByMonth(new Map([['2025-06', 1]]), range, '2026-01', 9)).toEqual([0, 0, 0, 0, 1]);
  });
});
