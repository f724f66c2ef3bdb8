'use strict';
/**
 * redis-outage: 10 clients log cases and schedule a follow-up on each (due 2–5 s ahead) before, during and after an
 * outage of Redis: the drill's own Redis is killed with SIGKILL for 20 s and started again empty, as a Redis
 * restarted without persistence is. Intake and scheduling must go on without a failed request (they write PostgreSQL
 * only: the follow-up's job goes to the outbox), and every acknowledged follow-up must become due exactly once.
 *   npm run drill -- redis-outage
 *
 * Just before the kill the drill also schedules two batches whose jobs it makes sure were relayed to Redis (so they
 * are wiped with it): one due in the middle of the outage, one 5 s after Redis is back. Their fate, and that of every
 * follow-up whose job was in Redis when it was wiped, is a check of its own: it fails until something brings those
 * follow-ups back (the sweeps), and says how many were lost.
 *
 * Env: DRILL_DATABASE_URL (postgres://postgres@127.0.0.1:5432/contact_centre_redis_outage_drill; dropped and created
 * afresh, kept when the drill fails), DRILL_CLIENTS (10), DRILL_REDIS_OUTAGE_S (20), DRILL_BATCH (50 per batch),
 * DRILL_FIRE_WITHIN_S (30: bound after max(dueAt, Redis back) for follow-ups whose jobs were not wiped),
 * DRILL_LOST_WAIT_S (200: how long after their instant the drill waits for those whose jobs were wiped; the sweeps
 * make due what is still scheduled 2 min after its instant, every minute), DRILL_TIMEOUT_S (420).
 */
const lib = require('./lib');

/** How far ahead the clients' follow-ups fall due. */
const AHEAD_MS = { min: 2000, max: 5000 };
/** Intake and scheduling before the kill and after Redis is back. */
const BEFORE_MS = 8000;
const AFTER_MS = 10_000;

/** The intake clients, each of which schedules a follow-up on every case it was acknowledged. */
class FollowUpLoad extends lib.IntakeLoad {
  constructor(options) {
    super(options);
    /** id → {number, dueAt, at, batch} for every follow-up acknowledged (201). */
    this.followUps = new Map();
    this.followUpRequests = 0;
    /** Every scheduling request not answered 201: {at, status, code}. Not retried: scheduling has no key. */
    this.followUpFailures = [];
  }

  async afterCase(ack) {
    const ahead = AHEAD_MS.min + Math.random() * (AHEAD_MS.max - AHEAD_MS.min);
    await this.schedule(ack.number, new Date(Date.now() + ahead), 'clients');
  }

  async schedule(number, dueAt, batch) {
    this.followUpRequests += 1;
    const response = await lib.http('POST', `${this.baseUrl}/api/v1/cases/${encodeURIComponent(number)}/follow-ups`, {
      headers: { authorization: this.authorization },
      body: { kind: 'callback', dueAt: dueAt.toISOString() },
    });
    if (response.status === 201) {
      this.followUps.set(response.json.id, { number, dueAt: dueAt.getTime(), at: Date.now(), batch });
      return response.json.id;
    }
    this.followUpFailures.push({
      at: Date.now(),
      status: response.status ?? response.error,
      code: response.json && response.json.code,
    });
    return null;
  }

  /** `count` follow-ups due at `dueAt`, on acknowledged cases in turn, 10 requests at a time; their ids. */
  async scheduleBatch(count, dueAt, batch) {
    const numbers = [...this.acknowledged.values()].map((ack) => ack.number);
    const ids = [];
    let next = 0;
    const sender = async () => {
      while (next < count) {
        const id = await this.schedule(numbers[next++ % numbers.length], dueAt, batch);
        if (id) ids.push(id);
      }
    };
    await Promise.all(Array.from({ length: 10 }, sender));
    return ids;
  }

  failuresWithin(from, to) {
    const intake = this.serverErrors.filter((error) => error.at >= from && error.at <= to).length;
    const followUps = this.followUpFailures.filter((failure) => failure.at >= from && failure.at <= to).length;
    return { intake, followUps };
  }

  followUpsWithin(from, to) {
    let count = 0;
    for (const followUp of this.followUps.values()) if (followUp.at >= from && followUp.at < to) count += 1;
    return count;
  }
}

async function withRedis(url, work) {
  const Redis = require('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

/** The repeating jobs registered in Redis (BullMQ job schedulers), as `queue/id`. */
function jobSchedulers(url, bullPrefix) {
  return withRedis(url, async (redis) => {
    const found = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${bullPrefix}:*:repeat`, 'COUNT', 500);
      for (const key of keys) {
        if ((await redis.type(key)) !== 'zset') continue;
        const queue = key.slice(bullPrefix.length + 1, -':repeat'.length);
        for (const id of await redis.zrange(key, 0, -1)) found.push(`${queue}/${id}`);
      }
      cursor = next;
    } while (cursor !== '0');
    return found.sort();
  });
}

/** Which of the SLA timers' outbox rows have their job (any state) in BullMQ now: a Set of outbox ids. */
function slaJobsPresent(url, bullPrefix, rows) {
  return withRedis(url, async (redis) => {
    const present = new Set();
    for (let from = 0; from < rows.length; from += 1000) {
      const chunk = rows.slice(from, from + 1000);
      const pipeline = redis.pipeline();
      for (const row of chunk) pipeline.exists(`${bullPrefix}:sla-timers:${row.name}-${row.id}`);
      const answers = await pipeline.exec();
      answers.forEach(([error, exists], index) => {
        if (!error && exists === 1) present.add(chunk[index].id);
      });
    }
    return present;
  });
}

/**
 * Sorts the acknowledged follow-ups by what happened to their jobs: made due before the kill; relayed before the
 * kill and not yet due (their jobs lived only in the Redis that was wiped); relayed after the kill (to the restarted
 * Redis, or not at all yet).
 */
function classify(load, facts, killAt) {
  const groups = { before: [], wiped: [], relayedAfter: [], missing: [] };
  for (const id of load.followUps.keys()) {
    const fact = facts.get(id);
    if (!fact) groups.missing.push(id);
    else if (fact.becameDueAt !== null && fact.becameDueAt < killAt) groups.before.push(id);
    else if (fact.relayedAt !== null && fact.relayedAt < killAt) groups.wiped.push(id);
    else groups.relayedAfter.push(id);
  }
  return groups;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

module.exports = async function redisOutage() {
  const drill = new lib.Drill('redis-outage', { timeoutSeconds: Number(process.env.DRILL_TIMEOUT_S || 420) });
  const databaseUrl =
    process.env.DRILL_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/contact_centre_redis_outage_drill';
  const outageMs = Number(process.env.DRILL_REDIS_OUTAGE_S || 20) * 1000;
  const batchSize = Number(process.env.DRILL_BATCH || 50);
  const fireWithinMs = Number(process.env.DRILL_FIRE_WITHIN_S || 30) * 1000;
  const lostWaitMs = Number(process.env.DRILL_LOST_WAIT_S || 200) * 1000;
  if (!lib.OwnRedis.available()) throw new Error('redis-server not found: the drill needs a Redis of its own to kill');
  const user = await lib.freshDatabase(drill, databaseUrl);
  drill.arm();

  const redis = new lib.OwnRedis(drill, await lib.freePort());
  await redis.start();
  const { port, runId, redisPrefix, env } = await lib.runEnvironment({ databaseUrl, redisUrl: redis.url });
  const bullPrefix = `${redisPrefix}bull`;
  const api = new lib.ApiProcess(drill, env);
  const worker = new lib.WorkerProcess(drill, env);
  drill.log(`Own Redis on port ${redis.port}; starting the api on port ${port} and one worker…`);
  await Promise.all([api.start(), worker.start()]);
  const load = new FollowUpLoad({
    baseUrl: api.baseUrl,
    authorization: await lib.signIn(api.baseUrl, user), // sign-in needs Redis (its throttle): before the outage
    clients: Number(process.env.DRILL_CLIENTS || 10),
    runId,
  });
  drill.log(`${load.clients} clients: a case, then a follow-up on it due 2–5 s ahead, as fast as answers come`);
  load.start();
  await lib.sleep(BEFORE_MS - 2000);

  // The explicit pre-outage batches: relayed to Redis (checked) before it is killed.
  const plannedKill = Date.now() + 2000;
  const [batchDuring, batchAfter] = await Promise.all([
    load.scheduleBatch(batchSize, new Date(plannedKill + outageMs / 2), 'due during the outage'),
    load.scheduleBatch(batchSize, new Date(plannedKill + outageMs + 5000), 'due 5 s after Redis is back'),
  ]);
  const batchIds = [...batchDuring, ...batchAfter];
  const batchRelayed = await lib.waitFor(
    async () => {
      const facts = await lib.readFollowUps(databaseUrl);
      return batchIds.every((id) => facts.get(id) && facts.get(id).relayedAt !== null);
    },
    10_000,
    200,
  );
  const schedulersBefore = await jobSchedulers(redis.url, bullPrefix);
  await lib.sleep(Math.max(0, plannedKill - Date.now()));

  const killAt = Date.now();
  await redis.kill();
  const before = { cases: load.acknowledged.size, followUps: load.followUps.size };
  drill.log(
    `Redis killed (SIGKILL) with ${before.cases} cases and ${before.followUps} follow-ups acknowledged ` +
      `(batches of ${batchSize} relayed: ${batchRelayed}); down for ${seconds(outageMs)}…`,
  );
  await lib.sleep(outageMs);
  const restartAt = Date.now();
  await redis.start();
  const backAt = Date.now();
  const keysAfterRestart = await withRedis(redis.url, (client) => client.dbsize());
  const during = {
    cases: load.acknowledgedSince(killAt) - load.acknowledgedSince(restartAt),
    followUps: load.followUpsWithin(killAt, restartAt),
    failures: load.failuresWithin(killAt, restartAt),
  };
  drill.log(
    `Redis started again (${keysAfterRestart} keys) after ${seconds(restartAt - killAt)} down; ` +
      `${during.cases} cases and ${during.followUps} follow-ups acknowledged meanwhile`,
  );
  await lib.sleep(AFTER_MS);
  drill.log('Stopping the clients (each finishes the case and follow-up it has started)…');
  await load.stop();
  const afterCount = load.followUpsWithin(restartAt, Infinity);

  // Waiting: for everything whose job was not wiped, up to DRILL_FIRE_WITHIN_S after max(dueAt, Redis back); for
  // the rest, up to DRILL_LOST_WAIT_S after their instant.
  const lastDueAt = Math.max(...[...load.followUps.values()].map((followUp) => followUp.dueAt));
  let facts;
  let groups;
  let lastReport = Date.now();
  for (;;) {
    facts = await lib.readFollowUps(databaseUrl);
    groups = classify(load, facts, killAt);
    const waiting = (ids) => ids.filter((id) => facts.get(id).status !== 'due');
    const wipedWaiting = waiting(groups.wiped);
    const othersWaiting = [...waiting(groups.before), ...waiting(groups.relayedAfter)];
    if (wipedWaiting.length + othersWaiting.length === 0) break;
    const othersDeadline = Math.max(lastDueAt, backAt) + fireWithinMs;
    const wipedDeadline = Math.max(0, ...groups.wiped.map((id) => facts.get(id).dueAt)) + lostWaitMs;
    const deadline = Math.max(othersDeadline, wipedWaiting.length ? wipedDeadline : 0);
    if (Date.now() > deadline) break;
    if (Date.now() - lastReport > 15_000) {
      drill.log(
        `Waiting: ${othersWaiting.length} follow-ups not due yet whose jobs were not wiped, ${wipedWaiting.length} ` +
          `whose jobs were (until ${seconds(deadline - Date.now())} from now)`,
      );
      lastReport = Date.now();
    }
    await lib.sleep(1000);
  }
  const waitedUntil = Date.now();

  // The outage itself.
  drill.check(
    `Redis was killed (SIGKILL) for ${seconds(restartAt - killAt)} and started again empty`,
    keysAfterRestart === 0 && restartAt - killAt >= outageMs,
    `${keysAfterRestart} keys after the restart`,
  );
  drill.check(
    'intake and follow-up scheduling went on while Redis was down',
    during.cases > 0 && during.followUps > 0,
    `${during.cases} cases, ${during.followUps} follow-ups acknowledged during the outage; ${afterCount} follow-ups after`,
  );
  const network = [...load.networkErrors].map(([error, count]) => `${count} ${error}`).join(', ') || 'none';
  drill.check(
    'no failed request to intake or follow-up scheduling, before, during or after the outage (no 5xx, no connection error, no retry)',
    load.serverErrors.length === 0 &&
      load.networkErrors.size === 0 &&
      load.retries === 0 &&
      load.unexpected.length === 0 &&
      load.followUpFailures.length === 0,
    `during the outage: ${during.failures.intake} intake 5xx, ${during.failures.followUps} failed follow-up requests; ` +
      `overall: ${load.serverErrors.length} intake 5xx, network errors ${network}, ${load.retries} retries, ` +
      `${load.followUpFailures.length} failed follow-up requests` +
      (load.followUpFailures.length ? ` e.g. ${JSON.stringify(load.followUpFailures.slice(0, 3))}` : ''),
  );
  await lib.verifyIntake(drill, {
    databaseUrl,
    userId: user.userId,
    load,
    otherEvents: ['follow_up_scheduled', 'follow_up_due'],
  });

  // The follow-ups, group by group.
  const unacknowledged = [...facts.keys()].filter((id) => !load.followUps.has(id));
  drill.check(
    `every acknowledged follow-up is stored and no other (${load.followUps.size} acknowledged, ${facts.size} stored)`,
    groups.missing.length === 0 && unacknowledged.length === 0,
    groups.missing.length || unacknowledged.length
      ? `${groups.missing.length} missing, ${unacknowledged.length} unacknowledged`
      : undefined,
  );
  const lateness = (ids, from) =>
    ids
      .filter((id) => facts.get(id).becameDueAt !== null)
      .map((id) => facts.get(id).becameDueAt - Math.max(facts.get(id).dueAt, from));
  const maxOf = (values) => (values.length ? Math.max(...values) : 0);
  const count = (items, predicate) => items.filter(predicate).length;

  const beforeWrong = lib.notDueOnce(groups.before, facts);
  const beforeLate = lateness(groups.before, 0);
  drill.check(
    `follow-ups made due before the outage: each exactly once (one follow_up_due event), within ${seconds(fireWithinMs)} of dueAt (${groups.before.length})`,
    groups.before.length > 0 && beforeWrong.count === 0 && maxOf(beforeLate) <= fireWithinMs,
    `latest ${seconds(maxOf(beforeLate))} after dueAt` +
      (beforeWrong.count ? `; ${lib.describeNotDueOnce(beforeWrong, facts)}` : ''),
  );

  const afterWrong = lib.notDueOnce(groups.relayedAfter, facts);
  const afterLate = lateness(groups.relayedAfter, backAt);
  const relayedLate = groups.relayedAfter.filter((id) => facts.get(id).becameDueAt === null);
  const scheduledAt = (id) => load.followUps.get(id).at;
  const relayedAfterSplit =
    `${count(groups.relayedAfter, (id) => scheduledAt(id) < killAt)} scheduled before the kill, ` +
    `${count(groups.relayedAfter, (id) => scheduledAt(id) >= killAt && scheduledAt(id) < restartAt)} during the ` +
    `outage, ${count(groups.relayedAfter, (id) => scheduledAt(id) >= restartAt)} after`;
  drill.check(
    `follow-ups relayed to the restarted Redis (scheduled during or after the outage, or just before it and not yet relayed): ` +
      `each due exactly once, within ${seconds(fireWithinMs)} of max(dueAt, Redis back) (${groups.relayedAfter.length})`,
    groups.relayedAfter.length > 0 && afterWrong.count === 0 && maxOf(afterLate) <= fireWithinMs,
    `${relayedAfterSplit}; latest ${seconds(maxOf(afterLate))} after` +
      (afterWrong.count ? `; ${lib.describeNotDueOnce(afterWrong, facts)}` : '') +
      (relayedLate.length ? `; ${relayedLate.length} never due` : ''),
  );

  // The known gap: jobs relayed before the outage that lived only in the wiped Redis.
  const wipedWrong = lib.notDueOnce(groups.wiped, facts);
  const wipedFacts = groups.wiped.map((id) => ({ id, ...facts.get(id), batch: load.followUps.get(id).batch }));
  const dueDuringOutage = wipedFacts.filter((fact) => fact.dueAt < restartAt);
  const dueAfterOutage = wipedFacts.filter((fact) => fact.dueAt >= restartAt);
  const fired = (fact) => fact.status === 'due';
  const wipedBreakdown =
    `${groups.wiped.length} follow-ups whose jobs were in Redis when it was wiped ` +
    `(${count(wipedFacts, (fact) => fact.batch === 'clients')} of the clients', ` +
    `${count(wipedFacts, (fact) => fact.batch !== 'clients')} of the two batches): ` +
    `${dueDuringOutage.length} due during the outage, of which ${count(dueDuringOutage, fired)} became due ` +
    `(${count(dueDuringOutage, (fact) => fired(fact) && fact.becameDueAt < restartAt)} while Redis was down: their ` +
    `jobs were running at the kill); ${dueAfterOutage.length} due after it, of which ` +
    `${count(dueAfterOutage, fired)} became due; ${count(wipedFacts, (fact) => !fired(fact))} still ` +
    `${JSON.stringify(
      countBy(
        wipedFacts.filter((fact) => !fired(fact)),
        (fact) => fact.status,
      ),
    )} ` +
    `${seconds(waitedUntil - Math.max(0, ...wipedFacts.map((fact) => fact.dueAt)))} after the last one's instant`;
  drill.check(
    `follow-ups whose jobs were relayed before the outage and wiped with Redis: each due exactly once within ` +
      `${seconds(lostWaitMs)} of dueAt (the known gap: their jobs are gone; only a sweep brings them back)`,
    groups.wiped.length > 0 && wipedWrong.count === 0,
    wipedBreakdown + (wipedWrong.count ? `; ${lib.describeNotDueOnce(wipedWrong, facts)}` : ''),
  );
  const twice = [...facts.values()].filter((fact) => fact.dueEvents > 1).length;
  drill.check('no follow-up became due twice (at most one follow_up_due event each)', twice === 0, `${twice} twice`);

  // The outbox and the SLA timers.
  const outbox = await lib.withClient(databaseUrl, (client) =>
    client.query('SELECT id, queue, name, relayed_at FROM outbox ORDER BY id').then((result) => result.rows),
  );
  const pending = outbox.filter((row) => row.relayed_at === null);
  drill.check(
    `the outbox is drained: every row relayed (${outbox.length} rows)`,
    pending.length === 0,
    pending.length ? `${pending.length} pending, e.g. ${JSON.stringify(pending[0])}` : undefined,
  );
  const slaRows = outbox.filter((row) => row.queue === 'sla-timers');
  const present = await slaJobsPresent(redis.url, bullPrefix, slaRows);
  const slaAfter = slaRows.filter((row) => row.relayed_at && row.relayed_at.getTime() >= killAt);
  const slaBefore = slaRows.filter((row) => row.relayed_at && row.relayed_at.getTime() < killAt);
  const slaAfterMissing = slaAfter.filter((row) => !present.has(row.id));
  const casesWithDeadline = await lib.withClient(databaseUrl, (client) =>
    client.query('SELECT count(*)::int AS n FROM cases WHERE due_at IS NOT NULL').then((result) => result.rows[0].n),
  );
  drill.check(
    `every case's SLA warning and breach went through the outbox (${casesWithDeadline} cases with a deadline, ${slaRows.length} timers)`,
    slaRows.length === 2 * casesWithDeadline,
  );
  drill.check(
    `the SLA timers relayed to the restarted Redis are queued in BullMQ (${slaAfter.length})`,
    slaAfter.length > 0 && slaAfterMissing.length === 0,
    slaAfterMissing.length ? `${slaAfterMissing.length} missing` : undefined,
  );
  const slaBeforePresent = slaBefore.filter((row) => present.has(row.id)).length;

  // What runs the safety nets: the repeating jobs live in Redis too.
  const schedulersAfter = await jobSchedulers(redis.url, bullPrefix);
  const schedulersLost = schedulersBefore.filter((id) => !schedulersAfter.includes(id));
  drill.check(
    `the repeating jobs (purges, sweeps) are scheduled again in the restarted Redis (${schedulersBefore.length} before the outage)`,
    schedulersBefore.length > 0 && schedulersLost.length === 0,
    `${schedulersAfter.length} after` + (schedulersLost.length ? `; missing: ${schedulersLost.join(', ')}` : ''),
  );
  drill.check(
    'the api and the worker never stopped',
    api.alive() && api.starts === 1 && api.unexpectedExits === 0 && worker.alive() && worker.unexpectedExits === 0,
  );

  const firstAfterBack = Math.min(
    ...[...facts.values()].filter((fact) => fact.becameDueAt >= backAt).map((fact) => fact.becameDueAt),
  );
  drill.figure(load.summary());
  drill.figure(
    `${load.followUps.size} follow-ups acknowledged (${before.followUps} before the kill incl. 2 × ${batchSize} in batches, ` +
      `${during.followUps} during the outage, ${afterCount} after), ${load.followUpRequests} requests`,
  );
  drill.figure(
    `Redis down ${seconds(restartAt - killAt)}; the worker made the first follow-up due ${seconds(firstAfterBack - backAt)} ` +
      `after Redis was back; latest lateness: ${seconds(maxOf(beforeLate))} (before), ${seconds(maxOf(afterLate))} ` +
      `(relayed after, from max(dueAt, Redis back))`,
  );
  drill.figure(wipedBreakdown);
  drill.figure(
    `SLA timers: ${slaBefore.length} relayed before the outage, ${slaBeforePresent} of them still in BullMQ; ` +
      `${slaAfter.length} relayed after, ${slaAfter.length - slaAfterMissing.length} in BullMQ`,
  );
  drill.figure(`job schedulers: ${schedulersBefore.length} before, ${schedulersAfter.length} after`);
  drill.figure(`drill ${((Date.now() - drill.armedAt) / 1000).toFixed(0)} s after setup`);
  await api.kill();
  await worker.stop('SIGTERM');
  if (!drill.checks.some((check) => !check.ok) && !process.env.DRILL_KEEP) await lib.dropDatabase(databaseUrl);
  drill.finish(); // the own Redis ends with the drill (exit handler)
};

function countBy(items, keyOf) {
  const counts = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}
