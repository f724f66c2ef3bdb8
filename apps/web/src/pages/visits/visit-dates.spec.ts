import { describe, expect, it } from '@jest/globals';
import { bookingWindow } from './visit-dates';

describe('the days one may book', () => {
  it('opens tomorrow for residents and today for staff, up to 14 days ahead', () => {
    expect(bookingWindow(false, '2026-11-16')).toEqual({ first: '2026-11-17', last: '2026-11-30' });
    expect(bookingWindow(true, '2026-11-16')).toEqual({ first: '2026-11-16', last: '2026-11-30' });
  });

  it('runs across a month end, a year end and a leap day', () => {
    expect(bookingWindow(false, '2026-11-30')).toEqual({ first: '2026-12-01', last: '2026-12-14' });
    expect(bookingWindow(true, '2026-11-30')).toEqual({ first: '2026-11-30', last: '2026-12-14' });
    expect(bookingWindow(false, '2026-12-31')).toEqual({ first: '2027-01-01', last: '2027-01-14' });
    expect(bookingWindow(false, '2028-02-28')).toEqual({ first: '2028-02-29', last: '2028-03-13' });
  });
});
