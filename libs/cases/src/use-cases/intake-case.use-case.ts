import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig, businessYear, conflict } from '@app/core';
import type { StaffUser } from '@app/identity';
import { CaseStore, IdempotencyKeyTaken } from '../case.store';
import { decideIntake, IntakeCommand, IntakeContext, resolveReceivedAt, routeIntake } from '../domain/decide';
import { generateTrackingCode, hashTrackingCode } from '../domain/tracking-code';
import { planSlaTimers } from '../domain/sla-timers';
import { CreateCaseDto, CreatedCaseDto } from '../dto/case.dto';
import { IdempotencyKeys, StoredResponse } from '../intake/idempotency';
import { CaseWriter } from './case-writer';
import { toCaseDto } from './case-view';

export interface IdempotencyRequest {
  key: string;
  fingerprint: string;
}

/** A case to take in: what staff send, and what an Open311 request may add (answers checked, a photo's address). */
export type IntakeRequest = CreateCaseDto & Pick<IntakeCommand, 'attributes' | 'mediaUrl'>;

export interface IntakeResult extends StoredResponse {
  body: CreatedCaseDto;
  replayed: boolean;
}

/**
 * Logs a resident's case: routed, given its deadline, and assigned inside its unit to a member of staff reserved with
 * its number just before the one statement that writes the case, its history and its idempotency record.
 */
@Injectable()
export class IntakeCase {
  private readonly logger = new Logger(IntakeCase.name);

  constructor(
    private readonly store: CaseStore,
    private readonly writer: CaseWriter,
    private readonly idempotencyKeys: IdempotencyKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(command: IntakeRequest, actor: StaffUser, idempotency?: IdempotencyRequest): Promise<IntakeResult> {
    const earlier = idempotency && (await this.replay(actor, idempotency));
    if (earlier) return earlier;
    const context = await this.writer.routingContext(command.categoryCode);
    const now = new Date();
    const receivedAt = resolveReceivedAt(command.receivedAt ? new Date(command.receivedAt) : undefined, now);
    const id = randomUUID();
    const route = routeIntake(command, context);
    const { sequence, assignee } = await this.store.takeNumber(businessYear(receivedAt), route.unitCode, id);
    let result: IntakeResult;
    try {
      result = await this.write(command, actor, idempotency, {
        category: context.category,
        route,
        id,
        now,
        receivedAt,
        sequence,
        assignee,
      });
    } catch (error) {
      if (assignee) await this.release(id);
      throw error;
    }
    // A concurrent request with the same key stored its case first: this one stored none, so its reservation goes
    // back (the answer replayed names who really has the case).
    if (result.replayed && assignee) await this.release(id);
    return result;
  }

  /** Best effort: when even this fails (the database went away), the worker's sweep takes the reservation back. */
  private async release(caseId: string): Promise<void> {
    try {
      await this.store.releaseAssignee(caseId);
    } catch (error) {
      this.logger.warn({ msg: 'An assignee reservation is left for the sweep', caseId, error: String(error) });
    }
  }

  private async write(
    command: IntakeRequest,
    actor: StaffUser,
    idempotency: IdempotencyRequest | undefined,
    context: IntakeContext,
  ): Promise<IntakeResult> {
    const decision = decideIntake({ ...command, receivedAt: context.receivedAt }, context);
    const { state } = decision;
    const trackingCode = generateTrackingCode();
    const body: CreatedCaseDto = { ...toCaseDto(state, context.now), trackingCode };
    const statusCode = 201;
    try {
      await this.store.insert(
        { ...decision, outbox: planSlaTimers(null, state) },
        hashTrackingCode(trackingCode, this.config.trackingCodeSecret),
        actor.username,
        idempotency && {
          scope: actor.id,
          key: idempotency.key,
          requestHash: idempotency.fingerprint,
          statusCode,
          sealedResponse: this.idempotencyKeys.seal(actor.id, idempotency.key, body),
        },
      );
      return { statusCode, body, replayed: false };
    } catch (error) {
      if (!(error instanceof IdempotencyKeyTaken) || !idempotency) throw error;
      // A concurrent request with the same key won the race: answer as it did.
      const winner = await this.replay(actor, idempotency);
      if (winner) return winner;
      throw conflict('idempotency_key_in_flux', 'A request with this Idempotency-Key is being settled; try again.');
    }
  }

  private async replay(actor: StaffUser, idempotency: IdempotencyRequest): Promise<IntakeResult | null> {
    const earlier = await this.idempotencyKeys.replay(actor.id, idempotency.key, idempotency.fingerprint);
    return earlier && { statusCode: earlier.statusCode, body: earlier.body as CreatedCaseDto, replayed: true };
  }
}
