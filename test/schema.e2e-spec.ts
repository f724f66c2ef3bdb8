import { CASE_STATUSES, CHANNELS, PRIORITIES } from '@app/cases';
import { SLA_KINDS } from '@app/catalogue';
import { ROLES } from '@app/identity';
import { VISIT_EVENT_TYPES, VISIT_STATUSES } from '@app/visits';
import { TestApp } from './support/app';

/**
 * Every list of words lives once, in TypeScript; the database's CHECK constraints spell the same lists (written out
 * in the migrations). This holds the two to each other, so that neither can gain or lose a word alone.
 */
describe('The schema spells the vocabulary as the code does', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  /** The quoted words of the CHECK constraint on `table.column` that lists its allowed values. */
  async function allowedValues(table: string, column: string): Promise<string[]> {
    const rows = await t.asOwner<{ definition: string }>(
      `SELECT pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c
        WHERE c.conrelid = $1::regclass AND c.contype = 'c'
          AND c.conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2)]`,
      [table, column],
    );
    const lists = rows.map((row) => [...row.definition.matchAll(/'([^']+)'::text/g)].map((match) => match[1]));
    expect(lists).toHaveLength(1);
    return [...lists[0]].sort();
  }

  it.each([
    ['cases', 'status', CASE_STATUSES],
    ['cases', 'channel', CHANNELS],
    ['cases', 'priority', PRIORITIES],
    ['routing_rules', 'priority', PRIORITIES],
    ['categories', 'sla_kind', SLA_KINDS],
    ['users', 'role', ROLES],
    ['visits', 'status', VISIT_STATUSES],
    ['visit_events', 'type', VISIT_EVENT_TYPES],
  ])('%s.%s', async (table, column, words) => {
    expect(await allowedValues(table, column)).toEqual([...words].sort());
  });
});
