import pino from 'pino';
import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import request from 'supertest';
import { formatCaseNumber } from '@app/cases';
import { NO_SUCH_TRACKED_CASE, TRACKING_LOOKUP_SQL } from '@app/tracking';
import { API, expectProblem, TestApp } from './support/app';
import { answerText, expectNoPersonalData, findPersonalData } from './support/leak-scan';
import { TEST_ENV } from './support/test-env';

/** Wrong look-ups an address may make in the hour here (TRACKING_FAILURES_PER_HOUR); production's default is 100. */
const LIMIT = 5;
const PROBLEMS = 'https://contact-centre.gdansk.pl/problems/';

/** What residents and staff wrote, made unmistakable: none of it may ever be in an answer of the tracking route. */
const SECRET = {
  residentName: 'Zdzisława Kanarkowska-Śledzińska',
  residentPhone: '+48 699 013 713',
  residentEmail: 'kanarek.713@przyklad.example',
  description: 'OPIS-KANAREK-5f3a: zapadnięta studzienka przed moim domem',
  subject: 'TEMAT-KANAREK-88b1 studzienka',
  address: 'Kanarkowa 713/5',
  internalNote: 'NOTATKA-WEWNETRZNA-KANAREK-91c2: dzwoniła drugi raz, zdenerwowana',
  transitionNote: 'UWAGA-PRZEJSCIA-KANAREK-44d0',
  assignee: 'drogowiec.kanarek',
  agent: 'agentka.kanarek',
};
const PUBLIC_NOTE = 'Ekipa drogowa będzie na miejscu w czwartek.';
const RESOLUTION = 'Studzienkę wymieniono 12 marca; dziękujemy za zgłoszenie.';

/** The stored form of a code: the keyed hash of its normalized form (libs/cases/src/domain/tracking-code.ts). */
const hashOf = (code: string) => createHmac('sha256', TEST_ENV.TRACKING_CODE_SECRET).update(code).digest('base64url');

/** A number with its last digit changed: Damm's check digit catches every single-digit error. */
const withWrongCheckDigit = (number: string) => number.slice(0, -1) + ((Number(number.slice(-1)) + 1) % 10);

/** The same number, never given, for an unknown case (valid check digit). */
const UNKNOWN_NUMBER = formatCaseNumber(2025, 999_999);

describe('Residents tracking their case (GET /track/{number}?code=)', () => {
  // Two api processes on one database and one Redis, as behind a load balancer.
  let a: TestApp;
  let b: TestApp;
  let agent: string;
  let staff: string;
  /** Every answer of the tracking route in this file, for the leak scan at the end. */
  const answers: { status: number; cacheControl: unknown; text: string }[] = [];
  /** Every log line app `a` wrote. */
  const logLines: string[] = [];
  /** Every code sent, in every spelling: none may reach the logs. */
  const codesSent = new Set<string>();

  let addresses = 0;
  /** A client address no other test uses, so that each test starts with a full allowance. */
  const freshAddress = () => {
    addresses += 1;
    return `10.${Math.floor(addresses / 250)}.${addresses % 250}.7`;
  };

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const before = process.env.TRACKING_FAILURES_PER_HOUR;
    process.env.TRACKING_FAILURES_PER_HOUR = String(LIMIT);
    try {
      a = await TestApp.start({ logger: pino({ level: 'debug' }, sink) });
      b = await TestApp.start({ resetRedis: false });
    } finally {
      if (before === undefined) delete process.env.TRACKING_FAILURES_PER_HOUR;
      else process.env.TRACKING_FAILURES_PER_HOUR = before;
    }
    await a.seedCatalogue();
    agent = await a.tokenFor('agent', null, SECRET.agent);
    staff = await a.tokenFor('unit_staff', 'roads', SECRET.assignee);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  /** A resident's look-up through `app` from `address`; recorded for the scans, and always `no-store`. */
  async function track(
    number: string,
    code: string | undefined,
    address: string,
    app: TestApp = a,
  ): Promise<request.Response> {
    if (code !== undefined) codesSent.add(code);
    const query = code === undefined ? '' : `?code=${encodeURIComponent(code)}`;
    const response = await app.http().get(`${API}/track/${number}${query}`).set('X-Forwarded-For', address);
    answers.push({
      status: response.status,
      cacheControl: response.headers['cache-control'],
      text: answerText(response),
    });
    return response;
  }

  /** Logs a case as an agent, with all the resident's details; the answer holds the tracking code. */
  async function logCase(overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
    const response = await a
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({
        channel: 'phone',
        categoryCode: 'pothole',
        subject: SECRET.subject,
        description: SECRET.description,
        resident: { name: SECRET.residentName, phone: SECRET.residentPhone, email: SECRET.residentEmail },
        location: { address: SECRET.address, district: 'Wrzeszcz' },
        ...overrides,
      })
      .expect(201);
    return response.body;
  }

  const addNote = (number: string, body: string, visibility: 'internal' | 'public') =>
    a.http().post(`${API}/cases/${number}/notes`).set('Authorization', agent).send({ body, visibility }).expect(201);

  const withoutRequestId = ({ requestId, ...rest }: Record<string, unknown>) => {
    expect(requestId).toEqual(expect.any(String));
    return rest;
  };

  const NOT_FOUND = {
    type: `${PROBLEMS}tracked-case-not-found`,
    title: 'Not Found',
    status: 404,
    detail: NO_SUCH_TRACKED_CASE,
    code: 'tracked_case_not_found',
  };
  const TOO_MANY = {
    type: `${PROBLEMS}too-many-tracking-look-ups`,
    title: 'Too Many Requests',
    status: 429,
    detail: 'Too many wrong look-ups from your address; try again later.',
    code: 'too_many_tracking_look_ups',
  };

  /** A 429 of the tracking route, with its Retry-After (the rest of the hour). */
  function expectTooMany(response: request.Response): void {
    expect(withoutRequestId(expectProblem(response, 429))).toEqual(TOO_MANY);
    const retryAfter = Number(response.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
  }

  it('shows exactly the public view of the case: no personal data, only the public notes, oldest first', async () => {
    const created = await logCase({ receivedAt: '2025-03-03T09:00:00+01:00' });
    expect(created.assignee).toBe(SECRET.assignee);
    const first = await addNote(created.number, 'Zgłoszenie przekazane do Wydziału Dróg.', 'public');
    await addNote(created.number, SECRET.internalNote, 'internal');
    const second = await addNote(created.number, PUBLIC_NOTE, 'public');

    const response = await track(created.number, created.trackingCode, freshAddress());
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(response.body).sort()).toEqual([
      'categoryName',
      'dueDate',
      'number',
      'publicNotes',
      'receivedAt',
      'resolution',
      'status',
      'unitName',
      'updatedAt',
    ]);
    expect(response.body).toEqual({
      number: created.number,
      status: 'assigned',
      categoryName: 'Pothole',
      unitName: 'Roads and greenery',
      receivedAt: '2025-03-03T08:00:00.000Z',
      // Notes leave the case as it is.
      updatedAt: created.updatedAt,
      // Seven working days after Monday 3 March 2025, that day not counted.
      dueDate: '2025-03-12',
      resolution: null,
      publicNotes: [
        { at: first.body.at, body: 'Zgłoszenie przekazane do Wydziału Dróg.' },
        { at: second.body.at, body: PUBLIC_NOTE },
      ],
    });
    expect(Object.keys(response.body.publicNotes[0]).sort()).toEqual(['at', 'body']);
    expect(created.dueDate).toBe('2025-03-12');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('shows a case no unit has yet with unitName null', async () => {
    const created = await logCase({ categoryCode: 'complaint', receivedAt: '2025-03-03T09:00:00+01:00' });
    const response = await track(created.number, created.trackingCode, freshAddress());
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      number: created.number,
      status: 'new',
      categoryName: 'Complaint',
      unitName: null,
      receivedAt: '2025-03-03T08:00:00.000Z',
      updatedAt: created.updatedAt,
      // One month on: Thursday 3 April 2025, a working day.
      dueDate: '2025-04-03',
      resolution: null,
      publicNotes: [],
    });
  });

  it('takes the code in either case, with Crockford substitutions (O→0, I/L→1) and hyphens', async () => {
    const created = await logCase();
    // A code with the digits Crockford's substitutions stand for (the code itself is stored only as this hash).
    await a.db.query(`UPDATE cases SET tracking_code_hash = $1 WHERE number = $2`, [
      hashOf('0Z1Y1X0W'),
      created.number,
    ]);
    const address = freshAddress();
    const canonical = await track(created.number, '0Z1Y1X0W', address);
    expect(canonical.status).toBe(200);
    for (const spelling of ['0z1y1x0w', 'OZIYLXoW', 'oziylxow', '0Z1Y-1X0W', '-oz-iy-lx-ow-', '0z1Y-LX-0w']) {
      const response = await track(created.number, spelling, address);
      expect({ spelling, status: response.status }).toEqual({ spelling, status: 200 });
      expect(response.body).toEqual(canonical.body);
    }
    // One character off is another code.
    expect(withoutRequestId(expectProblem(await track(created.number, '0Z1Y1X0V', address), 404))).toEqual(NOT_FOUND);
  });

  it('answers an unknown number and a wrong code with the same 404', async () => {
    const created = await logCase();
    const other = await logCase();
    const unknownNumber = await track(UNKNOWN_NUMBER, created.trackingCode, freshAddress());
    const wrongCode = await track(
      created.number,
      created.trackingCode === 'ZZZZZZZZ' ? 'YYYYYYYY' : 'ZZZZZZZZ',
      freshAddress(),
    );
    // A right code, but of another case.
    const otherCasesCode = await track(created.number, other.trackingCode, freshAddress());
    for (const response of [unknownNumber, wrongCode, otherCasesCode]) {
      expect(withoutRequestId(expectProblem(response, 404))).toEqual(NOT_FOUND);
      expect(response.headers['cache-control']).toBe('no-store');
    }
    const headerNames = (response: request.Response) =>
      Object.keys(response.headers)
        .filter((name) => !['date', 'x-request-id'].includes(name))
        .sort();
    expect(headerNames(wrongCode)).toEqual(headerNames(unknownNumber));
    expect(wrongCode.headers['content-length']).toBe(unknownNumber.headers['content-length']);
  });

  it('makes both misses the same work: one statement, the same plan, no row', async () => {
    const created = await logCase();
    const planOf = async (number: string, codeHash: string) => {
      const [{ 'QUERY PLAN': plan }] = await a.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${TRACKING_LOOKUP_SQL}`, [
        number,
        codeHash,
      ]);
      return plan[0];
    };
    /** The plan's shape: node types, relations, indexes and rows returned, without costs and timings. */
    const shapeOf = (node: Record<string, any>): unknown => ({
      type: node['Node Type'],
      relation: node['Relation Name'],
      index: node['Index Name'],
      rows: node['Actual Rows'],
      children: (node.Plans ?? []).map(shapeOf),
    });
    const unknownNumber = await planOf(UNKNOWN_NUMBER, hashOf(created.trackingCode));
    const wrongCode = await planOf(created.number, hashOf('ZZZZZZZ0'));
    expect(shapeOf(wrongCode.Plan)).toEqual(shapeOf(unknownNumber.Plan));
    expect(unknownNumber.Plan['Actual Rows']).toBe(0);
    expect(JSON.stringify(unknownNumber.Plan)).toContain('cases_number_key');
    expect(shapeOf((await planOf(created.number, hashOf(created.trackingCode))).Plan)).toMatchObject({ rows: 1 });
  });

  it('takes as long to answer an unknown number as a wrong code', async () => {
    const created = await logCase();
    const timings: Record<'unknownNumber' | 'wrongCode', number[]> = { unknownNumber: [], wrongCode: [] };
    const timed = async (kind: keyof typeof timings, number: string) => {
      const started = process.hrtime.bigint();
      const response = await track(number, 'ZZZZZZZ0', freshAddress());
      timings[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
      expect(response.status).toBe(404);
    };
    // Interleaved, each from its own address (each miss costs its address a point), so drift hits both alike.
    for (let round = 0; round < 200; round++) {
      await timed('unknownNumber', UNKNOWN_NUMBER);
      await timed('wrongCode', created.number);
    }
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
    // The work is the same by construction (the test above); this bound only catches a gross difference, such as a
    // second query or a skipped hash on one path, without failing on a busy CI machine.
    expect(Math.abs(median(timings.unknownNumber) - median(timings.wrongCode))).toBeLessThan(3);
  }, 60_000);

  it('refuses a malformed number, a wrong check digit or a malformed code (400) without counting it', async () => {
    const created = await logCase();
    const address = freshAddress();
    for (let attempt = 0; attempt < LIMIT + 2; attempt++) {
      const wrongDigit = await track(withWrongCheckDigit(created.number), created.trackingCode, address);
      expect(expectProblem(wrongDigit, 400)).toMatchObject({
        type: `${PROBLEMS}invalid-case-number`,
        code: 'invalid_case_number',
        errors: [{ field: 'number', message: 'wrong check digit' }],
      });
      const malformed = await track('2025-12-3', created.trackingCode, address);
      expect(expectProblem(malformed, 400)).toMatchObject({
        code: 'invalid_case_number',
        errors: [{ field: 'number', message: 'must look like YYYY-NNNNNN-C' }],
      });
      for (const code of [undefined, 'ABC', '7KQ2M9XU', '7KQ2 M9XD', 'Z'.repeat(9), '-'.repeat(30) + 'ZZZZZZZZ']) {
        const response = await track(created.number, code, address);
        expect(expectProblem(response, 400)).toMatchObject({ code: 'validation_failed' });
        expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(
          expect.arrayContaining(['code']),
        );
        expect(response.headers['cache-control']).toBe('no-store');
      }
    }
    const wrongCode = await track(created.number, 'ZZZZZZZ0', address);
    expect(withoutRequestId(expectProblem(wrongCode, 404))).toEqual(NOT_FOUND);
    // The malformed requests cost nothing: the whole allowance of wrong look-ups is still there.
    for (let miss = 1; miss < LIMIT; miss++)
      expect((await track(created.number, 'ZZZZZZZ0', address)).status).toBe(404);
    expectTooMany(await track(created.number, 'ZZZZZZZ0', address));
  });

  it('counts only wrong look-ups: right ones cost nothing', async () => {
    const created = await logCase();
    const address = freshAddress();
    for (let look = 0; look < LIMIT * 3; look++) {
      expect((await track(created.number, created.trackingCode, address)).status).toBe(200);
    }
    for (let miss = 0; miss < LIMIT; miss++) {
      expect(withoutRequestId(expectProblem(await track(created.number, 'ZZZZZZZ0', address), 404))).toEqual(NOT_FOUND);
    }
    // Past the limit even the right code is refused: a 429 never tells whether a code was right.
    const wrong = await track(created.number, 'ZZZZZZZ0', address);
    const right = await track(created.number, created.trackingCode, address);
    expectTooMany(wrong);
    expectTooMany(right);
    expect(withoutRequestId(right.body)).toEqual(withoutRequestId(wrong.body));
    expect(right.headers['cache-control']).toBe('no-store');
  });

  it('holds the limit across two api processes sharing Redis, per address', async () => {
    const created = await logCase();
    const address = freshAddress();
    for (let miss = 0; miss < LIMIT; miss++) {
      const response = await track(created.number, 'ZZZZZZZ0', address, miss % 2 ? b : a);
      expect(response.status).toBe(404);
    }
    expectTooMany(await track(created.number, 'ZZZZZZZ0', address, a));
    expectTooMany(await track(created.number, created.trackingCode, address, b));
    expectTooMany(await track(created.number, created.trackingCode, address, a));
    // Another address is not held back by it, on either process.
    const neighbour = freshAddress();
    expect((await track(created.number, created.trackingCode, neighbour, b)).status).toBe(200);
    expect((await track(created.number, 'ZZZZZZZ0', neighbour, a)).status).toBe(404);
  });

  it('lets no more than the limit of parallel wrong guesses through', async () => {
    const created = await logCase();
    const address = freshAddress();
    const burst = await Promise.all(
      Array.from({ length: LIMIT * 4 }, (_, index) => track(created.number, 'ZZZZZZZ0', address, index % 2 ? b : a)),
    );
    const statuses = burst.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array(LIMIT).fill(404), ...Array(LIMIT * 3).fill(429)]);
  });

  it('counts an IPv6 client by its /64, and an IPv4 client written as IPv6 as that IPv4 address', async () => {
    const created = await logCase();
    for (let miss = 1; miss <= LIMIT; miss++) {
      expect((await track(created.number, 'ZZZZZZZ0', `2001:db8:7:1::${miss}`)).status).toBe(404);
    }
    expectTooMany(await track(created.number, created.trackingCode, '2001:db8:7:1:ffff:ffff:ffff:fffe'));
    expect((await track(created.number, created.trackingCode, '2001:db8:7:2::1')).status).toBe(200);

    for (let miss = 0; miss < LIMIT; miss++) {
      expect((await track(created.number, 'ZZZZZZZ0', '::ffff:192.0.2.77')).status).toBe(404);
    }
    expectTooMany(await track(created.number, created.trackingCode, '192.0.2.77'));
  });

  it("follows a resident's case from intake to resolution", async () => {
    const created = await logCase();
    expect(created).toMatchObject({ status: 'assigned', assignee: SECRET.assignee, unitCode: 'roads' });
    expect(created.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const address = freshAddress();
    const view = (overrides: Record<string, unknown>) => ({
      number: created.number,
      status: 'assigned',
      categoryName: 'Pothole',
      unitName: 'Roads and greenery',
      receivedAt: created.receivedAt,
      updatedAt: created.updatedAt,
      dueDate: created.dueDate,
      resolution: null,
      publicNotes: [],
      ...overrides,
    });

    const received = await track(created.number, created.trackingCode, address);
    expect(received.status).toBe(200);
    expect(received.body).toEqual(view({}));

    await addNote(created.number, SECRET.internalNote, 'internal');
    const note = await addNote(created.number, PUBLIC_NOTE, 'public');
    const publicNotes = [{ at: note.body.at, body: PUBLIC_NOTE }];
    expect((await track(created.number, created.trackingCode, address)).body).toEqual(view({ publicNotes }));

    const inProgress = await a
      .http()
      .post(`${API}/cases/${created.number}/transitions`)
      .set('Authorization', staff)
      .send({ to: 'in_progress', note: SECRET.transitionNote })
      .expect(200);
    expect((await track(created.number, created.trackingCode, address)).body).toEqual(
      view({ status: 'in_progress', updatedAt: inProgress.body.updatedAt, publicNotes }),
    );

    const resolved = await a
      .http()
      .post(`${API}/cases/${created.number}/transitions`)
      .set('Authorization', staff)
      .send({ to: 'resolved', resolution: RESOLUTION })
      .expect(200);
    const final = await track(created.number, created.trackingCode, address);
    expect(final.status).toBe(200);
    expect(final.body).toEqual(
      view({ status: 'resolved', updatedAt: resolved.body.updatedAt, resolution: RESOLUTION, publicNotes }),
    );
    expect(final.body.updatedAt).not.toBe(created.updatedAt);
  });

  it('stops the old code working when a new one is issued', async () => {
    const created = await logCase();
    const address = freshAddress();
    expect((await track(created.number, created.trackingCode, address)).status).toBe(200);
    const reissued = await a
      .http()
      .post(`${API}/cases/${created.number}/tracking-code`)
      .set('Authorization', agent)
      .expect(201);
    expect(reissued.body.trackingCode).not.toBe(created.trackingCode);
    expect(withoutRequestId(expectProblem(await track(created.number, created.trackingCode, address), 404))).toEqual(
      NOT_FOUND,
    );
    const renewed = await track(created.number, reissued.body.trackingCode.toLowerCase(), address);
    expect(renewed.status).toBe(200);
    expect(renewed.body.number).toBe(created.number);
  });

  it('marks every answer no-store: 200, 400, 404 and 429 alike', () => {
    const statuses = new Set(answers.map((answer) => answer.status));
    expect([...statuses].sort()).toEqual([200, 400, 404, 429]);
    expect(answers.filter((answer) => answer.cacheControl !== 'no-store')).toEqual([]);
  });

  it('shows no personal data in any answer of the route', () => {
    const secrets = Object.values(SECRET);
    // The scan itself finds what it looks for, in any case or spacing.
    expect(findPersonalData([`{"name":"${SECRET.residentName.toUpperCase()}"}`, '+48699013713'], secrets)).toHaveLength(
      2,
    );
    expect(answers.length).toBeGreaterThan(500);
    expectNoPersonalData(
      answers.map((answer) => answer.text),
      secrets,
    );
  });

  it('logs the route without the codes', () => {
    const trackingLines = logLines.filter((line) => line.includes('/api/v1/track/'));
    // The request log did see the route, by path only.
    expect(trackingLines.length).toBeGreaterThan(500);
    const leaks = logLines.filter((line) =>
      [...codesSent].some((code) => code.replace(/-/g, '').length >= 8 && line.includes(code)),
    );
    expect(leaks).toEqual([]);
    expect(findPersonalData(trackingLines, Object.values(SECRET))).toEqual([]);
  });
});
