import { DateTime } from 'luxon';
import { addCalendarDays, BUSINESS_TIME_ZONE, businessDateOf, FieldError, isPublicHoliday } from '@app/core';

/** ISO weekdays as the contract writes them: "1" Monday … "7" Sunday. */
export const ISO_WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type IsoWeekday = (typeof ISO_WEEKDAYS)[number];

/** A local time of day, `HH:MM` from 00:00 to 23:59. */
export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** An office's opening: per ISO weekday, its intervals in Europe/Warsaw local time (`[["08:00", "16:00"]]`). */
export type WeeklyHours = Record<IsoWeekday, [string, string][]>;

/** Weekdays as given: a missing one is closed. */
export type PartialWeek = { [weekday in IsoWeekday]?: [string, string][] };

export interface OfficeSchedule {
  weekly: WeeklyHours;
  /** Days the office is closed besides Polish public holidays (`YYYY-MM-DD`). */
  closedDates: readonly string[];
}

export interface Slot {
  start: Date;
  end: Date;
}

/** How many days ahead anyone may book: the last day of the window is today + this (Europe/Warsaw). */
export const BOOKING_HORIZON_DAYS = 14;

/**
 * What is wrong with a week of opening hours (nothing: an empty list): each interval opens before it closes, and a
 * day's intervals are in order without overlapping. Missing weekdays are closed.
 */
export function checkWeeklyHours(weekly: PartialWeek): FieldError[] {
  const errors: FieldError[] = [];
  for (const [weekday, intervals] of Object.entries(weekly)) {
    let previousClose = '';
    intervals?.forEach(([open, close], index) => {
      const field = `weekly.${weekday}[${index}]`;
      if (open >= close) errors.push({ field, message: `opens (${open}) at or after it closes (${close})` });
      else if (open < previousClose) errors.push({ field, message: `starts before the interval before it ends` });
      previousClose = close;
    });
  }
  return errors;
}

/** Every weekday present (closed where none was given). */
export function completeWeek(weekly: PartialWeek): WeeklyHours {
  return Object.fromEntries(ISO_WEEKDAYS.map((weekday) => [weekday, weekly[weekday] ?? []])) as WeeklyHours;
}

/** The ISO weekday of a business date. */
export function isoWeekdayOf(date: string): IsoWeekday {
  const sundayFirst = new Date(`${date}T00:00:00Z`).getUTCDay();
  return String(sundayFirst === 0 ? 7 : sundayFirst) as IsoWeekday;
}

/** Whether the office is closed all day: a Polish public holiday (always), or one of its own closed dates. */
export function isClosedOn(schedule: OfficeSchedule, date: string): boolean {
  return isPublicHoliday(date) || schedule.closedDates.includes(date);
}

/**
 * The slots of a service of `durationMinutes` on `date`: in each opening interval, one after another from its opening
 * for as long as a whole slot fits before it closes. Local times are read in Europe/Warsaw on that very day, and slots
 * are laid out in real time, so the day the clocks change has the hours it really has (a night interval over 02:00
 * is an hour shorter in March and longer in October; a local time the clocks skip opens at the hour after).
 */
export function slotsOn(schedule: OfficeSchedule, date: string, durationMinutes: number): Slot[] {
  if (isClosedOn(schedule, date)) return [];
  const slots: Slot[] = [];
  const length = durationMinutes * 60_000;
  for (const [open, close] of schedule.weekly[isoWeekdayOf(date)]) {
    const opens = localInstant(date, open);
    const closes = localInstant(date, close);
    for (let start = opens; start + length <= closes; start += length) {
      slots.push({ start: new Date(start), end: new Date(start + length) });
    }
  }
  return slots;
}

/** The slot starting at `start` exactly, if there is one on its day. */
export function slotAt(schedule: OfficeSchedule, start: Date, durationMinutes: number): Slot | undefined {
  return slotsOn(schedule, businessDateOf(start), durationMinutes).find(
    (slot) => slot.start.getTime() === start.getTime(),
  );
}

/**
 * The days one may book (Europe/Warsaw dates, both ends included): residents from tomorrow, staff from today, and
 * both up to {@link BOOKING_HORIZON_DAYS} days ahead.
 */
export function bookingWindow(now: Date, staff: boolean): { first: string; last: string } {
  const today = businessDateOf(now);
  return { first: staff ? today : addCalendarDays(today, 1), last: addCalendarDays(today, BOOKING_HORIZON_DAYS) };
}

/**
 * The slots one may still book on `date`: none outside the window, and (today, for staff) none that has begun.
 * `layOut` gives the day's slots (laid out afresh, or remembered: only days in the window are asked for).
 */
export function bookableSlotsOn<S extends Slot>(
  date: string,
  now: Date,
  staff: boolean,
  layOut: (date: string) => readonly S[],
): S[] {
  const window = bookingWindow(now, staff);
  if (date < window.first || date > window.last) return [];
  return layOut(date).filter((slot) => slot.start > now);
}

/** Opening times fall on few distinct days and hours: each is worked out once (bounded, as dates keep coming). */
const localInstants = new Map<string, number>();
const LOCAL_INSTANTS_KEPT = 4096;

/** A Europe/Warsaw local time on a date, as epoch ms (a time the clocks skip reads as the hour after). */
function localInstant(date: string, time: string): number {
  const key = `${date}T${time}`;
  let instant = localInstants.get(key);
  if (instant === undefined) {
    instant = DateTime.fromISO(key, { zone: BUSINESS_TIME_ZONE }).toMillis();
    if (localInstants.size >= LOCAL_INSTANTS_KEPT) localInstants.clear();
    localInstants.set(key, instant);
  }
  return instant;
}
