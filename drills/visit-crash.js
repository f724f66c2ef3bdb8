'use strict';
/**
 * visit-crash: 50 clients race to book an office full (20 desks × 40 slots, each booking a new resident, as agents)
 * while the api is killed with SIGKILL twice and restarted. A booking has no idempotency key, so a request cut by a
 * kill is not retried: its fate is unknown to the client. Afterwards: every booking answered 201 is stored exactly
 * once, booked, with its history and its reminder in the outbox; no desk is booked twice for overlapping times; no
 * resident has two visits (nothing was booked twice behind a client's back); at most the requests cut by the kills
 * were stored unacknowledged; and the office ends full, every desk-slot once.
 *   npm run drill -- visit-crash
 * Env: DRILL_DATABASE_URL (postgres://postgres@127.0.0.1:5432/contact_centre_visits_drill; dropped and created
 * afresh, kept only when the drill fails), DRILL_CLIENTS (50), DRILL_KILLS (2), DRILL_TIMEOUT_S (180).
 */
const lib = require('./lib');

const OFFICE = 'drill-office';
const DESKS = 20;
const SLOTS = 40;
const SLOT_MINUTES = 15;

/** The office and its service, written as the owner (the drill's user is an agent), open every day 08:00–18:00. */
async function setUpOffice(databaseUrl) {
  const closing = `${String(8 + Math.floor((SLOTS * SLOT_MINUTES) / 60)).padStart(2, '0')}:00`;
  const week = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((day) => [day, [['08:00', closing]]]));
  await lib.withClient(databaseUrl, async (client) => {
    await client.query(
      `INSERT INTO offices (code, name, address, desks, weekly_hours) VALUES ($1, 'Drill', 'x', $2, $3)`,
      [OFFICE, DESKS, JSON.stringify(week)],
    );
    await client.query(`INSERT INTO visit_services (code, name, duration_minutes) VALUES ($1, 'Drill', $2)`, [
      OFFICE,
      SLOT_MINUTES,
    ]);
    await client.query(`INSERT INTO visit_service_offices (office_code, service_code) VALUES ($1, $1)`, [OFFICE]);
  });
}

/** Clients booking random slots not yet seen full until every one answers 409 `slot_full`. */
class BookingLoad {
  constructor({ baseUrl, authorization, clients, slotStarts, runId }) {
    Object.assign(this, { baseUrl, authorization, clients, runId });
    this.open = new Set(slotStarts);
    /** email → the 201's body, for every acknowledged booking. */
    this.acknowledged = new Map();
    /** Requests whose answer never came (connection lost at a kill): the booking may or may not exist. */
    this.cut = 0;
    this.serverErrors = [];
    this.unexpected = [];
    this.sent = 0;
    this.stopping = false;
  }

  start() {
    this.running = Promise.all(Array.from({ length: this.clients }, () => this.client()));
  }

  async client() {
    while (!this.stopping && this.open.size > 0) {
      const starts = [...this.open];
      const start = starts[Math.floor(Math.random() * starts.length)];
      const email = `${this.runId}-${this.sent++}@example.invalid`;
      const response = await lib.http('POST', `${this.baseUrl}/api/v1/visits`, {
        headers: { authorization: this.authorization },
        body: { officeCode: OFFICE, serviceCode: OFFICE, start, resident: { name: 'Drill Resident', email } },
      });
      if (response.error) {
        this.cut += 1;
        await lib.sleep(100); // the api is down: wait for it
      } else if (response.status === 201) this.acknowledged.set(email, response.json);
      else if (response.status >= 500) this.serverErrors.push({ status: response.status, type: response.json?.type });
      else if (response.status === 409 && response.json?.type.endsWith('/slot-full')) this.open.delete(start);
      else this.unexpected.push({ status: response.status, type: response.json?.type });
    }
  }

  async stop() {
    this.stopping = true;
    await this.running;
  }
}

module.exports = async function visitCrash() {
  const drill = new lib.Drill('visit-crash', { timeoutSeconds: Number(process.env.DRILL_TIMEOUT_S || 180) });
  const databaseUrl =
    process.env.DRILL_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/contact_centre_visits_drill';
  const kills = Number(process.env.DRILL_KILLS || 2);
  const clients = Number(process.env.DRILL_CLIENTS || 50);
  const user = await lib.freshDatabase(drill, databaseUrl);
  await setUpOffice(databaseUrl);
  drill.arm();

  const { port, runId, redisPrefix, env } = await lib.runEnvironment({ databaseUrl });
  const api = new lib.ApiProcess(drill, env);
  drill.log(`Starting the api on port ${port}…`);
  await api.start();
  const authorization = await lib.signIn(api.baseUrl, user);
  // From the day after tomorrow (every booking's reminder lies ahead), the first day that is no public holiday.
  let date;
  let slotStarts = [];
  for (let days = 2; days <= 14 && slotStarts.length === 0; days += 1) {
    date = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const slots = await lib.http(
      'GET',
      `${api.baseUrl}/api/v1/visits/slots?officeCode=${OFFICE}&serviceCode=${OFFICE}&date=${date}`,
    );
    slotStarts = (slots.json?.items ?? []).map((slot) => slot.start);
  }
  drill.check(`the office has ${SLOTS} slots on ${date}`, slotStarts.length === SLOTS, `${slotStarts.length} slots`);

  const load = new BookingLoad({ baseUrl: api.baseUrl, authorization, clients, slotStarts, runId });
  drill.log(`Booking: ${clients} clients racing for ${DESKS} desks × ${slotStarts.length} slots`);
  load.start();
  const backIn = [];
  for (let kill = 1; kill <= kills; kill += 1) {
    await lib.sleep(500 + Math.random() * 1000);
    await api.kill();
    drill.log(`SIGKILL ${kill}/${kills} with ${load.acknowledged.size} bookings acknowledged; restarting the api…`);
    backIn.push(await api.start());
    drill.log(`api healthy again after ${(backIn.at(-1) / 1000).toFixed(1)} s`);
  }
  await lib.waitFor(async () => load.open.size === 0, 60_000, 200);
  await load.stop();

  drill.check(
    `the api was killed ${kills} times with SIGKILL and came back healthy each time`,
    api.starts === kills + 1 && api.unexpectedExits === 0,
    `healthy again after ${backIn.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s`,
  );
  drill.check(
    'no 5xx answer, and no answer but 201 and 409 slot_full',
    !load.serverErrors.length && !load.unexpected.length,
    JSON.stringify([...load.serverErrors, ...load.unexpected].slice(0, 3)),
  );

  const facts = await lib.withClient(databaseUrl, async (client) => {
    const visits = (
      await client.query(
        `SELECT v.email_key, v.status,
                (SELECT count(*)::int FROM visit_events e WHERE e.visit_id = v.id AND e.type = 'booked') AS booked_events,
                (SELECT count(*)::int FROM outbox o WHERE o.payload ->> 'visitId' = v.id::text) AS reminders
           FROM visits v WHERE v.office_code = $1`,
        [OFFICE],
      )
    ).rows;
    const [{ overlaps }] = (
      await client.query(
        `SELECT count(*)::int AS overlaps FROM visits a JOIN visits b
            ON a.office_code = b.office_code AND a.desk = b.desk AND a.id < b.id
           AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
         WHERE a.office_code = $1 AND a.status IN ('booked', 'checked_in') AND b.status IN ('booked', 'checked_in')`,
        [OFFICE],
      )
    ).rows;
    const [{ deskSlots }] = (
      await client.query(
        `SELECT count(DISTINCT (desk, starts_at))::int AS "deskSlots" FROM visits WHERE office_code = $1`,
        [OFFICE],
      )
    ).rows;
    return { visits, overlaps, deskSlots };
  });
  const byEmail = new Map();
  for (const visit of facts.visits) byEmail.set(visit.email_key, [...(byEmail.get(visit.email_key) ?? []), visit]);
  const missing = [...load.acknowledged.keys()].filter((email) => {
    const stored = byEmail.get(email);
    return (
      !stored ||
      stored.length !== 1 ||
      stored[0].status !== 'booked' ||
      stored[0].booked_events !== 1 ||
      stored[0].reminders !== 1
    );
  });
  drill.check(
    'every booking answered 201 is stored once, booked, with its history and its reminder in the outbox',
    missing.length === 0,
    `${load.acknowledged.size} acknowledged${missing.length ? `; wrong: ${missing.slice(0, 3).join(', ')}` : ''}`,
  );
  drill.check(
    'no desk booked twice for overlapping times (the exclusion constraint)',
    facts.overlaps === 0,
    `${facts.overlaps} overlaps`,
  );
  const twice = [...byEmail.values()].filter((visits) => visits.length > 1).length;
  drill.check('no resident booked twice behind a client’s back', twice === 0, `${twice} residents with two visits`);
  const unacknowledged = facts.visits.length - load.acknowledged.size;
  drill.check(
    'only requests left without an answer were stored unacknowledged',
    unacknowledged >= 0 && unacknowledged <= load.cut,
    `${unacknowledged} stored unacknowledged, ${load.cut} requests without an answer`,
  );
  drill.check(
    `the office ended full: ${DESKS * SLOTS} desk-slots, each once`,
    facts.visits.length === DESKS * SLOTS && facts.deskSlots === DESKS * SLOTS,
    `${facts.visits.length} visits on ${facts.deskSlots} desk-slots`,
  );
  drill.check('the api is still running', api.alive());

  drill.figure(
    `${load.sent} bookings tried by ${clients} clients, ${load.acknowledged.size} answered 201, ${load.cut} without an answer (cut by a kill, or refused while the api was down)`,
  );
  drill.figure(`${kills} SIGKILLs; api healthy again after ${backIn.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s`);
  await api.kill();
  await lib.dropRedisKeys(process.env.REDIS_URL || 'redis://127.0.0.1:6379', redisPrefix);
  if (!drill.checks.some((check) => !check.ok) && !process.env.DRILL_KEEP) await lib.dropDatabase(databaseUrl);
  drill.finish();
};
