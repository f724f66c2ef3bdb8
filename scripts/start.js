'use strict';
// `npm start`: check services, install, build, migrate, load demo data into an empty database, run api + worker.
const { spawn } = require('node:child_process');
const setup = require('./setup');

// A larger young generation means fewer garbage-collection pauses under load (docs/adr/0006).
const API = ['--max-semi-space-size=64', 'dist/apps/api/apps/api/src/main.js'];
const WORKER = ['dist/apps/worker/apps/worker/src/main.js'];
const READY_TIMEOUT_MS = 60_000;

async function waitUntilHealthy(url) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function main() {
  await setup.prepare();
  setup.cli(['migrate']);
  const demoData = process.env.DEMO_DATA ?? (process.env.NODE_ENV === 'production' ? '0' : '1');
  const seeded = demoData === '1' && setup.cli(['seed:demo', '--if-empty'], { capture: true }).includes('Loaded DEMO');

  const children = [API, WORKER].map((args) => spawn(process.execPath, args, { cwd: setup.ROOT, stdio: 'inherit' }));
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  let running = children.length;
  for (const child of children) {
    child.on('exit', (code, signal) => {
      running -= 1;
      if (!stopping) {
        console.error(`✗ ${child.spawnargs.at(-1)} stopped (${signal ?? `exit ${code}`}); stopping the rest.`);
        process.exitCode = 1;
        stop('SIGTERM');
      }
      if (running === 0) process.exit(process.exitCode ?? 0);
    });
  }

  const port = process.env.PORT || 3000;
  if (await waitUntilHealthy(`http://127.0.0.1:${port}/health`)) {
    console.log(
      [
        '',
        `  Contact centre is running:  http://localhost:${port}/   (staff sign in at /staff)`,
        `  API:                        http://localhost:${port}/api/v1`,
        `  API documentation:          http://localhost:${port}/api/docs`,
        `  Health:                     http://localhost:${port}/health`,
        `  Sign in:                    POST http://localhost:${port}/api/v1/auth/login`,
        `  Residents track a case:     http://localhost:${port}/track   (API: /api/v1/track/{number}?code={trackingCode})`,
        `  Open311 GeoReport v2:       http://localhost:${port}/open311/v2/discovery.xml`,
        `  Residents book a visit:     http://localhost:${port}/visits   (API: /api/v1/offices, /api/v1/visits/slots)`,
        ...(seeded ? ['  Demo users: see "Loaded DEMO data" above.'] : []),
        '  Stop with Ctrl+C.',
        '',
      ].join('\n'),
    );
  } else if (!stopping) {
    console.error('✗ The api did not become healthy within 60 s; see the log above.');
    stop('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
