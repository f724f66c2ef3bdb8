'use strict';
// `npm run drill -- <name>`: one crash drill against the real system (docs/reliability.md).
const DRILLS = {
  'api-crash': './api-crash',
  'pg-restart': './pg-restart',
  'redis-outage': './redis-outage',
  'rollup-kill': './rollup-kill',
  'visit-crash': './visit-crash',
  'worker-kill': './worker-kill',
};

const name = process.argv[2];
if (!DRILLS[name]) {
  console.error(`Usage: npm run drill -- <${Object.keys(DRILLS).join(' | ')}>  (see docs/reliability.md)`);
  process.exit(2);
}
// Each drill reports its own failures (an unexpected error included) and ends with `N passed, M failed`.
require(DRILLS[name])();
