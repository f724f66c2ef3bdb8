import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig, businessYear, conflict } from '@app/core';
import type { StaffUser } from '@app/identity';
import { CaseStore, IdempotencyKeyTaken } from '../case.store';
import { decideIntake, resolveReceivedAt } from '../domain/decide';
import { generateTrackingCode, hashTrackingCode } from '../domain/tracking-code';
import { CreateCaseDto, CreatedCaseDto } from '../dto/case.dto';
import { IdempotencyKeys, StoredResponse } from '../intake/idempotency';
import { CaseWriter } from './case-writer';
import { toCaseDto } from './case-view';

export interface IdempotencyRequest {
  key: string;
  fingerprint: string;
}

export interface IntakeResult extends StoredResponse {
  body: CreatedCaseDto;
  replayed: boolean;
}

/** Logs a resident's case: routed, given its deadline and assigned inside its unit, in one statement. */
@Injectable()
export class IntakeCase {
  constructor(
    private readonly store: CaseStore,
    private readonly writer: CaseWriter,
    private readonly idempotencyKeys: IdempotencyKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(command: CreateCaseDto, actor: StaffUser, idempotency?: IdempotencyRequest): Promise<IntakeResult> {
    const earlier = idempotency && (await this.replay(actor, idempotency));
    if (earlier) return earlier;
    const context = await this.writer.routingContext(command.categoryCode);
    const now = new Date();
    const receivedAt = resolveReceivedAt(command.receivedAt ? new Date(command.receivedAt) : undefined, now);
    const sequence = await this.store.nextSequence(businessYear(receivedAt));
    const decision = decideIntake(
      { ...command, receivedAt },
      { ...context, id: randomUUID(), now, receivedAt, sequence },
    );
    const trackingCode = generateTrackingCode();
    // Sealed before the statement that picks the assignee: a replay merges the assignee back (decided_by_store).
    const sealed: CreatedCaseDto = { ...toCaseDto(decision.state, now), trackingCode };
    const statusCode = 201;
    try {
      const assignee = await this.store.insert(
        decision,
        hashTrackingCode(trackingCode, this.config.trackingCodeSecret),
        actor.username,
        idempotency && {
          scope: actor.id,
          key: idempotency.key,
          requestHash: idempotency.fingerprint,
          statusCode,
          sealedResponse: this.idempotencyKeys.seal(actor.id, idempotency.key, sealed),
        },
      );
      return { statusCode, body: { ...sealed, assignee: assignee.assignee }, replayed: false };
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
