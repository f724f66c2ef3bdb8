import { Injectable } from '@nestjs/common';
import { Slot, slotsOn } from './domain/opening-hours';
import { BookingSetup, OfficesStore } from './offices.store';

/** A slot with its instants written out. */
export interface ListedSlot extends Slot {
  startText: string;
  endText: string;
}

/** How long a process trusts what it read of an office and a service (their hours change a few times a year). */
export const BOOKING_SETUP_TTL_MS = 10_000;
/** Past this many (office, service) pairs remembered, start afresh: the public may ask for any codes. */
const MAX_REMEMBERED = 1000;

/**
 * The offices' hours and desks and the services' lengths as the slot lists read them: remembered for a few seconds
 * per process, so that the public's busiest read asks PostgreSQL only for what changes by the second, the desks
 * taken. An admin's change is seen at once by the process that made it and within {@link BOOKING_SETUP_TTL_MS} by
 * the others; bookings read the office afresh.
 */
@Injectable()
export class BookingSetups {
  private readonly remembered = new Map<string, { until: number; setup: Promise<BookingSetup | null> }>();
  /** Per setup (gone with it), its slots per date. */
  private readonly layouts = new WeakMap<BookingSetup, Map<string, ListedSlot[]>>();

  constructor(private readonly store: OfficesStore) {}

  get(officeCode: string, serviceCode: string, now = Date.now()): Promise<BookingSetup | null> {
    const key = `${officeCode} ${serviceCode}`;
    const known = this.remembered.get(key);
    if (known && known.until > now) return known.setup;
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
    const setup = this.store.bookingSetup(officeCode, serviceCode);
    this.remembered.set(key, { until: now + BOOKING_SETUP_TTL_MS, setup });
    // Only what exists is remembered: codes made up by the public (or a failed read) must not crowd out the rest.
    setup.then(
      (found) => found ?? this.remembered.delete(key),
      () => this.remembered.delete(key),
    );
    return setup;
  }

  /**
   * The day's slots of the setup's service, laid out once per setup remembered (they change with it only), with their
   * instants as the answer writes them (`toISOString` was a tenth of a slot list's cost).
   */
  slotsOn(setup: BookingSetup, date: string): ListedSlot[] {
    let byDate = this.layouts.get(setup);
    if (!byDate) this.layouts.set(setup, (byDate = new Map()));
    let slots = byDate.get(date);
    if (!slots) {
      slots = slotsOn(setup.schedule, date, setup.durationMinutes).map((slot) => ({
        ...slot,
        startText: slot.start.toISOString(),
        endText: slot.end.toISOString(),
      }));
      byDate.set(date, slots);
    }
    return slots;
  }

  /** Forgets everything: an office or a service changed. */
  forget(): void {
    this.remembered.clear();
  }
}

/** The office and service found, and the office booking the service; else `refuse`. */
export function usableSetup(
  setup: BookingSetup | null,
  { officeCode, serviceCode }: { officeCode: string; serviceCode: string },
  refuse: (code: string, message: string) => Error,
): BookingSetup {
  if (!setup) {
    throw refuse('office_or_service_not_found', `There is no office ${officeCode} or no visit service ${serviceCode}.`);
  }
  if (!setup.offered) throw refuse('service_not_offered', `The office ${officeCode} does not book ${serviceCode}.`);
  return setup;
}
