'use strict';
/**
 * api-crash: 20 clients create cases at full speed, each under its own Idempotency-Key and retrying until
 * acknowledged, while the api is killed with SIGKILL three times and restarted. Afterwards every acknowledged case
 * is stored exactly once with its complete history, and nothing else is.
 *   npm run drill -- api-crash
 * Env: DRILL_DATABASE_URL (postgres://postgres@127.0.0.1:5432/contact_centre_drill; dropped and created afresh, kept
 * only when the drill fails), DRILL_CLIENTS (20), DRILL_KILLS (3), DRILL_TIMEOUT_S (180).
 */
const lib = require('./lib');

module.exports = async function apiCrash() {
  const drill = new lib.Drill('api-crash', { timeoutSeconds: Number(process.env.DRILL_TIMEOUT_S || 180) });
  const databaseUrl = process.env.DRILL_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/contact_centre_drill';
  const kills = Number(process.env.DRILL_KILLS || 3);
  const user = await lib.freshDatabase(drill, databaseUrl);
  drill.arm();

  const { port, runId, redisPrefix, env } = await lib.runEnvironment({ databaseUrl });
  const api = new lib.ApiProcess(drill, env);
  drill.log(`Starting the api on port ${port}…`);
  await api.start();
  const load = await lib.IntakeLoad.signedIn(api, user, runId);
  drill.log(`Intake: ${load.clients} clients at full speed`);
  load.start();

  const backIn = [];
  let lastRestartAt = Date.now();
  for (let kill = 1; kill <= kills; kill += 1) {
    await lib.sleep(2000 + Math.random() * 3000);
    await api.kill();
    drill.log(`SIGKILL ${kill}/${kills} with ${load.acknowledged.size} cases acknowledged; restarting the api…`);
    backIn.push(await api.start());
    lastRestartAt = Date.now();
    drill.log(`api healthy again after ${(backIn.at(-1) / 1000).toFixed(1)} s`);
  }
  await lib.sleep(3000);
  drill.log('Stopping intake (each client finishes the case it has started)…');
  await load.stop();

  drill.check(
    `the api was killed ${kills} times with SIGKILL and came back healthy each time`,
    api.starts === kills + 1 && api.unexpectedExits === 0,
    `healthy again after ${backIn.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s`,
  );
  const afterLast = load.acknowledgedSince(lastRestartAt);
  drill.check('intake went on after the last restart', afterLast > 0, `${afterLast} cases acknowledged since`);
  drill.check(
    'no server error other than the lost connections (no 5xx answers)',
    load.serverErrors.length === 0,
    load.serverErrors.length ? JSON.stringify(load.serverErrors.slice(0, 3)) : undefined,
  );
  await lib.verifyIntake(drill, { databaseUrl, userId: user.userId, load });
  await lib.verifyReplays(drill, { load });
  drill.check('the api is still running', api.alive());

  drill.figure(load.summary());
  drill.figure(`${kills} SIGKILLs; api healthy again after ${backIn.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s`);
  drill.figure(`drill ${((Date.now() - drill.armedAt) / 1000).toFixed(0)} s after setup`);
  await api.kill();
  await lib.dropRedisKeys(process.env.REDIS_URL || 'redis://127.0.0.1:6379', redisPrefix);
  if (!drill.checks.some((check) => !check.ok) && !process.env.DRILL_KEEP) await lib.dropDatabase(databaseUrl);
  drill.finish();
};
