import { Injectable } from '@nestjs/common';
import { conflict, DomainError, invalid, notFound, PG_DEADLOCK_DETECTED, pgErrorCode } from '@app/core';
import { CatalogueService } from '@app/catalogue';
import type { StaffUser } from '@app/identity';
import { RoutingService } from '@app/routing';
import { Assignee, CaseStore, UnitScope } from '../case.store';
import { CaseState, Decision } from '../domain/case';
import { parseCaseNumber } from '../domain/case-number';
import { planSlaTimers } from '../domain/sla-timers';
import { CategoryFacts, RoutingContext } from '../domain/decide';
import { AcceptedVersions } from '../if-match';

/** How often a write without `If-Match` is retried when another write to the same case came first. */
const MAX_WRITE_ATTEMPTS = 3;

/**
 * What every change to an existing case shares: find it within the actor's scope, decide against the current row,
 * and save if nobody changed it meanwhile; and the catalogue and rules the decisions need.
 */
@Injectable()
export class CaseWriter {
  constructor(
    private readonly store: CaseStore,
    private readonly catalogue: CatalogueService,
    private readonly routing: RoutingService,
  ) {}

  /** Reads the case, decides, and saves if nobody changed it meanwhile (retrying unless the caller sent If-Match). */
  apply(
    number: string,
    actor: StaffUser,
    accepted: AcceptedVersions,
    decide: (current: CaseState, now: Date) => Decision | Promise<Decision>,
  ): Promise<CaseState> {
    return this.applyTo(() => this.load(number, actor), actor.username, accepted, decide);
  }

  /**
   * {@link apply} for a case `load` reads however it must (the worker reads by id, in no unit's scope). The SLA
   * timers a change calls for are queued with it.
   */
  async applyTo(
    load: () => Promise<CaseState>,
    actor: string,
    accepted: AcceptedVersions,
    decide: (current: CaseState, now: Date) => Decision | Promise<Decision>,
  ): Promise<CaseState> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await load();
      if (accepted && !accepted.includes(current.version)) throw versionMismatch(current.version);
      const decision = await decide(current, new Date());
      if (decision.events.length === 0) return current;
      const outbox = [...(decision.outbox ?? []), ...planSlaTimers(current, decision.state)];
      let assignee: Assignee | null;
      try {
        assignee = await this.store.save({ ...decision, outbox }, current.version, actor);
      } catch (error) {
        // Two re-routes crossing between the same two people's loads can deadlock; the loser wrote nothing.
        if (pgErrorCode(error) === PG_DEADLOCK_DETECTED) continue;
        throw error;
      }
      if (assignee) return { ...decision.state, ...assignee };
      if (accepted) throw versionMismatch();
    }
    throw conflict('concurrent_modification', 'The case is being changed by others right now; try again.');
  }

  async load(number: string, actor: StaffUser): Promise<CaseState> {
    parseCaseNumber(number);
    const found = await this.store.findByNumber(number, scopeOf(actor));
    if (!found) throw caseNotFound(number);
    return found;
  }

  /** The category as the rules see it; one a client names must exist (400 otherwise). */
  async category(code: string): Promise<CategoryFacts> {
    const category = await this.catalogue.findCategory(code);
    if (!category) {
      throw invalid('unknown_category', `There is no category ${code}.`, [
        { field: 'categoryCode', message: 'unknown category' },
      ]);
    }
    return { code: category.code, unitCode: category.unitCode, sla: category.sla };
  }

  async routingContext(categoryCode: string): Promise<RoutingContext> {
    const [category, rules] = await Promise.all([this.category(categoryCode), this.routing.compiledRules()]);
    return { category, rules };
  }

  async requireUnit(unitCode: string): Promise<void> {
    if (!(await this.catalogue.unitExists(unitCode))) {
      throw invalid('unknown_unit', `There is no unit ${unitCode}.`, [{ field: 'unitCode', message: 'unknown unit' }]);
    }
  }
}

/** `unit_staff` see only their own unit's cases; everybody else sees all. */
export function scopeOf(actor: StaffUser): UnitScope {
  if (actor.role !== 'unit_staff') return null;
  // Fail closed: a unit member without a unit sees nothing rather than everything.
  if (!actor.unitCode) throw new DomainError('no_unit', 'Your account belongs to no unit.', 'forbidden');
  return actor.unitCode;
}

export function caseNotFound(number: string): DomainError {
  return notFound('case_not_found', `There is no case ${number}.`);
}

function versionMismatch(current?: number): DomainError {
  return new DomainError(
    'version_mismatch',
    'The case was changed since you read it' + (current ? ` (it is now version ${current})` : '') + '; reload it.',
    'precondition_failed',
  );
}
