import { Injectable, Logger } from '@nestjs/common';
import { invalid, notFound } from '@app/core';
import { EntityManager } from 'typeorm';
import { CatalogueService } from '@app/catalogue';
import { CompiledRule, compileRules, normalizeRule, RoutingRule, ruleSetErrors } from './domain/routing-rules';
import { RoutingStore, UnitStaffRow } from './routing.store';

/** How long another api process may go on routing by the rule set as it was before an administrator replaced it. */
export const RULES_CACHE_TTL_MS = 5000;

/** Who changes routing, for the audit line. */
export interface RoutingActor {
  username: string;
}

@Injectable()
export class RoutingService {
  private readonly logger = new Logger('RoutingAudit');
  private cached: { rules: RoutingRule[]; compiled: CompiledRule[]; expiresAt: number } | null = null;
  private loading: Promise<{ rules: RoutingRule[]; compiled: CompiledRule[] }> | null = null;
  /** Bumped by every replacement, so that a read begun before it cannot refill the cache with the old rules. */
  private generation = 0;

  constructor(
    private readonly store: RoutingStore,
    private readonly catalogue: CatalogueService,
  ) {}

  async rules(): Promise<RoutingRule[]> {
    return (await this.current()).rules;
  }

  /**
   * The rule set ready to match, read on every intake: served from a per-process cache that this process clears when
   * it replaces the rules, and that other api processes see within {@link RULES_CACHE_TTL_MS}.
   */
  async compiledRules(): Promise<CompiledRule[]> {
    return (await this.current()).compiled;
  }

  /** With `manager`, inside the caller's transaction. */
  async replaceRules(given: RoutingRule[], actor: RoutingActor, manager?: EntityManager): Promise<RoutingRule[]> {
    const rules = given.map(normalizeRule);
    const known = await this.catalogue.knownCodes(
      rules.map((rule) => rule.then.unitCode),
      rules.flatMap((rule) => rule.when.categoryCodes ?? []),
      manager,
    );
    const errors = ruleSetErrors(rules, known);
    if (errors.length) throw invalid('invalid_rule_set', 'The rule set is not valid; see errors.', errors);
    compileRules(rules); // what every intake will do with them: fails here rather than there
    await this.store.replaceRules(rules, manager);
    // Inside a caller's transaction the new rules are not visible before it commits; the cache then expires as usual.
    if (!manager) this.forgetCachedRules();
    this.logger.log({ audit: 'routing_rules_replaced', actor: actor.username, rules: rules.length });
    return rules;
  }

  /** The member of the unit's staff a case may be handed to by hand (absent or not), or a 400 naming the field. */
  async requireUnitStaff(username: string, unitCode: string): Promise<{ id: string; username: string }> {
    const staff = await this.store.findUnitStaff(username, unitCode);
    if (!staff) {
      throw invalid('unknown_assignee', `${username} is no member of ${unitCode}'s staff.`, [
        { field: 'assignee', message: `not a member of ${unitCode}'s staff` },
      ]);
    }
    return staff;
  }

  async listStaff(unitCode?: string): Promise<UnitStaffRow[]> {
    return this.store.listStaff(unitCode);
  }

  /** Marks a member of staff absent (no new cases) or back; the cases they hold stay with them. */
  async setAvailability(username: string, available: boolean, actor: RoutingActor): Promise<UnitStaffRow> {
    const result = await this.store.setAvailability(username, available);
    if (!result) throw notFound('unit_staff_not_found', `There is no unit staff member ${username}.`);
    const { staff, changed } = result;
    if (!changed) return staff;
    this.logger.log({
      audit: available ? 'staff_available' : 'staff_unavailable',
      actor: actor.username,
      account: staff.username,
      unitCode: staff.unitCode,
    });
    return staff;
  }

  private forgetCachedRules(): void {
    this.generation++;
    this.cached = null;
    this.loading = null;
  }

  private async current(): Promise<{ rules: RoutingRule[]; compiled: CompiledRule[] }> {
    if (this.cached && this.cached.expiresAt > Date.now()) return this.cached;
    // Concurrent intakes after expiry share one read instead of each loading the rules.
    if (!this.loading) {
      const generation = this.generation;
      const loading = this.store
        .loadRules()
        .then((rules) => {
          const loaded = { rules, compiled: compileRules(rules), expiresAt: Date.now() + RULES_CACHE_TTL_MS };
          if (generation === this.generation) this.cached = loaded;
          return loaded;
        })
        .finally(() => {
          if (this.loading === loading) this.loading = null;
        });
      this.loading = loading;
    }
    return this.loading;
  }
}
