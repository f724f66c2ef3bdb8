import { createHmac } from 'node:crypto';
import { API, expectProblem, TestApp } from './support/app';
import { TEST_ENV } from './support/test-env';

/** The stored form of a code, as the contract defines it: a keyed hash, never the code. */
const hashOf = (code: string) => createHmac('sha256', TEST_ENV.TRACKING_CODE_SECRET).update(code).digest('base64url');

describe('Tracking codes at rest and reissued', () => {
  let t: TestApp;
  let agent: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    agent = await t.tokenFor('agent');
  });
  afterAll(() => t.stop());

  const intake = (key: string) =>
    t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .set('Idempotency-Key', key)
      .send({
        channel: 'phone',
        categoryCode: 'pothole',
        subject: 'Dziura na Grunwaldzkiej',
        resident: { name: 'Zofia Wiśniewska', phone: '+48 601 234 567' },
      });
  const storedHash = async (number: string) =>
    (await t.db.query(`SELECT tracking_code_hash FROM cases WHERE number = $1`, [number]))[0].tracking_code_hash;

  it('keeps the idempotent response sealed: no tracking code or contact detail readable in the table', async () => {
    const first = await intake('sealed-1').expect(201);
    const { trackingCode } = first.body;
    const [{ sealed }] = await t.db.query(
      `SELECT sealed_response AS sealed FROM idempotency_keys WHERE key = 'sealed-1'`,
    );
    expect(sealed.length).toBeGreaterThan(200);
    for (const secret of [trackingCode, 'Wiśniewska', '601 234 567', first.body.number]) {
      expect(sealed.includes(Buffer.from(secret))).toBe(false);
    }
    const columns: { name: string }[] = await t.db.query(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'idempotency_keys' ORDER BY 1`,
    );
    expect(columns.map((column) => column.name)).toEqual([
      'created_at',
      'key',
      'request_hash',
      'scope',
      'sealed_response',
      'status_code',
    ]);
    expect(await storedHash(first.body.number)).toBe(hashOf(trackingCode));
  });

  it('still gives the same tracking code on a replay', async () => {
    const first = await intake('sealed-2').expect(201);
    const replay = await intake('sealed-2').expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(replay.body.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  describe('POST /cases/{number}/tracking-code', () => {
    it('issues a new code, makes the old one stop working and records it without the code', async () => {
      const created = await intake('reissue-1').expect(201);
      const { number, trackingCode: oldCode, version } = created.body;
      const response = await t.http().post(`${API}/cases/${number}/tracking-code`).set('Authorization', agent);
      expect(response.status).toBe(201);
      expect(Object.keys(response.body)).toEqual(['trackingCode']);
      const newCode = response.body.trackingCode;
      expect(newCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(newCode).not.toBe(oldCode);
      expect(await storedHash(number)).toBe(hashOf(newCode));
      expect(await storedHash(number)).not.toBe(hashOf(oldCode));

      const history = await t.http().get(`${API}/cases/${number}/history`).set('Authorization', agent);
      expect(history.body.items.map((event: { type: string }) => event.type)).toEqual([
        'case_created',
        'routed',
        'tracking_code_reissued',
      ]);
      expect(history.body.items[2]).toEqual(
        expect.objectContaining({ type: 'tracking_code_reissued', actor: 'agent-all', data: {} }),
      );
      expect(JSON.stringify(history.body)).not.toContain(newCode);
      // Not part of the case as staff see it: the version (and so any If-Match in hand) stays.
      const read = await t.http().get(`${API}/cases/${number}`).set('Authorization', agent);
      expect(read.body.version).toBe(version);
    });

    it('answers 404 for an unknown case and 400 for a malformed number, changing nothing', async () => {
      const events = await t.count('case_events');
      expectProblem(await t.http().post(`${API}/cases/2019-000001-3/tracking-code`).set('Authorization', agent), 404);
      expectProblem(await t.http().post(`${API}/cases/2019-000001-4/tracking-code`).set('Authorization', agent), 400);
      expect(await t.count('case_events')).toBe(events);
    });

    it('is refused to unit staff (403) and strangers (401)', async () => {
      const { number } = (await intake('reissue-2').expect(201)).body;
      const before = await storedHash(number);
      const roads = await t.tokenFor('unit_staff', 'roads');
      expectProblem(await t.http().post(`${API}/cases/${number}/tracking-code`).set('Authorization', roads), 403);
      expectProblem(await t.http().post(`${API}/cases/${number}/tracking-code`), 401);
      expect(await storedHash(number)).toBe(before);
    });
  });
});
