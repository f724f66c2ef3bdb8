import { computeDue } from '@app/routing';
import { API, expectProblem, TestApp } from './support/app';

/** The SLAs of the test catalogue's categories (TestApp.seedCatalogue). */
const POTHOLE_SLA = { kind: 'working_days', amount: 7 } as const;
const ID_CARD_SLA = { kind: 'months', amount: 1 } as const;

/** The deadline of a case received at `receivedAt`, as the case and its history show it. */
function dueOf(receivedAt: string, sla: typeof POTHOLE_SLA | typeof ID_CARD_SLA) {
  const due = computeDue(new Date(receivedAt), sla);
  return { dueDate: due.dueDate, dueAt: due.dueAt.toISOString() };
}

describe('Working a case', () => {
  let t: TestApp;
  let agent: string;
  let roadsStaff: string;
  let zomStaff: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    agent = await t.tokenFor('agent');
    roadsStaff = await t.tokenFor('unit_staff', 'roads');
    zomStaff = await t.tokenFor('unit_staff', 'zom');
  });
  afterAll(() => t.stop());

  async function newCase(categoryCode = 'pothole'): Promise<string> {
    const response = await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({ channel: 'phone', categoryCode, subject: 'Dziura', resident: { name: 'Anna Nowak', phone: '500100200' } })
      .expect(201);
    return response.body.number;
  }

  const read = (number: string, token = agent) => t.http().get(`${API}/cases/${number}`).set('Authorization', token);
  const transition = (number: string, body: object, token = agent) =>
    t.http().post(`${API}/cases/${number}/transitions`).set('Authorization', token).send(body);
  const historyTypes = async (number: string) =>
    (await t.http().get(`${API}/cases/${number}/history`).set('Authorization', agent)).body.items.map(
      (event: { type: string }) => event.type,
    );

  describe('GET /cases/{number}', () => {
    it('returns the case with its ETag', async () => {
      const number = await newCase();
      const response = await read(number);
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"1"');
      expect(response.body).toEqual(expect.objectContaining({ number, status: 'assigned', version: 1 }));
      expect(response.body).not.toHaveProperty('trackingCode');
    });

    it('rejects a number with a wrong check digit (400) and a malformed one (400)', async () => {
      const number = await newCase();
      const wrongDigit = `${number.slice(0, -1)}${(Number(number.slice(-1)) + 1) % 10}`;
      const problem = expectProblem(await read(wrongDigit), 400);
      expect(problem.errors).toEqual([{ field: 'number', message: 'wrong check digit' }]);
      expectProblem(await read('2026-12-3'), 400);
    });

    it('answers 404 for a well-formed number that does not exist', async () => {
      expectProblem(await read('2019-000001-3'), 404);
    });
  });

  describe('PATCH /cases/{number}', () => {
    const patch = (number: string, body: object, ifMatch?: string) => {
      const call = t.http().patch(`${API}/cases/${number}`).set('Authorization', agent);
      return ifMatch === undefined ? call.send(body) : call.set('If-Match', ifMatch).send(body);
    };

    it('changes fields, bumps the version and records what changed without personal data', async () => {
      const number = await newCase();
      const response = await patch(
        number,
        {
          priority: 'urgent',
          subject: 'Głęboka dziura',
          resident: { name: 'Anna Nowak-Kowalska', email: 'anna@example.pl' },
          categoryCode: 'id-card',
        },
        '"1"',
      );
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.headers.location).toBeUndefined();
      const { receivedAt } = response.body;
      expect(response.body).toEqual(
        expect.objectContaining({
          priority: 'urgent',
          subject: 'Głęboka dziura',
          categoryCode: 'id-card',
          // Nobody has started on the case (assigned), so the new category's unit takes it, and its SLA applies.
          unitCode: 'zom',
          status: 'assigned',
          assignee: 'unit_staff-zom',
          ...dueOf(receivedAt, ID_CARD_SLA),
          // The phone was left out of the change, so it stays.
          resident: { name: 'Anna Nowak-Kowalska', phone: '500100200', email: 'anna@example.pl' },
          version: 2,
        }),
      );
      const history = await t.http().get(`${API}/cases/${number}/history`).set('Authorization', agent);
      expect(history.body.items.slice(2)).toEqual([
        expect.objectContaining({
          type: 'case_updated',
          actor: 'agent-all',
          data: {
            fields: ['subject', 'priority', 'categoryCode', 'resident'],
            priority: { from: 'normal', to: 'urgent' },
            categoryCode: { from: 'pothole', to: 'id-card' },
            dueDate: { from: dueOf(receivedAt, POTHOLE_SLA).dueDate, to: dueOf(receivedAt, ID_CARD_SLA).dueDate },
          },
        }),
        expect.objectContaining({
          type: 'routed',
          actor: 'agent-all',
          data: {
            from: 'roads',
            to: 'zom',
            by: 'category',
            reason: 'category changed',
            assignee: 'unit_staff-zom',
          },
        }),
      ]);
      expect(JSON.stringify(history.body)).not.toContain('Kowalska');
    });

    it('needs If-Match (428), and refuses a stale, weak or foreign one (412) writing nothing', async () => {
      const number = await newCase();
      expectProblem(await patch(number, { priority: 'low' }), 428);
      for (const stale of ['"7"', 'W/"1"', 'seven', '"abc"']) {
        expectProblem(await patch(number, { priority: 'low' }, stale), 412);
      }
      expect((await read(number)).body.priority).toBe('normal');
      expect(await historyTypes(number)).toEqual(['case_created', 'routed']);
    });

    it('lets exactly one of two PATCHes with the same If-Match win', async () => {
      const number = await newCase();
      const responses = await Promise.all([
        patch(number, { priority: 'low' }, '"1"'),
        patch(number, { priority: 'urgent' }, '"1"'),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([200, 412]);
      const winner = responses.find((response) => response.status === 200)!;
      expect((await read(number)).body).toEqual(
        expect.objectContaining({ priority: winner.body.priority, version: 2 }),
      );
      expect(await historyTypes(number)).toEqual(['case_created', 'routed', 'case_updated']);
    });

    it('rejects unknown fields, unknown categories and nulls for required fields', async () => {
      const number = await newCase();
      for (const body of [{ status: 'closed' }, { categoryCode: 'nope' }, { subject: null }, { priority: 'asap' }]) {
        expectProblem(await patch(number, body, '"1"'), 400);
      }
      expect((await read(number)).body.version).toBe(1);
    });

    it('takes If-Match: * as any version, and a list when one of its tags is current', async () => {
      const number = await newCase();
      const response = await patch(number, { priority: 'low' }, '*');
      expect(response.status).toBe(200);
      expect(response.body.version).toBe(2);
      expect((await patch(number, { priority: 'high' }, '"1", "2"')).status).toBe(200);
      expectProblem(await patch(number, { priority: 'low' }, '"03"'), 412);
    });

    it('clears one contact detail with null, and all of them with resident: null', async () => {
      const number = await newCase();
      const phoneCleared = await patch(number, { resident: { phone: null } }, '"1"').expect(200);
      expect(phoneCleared.body.resident).toEqual({ name: 'Anna Nowak', phone: null, email: null });
      const allCleared = await patch(number, { resident: null }, '"2"').expect(200);
      expect(allCleared.body.resident).toBeNull();
    });

    it('refuses an array where an object belongs', async () => {
      const number = await newCase();
      expectProblem(await patch(number, { resident: [{ name: 'X' }] }, '"1"'), 400);
      expect((await read(number)).body.resident).toEqual({ name: 'Anna Nowak', phone: '500100200', email: null });
    });

    it('keeps the version when nothing changes', async () => {
      const number = await newCase();
      const response = await patch(number, { subject: 'Dziura' }, '"1"');
      expect(response.status).toBe(200);
      expect(response.body.version).toBe(1);
      expect(await historyTypes(number)).toEqual(['case_created', 'routed']);
    });
  });

  describe('POST /cases/{number}/transitions', () => {
    it('walks a case through its life, stamping resolvedAt and closedAt', async () => {
      const number = await newCase();
      const started = await transition(number, { to: 'in_progress', note: 'Ekipa wysłana' });
      expect(started.status).toBe(200);
      expect(started.headers.etag).toBe('"2"');
      expect(started.body.status).toBe('in_progress');
      await transition(number, { to: 'waiting' }).expect(200);
      await transition(number, { to: 'in_progress' }).expect(200);
      const resolved = await transition(number, { to: 'resolved', resolution: 'Ubytek załatany' });
      expect(resolved.body).toEqual(
        expect.objectContaining({
          status: 'resolved',
          resolution: 'Ubytek załatany',
          resolvedAt: resolved.body.updatedAt,
        }),
      );
      const closed = await transition(number, { to: 'closed' });
      expect(closed.body).toEqual(
        expect.objectContaining({ status: 'closed', closedAt: closed.body.updatedAt, version: 6 }),
      );
      const history = await t.http().get(`${API}/cases/${number}/history`).set('Authorization', agent);
      expect(
        history.body.items.map((event: { data: { from?: string; to?: string } }) => [event.data.from, event.data.to]),
      ).toEqual([
        [undefined, undefined],
        [null, 'roads'],
        ['assigned', 'in_progress'],
        ['in_progress', 'waiting'],
        ['waiting', 'in_progress'],
        ['in_progress', 'resolved'],
        ['resolved', 'closed'],
      ]);
      expect(history.body.items[1].data).toEqual({
        from: null,
        to: 'roads',
        by: 'category',
        assignee: 'unit_staff-roads',
      });
      expect(history.body.items[2].data.note).toBe('Ekipa wysłana');
    });

    it('reopens a resolved case, clearing its resolution', async () => {
      const number = await newCase();
      await transition(number, { to: 'resolved', resolution: 'Załatwione' }).expect(200);
      const reopened = await transition(number, { to: 'in_progress' });
      expect(reopened.body).toEqual(
        expect.objectContaining({ status: 'in_progress', resolution: null, resolvedAt: null }),
      );
    });

    it.each([
      ['new', 'in_progress'],
      ['new', 'resolved'],
      // A case without a unit gets one by routing, not by a bare transition.
      ['new', 'assigned'],
      ['assigned', 'assigned'],
      ['assigned', 'new'],
    ])('refuses %s → %s with 409, writing nothing', async (from, to) => {
      const number = await newCase(from === 'new' ? 'complaint' : 'pothole');
      expect((await read(number)).body.status).toBe(from);
      expectProblem(await transition(number, { to, resolution: to === 'resolved' ? 'x' : undefined }), 409);
      expect((await read(number)).body.version).toBe(1);
    });

    it('refuses any change to a closed case with 409', async () => {
      const number = await newCase();
      await transition(number, { to: 'closed' }).expect(200);
      for (const to of ['new', 'assigned', 'in_progress', 'waiting', 'resolved']) {
        expectProblem(await transition(number, { to, ...(to === 'resolved' ? { resolution: 'x' } : {}) }), 409);
      }
    });

    it('requires a resolution to resolve (400) and refuses one otherwise', async () => {
      const number = await newCase();
      const problem = expectProblem(await transition(number, { to: 'resolved' }), 400);
      expect(problem.errors).toEqual([{ field: 'resolution', message: 'is required when resolving a case' }]);
      expectProblem(await transition(number, { to: 'waiting', resolution: 'x' }), 400);
      expectProblem(await transition(number, { to: 'finished' }), 400);
      expect((await read(number)).body.version).toBe(1);
    });

    it('honours If-Match when given', async () => {
      const number = await newCase();
      const stale = await t
        .http()
        .post(`${API}/cases/${number}/transitions`)
        .set('Authorization', agent)
        .set('If-Match', '"9"')
        .send({ to: 'in_progress' });
      expectProblem(stale, 412);
    });
  });

  describe('POST /cases/{number}/route', () => {
    const route = (number: string, body: object, token = agent) =>
      t.http().post(`${API}/cases/${number}/route`).set('Authorization', token).send(body);

    it('moves a case to another unit as assigned, recording why', async () => {
      const number = await newCase();
      await transition(number, { to: 'in_progress' }).expect(200);
      const response = await route(number, { unitCode: 'zom', reason: 'Sprawa meldunkowa' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(expect.objectContaining({ unitCode: 'zom', status: 'assigned', version: 3 }));
      const history = await t.http().get(`${API}/cases/${number}/history`).set('Authorization', agent);
      expect(history.body.items.slice(3)).toEqual([
        expect.objectContaining({
          type: 'routed',
          data: { from: 'roads', to: 'zom', by: 'hand', reason: 'Sprawa meldunkowa', assignee: 'unit_staff-zom' },
        }),
        expect.objectContaining({ type: 'status_changed', data: { from: 'in_progress', to: 'assigned' } }),
      ]);
    });

    it('assigns a new case to its first unit', async () => {
      const number = await newCase('complaint');
      const response = await route(number, { unitCode: 'zom', reason: 'Dotyczy ZOM' });
      expect(response.body).toEqual(
        expect.objectContaining({ unitCode: 'zom', status: 'assigned', assignee: 'unit_staff-zom' }),
      );
    });

    it('refuses an unknown unit (400), the same unit (409) and a closed case (409)', async () => {
      const number = await newCase();
      const problem = expectProblem(await route(number, { unitCode: 'nowhere', reason: 'x' }), 400);
      expect(problem.errors).toEqual([{ field: 'unitCode', message: 'unknown unit' }]);
      expectProblem(await route(number, { unitCode: 'roads', reason: 'x' }), 409);
      await transition(number, { to: 'in_progress' }).expect(200);
      expectProblem(await route(number, { unitCode: 'roads', reason: 'x' }), 409);
      // Without a unit, the rules (here none, so the category) choose one: the unit the case is already in.
      expect(expectProblem(await route(number, { reason: 'x' }), 409).code).toBe('already_in_unit');
      expectProblem(await route(number, { unitCode: 'zom' }), 400);
      await transition(number, { to: 'resolved', resolution: 'Załatwione' }).expect(200);
      expectProblem(await route(number, { unitCode: 'zom', reason: 'x' }), 409);
      await transition(number, { to: 'closed' }).expect(200);
      expectProblem(await route(number, { unitCode: 'zom', reason: 'x' }), 409);
    });
  });

  describe('POST /cases/{number}/notes', () => {
    it('adds internal and public notes to the history', async () => {
      const number = await newCase();
      const note = await t
        .http()
        .post(`${API}/cases/${number}/notes`)
        .set('Authorization', agent)
        .send({ body: 'Mieszkanka oddzwoni jutro', visibility: 'internal' });
      expect(note.status).toBe(201);
      expect(note.body).toEqual({
        id: expect.any(Number),
        at: expect.any(String),
        actor: 'agent-all',
        body: 'Mieszkanka oddzwoni jutro',
        visibility: 'internal',
      });
      const history = await t.http().get(`${API}/cases/${number}/history`).set('Authorization', agent);
      expect(history.body.items[2]).toEqual({
        id: note.body.id,
        type: 'note_added',
        at: note.body.at,
        actor: 'agent-all',
        data: { body: 'Mieszkanka oddzwoni jutro', visibility: 'internal' },
      });
      expectProblem(
        await t
          .http()
          .post(`${API}/cases/${number}/notes`)
          .set('Authorization', agent)
          .send({ body: 'x', visibility: 'secret' }),
        400,
      );
    });
  });

  describe('unit staff', () => {
    it('see and work their own unit’s cases only; others are 404', async () => {
      const roadsCase = await newCase('pothole');
      const zomCase = await newCase('id-card');
      expect((await read(roadsCase, roadsStaff)).status).toBe(200);
      expectProblem(await read(zomCase, roadsStaff), 404);
      expectProblem(await transition(zomCase, { to: 'in_progress' }, roadsStaff), 404);
      const foreignNote = t.http().post(`${API}/cases/${zomCase}/notes`).set('Authorization', roadsStaff);
      expectProblem(await foreignNote.send({ body: 'Nie moja sprawa', visibility: 'internal' }), 404);
      expectProblem(await t.http().get(`${API}/cases/${zomCase}/history`).set('Authorization', roadsStaff), 404);
      await transition(roadsCase, { to: 'in_progress' }, roadsStaff).expect(200);

      const list = await t.http().get(`${API}/cases?limit=500`).set('Authorization', zomStaff).expect(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      expect(new Set(list.body.items.map((item: { unitCode: string }) => item.unitCode))).toEqual(new Set(['zom']));
      const asked = await t.http().get(`${API}/cases?unitCode=roads`).set('Authorization', zomStaff).expect(200);
      expect(asked.body.items).toEqual([]);
    });
  });

  it('keeps the history append-only in the database itself', async () => {
    const number = await newCase();
    await expect(
      t.db.query(`UPDATE case_events SET type = 'x' WHERE data ->> 'number' = $1`, [number]),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM case_events WHERE data ->> 'number' = $1`, [number])).rejects.toThrow(
      /append-only/,
    );
  });
});
