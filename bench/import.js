'use strict';
// `npm run bench:import [-- --years 2019,2020]`: the bulk import's rate (rows/s) through the built CLI
// (`import:cases`, the same use case as POST /api/v1/imports/cases), on a throw-away database with the demo
// catalogue: first the years' history (bench/history-csv.js: 2020 is 128,588 rows, 20 MB), all new, then the same
// files again (all duplicates). Builds first when sources changed; drops the database at the end (`--keep` keeps it).
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { describeMachine } = require('./machine');

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist/apps/cli/apps/cli/src/main.js');
const DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/cc_bench_import';
const FLOOR = 20_000;

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
}

async function admin(sql) {
  const url = new URL(DATABASE_URL);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function cli(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL, DATABASE_ADMIN_URL: DATABASE_URL, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
  return { out: result.stdout, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function main() {
  const years = option('years', '2020').split(',').map(Number);
  const name = new URL(DATABASE_URL).pathname.slice(1);
  // Builds dist/ when sources changed (as the drills do), and writes .env's secrets.
  execFileSync(process.execPath, ['-e', "require('./scripts/setup').prepare()"], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL },
  });
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  cli(['migrate']);
  cli(['seed:demo']);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-import-'));
  const files = years.map((year) => {
    const file = path.join(dir, `history-${year}.csv`);
    fs.writeFileSync(
      file,
      execFileSync(process.execPath, [path.join(__dirname, 'history-csv.js'), '--year', String(year)], {
        maxBuffer: 256 * 1024 * 1024,
      }),
    );
    return file;
  });

  const results = [];
  for (const round of ['new', 'again']) {
    for (const file of files) {
      const { out, seconds } = cli(['import:cases', file]);
      const { imported, duplicates } = JSON.parse(out.slice(out.lastIndexOf('{')));
      const rows = imported + duplicates;
      const megabytes = fs.statSync(file).size / 2 ** 20;
      results.push({ file: path.basename(file), round, rows, imported, duplicates, megabytes, seconds });
      console.log(
        `${path.basename(file)} (${round}): ${rows.toLocaleString('en')} rows, ${megabytes.toFixed(1)} MB in ` +
          `${seconds.toFixed(1)} s — ${Math.round(rows / seconds).toLocaleString('en')} rows/s ` +
          `(imported ${imported}, duplicates ${duplicates}; the process's start-up included)`,
      );
    }
  }
  console.log('\nMachine:', JSON.stringify(describeMachine()));
  const firstRate = results.filter((r) => r.round === 'new').map((r) => r.rows / r.seconds);
  const rate = Math.min(...firstRate);
  console.log(
    `New rows: ${Math.round(rate).toLocaleString('en')} rows/s — ${rate >= FLOOR ? 'PASS' : 'FAIL'} (floor ${FLOOR.toLocaleString('en')})`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  if (!process.argv.includes('--keep')) await admin(`DROP DATABASE ${name}`);
  process.exitCode = rate >= FLOOR ? 0 : 2;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
