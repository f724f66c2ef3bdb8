import { Client } from 'pg';
import { API, TestApp } from './support/app';
import { TEST_DATABASE_URL } from './support/test-env';

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Concurrent work on one case', () => {
  let t: TestApp;
  let agent: string;
  let owner: Client;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    agent = await t.tokenFor('agent');
    owner = new Client({ connectionString: TEST_DATABASE_URL });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await t.stop();
  });

  async function newCase(): Promise<string> {
    const response = await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({ channel: 'phone', categoryCode: 'pothole', subject: 'Dziura' })
      .expect(201);
    return response.body.number;
  }
  const patch = (number: string, body: object, ifMatch: string) =>
    t.http().patch(`${API}/cases/${number}`).set('Authorization', agent).set('If-Match', ifMatch).send(body);
  const note = (number: string, body: string) =>
    t.http().post(`${API}/cases/${number}/notes`).set('Authorization', agent).send({ body, visibility: 'internal' });
  const history = async (number: string) =>
    (await t.http().get(`${API}/cases/${number}/history`).set('Authorization', agent)).body.items as {
      type: string;
      data: { body?: string };
    }[];

  it('lets exactly one of two PATCHes with the same If-Match win when both really write at once, every time', async () => {
    for (let round = 1; round <= 5; round++) {
      const number = await newCase();
      // Hold the row: both requests read version 1, then both wait to write it. On release they race for real.
      const holder = new Client({ connectionString: TEST_DATABASE_URL });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM cases WHERE number = $1 FOR UPDATE', [number]);
      const responses = Promise.all([
        patch(number, { priority: 'low' }, '"1"'),
        patch(number, { priority: 'urgent' }, '"1"'),
      ]);
      await waitUntil(async () => {
        const { rows } = await owner.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE cases SET%'`,
        );
        return rows[0].waiting === 2;
      });
      await holder.query('COMMIT');
      await holder.end();

      const statuses = (await responses).map((response) => response.status).sort();
      expect({ round, statuses }).toEqual({ round, statuses: [200, 412] });
      const stored = await t.http().get(`${API}/cases/${number}`).set('Authorization', agent);
      expect(stored.body.version).toBe(2);
      expect((await history(number)).map((event) => event.type)).toEqual(['case_created', 'routed', 'case_updated']);
    }
  });

  it('takes 20 simultaneous notes and an edit without a single conflict, all of them in the history', async () => {
    const number = await newCase();
    const bodies = Array.from({ length: 20 }, (_, index) => `Notatka ${index + 1}`);
    const [edit, ...notes] = await Promise.all([
      patch(number, { priority: 'high' }, '"1"'),
      ...bodies.map((body) => note(number, body)),
    ]);
    expect(notes.map((response) => response.status)).toEqual(Array(20).fill(201));
    // Notes leave the case as it is, so the edit made with the version read before them still applies.
    expect(edit.status).toBe(200);
    expect(edit.body.version).toBe(2);
    const events = await history(number);
    expect(
      events
        .filter((event) => event.type === 'note_added')
        .map((event) => event.data.body)
        .sort(),
    ).toEqual([...bodies].sort());
    // case_created and routed, the edit and the 20 notes.
    expect(events).toHaveLength(23);
    expect(events.slice(0, 2).map((event) => event.type)).toEqual(['case_created', 'routed']);
    const ids = notes.map((response) => response.body.id);
    expect(new Set(ids).size).toBe(20);
  });

  it('adds a note without If-Match, answering the note and no case ETag', async () => {
    const number = await newCase();
    const response = await note(number, 'Oddzwonić jutro');
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBeUndefined();
    expect(response.body).toEqual({
      id: expect.any(Number),
      at: expect.any(String),
      actor: 'agent-all',
      body: 'Oddzwonić jutro',
      visibility: 'internal',
    });
  });
});
