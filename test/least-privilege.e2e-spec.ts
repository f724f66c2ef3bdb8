import { API, TestApp } from './support/app';

describe('The api as a role with data rights only', () => {
  let t: TestApp;
  let agent: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    agent = await t.tokenFor('agent');
  });
  afterAll(() => t.stop());

  const intake = (receivedAt?: string) =>
    t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({ channel: 'letter', categoryCode: 'pothole', subject: 'Zaległe pismo', receivedAt });

  it('works as the application role, which may not change the schema', async () => {
    const [{ role }] = await t.db.query(`SELECT current_user AS role`);
    expect(role).toBe('cc_test_app');
    await expect(t.db.query(`CREATE TABLE intruder (id int)`)).rejects.toThrow('permission denied for schema public');
    await expect(t.db.query(`CREATE SEQUENCE case_number_2099`)).rejects.toThrow('permission denied');
    await expect(t.db.query(`TRUNCATE cases CASCADE`)).rejects.toThrow('permission denied');
    await expect(t.db.query(`SELECT count(*) FROM migrations`)).rejects.toThrow('permission denied');
  });

  it('reads API keys and notes their use, but may not make, change or revoke one', async () => {
    await t.addApiKey('lp-client');
    await t.db.query(`UPDATE api_keys SET last_used_at = now() WHERE name = 'lp-client'`);
    await expect(
      t.db.query(`INSERT INTO api_keys (id, name, key_hash) VALUES (gen_random_uuid(), 'minted', 'x')`),
    ).rejects.toThrow('permission denied');
    await expect(t.db.query(`UPDATE api_keys SET revoked_at = NULL`)).rejects.toThrow('permission denied');
    await expect(t.db.query(`UPDATE api_keys SET key_hash = 'x'`)).rejects.toThrow('permission denied');
    await expect(t.db.query(`DELETE FROM api_keys`)).rejects.toThrow('permission denied');
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM api_keys WHERE last_used_at IS NOT NULL`);
    expect(count).toBe(1);
  });

  it('numbers the first case of any year, back to 2000, without DDL, and counts on per year', async () => {
    const numbers: string[] = [];
    for (const receivedAt of [
      '2000-01-01T00:30:00+01:00',
      '2003-06-15T10:00:00+02:00',
      '2003-12-31T23:30:00+01:00',
      '2000-07-01T08:00:00+02:00',
    ]) {
      const response = await intake(receivedAt);
      expect(response.status).toBe(201);
      numbers.push(response.body.number);
    }
    expect(numbers).toEqual(['2000-000001-7', '2003-000001-6', '2003-000002-7', '2000-000002-5']);
    const counters = await t.db.query(`SELECT year, last_seq::int AS last FROM case_number_counters ORDER BY year`);
    expect(counters).toEqual([
      { year: 2000, last: 2 },
      { year: 2003, last: 2 },
    ]);
  });

  it('hands out distinct numbers to simultaneous intakes in a new year', async () => {
    const responses = await Promise.all(Array.from({ length: 30 }, () => intake('2011-03-01T12:00:00+01:00')));
    expect(responses.map((response) => response.status)).toEqual(Array(30).fill(201));
    const sequences = responses.map((response) => Number(response.body.number.split('-')[1])).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
  });
});
