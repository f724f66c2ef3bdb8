import Holidays from 'date-holidays';
import fc from 'fast-check';
import {
  addCalendarDays,
  addMonthsClamped,
  addWorkingDays,
  calendarDaysBetween,
  endOfBusinessDay,
  firstWorkingDayOnOrAfter,
  isPublicHoliday,
  isWorkingDay,
  nextWorkingDayAfter,
  previousWorkingDayBefore,
} from './business-calendar';
import { businessDateOf } from './business-time';

// Expected dates below were checked against a printed calendar and the statutory list of Polish public holidays.

const businessDates = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T12:00:00Z'), noInvalidDate: true })
  .map(businessDateOf);

describe('businessDateOf', () => {
  it.each([
    [
      '00:30 on 1 March in winter (CET) is 1 March, though still 28 Feb in UTC',
      '2025-02-28T23:30:00.000Z',
      '2025-03-01',
    ],
    [
      '00:30 on 1 July in summer (CEST) is 1 July, though still 30 June in UTC',
      '2025-06-30T22:30:00.000Z',
      '2025-07-01',
    ],
    ['the last millisecond of 1 March in winter is still 1 March', '2025-03-01T22:59:59.999Z', '2025-03-01'],
    ['the first millisecond of 2 March in winter is 2 March', '2025-03-01T23:00:00.000Z', '2025-03-02'],
    ['01:59 CET just before the spring change is 30 March', '2025-03-30T00:59:59.999Z', '2025-03-30'],
    ['03:00 CEST just after the spring change is 30 March', '2025-03-30T01:00:00.000Z', '2025-03-30'],
    ['23:30 CET on the autumn change day is still 26 October', '2025-10-26T22:30:00.000Z', '2025-10-26'],
    ['00:30 CET on New Year 2026 is 1 January, though 31 Dec in UTC', '2025-12-31T23:30:00.000Z', '2026-01-01'],
  ])('%s', (_reason, instant, date) => {
    expect(businessDateOf(new Date(instant))).toBe(date);
  });

  it('rejects an invalid Date', () => {
    expect(() => businessDateOf(new Date('not a date'))).toThrow(RangeError);
  });

  it('answers from the day it remembers only inside that day: both edges, and across the spring change', () => {
    expect(businessDateOf(new Date('2025-03-30T12:00:00.000Z'))).toBe('2025-03-30');
    expect(businessDateOf(new Date('2025-03-29T22:59:59.999Z'))).toBe('2025-03-29');
    expect(businessDateOf(new Date('2025-03-29T23:00:00.000Z'))).toBe('2025-03-30');
    // 30 March 2025 has 23 hours: it ends at 22:00 UTC (midnight CEST), not 23:00.
    expect(businessDateOf(new Date('2025-03-30T21:59:59.999Z'))).toBe('2025-03-30');
    expect(businessDateOf(new Date('2025-03-30T22:00:00.000Z'))).toBe('2025-03-31');
    expect(businessDateOf(new Date('2025-03-30T22:30:00.000Z'))).toBe('2025-03-31');
  });
});

describe('isPublicHoliday', () => {
  it.each([
    ['2025-01-01', true, 'New Year'],
    ['2025-01-06', true, 'Epiphany'],
    ['2010-01-06', false, 'Epiphany — a public holiday only since 2011'],
    ['2024-03-31', true, 'Easter Sunday'],
    ['2024-04-01', true, 'Easter Monday'],
    ['2025-04-20', true, 'Easter Sunday'],
    ['2025-04-21', true, 'Easter Monday'],
    ['2025-04-18', false, 'Good Friday — a working day in Poland'],
    ['2026-04-05', true, 'Easter Sunday'],
    ['2026-04-06', true, 'Easter Monday'],
    ['2025-05-01', true, 'Labour Day'],
    ['2025-05-02', false, 'Flag Day — observed, but not a day off'],
    ['2025-05-03', true, 'Constitution Day'],
    ['2025-06-08', true, 'Pentecost Sunday'],
    ['2025-06-09', false, 'Pentecost Monday — not a holiday in Poland'],
    ['2025-06-19', true, 'Corpus Christi (Thursday)'],
    ['2026-06-04', true, 'Corpus Christi (Thursday)'],
    ['2025-08-15', true, 'Assumption'],
    ['2025-11-01', true, "All Saints' (Saturday)"],
    ['2026-11-01', true, "All Saints' (Sunday)"],
    ['2025-11-11', true, 'Independence Day'],
    ['2024-12-24', false, 'Christmas Eve — a holiday only from 2025'],
    ['2025-12-24', true, 'Christmas Eve'],
    ['2024-12-25', true, 'Christmas Day'],
    ['2024-12-26', true, 'Boxing Day'],
    ['2025-12-25', true, 'Christmas Day'],
    ['2025-12-26', true, 'Boxing Day'],
    ['2025-12-31', false, "New Year's Eve — not a day off"],
    ['2025-04-26', false, 'an ordinary Saturday — a weekend day, not a holiday'],
    ['2025-04-22', false, 'an ordinary Tuesday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isPublicHoliday(date)).toBe(expected);
  });

  it('works out the holidays of a year once, then only looks them up', () => {
    const getHolidays = jest.spyOn(Holidays.prototype, 'getHolidays');
    try {
      const daysOf2037 = Array.from({ length: 365 }, (_, day) => addCalendarDays('2037-01-01', day));
      daysOf2037.forEach(isWorkingDay);
      daysOf2037.forEach(isPublicHoliday);
      expect(getHolidays.mock.calls.filter(([year]) => year === 2037)).toHaveLength(1);
    } finally {
      getHolidays.mockRestore();
    }
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2025-04-22', true, 'an ordinary Tuesday'],
    ['2025-04-19', false, 'Saturday'],
    ['2025-04-27', false, 'Sunday'],
    ['2025-04-21', false, 'Easter Monday'],
    ['2025-04-18', true, 'Good Friday'],
    ['2025-05-02', true, 'Flag Day, Friday'],
    ['2025-06-19', false, 'Corpus Christi, Thursday'],
    ['2025-06-20', true, 'the Friday after Corpus Christi'],
    ['2025-08-15', false, 'Assumption, Friday'],
    ['2025-11-11', false, 'Independence Day, Tuesday'],
    ['2024-12-24', true, 'Christmas Eve 2024, a Tuesday before the law changed'],
    ['2025-12-24', false, 'Christmas Eve 2025, a Wednesday and a holiday'],
    ['2025-12-31', true, "New Year's Eve, Wednesday"],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it.each(['2025-02-30', '2025-4-1', '2025-04-17T10:00', '2025-W16-4', ''])('rejects %j as a business date', (date) => {
    expect(() => isWorkingDay(date)).toThrow(RangeError);
  });
});

describe('addCalendarDays', () => {
  it.each([
    ['into the spring DST change day', '2025-03-29', 1, '2025-03-30'],
    ['across the spring DST change (a 23-hour day)', '2025-03-29', 2, '2025-03-31'],
    ['across the autumn DST change (a 25-hour day)', '2025-10-25', 2, '2025-10-27'],
    ['onto 29 February in a leap year', '2024-02-28', 1, '2024-02-29'],
    ['past 28 February in a common year', '2025-02-28', 1, '2025-03-01'],
    ['into the next year', '2025-12-31', 1, '2026-01-01'],
    ['backwards into the previous year', '2025-01-10', -10, '2024-12-31'],
  ])('%s: %s + %i → %s', (_reason, date, days, expected) => {
    expect(addCalendarDays(date, days)).toBe(expected);
  });
});

describe('addMonthsClamped', () => {
  it.each([
    ['31 January + 1 in a common year → 28 February', '2025-01-31', 1, '2025-02-28'],
    ['31 January + 1 in a leap year → 29 February', '2024-01-31', 1, '2024-02-29'],
    ['31 March + 1 → 30 April, April has no 31st', '2025-03-31', 1, '2025-04-30'],
    ['30 November + 1 → 30 December, not the last day', '2025-11-30', 1, '2025-12-30'],
    ['31 August + 6 → 28 February', '2025-08-31', 6, '2026-02-28'],
    ['15 January + 12 → 15 January of the next year', '2025-01-15', 12, '2026-01-15'],
    ['29 February 2024 + 12 → 28 February 2025', '2024-02-29', 12, '2025-02-28'],
    ['28 February + 1 → 28 March, not the end of March', '2025-02-28', 1, '2025-03-28'],
  ])('%s', (_reason, date, months, expected) => {
    expect(addMonthsClamped(date, months)).toBe(expected);
  });

  it('keeps the day of the month, or the last day of a shorter month', () => {
    fc.assert(
      fc.property(businessDates, fc.integer({ min: 1, max: 365 }), (date, months) => {
        const result = addMonthsClamped(date, months);
        const [year, month, day] = date.split('-').map(Number);
        const monthsSinceYearZero = year * 12 + (month - 1) + months;
        const [resultYear, resultMonth] = [Math.floor(monthsSinceYearZero / 12), (monthsSinceYearZero % 12) + 1];
        const daysInResultMonth = new Date(Date.UTC(resultYear, resultMonth, 0)).getUTCDate();
        const expected = `${resultYear}-${pad(resultMonth)}-${pad(Math.min(day, daysInResultMonth))}`;
        expect(result).toBe(expected);
      }),
    );
  });
});

describe('calendarDaysBetween', () => {
  it.each([
    ['Monday to Thursday of the same week', '2025-03-24', '2025-03-27', 3],
    ['across the spring DST change', '2025-03-29', '2025-03-31', 2],
    ['across the autumn DST change', '2025-10-25', '2025-10-27', 2],
    ['across New Year', '2024-12-30', '2025-01-02', 3],
    ['the same date', '2025-03-24', '2025-03-24', 0],
    ['a later to an earlier date', '2025-03-27', '2025-03-24', -3],
  ])('%s: %s → %s is %i days', (_reason, from, to, expected) => {
    expect(calendarDaysBetween(from, to)).toBe(expected);
  });
});

describe('firstWorkingDayOnOrAfter', () => {
  it.each([
    ['a working Tuesday stays', '2025-04-22', '2025-04-22'],
    ['Easter Saturday 2025 skips Easter Sunday and Monday → Tuesday', '2025-04-19', '2025-04-22'],
    ['Easter Saturday 2026 skips Easter Sunday and Monday → Tuesday', '2026-04-04', '2026-04-07'],
    ["All Saints' 2025 on a Saturday → Monday 3 Nov", '2025-11-01', '2025-11-03'],
    ["All Saints' 2026 on a Sunday → Monday 2 Nov", '2026-11-01', '2026-11-02'],
    ['Christmas Eve 2025 skips 25, 26 Dec and the weekend → Monday 29 Dec', '2025-12-24', '2025-12-29'],
    ['Christmas Eve 2024 was a working Tuesday and stays', '2024-12-24', '2024-12-24'],
    ['New Year 2026 (Thursday) → Friday 2 Jan', '2026-01-01', '2026-01-02'],
    ['Constitution Day 2025 on a Saturday → Monday 5 May', '2025-05-03', '2025-05-05'],
    ['Labour Day 2026 (Friday), then Saturday and Sunday 3 May → Monday 4 May', '2026-05-01', '2026-05-04'],
    ['Pentecost Sunday 2025 → Monday 9 June, a working day', '2025-06-08', '2025-06-09'],
  ])('%s', (_reason, date, expected) => {
    expect(firstWorkingDayOnOrAfter(date)).toBe(expected);
  });

  it('finds the nearest working day: every day before it is a day off', () => {
    fc.assert(
      fc.property(businessDates, (date) => {
        const result = firstWorkingDayOnOrAfter(date);
        expect(isWorkingDay(result)).toBe(true);
        expect(result >= date).toBe(true);
        for (let day = date; day < result; day = addCalendarDays(day, 1)) expect(isWorkingDay(day)).toBe(false);
      }),
    );
  });
});

describe('addWorkingDays', () => {
  it.each([
    [
      'Tuesday 2025-12-23 + 1 skips Christmas Eve, Christmas, Boxing Day and the weekend',
      '2025-12-23',
      1,
      '2025-12-29',
    ],
    ['Tuesday 2025-12-23 + 3 → Wednesday 31 Dec', '2025-12-23', 3, '2025-12-31'],
    ['Tuesday 2025-12-23 + 5 skips New Year (Thursday) → Monday 5 Jan', '2025-12-23', 5, '2026-01-05'],
    ['Tuesday 2025-12-23 + 6 skips Epiphany (Tuesday 6 Jan) → Wednesday 7 Jan', '2025-12-23', 6, '2026-01-07'],
    ['Monday 2024-12-23 + 1 → Christmas Eve 2024, still a working day', '2024-12-23', 1, '2024-12-24'],
    ['Monday 2024-12-23 + 2 skips Christmas and Boxing Day → Friday 27 Dec', '2024-12-23', 2, '2024-12-27'],
    ['Thursday 2025-04-17 + 1 → Good Friday, a working day', '2025-04-17', 1, '2025-04-18'],
    ['Thursday 2025-04-17 + 2 skips the Easter weekend and Monday → Tuesday', '2025-04-17', 2, '2025-04-22'],
    ['Wednesday 2025-04-30 + 1 skips Labour Day → Friday 2 May', '2025-04-30', 1, '2025-05-02'],
    ['Wednesday 2025-04-30 + 2 skips 3 May (Saturday) and Sunday → Monday 5 May', '2025-04-30', 2, '2025-05-05'],
    ['Wednesday 2025-06-18 + 1 skips Corpus Christi → Friday 20 June', '2025-06-18', 1, '2025-06-20'],
    ['Friday 2025-01-03 + 1 skips the weekend and Epiphany (Monday) → Tuesday 7 Jan', '2025-01-03', 1, '2025-01-07'],
    ['Monday 2025-11-10 + 1 skips Independence Day → Wednesday 12 Nov', '2025-11-10', 1, '2025-11-12'],
    ['Friday 2025-03-28 + 5 across the spring DST weekend → Friday 4 April', '2025-03-28', 5, '2025-04-04'],
    ['Saturday 2025-04-19 + 1: the first working day after counts as day 1 → Tuesday', '2025-04-19', 1, '2025-04-22'],
    ['+ 0 gives the date back, even a Saturday', '2025-04-19', 0, '2025-04-19'],
  ])('%s', (_reason, date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN])('rejects %p working days', (n) => {
    expect(() => addWorkingDays('2025-04-22', n)).toThrow(RangeError);
  });

  it('lands on a working day with exactly n working days in (date, result]', () => {
    fc.assert(
      fc.property(businessDates, fc.integer({ min: 1, max: 60 }), (date, n) => {
        const result = addWorkingDays(date, n);
        expect(isWorkingDay(result)).toBe(true);
        expect(workingDaysIn(date, result)).toBe(n);
      }),
    );
  });
});

describe('nextWorkingDayAfter', () => {
  it.each([
    ['Friday 2025-06-13 → Monday 16 June', '2025-06-13', '2025-06-16'],
    ['Tuesday 2025-04-22 → Wednesday 23 April', '2025-04-22', '2025-04-23'],
    ['Tuesday 2025-12-23 → Monday 29 Dec, past the Christmas holidays', '2025-12-23', '2025-12-29'],
    ['Sunday 2025-06-15 → Monday 16 June', '2025-06-15', '2025-06-16'],
  ])('%s', (_reason, date, expected) => {
    expect(nextWorkingDayAfter(date)).toBe(expected);
  });
});

describe('previousWorkingDayBefore', () => {
  it.each([
    ['Monday 2025-06-16 → Friday 13 June', '2025-06-16', '2025-06-13'],
    ['Wednesday 2025-04-23 → Tuesday 22 April (Easter Monday 21 April is a holiday)', '2025-04-23', '2025-04-22'],
    ['Tuesday 2025-04-22 → Friday 18 April, before Easter Monday', '2025-04-22', '2025-04-18'],
    ['Monday 2025-12-29 → Tuesday 23 Dec, before the Christmas holidays', '2025-12-29', '2025-12-23'],
    ['Friday 2026-01-02 → Wednesday 31 Dec (New Year)', '2026-01-02', '2025-12-31'],
  ])('%s', (_reason, date, expected) => {
    expect(previousWorkingDayBefore(date)).toBe(expected);
  });

  it('is the inverse of nextWorkingDayAfter on working days', () => {
    fc.assert(
      fc.property(businessDates, (date) => {
        const working = firstWorkingDayOnOrAfter(date);
        expect(previousWorkingDayBefore(nextWorkingDayAfter(working))).toBe(working);
      }),
    );
  });
});

describe('endOfBusinessDay', () => {
  it.each([
    ['a winter day ends at 23:59:59.999 CET', '2025-01-15', '2025-01-15T22:59:59.999Z'],
    ['a summer day ends at 23:59:59.999 CEST', '2025-07-15', '2025-07-15T21:59:59.999Z'],
    ['the day before the spring change ends in CET', '2025-03-29', '2025-03-29T22:59:59.999Z'],
    ['the spring change day (23 hours) ends in CEST', '2025-03-30', '2025-03-30T21:59:59.999Z'],
    ['the day before the autumn change ends in CEST', '2025-10-25', '2025-10-25T21:59:59.999Z'],
    ['the autumn change day (25 hours) ends in CET', '2025-10-26', '2025-10-26T22:59:59.999Z'],
  ])('%s', (_reason, date, expected) => {
    expect(endOfBusinessDay(date).toISOString()).toBe(expected);
  });

  it('is the last millisecond of the date in Europe/Warsaw', () => {
    fc.assert(
      fc.property(businessDates, (date) => {
        const end = endOfBusinessDay(date);
        expect(businessDateOf(end)).toBe(date);
        expect(businessDateOf(new Date(end.getTime() + 1))).toBe(addCalendarDays(date, 1));
      }),
    );
  });
});

function workingDaysIn(afterDate: string, upToDate: string): number {
  let count = 0;
  for (let day = addCalendarDays(afterDate, 1); day <= upToDate; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(day)) count++;
  }
  return count;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
