import { businessDateOf, conflict, DomainError, invalid, startOfBusinessDay } from '@app/core';
import { bookingWindow, isClosedOn, OfficeSchedule, Slot, slotAt } from './opening-hours';

export const VISIT_STATUSES = ['booked', 'checked_in', 'cancelled', 'no_show'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

/** What a visit's history records (`visit_events.type`). */
export const VISIT_EVENT_TYPES = ['booked', 'cancelled', 'checked_in', 'no_show', 'reminder_sent'] as const;

/** The longest a visit (a service's slot) lasts; the schema holds every visit to it. */
export const MIN_VISIT_MINUTES = 5;
export const MAX_VISIT_MINUTES = 240;

/** The per-resident cap: future bookings one phone number or e-mail address may hold at once. */
export const MAX_FUTURE_BOOKINGS_PER_RESIDENT = 2;

/** Who booked a visit without a staff token. */
export const PUBLIC_BOOKER = 'public';

export interface Resident {
  name: string;
  phone: string | null;
  email: string | null;
}

export interface Visit {
  id: string;
  officeCode: string;
  serviceCode: string;
  desk: number;
  start: Date;
  end: Date;
  status: VisitStatus;
  resident: Resident;
  caseId: string | null;
  caseNumber: string | null;
  bookedBy: string;
  createdAt: Date;
  checkedInAt: Date | null;
  cancelledAt: Date | null;
}

/**
 * The status as of `now`: a booking whose end has passed without a check-in is a no-show at once, even before the
 * worker's sweep writes it down.
 */
export function statusAt(visit: Pick<Visit, 'status' | 'end'>, now: Date): VisitStatus {
  return visit.status === 'booked' && visit.end <= now ? 'no_show' : visit.status;
}

/**
 * The slot a booking for `start` takes: it must lie in the booking window (residents from tomorrow, staff from today,
 * up to 14 days ahead, not begun yet), on a day the office is open, and be one of that day's slots of the service.
 */
export function decideSlot(
  schedule: OfficeSchedule,
  durationMinutes: number,
  start: Date,
  context: { now: Date; staff: boolean },
): Slot {
  const date = businessDateOf(start);
  const window = bookingWindow(context.now, context.staff);
  if (date < window.first || date > window.last || start <= context.now) {
    throw invalid('outside_booking_window', `Visits can be booked from ${window.first} to ${window.last}.`, [
      { field: 'start', message: `must be a slot from ${window.first} to ${window.last} (Europe/Warsaw)` },
    ]);
  }
  if (isClosedOn(schedule, date)) {
    throw invalid('office_closed', `The office is closed on ${date}.`, [
      { field: 'start', message: `the office is closed on ${date}` },
    ]);
  }
  const slot = slotAt(schedule, start, durationMinutes);
  if (!slot) {
    throw invalid('not_a_slot', 'No slot of this service starts then; see GET /visits/slots.', [
      { field: 'start', message: 'must be the start of a slot of the service at the office' },
    ]);
  }
  return slot;
}

/**
 * Checking in: on the visit's day (Europe/Warsaw) until its end. A second check-in changes nothing. Returns whether
 * there is anything to write.
 */
export function decideCheckIn(visit: Visit, now: Date): boolean {
  const status = statusAt(visit, now);
  if (status === 'checked_in') return false;
  if (status !== 'booked') throw notNow(status);
  if (now < startOfBusinessDay(businessDateOf(visit.start))) {
    throw conflict('too_early_to_check_in', `Check-in opens on the day of the visit (${businessDateOf(visit.start)}).`);
  }
  return true;
}

/** Cancelling: before the visit starts. A second cancellation changes nothing. Returns whether to write. */
export function decideCancel(visit: Visit, now: Date): boolean {
  const status = statusAt(visit, now);
  if (status === 'cancelled') return false;
  if (status !== 'booked') throw notNow(status);
  if (visit.start <= now) throw conflict('visit_started', 'The visit has begun; it can no longer be cancelled.');
  return true;
}

function notNow(status: VisitStatus): DomainError {
  const why: Record<VisitStatus, string> = {
    booked: 'The visit is booked.',
    checked_in: 'The resident has checked in already.',
    cancelled: 'The visit was cancelled.',
    no_show: 'The visit has ended without a check-in (no-show).',
  };
  return conflict(`visit_${status}`, why[status]);
}

/** The phone as the cap compares it: digits only, with Poland's country code when a 9-digit national number. */
export function phoneKeyOf(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '').replace(/^00/, '');
  return digits.length === 9 ? `48${digits}` : digits;
}

/** A phone key a reminder can be sent to: 9 to 15 digits (E.164's longest), country code included. */
export function isDialable(phoneKey: string): boolean {
  return phoneKey.length >= 9 && phoneKey.length <= 15;
}

/** The e-mail as the cap compares it. */
export function emailKeyOf(email: string | null): string | null {
  return email ? email.trim().toLowerCase() : null;
}
