'use strict';
/**
 * Visit booking benchmark (issue #10) against a running api (`npm start`, demo data loaded).
 *   node bench/visits.js [--connections 50] [--rounds 3] [--seconds 10] [--clients 200] [--desks 50] [--slots 30]
 *
 * 1. Slot listing: GET /visits/slots (public; a plain Fastify route: one prepared statement reads the desks taken
 *    that day, the office's hours and the day's layout being remembered 10 s per process) for the demo offices'
 *    services over the 14 days of the window, some of them with bookings, beside the bare read path (bench/bare-read.js: Fastify + JWT check + one prepared SELECT,
 *    no product) as calibration, in alternating rounds, so that a noisy shared machine cannot fake a change.
 * 2. Booking storm: an office of its own (`--desks` desks, one day of `--slots` 15-minute slots) and `--clients`
 *    clients racing to book it full as agents (staff are not rate-limited), each a new resident, each picking a slot
 *    not yet seen full at random and booking until every slot answers 409. Then it checks in PostgreSQL that every
 *    desk-slot was booked exactly once: as many visits as 201s, desks × slots of them, no desk twice at once.
 *    The storm's office, service and visits are deleted at the end.
 * 3. The monthly report (GET /reports/visits, per office) over a year of 117,600 visits, as many as Gdańsk booked in
 *    2020, inserted with SQL for the storm's office: the median of 10 reads.
 * Env: BASE_URL (http://127.0.0.1:3000), BENCH_PASSWORD (the demo users'); JWT_SECRET and DATABASE_URL as the api's
 * (from .env), for the bare path and the checks.
 * Targets (issue #10): slots ≥ 2,000 requests/s, ≥ 0.4 × the bare path's reads/s, p99 ≤ 3 × its p99; the storm with
 * zero double bookings and every desk-slot filled exactly once. Ours: the year's report within 1 s (median).
 */
const { Client } = require('pg');
const { againstBarePath, benchOptions, besideBarePath, logCases, printResult, signIn, verdict } = require('./common');

const bench = benchOptions({ clients: '200', desks: '50', slots: '30' });
const BASE_URL = bench.baseUrl;
const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/contact_centre';
const clients = Number(bench.args.clients);
const desks = Number(bench.args.desks);
const slotCount = Number(bench.args.slots);
const SLOT_MINUTES = 15;
/** Desks the year's visits are spread over: 117,600 ÷ 50 start times 220 minutes apart fill 2020. */
const YEAR_DESKS = 50;
const DEMO_SERVICES = [
  ['zom-srodmiescie', 'dowod-osobisty'],
  ['zom-wrzeszcz', 'meldunek'],
  ['zom-przymorze', 'odbior-dowodu'],
  ['zom-pojazdy', 'rejestracja-pojazdu'],
  ['usc', 'odpis-aktu'],
];

/** The Europe/Warsaw date `days` from today. */
function warsawDate(days) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function api(method, url, authorization, body) {
  const response = await fetch(`${BASE_URL}/api/v1${url}`, {
    method,
    headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Some bookings on the demo offices, so that the slot lists count taken desks as they will in use. */
async function bookSome(agent) {
  let phone = 0;
  for (const [officeCode, serviceCode] of DEMO_SERVICES) {
    for (let days = 1; days <= 14; days += 2) {
      const { body } = await api(
        'GET',
        `/visits/slots?officeCode=${officeCode}&serviceCode=${serviceCode}&date=${warsawDate(days)}`,
      );
      if (!body.items) throw new Error(`Slots answered ${JSON.stringify(body)}`);
      const booked = body.items.filter((_, index) => index % 3 === 0).slice(0, 10);
      await Promise.all(
        booked.map((slot) =>
          api('POST', '/visits', agent, {
            officeCode,
            serviceCode,
            start: slot.start,
            resident: {
              name: 'Bench Resident',
              phone: `+48 700 ${String(Date.now() % 1000).padStart(3, '0')} ${phone++}`,
            },
          }),
        ),
      );
    }
  }
}

/** Clients racing to book the office full; returns the 201s and how the other answers went. */
async function storm(agent, office, service, slotStarts) {
  const open = new Set(slotStarts);
  const booked = [];
  const statuses = {};
  let resident = 0;
  const started = Date.now();
  async function client() {
    while (open.size > 0) {
      const starts = [...open];
      const start = starts[Math.floor(Math.random() * starts.length)];
      const response = await fetch(`${BASE_URL}/api/v1/visits`, {
        method: 'POST',
        headers: { authorization: agent, 'content-type': 'application/json' },
        body: JSON.stringify({
          officeCode: office,
          serviceCode: service,
          start,
          resident: { name: 'Storm Resident', email: `storm-${process.pid}-${resident++}@example.invalid` },
        }),
      });
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status === 201) booked.push(await response.json());
      else {
        const problem = await response.json();
        if (response.status === 409 && problem.type.endsWith('/slot-full')) open.delete(start);
        else throw new Error(`Booking answered ${response.status}: ${JSON.stringify(problem)}`);
      }
    }
  }
  // On the first unexpected answer every client stops (the office is deleted after), and the run fails.
  let failure;
  await Promise.all(
    Array.from({ length: clients }, () =>
      client().catch((error) => {
        failure ??= error;
        open.clear();
      }),
    ),
  );
  if (failure) throw failure;
  return { booked, statuses, seconds: (Date.now() - started) / 1000 };
}

async function main() {
  const agent = await signIn(BASE_URL, 'demo.agent');
  const admin = await signIn(BASE_URL, 'demo.admin');
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  const office = `bench-${Date.now()}`;
  try {
    process.stderr.write('Logging 200 cases for the bare path, booking some visits at the demo offices…\n');
    const cases = await logCases(BASE_URL, agent, 200);
    await bookSome(agent);

    // 1. Slot listing beside the bare path.
    const slotRequests = DEMO_SERVICES.flatMap(([officeCode, serviceCode]) =>
      Array.from({ length: 14 }, (_, index) => ({
        path: `/api/v1/visits/slots?officeCode=${officeCode}&serviceCode=${serviceCode}&date=${warsawDate(index + 1)}`,
      })),
    );
    const { product: slots, bare } = await besideBarePath(bench, {
      name: 'GET /visits/slots (public)',
      route: 'GET /visits/slots',
      requests: slotRequests,
      reads: cases.map(({ number }) => ({ path: `/api/v1/cases/${number}` })),
      authorization: agent,
    });

    // 2. The booking storm, on an office of its own, the day after tomorrow (never a holiday for all 7 days' hours).
    const closing = `${String(8 + Math.floor((slotCount * SLOT_MINUTES) / 60)).padStart(2, '0')}:${String((slotCount * SLOT_MINUTES) % 60).padStart(2, '0')}`;
    const week = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((day) => [day, [['08:00', closing]]]));
    const setUp = [
      await api('POST', '/offices', admin, { code: office, name: 'Bench office', address: 'ul. Testowa 1', desks }),
      await api('PUT', `/offices/${office}/opening-hours`, admin, { weekly: week }),
      await api('POST', '/visit-services', admin, {
        code: office,
        name: 'Bench service',
        durationMinutes: SLOT_MINUTES,
        officeCodes: [office],
      }),
    ];
    if (setUp.some((answer) => answer.status >= 300)) throw new Error(`Set-up failed: ${JSON.stringify(setUp)}`);
    let day = 2;
    let slotList;
    for (; day <= 14; day++) {
      slotList = await api('GET', `/visits/slots?officeCode=${office}&serviceCode=${office}&date=${warsawDate(day)}`);
      if (slotList.body.items.length === slotCount) break;
    }
    const slotStarts = slotList.body.items.map((slot) => slot.start);
    process.stderr.write(
      `Storm: ${clients} clients, ${desks} desks × ${slotStarts.length} slots on ${warsawDate(day)}…\n`,
    );
    const result = await storm(agent, office, office, slotStarts);
    const { rows } = await db.query(
      `SELECT count(*)::int AS visits,
              count(DISTINCT (desk, starts_at))::int AS desk_slots,
              count(DISTINCT starts_at)::int AS slots,
              (SELECT count(*)::int FROM visits a JOIN visits b
                   ON a.office_code = b.office_code AND a.desk = b.desk AND a.id < b.id
                  AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
                WHERE a.office_code = $1 AND a.status = 'booked' AND b.status = 'booked') AS double_bookings,
              (SELECT min(n)::int FROM (SELECT count(*) AS n FROM visits WHERE office_code = $1 GROUP BY starts_at) per_slot)
                AS fewest_per_slot
         FROM visits WHERE office_code = $1 AND status = 'booked'`,
      [office],
    );
    const check = rows[0];
    const expected = desks * slotStarts.length;
    const stormTargets = {
      zeroDoubleBookings: `${verdict(check.double_bookings === 0)} (${check.double_bookings} desks booked twice)`,
      everyDeskSlotOnce: `${verdict(check.visits === expected && check.desk_slots === expected && result.booked.length === expected && check.fewest_per_slot === desks)} (${check.visits} visits, ${check.desk_slots} distinct desk-slots, ${result.booked.length} answers 201, of ${expected})`,
    };

    // 3. The monthly report over a year like 2020's: 117,600 visits of the storm's office (on 50 desks, whatever
    // --desks says, so that the year holds them all), then read as a supervisor.
    await db.query(
      `INSERT INTO visits (id, code_hash, office_code, service_code, desk, starts_at, ends_at, status, resident_name,
                           resident_email, booked_by, created_at, checked_in_at, cancelled_at, no_show_at)
       SELECT gen_random_uuid(), 'bench-' || i, $1, $1, i % $2 + 1, start, start + interval '15 minutes', status,
              'Bench', 'bench@example.invalid', 'bench', '2020-01-01',
              CASE WHEN status = 'checked_in' THEN start END, CASE WHEN status = 'cancelled' THEN start END,
              CASE WHEN status = 'no_show' THEN start + interval '15 minutes' END
         FROM generate_series(0, 117599) AS i,
              LATERAL (SELECT '2020-01-02T07:00:00Z'::timestamptz + (i / $2) * interval '220 minutes' AS start,
                              (ARRAY['cancelled', 'no_show', 'checked_in', 'checked_in', 'checked_in'])[i % 5 + 1]
                                AS status) AS visit`,
      [office, YEAR_DESKS],
    );
    await db.query('ANALYZE visits');
    const supervisor = await signIn(BASE_URL, 'demo.supervisor');
    const reportTimes = [];
    let year;
    for (let run = 0; run < 10; run++) {
      const started = performance.now();
      year = await api('GET', '/reports/visits?from=2020-01&to=2020-12&groupBy=office', supervisor);
      reportTimes.push(performance.now() - started);
    }
    reportTimes.sort((a, b) => a - b);
    const report = {
      visits: year.body.total.booked,
      medianMs: Math.round(reportTimes[5]),
      maxMs: Math.round(reportTimes[9]),
    };

    const { ratios, targets } = againstBarePath(slots, bare, { name: 'slots', perSecond: 2000, ratio: 0.4, p99: 3 });
    Object.assign(targets, stormTargets, {
      yearReport: `${verdict(report.visits >= 117600 && report.medianMs <= 1000)} (${report.visits} visits of 2020 in ${report.medianMs} ms, median of 10 ≤ 1 s)`,
    });
    printResult(bench, {
      results: [slots, bare],
      ratios,
      storm: {
        clients,
        desks,
        slots: slotStarts.length,
        seconds: result.seconds,
        bookingsPerSecond: Math.round(result.booked.length / result.seconds),
        answers: result.statuses,
        check,
      },
      report,
      targets,
    });
  } finally {
    // The storm's office goes; the demo offices' bench bookings stay, like the bench's cases.
    await db.query(`DELETE FROM visit_events WHERE visit_id IN (SELECT id FROM visits WHERE office_code = $1)`, [
      office,
    ]);
    await db.query(`DELETE FROM visits WHERE office_code = $1`, [office]);
    await db.query(`DELETE FROM visit_service_offices WHERE office_code = $1`, [office]);
    await db.query(`DELETE FROM visit_services WHERE code = $1`, [office]);
    await db.query(`DELETE FROM offices WHERE code = $1`, [office]);
    // The year's 117,600 rows leave as many dead ones, which would slow the next run's slot lists until autovacuum.
    await db.query('VACUUM ANALYZE visits, visit_events').catch((error) => console.error(`VACUUM: ${error.message}`));
    await db.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
