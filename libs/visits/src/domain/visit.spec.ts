import { DomainError } from '@app/core';
import { completeWeek, OfficeSchedule } from './opening-hours';
import { decideCancel, decideCheckIn, decideSlot, emailKeyOf, phoneKeyOf, statusAt, Visit } from './visit';

const OFFICE: OfficeSchedule = {
  weekly: completeWeek({ '1': [['08:00', '16:00']], '2': [['08:00', '16:00']], '3': [['08:00', '16:00']] }),
  closedDates: ['2026-12-09'],
};
// Tuesday 1 December 2026, 11:10 in Warsaw.
const NOW = new Date('2026-12-01T10:10:00Z');

function refusal(work: () => unknown): { code: string; kind: string; errors?: unknown } {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, kind: error.kind, errors: error.details.errors };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('decideSlot', () => {
  it('takes a slot start inside the window on an open day', () => {
    const slot = decideSlot(OFFICE, 30, new Date('2026-12-02T07:30:00Z'), { now: NOW, staff: false });
    expect([slot.start.toISOString(), slot.end.toISOString()]).toEqual([
      '2026-12-02T07:30:00.000Z',
      '2026-12-02T08:00:00.000Z',
    ]);
  });

  it('refuses residents today and lets staff book today what has not begun', () => {
    const laterToday = new Date('2026-12-01T12:00:00Z');
    expect(refusal(() => decideSlot(OFFICE, 30, laterToday, { now: NOW, staff: false }))).toEqual({
      code: 'outside_booking_window',
      kind: 'invalid',
      errors: [{ field: 'start', message: 'must be a slot from 2026-12-02 to 2026-12-15 (Europe/Warsaw)' }],
    });
    expect(decideSlot(OFFICE, 30, laterToday, { now: NOW, staff: true }).start).toEqual(laterToday);
    const begun = new Date('2026-12-01T10:00:00Z');
    expect(refusal(() => decideSlot(OFFICE, 30, begun, { now: NOW, staff: true })).code).toBe('outside_booking_window');
  });

  it('refuses the day after the window, closed days, holidays and starts between slots', () => {
    const at = (instant: string) =>
      refusal(() => decideSlot(OFFICE, 30, new Date(instant), { now: NOW, staff: false }));
    expect(at('2026-12-16T08:00:00Z').code).toBe('outside_booking_window'); // 15 days ahead
    expect(at('2026-12-09T08:00:00Z').code).toBe('office_closed'); // its own closed date
    expect(at('2026-12-03T08:00:00Z').code).toBe('not_a_slot'); // Thursday: no hours
    expect(at('2026-12-02T07:10:00Z').code).toBe('not_a_slot'); // between slots
    expect(at('2026-12-02T15:00:00Z').code).toBe('not_a_slot'); // after closing
  });

  it('refuses a public holiday even on a weekday with hours', () => {
    const now = new Date('2026-11-05T10:00:00Z');
    const refused = refusal(() => decideSlot(OFFICE, 30, new Date('2026-11-11T08:00:00Z'), { now, staff: true }));
    expect(refused.code).toBe('office_closed');
  });
});

const VISIT: Visit = {
  id: '0b7c6d3e-8a1f-4f7e-9a55-2f1f0c6d8e01',
  officeCode: 'zom',
  serviceCode: 'id-card',
  desk: 1,
  start: new Date('2026-12-02T09:00:00Z'),
  end: new Date('2026-12-02T09:30:00Z'),
  status: 'booked',
  resident: { name: 'Anna', phone: '500 100 200', email: null },
  caseId: null,
  caseNumber: null,
  bookedBy: 'public',
  createdAt: NOW,
  checkedInAt: null,
  cancelledAt: null,
};

describe('decideCheckIn', () => {
  it('opens at midnight of the visit day (Warsaw) and closes at its end', () => {
    expect(refusal(() => decideCheckIn(VISIT, new Date('2026-12-01T22:59:59Z'))).code).toBe('too_early_to_check_in');
    expect(decideCheckIn(VISIT, new Date('2026-12-01T23:00:00Z'))).toBe(true);
    expect(decideCheckIn(VISIT, new Date('2026-12-02T09:29:59Z'))).toBe(true);
    expect(refusal(() => decideCheckIn(VISIT, new Date('2026-12-02T09:30:00Z')))).toMatchObject({
      code: 'visit_no_show',
      kind: 'conflict',
    });
  });

  it('changes nothing the second time and refuses a cancelled visit', () => {
    const at = new Date('2026-12-02T09:10:00Z');
    expect(decideCheckIn({ ...VISIT, status: 'checked_in' }, at)).toBe(false);
    expect(refusal(() => decideCheckIn({ ...VISIT, status: 'cancelled' }, at)).code).toBe('visit_cancelled');
  });
});

describe('decideCancel', () => {
  it('cancels until the start, once', () => {
    expect(decideCancel(VISIT, new Date('2026-12-02T08:59:59Z'))).toBe(true);
    expect(refusal(() => decideCancel(VISIT, new Date('2026-12-02T09:00:00Z'))).code).toBe('visit_started');
    expect(decideCancel({ ...VISIT, status: 'cancelled' }, NOW)).toBe(false);
    expect(refusal(() => decideCancel({ ...VISIT, status: 'checked_in' }, NOW)).code).toBe('visit_checked_in');
  });
});

describe('statusAt', () => {
  it('is no_show from the end of a booking not checked in', () => {
    expect(statusAt(VISIT, new Date('2026-12-02T09:29:59Z'))).toBe('booked');
    expect(statusAt(VISIT, new Date('2026-12-02T09:30:00Z'))).toBe('no_show');
    expect(statusAt({ ...VISIT, status: 'checked_in' }, new Date('2026-12-03T00:00:00Z'))).toBe('checked_in');
  });
});

describe('resident keys', () => {
  it('compare phones by digits with the country code, e-mails without case', () => {
    expect(['500 100 200', '+48 500-100-200', '0048500100200', '(48) 500100200'].map(phoneKeyOf)).toEqual([
      '48500100200',
      '48500100200',
      '48500100200',
      '48500100200',
    ]);
    expect(phoneKeyOf('+49 30 1234567')).toBe('49301234567');
    expect(phoneKeyOf(null)).toBeNull();
    expect(emailKeyOf(' Anna.Nowak@Example.PL ')).toBe('anna.nowak@example.pl');
  });
});
