import { API, expectProblem, TestApp } from './support/app';

/*
 * Routing (issue #6): the rule set, routing at intake and by hand or by the rules later, due dates by the category's
 * SLA (KPA: the day of receipt not counted, deadlines past weekends and Polish public holidays, waits not counted),
 * the SLA state of open cases and the unit inbox (`sort=due`). Every expected date below is worked out by hand.
 */

interface Rule {
  name: string;
  when: { categoryCodes?: string[]; channels?: string[]; districts?: string[]; keywordsAny?: string[] };
  then: { unitCode: string; priority?: string };
}

const WRECKS: Rule = {
  name: 'Wraki do ZOM',
  when: { keywordsAny: ['wrak'] },
  then: { unitCode: 'zom', priority: 'high' },
};
const ZABIANKA: Rule = { name: 'Żabianka', when: { districts: ['Zabianka'] }, then: { unitCode: 'zom' } };
const LETTERS: Rule = { name: 'Listy do drogowców', when: { channels: ['letter'] }, then: { unitCode: 'roads' } };
const OLIWA_BY_EMAIL: Rule = {
  name: 'E-maile z Oliwy',
  when: { channels: ['email'], districts: ['Oliwa'] },
  then: { unitCode: 'zom', priority: 'urgent' },
};

/** A category with an `hours` SLA (in roads), which the seeded catalogue lacks. */
const HYDRANT = { code: 'hydrant', name: 'Hydrant leak', unitCode: 'roads', sla: { kind: 'hours', amount: 1 } };
/** A category with a `calendar_days` SLA (in zom). */
const NOISE = { code: 'noise', name: 'Noise', unitCode: 'zom', sla: { kind: 'calendar_days', amount: 14 } };

interface HistoryEvent {
  id: number;
  type: string;
  at: string;
  actor: string;
  data: Record<string, unknown>;
}

describe('Routing and due dates', () => {
  let t: TestApp;
  let agent: string;
  let admin: string;
  let supervisor: string;
  let parksStaff: string;
  const ACCOUNTS = ['agent-all', 'admin-all', 'supervisor-all', 'unit_staff-parks'];

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    // A unit no case goes to, so that its member of staff never takes a case.
    await t.db.query(`INSERT INTO units (code, name) VALUES ('parks', 'Parks and gardens')`);
    agent = await t.tokenFor('agent');
    admin = await t.tokenFor('admin');
    supervisor = await t.tokenFor('supervisor');
    parksStaff = await t.tokenFor('unit_staff', 'parks');
    for (const category of [HYDRANT, NOISE]) {
      await t.http().post(`${API}/categories`).set('Authorization', admin).send(category).expect(201);
    }
  });
  afterAll(() => t.stop());

  const getRules = (token: string | null = agent) => {
    const call = t.http().get(`${API}/routing/rules`);
    return token === null ? call : call.set('Authorization', token);
  };
  const putRules = (body: unknown, token: string | null = admin) => {
    const call = t.http().put(`${API}/routing/rules`);
    return (token === null ? call : call.set('Authorization', token)).send(body as object);
  };
  const setRules = async (rules: Rule[]) => {
    await putRules({ rules }).expect(200);
  };
  const intake = (body: object) => t.http().post(`${API}/cases`).set('Authorization', agent).send(body);
  const logCase = async (body: object) => {
    const response = await intake({ channel: 'phone', subject: 'Zgłoszenie', ...body });
    expect(response.status).toBe(201);
    return response.body;
  };
  const read = (number: string) => t.http().get(`${API}/cases/${number}`).set('Authorization', agent);
  const transition = (number: string, body: object) =>
    t.http().post(`${API}/cases/${number}/transitions`).set('Authorization', agent).send(body);
  const moveTo = async (number: string, ...statuses: string[]) => {
    for (const to of statuses) {
      const body = to === 'resolved' ? { to, resolution: 'Załatwione' } : { to };
      expect((await transition(number, body)).status).toBe(200);
    }
  };
  const route = (number: string, body: object) =>
    t.http().post(`${API}/cases/${number}/route`).set('Authorization', agent).send(body);
  const patch = (number: string, body: object, ifMatch: string) =>
    t.http().patch(`${API}/cases/${number}`).set('Authorization', agent).set('If-Match', ifMatch).send(body);
  const history = async (number: string): Promise<HistoryEvent[]> => {
    const response = await t.http().get(`${API}/cases/${number}/history`).set('Authorization', agent);
    expect(response.status).toBe(200);
    return response.body.items;
  };
  const eventsOf = async (number: string) => (await history(number)).map(({ type, data }) => ({ type, data }));
  const list = (query: string) => t.http().get(`${API}/cases?${query}`).set('Authorization', agent);
  const listedNumbers = async (query: string): Promise<string[]> => {
    const response = await list(query);
    expect(response.status).toBe(200);
    return response.body.items.map((item: { number: string }) => item.number);
  };
  /**
   * Puts the case in `waiting` and backdates the wait to noon (Europe/Warsaw) three days ago, so that leaving it now
   * means exactly three calendar days waited, whatever the time of day and even across a change of clocks.
   */
  const waitThreeDays = async (number: string) => {
    await moveTo(number, 'waiting');
    await t.asOwner(
      `UPDATE cases
          SET waiting_since = (((now() AT TIME ZONE 'Europe/Warsaw')::date - 3) + time '12:00') AT TIME ZONE 'Europe/Warsaw'
        WHERE number = $1`,
      [number],
    );
  };

  // A full reset and fresh sign-ins before every test would take most of a second each (argon2); every test starts
  // instead from the same catalogue and accounts, with no cases, no rules and no other accounts.
  beforeEach(async () => {
    await t.asOwner(
      `TRUNCATE case_events, cases, case_number_counters, idempotency_keys RESTART IDENTITY CASCADE;
       DELETE FROM users WHERE username NOT IN (${ACCOUNTS.map((name) => `'${name}'`).join(', ')})`,
    );
    await putRules({ rules: [] }).expect(200);
  });

  describe('Rule set API (/routing/rules)', () => {
    const RULES = [WRECKS, ZABIANKA, LETTERS];

    it('starts empty and is readable by any member of staff, but not without a token', async () => {
      for (const token of [agent, supervisor, parksStaff, admin]) {
        const response = await getRules(token);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ rules: [] });
      }
      expectProblem(await getRules(null), 401);
    });

    it('replaces the whole ordered set (admin) and reads it back in the same order', async () => {
      const first = await putRules({ rules: RULES });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ rules: RULES });
      expect((await getRules()).body).toEqual({ rules: RULES });
      expect(await t.count('routing_rules')).toBe(3);

      // Replaced, not appended to: the new order holds, the rule left out is gone.
      const reordered = [OLIWA_BY_EMAIL, LETTERS, WRECKS];
      expect((await putRules({ rules: reordered })).body).toEqual({ rules: reordered });
      expect((await getRules()).body).toEqual({ rules: reordered });
      expect(await t.count('routing_rules')).toBe(3);

      expect((await putRules({ rules: [] })).body).toEqual({ rules: [] });
      expect((await getRules()).body).toEqual({ rules: [] });
      expect(await t.count('routing_rules')).toBe(0);
    });

    it('keeps every condition and outcome of a rule', async () => {
      const full: Rule = {
        name: 'Wszystko naraz',
        when: {
          categoryCodes: ['pothole', 'id-card'],
          channels: ['phone', 'web'],
          districts: ['Wrzeszcz Górny', 'Oliwa'],
          keywordsAny: ['dziura', 'zapadnięta studzienka'],
        },
        then: { unitCode: 'roads', priority: 'urgent' },
      };
      expect((await putRules({ rules: [full] })).body).toEqual({ rules: [full] });
      expect((await getRules()).body).toEqual({ rules: [full] });
    });

    it.each([
      ['an agent', 'agent', 403],
      ['a supervisor', 'supervisor', 403],
      ['unit staff', 'unit_staff', 403],
      ['nobody signed in', null, 401],
    ] as const)('refuses a replacement by %s, keeping the set', async (_, role, status) => {
      await setRules(RULES);
      const token = role && { agent, supervisor, unit_staff: parksStaff }[role];
      expectProblem(await putRules({ rules: [LETTERS] }, token), status);
      expect(await t.count('routing_rules')).toBe(3);
      expect((await getRules()).body).toEqual({ rules: RULES });
    });

    const INVALID: [string, unknown, { field: string; message: string }[]][] = [
      [
        'a rule without conditions',
        { rules: [WRECKS, { name: 'Pusta', when: {}, then: { unitCode: 'roads' } }] },
        [{ field: 'rules[1].when', message: 'needs at least one condition' }],
      ],
      [
        'a rule whose conditions are all empty lists',
        { rules: [{ name: 'Puste listy', when: { channels: [], keywordsAny: [] }, then: { unitCode: 'roads' } }] },
        [{ field: 'rules[0].when', message: 'needs at least one condition' }],
      ],
      [
        'an unknown unit',
        { rules: [{ ...WRECKS, then: { unitCode: 'nowhere' } }] },
        [{ field: 'rules[0].then.unitCode', message: 'unknown unit nowhere' }],
      ],
      [
        'an unknown category',
        { rules: [{ name: 'Kategorie', when: { categoryCodes: ['pothole', 'no-such'] }, then: { unitCode: 'zom' } }] },
        [{ field: 'rules[0].when.categoryCodes', message: 'unknown category no-such' }],
      ],
      [
        'two rules of one name',
        { rules: [WRECKS, ZABIANKA, { ...LETTERS, name: WRECKS.name }] },
        [{ field: 'rules[2].name', message: 'another rule has this name' }],
      ],
      [
        'an unknown field in a rule',
        { rules: [{ ...WRECKS, foo: 1 }] },
        [{ field: 'rules[0].foo', message: 'unknown field' }],
      ],
      [
        'an unknown condition',
        { rules: [ZABIANKA, { ...WRECKS, when: { keywordsAny: ['wrak'], street: ['Długa'] } }] },
        [{ field: 'rules[1].when.street', message: 'unknown field' }],
      ],
      [
        'an unknown channel',
        { rules: [{ ...LETTERS, when: { channels: ['letter', 'pigeon'] } }] },
        [
          {
            field: 'rules[0].when.channels',
            message:
              'each value in channels must be one of the following values: ' +
              'phone, email, web, chat, in_person, letter, drop_box, mobile_app, social, open311',
          },
        ],
      ],
      [
        'an unknown priority',
        { rules: [{ ...WRECKS, then: { unitCode: 'zom', priority: 'asap' } }] },
        [
          {
            field: 'rules[0].then.priority',
            message: 'priority must be one of the following values: low, normal, high, urgent',
          },
        ],
      ],
      [
        'a malformed unit code',
        { rules: [{ ...WRECKS, then: { unitCode: 'ZOM!' } }] },
        [
          {
            field: 'rules[0].then.unitCode',
            message: 'unitCode must be 2..64 of a-z, 0-9, _ . - starting with a letter or digit',
          },
        ],
      ],
      [
        'an empty name',
        { rules: [{ ...WRECKS, name: '' }] },
        [{ field: 'rules[0].name', message: 'name must be longer than or equal to 1 characters' }],
      ],
      [
        'a missing outcome',
        { rules: [{ name: 'Bez celu', when: { channels: ['web'] } }] },
        [{ field: 'rules[0].then', message: 'then must be an object' }],
      ],
      [
        'conditions as an array',
        { rules: [{ ...WRECKS, when: [] }] },
        [{ field: 'rules[0].when', message: 'when must be an object' }],
      ],
      [
        'more than 200 rules',
        { rules: Array.from({ length: 201 }, (_, index) => ({ ...WRECKS, name: `R${index}` })) },
        [{ field: 'rules', message: 'rules must contain no more than 200 elements' }],
      ],
      [
        'an unknown field beside the rules',
        { rules: [WRECKS], version: 2 },
        [{ field: 'version', message: 'unknown field' }],
      ],
    ];

    it.each(INVALID)('refuses %s with 400 naming the rule, keeping the set', async (_, body, errors) => {
      await setRules([LETTERS]);
      const problem = expectProblem(await putRules(body), 400);
      expect(problem.errors).toEqual(errors);
      expect(await t.count('routing_rules')).toBe(1);
      expect((await getRules()).body).toEqual({ rules: [LETTERS] });
    });

    it.each([
      ['a name of the wrong type', { rules: [ZABIANKA, { ...WRECKS, name: 7 }] }, 'rules[1].name'],
      [
        'a missing name',
        { rules: [ZABIANKA, { when: { channels: ['web'] }, then: { unitCode: 'zom' } }] },
        'rules[1].name',
      ],
      [
        'keywords that are not strings',
        { rules: [{ ...WRECKS, when: { keywordsAny: [7] } }] },
        'rules[0].when.keywordsAny',
      ],
      ['rules that are not a list', { rules: WRECKS }, 'rules'],
      ['no rules at all', {}, 'rules'],
    ])('refuses %s with 400 naming the field, keeping the set', async (_, body, field) => {
      await setRules([LETTERS]);
      const problem = expectProblem(await putRules(body), 400);
      expect([...new Set(problem.errors.map((error: { field: string }) => error.field))]).toEqual([field]);
      expect(await t.count('routing_rules')).toBe(1);
      expect((await getRules()).body).toEqual({ rules: [LETTERS] });
    });
  });

  describe('Routing at intake', () => {
    beforeEach(() => setRules([WRECKS, ZABIANKA, LETTERS, OLIWA_BY_EMAIL]));

    it('sends a case whose subject holds a keyword to the rule’s unit, with its priority, and records why', async () => {
      const created = await logCase({ categoryCode: 'pothole', subject: 'Wraki na parkingu' });
      expect(created).toEqual(
        expect.objectContaining({ status: 'assigned', categoryCode: 'pothole', unitCode: 'zom', priority: 'high' }),
      );
      expect(created.assignee).toBeNull();
      expect((await read(created.number)).body).toEqual(
        expect.objectContaining({ status: 'assigned', unitCode: 'zom', priority: 'high', assignee: null }),
      );
      const events = await history(created.number);
      expect(events).toEqual([
        {
          id: expect.any(Number),
          type: 'case_created',
          at: created.createdAt,
          actor: 'agent-all',
          data: {
            number: created.number,
            channel: 'phone',
            categoryCode: 'pothole',
            unitCode: 'zom',
            status: 'assigned',
            priority: 'high',
            dueDate: created.dueDate,
          },
        },
        {
          id: expect.any(Number),
          type: 'routed',
          at: created.createdAt,
          actor: 'agent-all',
          data: { from: null, to: 'zom', by: 'rule', rule: 'Wraki do ZOM', assignee: null },
        },
      ]);
    });

    it('matches a keyword at the start of any word of the subject or description, without case or diacritics', async () => {
      const inDescription = await logCase({
        categoryCode: 'pothole',
        subject: 'Porzucone auto',
        description: 'Stoi tam od miesiąca, to już WRAKÓW kilka',
      });
      expect(inDescription.unitCode).toBe('zom');
      // "wrak" inside another word is not the keyword: the category decides.
      const insideAWord = await logCase({ categoryCode: 'pothole', subject: 'Rozwrakowany chodnik' });
      expect(insideAWord.unitCode).toBe('roads');
    });

    it('lets the agent’s own priority win over the rule’s', async () => {
      const created = await logCase({ categoryCode: 'pothole', subject: 'Wraki na parkingu', priority: 'low' });
      expect(created).toEqual(expect.objectContaining({ unitCode: 'zom', priority: 'low' }));
    });

    it('matches a district without case or diacritics, and leaves the priority normal when the rule names none', async () => {
      const created = await logCase({
        categoryCode: 'pothole',
        subject: 'Dziura w jezdni',
        location: { address: 'Gdyńska 1', district: 'ŻABIANKA' },
      });
      expect(created).toEqual(expect.objectContaining({ unitCode: 'zom', priority: 'normal' }));
      expect(created.location).toEqual({ address: 'Gdyńska 1', district: 'ŻABIANKA', lat: null, lon: null });
      expect((await eventsOf(created.number))[1]).toEqual({
        type: 'routed',
        data: { from: null, to: 'zom', by: 'rule', rule: 'Żabianka', assignee: null },
      });
    });

    it('routes by channel, even against the category’s own unit', async () => {
      const created = await logCase({ channel: 'letter', categoryCode: 'id-card', subject: 'Wniosek o dowód' });
      expect(created).toEqual(expect.objectContaining({ status: 'assigned', unitCode: 'roads' }));
      expect((await eventsOf(created.number))[1].data).toEqual({
        from: null,
        to: 'roads',
        by: 'rule',
        rule: 'Listy do drogowców',
        assignee: null,
      });
    });

    it('needs every condition of a rule to hold', async () => {
      const wrongDistrict = await logCase({
        channel: 'email',
        categoryCode: 'pothole',
        subject: 'Dziura',
        location: { district: 'Wrzeszcz' },
      });
      expect(wrongDistrict).toEqual(expect.objectContaining({ unitCode: 'roads', priority: 'normal' }));
      const wrongChannel = await logCase({
        categoryCode: 'pothole',
        subject: 'Dziura',
        location: { district: 'Oliwa' },
      });
      expect(wrongChannel).toEqual(expect.objectContaining({ unitCode: 'roads', priority: 'normal' }));
      const both = await logCase({
        channel: 'email',
        categoryCode: 'pothole',
        subject: 'Dziura',
        location: { district: ' oliwa ' },
      });
      expect(both).toEqual(expect.objectContaining({ unitCode: 'zom', priority: 'urgent' }));
    });

    it('lets the first matching rule decide', async () => {
      // A letter about a wreck: both WRECKS (first) and LETTERS match.
      const created = await logCase({ channel: 'letter', categoryCode: 'id-card', subject: 'Wrak pod blokiem' });
      expect(created).toEqual(expect.objectContaining({ unitCode: 'zom', priority: 'high' }));
      expect((await eventsOf(created.number))[1].data).toEqual(
        expect.objectContaining({ by: 'rule', rule: 'Wraki do ZOM' }),
      );
    });

    it('falls back to the category’s unit when no rule matches', async () => {
      const created = await logCase({ categoryCode: 'pothole', subject: 'Dziura na Grunwaldzkiej' });
      expect(created).toEqual(expect.objectContaining({ status: 'assigned', unitCode: 'roads', priority: 'normal' }));
      expect(await eventsOf(created.number)).toEqual([
        { type: 'case_created', data: expect.objectContaining({ unitCode: 'roads', status: 'assigned' }) },
        { type: 'routed', data: { from: null, to: 'roads', by: 'category', assignee: null } },
      ]);
    });

    it('leaves a case new, without a unit and unrouted, when neither a rule nor its category names a unit', async () => {
      const created = await logCase({ categoryCode: 'complaint', subject: 'Skarga na obsługę' });
      expect(created).toEqual(
        expect.objectContaining({ status: 'new', unitCode: null, assignee: null, priority: 'normal' }),
      );
      expect((await eventsOf(created.number)).map((event) => event.type)).toEqual(['case_created']);
    });

    it('assigns the case inside the unit to its available member of staff, and records whom', async () => {
      await t.tokenFor('unit_staff', 'zom', 'ola.zom');
      const created = await logCase({ categoryCode: 'pothole', subject: 'Wraki na parkingu' });
      expect(created).toEqual(expect.objectContaining({ unitCode: 'zom', assignee: 'ola.zom' }));
      expect((await eventsOf(created.number))[1].data).toEqual({
        from: null,
        to: 'zom',
        by: 'rule',
        rule: 'Wraki do ZOM',
        assignee: 'ola.zom',
      });
    });

    it('routes by a replaced rule set at once', async () => {
      await setRules([{ ...WRECKS, then: { unitCode: 'roads' } }]);
      const created = await logCase({ categoryCode: 'id-card', subject: 'Wrak' });
      expect(created).toEqual(expect.objectContaining({ unitCode: 'roads', priority: 'normal' }));
    });
  });

  describe('Due dates at intake', () => {
    it.each([
      // Mon 22 Dec 2025; 24–26 Dec, 1 and 6 Jan are holidays: 23 Dec, 29, 30, 31 Dec, 2, 5, 7 Jan.
      [
        'pothole (7 working days) over Christmas',
        'pothole',
        '2025-12-22T09:00:00+01:00',
        '2026-01-07',
        '2026-01-07T22:59:59.999Z',
      ],
      // 23:30 UTC on 21 Dec is already 22 Dec in Warsaw: counted from 22 Dec.
      [
        'pothole received late in the evening, UTC',
        'pothole',
        '2025-12-21T23:30:00Z',
        '2026-01-07',
        '2026-01-07T22:59:59.999Z',
      ],
      // One month from 31 Jan: February has no 31st, so its last day, a Friday.
      [
        'id-card (1 month) from the 31st',
        'id-card',
        '2025-01-31T10:00:00+01:00',
        '2025-02-28',
        '2025-02-28T22:59:59.999Z',
      ],
      // 00:30 in Warsaw on Sat 1 March (28 Feb in UTC): a month later is Tue 1 April, in summer time.
      [
        'id-card received just after midnight on the 1st',
        'id-card',
        '2025-03-01T00:30:00+01:00',
        '2025-04-01',
        '2025-04-01T21:59:59.999Z',
      ],
      // Counted from Sat 1 March: 3, 4, 5, 6, 7, 10, 11 March.
      [
        'pothole received just after midnight on a Saturday',
        'pothole',
        '2025-03-01T00:30:00+01:00',
        '2025-03-11',
        '2025-03-11T22:59:59.999Z',
      ],
      // 1 Nov 2025 is a Saturday and All Saints' Day: Monday 3 Nov.
      [
        'id-card (1 month) ending on a Saturday holiday',
        'id-card',
        '2025-10-01T10:00:00+02:00',
        '2025-11-03',
        '2025-11-03T22:59:59.999Z',
      ],
      // 10 Dec + 14 calendar days is Wed 24 Dec, a holiday from 2025; then 25, 26 Dec and the weekend: Mon 29 Dec.
      [
        'noise (14 calendar days) ending on Christmas Eve',
        'noise',
        '2025-12-10T10:00:00+01:00',
        '2025-12-29',
        '2025-12-29T22:59:59.999Z',
      ],
      // 1 month from 24 April is Sat 24 May: Monday 26 May.
      [
        'complaint (no unit) ending on a Saturday',
        'complaint',
        '2025-04-24T10:00:00+02:00',
        '2025-05-26',
        '2025-05-26T21:59:59.999Z',
      ],
    ])('gives %s its exact due', async (_, categoryCode, receivedAt, dueDate, dueAt) => {
      const created = await logCase({ categoryCode, receivedAt });
      expect(created).toEqual(expect.objectContaining({ dueDate, dueAt }));
      expect((await read(created.number)).body).toEqual(expect.objectContaining({ dueDate, dueAt }));
      expect((await eventsOf(created.number))[0].data).toEqual(expect.objectContaining({ dueDate }));
    });

    it('counts an hours SLA from the instant of receipt, its date in Warsaw', async () => {
      // 23:30 in Warsaw plus one hour is 00:30 the next day.
      const created = await logCase({ categoryCode: 'hydrant', receivedAt: '2025-06-02T23:30:00+02:00' });
      expect(created).toEqual(expect.objectContaining({ dueDate: '2025-06-03', dueAt: '2025-06-02T22:30:00.000Z' }));
    });
  });

  describe('SLA state (sla) and the sla filter', () => {
    it('tells overdue, due soon and on time apart for open cases only, and filters by it', async () => {
      const overdueRoads = await logCase({ categoryCode: 'pothole', receivedAt: '2025-01-10T10:00:00+01:00' });
      const resolved = await logCase({ categoryCode: 'pothole', receivedAt: '2025-01-15T10:00:00+01:00' });
      const closed = await logCase({ categoryCode: 'id-card', receivedAt: '2025-01-20T10:00:00+01:00' });
      const overdueNew = await logCase({ categoryCode: 'complaint', receivedAt: '2025-02-10T10:00:00+01:00' });
      const overdueInProgress = await logCase({ categoryCode: 'id-card', receivedAt: '2025-03-01T10:00:00+01:00' });
      const onTime = await logCase({ categoryCode: 'pothole' });
      const dueSoon = await logCase({ categoryCode: 'hydrant' });
      await moveTo(resolved.number, 'resolved');
      await moveTo(closed.number, 'closed');
      await moveTo(overdueInProgress.number, 'in_progress');

      const expected: [{ number: string }, string | null][] = [
        [overdueRoads, 'overdue'],
        [resolved, null],
        [closed, null],
        [overdueNew, 'overdue'],
        [overdueInProgress, 'overdue'],
        [onTime, 'on_time'],
        [dueSoon, 'due_soon'],
      ];
      for (const [{ number }, sla] of expected) {
        expect({ number, sla: (await read(number)).body.sla }).toEqual({ number, sla });
      }
      expect(onTime.sla).toBe('on_time');
      expect(dueSoon.sla).toBe('due_soon');
      const resolvedNow = (await read(resolved.number)).body;
      expect(resolvedNow).toEqual(expect.objectContaining({ status: 'resolved', dueDate: '2025-01-24', sla: null }));

      const all = await list('');
      expect(all.body.items.map((item: { number: string; sla: string | null }) => [item.number, item.sla])).toEqual(
        [...expected].reverse().map(([{ number }, sla]) => [number, sla]),
      );

      expect(await listedNumbers('sla=overdue')).toEqual([
        overdueInProgress.number,
        overdueNew.number,
        overdueRoads.number,
      ]);
      expect(await listedNumbers('sla=overdue&unitCode=roads')).toEqual([overdueRoads.number]);
      expect(await listedNumbers('sla=overdue&status=resolved,closed')).toEqual([]);
      expect(await listedNumbers('sla=due_soon')).toEqual([dueSoon.number]);
      expect(await listedNumbers('sla=on_time')).toEqual([onTime.number]);
    });

    it('rejects an unknown SLA state with 400', async () => {
      const problem = expectProblem(await list('sla=bogus'), 400);
      expect(problem.errors.map((error: { field: string }) => error.field)).toEqual(['sla']);
    });
  });

  describe('Unit inbox (sort=due)', () => {
    it('lists the unit’s open cases soonest due first, then most urgent, page by page', async () => {
      // Due 2025-02-12 (7 working days from Mon 3 Feb).
      const earliest = await logCase({ categoryCode: 'pothole', receivedAt: '2025-02-03T10:00:00+01:00' });
      // Four cases all due 2025-03-12, logged in an order that is not their priority order.
      const low = await logCase({ categoryCode: 'pothole', receivedAt: '2025-03-03T10:00:00+01:00', priority: 'low' });
      const urgent = await logCase({
        categoryCode: 'pothole',
        receivedAt: '2025-03-03T10:00:00+01:00',
        priority: 'urgent',
      });
      const normal = await logCase({
        categoryCode: 'pothole',
        receivedAt: '2025-03-03T10:00:00+01:00',
        priority: 'normal',
      });
      const high = await logCase({
        categoryCode: 'pothole',
        receivedAt: '2025-03-03T10:00:00+01:00',
        priority: 'high',
      });
      // Due 2025-03-03, and waiting: still open.
      const waiting = await logCase({ categoryCode: 'pothole', receivedAt: '2025-02-20T10:00:00+01:00' });
      await moveTo(waiting.number, 'waiting');
      // Due 2025-03-13, in progress.
      const inProgress = await logCase({ categoryCode: 'pothole', receivedAt: '2025-03-04T10:00:00+01:00' });
      await moveTo(inProgress.number, 'in_progress');
      // Due in an hour from now: after every case of 2025.
      const hydrant = await logCase({ categoryCode: 'hydrant', priority: 'urgent' });
      // Cases without a due date (as older than routing) come last, the most urgent first; the walk below pages
      // from one of them (a cursor past every dated case).
      const undated: Record<string, { number: string }> = {};
      for (const priority of ['low', 'urgent', 'normal']) {
        undated[priority] = await logCase({
          categoryCode: 'pothole',
          receivedAt: '2025-01-02T10:00:00+01:00',
          priority,
        });
        await t.asOwner(`UPDATE cases SET due_date = NULL, due_at = NULL WHERE number = $1`, [
          undated[priority].number,
        ]);
      }
      // Not listed: resolved or closed cases of the unit, and other units' cases.
      const resolved = await logCase({ categoryCode: 'pothole', receivedAt: '2025-01-01T10:00:00+01:00' });
      await moveTo(resolved.number, 'resolved');
      const closed = await logCase({ categoryCode: 'pothole', receivedAt: '2025-01-01T11:00:00+01:00' });
      await moveTo(closed.number, 'closed');
      await logCase({ categoryCode: 'id-card', receivedAt: '2025-01-01T12:00:00+01:00' });

      const expected = [
        ...[earliest, waiting, urgent, high, normal, low, inProgress, hydrant],
        ...[undated.urgent, undated.normal, undated.low],
      ].map((created) => created.number);
      expect(await listedNumbers('unitCode=roads&sort=due')).toEqual(expected);

      const walked: string[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `unitCode=roads&sort=due&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await list(query);
        expect(page.status).toBe(200);
        walked.push(...page.body.items.map((item: { number: string }) => item.number));
        pageSizes.push(page.body.items.length);
        cursor = page.body.nextCursor;
        if (pageSizes.length === 1) {
          // A case due before every other arrives between pages: the pages still to come do not shift.
          await logCase({ categoryCode: 'pothole', receivedAt: '2025-01-06T10:00:00+01:00', priority: 'urgent' });
        }
      } while (cursor && pageSizes.length < 10);
      expect(pageSizes).toEqual([2, 2, 2, 2, 2, 1]);
      expect(walked).toEqual(expected);
      expect(new Set(walked).size).toBe(walked.length);
    });

    it('refuses a cursor of the other order (400)', async () => {
      for (const subject of ['Jeden', 'Dwa', 'Trzy']) await logCase({ categoryCode: 'pothole', subject });
      const byReceipt = await list('unitCode=roads&limit=1');
      expect(byReceipt.body.nextCursor).toEqual(expect.any(String));
      const wrongForDue = expectProblem(await list(`unitCode=roads&sort=due&cursor=${byReceipt.body.nextCursor}`), 400);
      expect(wrongForDue.errors).toEqual([{ field: 'cursor', message: 'invalid cursor' }]);

      const byDue = await list('unitCode=roads&sort=due&limit=1');
      expect(byDue.body.nextCursor).toEqual(expect.any(String));
      const wrongForReceipt = expectProblem(await list(`unitCode=roads&cursor=${byDue.body.nextCursor}`), 400);
      expect(wrongForReceipt.errors).toEqual([{ field: 'cursor', message: 'invalid cursor' }]);
    });

    it('rejects an unknown order with 400', async () => {
      const problem = expectProblem(await list('sort=priority'), 400);
      expect(problem.errors.map((error: { field: string }) => error.field)).toEqual(['sort']);
    });
  });

  describe('Re-routing (POST /cases/{number}/route)', () => {
    it('re-runs the rules without a unit: the case moves to the unit the current rules give', async () => {
      const created = await logCase({ categoryCode: 'pothole', subject: 'Porzucony wrak auta' });
      expect(created.unitCode).toBe('roads');
      await moveTo(created.number, 'in_progress');
      await setRules([ZABIANKA, WRECKS]);

      const response = await route(created.number, { reason: 'Nowe reguły' });
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"3"');
      expect(response.body).toEqual(
        expect.objectContaining({ status: 'assigned', unitCode: 'zom', assignee: null, version: 3 }),
      );
      expect((await read(created.number)).body).toEqual(
        expect.objectContaining({ status: 'assigned', unitCode: 'zom' }),
      );
      expect((await eventsOf(created.number)).slice(3)).toEqual([
        {
          type: 'routed',
          data: { from: 'roads', to: 'zom', by: 'rule', rule: 'Wraki do ZOM', reason: 'Nowe reguły', assignee: null },
        },
        { type: 'status_changed', data: { from: 'in_progress', to: 'assigned' } },
      ]);
    });

    it('falls back to the category when no rule matches', async () => {
      await setRules([WRECKS]);
      const created = await logCase({ categoryCode: 'pothole', subject: 'Wrak' });
      expect(created.unitCode).toBe('zom');
      await setRules([]);
      const response = await route(created.number, { reason: 'Reguła usunięta' });
      expect(response.status).toBe(200);
      expect(response.body.unitCode).toBe('roads');
      expect((await eventsOf(created.number)).at(-1)).toEqual({
        type: 'routed',
        data: { from: 'zom', to: 'roads', by: 'category', reason: 'Reguła usunięta', assignee: null },
      });
    });

    it('answers 409 when the rules give the unit the case is in, changing nothing', async () => {
      await setRules([WRECKS]);
      const created = await logCase({ categoryCode: 'pothole', subject: 'Dziura' });
      const eventsBefore = await t.count('case_events');
      expectProblem(await route(created.number, { reason: 'Sprawdzenie' }), 409);
      expect((await read(created.number)).body).toEqual(expect.objectContaining({ unitCode: 'roads', version: 1 }));
      expect(await t.count('case_events')).toBe(eventsBefore);
    });

    it('answers 409 when neither a rule nor the category names a unit', async () => {
      const created = await logCase({ categoryCode: 'complaint', subject: 'Skarga' });
      const eventsBefore = await t.count('case_events');
      expectProblem(await route(created.number, { reason: 'Dokąd?' }), 409);
      expect(await t.count('case_events')).toBe(eventsBefore);
    });

    it('routes by hand to the unit named, recording a person’s hand', async () => {
      const created = await logCase({ categoryCode: 'pothole', subject: 'Wrak' });
      const response = await route(created.number, { unitCode: 'zom', reason: 'Dotyczy ZOM' });
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.body).toEqual(expect.objectContaining({ status: 'assigned', unitCode: 'zom', version: 2 }));
      expect((await eventsOf(created.number)).slice(2)).toEqual([
        { type: 'routed', data: { from: 'roads', to: 'zom', by: 'hand', reason: 'Dotyczy ZOM', assignee: null } },
      ]);
    });

    it('gives a new case its first unit by hand, making it assigned', async () => {
      const created = await logCase({ categoryCode: 'complaint', subject: 'Skarga' });
      const response = await route(created.number, { unitCode: 'zom', reason: 'Skarga na ZOM' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(expect.objectContaining({ status: 'assigned', unitCode: 'zom' }));
      expect((await eventsOf(created.number)).slice(1)).toEqual([
        { type: 'routed', data: { from: null, to: 'zom', by: 'hand', reason: 'Skarga na ZOM', assignee: null } },
        { type: 'status_changed', data: { from: 'new', to: 'assigned' } },
      ]);
    });

    it('refuses an unknown unit (400), the unit the case is in (409) and a resolved case (409)', async () => {
      const created = await logCase({ categoryCode: 'pothole' });
      const eventsBefore = await t.count('case_events');
      const unknown = expectProblem(await route(created.number, { unitCode: 'nowhere', reason: 'x' }), 400);
      expect(unknown.errors).toEqual([{ field: 'unitCode', message: 'unknown unit' }]);
      expectProblem(await route(created.number, { unitCode: 'roads', reason: 'x' }), 409);
      expect(await t.count('case_events')).toBe(eventsBefore);
      await moveTo(created.number, 'resolved');
      expectProblem(await route(created.number, { unitCode: 'zom', reason: 'x' }), 409);
      expectProblem(await route(created.number, { reason: 'x' }), 409);
    });

    it('moves the due date on by the days a waiting case waited', async () => {
      // Due 2025-06-11 (7 working days from Mon 2 June).
      const created = await logCase({ categoryCode: 'pothole', receivedAt: '2025-06-02T10:00:00+02:00' });
      expect(created.dueDate).toBe('2025-06-11');
      await waitThreeDays(created.number);
      const response = await route(created.number, { unitCode: 'zom', reason: 'Przekazanie' });
      expect(response.status).toBe(200);
      // 11 June + 3 days is Saturday 14 June: Monday 16 June.
      expect(response.body).toEqual(
        expect.objectContaining({
          status: 'assigned',
          unitCode: 'zom',
          dueDate: '2025-06-16',
          dueAt: '2025-06-16T21:59:59.999Z',
        }),
      );
      expect((await eventsOf(created.number)).slice(2)).toEqual([
        { type: 'status_changed', data: { from: 'assigned', to: 'waiting' } },
        { type: 'routed', data: { from: 'roads', to: 'zom', by: 'hand', reason: 'Przekazanie', assignee: null } },
        {
          type: 'status_changed',
          data: { from: 'waiting', to: 'assigned', dueDate: { from: '2025-06-11', to: '2025-06-16' } },
        },
      ]);
      const [row] = await t.asOwner(`SELECT waiting_since FROM cases WHERE number = $1`, [created.number]);
      expect(row.waiting_since).toBeNull();
    });
  });

  describe('Changing the category (PATCH /cases/{number})', () => {
    // Received Mon 2 June 2025: pothole due 2025-06-11 (7 working days), id-card due 2025-07-02 (1 month).
    const RECEIVED = '2025-06-02T10:00:00+02:00';

    it('re-routes an assigned case to the new category’s unit with its new due date', async () => {
      const created = await logCase({ categoryCode: 'pothole', subject: 'Dziura', receivedAt: RECEIVED });
      expect(created).toEqual(expect.objectContaining({ unitCode: 'roads', dueDate: '2025-06-11' }));
      const etag = (await read(created.number)).headers.etag;
      expect(etag).toBe('"1"');

      const response = await patch(created.number, { categoryCode: 'id-card' }, etag);
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.body).toEqual(
        expect.objectContaining({
          status: 'assigned',
          categoryCode: 'id-card',
          unitCode: 'zom',
          dueDate: '2025-07-02',
          dueAt: '2025-07-02T21:59:59.999Z',
          version: 2,
        }),
      );
      expect((await eventsOf(created.number)).slice(2)).toEqual([
        {
          type: 'case_updated',
          data: {
            fields: ['categoryCode'],
            categoryCode: { from: 'pothole', to: 'id-card' },
            dueDate: { from: '2025-06-11', to: '2025-07-02' },
          },
        },
        {
          type: 'routed',
          data: { from: 'roads', to: 'zom', by: 'category', reason: 'category changed', assignee: null },
        },
      ]);
    });

    it('keeps the unit of a case in progress but gives it the new due date', async () => {
      const created = await logCase({ categoryCode: 'pothole', subject: 'Dziura', receivedAt: RECEIVED });
      await moveTo(created.number, 'in_progress');
      const etag = (await read(created.number)).headers.etag;
      expect(etag).toBe('"2"');

      const response = await patch(created.number, { categoryCode: 'id-card' }, etag);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        expect.objectContaining({
          status: 'in_progress',
          categoryCode: 'id-card',
          unitCode: 'roads',
          dueDate: '2025-07-02',
          dueAt: '2025-07-02T21:59:59.999Z',
          version: 3,
        }),
      );
      expect((await eventsOf(created.number)).slice(3)).toEqual([
        {
          type: 'case_updated',
          data: {
            fields: ['categoryCode'],
            categoryCode: { from: 'pothole', to: 'id-card' },
            dueDate: { from: '2025-06-11', to: '2025-07-02' },
          },
        },
      ]);
    });

    it('routes a new case once its new category names a unit', async () => {
      const created = await logCase({ categoryCode: 'complaint', subject: 'Dziura', receivedAt: RECEIVED });
      expect(created).toEqual(expect.objectContaining({ status: 'new', unitCode: null, dueDate: '2025-07-02' }));
      const response = await patch(created.number, { categoryCode: 'pothole' }, '"1"');
      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        expect.objectContaining({ status: 'assigned', unitCode: 'roads', dueDate: '2025-06-11', version: 2 }),
      );
      expect((await eventsOf(created.number)).slice(1)).toEqual([
        {
          type: 'case_updated',
          data: {
            fields: ['categoryCode'],
            categoryCode: { from: 'complaint', to: 'pothole' },
            dueDate: { from: '2025-07-02', to: '2025-06-11' },
          },
        },
        {
          type: 'routed',
          data: { from: null, to: 'roads', by: 'category', reason: 'category changed', assignee: null },
        },
        { type: 'status_changed', data: { from: 'new', to: 'assigned' } },
      ]);
    });

    it('leaves an assigned case in its unit when the rules send the new category there', async () => {
      await setRules([
        {
          name: 'Dowody z Oliwy',
          when: { categoryCodes: ['id-card'], districts: ['Oliwa'] },
          then: { unitCode: 'roads' },
        },
      ]);
      const created = await logCase({
        categoryCode: 'pothole',
        subject: 'Dziura',
        receivedAt: RECEIVED,
        location: { district: 'Oliwa' },
      });
      const response = await patch(created.number, { categoryCode: 'id-card' }, '"1"');
      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        expect.objectContaining({
          status: 'assigned',
          categoryCode: 'id-card',
          unitCode: 'roads',
          dueDate: '2025-07-02',
        }),
      );
      expect((await eventsOf(created.number)).map((event) => event.type)).toEqual([
        'case_created',
        'routed',
        'case_updated',
      ]);
    });
  });

  describe('Leaving waiting', () => {
    it('moves the due date on by the calendar days waited, then past a holiday', async () => {
      // One month from Fri 28 March 2025: Mon 28 April.
      const created = await logCase({ categoryCode: 'id-card', receivedAt: '2025-03-28T10:00:00+01:00' });
      expect(created.dueDate).toBe('2025-04-28');
      await waitThreeDays(created.number);
      const response = await transition(created.number, { to: 'in_progress' });
      expect(response.status).toBe(200);
      // 28 April + 3 days is 1 May, a holiday: Friday 2 May.
      expect(response.body).toEqual(
        expect.objectContaining({ status: 'in_progress', dueDate: '2025-05-02', dueAt: '2025-05-02T21:59:59.999Z' }),
      );
      expect((await read(created.number)).body).toEqual(
        expect.objectContaining({ dueDate: '2025-05-02', dueAt: '2025-05-02T21:59:59.999Z' }),
      );
      expect((await eventsOf(created.number)).slice(2)).toEqual([
        { type: 'status_changed', data: { from: 'assigned', to: 'waiting' } },
        {
          type: 'status_changed',
          data: { from: 'waiting', to: 'in_progress', dueDate: { from: '2025-04-28', to: '2025-05-02' } },
        },
      ]);
    });

    it('moves the due date on also when the case is resolved straight from waiting', async () => {
      const created = await logCase({ categoryCode: 'id-card', receivedAt: '2025-03-28T10:00:00+01:00' });
      await waitThreeDays(created.number);
      const response = await transition(created.number, { to: 'resolved', resolution: 'Dowód wydany' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        expect.objectContaining({
          status: 'resolved',
          dueDate: '2025-05-02',
          dueAt: '2025-05-02T21:59:59.999Z',
          sla: null,
        }),
      );
    });

    it('leaves the due date as it was after a wait within the same day', async () => {
      const created = await logCase({ categoryCode: 'pothole', receivedAt: '2025-06-02T10:00:00+02:00' });
      await moveTo(created.number, 'waiting');
      const response = await transition(created.number, { to: 'in_progress' });
      expect(response.body).toEqual(
        expect.objectContaining({ dueDate: '2025-06-11', dueAt: '2025-06-11T21:59:59.999Z' }),
      );
      expect((await eventsOf(created.number)).at(-1)).toEqual({
        type: 'status_changed',
        data: { from: 'waiting', to: 'in_progress' },
      });
    });

    it('moves an hours SLA on by the exact time waited', async () => {
      const created = await logCase({ categoryCode: 'hydrant', receivedAt: '2025-06-02T10:00:00+02:00' });
      expect(created.dueAt).toBe('2025-06-02T09:00:00.000Z');
      await moveTo(created.number, 'waiting');
      const [row] = await t.asOwner<{ waiting_since: Date }>(
        `UPDATE cases SET waiting_since = waiting_since - interval '3 hours' WHERE number = $1 RETURNING waiting_since`,
        [created.number],
      );
      const response = await transition(created.number, { to: 'in_progress' });
      expect(response.status).toBe(200);
      const waitedMs = Date.parse(response.body.updatedAt) - row.waiting_since.getTime();
      expect(waitedMs).toBeGreaterThanOrEqual(3 * 60 * 60 * 1000);
      const dueAt = new Date(Date.parse('2025-06-02T09:00:00.000Z') + waitedMs).toISOString();
      expect(response.body).toEqual(expect.objectContaining({ dueAt, dueDate: '2025-06-02' }));
    });
  });
});
