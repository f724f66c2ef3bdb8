import fc from 'fast-check';
import {
  bookableSlotsOn,
  bookingWindow,
  checkWeeklyHours,
  completeWeek,
  isoWeekdayOf,
  OfficeSchedule,
  slotAt,
  slotsOn,
} from './opening-hours';

const WEEKDAYS_8_TO_16: OfficeSchedule = {
  weekly: completeWeek({
    '1': [['08:00', '18:00']],
    '2': [['08:00', '16:00']],
    '3': [['08:00', '16:00']],
    '4': [['08:00', '16:00']],
    '5': [
      ['08:00', '12:00'],
      ['13:00', '16:00'],
    ],
  }),
  closedDates: ['2026-12-31'],
};

/** Open every day, through the night as well: what the clocks' changes do is plain to see. */
const ROUND_THE_CLOCK: OfficeSchedule = {
  weekly: completeWeek({
    '1': [['00:00', '23:59']],
    '2': [['00:00', '23:59']],
    '3': [['00:00', '23:59']],
    '4': [['00:00', '23:59']],
    '5': [['00:00', '23:59']],
    '6': [['00:00', '23:59']],
    '7': [['00:00', '23:59']],
  }),
  closedDates: [],
};

const iso = (slots: { start: Date; end: Date }[]) =>
  slots.map((slot) => [slot.start.toISOString(), slot.end.toISOString()]);

describe('slotsOn', () => {
  it('lays slots of the service out from each opening, whole slots only, in Europe/Warsaw time', () => {
    // Friday 4 December 2026, CET (UTC+1): 08:00–12:00 and 13:00–16:00 local.
    const slots = slotsOn(WEEKDAYS_8_TO_16, '2026-12-04', 45);
    expect(iso(slots)).toEqual([
      ['2026-12-04T07:00:00.000Z', '2026-12-04T07:45:00.000Z'],
      ['2026-12-04T07:45:00.000Z', '2026-12-04T08:30:00.000Z'],
      ['2026-12-04T08:30:00.000Z', '2026-12-04T09:15:00.000Z'],
      ['2026-12-04T09:15:00.000Z', '2026-12-04T10:00:00.000Z'],
      ['2026-12-04T10:00:00.000Z', '2026-12-04T10:45:00.000Z'],
      ['2026-12-04T12:00:00.000Z', '2026-12-04T12:45:00.000Z'],
      ['2026-12-04T12:45:00.000Z', '2026-12-04T13:30:00.000Z'],
      ['2026-12-04T13:30:00.000Z', '2026-12-04T14:15:00.000Z'],
      ['2026-12-04T14:15:00.000Z', '2026-12-04T15:00:00.000Z'],
    ]);
  });

  it('reads local times with the offset of the day: summer time is UTC+2', () => {
    // Monday 8 June 2026, CEST: 08:00 local is 06:00 UTC; Monday is open until 18:00.
    const slots = slotsOn(WEEKDAYS_8_TO_16, '2026-06-08', 30);
    expect(slots).toHaveLength(20);
    expect(slots[0].start.toISOString()).toBe('2026-06-08T06:00:00.000Z');
    expect(slots[19].end.toISOString()).toBe('2026-06-08T16:00:00.000Z');
  });

  it('has no slots on a weekend day without hours, on Polish public holidays or on closed dates', () => {
    expect(slotsOn(WEEKDAYS_8_TO_16, '2026-12-05', 30)).toEqual([]); // Saturday
    expect(slotsOn(WEEKDAYS_8_TO_16, '2026-12-24', 30)).toEqual([]); // Christmas Eve, a holiday since 2025
    expect(slotsOn(WEEKDAYS_8_TO_16, '2026-11-11', 30)).toEqual([]); // Independence Day, a Wednesday
    expect(slotsOn(WEEKDAYS_8_TO_16, '2026-04-06', 30)).toEqual([]); // Easter Monday
    expect(slotsOn(WEEKDAYS_8_TO_16, '2026-06-04', 30)).toEqual([]); // Corpus Christi, a Thursday
    expect(slotsOn(WEEKDAYS_8_TO_16, '2026-12-31', 30)).toEqual([]); // the office's own closed date
    expect(slotsOn(WEEKDAYS_8_TO_16, '2026-12-30', 30)).toHaveLength(16); // the day before is open
    expect(slotsOn(ROUND_THE_CLOCK, '2026-12-25', 60)).toEqual([]); // even an office open every day
  });

  it('on the day the clocks go forward (29 March 2026) has an hour fewer of slots', () => {
    const before = slotsOn(ROUND_THE_CLOCK, '2026-03-28', 60);
    const day = slotsOn(ROUND_THE_CLOCK, '2026-03-29', 60);
    const after = slotsOn(ROUND_THE_CLOCK, '2026-03-30', 60);
    expect([before.length, day.length, after.length]).toEqual([23, 22, 23]);
    // Midnight is still CET; 03:00 local (01:00 UTC) follows 01:00 local (00:00 UTC) directly.
    expect(iso(day.slice(0, 3))).toEqual([
      ['2026-03-28T23:00:00.000Z', '2026-03-29T00:00:00.000Z'],
      ['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z'],
      ['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z'],
    ]);
    // The day closes at 23:59 CEST (21:59 UTC): the last whole hour starts at 22:00 local.
    expect(day[day.length - 1].end.toISOString()).toBe('2026-03-29T21:00:00.000Z');
    // An office hours 08:00–16:00 that day keeps its 8 hours, an hour earlier in UTC than the day before.
    const office = { weekly: completeWeek({ '6': [['08:00', '16:00']], '7': [['08:00', '16:00']] }), closedDates: [] };
    expect(slotsOn(office, '2026-03-28', 60)[0].start.toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(slotsOn(office, '2026-03-29', 60)[0].start.toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(slotsOn(office, '2026-03-29', 60)).toHaveLength(8);
  });

  it('on the day the clocks go back (25 October 2026) has an hour more of slots', () => {
    const day = slotsOn(ROUND_THE_CLOCK, '2026-10-25', 60);
    expect([slotsOn(ROUND_THE_CLOCK, '2026-10-24', 60).length, day.length]).toEqual([23, 24]);
    // Midnight is still CEST (22:00 UTC); 02:00–03:00 local happens twice, at 00:00 and 01:00 UTC: both are slots.
    expect(iso(day.slice(0, 4))).toEqual([
      ['2026-10-24T22:00:00.000Z', '2026-10-24T23:00:00.000Z'],
      ['2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00.000Z'],
      ['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z'],
      ['2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z'],
    ]);
    const office = { weekly: completeWeek({ '7': [['08:00', '16:00']] }), closedDates: [] };
    expect(slotsOn(office, '2026-10-25', 60)[0].start.toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });

  it('never lays a slot outside its interval, and slots never overlap (any hours, any length)', () => {
    const time = fc.integer({ min: 0, max: 23 * 60 + 59 });
    fc.assert(
      fc.property(
        time,
        time,
        fc.integer({ min: 5, max: 240 }),
        fc.integer({ min: 0, max: 364 }),
        (a, b, length, day) => {
          const [open, close] = [Math.min(a, b), Math.max(a, b)].map(
            (minutes) =>
              `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
          );
          const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
          const schedule = { weekly: completeWeek({ [isoWeekdayOf(date)]: [[open, close]] }), closedDates: [] };
          const slots = slotsOn(schedule, date, length);
          slots.forEach((slot, index) => {
            expect(slot.end.getTime() - slot.start.getTime()).toBe(length * 60_000);
            if (index > 0) expect(slot.start.getTime()).toBe(slots[index - 1].end.getTime());
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('slotAt', () => {
  it('finds a slot by its exact start, and nothing between slots', () => {
    expect(slotAt(WEEKDAYS_8_TO_16, new Date('2026-12-04T07:45:00Z'), 45)?.end.toISOString()).toBe(
      '2026-12-04T08:30:00.000Z',
    );
    expect(slotAt(WEEKDAYS_8_TO_16, new Date('2026-12-04T07:50:00Z'), 45)).toBeUndefined();
    // 12:00 local is the lunch break on Fridays.
    expect(slotAt(WEEKDAYS_8_TO_16, new Date('2026-12-04T11:00:00Z'), 30)).toBeUndefined();
  });
});

describe('bookingWindow', () => {
  it('runs from tomorrow (residents) or today (staff) to 14 days ahead, in Europe/Warsaw dates', () => {
    // 23:30 UTC on 30 November is already 1 December in Warsaw.
    const now = new Date('2026-11-30T23:30:00Z');
    expect(bookingWindow(now, false)).toEqual({ first: '2026-12-02', last: '2026-12-15' });
    expect(bookingWindow(now, true)).toEqual({ first: '2026-12-01', last: '2026-12-15' });
    // A minute before Warsaw's midnight it is still 30 November.
    expect(bookingWindow(new Date('2026-11-30T22:59:00Z'), false)).toEqual({ first: '2026-12-01', last: '2026-12-14' });
  });
});

describe('bookableSlotsOn', () => {
  const now = new Date('2026-12-01T10:10:00Z'); // Tuesday 1 December, 11:10 in Warsaw
  const layOut = (date: string) => slotsOn(WEEKDAYS_8_TO_16, date, 60);

  it('gives residents nothing today and staff only the slots not yet begun', () => {
    expect(bookableSlotsOn('2026-12-01', now, false, layOut)).toEqual([]);
    const staff = bookableSlotsOn('2026-12-01', now, true, layOut);
    expect(iso(staff).map(([start]) => start)).toEqual([
      '2026-12-01T11:00:00.000Z',
      '2026-12-01T12:00:00.000Z',
      '2026-12-01T13:00:00.000Z',
      '2026-12-01T14:00:00.000Z',
    ]);
  });

  it('gives everyone the whole day from tomorrow to the 14th day, and nothing after', () => {
    expect(bookableSlotsOn('2026-12-02', now, false, layOut)).toHaveLength(8);
    expect(bookableSlotsOn('2026-12-15', now, false, layOut)).toHaveLength(8);
    expect(bookableSlotsOn('2026-12-16', now, true, layOut)).toEqual([]);
    expect(bookableSlotsOn('2026-11-30', now, true, layOut)).toEqual([]);
  });
});

describe('checkWeeklyHours', () => {
  it('accepts ordered intervals and refuses reversed or overlapping ones, naming each', () => {
    expect(
      checkWeeklyHours({
        '1': [
          ['08:00', '12:00'],
          ['12:00', '16:00'],
        ],
      }),
    ).toEqual([]);
    expect(
      checkWeeklyHours({
        '1': [['16:00', '08:00']],
        '3': [
          ['08:00', '12:00'],
          ['11:00', '16:00'],
        ],
      }),
    ).toEqual([
      { field: 'weekly.1[0]', message: 'opens (16:00) at or after it closes (08:00)' },
      { field: 'weekly.3[1]', message: 'starts before the interval before it ends' },
    ]);
  });
});
