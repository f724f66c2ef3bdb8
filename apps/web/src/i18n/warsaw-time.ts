/** Every instant is shown and read on the city's clock, wherever the browser is. */
export const TIME_ZONE = 'Europe/Warsaw';

const offsets = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' });

/** Warsaw's offset from UTC at an instant, as `+01:00` / `+02:00`. */
function warsawOffsetAt(instant: Date): string {
  const name = offsets.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  return name === 'GMT' ? '+00:00' : name.slice(3);
}

/**
 * A wall-clock time typed in a `datetime-local` field (`2026-11-27T14:30`), read on the Warsaw clock whatever the
 * browser's zone, as an instant with its offset (`2026-11-27T14:30:00+01:00`).
 */
export function warsawInstant(local: string): string {
  const asUtc = new Date(`${local}:00Z`);
  // The offset an hour either side of a clock change can differ: take the one that holds at the resulting instant.
  const first = warsawOffsetAt(asUtc);
  const second = warsawOffsetAt(new Date(`${local}:00${first}`));
  return `${local}:00${second}`;
}

const wallClock = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as a `datetime-local` value on the Warsaw clock (`2026-11-27T14:30`). */
export function warsawLocal(instant: Date): string {
  return wallClock.format(instant).replace(' ', 'T');
}

/** Today's date in Warsaw (`2026-11-27`). */
export function warsawToday(now = new Date()): string {
  return warsawLocal(now).slice(0, 10);
}

/** The Warsaw calendar date of an instant (`2026-11-27T23:30:00Z` → `2026-11-28`). */
export function warsawDateOf(iso: string): string {
  return warsawToday(new Date(iso));
}

/** Days after a calendar date (`2026-11-30`), as a calendar date. */
export function addDays(ymd: string, days: number): string {
  const date = new Date(`${ymd}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

// Business months (`YYYY-MM`), as the reports take them.
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(value: string | undefined): value is string {
  return !!value && MONTH.test(value);
}

function monthIndex(month: string): number {
  const [year, number] = month.split('-').map(Number);
  return year * 12 + number - 1;
}

export function addMonths(month: string, count: number): string {
  const index = monthIndex(month) + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many months `from`..`to` spans, both included. */
export function monthsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from) + 1;
}

/** This month on the Warsaw calendar. */
export function currentMonth(now = new Date()): string {
  return warsawToday(now).slice(0, 7);
}
