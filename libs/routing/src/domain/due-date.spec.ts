import type { SlaKind, SlaPolicy } from '@app/catalogue';
import { addCalendarDays, addMonthsClamped, businessDateOf, endOfBusinessDay, isWorkingDay } from '@app/core';
import fc from 'fast-check';
import {
  computeDue,
  Due,
  extendDueAfterWaiting,
  slaBoundaries,
  slaStateOf,
  SLA_STATES,
  slaWarningAt,
} from './due-date';

// Expected dates below were checked against a printed calendar and the statutory list of Polish public holidays.
// Instants are written with their Europe/Warsaw offset: +01:00 in winter (CET), +02:00 in summer (CEST).

const HOUR_MS = 60 * 60 * 1000;
const DAY_BASED_KINDS = ['working_days', 'calendar_days', 'months'] as const;

function at(instant: string): Date {
  return new Date(instant);
}

describe('computeDue', () => {
  describe.each<[string, string, SlaPolicy, string]>([
    // calendar_days: the receipt date + N, then past Saturdays, Sundays and holidays.
    [
      'calendar_days 14 from Monday 2025-03-17 → Monday 31 March, a working day',
      '2025-03-17T10:00+01:00',
      { kind: 'calendar_days', amount: 14 },
      '2025-03-31',
    ],
    [
      'calendar_days 1 from Friday 2025-06-13 lands on Saturday → Monday 16 June',
      '2025-06-13T10:00+02:00',
      { kind: 'calendar_days', amount: 1 },
      '2025-06-16',
    ],
    [
      'calendar_days 3 from Thursday 2025-04-17 lands on Easter Sunday → past Easter Monday to Tuesday 22 April',
      '2025-04-17T10:00+02:00',
      { kind: 'calendar_days', amount: 3 },
      '2025-04-22',
    ],
    [
      'calendar_days 4 from Thursday 2025-04-17 lands on Easter Monday 2025-04-21 → Tuesday 22 April',
      '2025-04-17T10:00+02:00',
      { kind: 'calendar_days', amount: 4 },
      '2025-04-22',
    ],
    [
      'calendar_days 2 from Thursday 2024-03-28 lands on Saturday → past Easter 31 Mar / 1 Apr to Tuesday 2 April',
      '2024-03-28T10:00+01:00',
      { kind: 'calendar_days', amount: 2 },
      '2024-04-02',
    ],
    [
      'calendar_days 30 from Friday 2026-03-06 lands on Easter Sunday 5 April → past Easter Monday to Tuesday 7 April',
      '2026-03-06T10:00+01:00',
      { kind: 'calendar_days', amount: 30 },
      '2026-04-07',
    ],
    [
      'calendar_days 14 from Thursday 2025-06-05 lands on Corpus Christi 19 June → Friday 20 June',
      '2025-06-05T10:00+02:00',
      { kind: 'calendar_days', amount: 14 },
      '2025-06-20',
    ],
    [
      'calendar_days 14 from Thursday 2026-05-21 lands on Corpus Christi 4 June → Friday 5 June',
      '2026-05-21T10:00+02:00',
      { kind: 'calendar_days', amount: 14 },
      '2026-06-05',
    ],
    [
      'calendar_days 7 from Sunday 2025-06-01 lands on Pentecost Sunday 8 June → Monday 9 June (no Pentecost Monday holiday)',
      '2025-06-01T10:00+02:00',
      { kind: 'calendar_days', amount: 7 },
      '2025-06-09',
    ],
    [
      "calendar_days 7 from Saturday 2025-10-25 lands on All Saints' (a Saturday) → Monday 3 November",
      '2025-10-25T10:00+02:00',
      { kind: 'calendar_days', amount: 7 },
      '2025-11-03',
    ],
    [
      "calendar_days 7 from Sunday 2026-10-25 lands on All Saints' (a Sunday) → Monday 2 November",
      '2026-10-25T10:00+01:00',
      { kind: 'calendar_days', amount: 7 },
      '2026-11-02',
    ],
    [
      'calendar_days 10 from Saturday 2025-11-01 lands on Independence Day (Tuesday 11 Nov) → Wednesday 12 November',
      '2025-11-01T10:00+01:00',
      { kind: 'calendar_days', amount: 10 },
      '2025-11-12',
    ],
    [
      'calendar_days 1 from Monday 2024-12-23 lands on Christmas Eve 2024, then a working Tuesday → stays',
      '2024-12-23T10:00+01:00',
      { kind: 'calendar_days', amount: 1 },
      '2024-12-24',
    ],
    [
      'calendar_days 1 from Tuesday 2025-12-23 lands on Christmas Eve 2025, a holiday → past 25, 26 Dec and the weekend to Monday 29 December',
      '2025-12-23T10:00+01:00',
      { kind: 'calendar_days', amount: 1 },
      '2025-12-29',
    ],
    [
      'calendar_days 7 from Thursday 2025-12-25 lands on New Year (Thursday) → Friday 2 January',
      '2025-12-25T10:00+01:00',
      { kind: 'calendar_days', amount: 7 },
      '2026-01-02',
    ],
    [
      'calendar_days 7 from Tuesday 2025-12-30 lands on Epiphany (Tuesday 6 Jan) → Wednesday 7 January',
      '2025-12-30T10:00+01:00',
      { kind: 'calendar_days', amount: 7 },
      '2026-01-07',
    ],
    [
      'calendar_days 1 from Wednesday 2025-04-30 lands on Labour Day → Friday 2 May, Flag Day being a working day',
      '2025-04-30T10:00+02:00',
      { kind: 'calendar_days', amount: 1 },
      '2025-05-02',
    ],
    [
      'calendar_days 3 from Wednesday 2025-04-30 lands on Constitution Day (a Saturday) → Monday 5 May',
      '2025-04-30T10:00+02:00',
      { kind: 'calendar_days', amount: 3 },
      '2025-05-05',
    ],
    [
      'calendar_days 1 from Thursday 2025-08-14 lands on the Assumption (Friday 15 Aug) → Monday 18 August',
      '2025-08-14T10:00+02:00',
      { kind: 'calendar_days', amount: 1 },
      '2025-08-18',
    ],
    [
      'calendar_days 3 from Saturday 2025-04-19 counts from the Saturday itself → Tuesday 22 April',
      '2025-04-19T10:00+02:00',
      { kind: 'calendar_days', amount: 3 },
      '2025-04-22',
    ],
    [
      'calendar_days 30 from Wednesday 2025-01-15 → Friday 14 February, a working day',
      '2025-01-15T10:00+01:00',
      { kind: 'calendar_days', amount: 30 },
      '2025-02-14',
    ],

    // working_days: the N-th working day after the receipt date.
    [
      'working_days 1 from Friday 2025-06-13 skips the weekend → Monday 16 June',
      '2025-06-13T10:00+02:00',
      { kind: 'working_days', amount: 1 },
      '2025-06-16',
    ],
    [
      'working_days 5 from Monday 2025-03-24 → Monday 31 March, across the spring DST weekend',
      '2025-03-24T10:00+01:00',
      { kind: 'working_days', amount: 5 },
      '2025-03-31',
    ],
    [
      'working_days 3 from Tuesday 2025-12-23 skips 24, 25, 26 Dec and the weekend → Wednesday 31 December',
      '2025-12-23T10:00+01:00',
      { kind: 'working_days', amount: 3 },
      '2025-12-31',
    ],
    [
      'working_days 1 from Monday 2024-12-23 → Christmas Eve 2024, a working Tuesday',
      '2024-12-23T10:00+01:00',
      { kind: 'working_days', amount: 1 },
      '2024-12-24',
    ],
    [
      'working_days 2 from Wednesday 2025-04-30 skips 1 May, counts Flag Day, skips 3 May and Sunday → Monday 5 May',
      '2025-04-30T10:00+02:00',
      { kind: 'working_days', amount: 2 },
      '2025-05-05',
    ],
    [
      'working_days 1 received on Saturday 2025-04-19: the first working day after, Tuesday 22 April, is day 1',
      '2025-04-19T10:00+02:00',
      { kind: 'working_days', amount: 1 },
      '2025-04-22',
    ],
    [
      'working_days 1 received on Easter Monday 2025-04-21 → Tuesday 22 April',
      '2025-04-21T10:00+02:00',
      { kind: 'working_days', amount: 1 },
      '2025-04-22',
    ],
    [
      'working_days 2 from Wednesday 2025-06-18 skips Corpus Christi → Monday 23 June',
      '2025-06-18T10:00+02:00',
      { kind: 'working_days', amount: 2 },
      '2025-06-23',
    ],
    [
      "working_days 14 from Monday 2025-10-27 skips All Saints' weekend and Independence Day → Monday 17 November",
      '2025-10-27T10:00+01:00',
      { kind: 'working_days', amount: 14 },
      '2025-11-17',
    ],
    [
      'working_days 10 from Friday 2026-03-27 skips Easter Monday 6 April → Monday 13 April',
      '2026-03-27T10:00+01:00',
      { kind: 'working_days', amount: 10 },
      '2026-04-13',
    ],
    [
      'working_days 1 from Monday 2026-01-05 skips Epiphany (Tuesday) → Wednesday 7 January',
      '2026-01-05T10:00+01:00',
      { kind: 'working_days', amount: 1 },
      '2026-01-07',
    ],

    // months: the same day N months later (or that month's last day), then past Saturdays, Sundays and holidays.
    [
      'months 1 from Friday 2025-01-31: February has no 31st → its last day, Friday 28 February',
      '2025-01-31T10:00+01:00',
      { kind: 'months', amount: 1 },
      '2025-02-28',
    ],
    [
      'months 1 from Wednesday 2024-01-31 in a leap year → Thursday 29 February',
      '2024-01-31T10:00+01:00',
      { kind: 'months', amount: 1 },
      '2024-02-29',
    ],
    [
      'months 1 from Monday 2025-03-31: April has no 31st → Wednesday 30 April',
      '2025-03-31T10:00+02:00',
      { kind: 'months', amount: 1 },
      '2025-04-30',
    ],
    [
      'months 1 from Sunday 2025-11-30 → Tuesday 30 December, the same day, not the last',
      '2025-11-30T10:00+01:00',
      { kind: 'months', amount: 1 },
      '2025-12-30',
    ],
    [
      'months 1 from Tuesday 2025-04-15 → Thursday 15 May, a working day',
      '2025-04-15T10:00+02:00',
      { kind: 'months', amount: 1 },
      '2025-05-15',
    ],
    [
      'months 1 from Thursday 2025-03-20 lands on Easter Sunday 20 April → Tuesday 22 April',
      '2025-03-20T10:00+01:00',
      { kind: 'months', amount: 1 },
      '2025-04-22',
    ],
    [
      'months 1 from Thursday 2025-04-03 lands on Constitution Day (a Saturday) → Monday 5 May',
      '2025-04-03T10:00+02:00',
      { kind: 'months', amount: 1 },
      '2025-05-05',
    ],
    [
      'months 1 from Tuesday 2025-07-15 lands on the Assumption (Friday) → Monday 18 August',
      '2025-07-15T10:00+02:00',
      { kind: 'months', amount: 1 },
      '2025-08-18',
    ],
    [
      'months 1 from Saturday 2025-10-11 lands on Independence Day (Tuesday) → Wednesday 12 November',
      '2025-10-11T10:00+02:00',
      { kind: 'months', amount: 1 },
      '2025-11-12',
    ],
    [
      'months 1 from Saturday 2025-12-06 lands on Epiphany (Tuesday 6 Jan) → Wednesday 7 January',
      '2025-12-06T10:00+01:00',
      { kind: 'months', amount: 1 },
      '2026-01-07',
    ],
    [
      'months 3 from Sunday 2025-11-30: February has no 30th → Saturday 28 Feb → Monday 2 March',
      '2025-11-30T10:00+01:00',
      { kind: 'months', amount: 3 },
      '2026-03-02',
    ],
    [
      'months 12 from Wednesday 2025-01-15 → Thursday 15 January 2026',
      '2025-01-15T10:00+01:00',
      { kind: 'months', amount: 12 },
      '2026-01-15',
    ],
    [
      'months 12 from Thursday 2024-02-29: 2025 has no 29 February → Friday 28 February',
      '2024-02-29T10:00+01:00',
      { kind: 'months', amount: 12 },
      '2025-02-28',
    ],
    [
      "months 12 from Friday 2024-11-01 lands on All Saints' 2025 (a Saturday) → Monday 3 November",
      '2024-11-01T10:00+01:00',
      { kind: 'months', amount: 12 },
      '2025-11-03',
    ],
    [
      'months 12 from Tuesday 2024-12-24 lands on Christmas Eve 2025, now a holiday → Monday 29 December',
      '2024-12-24T10:00+01:00',
      { kind: 'months', amount: 12 },
      '2025-12-29',
    ],
  ])('%s', (_reason, receivedAt, sla, dueDate) => {
    it(`is due ${dueDate}, at the end of that day in Europe/Warsaw`, () => {
      expect(computeDue(at(receivedAt), sla)).toEqual({ dueDate, dueAt: endOfBusinessDay(dueDate) });
    });
  });

  describe('counts from the Europe/Warsaw date of receipt, not the UTC one', () => {
    it.each<[string, string, SlaPolicy, string]>([
      [
        '00:30 on Saturday 1 March (still 28 Feb in UTC) + calendar_days 3 → Tuesday 4 March, not Monday 3',
        '2025-03-01T00:30+01:00',
        { kind: 'calendar_days', amount: 3 },
        '2025-03-04',
      ],
      [
        '00:30 on Saturday 1 March (still 28 Feb in UTC) + months 1 → Tuesday 1 April, not Friday 28 March',
        '2025-03-01T00:30+01:00',
        { kind: 'months', amount: 1 },
        '2025-04-01',
      ],
      [
        '23:59:59.999 on Saturday 1 March is still 1 March + calendar_days 3 → Tuesday 4 March',
        '2025-03-01T23:59:59.999+01:00',
        { kind: 'calendar_days', amount: 3 },
        '2025-03-04',
      ],
      [
        '00:30 on Tuesday 1 July (still 30 June in UTC) + calendar_days 1 → Wednesday 2 July, not Tuesday 1',
        '2025-07-01T00:30+02:00',
        { kind: 'calendar_days', amount: 1 },
        '2025-07-02',
      ],
      [
        '00:30 on Tuesday 1 July (still 30 June in UTC) + working_days 1 → Wednesday 2 July, not Tuesday 1',
        '2025-07-01T00:30+02:00',
        { kind: 'working_days', amount: 1 },
        '2025-07-02',
      ],
      [
        '00:30 on Tuesday 1 July (still 30 June in UTC) + months 1 → Friday 1 August, not Wednesday 30 July',
        '2025-07-01T00:30+02:00',
        { kind: 'months', amount: 1 },
        '2025-08-01',
      ],
    ])('%s', (_reason, receivedAt, sla, dueDate) => {
      expect(computeDue(at(receivedAt), sla).dueDate).toBe(dueDate);
    });
  });

  describe('dueAt of a day-based SLA is the last millisecond of dueDate in Europe/Warsaw', () => {
    it.each<[string, string, SlaPolicy, string]>([
      [
        'in winter, 23:59:59.999 CET',
        '2025-03-01T00:30+01:00',
        { kind: 'calendar_days', amount: 3 },
        '2025-03-04T22:59:59.999Z',
      ],
      [
        'in summer, 23:59:59.999 CEST',
        '2025-07-01T00:30+02:00',
        { kind: 'months', amount: 1 },
        '2025-08-01T21:59:59.999Z',
      ],
      [
        'due the Monday after the spring change, in CEST',
        '2025-03-28T10:00+01:00',
        { kind: 'working_days', amount: 1 },
        '2025-03-31T21:59:59.999Z',
      ],
      [
        'due the Monday after the autumn change, in CET',
        '2025-10-24T10:00+02:00',
        { kind: 'working_days', amount: 1 },
        '2025-10-27T22:59:59.999Z',
      ],
    ])('%s', (_reason, receivedAt, sla, dueAt) => {
      expect(computeDue(at(receivedAt), sla).dueAt.toISOString()).toBe(dueAt);
    });
  });

  describe('hours: dueAt is receivedAt + N hours of absolute time, dueDate its Europe/Warsaw date', () => {
    it.each<[string, string, number, string, string]>([
      [
        '24 h from Wednesday 10:00 → Thursday 10:00',
        '2025-04-16T10:00+02:00',
        24,
        '2025-04-17T08:00:00.000Z',
        '2025-04-17',
      ],
      [
        '72 h from Good Friday 10:00 → Easter Monday 10:00: hours do not skip holidays',
        '2025-04-18T10:00+02:00',
        72,
        '2025-04-21T08:00:00.000Z',
        '2025-04-21',
      ],
      [
        '24 h across the spring change: 12:00 CET → 13:00 CEST the next day',
        '2025-03-29T12:00+01:00',
        24,
        '2025-03-30T11:00:00.000Z',
        '2025-03-30',
      ],
      [
        '24 h from 23:30 CET before the spring change → 00:30 CEST two dates later',
        '2025-03-29T23:30+01:00',
        24,
        '2025-03-30T22:30:00.000Z',
        '2025-03-31',
      ],
      [
        '72 h across the spring change: Friday 09:00 CET → Monday 10:00 CEST',
        '2025-03-28T09:00+01:00',
        72,
        '2025-03-31T08:00:00.000Z',
        '2025-03-31',
      ],
      [
        '1 h in the skipped hour: 01:30 CET → 03:30 CEST',
        '2025-03-30T01:30+01:00',
        1,
        '2025-03-30T01:30:00.000Z',
        '2025-03-30',
      ],
      [
        '24 h across the autumn change: 12:00 CEST → 11:00 CET the next day',
        '2025-10-25T12:00+02:00',
        24,
        '2025-10-26T10:00:00.000Z',
        '2025-10-26',
      ],
      [
        '24 h from 23:30 CEST before the autumn change → 22:30 CET the next day, the same next date',
        '2025-10-25T23:30+02:00',
        24,
        '2025-10-26T21:30:00.000Z',
        '2025-10-26',
      ],
      [
        '72 h across the autumn change: Friday 09:00 CEST → Monday 08:00 CET',
        '2025-10-24T09:00+02:00',
        72,
        '2025-10-27T07:00:00.000Z',
        '2025-10-27',
      ],
      [
        '1 h from 23:30 CET → 00:30 the next date',
        '2025-01-15T23:30+01:00',
        1,
        '2025-01-15T23:30:00.000Z',
        '2025-01-16',
      ],
    ])('%s', (_reason, receivedAt, hours, dueAt, dueDate) => {
      const due = computeDue(at(receivedAt), { kind: 'hours', amount: hours });
      expect(due.dueAt.toISOString()).toBe(dueAt);
      expect(due.dueDate).toBe(dueDate);
      expect(due.dueAt.getTime() - at(receivedAt).getTime()).toBe(hours * HOUR_MS);
    });
  });

  describe('properties, for receipts between 2000 and 2040', () => {
    const receivedAts = fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2040-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    });
    const daySlas = fc.record({ kind: fc.constantFrom(...DAY_BASED_KINDS), amount: fc.integer({ min: 1, max: 365 }) });

    it('a day-based dueDate is a working day strictly after the receipt date, and dueAt its end', () => {
      fc.assert(
        fc.property(receivedAts, daySlas, (receivedAt, sla) => {
          const { dueDate, dueAt } = computeDue(receivedAt, sla);
          expect(isWorkingDay(dueDate)).toBe(true);
          expect(dueDate > businessDateOf(receivedAt)).toBe(true);
          expect(dueAt).toEqual(endOfBusinessDay(dueDate));
          expect(dueAt.getTime()).toBeGreaterThan(receivedAt.getTime());
        }),
      );
    });

    it('working_days N leaves exactly N working days in (receipt date, dueDate]', () => {
      fc.assert(
        fc.property(receivedAts, fc.integer({ min: 1, max: 365 }), (receivedAt, amount) => {
          const { dueDate } = computeDue(receivedAt, { kind: 'working_days', amount });
          expect(workingDaysIn(businessDateOf(receivedAt), dueDate)).toBe(amount);
        }),
      );
    });

    it.each([
      ['calendar_days', addCalendarDays],
      ['months', addMonthsClamped],
    ] as const)(
      '%s N is the nominal date when a working day, else the first working day after it',
      (kind, nominalOf) => {
        fc.assert(
          fc.property(receivedAts, fc.integer({ min: 1, max: 365 }), (receivedAt, amount) => {
            const { dueDate } = computeDue(receivedAt, { kind, amount });
            const nominal = nominalOf(businessDateOf(receivedAt), amount);
            expect(dueDate >= nominal).toBe(true);
            for (let day = nominal; day < dueDate; day = addCalendarDays(day, 1)) expect(isWorkingDay(day)).toBe(false);
          }),
        );
      },
    );

    it('hours N is due exactly N hours after receipt, on the Europe/Warsaw date of that instant', () => {
      fc.assert(
        fc.property(receivedAts, fc.integer({ min: 1, max: 365 }), (receivedAt, amount) => {
          const { dueDate, dueAt } = computeDue(receivedAt, { kind: 'hours', amount });
          expect(dueAt.getTime() - receivedAt.getTime()).toBe(amount * HOUR_MS);
          expect(dueDate).toBe(businessDateOf(dueAt));
        }),
      );
    });
  });
});

describe('extendDueAfterWaiting', () => {
  const dueOn = (dueDate: string): Due => ({ dueDate, dueAt: endOfBusinessDay(dueDate) });

  describe('day-based SLAs move on by the calendar days waited, then past non-working days', () => {
    it.each<[string, string, SlaKind, string, string, string]>([
      [
        'waited Monday → Thursday of the same week: +3 days from Thursday 3 April lands on Sunday → Monday 7 April',
        '2025-04-03',
        'working_days',
        '2025-03-24T09:00+01:00',
        '2025-03-27T15:00+01:00',
        '2025-04-07',
      ],
      [
        'waited Monday → Thursday: +3 days from Wednesday 30 April lands on 3 May, a Saturday holiday → Monday 5 May',
        '2025-04-30',
        'calendar_days',
        '2025-03-17T10:00+01:00',
        '2025-03-20T10:00+01:00',
        '2025-05-05',
      ],
      [
        'waited Monday → Thursday: +3 days from Monday 14 April is Thursday 17 April, a working day',
        '2025-04-14',
        'months',
        '2025-04-07T10:00+02:00',
        '2025-04-10T10:00+02:00',
        '2025-04-17',
      ],
      [
        'entered and left on the same date: unchanged',
        '2025-06-10',
        'working_days',
        '2025-06-02T08:00+02:00',
        '2025-06-02T17:45+02:00',
        '2025-06-10',
      ],
      [
        '20 minutes across local midnight count as 1 day: Tuesday 10 June → Wednesday 11 June',
        '2025-06-10',
        'calendar_days',
        '2025-06-02T23:50+02:00',
        '2025-06-03T00:10+02:00',
        '2025-06-11',
      ],
      [
        '00:30 to 22:00 of one local date (two UTC dates) count as 0 days: unchanged',
        '2025-03-20',
        'working_days',
        '2025-03-10T00:30+01:00',
        '2025-03-10T22:00+01:00',
        '2025-03-20',
      ],
      [
        '1 day from Tuesday 23 December lands on Christmas Eve 2025 → past the holidays and the weekend to Monday 29 December',
        '2025-12-23',
        'working_days',
        '2025-12-15T10:00+01:00',
        '2025-12-16T10:00+01:00',
        '2025-12-29',
      ],
      [
        '2 days from Friday 28 February lands on Sunday 2 March → Monday 3 March',
        '2025-02-28',
        'months',
        '2025-02-10T10:00+01:00',
        '2025-02-12T10:00+01:00',
        '2025-03-03',
      ],
      [
        '23:30 CET → 23:30 CEST across the spring change (23 hours) is 1 day: Thursday 10 April → Friday 11 April',
        '2025-04-10',
        'working_days',
        '2025-03-29T23:30+01:00',
        '2025-03-30T23:30+02:00',
        '2025-04-11',
      ],
      [
        '23:30 CEST → 00:30 CEST across midnight into the autumn change day (1 hour) is 1 day: Tuesday 4 November → Wednesday 5 November',
        '2025-11-04',
        'calendar_days',
        '2025-10-25T23:30+02:00',
        '2025-10-26T00:30+02:00',
        '2025-11-05',
      ],
      [
        '30 calendar days waited, Easter 2026 included, from Monday 30 March → Wednesday 29 April',
        '2026-03-30',
        'working_days',
        '2026-03-02T10:00+01:00',
        '2026-04-01T10:00+02:00',
        '2026-04-29',
      ],
    ])('%s', (_reason, dueDate, slaKind, waitingSince, leftAt, expected) => {
      expect(extendDueAfterWaiting(dueOn(dueDate), slaKind, at(waitingSince), at(leftAt))).toEqual(dueOn(expected));
    });
  });

  describe('hours SLAs move dueAt on by exactly the time waited', () => {
    it.each<[string, string, string, string, string, string]>([
      [
        '3 h 30 min 15.25 s later, the same date',
        '2025-04-17T10:00+02:00',
        '2025-04-16T12:00+02:00',
        '2025-04-16T15:30:15.250+02:00',
        '2025-04-17T11:30:15.250Z',
        '2025-04-17',
      ],
      [
        '1 h into the spring change night: 01:30 CET → 03:30 CEST',
        '2025-03-30T01:30+01:00',
        '2025-03-29T23:00+01:00',
        '2025-03-30T00:00+01:00',
        '2025-03-30T01:30:00.000Z',
        '2025-03-30',
      ],
      [
        '1 h pushes 23:30 CET past midnight: dueDate becomes the next date',
        '2025-03-29T23:30+01:00',
        '2025-03-29T10:00+01:00',
        '2025-03-29T11:00+01:00',
        '2025-03-29T23:30:00.000Z',
        '2025-03-30',
      ],
      [
        'waiting across the autumn change night (25 hours by the clock 00:00 → 00:00): +25 h exactly',
        '2025-10-27T12:00+01:00',
        '2025-10-26T00:00+02:00',
        '2025-10-27T00:00+01:00',
        '2025-10-28T12:00:00.000Z',
        '2025-10-28',
      ],
      [
        'no time waited: unchanged',
        '2025-04-17T10:00+02:00',
        '2025-04-16T12:00+02:00',
        '2025-04-16T12:00+02:00',
        '2025-04-17T08:00:00.000Z',
        '2025-04-17',
      ],
    ])('%s', (_reason, dueAt, waitingSince, leftAt, expectedDueAt, expectedDueDate) => {
      const due = { dueDate: businessDateOf(at(dueAt)), dueAt: at(dueAt) };
      const extended = extendDueAfterWaiting(due, 'hours', at(waitingSince), at(leftAt));
      expect(extended.dueAt.toISOString()).toBe(expectedDueAt);
      expect(extended.dueDate).toBe(expectedDueDate);
    });
  });

  it('leaves the due unchanged when the clock says it left waiting before it entered', () => {
    const due = dueOn('2025-04-17');
    const entered = at('2025-04-10T10:00+02:00');
    const left = at('2025-04-09T10:00+02:00');
    expect(extendDueAfterWaiting(due, 'working_days', entered, left)).toEqual(due);
    expect(extendDueAfterWaiting(due, 'hours', entered, left)).toEqual(due);
  });

  describe('properties', () => {
    const instants = fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2040-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    });
    const waits = fc.integer({ min: 0, max: 90 * 24 * HOUR_MS });
    const slas = fc.record({
      kind: fc.constantFrom<SlaKind>(...DAY_BASED_KINDS, 'hours'),
      amount: fc.integer({ min: 1, max: 365 }),
    });

    it('is never earlier than the original due, and for day-based SLAs never on a non-working day', () => {
      fc.assert(
        fc.property(instants, slas, waits, waits, (receivedAt, sla, untilWaiting, waited) => {
          const due = computeDue(receivedAt, sla);
          const waitingSince = new Date(receivedAt.getTime() + untilWaiting);
          const extended = extendDueAfterWaiting(
            due,
            sla.kind,
            waitingSince,
            new Date(waitingSince.getTime() + waited),
          );
          expect(extended.dueAt.getTime()).toBeGreaterThanOrEqual(due.dueAt.getTime());
          expect(extended.dueDate >= due.dueDate).toBe(true);
          if (sla.kind === 'hours') expect(extended.dueAt.getTime() - due.dueAt.getTime()).toBe(waited);
          else expect(isWorkingDay(extended.dueDate)).toBe(true);
        }),
      );
    });
  });
});

describe('slaBoundaries', () => {
  it.each([
    [
      'on Friday 13 June, due soon up to the end of Monday 16 June',
      '2025-06-13T10:00+02:00',
      '2025-06-16T22:00:00.000Z',
    ],
    [
      'on Saturday 14 June, due soon up to the end of Monday 16 June',
      '2025-06-14T10:00+02:00',
      '2025-06-16T22:00:00.000Z',
    ],
    [
      'on Sunday 15 June at 23:59, due soon up to the end of Monday 16 June',
      '2025-06-15T23:59+02:00',
      '2025-06-16T22:00:00.000Z',
    ],
    [
      'at 00:30 on Friday 13 June (Thursday in UTC), due soon up to the end of Monday, not of Friday',
      '2025-06-13T00:30+02:00',
      '2025-06-16T22:00:00.000Z',
    ],
    [
      'on Wednesday 18 June, before Corpus Christi, due soon up to the end of Friday 20 June',
      '2025-06-18T10:00+02:00',
      '2025-06-20T22:00:00.000Z',
    ],
    [
      'on Tuesday 23 December 2025, due soon up to the end of Monday 29 December, past the holidays',
      '2025-12-23T10:00+01:00',
      '2025-12-29T23:00:00.000Z',
    ],
    [
      'on Monday 23 December 2024, due soon up to the end of Christmas Eve, then a working day',
      '2024-12-23T10:00+01:00',
      '2024-12-24T23:00:00.000Z',
    ],
    [
      'on Friday 28 March, due soon up to the end of Monday 31 March, in CEST after the spring change',
      '2025-03-28T10:00+01:00',
      '2025-03-31T22:00:00.000Z',
    ],
    [
      'on Friday 24 October, due soon up to the end of Monday 27 October, in CET after the autumn change',
      '2025-10-24T10:00+02:00',
      '2025-10-27T23:00:00.000Z',
    ],
  ])('%s', (_reason, now, dueSoonBefore) => {
    expect(slaBoundaries(at(now))).toEqual({ now: at(now), dueSoonBefore: at(dueSoonBefore) });
  });
});

describe('slaStateOf', () => {
  const FRIDAY = at('2025-06-13T10:00+02:00');
  const { dueSoonBefore } = slaBoundaries(FRIDAY);

  it.each<[string, Date, Date, string]>([
    ['due at the end of yesterday is overdue', FRIDAY, endOfBusinessDay('2025-06-12'), 'overdue'],
    ['due 1 ms before now is overdue', FRIDAY, new Date(FRIDAY.getTime() - 1), 'overdue'],
    ['due exactly now is due soon, not yet overdue', FRIDAY, FRIDAY, 'due_soon'],
    ['due in 30 minutes (an hours SLA) is due soon', FRIDAY, new Date(FRIDAY.getTime() + HOUR_MS / 2), 'due_soon'],
    ['due at the end of today, a working day, is due soon', FRIDAY, endOfBusinessDay('2025-06-13'), 'due_soon'],
    ['due at the end of Monday, on a Friday, is due soon', FRIDAY, endOfBusinessDay('2025-06-16'), 'due_soon'],
    [
      'due on the last millisecond before dueSoonBefore is due soon',
      FRIDAY,
      new Date(dueSoonBefore.getTime() - 1),
      'due_soon',
    ],
    ['due exactly at dueSoonBefore is on time', FRIDAY, dueSoonBefore, 'on_time'],
    ['due at the end of Tuesday, on a Friday, is on time', FRIDAY, endOfBusinessDay('2025-06-17'), 'on_time'],
    [
      'due at the end of Monday 29 Dec, on Tuesday 23 Dec 2025, is due soon: 24–26 Dec are holidays',
      at('2025-12-23T10:00+01:00'),
      endOfBusinessDay('2025-12-29'),
      'due_soon',
    ],
    [
      'due at the end of Tuesday 30 Dec, on Tuesday 23 Dec 2025, is on time',
      at('2025-12-23T10:00+01:00'),
      endOfBusinessDay('2025-12-30'),
      'on_time',
    ],
    [
      'due at the end of Friday 27 Dec, on Monday 23 Dec 2024, is on time: Christmas Eve 2024 was a working day',
      at('2024-12-23T10:00+01:00'),
      endOfBusinessDay('2024-12-27'),
      'on_time',
    ],
  ])('%s', (_reason, now, dueAt, state) => {
    expect(slaStateOf(dueAt, true, now)).toBe(state);
  });

  it('has no state when the case is closed, even if it was overdue', () => {
    expect(slaStateOf(endOfBusinessDay('2025-06-12'), false, FRIDAY)).toBeNull();
  });

  it('has no state when the case has no due', () => {
    expect(slaStateOf(null, true, FRIDAY)).toBeNull();
  });
});

describe('slaBoundaries and slaStateOf, for any now between 2000 and 2040', () => {
  const nows = fc.date({ min: at('2000-01-01T00:00Z'), max: at('2040-12-31T00:00Z'), noInvalidDate: true });

  it('dueSoonBefore is the midnight ending the first working day after today in Europe/Warsaw', () => {
    fc.assert(
      fc.property(nows, (now) => {
        const { dueSoonBefore } = slaBoundaries(now);
        const lastDueSoonDate = businessDateOf(new Date(dueSoonBefore.getTime() - 1));
        expect(businessDateOf(dueSoonBefore)).toBe(addCalendarDays(lastDueSoonDate, 1));
        expect(isWorkingDay(lastDueSoonDate)).toBe(true);
        const today = businessDateOf(now);
        expect(lastDueSoonDate > today).toBe(true);
        for (let day = addCalendarDays(today, 1); day < lastDueSoonDate; day = addCalendarDays(day, 1)) {
          expect(isWorkingDay(day)).toBe(false);
        }
      }),
    );
  });

  it('puts every dueAt in the half-open interval an SQL filter builds from the same boundaries', () => {
    fc.assert(
      fc.property(nows, fc.integer({ min: -10 * 24 * HOUR_MS, max: 10 * 24 * HOUR_MS }), (now, fromNow) => {
        const dueAt = new Date(now.getTime() + fromNow);
        const { dueSoonBefore } = slaBoundaries(now);
        const state = slaStateOf(dueAt, true, now);
        expect(SLA_STATES).toContain(state);
        expect(state === 'overdue').toBe(dueAt < now);
        expect(state === 'due_soon').toBe(dueAt >= now && dueAt < dueSoonBefore);
        expect(state === 'on_time').toBe(dueAt >= dueSoonBefore);
      }),
    );
  });
});

describe('slaWarningAt', () => {
  it.each<[string, Date, string]>([
    [
      'due at the end of Monday 16 June 2025: Friday 13 June, 00:00',
      endOfBusinessDay('2025-06-16'),
      '2025-06-13T00:00+02:00',
    ],
    [
      'due at the end of Wednesday 18 June 2025: Tuesday, 00:00',
      endOfBusinessDay('2025-06-18'),
      '2025-06-17T00:00+02:00',
    ],
    [
      'due at the end of Monday 29 Dec 2025: Tuesday 23 Dec, before the holidays',
      endOfBusinessDay('2025-12-29'),
      '2025-12-23T00:00+01:00',
    ],
    [
      'due on Saturday 14 June 2025, 15:00 (an hours SLA): Friday, 00:00',
      at('2025-06-14T15:00+02:00'),
      '2025-06-13T00:00+02:00',
    ],
    [
      'due on Monday 31 March 2025 (after the spring change): Friday 28 March in CET',
      endOfBusinessDay('2025-03-31'),
      '2025-03-28T00:00+01:00',
    ],
  ])('%s', (_reason, dueAt, expected) => {
    expect(slaWarningAt(dueAt)).toEqual(at(expected));
  });

  it('is exactly when slaStateOf turns due_soon, for any dueAt and now between 2000 and 2040', () => {
    const instants = fc.date({ min: at('2000-01-01T00:00Z'), max: at('2040-12-31T00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instants, fc.integer({ min: -10 * 24 * HOUR_MS, max: 10 * 24 * HOUR_MS }), (dueAt, fromDue) => {
        const now = new Date(dueAt.getTime() + fromDue);
        const warned = now >= slaWarningAt(dueAt) && now <= dueAt;
        expect(slaStateOf(dueAt, true, now) === 'due_soon').toBe(warned);
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
