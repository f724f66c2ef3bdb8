import { formatCaseNumber } from '@app/cases';
import { computeDue } from '@app/routing';
import { API, expectProblem, TestApp } from './support/app';

const VALID = {
  channel: 'phone',
  categoryCode: 'pothole',
  subject: 'Dziura na ul. Grunwaldzkiej',
  description: 'Głęboka dziura przy przystanku Wrzeszcz PKP',
  priority: 'high',
  resident: { name: 'Jan Kowalski', phone: '+48 601-234-567', email: 'jan@example.pl' },
  location: { address: 'Grunwaldzka 100', district: 'Wrzeszcz', lat: 54.38, lon: 18.6 },
};

describe('Case intake (POST /cases)', () => {
  let t: TestApp;
  let agent: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    agent = await t.tokenFor('agent');
  });
  afterAll(() => t.stop());

  const create = (body: unknown, headers: Record<string, string> = {}) =>
    t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .set(headers)
      .send(body as object);

  async function counts() {
    return {
      cases: await t.count('cases'),
      events: await t.count('case_events'),
      keys: await t.count('idempotency_keys'),
    };
  }

  it('logs a case with a Damm-checked number, a tracking code and its history', async () => {
    const response = await create({ ...VALID, receivedAt: '2026-06-15T10:00:00+02:00' });
    expect(response.status).toBe(201);
    const year = 2026;
    const number = response.body.number;
    expect(number).toMatch(/^2026-\d{6}-\d$/);
    expect(number).toBe(formatCaseNumber(year, Number(number.slice(5, 11))));
    expect(response.headers.etag).toBe('"1"');
    expect(response.headers.location).toBe(`/api/v1/cases/${number}`);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      number,
      attributes: null,
      mediaUrl: null,
      status: 'assigned',
      channel: 'phone',
      categoryCode: 'pothole',
      unitCode: 'roads',
      assignee: null,
      priority: 'high',
      subject: VALID.subject,
      description: VALID.description,
      resident: VALID.resident,
      location: VALID.location,
      resolution: null,
      receivedAt: '2026-06-15T08:00:00.000Z',
      createdAt: expect.any(String),
      updatedAt: response.body.createdAt,
      // Seven working days after Monday 15 June 2026, the day of receipt not counted (Corpus Christi fell on 4 June).
      dueDate: '2026-06-24',
      dueAt: '2026-06-24T21:59:59.999Z',
      // Long past by now (receivedAt may not lie in the future, so the test runs after 15 June 2026).
      sla: 'overdue',
      // No worker runs here to record the breach.
      escalated: false,
      resolvedAt: null,
      closedAt: null,
      version: 1,
      trackingCode: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{8}$/),
    });
    const [stored] = await t.db.query(`SELECT tracking_code_hash FROM cases WHERE number = $1`, [number]);
    expect(stored.tracking_code_hash).not.toContain(response.body.trackingCode);
    const history = await t.http().get(`${API}/cases/${number}/history`).set('Authorization', agent).expect(200);
    expect(history.body.items).toEqual([
      {
        id: expect.any(Number),
        type: 'case_created',
        at: response.body.createdAt,
        actor: 'agent-all',
        data: {
          number,
          channel: 'phone',
          categoryCode: 'pothole',
          unitCode: 'roads',
          status: 'assigned',
          priority: 'high',
          dueDate: '2026-06-24',
        },
      },
      {
        id: expect.any(Number),
        type: 'routed',
        at: response.body.createdAt,
        actor: 'agent-all',
        // The test catalogue has no unit staff, so nobody in the unit is there to take it.
        data: { from: null, to: 'roads', by: 'category', assignee: null },
      },
    ]);
  });

  it('numbers sequentially from 000001 within a year', async () => {
    const first = await create({ ...VALID, receivedAt: '2024-03-01T12:00:00Z' }).expect(201);
    const second = await create({ ...VALID, receivedAt: '2024-07-01T12:00:00Z' }).expect(201);
    expect(first.body.number).toBe(formatCaseNumber(2024, 1));
    expect(second.body.number).toBe(formatCaseNumber(2024, 2));
  });

  it('takes the year of receivedAt in Europe/Warsaw, not UTC', async () => {
    const response = await create({ ...VALID, receivedAt: '2022-12-31T23:30:00Z' }).expect(201);
    expect(response.body.number).toBe(formatCaseNumber(2023, 1));
    expect(response.body.receivedAt).toBe('2022-12-31T23:30:00.000Z');
  });

  it('leaves a case of a category without a unit as new', async () => {
    const response = await create({ channel: 'letter', categoryCode: 'complaint', subject: 'Skarga na urzędnika' });
    expect(response.status).toBe(201);
    // A case without a unit still has a deadline: its category's SLA, a month.
    const due = computeDue(new Date(response.body.receivedAt), { kind: 'months', amount: 1 });
    expect(response.body).toEqual(
      expect.objectContaining({
        status: 'new',
        unitCode: null,
        priority: 'normal',
        resident: null,
        location: null,
        description: null,
        assignee: null,
        dueDate: due.dueDate,
        dueAt: due.dueAt.toISOString(),
      }),
    );
    const history = await t.http().get(`${API}/cases/${response.body.number}/history`).set('Authorization', agent);
    expect(history.body.items.map((event: { type: string }) => event.type)).toEqual(['case_created']);
  });

  it('defaults receivedAt to now', async () => {
    const before = Date.now();
    const response = await create({ channel: 'chat', categoryCode: 'pothole', subject: 'Dziura' }).expect(201);
    const receivedAt = Date.parse(response.body.receivedAt);
    expect(receivedAt).toBeGreaterThanOrEqual(before - 5);
    expect(receivedAt).toBeLessThanOrEqual(Date.now());
    const due = computeDue(new Date(receivedAt), { kind: 'working_days', amount: 7 });
    expect(response.body).toEqual(
      expect.objectContaining({ dueDate: due.dueDate, dueAt: due.dueAt.toISOString(), sla: 'on_time' }),
    );
  });

  const inTenMinutes = () => new Date(Date.now() + 10 * 60 * 1000).toISOString();
  const BAD_BODIES: [string, unknown, string][] = [
    ['missing channel', { categoryCode: 'pothole', subject: 'x' }, 'channel'],
    ['missing subject', { channel: 'phone', categoryCode: 'pothole' }, 'subject'],
    ['missing category', { channel: 'phone', subject: 'x' }, 'categoryCode'],
    ['unknown channel', { ...VALID, channel: 'pigeon' }, 'channel'],
    ['subject of wrong type', { ...VALID, subject: 42 }, 'subject'],
    ['blank subject', { ...VALID, subject: '   ' }, 'subject'],
    ['subject over 200 characters', { ...VALID, subject: 'x'.repeat(201) }, 'subject'],
    ['description over 10000 characters', { ...VALID, description: 'x'.repeat(10001) }, 'description'],
    ['unknown field', { ...VALID, secret: true }, 'secret'],
    ['unknown nested field', { ...VALID, resident: { name: 'Jan', pesel: '90010112345' } }, 'resident.pesel'],
    ['bad e-mail', { ...VALID, resident: { email: 'not-an-email' } }, 'resident.email'],
    ['bad phone', { ...VALID, resident: { phone: 'call me maybe' } }, 'resident.phone'],
    ['latitude out of range', { ...VALID, location: { lat: 91 } }, 'location.lat'],
    ['resident not an object', { ...VALID, resident: 'Jan' }, 'resident'],
    ['resident as an array', { ...VALID, resident: [{ name: 'Jan' }] }, 'resident'],
    ['location as an array', { ...VALID, location: [] }, 'location'],
    ['a NUL character', { ...VALID, subject: 'Dziura\u0000' }, 'subject'],
    ['an unpaired surrogate', { ...VALID, resident: { name: 'Jan \ud800' } }, 'resident.name'],
    ['receivedAt without offset', { ...VALID, receivedAt: '2026-06-01T10:00:00' }, 'receivedAt'],
    ['receivedAt not a date', { ...VALID, receivedAt: 'yesterday' }, 'receivedAt'],
    ['receivedAt impossible date', { ...VALID, receivedAt: '2026-02-30T10:00:00Z' }, 'receivedAt'],
    ['receivedAt in the future', { ...VALID, receivedAt: inTenMinutes() }, 'receivedAt'],
    ['unknown priority', { ...VALID, priority: 'asap' }, 'priority'],
    ['unknown category', { ...VALID, categoryCode: 'no-such-category' }, 'categoryCode'],
  ];

  it.each(BAD_BODIES)('rejects %s with 400 naming the field, writing nothing', async (_, body, field) => {
    const before = await counts();
    const problem = expectProblem(await create(body), 400);
    expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it.each(['yesterday', '2026-06-01T10:00:00', '2026-02-30T10:00:00Z'])(
    'reports a bad receivedAt (%s) once',
    async (receivedAt) => {
      const problem = expectProblem(await create({ ...VALID, receivedAt }), 400);
      expect(problem.errors).toEqual([
        {
          field: 'receivedAt',
          message: 'receivedAt must be an ISO 8601 instant with an offset, e.g. 2026-06-01T09:30:00+02:00',
        },
      ]);
    },
  );

  it.each([
    ['malformed JSON', '{"channel": "phone",', 'application/json', 400],
    ['a JSON array', '[1, 2]', 'application/json', 400],
    ['a JSON string', '"case"', 'application/json', 400],
    ['an empty body', '', 'application/json', 400],
    ['another media type', 'channel=phone', 'application/x-www-form-urlencoded', 415],
    ['plain text', '{"channel":"phone"}', 'text/plain', 415],
    [
      'nesting beyond reason',
      `{"channel":"phone","location":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
      'application/json',
      400,
    ],
    [
      'deep nesting with a prototype key',
      `{"channel":"phone","location":${'{"constructor":'.repeat(5000)}1${'}'.repeat(5000)}}`,
      'application/json',
      400,
    ],
  ])('rejects %s as a problem, writing nothing', async (_, raw, contentType, status) => {
    const before = await counts();
    const response = await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .set('Content-Type', contentType)
      .send(raw);
    expectProblem(response, status);
    expect(await counts()).toEqual(before);
  });

  it('rejects a body over 1 MiB with 413', async () => {
    const response = await create({ ...VALID, description: 'x'.repeat(1_100_000) });
    expectProblem(response, 413);
  });

  it('gives 100 concurrent creations 100 distinct consecutive numbers', async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        create({ ...VALID, subject: `Zgłoszenie ${index}`, receivedAt: '2021-05-05T10:00:00Z' }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(100).fill(201));
    const numbers = responses.map((response) => response.body.number as string);
    expect(new Set(numbers).size).toBe(100);
    const sequences = numbers.map((number) => Number(number.slice(5, 11))).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
    for (const number of numbers) expect(number).toBe(formatCaseNumber(2021, Number(number.slice(5, 11))));
  });

  describe('Idempotency-Key', () => {
    it('replays the first response for the same key and body, storing nothing new', async () => {
      const first = await create(VALID, { 'Idempotency-Key': 'call-7731' });
      expect(first.status).toBe(201);
      const before = await counts();
      const again = await create({ ...VALID, resident: { ...VALID.resident } }, { 'Idempotency-Key': 'call-7731' });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.etag).toBe('"1"');
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await counts()).toEqual(before);
    });

    it('treats a reordered body as the same request', async () => {
      const first = await create(VALID, { 'Idempotency-Key': 'order-1' }).expect(201);
      const reordered = Object.fromEntries(Object.entries(VALID).reverse());
      const again = await create(reordered, { 'Idempotency-Key': 'order-1' }).expect(201);
      expect(again.body.number).toBe(first.body.number);
    });

    it('refuses the same key with another body (422), storing nothing', async () => {
      await create(VALID, { 'Idempotency-Key': 'call-7732' }).expect(201);
      const before = await counts();
      expectProblem(await create({ ...VALID, subject: 'Inna sprawa' }, { 'Idempotency-Key': 'call-7732' }), 422);
      expect(await counts()).toEqual(before);
    });

    it('creates one case when the same request races itself', async () => {
      const before = await t.count('cases');
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => create(VALID, { 'Idempotency-Key': 'race-1' })),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
      expect(new Set(responses.map((response) => response.body.number)).size).toBe(1);
      expect(await t.count('cases')).toBe(before + 1);
    });

    it('keeps keys apart per user', async () => {
      const otherAgent = await t.tokenFor('agent', null, 'second.agent');
      const mine = await create(VALID, { 'Idempotency-Key': 'shared-key' }).expect(201);
      const theirs = await t
        .http()
        .post(`${API}/cases`)
        .set('Authorization', otherAgent)
        .set('Idempotency-Key', 'shared-key')
        .send({ ...VALID, subject: 'Ich sprawa' })
        .expect(201);
      expect(theirs.body.number).not.toBe(mine.body.number);
    });

    it('forgets a response after 24 hours and then treats the key as new', async () => {
      const first = await create(VALID, { 'Idempotency-Key': 'old-key' }).expect(201);
      await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'old-key'`);
      const again = await create(VALID, { 'Idempotency-Key': 'old-key' }).expect(201);
      expect(again.body.number).not.toBe(first.body.number);
      const kept: { count: number }[] = await t.db.query(
        `SELECT count(*)::int AS count FROM idempotency_keys WHERE key = 'old-key'`,
      );
      expect(kept).toEqual([{ count: 1 }]);
    });

    it('rejects a malformed key with 400', async () => {
      const before = await counts();
      expectProblem(await create(VALID, { 'Idempotency-Key': 'x'.repeat(201) }), 400);
      expect(await counts()).toEqual(before);
    });
  });
});
