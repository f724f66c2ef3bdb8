'use strict';
/**
 * The database's side of intake alone: the api's own statements (its built CaseStore and decide functions, from
 * `dist/`), 8 clients like the api's pool, no HTTP and no Nest. It tells what the database can take when the api's
 * process is not the limit — e.g. how much one busy unit's assignment lock costs (ADR 0012).
 *   npm run build && node bench/intake-db.js [--duration 10] [--categories dziura-w-jezdni,…] [--root DIR]
 * `--root` measures another checkout's build (say, a worktree of the code before a change) against its database;
 * the statements it runs are that build's own. Env: DATABASE_URL (from .env; default the development database),
 * with the demo catalogue loaded. It writes real cases into that database.
 */
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { parseArgs } = require('node:util');
const { describeMachine } = require('./machine');

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    categories: { type: 'string', default: 'dziura-w-jezdni' },
    root: { type: 'string', default: path.resolve(__dirname, '..') },
  },
});
const root = path.resolve(args.root);
process.loadEnvFile?.(path.join(root, '.env'));
require('reflect-metadata');
const { Pool } = require('pg');
const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/contact_centre';
const CLIENTS = 8;
const built = (file) => require(path.join(root, 'dist/apps/api/libs', file));

async function main() {
  const { CaseStore } = built('cases/src/case.store.js');
  const decide = built('cases/src/domain/decide.js');
  // Builds from the follow-ups issue on queue the case's SLA timers in its insert, which takes the decision whole.
  const timers = require('node:fs').existsSync(path.join(root, 'dist/apps/api/libs/cases/src/domain/sla-timers.js'))
    ? built('cases/src/domain/sla-timers.js')
    : null;
  // Builds from before routing have no routeIntake: they number the case, then write it.
  const routes = typeof decide.routeIntake === 'function';
  const pool = new Pool({ connectionString: DATABASE_URL, max: CLIENTS });
  const store = new CaseStore({
    query: async (text, values, name) => (await pool.query({ text, values, name })).rows,
  });
  const rows = await pool.query(
    `SELECT code, unit_code, sla_kind, sla_amount FROM categories WHERE code = ANY($1) ORDER BY code`,
    [args.categories.split(',')],
  );
  if (!rows.rowCount) throw new Error(`No category ${args.categories}: load the demo catalogue first.`);
  const categories = rows.rows.map((row) => ({
    code: row.code,
    unitCode: row.unit_code,
    sla: { kind: row.sla_kind, amount: row.sla_amount },
  }));
  const rules = [];
  const deadline = Date.now() + Number(args.duration) * 1000;
  const latencies = [];

  async function client() {
    while (Date.now() < deadline) {
      const started = process.hrtime.bigint();
      const now = new Date();
      const category = categories[latencies.length % categories.length];
      const command = {
        channel: 'phone',
        categoryCode: category.code,
        subject: 'Dziura w jezdni, zgłoszenie testowe',
        description: 'Benchmark: głęboka dziura przy przystanku, zagraża rowerzystom.',
        resident: { name: 'Jan Testowy', phone: '+48 600 100 100' },
        location: { address: 'Grunwaldzka 100', district: 'Wrzeszcz' },
        receivedAt: now,
      };
      const year = now.getUTCFullYear();
      const id = randomUUID();
      const route = routes ? decide.routeIntake(command, { category, rules }) : null;
      const { sequence, assignee } = route
        ? await store.takeNumber(year, route.unitCode, id)
        : { sequence: await store.nextSequence(year), assignee: null };
      const context = { id, now, receivedAt: now, sequence, category, route, assignee };
      const decision = decide.decideIntake(command, context);
      if (timers) {
        await store.insert({ ...decision, outbox: timers.planSlaTimers(null, decision.state) }, `bench-${id}`, 'bench');
      } else {
        await store.insert(decision.state, `bench-${id}`, decision.events, 'bench');
      }
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client));
  await pool.end();
  latencies.sort((a, b) => a - b);
  const at = (quantile) => Number(latencies[Math.floor(latencies.length * quantile)].toFixed(2));
  console.log(
    JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: describeMachine(),
        root,
        categories: categories.map((category) => category.code),
        clients: CLIENTS,
        intakesPerSecond: Math.round(latencies.length / Number(args.duration)),
        latencyMs: { p50: at(0.5), p99: at(0.99) },
      },
      null,
      2,
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
