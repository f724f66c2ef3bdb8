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
