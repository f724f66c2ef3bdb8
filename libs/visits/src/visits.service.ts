import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  businessDateOf,
  conflict,
  isAccessCodeInput,
  isUuid,
  notFound,
  startOfBusinessDay,
  startOfNextBusinessDay,
} from '@app/core';
import { SYSTEM_ACTOR } from '@app/cases';
import type { StaffUser } from '@app/identity';
import { BookingSetups, usableSetup } from './booking-setups';
import { bookableSlotsOn, Slot } from './domain/opening-hours';
import { SlotsQuery } from './domain/slots-query';
import { decideCancel, decideCheckIn, PUBLIC_BOOKER, statusAt, Visit } from './domain/visit';
import { hashVisitCode } from './domain/visit-code';
import { DayListDto, DayListQueryDto, PublicVisitDto, SlotListDto, StaffVisitDto } from './dto/visit.dto';
import { noSuchOffice } from './offices.service';
import { OfficesStore, TakenDesk } from './offices.store';
import { VisitThrottle } from './visit-throttle';
import { ListedVisit, VisitChange, VisitsStore } from './visits.store';

/** Slot lists, reading, cancelling and checking in visits, the office's day; reminders and no-shows for the worker. */
@Injectable()
export class VisitsService {
  private readonly logger = new Logger(VisitsService.name);

  constructor(
    private readonly offices: OfficesStore,
    private readonly setups: BookingSetups,
    private readonly visits: VisitsStore,
    private readonly throttle: VisitThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The day's slots with their free desks; staff (with a token) also see today's. */
  async slots(query: SlotsQuery, staff: boolean): Promise<SlotListDto> {
    const setup = usableSetup(await this.setups.get(query.officeCode, query.serviceCode), query, notFound);
    const slots = bookableSlotsOn(query.date, new Date(), staff, (date) => this.setups.slotsOn(setup, date));
    const taken = slots.length
      ? await this.offices.takenDesks(query.officeCode, slots[0].start, slots[slots.length - 1].end)
      : [];
    return {
      officeCode: query.officeCode,
      serviceCode: query.serviceCode,
      date: query.date,
      items: slots.map((slot) => ({
        start: slot.startText,
        end: slot.endText,
        free: setup.desks - desksTakenDuring(taken, slot),
      })),
    };
  }

  /** The visit its code names, as the public may see it; wrong codes are counted per address. */
  async findByCode(code: string, address: string | undefined): Promise<PublicVisitDto> {
    return toPublicDto(await this.byCode(code, address), new Date());
  }

  /** Cancels by code, before the visit starts (the public, or staff with a token, who may also give the id). */
  async cancel(code: string, actor: StaffUser | undefined, address: string | undefined): Promise<PublicVisitDto> {
    const visit = actor ? await this.byCodeOrId(code) : await this.byCode(code, address);
    return toPublicDto(
      await this.change(visit, 'cancelled', decideCancel, actor?.username ?? PUBLIC_BOOKER),
      new Date(),
    );
  }

  /** Checks in by code or id (the day's list shows ids), on the visit's day until its end. */
  async checkIn(codeOrId: string, actor: StaffUser): Promise<StaffVisitDto> {
    const visit = await this.byCodeOrId(codeOrId);
    return toStaffDto(await this.change(visit, 'checked_in', decideCheckIn, actor.username), new Date(), actor);
  }

  /** An office's visits of one day (by default today), by start and desk. */
  async dayList(query: DayListQueryDto, actor: StaffUser): Promise<DayListDto> {
    const now = new Date();
    const date = query.date ?? businessDateOf(now);
    if (!(await this.offices.findOffice(query.officeCode))) throw noSuchOffice(query.officeCode);
    const visits = await this.visits.listForOffice(
      query.officeCode,
      startOfBusinessDay(date),
      startOfNextBusinessDay(date),
    );
    return {
      officeCode: query.officeCode,
      date,
      items: visits.map((visit) => toStaffDto(visit, now, actor)),
      nextCursor: null,
    };
  }

  /**
   * Sends a visit's reminder (a record in its history until e-mail and SMS exist), once, if it is still booked and
   * ahead; a cancelled visit's job does nothing. Returns whether it sent it.
   */
  async remind(visitId: string): Promise<boolean> {
    const sent = await this.visits.markReminded(visitId, new Date(), SYSTEM_ACTOR);
    if (sent) this.logger.log(`Reminder recorded for visit ${visitId}`);
    return sent;
  }

  /** Marks `no_show` the booked visits that have ended (at most `limit`); returns how many. */
  markNoShows(limit: number): Promise<number> {
    return this.visits.markNoShows(new Date(), limit, SYSTEM_ACTOR);
  }

  private hash(code: string): string {
    return hashVisitCode(code, this.config.trackingCodeSecret);
  }

  /**
   * The visit a code names. With an address (the public) the address's wrong codes are checked first and a miss is
   * counted; a malformed code is a miss that costs nothing (it cannot match).
   */
  private async byCode(code: string, address: string | undefined | null): Promise<ListedVisit> {
    if (!isAccessCodeInput(code)) throw noSuchVisit();
    if (address !== null) await this.throttle.check(address);
    const visit = await this.visits.findByCodeHash(this.hash(code));
    if (visit) return visit;
    if (address !== null) await this.throttle.countMiss(address);
    throw noSuchVisit();
  }

  /** For staff: the visit a code or an id (from the day list) names; staff guesses are not counted. */
  private async byCodeOrId(codeOrId: string): Promise<ListedVisit> {
    if (!isUuid(codeOrId)) return this.byCode(codeOrId, null);
    const visit = await this.visits.findById(codeOrId);
    if (!visit) throw noSuchVisit();
    return visit;
  }

  /** Decides and writes a status change; a change that lost a race is decided again on the fresh row. */
  private async change(
    visit: ListedVisit,
    to: VisitChange['to'],
    decide: (visit: Visit, now: Date) => boolean,
    actor: string,
  ): Promise<ListedVisit> {
    let current = visit;
    for (let attempt = 0; attempt < 2; attempt++) {
      const now = new Date();
      if (!decide(current, now)) return current;
      const caseEvent = { type: `visit_${to}` as const, data: { visitId: current.id } };
      if (await this.visits.change({ id: current.id, to, at: now, actor, caseEvent })) {
        return { ...current, status: to, ...(to === 'cancelled' ? { cancelledAt: now } : { checkedInAt: now }) };
      }
      current = (await this.visits.findById(current.id))!;
    }
    throw conflict('concurrent_modification', 'The visit is being changed by others right now; try again.');
  }
}

function noSuchVisit() {
  return notFound('visit_not_found', 'There is no visit with this code.');
}

/** Desks with an active visit overlapping the slot. */
function desksTakenDuring(taken: TakenDesk[], slot: Slot): number {
  const desks = new Set<number>();
  const start = slot.start.getTime();
  const end = slot.end.getTime();
  for (const [desk, takenFrom, takenUntil] of taken) {
    if (takenFrom < end && takenUntil > start) desks.add(desk);
  }
  return desks.size;
}

function toPublicDto(visit: ListedVisit, now: Date): PublicVisitDto {
  return {
    officeCode: visit.officeCode,
    officeName: visit.officeName,
    officeAddress: visit.officeAddress,
    serviceCode: visit.serviceCode,
    serviceName: visit.serviceName,
    start: visit.start.toISOString(),
    end: visit.end.toISOString(),
    status: statusAt(visit, now),
  };
}

/** A visit as the office's staff see it; a unit member sees the number of a case of their own unit only. */
function toStaffDto(visit: ListedVisit, now: Date, actor: StaffUser): StaffVisitDto {
  const caseInSight = actor.role !== 'unit_staff' || visit.caseUnitCode === actor.unitCode;
  return {
    id: visit.id,
    ...toPublicDto(visit, now),
    desk: visit.desk,
    resident: visit.resident,
    caseNumber: caseInSight ? visit.caseNumber : null,
    bookedBy: visit.bookedBy,
    createdAt: visit.createdAt.toISOString(),
    checkedInAt: visit.checkedInAt?.toISOString() ?? null,
    cancelledAt: visit.cancelledAt?.toISOString() ?? null,
  };
}
