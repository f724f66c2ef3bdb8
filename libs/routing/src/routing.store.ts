import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Channel, Priority, Sql } from '@app/core';
import { normalizeRule, RoutingRule } from './domain/routing-rules';

interface RuleRow {
  name: string;
  category_codes: string[];
  channels: Channel[];
  districts: string[];
  keywords_any: string[];
  unit_code: string;
  priority: Priority | null;
}

export interface UnitStaffRow {
  username: string;
  unitCode: string;
  available: boolean;
  openCases: number;
  lastAssignedAt: Date | null;
}

/** A member of staff as listed; `available` may be given as the value a statement has just written. */
const staffColumns = (available = 'available') =>
  `username, unit_code AS "unitCode", ${available} AS available, open_cases AS "openCases",
   last_assigned_at AS "lastAssignedAt"`;
/** Members of staff whom assignment considers: unit staff whose account is not disabled. */
const ASSIGNABLE = `role = 'unit_staff' AND disabled_at IS NULL`;

/**
 * Routing's tables: the rule set, and the columns of `users` that assignment owns (availability, open load,
 * round-robin position; the load is counted by intake's reservation and then by a trigger on `cases`, the choice made
 * by `pick_unit_assignee`).
 */
@Injectable()
export class RoutingStore {
  constructor(
    private readonly sql: Sql,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async loadRules(): Promise<RoutingRule[]> {
    const rows = await this.sql.query<RuleRow>(
      `SELECT name, category_codes, channels, districts, keywords_any, unit_code, priority
         FROM routing_rules ORDER BY position`,
      [],
      'routing-rules',
    );
    return rows.map(toRule);
  }

  /** Replaces the whole rule set at once: readers see the old set or the new one, never a mix. */
  async replaceRules(rules: readonly RoutingRule[], outer?: EntityManager): Promise<void> {
    const inTransaction = (work: (manager: EntityManager) => Promise<void>) =>
      outer ? work(outer) : this.dataSource.transaction(work);
    await inTransaction(async (manager) => {
      // Two administrators saving at once: the second waits and then replaces what the first saved.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('routing-rules'))`);
      await manager.query(`DELETE FROM routing_rules`);
      if (!rules.length) return;
      await manager.query(
        `INSERT INTO routing_rules (position, name, category_codes, channels, districts, keywords_any, unit_code, priority)
         SELECT rule.position - 1, rule.value ->> 'name',
                ARRAY(SELECT jsonb_array_elements_text(coalesce(rule.value -> 'when' -> 'categoryCodes', '[]'))),
                ARRAY(SELECT jsonb_array_elements_text(coalesce(rule.value -> 'when' -> 'channels', '[]'))),
                ARRAY(SELECT jsonb_array_elements_text(coalesce(rule.value -> 'when' -> 'districts', '[]'))),
                ARRAY(SELECT jsonb_array_elements_text(coalesce(rule.value -> 'when' -> 'keywordsAny', '[]'))),
                rule.value -> 'then' ->> 'unitCode', rule.value -> 'then' ->> 'priority'
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS rule(value, position)`,
        [JSON.stringify(rules)],
      );
    });
  }

  /** An enabled member of the unit's staff (available or not), or null. */
  async findUnitStaff(username: string, unitCode: string): Promise<{ id: string; username: string } | null> {
    const rows = await this.sql.query<{ id: string; username: string }>(
      `SELECT id, username FROM users WHERE lower(username) = lower($1) AND unit_code = $2 AND ${ASSIGNABLE}`,
      [username, unitCode],
    );
    return rows[0] ?? null;
  }

  async listStaff(unitCode: string | undefined): Promise<UnitStaffRow[]> {
    return this.sql.query<UnitStaffRow>(
      `SELECT ${staffColumns()} FROM users
        WHERE ${ASSIGNABLE} AND ($1::text IS NULL OR unit_code = $1)
        ORDER BY unit_code, lower(username)`,
      [unitCode ?? null],
    );
  }

  /**
   * Sets whether the member of staff may be assigned cases. Returns them as they now are and whether anything
   * changed, or null when no unit staff of that name exists.
   */
  async setAvailability(
    username: string,
    available: boolean,
  ): Promise<{ staff: UnitStaffRow; changed: boolean } | null> {
    const rows = await this.sql.query<UnitStaffRow & { changed: boolean }>(
      `WITH target AS (
         SELECT id FROM users WHERE lower(username) = lower($1) AND ${ASSIGNABLE}
       ), changed AS (
         UPDATE users SET available = $2
          WHERE id = (SELECT id FROM target) AND available IS DISTINCT FROM $2
         RETURNING id
       )
       SELECT ${staffColumns('$2::boolean')},
              EXISTS (SELECT 1 FROM changed) AS changed
         FROM users WHERE id = (SELECT id FROM target)`,
      [username, available],
    );
    if (!rows.length) return null;
    const { changed, ...staff } = rows[0];
    return { staff, changed };
  }
}

function toRule(row: RuleRow): RoutingRule {
  return normalizeRule({
    name: row.name,
    when: {
      categoryCodes: row.category_codes,
      channels: row.channels,
      districts: row.districts,
      keywordsAny: row.keywords_any,
    },
    then: { unitCode: row.unit_code, priority: row.priority ?? undefined },
  });
}
