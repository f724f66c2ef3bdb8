import { describe, expect, it } from '@jest/globals';
import { warsawInstant, warsawLocal, warsawToday } from './warsaw-time';

describe('the Warsaw clock in the browser', () => {
  it('reads a typed wall-clock time as Warsaw time, winter and summer, whatever the browser zone', () => {
    expect(warsawInstant('2026-11-27T14:30')).toBe('2026-11-27T14:30:00+01:00');
    expect(warsawInstant('2026-07-01T09:00')).toBe('2026-07-01T09:00:00+02:00');
    // The last hour before the autumn change, and the first after the spring one.
    expect(warsawInstant('2026-10-25T01:30')).toBe('2026-10-25T01:30:00+02:00');
    expect(warsawInstant('2026-03-29T03:30')).toBe('2026-03-29T03:30:00+02:00');
  });

  it('shows an instant as the Warsaw wall clock, and knows the Warsaw date across midnight', () => {
    expect(warsawLocal(new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-27T00:30');
    expect(warsawLocal(new Date('2026-06-30T22:05:00Z'))).toBe('2026-07-01T00:05');
    expect(warsawToday(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    expect(warsawToday(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
  });
});
