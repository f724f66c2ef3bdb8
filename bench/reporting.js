'use strict';
/**
 * Reports over ten million cases (issue #8), on a database of their own (`cc_bench_reporting`, kept between runs):
 * 1. load (skipped when the database already holds the cases; `--reload` drops and loads it afresh): units,
 *    categories with their SLA kinds, then `--cases` cases (10,000,000) received over the ten years 2016-12 … 2026-11
 *    in Europe/Warsaw's daily and hourly shape (weekdays and office hours busier, public holidays quiet, some growth,
 *    the spring-2020 lockdown dip; June 2020 holds exactly 12,369), straight SQL: one INSERT … SELECT from
 *    generate_series per month, through the `cases` triggers (they keep the rollups exact; never disabled), each
 *    month in its own transaction with the deltas it appended folded into the rollups (resumable month by month);
 *    then VACUUM ANALYZE, and the deltas drained (the store's own fold() when built, else the same SQL);
 * 2. time each report through the built api (started here on `--port`, signed in as a supervisor created here):
 *    `--requests` (50) sequential requests after `--warmup` (5), p50/p95/max, and compare every answer with the same
 *    figures from a plain GROUP BY over `cases` (timed `--reference-runs` times, 3). Any difference: MISMATCH and
 *    exit 1; else exit 2 when a report misses the floor: p50 ≤ 50 ms.
 *   npm run bench:reporting [-- --reload --load-only --requests 50 --warmup 5 --reference-runs 3 --port 3400
 *                               --base-url URL]
 * The api is the build in `dist/` (npm run build first); it gets this process's environment, so e.g.
 * PGOPTIONS='-c plan_cache_mode=force_custom_plan' tries a PostgreSQL setting without changing code. `--base-url`
 * uses an api already running against this database instead (with the user bench-sup / bench-password-123, or
 * BENCH_USERNAME / BENCH_PASSWORD). Env: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/cc_bench_reporting).
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { percentile } = require('./common');
const { describeMachine } = require('./machine');

const ROOT = path.resolve(__dirname, '..');
process.loadEnvFile?.(path.join(ROOT, '.env'));
const { Client } = require('pg');
const { DateTime } = require('luxon');
const Holidays = require('date-holidays');

const { values: args } = parseArgs({
  options: {
    reload: { type: 'boolean', default: false },
    'load-only': { type: 'boolean', default: false },
    cases: { type: 'string', default: '10000000' },
    requests: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '5' },
    'reference-runs': { type: 'string', default: '3' },
    port: { type: 'string', default: '3400' },
    'base-url': { type: 'string' },
  },
});
const DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/cc_bench_reporting';
const ZONE = 'Europe/Warsaw';
const TOTAL_CASES = Number(args.cases);
const FIRST_MONTH = '2016-12';
const LAST_MONTH = '2026-11';
/** A month whose count is fixed (the 2020 lockdown), to check by eye. */
const FIXED_MONTHS = { '2020-06': 12_369 };
const USERNAME = process.env.BENCH_USERNAME || 'bench-sup';
const PASSWORD = process.env.BENCH_PASSWORD || 'bench-password-123';
const FLOOR_P50_MS = 50;
const OPEN = `status IN ('new', 'assigned', 'in_progress', 'waiting')`;

// ---------------------------------------------------------------------------------------------------------------
// The catalogue: 8 units, 20 categories (codes and SLAs from the demo catalogue), 10 channels.

const UNITS = [
  ['gck', 'Gdańskie Centrum Kontaktu (contact centre)'],
  ['zom-srodmiescie', 'ZOM Śródmieście (resident-service office)'],
  ['zom-pojazdy', 'ZOM – rejestracja pojazdów (vehicle registration)'],
  ['usc', 'Urząd Stanu Cywilnego (civil registry)'],
  ['gzdiz', 'Gdański Zarząd Dróg i Zieleni (roads and greenery)'],
  ['straz-miejska', 'Straż Miejska w Gdańsku (municipal police)'],
  ['ztm', 'Zarząd Transportu Miejskiego (public transport)'],
  ['mopr', 'Miejski Ośrodek Pomocy Rodzinie (social benefits)'],
];
/** [code, name, unit, sla kind, sla amount, share of intake] */
const CATEGORIES = [
  ['informacja', 'Informacja ogólna', 'gck', 'working_days', 1, 12],
  ['skarga', 'Skarga (KPA)', 'gck', 'months', 1, 2],
  ['wniosek', 'Wniosek (KPA)', 'gck', 'months', 1, 3],
  ['dowod-osobisty', 'Dowód osobisty', 'zom-srodmiescie', 'working_days', 30, 6],
  ['meldunek', 'Zameldowanie i wymeldowanie', 'zom-srodmiescie', 'months', 1, 4],
  ['karta-mieszkanca', 'Karta Mieszkańca', 'zom-srodmiescie', 'working_days', 14, 4],
  ['rejestracja-pojazdu', 'Rejestracja pojazdu', 'zom-pojazdy', 'calendar_days', 30, 6],
  ['prawo-jazdy', 'Prawo jazdy', 'zom-pojazdy', 'months', 1, 3],
  ['akt-stanu-cywilnego', 'Odpis aktu stanu cywilnego', 'usc', 'working_days', 7, 4],
  ['slub', 'Ślub cywilny', 'usc', 'months', 1, 1],
  ['dziura-w-jezdni', 'Dziura w jezdni lub chodniku', 'gzdiz', 'working_days', 7, 10],
  ['oswietlenie', 'Niedziałające oświetlenie uliczne', 'gzdiz', 'working_days', 5, 6],
  ['zielen', 'Drzewa i zieleń miejska', 'gzdiz', 'working_days', 14, 5],
  ['odsniezanie', 'Odśnieżanie i śliskość', 'gzdiz', 'hours', 24, 3],
  ['nielegalne-parkowanie', 'Nieprawidłowe parkowanie', 'straz-miejska', 'hours', 4, 9],
  ['dzikie-wysypisko', 'Dzikie wysypisko śmieci', 'straz-miejska', 'working_days', 7, 4],
  ['halas', 'Zakłócanie ciszy', 'straz-miejska', 'hours', 12, 4],
  ['rozklad-jazdy', 'Rozkład jazdy i przystanki', 'ztm', 'working_days', 7, 5],
  ['bilety', 'Bilety i opłaty dodatkowe', 'ztm', 'months', 1, 4],
  ['swiadczenia', 'Świadczenia i pomoc społeczna', 'mopr', 'months', 1, 5],
];
/** Calendar days from the date of receipt to the due date, roughly as the SLA kind gives them. */
function dueDays(kind, amount) {
  if (kind === 'hours') return Math.ceil(amount / 24) - (amount < 24 ? 1 : 0); // same day or the next
  if (kind === 'working_days') return Math.ceil((amount * 7) / 5);
  if (kind === 'months') return 30 * amount;
  return amount;
}
/** Channel shares in 2016-12 and in 2026-11, in between linearly: phone and paper giving way to web and the app. */
const CHANNELS = {
  phone: [40, 27],
  email: [18, 17],
  web: [11, 17],
  mobile_app: [3, 12],
  chat: [4, 8],
  in_person: [9, 5],
  letter: [6, 2],
  drop_box: [3, 1.5],
  social: [3, 6],
  open311: [3, 4.5],
};
const HOUR_WEIGHTS = [
  0.04, 0.02, 0.02, 0.02, 0.03, 0.06, 0.15, 0.45, 0.95, 1.2, 1.25, 1.2, 1.1, 1.05, 1.0, 0.85, 0.6, 0.45, 0.38, 0.33,
  0.28, 0.2, 0.12, 0.07,
];
/** Monday … Sunday (luxon's weekday 1 … 7). */
const WEEKDAY_WEIGHTS = [1.15, 1.05, 1.0, 1.0, 0.9, 0.35, 0.25];
const HOLIDAY_WEIGHT = 0.3;
const SEASON = [1.1, 1.05, 1.0, 1.0, 1.05, 1.0, 0.9, 0.88, 1.02, 1.02, 1.0, 0.92];
const GROWTH_PER_YEAR = 1.05;
/** The 2020 lockdown (June's count is fixed in FIXED_MONTHS). */
const DIPS = { '2020-03': 0.7, '2020-04': 0.25, '2020-05': 0.2, '2020-07': 0.45, '2020-08': 0.75, '2020-11': 0.85 };

// ---------------------------------------------------------------------------------------------------------------
// The shape of intake: every local hour of the ten years weighted; months and hours get whole counts that add up.

function intakePlan(now) {
  const holidays = new Holidays('PL');
  const holidayDates = new Set();
  for (let year = 2016; year <= 2026; year++) {
    for (const holiday of holidays.getHolidays(year)) {
      if (holiday.type === 'public') holidayDates.add(holiday.date.slice(0, 10));
    }
  }
  const start = DateTime.fromISO(`${FIRST_MONTH}-01T00:00`, { zone: ZONE });
  const end = DateTime.fromISO(`${LAST_MONTH}-01T00:00`, { zone: ZONE }).plus({ months: 1 });
  const months = new Map();
  for (let ms = start.toMillis(); ms < end.toMillis(); ms += 3_600_000) {
    if (ms + 3_600_000 > now.getTime()) break; // nothing received in the future
    const local = DateTime.fromMillis(ms, { zone: ZONE });
    const month = local.toFormat('yyyy-LL');
    const years = (ms - start.toMillis()) / (365.25 * 86_400_000);
    const weight =
      (holidayDates.has(local.toISODate()) ? HOLIDAY_WEIGHT : WEEKDAY_WEIGHTS[local.weekday - 1]) *
      HOUR_WEIGHTS[local.hour] *
      SEASON[local.month - 1] *
      GROWTH_PER_YEAR ** years *
      (DIPS[month] ?? 1);
    if (!months.has(month)) months.set(month, { month, year: local.year, hours: [], weights: [], weight: 0 });
    const entry = months.get(month);
    entry.hours.push(new Date(ms).toISOString());
    entry.weights.push(weight);
    entry.weight += weight;
  }
  const list = [...months.values()];
  const fixed = list.reduce((sum, m) => sum + (FIXED_MONTHS[m.month] ?? 0), 0);
  const free = list.filter((m) => FIXED_MONTHS[m.month] === undefined);
  const freeWeight = free.reduce((sum, m) => sum + m.weight, 0);
  apportion(
    free,
    free.map((m) => m.weight / freeWeight),
    TOTAL_CASES - fixed,
  ).forEach((count, index) => (free[index].cases = count));
  for (const m of list) {
    if (FIXED_MONTHS[m.month] !== undefined) m.cases = FIXED_MONTHS[m.month];
    m.counts = apportion(
      m.weights,
      m.weights.map((w) => w / m.weight),
      m.cases,
    );
  }
  // Numbers run on through the year.
  const seqByYear = new Map();
  for (const m of list) {
    m.seqOffset = seqByYear.get(m.year) ?? 0;
    seqByYear.set(m.year, m.seqOffset + m.cases);
    const t = (list.indexOf(m) / (list.length - 1 || 1)) * 1;
    m.channelPick = pickArray(
      Object.entries(CHANNELS).map(([channel, [from, to]]) => [channel, from + (to - from) * t]),
      1000,
    );
  }
  return { months: list, seqByYear };
}

/** Whole numbers proportional to `shares` that add up to `total` exactly (largest remainders). */
function apportion(items, shares, total) {
  const exact = shares.map((share) => share * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => [value - Math.floor(value), index]).sort((a, b) => b[0] - a[0]);
  for (let i = 0; left > 0; i = (i + 1) % order.length, left--) counts[order[i][1]]++;
  return counts;
}

/** An array of `size` entries in which each value appears in proportion to its weight: `array[random index]`. */
function pickArray(weighted, size) {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  const counts = apportion(
    weighted,
    weighted.map(([, weight]) => weight / total),
    size,
  );
  return weighted.flatMap(([value], index) => Array(counts[index]).fill(value));
}

// ---------------------------------------------------------------------------------------------------------------
// The statements of the load.

/**
 * One month of cases. Per case: the channel (this month's mix), the category (its unit; 3 % elsewhere, 0.3 % not
 * routed), due date = receipt date + the SLA's days, due_at = the end of that day (Warsaw, as endOfBusinessDay);
 * time to settle drawn per category (exponential, mean 0.45 × the SLA's days; a tenth of cases 4 × slower):
 * settled before `now` → 3 % closed unresolved (duplicates), ~75 % closed three days after resolution, the rest
 * resolved; not yet settled → open (new 10 %, assigned 30 %, in_progress 40 %, waiting 20 % since a random moment).
 */
const INSERT_MONTH = `
WITH slots AS MATERIALIZED (
  SELECT hour, n, sum(n) OVER (ORDER BY hour) - n AS before
    FROM unnest($1::timestamptz[], $2::int[]) AS s(hour, n)
), received AS MATERIALIZED (
  SELECT s.before + g AS nth, s.hour + random() * interval '1 hour' AS received_at,
         ($5::text[])[1 + floor(random() * 1000)::int] AS channel,
         ($6::int[])[1 + floor(random() * 1000)::int] AS k,
         random() AS r_unit, random() AS r_slow, random() AS r_takes, random() AS r_status, random() AS r_wait
    FROM slots s, generate_series(1, s.n) g
), planned AS MATERIALIZED (
  SELECT r.*, ($7::text[])[k] AS category_code,
         CASE WHEN r_unit < 0.003 THEN NULL
              WHEN r_unit < 0.03 THEN ($11::text[])[1 + floor(r_unit * 10000)::int % cardinality($11::text[])]
              ELSE ($8::text[])[k] END AS unit_code,
         (received_at AT TIME ZONE 'Europe/Warsaw')::date + ($9::int[])[k] AS due_date,
         received_at + (-ln(1 - r_takes) * greatest(($9::int[])[k], 0.5) * 0.45 * CASE WHEN r_slow < 0.1 THEN 4 ELSE 1 END)
           * interval '1 day' AS settled_at
    FROM received r
), cased AS (
  SELECT p.*,
         CASE WHEN settled_at > $10::timestamptz THEN
                CASE WHEN r_status < 0.1 THEN 'new' WHEN r_status < 0.4 THEN 'assigned'
                     WHEN r_status < 0.8 THEN 'in_progress' ELSE 'waiting' END
              WHEN r_status < 0.03 THEN 'closed'
              WHEN r_status < 0.78 AND settled_at + interval '3 days' <= $10 THEN 'closed'
              ELSE 'resolved' END AS status
    FROM planned p
)
INSERT INTO cases (id, number, year, seq, status, channel, category_code, unit_code, priority, subject,
                   received_at, created_at, updated_at, due_date, due_at, resolved_at, closed_at,
                   tracking_code_hash, search_text, waiting_since)
SELECT gen_random_uuid(), $3::int || '-' || lpad(($4::bigint + nth)::text, 7, '0') || '-0', $3::int, $4::bigint + nth,
       status, channel, category_code, unit_code, 'normal', 'Bench case',
       received_at, received_at,
       CASE status WHEN 'closed' THEN CASE WHEN r_status < 0.03 THEN settled_at ELSE settled_at + interval '3 days' END
                   WHEN 'resolved' THEN settled_at
                   WHEN 'waiting' THEN received_at + ($10 - received_at) * r_wait
                   ELSE received_at END,
       due_date, (due_date + 1)::timestamp AT TIME ZONE 'Europe/Warsaw' - interval '1 millisecond',
       CASE WHEN status = 'resolved' OR (status = 'closed' AND r_status >= 0.03) THEN settled_at END,
       CASE status WHEN 'closed' THEN CASE WHEN r_status < 0.03 THEN settled_at ELSE settled_at + interval '3 days' END END,
       'bench', 'case ' || ($4::bigint + nth),
       CASE WHEN status = 'waiting' THEN received_at + ($10 - received_at) * r_wait END
  FROM cased`;

const MEASURES = ['received', 'resolved_on_time', 'resolved_late', 'overdue'];
const sums = MEASURES.map((m) => `sum(${m})::int AS ${m}`).join(', ');
const nonZero = MEASURES.map((m) => `sum(${m}) <> 0`).join(' OR ');
const addUp = MEASURES.map((m) => `${m} = t.${m} + excluded.${m}`).join(', ');
/** The deltas folded into the rollups (what the worker does every second), in one statement. */
const FOLD = `
WITH d AS (DELETE FROM case_count_deltas RETURNING *),
daily AS (
  INSERT INTO case_daily_counts AS t (day, channel, category_code, unit_code, ${MEASURES.join(', ')})
  SELECT day, channel, category_code, unit_code, ${sums} FROM d GROUP BY 1, 2, 3, 4 HAVING ${nonZero}
  ON CONFLICT (day, channel, category_code, unit_code) DO UPDATE SET ${addUp}
), monthly AS (
  INSERT INTO case_monthly_counts AS t (month, channel, category_code, unit_code, ${MEASURES.join(', ')})
  SELECT date_trunc('month', day)::date, channel, category_code, unit_code, ${sums} FROM d GROUP BY 1, 2, 3, 4
  HAVING ${nonZero}
  ON CONFLICT (month, channel, category_code, unit_code) DO UPDATE SET ${addUp}
), hourly AS (
  INSERT INTO case_hourly_intake AS t (hour, channel, received)
  SELECT hour, channel, sum(received) FROM d WHERE hour IS NOT NULL GROUP BY 1, 2 HAVING sum(received) <> 0
  ON CONFLICT (hour, channel) DO UPDATE SET received = t.received + excluded.received
), backlog AS (
  INSERT INTO case_backlog_counts AS t (unit_code, status, open)
  SELECT unit_code, open_status, sum(open) FROM d WHERE open_status IS NOT NULL GROUP BY 1, 2 HAVING sum(open) <> 0
  ON CONFLICT (unit_code, status) DO UPDATE SET open = t.open + excluded.open
)
SELECT count(*)::int AS folded FROM d`;

// ---------------------------------------------------------------------------------------------------------------

const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const thousands = (value) => Math.round(value).toLocaleString('en-US');
const log = (message) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function connect(url = DATABASE_URL) {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

function databaseName() {
  return decodeURIComponent(new URL(DATABASE_URL).pathname.slice(1));
}

async function ensureDatabase() {
  const admin = new URL(DATABASE_URL);
  admin.pathname = '/postgres';
  const server = await connect(admin.toString());
  const name = databaseName();
  try {
    if (args.reload) {
      log(`--reload: dropping ${name}`);
      await server.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}"`);
    }
    const exists = (await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount > 0;
    if (!exists) {
      log(`Creating ${name}`);
      await server.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await server.end();
  }
  const db = await connect();
  const migrated = await db
    .query(`SELECT 1 FROM migrations WHERE name = 'Reporting1764400000000'`)
    .then((result) => result.rowCount > 0)
    .catch(() => false);
  if (!migrated) {
    log(`Migrating ${name} (npm run migrate)`);
    const result = spawnSync('npm', ['run', '--silent', 'migrate'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL, DATABASE_ADMIN_URL: DATABASE_URL },
    });
    if (result.status !== 0) throw new Error(`npm run migrate failed (${result.status ?? result.signal})`);
  }
  return db;
}

async function load(db) {
  await db.query(`CREATE TABLE IF NOT EXISTS bench_reporting_load (
    month text PRIMARY KEY, cases integer NOT NULL, seconds double precision NOT NULL, deltas integer NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now())`);
  const done = new Map(
    (await db.query('SELECT month, cases, seconds FROM bench_reporting_load')).rows.map((r) => [r.month, r]),
  );
  // "Now" of the load: kept from its first month, so that a resumed load plans the same months.
  await db.query(`CREATE TABLE IF NOT EXISTS bench_reporting_meta (key text PRIMARY KEY, value text NOT NULL)`);
  await db.query(`INSERT INTO bench_reporting_meta VALUES ('now', $1) ON CONFLICT DO NOTHING`, [
    new Date().toISOString(),
  ]);
  const now = new Date((await db.query(`SELECT value FROM bench_reporting_meta WHERE key = 'now'`)).rows[0].value);
  const plan = intakePlan(now);
  const planned = plan.months.reduce((sum, m) => sum + m.cases, 0);
  const loaded = [...done.values()].reduce((sum, m) => sum + m.cases, 0);
  if (plan.months.every((m) => done.has(m.month))) {
    const { rows } = await db.query('SELECT sum(seconds) AS seconds FROM bench_reporting_load');
    if (loaded !== planned) log(`(the database holds ${thousands(loaded)} cases, not ${thousands(planned)}: --reload)`);
    log(
      `${thousands(loaded)} cases already loaded (at ${thousands(loaded / rows[0].seconds)} cases/s): ` +
        `skipping the load (--reload forces it)`,
    );
    return { skipped: true, cases: loaded, seconds: Number(rows[0].seconds), now };
  }
  log(
    `Loading ${thousands(planned)} cases over ${plan.months.length} months (${plan.months[0].month} … ` +
      `${plan.months.at(-1).month}) with straight SQL (INSERT … SELECT generate_series, one month per statement and ` +
      `transaction), through the cases triggers; ${done.size} months already loaded`,
  );
  await db.query(`INSERT INTO units (code, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`, [
    UNITS.map((u) => u[0]),
    UNITS.map((u) => u[1]),
  ]);
  await db.query(
    `INSERT INTO categories (code, name, unit_code, sla_kind, sla_amount)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) ON CONFLICT DO NOTHING`,
    [0, 1, 2, 3, 4].map((i) => CATEGORIES.map((c) => c[i])),
  );
  const categoryPick = pickArray(
    CATEGORIES.map((c, index) => [index + 1, c[5]]),
    1000,
  );
  const started = Date.now();
  let cases = 0;
  for (const m of plan.months) {
    if (done.has(m.month)) continue;
    const t0 = Date.now();
    await db.query('BEGIN');
    await db.query(`SET LOCAL synchronous_commit = off`);
    await db.query('SELECT setseed($1)', [(plan.months.indexOf(m) + 1) / 1000]);
    const inserted = await db.query(INSERT_MONTH, [
      m.hours,
      m.counts,
      m.year,
      m.seqOffset,
      m.channelPick,
      categoryPick,
      CATEGORIES.map((c) => c[0]),
      CATEGORIES.map((c) => c[2]),
      CATEGORIES.map((c) => dueDays(c[3], c[4])),
      now,
      UNITS.map((u) => u[0]),
    ]);
    const insertMs = Date.now() - t0;
    const { folded } = (await db.query(FOLD)).rows[0];
    await db.query(
      `INSERT INTO case_number_counters (year, last_seq) VALUES ($1, $2)
       ON CONFLICT (year) DO UPDATE SET last_seq = greatest(case_number_counters.last_seq, excluded.last_seq)`,
      [m.year, m.seqOffset + m.cases],
    );
    const seconds = (Date.now() - t0) / 1000;
    await db.query('INSERT INTO bench_reporting_load (month, cases, seconds, deltas) VALUES ($1, $2, $3, $4)', [
      m.month,
      inserted.rowCount,
      seconds,
      folded,
    ]);
    await db.query('COMMIT');
    cases += inserted.rowCount;
    const elapsed = (Date.now() - started) / 1000;
    const left = plan.months.filter((x) => !done.has(x.month) && x.month > m.month).reduce((s, x) => s + x.cases, 0);
    log(
      `${m.month}: ${thousands(inserted.rowCount)} cases in ${round(seconds, 1)} s (insert ${round(insertMs / 1000, 1)} s, ` +
        `fold of ${thousands(folded)} deltas ${round(seconds - insertMs / 1000, 1)} s); ${thousands(cases)} so far, ` +
        `${thousands(cases / elapsed)} cases/s, ~${Math.round(left / (cases / elapsed) / 60)} min left`,
    );
  }
  const seconds = (Date.now() - started) / 1000;
  log(`Loaded ${thousands(cases)} cases in ${round(seconds, 0)} s: ${thousands(cases / seconds)} cases/s`);
  return { skipped: false, cases, seconds, now };
}

/** Folds whatever deltas are left: with the store's own fold() when it is built, else with FOLD. */
async function drainDeltas(db) {
  const storeFile = path.join(ROOT, 'dist/apps/api/libs/reporting/src/reporting.store.js');
  let fold = async () => (await db.query(FOLD)).rows[0].folded;
  let how = "this script's fold SQL";
  if (fs.existsSync(storeFile)) {
    try {
      require('reflect-metadata');
      const { ReportingStore } = require(storeFile);
      if (ReportingStore && typeof ReportingStore.prototype.fold === 'function') {
        const store = new ReportingStore({
          query: async (text, values) => (await db.query(text, values)).rows,
          transaction: async (work) => {
            await db.query('BEGIN');
            try {
              const result = await work(db);
              await db.query('COMMIT');
              return result;
            } catch (error) {
              await db.query('ROLLBACK');
              throw error;
            }
          },
        });
        fold = async () => store.fold();
        how = 'ReportingStore.fold() from dist/';
      }
    } catch (error) {
      log(`(could not use the built ReportingStore: ${error.message})`);
    }
  }
  for (let pass = 0; ; pass++) {
    const { rows } = await db.query('SELECT count(*)::int AS n FROM case_count_deltas');
    if (rows[0].n === 0) return log(`case_count_deltas is empty`);
    if (pass < 3) log(`Folding ${thousands(rows[0].n)} deltas with ${how}`);
    // null: a worker's fold holds the lock; it folds them meanwhile.
    if ((await fold()) === null) await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The reports, through the api, against a plain GROUP BY over `cases`.

const WARSAW_START = (param) => `(${param}::date::timestamp AT TIME ZONE 'Europe/Warsaw')`;
const NO_UNIT_KEY = '(none)';

function addMonths(month, count) {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
function monthsOf(from, to) {
  const months = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}
function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
const warsawDate = (instant) => DateTime.fromJSDate(instant, { zone: ZONE }).toISODate();

/** Cases received per month (and key), as the report defines them, straight from `cases`. */
async function volumesReference(db, { from, to, groupBy, filter = {} }) {
  const key = { channel: 'channel', category: 'category_code', unit: `coalesce(unit_code, '${NO_UNIT_KEY}')` }[groupBy];
  const { rows } = await db.query(
    `SELECT to_char(received_at AT TIME ZONE 'Europe/Warsaw', 'YYYY-MM') AS month, ${key ?? 'NULL::text'} AS key,
            count(*)::int AS total
       FROM cases
      WHERE received_at >= ${WARSAW_START('$1')} AND received_at < ${WARSAW_START('$2')}
        AND ($3::text IS NULL OR channel = $3) AND ($4::text IS NULL OR category_code = $4)
        AND ($5::text IS NULL OR unit_code = $5)
      GROUP BY 1, 2`,
    [
      `${from}-01`,
      `${addMonths(to, 1)}-01`,
      filter.channel ?? null,
      filter.categoryCode ?? null,
      filter.unitCode ?? null,
    ],
  );
  const months = monthsOf(from, to).map((month) => {
    const ofMonth = rows.filter((row) => row.month === month);
    return {
      month,
      total: ofMonth.reduce((sum, row) => sum + row.total, 0),
      ...(groupBy ? { groups: Object.fromEntries(ofMonth.map((row) => [row.key, row.total])) } : {}),
    };
  });
  const peak = months.reduce((best, month) => (month.total > best.total ? month : best), months[0]);
  return {
    from,
    to,
    total: months.reduce((sum, m) => sum + m.total, 0),
    months,
    peak: { month: peak.month, total: peak.total },
  };
}

function compareVolumes(answer, reference) {
  const wrong = [];
  for (const field of ['from', 'to', 'total']) {
    if (answer[field] !== reference[field]) wrong.push(`${field}: ${answer[field]} ≠ ${reference[field]}`);
  }
  if (JSON.stringify(answer.peak) !== JSON.stringify(reference.peak)) {
    wrong.push(`peak: ${JSON.stringify(answer.peak)} ≠ ${JSON.stringify(reference.peak)}`);
  }
  if (answer.months?.length !== reference.months.length) {
    wrong.push(`months: ${answer.months?.length} ≠ ${reference.months.length}`);
    return wrong;
  }
  reference.months.forEach((expected, index) => {
    const got = answer.months[index];
    if (got.month !== expected.month || got.total !== expected.total) {
      wrong.push(`${expected.month}: ${got.month} ${got.total} ≠ ${expected.total}`);
    }
    if (!expected.groups) return;
    const keys = new Set([...Object.keys(got.groups ?? {}), ...Object.keys(expected.groups)]);
    for (const key of keys) {
      if ((got.groups?.[key] ?? -1) !== (expected.groups[key] ?? 0)) {
        wrong.push(`${expected.month} ${key}: ${got.groups?.[key]} ≠ ${expected.groups[key] ?? 0}`);
      }
    }
  });
  return wrong;
}

/**
 * The SLA report from `cases`: resolved (on time: resolved_at ≤ due_at or no due) by the Warsaw month of resolved_at;
 * open and overdue at each past month's end E (due_at set, max(due_at, received_at) < E, and still open or
 * settled at or after E: each such case counted at every month end its overdue stretch spans); the current month:
 * open now and due_at < now; later months: null.
 */
async function slaReference(db, { from, to }, now) {
  const currentMonth = DateTime.fromJSDate(now, { zone: ZONE }).toFormat('yyyy-LL');
  const resolved = await db.query(
    `SELECT to_char(resolved_at AT TIME ZONE 'Europe/Warsaw', 'YYYY-MM') AS month,
            count(*) FILTER (WHERE due_at IS NULL OR resolved_at <= due_at)::int AS on_time,
            count(*) FILTER (WHERE resolved_at > due_at)::int AS late
       FROM cases
      WHERE resolved_at >= ${WARSAW_START('$1')} AND resolved_at < ${WARSAW_START('$2')}
      GROUP BY 1`,
    [`${from}-01`, `${addMonths(to, 1)}-01`],
  );
  // Month ends as Warsaw wall-clock starts of the next month: first that of `from`, last that of min(to, last month).
  const lastPast = addMonths(currentMonth, -1) < to ? addMonths(currentMonth, -1) : to;
  const overdue =
    lastPast >= from
      ? await db.query(
          `WITH f AS (
             SELECT greatest(due_at, received_at) AT TIME ZONE 'Europe/Warsaw' AS overdue_from,
                    CASE WHEN status IN ('resolved', 'closed') THEN coalesce(resolved_at, closed_at) END
                      AT TIME ZONE 'Europe/Warsaw' AS ended
               FROM cases
              WHERE due_at IS NOT NULL AND greatest(due_at, received_at) < ${WARSAW_START('$2')}
           )
           SELECT to_char(e - interval '1 month', 'YYYY-MM') AS month, count(*)::int AS open_overdue
             FROM f
            CROSS JOIN LATERAL generate_series(
                    greatest(date_trunc('month', overdue_from) + interval '1 month', $1::date::timestamp),
                    least(coalesce(date_trunc('month', ended), 'infinity'::timestamp), $2::date::timestamp),
                    interval '1 month') e
            GROUP BY 1`,
          [`${addMonths(from, 1)}-01`, `${addMonths(lastPast, 1)}-01`],
        )
      : { rows: [] };
  const overdueNow = async (at) =>
    (await db.query(`SELECT count(*)::int AS n FROM cases WHERE ${OPEN} AND due_at < $1`, [at])).rows[0].n;
  const current = from <= currentMonth && currentMonth <= to ? await overdueNow(now) : null;
  const resolvedBy = new Map(resolved.rows.map((row) => [row.month, row]));
  const overdueBy = new Map(overdue.rows.map((row) => [row.month, row.open_overdue]));
  return {
    from,
    to,
    months: monthsOf(from, to).map((month) => {
      const row = resolvedBy.get(month);
      return {
        month,
        resolved: (row?.on_time ?? 0) + (row?.late ?? 0),
        resolvedOnTime: row?.on_time ?? 0,
        resolvedLate: row?.late ?? 0,
        openOverdue: month < currentMonth ? (overdueBy.get(month) ?? 0) : month === currentMonth ? current : null,
      };
    }),
    overdueNow,
    currentMonth,
  };
}

async function compareSla(answer, reference, requestedAt, answeredAt) {
  const wrong = [];
  if (answer.from !== reference.from || answer.to !== reference.to) wrong.push('from/to');
  if (answer.months?.length !== reference.months.length) return [...wrong, `months: ${answer.months?.length}`];
  for (const [index, expected] of reference.months.entries()) {
    const got = answer.months[index];
    for (const field of ['month', 'resolved', 'resolvedOnTime', 'resolvedLate', 'openOverdue']) {
      if (got[field] === expected[field]) continue;
      // This month's overdue count is "now": a due instant may pass between the answer and the reference.
      if (field === 'openOverdue' && expected.month === reference.currentMonth) {
        const around = [await reference.overdueNow(requestedAt), await reference.overdueNow(answeredAt)];
        if (around.includes(got[field])) continue;
      }
      wrong.push(`${expected.month} ${field}: ${got[field]} ≠ ${expected[field]}`);
    }
  }
  return wrong;
}

/** Open cases per unit and status, with the oldest, from `cases`; every unit of the catalogue listed. */
async function backlogReference(db) {
  const { rows } = await db.query(
    `SELECT unit_code, status, count(*)::int AS open, min(received_at) AS oldest
       FROM cases WHERE ${OPEN} GROUP BY 1, 2`,
  );
  const units = (await db.query('SELECT code FROM units')).rows.map((row) => row.code);
  const codes = [...new Set([...units, ...rows.map((row) => row.unit_code)])];
  return codes.map((unitCode) => {
    const ofUnit = rows.filter((row) => row.unit_code === unitCode);
    const byStatus = { new: 0, assigned: 0, in_progress: 0, waiting: 0 };
    for (const row of ofUnit) byStatus[row.status] = row.open;
    const oldest = ofUnit.reduce((min, row) => (min === null || row.oldest < min ? row.oldest : min), null);
    return { unitCode, open: ofUnit.reduce((sum, row) => sum + row.open, 0), byStatus, oldest };
  });
}

function compareBacklog(answer, reference) {
  const wrong = [];
  const got = new Map((answer.units ?? []).map((unit) => [unit.unitCode, unit]));
  if (got.size !== reference.length) wrong.push(`units: ${got.size} ≠ ${reference.length}`);
  const today = warsawDate(new Date(answer.asOf));
  for (const expected of reference) {
    const unit = got.get(expected.unitCode);
    if (!unit) {
      wrong.push(`unit ${expected.unitCode} missing`);
      continue;
    }
    const oldest = expected.oldest?.toISOString() ?? null;
    const age = expected.oldest
      ? Math.round((Date.parse(today) - Date.parse(warsawDate(expected.oldest))) / 86_400_000)
      : null;
    const pairs = [
      ['open', unit.open, expected.open],
      ['byStatus', JSON.stringify(unit.byStatus), JSON.stringify(expected.byStatus)],
      ['oldestReceivedAt', unit.oldestReceivedAt, oldest],
      ['oldestAgeDays', unit.oldestAgeDays, age],
    ];
    for (const [field, a, b] of pairs) if (a !== b) wrong.push(`${expected.unitCode} ${field}: ${a} ≠ ${b}`);
  }
  return wrong;
}

/** A day's intake per UTC hour and channel, and its week's per Warsaw date and channel, from `cases`. */
async function intakeReference(db, date) {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  const monday = addDays(date, 1 - weekday);
  const hours = await db.query(
    `SELECT date_trunc('hour', received_at, 'UTC') AS hour, channel, count(*)::int AS n
       FROM cases WHERE received_at >= ${WARSAW_START('$1')} AND received_at < ${WARSAW_START('$2')}
      GROUP BY 1, 2`,
    [date, addDays(date, 1)],
  );
  const days = await db.query(
    `SELECT to_char(received_at AT TIME ZONE 'Europe/Warsaw', 'YYYY-MM-DD') AS day, channel, count(*)::int AS n
       FROM cases WHERE received_at >= ${WARSAW_START('$1')} AND received_at < ${WARSAW_START('$2')}
      GROUP BY 1, 2`,
    [monday, addDays(monday, 7)],
  );
  return {
    date,
    monday,
    hours: hours.rows.map((row) => ({ from: row.hour.toISOString(), channel: row.channel, n: row.n })),
    days: days.rows,
  };
}

function compareIntake(answer, reference) {
  const wrong = [];
  if (answer.date !== reference.date) wrong.push(`date ${answer.date}`);
  const hourly = new Map();
  for (const row of reference.hours) hourly.set(`${row.from} ${row.channel}`, row.n);
  let total = 0;
  for (const hour of answer.hours ?? []) {
    let sum = 0;
    for (const [channel, n] of Object.entries(hour.byChannel)) {
      const expected = hourly.get(`${hour.from} ${channel}`) ?? 0;
      hourly.delete(`${hour.from} ${channel}`);
      if (n !== expected) wrong.push(`${hour.from} ${channel}: ${n} ≠ ${expected}`);
      sum += n;
    }
    if (sum !== hour.total) wrong.push(`${hour.from} total ${hour.total} ≠ ${sum}`);
    total += hour.total;
  }
  for (const [key, n] of hourly) wrong.push(`${key}: missing (${n})`);
  if (total !== answer.total) wrong.push(`total ${answer.total} ≠ ${total}`);
  const daily = new Map(reference.days.map((row) => [`${row.day} ${row.channel}`, row.n]));
  if (answer.week?.from !== reference.monday) wrong.push(`week from ${answer.week?.from}`);
  for (const day of answer.week?.days ?? []) {
    for (const [channel, n] of Object.entries(day.byChannel)) {
      const expected = daily.get(`${day.date} ${channel}`) ?? 0;
      daily.delete(`${day.date} ${channel}`);
      if (n !== expected) wrong.push(`${day.date} ${channel}: ${n} ≠ ${expected}`);
    }
  }
  for (const [key, n] of daily) wrong.push(`${key}: missing (${n})`);
  return wrong;
}

/** What is measured: [label, path, reference]. */
function reportLines(today) {
  const ranges = [
    ['1 year', '2020-01', '2020-12'],
    ['10 years', FIRST_MONTH, LAST_MONTH],
  ];
  const lines = [];
  for (const [span, from, to] of ranges) {
    const variants = [
      ['', {}],
      [' by channel', { groupBy: 'channel' }],
      [' by category', { groupBy: 'category' }],
      [' by unit', { groupBy: 'unit' }],
      [' channel=phone', { filter: { channel: 'phone' } }],
      [' by unit, channel=phone', { groupBy: 'unit', filter: { channel: 'phone' } }],
    ];
    for (const [name, { groupBy, filter }] of variants) {
      const query = new URLSearchParams({ from, to, ...(groupBy ? { groupBy } : {}), ...(filter ?? {}) });
      lines.push({
        label: `monthly volumes, ${span}${name}`,
        path: `/reports/monthly-volumes?${query}`,
        reference: (db) => volumesReference(db, { from, to, groupBy, filter }),
        compare: compareVolumes,
      });
    }
  }
  for (const [span, from, to] of ranges) {
    lines.push({
      label: `SLA, ${span}`,
      path: `/reports/sla?from=${from}&to=${to}`,
      reference: (db) => slaReference(db, { from, to }, new Date()),
      compare: compareSla,
    });
  }
  lines.push({ label: 'backlog', path: '/reports/backlog', reference: backlogReference, compare: compareBacklog });
  for (const date of [today, '2020-06-15']) {
    lines.push({
      label: `intake, ${date === today ? 'today' : date}`,
      path: `/reports/intake?date=${date}`,
      reference: (db) => intakeReference(db, date),
      compare: compareIntake,
    });
  }
  return lines;
}

async function request(baseUrl, pathAndQuery, authorization) {
  const started = process.hrtime.bigint();
  const response = await fetch(`${baseUrl}/api/v1${pathAndQuery}`, { headers: { authorization } });
  const text = await response.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (response.status !== 200) throw new Error(`GET ${pathAndQuery}: ${response.status} ${text.slice(0, 300)}`);
  return { ms, json: JSON.parse(text) };
}

async function startApi() {
  const api = path.join(ROOT, 'dist/apps/api/apps/api/src/main.js');
  if (!fs.existsSync(api)) throw new Error('No build: run npm run build first.');
  const logFile = path.join(require('node:os').tmpdir(), `bench-reporting-api-${args.port}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--max-semi-space-size=64', api], {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: args.port,
      HOST: '127.0.0.1',
      DATABASE_URL,
      DATABASE_ADMIN_URL: DATABASE_URL,
      DEMO_DATA: '0',
      LOG_LEVEL: 'warn',
      REDIS_PREFIX: 'cc-bench-reporting:',
    },
  });
  const baseUrl = `http://127.0.0.1:${args.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The api exited (${child.exitCode}); see ${logFile}`);
    const ok = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) })
      .then((response) => response.status === 200)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`The api did not become healthy within 60 s; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log(`api started (pid ${child.pid}) on ${baseUrl}, log ${logFile}`);
  return { baseUrl, stop: () => child.kill('SIGTERM') };
}

async function ensureUser(db) {
  const { rowCount } = await db.query('SELECT 1 FROM users WHERE username = $1', [USERNAME]);
  if (rowCount) return;
  log(`Adding the supervisor ${USERNAME}`);
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'dist/apps/cli/apps/cli/src/main.js'),
      'users:add',
      '--username',
      USERNAME,
      '--role',
      'supervisor',
    ],
    {
      cwd: ROOT,
      input: `${PASSWORD}\n`,
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { ...process.env, DATABASE_URL, DATABASE_ADMIN_URL: DATABASE_URL, DEMO_DATA: '0', LOG_LEVEL: 'warn' },
    },
  );
  if (result.status !== 0) throw new Error(`users:add failed (${result.status ?? result.signal})`);
}

async function timeReports(db) {
  await ensureUser(db);
  const api = args['base-url'] ? { baseUrl: args['base-url'], stop: () => {} } : await startApi();
  const results = [];
  let mismatches = 0;
  try {
    const login = await fetch(`${api.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`Sign-in failed: ${login.status} ${await login.text()}`);
    const authorization = `Bearer ${(await login.json()).accessToken}`;
    const today = warsawDate(new Date());
    const requests = Number(args.requests);
    const warmup = Number(args.warmup);
    const referenceRuns = Number(args['reference-runs']);
    for (const line of reportLines(today)) {
      for (let i = 0; i < warmup; i++) await request(api.baseUrl, line.path, authorization);
      const times = [];
      const answers = new Set();
      let first;
      let requestedAt;
      let answeredAt;
      for (let i = 0; i < requests; i++) {
        const before = new Date();
        const { ms, json } = await request(api.baseUrl, line.path, authorization);
        if (i === 0) [first, requestedAt, answeredAt] = [json, before, new Date()];
        const { asOf: _asOf, ...stable } = json; // the backlog's instant changes from answer to answer
        answers.add(JSON.stringify(stable));
        times.push(ms);
      }
      // The same figures from cases with a plain GROUP BY (the first run reads a cold cache as often as not).
      const referenceMs = [];
      let reference;
      for (let i = 0; i < referenceRuns; i++) {
        const started = process.hrtime.bigint();
        reference = await line.reference(db);
        referenceMs.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      const wrong = await line.compare(first, reference, requestedAt, answeredAt);
      if (answers.size > 1 && !line.label.startsWith('backlog')) wrong.push(`${answers.size} different answers`);
      times.sort((a, b) => a - b);
      const result = {
        report: line.label,
        p50: round(percentile(times, 50), 1),
        p95: round(percentile(times, 95), 1),
        max: round(times.at(-1), 1),
        groupByMs: referenceMs.map((ms) => Math.round(ms)),
        exact: wrong.length === 0,
        verdict: percentile(times, 50) <= FLOOR_P50_MS ? 'PASS' : 'FAIL',
      };
      results.push(result);
      if (wrong.length) {
        mismatches++;
        console.log(
          `MISMATCH ${line.label} (${line.path}): ${wrong.slice(0, 10).join('; ')}` +
            (wrong.length > 10 ? `; … ${wrong.length} differences` : ''),
        );
      }
      log(
        `${result.verdict} ${line.label}: p50 ${result.p50} ms, p95 ${result.p95} ms, max ${result.max} ms; ` +
          `GROUP BY ${result.groupByMs.join(' / ')} ms; ${result.exact ? 'exact' : 'MISMATCH'}`,
      );
    }
  } finally {
    api.stop();
  }
  return { results, mismatches };
}

function table(results) {
  const rows = [
    ['report', 'p50 ms', 'p95 ms', 'max ms', 'GROUP BY ms', 'equal', `p50 ≤ ${FLOOR_P50_MS} ms`],
    ...results.map((r) => [
      r.report,
      r.p50.toFixed(1),
      r.p95.toFixed(1),
      r.max.toFixed(1),
      r.groupByMs.join(' / '),
      r.exact ? 'yes' : 'MISMATCH',
      r.verdict,
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
        .join('  '),
    )
    .join('\n');
}

async function main() {
  console.log(JSON.stringify({ machine: describeMachine(), database: DATABASE_URL }));
  const db = await ensureDatabase();
  const loadResult = await load(db);
  if (!loadResult.skipped) {
    log('VACUUM ANALYZE…');
    const t0 = Date.now();
    await db.query('VACUUM ANALYZE');
    log(`VACUUM ANALYZE took ${round((Date.now() - t0) / 1000, 0)} s`);
  }
  await drainDeltas(db);
  const sizes = (
    await db.query(`SELECT (SELECT count(*) FROM cases)::int AS cases,
                           (SELECT count(*) FROM case_monthly_counts)::int AS monthly_rows,
                           (SELECT count(*) FROM case_daily_counts)::int AS daily_rows,
                           (SELECT count(*) FROM case_hourly_intake)::int AS hourly_rows,
                           pg_size_pretty(pg_total_relation_size('cases')) AS cases_size`)
  ).rows[0];
  const loadSummary = {
    method: 'straight SQL: INSERT … SELECT from generate_series, one month per statement, through the cases triggers',
    casesPerSecond: Math.round(loadResult.cases / loadResult.seconds),
    ...(loadResult.skipped ? { loadedEarlier: true } : { seconds: Math.round(loadResult.seconds) }),
  };
  console.log(JSON.stringify({ load: loadSummary, ...sizes }));
  if (args['load-only']) return db.end();
  const { results, mismatches } = await timeReports(db);
  await db.end();
  console.log(`\nMachine: ${JSON.stringify(describeMachine())}`);
  console.log(
    `Load: ${thousands(loadResult.cases)} cases at ${thousands(loadSummary.casesPerSecond)} cases/s (${loadSummary.method})`,
  );
  console.log(
    `${args.requests} sequential requests per report after ${args.warmup} warm-up; GROUP BY over cases ` +
      `timed ${args['reference-runs']}×\n`,
  );
  console.log(table(results));
  const failed = results.filter((r) => r.verdict === 'FAIL').length;
  console.log(
    `\n${results.length - failed} passed, ${failed} failed; ${mismatches ? `${mismatches} MISMATCH` : 'every answer exact'}`,
  );
  process.exitCode = mismatches ? 1 : failed ? 2 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
