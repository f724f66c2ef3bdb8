import { API, expectProblem, TestApp } from './support/app';

interface Seed {
  channel: string;
  categoryCode: string;
  subject: string;
  receivedAt: string;
  description?: string;
  resident?: object;
}

const SEEDS: Seed[] = [
  {
    channel: 'phone',
    categoryCode: 'pothole',
    subject: 'Dziura na Grunwaldzkiej',
    receivedAt: '2026-03-01T08:00:00Z',
    resident: { name: 'Jan Kowalski', phone: '+48 601-234-567' },
  },
  {
    channel: 'email',
    categoryCode: 'pothole',
    subject: 'Zapadnięta studzienka',
    receivedAt: '2026-03-02T08:00:00Z',
    description: 'Źródło hałasu nocą',
  },
  {
    channel: 'phone',
    categoryCode: 'id-card',
    subject: 'Odbiór dowodu',
    receivedAt: '2026-03-03T08:00:00Z',
    resident: { email: 'ola@example.pl' },
  },
  { channel: 'letter', categoryCode: 'complaint', subject: 'Skarga na obsługę', receivedAt: '2026-03-31T22:30:00Z' },
  {
    channel: 'drop_box',
    categoryCode: 'id-card',
    subject: 'Wniosek o dowód',
    receivedAt: '2026-04-02T08:00:00Z',
    resident: { name: 'Łucja Żółkiewska' },
  },
];

describe('Listing and searching cases (GET /cases)', () => {
  let t: TestApp;
  let agent: string;
  const numbers: string[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    agent = await t.tokenFor('agent');
    for (const seed of SEEDS) {
      const response = await t.http().post(`${API}/cases`).set('Authorization', agent).send(seed).expect(201);
      numbers.push(response.body.number);
    }
  });
  afterAll(() => t.stop());

  const list = (query: string) => t.http().get(`${API}/cases?${query}`).set('Authorization', agent);
  const listedNumbers = async (query: string) => {
    const response = await list(query);
    expect(response.status).toBe(200);
    return response.body.items.map((item: { number: string }) => item.number);
  };

  it('lists newest first with no further page', async () => {
    const response = await list('');
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items.map((item: { number: string }) => item.number)).toEqual([...numbers].reverse());
  });

  it.each([
    ['status=new', [3]],
    ['status=new,assigned', [4, 3, 2, 1, 0]],
    ['unitCode=zom', [4, 2]],
    ['categoryCode=pothole', [1, 0]],
    ['channel=phone', [2, 0]],
    ['channel=phone&categoryCode=id-card', [2]],
    ['receivedFrom=2026-03-02&receivedTo=2026-03-03', [2, 1]],
    // 2026-03-31T22:30Z is already 1 April in Warsaw.
    ['receivedFrom=2026-04-01', [4, 3]],
    ['receivedTo=2026-03-31', [2, 1, 0]],
    ['receivedFrom=2026-03-02T08:00:00Z&receivedTo=2026-03-03T08:00:00Z', [1]],
  ])('filters by %s', async (query, expected) => {
    expect(await listedNumbers(query)).toEqual(expected.map((index) => numbers[index]));
  });

  it.each([
    ['a fragment of the phone number, as typed', '601 234', [0]],
    ['bare phone digits', '234567', [0]],
    ['a Polish word with diacritics', 'Źródło', [1]],
    ['the same word typed without diacritics', 'zrodlo', [1]],
    ['a name with Ł and Ż', 'łucja żółkiewska', [4]],
    ['a part of an e-mail address', 'ola@example', [2]],
    ['a subject word in any case', 'DOWÓD', [4, 2]],
    ['a LIKE wildcard taken literally', '%', []],
  ])('finds by %s', async (_, q, expected) => {
    expect(await listedNumbers(`q=${encodeURIComponent(q)}`)).toEqual(expected.map((index) => numbers[index]));
  });

  it('finds by the case number', async () => {
    expect(await listedNumbers(`q=${numbers[0]}`)).toEqual([numbers[0]]);
  });

  it('pages with a keyset cursor that stays stable while cases are added', async () => {
    const first = await list('limit=2');
    expect(first.body.items.map((item: { number: string }) => item.number)).toEqual([numbers[4], numbers[3]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    // A newer case arrives between pages: it must not shift the next page.
    await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({ channel: 'web', categoryCode: 'pothole', subject: 'Nowe', receivedAt: '2026-05-01T08:00:00Z' })
      .expect(201);
    const second = await list(`limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((item: { number: string }) => item.number)).toEqual([numbers[2], numbers[1]]);
    const third = await list(`limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.items.map((item: { number: string }) => item.number)).toEqual([numbers[0]]);
    expect(third.body.nextCursor).toBeNull();
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['status=lost', 'status'],
    ['channel=fax', 'channel'],
    ['receivedFrom=yesterday', 'receivedFrom'],
    ['receivedFrom=2026-13-45', 'receivedFrom'],
    ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
    // ["1", <uuid>]: a JSON array of the right shape whose date PostgreSQL would refuse.
    [
      `cursor=${Buffer.from(JSON.stringify(['1', '00000000-0000-0000-0000-000000000000'])).toString('base64url')}`,
      'cursor',
    ],
    ['q=%00', 'q'],
    ['colour=red', 'colour'],
  ])('rejects %s with 400', async (query, field) => {
    const problem = expectProblem(await list(query), 400);
    expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('allows up to 500 per page', async () => {
    expect((await list('limit=500')).status).toBe(200);
  });
});
