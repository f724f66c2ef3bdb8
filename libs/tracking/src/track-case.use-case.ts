import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, notFound } from '@app/core';
import { hashTrackingCode, parseCaseNumber } from '@app/cases';
import { TrackedCaseDto } from './dto/tracking.dto';
import { TrackingStore } from './tracking.store';
import { TrackingThrottle } from './tracking-throttle';

/**
 * The one answer for an unknown number and for a wrong code: nothing in it (not even the number) tells them apart,
 * so that a number cannot be confirmed without its code.
 */
export const NO_SUCH_TRACKED_CASE = 'No case has this number and tracking code.';

/**
 * A resident's look-up of their case by number and tracking code. A malformed number or code is refused before
 * anything is counted; otherwise the address's count of wrong look-ups is read while the statement runs, and a miss
 * adds one to it.
 */
@Injectable()
export class TrackCase {
  constructor(
    private readonly store: TrackingStore,
    private readonly throttle: TrackingThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(number: string, code: string, clientAddress: string | undefined): Promise<TrackedCaseDto> {
    parseCaseNumber(number);
    // Always the keyed hash, then always the same statement: a miss costs the same whichever part was wrong.
    const codeHash = hashTrackingCode(code, this.config.trackingCodeSecret);
    const [allowed, found] = await Promise.allSettled([
      this.throttle.check(clientAddress),
      this.store.find(number, codeHash),
    ]);
    // Past the allowance every look-up is refused, a right one too: an answer must not tell whether a guess was right.
    if (allowed.status === 'rejected') throw allowed.reason;
    // A look-up that failed (the database was away) says nothing about the code: it does not count.
    if (found.status === 'rejected') throw found.reason;
    if (found.value) return found.value;
    await this.throttle.countMiss(clientAddress);
    throw notFound('tracked_case_not_found', NO_SUCH_TRACKED_CASE);
  }
}
