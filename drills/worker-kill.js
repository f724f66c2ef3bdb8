'use strict';
/**
 * worker-kill: 3,000 follow-ups fall due over 20 s, in bursts of 150 a second, and two workers (QUEUE_LOCK_MS=3000)
 * make them due. Meanwhile one worker is stopped with SIGTERM (it lets its running jobs finish) and the workers are
 * killed with SIGKILL four times, each time a moment after a burst fell due, so that jobs are cut off mid-way; each is
 * restarted at once. Afterwards every follow-up is due exactly once (one follow_up_due event each), no job is left
 * active, waiting or failed in BullMQ, and the jobs BullMQ ran again after a stall are counted.
 *   npm run drill -- worker-kill
 * Env: DRILL_DATABASE_URL (postgres://postgres@127.0.0.1:5432/contact_centre_worker_kill_drill; dropped and created
 * afresh, kept when the drill fails), DRILL_FOLLOW_UPS (3000), DRILL_SPREAD_S (20), DRILL_LEAD_S (25: from the start
 * of scheduling to the first instant), DRILL_CASES (300), DRILL_LOCK_MS (3000), DRILL_KILLS (4),
 * DRILL_FIRE_WITHIN_S (15: bound after dueAt), DRILL_TIMEOUT_S (240). Redis: REDIS_URL (the machine's), under a
 * prefix of the run's own, deleted at the end.
 */
const lib = require('./lib');

/** A disruption comes this long after a burst's instant, while its jobs run. */
const AFTER_BURST_MS = 150;

async function scheduleFollowUps({ baseUrl, authorization, numbers, count, firstDueAt, slots }) {
  const acknowledged = new Map();
  const failures = [];
  let next = 0;
  const sender = async () => {
    while (next < count) {
      const index = next++;
      const dueAt = firstDueAt + Math.floor((index * slots) / count) * 1000;
      const number = numbers[index % numbers.length];
      const response = await lib.http('POST', `${baseUrl}/api/v1/cases/${encodeURIComponent(number)}/follow-ups`, {
        headers: { authorization },
        body: { kind: index % 2 ? 'reminder' : 'callback', dueAt: new Date(dueAt).toISOString() },
      });
      if (response.status === 201) acknowledged.set(response.json.id, { number, dueAt });
      else failures.push({ status: response.status ?? response.error, code: response.json && response.json.code });
    }
  };
  await Promise.all(Array.from({ length: 20 }, sender));
  return { acknowledged, failures };
}

/**
 * The jobs in the queue's active list now, each with the token of the worker holding its lock (`<worker id>:<n>`),
 * or null when no lock is held (a job whose worker died, not yet moved back by the stalled-job check).
 */
async function activeJobs(client, bullPrefix) {
  const ids = await client.lrange(`${bullPrefix}:follow-ups:active`, 0, -1);
  const pipeline = client.pipeline();
  for (const id of ids) pipeline.get(`${bullPrefix}:follow-ups:${id}:lock`);
  const answers = ids.length ? await pipeline.exec() : [];
  return new Map(ids.map((id, index) => [id, answers[index][1]]));
}

const workerOf = (token) => token && token.split(':')[0];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

module.exports = async function workerKill() {
  const drill = new lib.Drill('worker-kill', { timeoutSeconds: Number(process.env.DRILL_TIMEOUT_S || 240) });
  const databaseUrl =
    process.env.DRILL_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/contact_centre_worker_kill_drill';
  const count = Number(process.env.DRILL_FOLLOW_UPS || 3000);
  const slots = Number(process.env.DRILL_SPREAD_S || 20);
  const leadMs = Number(process.env.DRILL_LEAD_S || 25) * 1000;
  const caseCount = Number(process.env.DRILL_CASES || 300);
  const lockMs = Number(process.env.DRILL_LOCK_MS || 3000);
  const kills = Number(process.env.DRILL_KILLS || 4);
  const fireWithinMs = Number(process.env.DRILL_FIRE_WITHIN_S || 15) * 1000;
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const user = await lib.freshDatabase(drill, databaseUrl);
  drill.arm();

  const { port, runId, redisPrefix, env } = await lib.runEnvironment({
    databaseUrl,
    redisUrl,
    extra: { QUEUE_LOCK_MS: String(lockMs) },
  });
  const bullPrefix = `${redisPrefix}bull`;
  // The run's keys in the machine's Redis go on every way out (after the processes are killed).
  drill.onCleanup(() => lib.dropRedisKeysSync(redisUrl, redisPrefix));
  const api = new lib.ApiProcess(drill, env);
  const workers = [new lib.WorkerProcess(drill, env, 'worker-1'), new lib.WorkerProcess(drill, env, 'worker-2')];
  drill.log(`Starting the api on port ${port} and two workers (QUEUE_LOCK_MS=${lockMs}; Redis prefix ${redisPrefix})…`);
  await Promise.all([api.start(), ...workers.map((worker) => worker.start())]);

  const { Queue, QueueEvents } = require('bullmq');
  const connection = { url: redisUrl };
  const queue = new Queue('follow-ups', { connection, prefix: bullPrefix });
  const slaQueue = new Queue('sla-timers', { connection, prefix: bullPrefix });
  const events = new QueueEvents('follow-ups', { connection, prefix: bullPrefix });
  const Redis = require('ioredis');
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  for (const emitter of [queue, slaQueue, events, redis]) emitter.on('error', () => undefined);
  await events.waitUntilReady();
  /** Every `stalled` and `failed` event of the follow-ups' queue, as they come. */
  const stalled = [];
  const failedEvents = [];
  events.on('stalled', ({ jobId }) => stalled.push({ jobId, at: Date.now() }));
  events.on('failed', ({ jobId, failedReason }) => failedEvents.push({ jobId, failedReason, at: Date.now() }));

  const load = await lib.IntakeLoad.signedIn(api, user, runId);
  load.start();
  await lib.waitFor(() => load.acknowledged.size >= caseCount, 60_000, 50);
  await load.stop();
  const numbers = [...load.acknowledged.values()].map((ack) => ack.number);
  drill.log(`${numbers.length} cases; scheduling ${count} follow-ups due over ${slots} s from ${seconds(leadMs)} on…`);

  const schedulingFrom = Date.now();
  const firstDueAt = schedulingFrom + leadMs;
  const { acknowledged, failures } = await scheduleFollowUps({
    baseUrl: api.baseUrl,
    authorization: load.authorization,
    numbers,
    count,
    firstDueAt,
    slots,
  });
  const scheduledIn = Date.now() - schedulingFrom;
  drill.log(`${acknowledged.size} follow-ups acknowledged in ${seconds(scheduledIn)}; waiting for the first burst…`);

  // SIGTERM first, alone: the first SIGKILL comes two stalled-job checks later, so that a job the stopped worker
  // left behind would have shown as stalled before it.
  const firstKillSlot = 1 + Math.ceil((2 * lockMs + 1500) / 1000);
  const step = Math.max(1, Math.floor((slots - 1 - firstKillSlot) / Math.max(1, kills - 1)));
  const plan = [{ slot: 1, worker: 1, signal: 'SIGTERM' }];
  for (let kill = 0; kill < kills; kill += 1) {
    plan.push({ slot: firstKillSlot + kill * step, worker: kill % 2, signal: 'SIGKILL' });
  }
  const disruptions = [];
  const restarts = [Promise.resolve(), Promise.resolve()];
  const burstsEnd = firstDueAt + slots * 1000;
  for (const item of plan) {
    // Never with a worker still starting: one of the two always runs jobs. A slot missed meanwhile (a slow
    // restart on a busy machine) gives way to the next burst.
    await Promise.all(restarts);
    let when = firstDueAt + item.slot * 1000 + AFTER_BURST_MS;
    if (when < Date.now()) when += Math.ceil((Date.now() - when) / 1000) * 1000;
    if (when >= burstsEnd) {
      drill.log(`The bursts are over: ${plan.length - disruptions.length} disruptions left out`);
      break;
    }
    await lib.sleep(when - Date.now());
    const worker = workers[item.worker];
    const snapshot = await activeJobs(redis, bullPrefix);
    const active = [...snapshot.values()].filter(Boolean).length;
    const at = Date.now();
    const exit = await worker.stop(item.signal);
    drill.log(
      `${item.signal} ${worker.name} ${seconds(at - firstDueAt)} after the first instant (${active} jobs active in ` +
        `the queue); it ended ${exit.signal ?? `with exit ${exit.code}`} after ${exit.ms} ms; restarting it…`,
    );
    const disruption = { ...item, name: worker.name, at, active, snapshot, exit };
    disruptions.push(disruption);
    restarts[item.worker] = worker.start().then((ms) => (disruption.readyMs = ms));
  }
  await Promise.all(restarts);
  if (!disruptions.length) throw new Error('No worker was stopped: the bursts were over before scheduling ended');

  // Wait until every follow-up is due and the queue holds nothing but completed jobs (or the bound has passed).
  const lastDueAt = firstDueAt + (slots - 1) * 1000;
  let facts;
  let counts;
  await lib.waitFor(
    async () => {
      facts = await lib.readFollowUps(databaseUrl);
      counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'failed', 'completed');
      const due = [...acknowledged.keys()].every((id) => facts.get(id) && facts.get(id).status === 'due');
      return due && counts.active + counts.waiting + counts.delayed + counts.prioritized === 0;
    },
    Math.max(0, lastDueAt + fireWithinMs - Date.now()),
    500,
  );
  facts = await lib.readFollowUps(databaseUrl);
  counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'failed', 'completed');
  const slaCounts = await slaQueue.getJobCounts('active', 'failed');
  const completed = await queue.getJobs(['completed'], 0, -1);

  // The disruptions.
  const sigkills = disruptions.filter((item) => item.signal === 'SIGKILL');
  const sigterm = disruptions.find((item) => item.signal === 'SIGTERM');
  drill.check(
    `the workers were killed ${sigkills.length} times with SIGKILL and each came back ready`,
    sigkills.length === kills &&
      sigkills.every((item) => item.exit.signal === 'SIGKILL' && item.readyMs > 0) &&
      workers.every((worker) => worker.alive() && worker.unexpectedExits === 0),
    `ready again after ${sigkills.map((item) => seconds(item.readyMs)).join(', ')}`,
  );
  const sigtermWindowEnd = sigkills.length ? sigkills[0].at : Infinity;
  const stalledAfterSigterm = stalled.filter((event) => event.at >= sigterm.at && event.at < sigtermWindowEnd);
  drill.check(
    `one worker stopped with SIGTERM let its running jobs finish: it exited by itself (exit 0) and none of its jobs ` +
      `stalled (no stall in the ${seconds(sigtermWindowEnd - sigterm.at)} until the first SIGKILL)`,
    sigterm.exit.code === 0 && stalledAfterSigterm.length === 0 && sigterm.readyMs > 0,
    `${sigterm.active} jobs active in the queue when it was sent; exited ${sigterm.exit.signal ?? `with ${sigterm.exit.code}`} ` +
      `after ${sigterm.exit.ms} ms; ${stalledAfterSigterm.length} stalls`,
  );

  // The follow-ups.
  drill.check(
    `every follow-up was acknowledged (${acknowledged.size} of ${count}), all before the first fell due`,
    failures.length === 0 && acknowledged.size === count && schedulingFrom + scheduledIn < firstDueAt,
    failures.length ? JSON.stringify(failures.slice(0, 3)) : `in ${seconds(scheduledIn)}`,
  );
  const wrong = lib.notDueOnce([...acknowledged.keys()], facts);
  const statuses = countBy([...facts.values()], (fact) => fact.status);
  drill.check(
    `every follow-up became due exactly once (one follow_up_due event each); follow-ups due = scheduled (${acknowledged.size})`,
    wrong.count === 0 && facts.size === acknowledged.size && statuses.due === acknowledged.size,
    `${JSON.stringify(statuses)}` + (wrong.count ? `; ${lib.describeNotDueOnce(wrong, facts)}` : ''),
  );
  const lateness = [...acknowledged.keys()]
    .map((id) => facts.get(id))
    .filter((fact) => fact && fact.becameDueAt !== null)
    .map((fact) => fact.becameDueAt - fact.dueAt)
    .sort((a, b) => a - b);
  const maxLate = lateness.length ? lateness[lateness.length - 1] : 0;
  const p99 = lateness.length ? lateness[Math.floor(lateness.length * 0.99)] : 0;
  drill.check(
    `each became due within ${seconds(fireWithinMs)} of its instant`,
    lateness.length === acknowledged.size && maxLate <= fireWithinMs,
    `latest ${seconds(maxLate)}, 99th percentile ${seconds(p99)}`,
  );

  // BullMQ.
  drill.check(
    'no job left active, waiting, delayed or failed in BullMQ; one completed job per follow-up',
    counts.active + counts.waiting + counts.delayed + counts.prioritized + counts.failed === 0 &&
      counts.completed === acknowledged.size &&
      slaCounts.active + slaCounts.failed === 0,
    `follow-ups: ${JSON.stringify(counts)}; sla-timers: ${JSON.stringify(slaCounts)}` +
      (failedEvents.length ? `; failed events: ${JSON.stringify(failedEvents.slice(0, 3))}` : ''),
  );
  const rerun = completed.filter((job) => job.stalledCounter > 0 || job.attemptsStarted > 1);
  const rerunNothingToDo = rerun.filter((job) => job.returnvalue && job.returnvalue.outcome === 'nothing_to_do');
  // attemptsMade counts the finished attempts, the successful one included.
  const retried = completed.filter((job) => job.attemptsMade > 1);
  drill.check(
    'the SIGKILLs cut jobs off mid-way: BullMQ ran them again after a stall',
    stalled.length > 0 && rerun.length > 0,
    `${stalled.length} stalled events; ${rerun.length} completed jobs started more than once ` +
      `(${rerunNothingToDo.length} of them found their follow-up already due: the killed worker had committed)`,
  );
  const outboxPending = await lib.withClient(databaseUrl, (client) =>
    client.query('SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL').then((result) => result.rows[0].n),
  );
  drill.check('the outbox is drained', outboxPending === 0, `${outboxPending} rows pending`);
  await lib.verifyIntake(drill, {
    databaseUrl,
    userId: user.userId,
    load,
    otherEvents: ['follow_up_scheduled', 'follow_up_due'],
  });
  drill.check('the api never stopped', api.alive() && api.starts === 1 && api.unexpectedExits === 0);

  // Each stalled job is put down to the first SIGKILL whose snapshot shows it locked; the killed worker is the one
  // whose lock tokens those jobs had, and what it was running is what the snapshot shows under its id. A job it took
  // between the snapshot and the kill stalls too, without having been counted: those are counted apart.
  const stalledIds = new Set(stalled.map((event) => event.jobId));
  const attributed = new Set();
  const perKill = sigkills.map((item) => {
    const cut = [...item.snapshot].filter(([id, token]) => token && stalledIds.has(id) && !attributed.has(id));
    for (const [id] of cut) attributed.add(id);
    const victims = new Set(cut.map(([, token]) => workerOf(token)));
    const running = [...item.snapshot.values()].filter((token) => victims.has(workerOf(token))).length;
    return (
      `${item.name}: ${item.active} running in both, ` +
      (victims.size ? `${running} in the killed one, ${cut.length} of them re-run after a stall` : 'none re-run')
    );
  });
  const unattributed = [...stalledIds].filter((id) => !attributed.has(id)).length;
  const sigtermByWorker = countBy([...sigterm.snapshot.values()].filter(Boolean), workerOf);
  drill.figure(
    `${acknowledged.size} follow-ups scheduled in ${seconds(scheduledIn)}, due in bursts of ` +
      `${Math.round(count / slots)} a second over ${slots} s`,
  );
  drill.figure(
    `SIGTERM ${sigterm.name}: ${sigterm.active} jobs running (${Object.values(sigtermByWorker).join(' + ')} by ` +
      `worker), exited in ${sigterm.exit.ms} ms, ${stalledAfterSigterm.length} stalls; SIGKILLs: ${perKill.join('; ')}; ` +
      `${unattributed} more jobs re-run after a stall, taken between a snapshot and its kill`,
  );
  drill.figure(
    `${stalled.length} stalled events; completed jobs: ${completed.length}, started more than once ` +
      `${rerun.length} (stalledCounter > 0: ${completed.filter((job) => job.stalledCounter > 0).length}, ` +
      `${rerunNothingToDo.length} nothing_to_do), with a failed attempt ${retried.length}`,
  );
  drill.figure(`lateness after dueAt: max ${seconds(maxLate)}, p99 ${seconds(p99)}`);
  drill.figure(`drill ${((Date.now() - drill.armedAt) / 1000).toFixed(0)} s after setup`);
  await Promise.all([queue.close(), slaQueue.close(), events.close()]);
  redis.disconnect();
  await api.kill();
  await Promise.all(workers.map((worker) => worker.stop('SIGTERM')));
  if (!drill.checks.some((check) => !check.ok) && !process.env.DRILL_KEEP) await lib.dropDatabase(databaseUrl);
  drill.finish();
};

function countBy(items, keyOf) {
  const counts = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}
