import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig, conflict, generateAccessCode, invalid, QueueName } from '@app/core';
import { CaseWriter } from '@app/cases';
import type { StaffUser } from '@app/identity';
import { OutboxMessage } from '@app/outbox';
import { BookingSetup, OfficesStore } from '../offices.store';
import { usableSetup } from '../booking-setups';
import { Slot } from '../domain/opening-hours';
import { hashVisitCode } from '../domain/visit-code';
import { decideSlot, emailKeyOf, isDialable, phoneKeyOf, PUBLIC_BOOKER } from '../domain/visit';
import { BookedVisitDto, BookVisitDto } from '../dto/visit.dto';
import { VisitThrottle } from '../visit-throttle';
import { VisitsStore } from '../visits.store';

/** The reminder goes out this long before the visit. */
const REMINDER_LEAD_MS = 24 * 60 * 60 * 1000;
const VISIT_REMINDER_JOB = 'visit-reminder';

/**
 * Books a visit: a desk for one slot, for the public or for staff (who may book today and name a case). The resident
 * must be reachable, the public within its rate, the start a slot in the window; then the store books it under the
 * resident's cap, with its history, its reminder and the case's event.
 */
@Injectable()
export class BookVisit {
  constructor(
    private readonly offices: OfficesStore,
    private readonly visits: VisitsStore,
    private readonly cases: CaseWriter,
    private readonly throttle: VisitThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(
    command: BookVisitDto,
    actor: StaffUser | undefined,
    address: string | undefined,
  ): Promise<BookedVisitDto> {
    if (!actor && command.caseNumber !== undefined) {
      throw invalid('case_link_needs_staff', 'Only staff (with a token) may book a visit for a case.', [
        { field: 'caseNumber', message: 'only staff may book a visit for a case' },
      ]);
    }
    const phone = command.resident.phone ?? null;
    const email = command.resident.email ?? null;
    if (phone === null && email === null) {
      throw invalid('resident_unreachable', 'A phone number or an e-mail address is needed for the reminder.', [
        { field: 'resident', message: 'must have a phone or an email' },
      ]);
    }
    const phoneKey = phoneKeyOf(phone);
    if (phoneKey !== null && !isDialable(phoneKey)) {
      // Only a 00 prefix can shorten it past the pattern's count of digits.
      throw invalid('phone_not_dialable', 'The phone number has too few digits to reach.', [
        { field: 'resident.phone', message: 'phone must have 9 to 15 digits besides a 00 prefix' },
      ]);
    }
    if (!actor) await this.throttle.countPublicBooking(address);

    const now = new Date();
    const start = new Date(command.start);
    const context = usableSetup(
      await this.offices.bookingSetup(command.officeCode, command.serviceCode),
      command,
      unknownCode,
    );
    const slot = decideSlot(context.schedule, context.durationMinutes, start, { now, staff: actor !== undefined });
    const linked = command.caseNumber && actor ? await this.cases.load(command.caseNumber, actor) : null;

    const code = generateAccessCode();
    const id = randomUUID();
    const outcome = await this.visits.book(
      {
        id,
        codeHash: hashVisitCode(code, this.config.trackingCodeSecret),
        officeCode: command.officeCode,
        serviceCode: command.serviceCode,
        start: slot.start,
        end: slot.end,
        resident: { name: command.resident.name, phone, email },
        phoneKey,
        emailKey: emailKeyOf(email),
        caseId: linked?.id ?? null,
        bookedBy: actor?.username ?? PUBLIC_BOOKER,
        createdAt: now,
      },
      context.desks,
      reminderOf(id, slot, now),
      linked && {
        type: 'visit_booked',
        at: now,
        data: { visitId: id, officeCode: command.officeCode, serviceCode: command.serviceCode, start: slot.start },
      },
    );
    if (!outcome.booked && outcome.reason === 'cap_reached') {
      throw conflict('booking_limit_reached', 'This phone or e-mail already holds 2 future bookings.');
    }
    if (!outcome.booked) throw conflict('slot_full', 'No desk is free for this slot any more; pick another.');
    return {
      code,
      ...publicView(context, command, slot),
      status: 'booked',
    };
  }
}

function unknownCode(code: string, message: string): Error {
  return invalid(code, message, [{ field: 'serviceCode', message }]);
}

/** The reminder a day ahead, unless the visit is sooner than that (the booking itself told the resident). */
function reminderOf(visitId: string, slot: Slot, now: Date): OutboxMessage | null {
  const runAt = new Date(slot.start.getTime() - REMINDER_LEAD_MS);
  if (runAt <= now) return null;
  return { queue: QueueName.VisitReminders, name: VISIT_REMINDER_JOB, payload: { visitId }, runAt };
}

function publicView(context: BookingSetup, command: BookVisitDto, slot: Slot) {
  return {
    officeCode: command.officeCode,
    officeName: context.officeName,
    officeAddress: context.officeAddress,
    serviceCode: command.serviceCode,
    serviceName: context.serviceName,
    start: slot.start.toISOString(),
    end: slot.end.toISOString(),
  };
}
