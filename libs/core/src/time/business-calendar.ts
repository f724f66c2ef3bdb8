import Holidays from 'date-holidays';
import { startOfNextBusinessDay } from './business-time';

/*
 * The working-day calendar of the city hall, shared by routing, reports and visit booking. A business date is a
 * `YYYY-MM-DD` string naming a day in Europe/Warsaw. Arithmetic on dates is done on whole day numbers (days since
 * 1970-01-01): cheap enough to run on every case intake, and a daylight-saving change cannot shift a date.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A business date as clients may send one, `YYYY-MM-DD`, from 2000 on (as case numbers and reports take them). */
export const BUSINESS_DATE_PATTERN =
  /^(2\d{3}|[3-8]\d{3}|9[0-8]\d{2}|99[0-8]\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
const SUNDAY = 0;
const SATURDAY = 6;

/** A Polish public holiday (ustawa o dniach wolnych od pracy), Easter and Pentecost Sunday among them. */
export function isPublicHoliday(date: string): boolean {
  return isPublicHolidayAt(dayNumberOf(date));
}

/** Neither a Saturday, a Sunday nor a public holiday. */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayAt(dayNumberOf(date));
}

/** {@link BUSINESS_DATE_PATTERN}, naming a day that exists (no 30 February). */
export function isBusinessDate(value: string): boolean {
  if (!BUSINESS_DATE_PATTERN.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

export function addCalendarDays(date: string, days: number): string {
  return dateOf(dayNumberOf(date) + days);
}

/** The same day of the month `months` later, or that month's last day when it has no such day (31 Jan + 1 → 28 Feb). */
export function addMonthsClamped(date: string, months: number): string {
  const [year, month, day] = partsOf(date);
  const targetMonthIndex = month - 1 + months;
  // Day 0 of the month after is the last day of the target month; Date.UTC carries month overflow into the year.
  const daysInTargetMonth = new Date(Date.UTC(year, targetMonthIndex + 1, 0)).getUTCDate();
  return dateOf(Date.UTC(year, targetMonthIndex, Math.min(day, daysInTargetMonth)) / MS_PER_DAY);
}

/** How many days `to` lies after `from` (negative when before). */
export function calendarDaysBetween(from: string, to: string): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

/** `date` itself when it is a working day, else the first working day after it. */
export function firstWorkingDayOnOrAfter(date: string): string {
  let day = dayNumberOf(date);
  while (!isWorkingDayAt(day)) day++;
  return dateOf(day);
}

/** The `n`-th working day after `date`, `date` itself not counted (so `n` = 0 gives `date` back). */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0, got ${n}.`);
  let day = dayNumberOf(date);
  for (let counted = 0; counted < n;) {
    day++;
    if (isWorkingDayAt(day)) counted++;
  }
  return dateOf(day);
}

export function nextWorkingDayAfter(date: string): string {
  return addWorkingDays(date, 1);
}

/** The last working day before `date`. */
export function previousWorkingDayBefore(date: string): string {
  let day = dayNumberOf(date) - 1;
  while (!isWorkingDayAt(day)) day--;
  return dateOf(day);
}

/** Deadlines fall on few distinct dates: each one's end is worked out once (bounded, as dates keep coming). */
const endOfDayCache = new Map<string, number>();
const END_OF_DAY_CACHE_SIZE = 4096;

/** The last instant (23:59:59.999 local) of a business date: the next midnight minus 1 ms, right on DST days too. */
export function endOfBusinessDay(date: string): Date {
  let end = endOfDayCache.get(date);
  if (end === undefined) {
    end = startOfNextBusinessDay(dateOf(dayNumberOf(date))).getTime() - 1;
    if (endOfDayCache.size >= END_OF_DAY_CACHE_SIZE) endOfDayCache.clear();
    endOfDayCache.set(date, end);
  }
  return new Date(end);
}

function isWorkingDayAt(day: number): boolean {
  const weekday = new Date(day * MS_PER_DAY).getUTCDay();
  return weekday !== SATURDAY && weekday !== SUNDAY && !isPublicHolidayAt(day);
}

function isPublicHolidayAt(day: number): boolean {
  return publicHolidaysOf(new Date(day * MS_PER_DAY).getUTCFullYear()).has(day);
}

/** Strictly `YYYY-MM-DD` naming a real day; luxon and Date would also take times, week dates or 30 February. */
function partsOf(date: string): [year: number, month: number, day: number] {
  const [year, month, day] = date.split('-').map(Number);
  if (!ISO_DATE.test(date) || dateOf(Date.UTC(year, month - 1, day) / MS_PER_DAY) !== date) {
    throw new RangeError(`Not a business date (YYYY-MM-DD): "${date}".`);
  }
  return [year, month, day];
}

function dayNumberOf(date: string): number {
  const [year, month, day] = partsOf(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function dateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 'YYYY-MM-DD'.length);
}

// Every case intake asks for due dates, so each year's holidays are worked out once and then only looked up.
let polishHolidays: Holidays | undefined;
const publicHolidaysByYear = new Map<number, ReadonlySet<number>>();

function publicHolidaysOf(year: number): ReadonlySet<number> {
  let holidays = publicHolidaysByYear.get(year);
  if (!holidays) {
    polishHolidays ??= new Holidays('PL');
    holidays = new Set(
      polishHolidays
        .getHolidays(year)
        // Only statutory days off; the library also lists observances and the optional 2 May (Flag Day).
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => dayNumberOf(holiday.date.slice(0, 'YYYY-MM-DD'.length))),
    );
    publicHolidaysByYear.set(year, holidays);
  }
  return holidays;
}
