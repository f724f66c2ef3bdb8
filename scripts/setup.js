'use strict';
// Shared steps of `npm start`, `npm run migrate` and `npm run cli`: install, secrets, database, build.
const { spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, loadEnvironment, requireServices } = require('./services');

const ROOT = path.resolve(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const CLI_ENTRY = path.join(ROOT, 'dist/apps/cli/apps/cli/src/main.js');
const BUILD_STAMP = path.join(ROOT, 'dist/.build-stamp');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`✗ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

/** Installs dependencies when node_modules is missing or older than the lock file. */
function ensureInstalled() {
  const installed = path.join(ROOT, 'node_modules/.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.log('Installing dependencies (npm ci)…');
  run(NPM, ['ci', '--no-audit', '--no-fund']);
}

/**
 * Outside production, writes random secrets into .env on first run, so that a developer never has to invent them
 * and tokens survive restarts. In production they must come from the environment.
 */
function ensureSecrets() {
  if (process.env.NODE_ENV === 'production') return;
  const envFile = path.join(ROOT, '.env');
  const existing = fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : '';
  const missing = ['JWT_SECRET', 'TRACKING_CODE_SECRET'].filter(
    (name) => !process.env[name] && !new RegExp(`^${name}=`, 'm').test(existing),
  );
  if (!missing.length) return;
  const lines = missing.map((name) => `${name}=${randomBytes(32).toString('base64url')}`);
  fs.appendFileSync(envFile, `${existing && !existing.endsWith('\n') ? '\n' : ''}${lines.join('\n')}\n`, {
    mode: 0o600,
  });
  console.log(`Wrote new ${missing.join(' and ')} to .env (kept out of git).`);
}

/** Creates the database named in the URL (the owner's: DATABASE_ADMIN_URL, else DATABASE_URL) if it is missing. */
async function ensureDatabase(databaseUrl) {
  const { Client } = require('pg');
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  try {
    await client.connect();
  } catch (error) {
    console.error(`✗ Cannot sign in to PostgreSQL at ${target.host} (${error.message}). Check DATABASE_URL.`);
    process.exit(1);
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      console.log(`Created database ${name}.`);
    }
  } finally {
    await client.end();
  }
}

function newestMtime(directory) {
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The newest modification time among these paths of the repository (directories searched whole). */
function newestOf(paths) {
  return Math.max(
    ...paths.map((relative) => {
      const full = path.join(ROOT, relative);
      return fs.statSync(full).isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    }),
  );
}

/** Runs `npm run <script>` when a source is newer than its stamp or its output is missing, then stamps it. */
function buildWhenStale({ sources, stamp, output, script, message }) {
  if (fs.existsSync(stamp) && fs.existsSync(output) && fs.statSync(stamp).mtimeMs >= newestOf(sources)) return;
  console.log(message);
  run(NPM, ['run', '--silent', script]);
  fs.writeFileSync(stamp, new Date().toISOString());
}

/** Builds the api, worker, cli and web pages when a source file is newer than the last build. */
function ensureBuilt() {
  buildWhenStale({
    sources: ['apps', 'libs', 'package-lock.json', 'tsconfig.json', 'nest-cli.json'],
    stamp: BUILD_STAMP,
    output: CLI_ENTRY,
    script: 'build',
    message: 'Building…',
  });
}

/**
 * Builds the web pages alone (the browser tests need them, not the rest) when a source is newer; libs count too, as
 * the pages bundle a few of their pure files.
 */
function ensureWebBuilt() {
  buildWhenStale({
    sources: ['apps/web', 'libs', 'package-lock.json'],
    stamp: path.join(ROOT, 'dist/web/.build-stamp'),
    output: path.join(ROOT, 'dist/web/index.html'),
    script: 'web:build',
    message: 'Building the web front end…',
  });
}

/**
 * Runs the command-line app; its own message explains a failure, so only its exit code is passed on. With
 * `capture`, its output is also returned (and still shown); `input` is given as its standard input (a password).
 */
function cli(args, { capture = false, input } = {}) {
  const { status, stdout } = spawnSync(process.execPath, [CLI_ENTRY, ...args], {
    cwd: ROOT,
    stdio: [input === undefined ? 'inherit' : 'pipe', capture ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
    input,
  });
  if (capture) process.stdout.write(stdout);
  if (status !== 0) process.exit(status || 1); // null: it could not start, or a signal ended it
  return stdout ?? '';
}

/**
 * Everything before the system can run: .env, the services (checked within seconds, before any install), the
 * dependencies, the secrets, the database, the build.
 */
async function prepare() {
  loadEnvironment();
  const databaseUrl = process.env.DATABASE_ADMIN_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  await requireServices({ databaseUrl, redisUrl: process.env.REDIS_URL || DEFAULT_REDIS_URL });
  ensureInstalled();
  ensureSecrets();
  await ensureDatabase(databaseUrl);
  ensureBuilt();
}

module.exports = { ROOT, cli, ensureBuilt, ensureInstalled, ensureWebBuilt, prepare };
