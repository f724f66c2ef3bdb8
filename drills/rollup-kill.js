'use strict';
/**
 * rollup-kill: the report rollups stay exact while the worker folding them is killed. 20 clients create cases through
 * the api; meanwhile, every couple of seconds, a bulk statement moves a few thousand cases between groups (re-routed,
 * resolved, reopened) so that the next fold is large, and the worker is killed with SIGKILL a moment later — in the
 * middle of that fold, or just before or after it — and started again. Afterwards, once the worker has folded what
 * is left, every rollup table equals the same counts computed afresh from `cases` (the rebuild's query), and the
 * intake checks of every drill hold.
 *   npm run drill -- rollup-kill
 * Env: DRILL_DATABASE_URL (postgres://postgres@127.0.0.1:5432/contact_centre_rollup_kill_drill; dropped and created
 * afresh, kept when the drill fails), DRILL_KILLS (8), DRILL_MOVES (3000 cases per bulk move), DRILL_TIMEOUT_S (240).
 */
const lib = require('./lib');

const MEASURES = ['received', 'resolved_on_time', 'resolved_late', 'overdue'];

/**
 * Every rollup table's rows that count something, as text lines: as folded (`source` null), or as the deltas of
 * `source` would make them.
 */
async function rollups(client, source) {
  const sums = (columns) => columns.map((column) => `sum(${column})::int AS ${column}`).join(', ');
  const MONTH = `date_trunc('month', day)::date`;
  const DIMENSION = `CASE WHEN GROUPING(channel) = 0 THEN 'channel' WHEN GROUPING(category_code) = 0 THEN 'category'
                          WHEN GROUPING(unit_code) = 0 THEN 'unit' ELSE 'all' END`;
  const KEY = `CASE WHEN GROUPING(channel) = 0 THEN channel WHEN GROUPING(category_code) = 0 THEN category_code
                    WHEN GROUPING(unit_code) = 0 THEN unit_code END`;
  // name: [table's rows (k, dims…, measures), the deltas' grouping (k, dims…), measures]
  const tables = {
    daily: [
      `SELECT day AS k, channel, category_code, unit_code, ${MEASURES} FROM case_daily_counts`,
      `SELECT day AS k, channel, category_code, unit_code, ${sums(MEASURES)} FROM deltas
        GROUP BY day, channel, category_code, unit_code`,
      MEASURES,
    ],
    monthly: [
      `SELECT month AS k, channel, category_code, unit_code, ${MEASURES} FROM case_monthly_counts`,
      `SELECT ${MONTH} AS k, channel, category_code, unit_code, ${sums(MEASURES)} FROM deltas
        GROUP BY ${MONTH}, channel, category_code, unit_code`,
      MEASURES,
    ],
    totals: [
      `SELECT month AS k, dimension, key, ${MEASURES} FROM case_monthly_totals`,
      `SELECT month AS k, ${DIMENSION} AS dimension, ${KEY} AS key, ${sums(MEASURES)}
         FROM (SELECT ${MONTH} AS month, * FROM deltas) d
        GROUP BY GROUPING SETS ((month), (month, channel), (month, category_code), (month, unit_code))`,
      MEASURES,
    ],
    hourly: [
      `SELECT hour AS k, channel, received FROM case_hourly_intake`,
      `SELECT hour AS k, channel, sum(received)::int AS received FROM deltas WHERE hour IS NOT NULL
        GROUP BY hour, channel`,
      ['received'],
    ],
    backlog: [
      `SELECT status AS k, unit_code, open FROM case_backlog_counts`,
      `SELECT open_status AS k, unit_code, sum(open)::int AS open FROM deltas WHERE open_status IS NOT NULL
        GROUP BY open_status, unit_code`,
      ['open'],
    ],
  };
  const result = {};
  for (const [name, [stored, fresh, measures]] of Object.entries(tables)) {
    const rows = source ? `WITH deltas AS (${source}) ${fresh}` : stored;
    const { rows: found } = await client.query(
      `SELECT * FROM (${rows}) r WHERE ${measures.map((measure) => `${measure} <> 0`).join(' OR ')}`,
    );
    result[name] = found.map((row) => JSON.stringify(row)).sort();
  }
  return result;
}

/** Moves `count` random cases between groups in one statement: a large delta batch for the next fold. */
async function moveCases(client, count, round) {
  const { rowCount } = await client.query(
    `UPDATE cases SET
       unit_code = CASE WHEN $2 % 3 = 0 THEN (SELECT code FROM units ORDER BY random() LIMIT 1) ELSE unit_code END,
       status = CASE WHEN $2 % 3 = 1 AND status IN ('assigned', 'in_progress') THEN 'resolved'
                     WHEN $2 % 3 = 2 AND status = 'resolved' THEN 'in_progress' ELSE status END,
       resolved_at = CASE WHEN $2 % 3 = 1 AND status IN ('assigned', 'in_progress') THEN now() - interval '3 days'
                          WHEN $2 % 3 = 2 AND status = 'resolved' THEN NULL ELSE resolved_at END,
       resolution = CASE WHEN $2 % 3 = 1 AND status IN ('assigned', 'in_progress') THEN 'drill'
                         WHEN $2 % 3 = 2 AND status = 'resolved' THEN NULL ELSE resolution END,
       version = version + 1
     WHERE id IN (SELECT id FROM cases WHERE waiting_since IS NULL ORDER BY random() LIMIT $1)`,
    [count, round],
  );
  return rowCount;
}

module.exports = async function rollupKill() {
  const drill = new lib.Drill('rollup-kill', { timeoutSeconds: Number(process.env.DRILL_TIMEOUT_S || 240) });
  const databaseUrl =
    process.env.DRILL_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/contact_centre_rollup_kill_drill';
  const kills = Number(process.env.DRILL_KILLS || 8);
  const moves = Number(process.env.DRILL_MOVES || 3000);
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const user = await lib.freshDatabase(drill, databaseUrl);
  drill.arm();

  // Folds every 200 ms, so that kills land in one often.
  const { port, runId, redisPrefix, env } = await lib.runEnvironment({
    databaseUrl,
    redisUrl,
    extra: { ROLLUP_FOLD_MS: '200' },
  });
  drill.onCleanup(() => lib.dropRedisKeysSync(redisUrl, redisPrefix));
  const api = new lib.ApiProcess(drill, env);
  const worker = new lib.WorkerProcess(drill, env);
  drill.log(`Starting the api on port ${port} and a worker (ROLLUP_FOLD_MS=200)…`);
  await Promise.all([api.start(), worker.start()]);

  const load = await lib.IntakeLoad.signedIn(api, user, runId);
  load.start();
  await lib.waitFor(() => load.acknowledged.size >= 2000, 60_000, 50);

  const owner = new (require('pg').Client)({ connectionString: databaseUrl });
  await owner.connect();
  const killedMidFold = [];
  let moved = 0;
  for (let round = 0; round < kills; round++) {
    moved += await moveCases(owner, moves, round);
    // The next fold starts within 200 ms and takes a while over thousands of rows: kill somewhere in between.
    await lib.sleep(50 + Math.floor(Math.random() * 300));
    const { rows } = await owner.query(
      `SELECT count(*)::int AS folding FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'WITH folded AS (DELETE FROM case_count_deltas%'
          AND state = 'active'`,
    );
    killedMidFold.push(rows[0].folding > 0);
    await worker.stop('SIGKILL');
    await worker.start();
    await lib.sleep(1500);
  }
  await load.stop();
  drill.log(`${load.acknowledged.size} cases created, ${moved} moved in ${kills} bulk statements, ${kills} SIGKILLs`);

  const drained = await lib.waitFor(
    async () => (await owner.query(`SELECT count(*)::int AS n FROM case_count_deltas`)).rows[0].n === 0,
    60_000,
  );
  drill.check('the worker folded every delta after the kills', drained);
  const folded = await rollups(owner);
  const fresh = await rollups(owner, `SELECT d.* FROM cases c, LATERAL case_count_contributions(c, 1) d`);
  for (const table of Object.keys(fresh)) {
    const missing = fresh[table].filter((row) => !folded[table].includes(row));
    const extra = folded[table].filter((row) => !fresh[table].includes(row));
    drill.check(
      `${table} rollup equals a count afresh from the cases (${fresh[table].length} rows)`,
      missing.length === 0 && extra.length === 0,
      missing.length + extra.length
        ? `missing ${missing.slice(0, 3).join(' ')}; extra ${extra.slice(0, 3).join(' ')}`
        : '',
    );
  }
  const { rows: direct } = await owner.query(`SELECT count(*)::int AS n FROM cases`);
  const { rows: received } = await owner.query(`SELECT sum(received)::int AS n FROM case_monthly_counts`);
  drill.check('the monthly rollup counts every case once', received[0].n === direct[0].n, `${received[0].n}`);
  await owner.end();

  await lib.verifyIntake(drill, { databaseUrl, userId: user.userId, load });
  drill.check('the api never stopped', api.alive() && api.starts === 1 && api.unexpectedExits === 0);
  drill.figure(
    `${killedMidFold.filter(Boolean).length} of ${kills} kills landed while a fold statement was running; ` +
      `${direct[0].n} cases`,
  );
  drill.figure(`drill ${((Date.now() - drill.armedAt) / 1000).toFixed(0)} s after setup`);
  await api.kill();
  await worker.stop('SIGTERM');
  if (!drill.checks.some((check) => !check.ok) && !process.env.DRILL_KEEP) await lib.dropDatabase(databaseUrl);
  drill.finish();
};
