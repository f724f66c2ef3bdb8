import { Client } from 'pg';
import { UsersService } from '@app/identity';
import { API, expectProblem, TestApp } from './support/app';
import { TEST_DATABASE_URL } from './support/test-env';

const ROADS_STAFF = ['ala', 'bartek', 'celina', 'darek'];

describe('Assignment inside a unit', () => {
  let t: TestApp;
  let agent: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  beforeEach(async () => {
    await t.reset();
    await t.seedCatalogue();
    agent = await t.tokenFor('agent');
    supervisor = await t.tokenFor('supervisor');
  });
  afterAll(() => t.stop());

  async function addStaff(usernames: string[], unitCode = 'roads'): Promise<Record<string, string>> {
    const tokens: Record<string, string> = {};
    for (const username of usernames) tokens[username] = await t.tokenFor('unit_staff', unitCode, username);
    return tokens;
  }

  const intake = (categoryCode = 'pothole', extra: object = {}) =>
    t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({ channel: 'phone', categoryCode, subject: 'Dziura', ...extra });

  /** Open cases per assignee, counted from the cases themselves, and the load the accounts keep. */
  async function loads(): Promise<{ counted: Record<string, number>; kept: Record<string, number> }> {
    const rows = await t.asOwner<{ username: string; counted: number; kept: number }>(
      `SELECT u.username, u.open_cases AS kept,
              (SELECT count(*)::int FROM cases c
                WHERE c.assignee_id = u.id AND c.status IN ('new', 'assigned', 'in_progress', 'waiting')) AS counted
         FROM users u WHERE u.role = 'unit_staff' ORDER BY u.username`,
    );
    return {
      counted: Object.fromEntries(rows.map((row) => [row.username, row.counted])),
      kept: Object.fromEntries(rows.map((row) => [row.username, row.kept])),
    };
  }

  const setAvailability = (username: string, body: object, token = supervisor) =>
    t.http().put(`${API}/routing/staff/${username}/availability`).set('Authorization', token).send(body);

  it('spreads 200 simultaneous intakes over 4 staff with open loads differing by at most 1', async () => {
    await addStaff(ROADS_STAFF);
    const responses = await Promise.all(Array.from({ length: 200 }, () => intake()));
    expect(responses.map((response) => response.status)).toEqual(Array(200).fill(201));
    const { counted, kept } = await loads();
    expect(Object.values(counted).reduce((sum, load) => sum + load, 0)).toBe(200);
    expect(counted).toEqual({ ala: 50, bartek: 50, celina: 50, darek: 50 });
    // The load kept on each account is exactly what the cases say, and every reservation was settled by its case.
    expect(kept).toEqual(counted);
    expect(await t.asOwner(`SELECT 1 FROM assignment_reservations`)).toEqual([]);
    // Every answer named the assignee it was given.
    const answered = responses.reduce<Record<string, number>>((tally, response) => {
      tally[response.body.assignee] = (tally[response.body.assignee] ?? 0) + 1;
      return tally;
    }, {});
    expect(answered).toEqual(counted);
  });

  it('breaks ties round robin and otherwise gives the case to whoever has the fewest open cases', async () => {
    await addStaff(['ala', 'bartek', 'celina']);
    const first = [];
    for (let index = 0; index < 6; index++) first.push((await intake().expect(201)).body);
    const order = first.slice(0, 3).map((body) => body.assignee);
    expect(new Set(order).size).toBe(3);
    expect(first.slice(3).map((body) => body.assignee)).toEqual(order);

    // The member who got the first case settles both of theirs: the next case is theirs, though others were waiting.
    for (const body of first.filter((item) => item.assignee === order[0])) {
      await t
        .http()
        .post(`${API}/cases/${body.number}/transitions`)
        .set('Authorization', agent)
        .send({ to: 'resolved', resolution: 'Załatane' })
        .expect(200);
    }
    expect((await loads()).kept).toEqual({ [order[0]]: 0, [order[1]]: 2, [order[2]]: 2 });
    expect((await intake().expect(201)).body.assignee).toBe(order[0]);
    expect((await intake().expect(201)).body.assignee).toBe(order[0]);
    // Level again: the rotation goes on where it stopped.
    expect((await intake().expect(201)).body.assignee).toBe(order[1]);
  });

  it('records the assignee in the routed event and replays it with an idempotent retry', async () => {
    await addStaff(['ala']);
    const first = await intake().set('Idempotency-Key', 'retry-1').expect(201);
    expect(first.body.assignee).toBe('ala');
    const replay = await intake().set('Idempotency-Key', 'retry-1').expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    const history = await t.http().get(`${API}/cases/${first.body.number}/history`).set('Authorization', agent);
    expect(history.body.items[1]).toMatchObject({
      type: 'routed',
      data: { from: null, to: 'roads', by: 'category', assignee: 'ala' },
    });
    expect(await t.count('cases')).toBe(1);
  });

  it('takes back the reservation of intakes that lose an idempotency race, so loads stay exact', async () => {
    await addStaff(['ala', 'bartek']);
    const responses = await Promise.all(Array.from({ length: 10 }, () => intake().set('Idempotency-Key', 'race-1')));
    const numbers = new Set(responses.filter((r) => r.status === 201).map((r) => r.body.number));
    expect(numbers.size).toBe(1);
    expect(await t.count('cases')).toBe(1);
    const { counted, kept } = await loads();
    expect(Object.values(counted).sort()).toEqual([0, 1]);
    expect(kept).toEqual(counted);
    expect(await t.asOwner(`SELECT 1 FROM assignment_reservations`)).toEqual([]);
  });

  it('skips absent staff, keeps the case in the queue when nobody is available, and lists the queue', async () => {
    const tokens = await addStaff(['ala', 'bartek']);
    const absent = await setAvailability('ALA', { available: false }).expect(200);
    expect(absent.body).toEqual({
      username: 'ala',
      unitCode: 'roads',
      available: false,
      openCases: 0,
      lastAssignedAt: null,
    });
    expect((await intake().expect(201)).body.assignee).toBe('bartek');
    expect((await intake().expect(201)).body.assignee).toBe('bartek');

    await setAvailability('bartek', { available: false }).expect(200);
    const queued = (await intake().expect(201)).body;
    expect(queued).toMatchObject({ status: 'assigned', unitCode: 'roads', assignee: null });
    const history = await t.http().get(`${API}/cases/${queued.number}/history`).set('Authorization', agent);
    expect(history.body.items[1].data).toEqual({ from: null, to: 'roads', by: 'category', assignee: null });

    const queue = await t.http().get(`${API}/cases?unitCode=roads&assignee=none`).set('Authorization', supervisor);
    expect(queue.body.items.map((item: { number: string }) => item.number)).toEqual([queued.number]);
    const bartekCases = await t.http().get(`${API}/cases?assignee=Bartek`).set('Authorization', supervisor);
    expect(bartekCases.body.items).toHaveLength(2);
    const mine = await t.http().get(`${API}/cases?assignee=me`).set('Authorization', tokens.bartek);
    expect(mine.body.items.map((item: { assignee: string }) => item.assignee)).toEqual(['bartek', 'bartek']);
    const nobodys = await t.http().get(`${API}/cases?assignee=nobody.here`).set('Authorization', supervisor);
    expect(nobodys.body.items).toEqual([]);

    // Back from absence: assignable again, with the fewest open cases.
    await setAvailability('ala', { available: true }).expect(200);
    expect((await intake().expect(201)).body.assignee).toBe('ala');

    const staff = await t.http().get(`${API}/routing/staff?unitCode=roads`).set('Authorization', supervisor);
    expect(
      staff.body.items.map(({ username, available, openCases }: Record<string, unknown>) => ({
        username,
        available,
        openCases,
      })),
    ).toEqual([
      { username: 'ala', available: true, openCases: 1 },
      { username: 'bartek', available: false, openCases: 2 },
    ]);
  });

  it("keeps unit staff to their own unit's cases, whatever the inbox, SLA or assignee filter", async () => {
    const roads = await addStaff(['ala']);
    const zom = await addStaff(['zenon'], 'zom');
    const pothole = (await intake('pothole').expect(201)).body;
    const idCard = (await intake('id-card').expect(201)).body;
    const numbersFor = async (token: string, query: string) =>
      (await t.http().get(`${API}/cases?${query}`).set('Authorization', token)).body.items.map(
        (item: { number: string }) => item.number,
      );
    const expected: [query: string, alaSees: string[], zenonSees: string[]][] = [
      ['sort=due', [pothole.number], [idCard.number]],
      ['sla=on_time', [pothole.number], [idCard.number]],
      ['assignee=zenon', [], [idCard.number]],
      ['assignee=none', [], []],
      ['unitCode=zom&sort=due', [], [idCard.number]],
    ];
    for (const [query, alaSees, zenonSees] of expected) {
      expect([query, await numbersFor(roads.ala, query)]).toEqual([query, alaSees]);
      expect([query, await numbersFor(zom.zenon, query)]).toEqual([query, zenonSees]);
    }
  });

  it('refuses the usernames the assignee filter reserves', async () => {
    for (const username of ['me', 'None']) {
      await expect(
        t.app.get(UsersService).add({ username, password: 'a-long-password-1', role: 'unit_staff', unitCode: 'roads' }),
      ).rejects.toMatchObject({ code: 'reserved_username' });
    }
  });

  it('refuses availability changes from the wrong role, for unknown staff and with a bad body, changing nothing', async () => {
    await addStaff(['ala']);
    expectProblem(await setAvailability('ala', { available: false }, agent), 403);
    expectProblem(await t.http().put(`${API}/routing/staff/ala/availability`).send({ available: false }), 401);
    expectProblem(await setAvailability('nobody', { available: false }), 404);
    // Only unit staff are assignable: the agent's account is no such member.
    expectProblem(await setAvailability('agent-all', { available: false }), 404);
    const invalid = expectProblem(await setAvailability('ala', { available: 'no', extra: 1 }), 400);
    expect(invalid.errors).toEqual(
      expect.arrayContaining([
        { field: 'available', message: 'available must be a boolean value' },
        { field: 'extra', message: 'unknown field' },
      ]),
    );
    const [{ available }] = await t.asOwner<{ available: boolean }>(
      `SELECT available FROM users WHERE username = 'ala'`,
    );
    expect(available).toBe(true);
    expectProblem(await t.http().get(`${API}/routing/staff`).set('Authorization', agent), 403);
  });

  it('re-assigns inside the new unit when a case is re-routed, and the old assignee sheds the load', async () => {
    await addStaff(['ala']);
    await addStaff(['zenon'], 'zom');
    const created = (await intake().expect(201)).body;
    expect(created.assignee).toBe('ala');
    const routed = await t
      .http()
      .post(`${API}/cases/${created.number}/route`)
      .set('Authorization', supervisor)
      .send({ unitCode: 'zom', reason: 'Sprawa meldunkowa' })
      .expect(200);
    expect(routed.body).toMatchObject({ unitCode: 'zom', status: 'assigned', assignee: 'zenon', version: 2 });
    expect((await loads()).kept).toEqual({ ala: 0, zenon: 1 });
    const history = await t.http().get(`${API}/cases/${created.number}/history`).set('Authorization', agent);
    expect(history.body.items.at(-1)).toMatchObject({
      type: 'routed',
      data: { from: 'roads', to: 'zom', by: 'hand', reason: 'Sprawa meldunkowa', assignee: 'zenon' },
    });
  });

  it('locks assignment per unit: an intake into another unit goes through while one unit is held', async () => {
    await addStaff(['ala']);
    await addStaff(['zenon'], 'zom');
    // Hold the roads unit's assignment lock, as a slow intake into roads would.
    const holder = new Client({ connectionString: TEST_DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT pick_unit_assignee('roads')`);
      let roadsDone = false;
      const roads = intake('pothole').then((response) => {
        roadsDone = true;
        return response;
      });
      const zom = await intake('id-card').expect(201);
      expect(zom.body.assignee).toBe('zenon');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(roadsDone).toBe(false);
      await holder.query('ROLLBACK');
      expect((await roads).body.assignee).toBe('ala');
    } finally {
      await holder.end();
    }
  });

  describe('POST /cases/{number}/assign', () => {
    const assign = (number: string, body: object, token = supervisor) =>
      t.http().post(`${API}/cases/${number}/assign`).set('Authorization', token).send(body);
    const lastEvent = async (number: string) =>
      (await t.http().get(`${API}/cases/${number}/history`).set('Authorization', agent)).body.items.at(-1);

    it("moves an absent member's case on to whoever has the fewest open cases, or into the queue", async () => {
      await addStaff(['ala', 'bartek', 'celina']);
      const cases = [];
      for (let index = 0; index < 3; index++) cases.push((await intake().expect(201)).body);
      const alas = cases.find((item) => item.assignee === 'ala');
      await setAvailability('ala', { available: false }).expect(200);
      // bartek and celina hold one case each; the pick passes over ala and takes the least recently assigned.
      const moved = await assign(alas.number, { reason: 'Urlop' }).expect(200);
      const expected = cases.filter((item) => item.assignee !== 'ala')[0].assignee;
      expect(moved.body).toMatchObject({ assignee: expected, status: 'assigned', unitCode: 'roads', version: 2 });
      expect(moved.headers.etag).toBe('"2"');
      expect(await lastEvent(alas.number)).toMatchObject({
        type: 'assignee_changed',
        actor: 'supervisor-all',
        data: { from: 'ala', by: 'unit', reason: 'Urlop', assignee: expected },
      });
      expect((await loads()).kept).toEqual({ ala: 0, [expected]: 2, [expected === 'bartek' ? 'celina' : 'bartek']: 1 });

      await setAvailability('bartek', { available: false }).expect(200);
      await setAvailability('celina', { available: false }).expect(200);
      const queued = await assign(alas.number, { reason: 'Wszyscy nieobecni' }).expect(200);
      expect(queued.body.assignee).toBeNull();
      expect((await lastEvent(alas.number)).data).toEqual({
        from: expected,
        by: 'unit',
        reason: 'Wszyscy nieobecni',
        assignee: null,
      });
    });

    it('hands a case to a named member, lets unit staff claim from the queue, and refuses what it must', async () => {
      const tokens = await addStaff(['ala', 'bartek']);
      const zomToken = (await addStaff(['zenon'], 'zom')).zenon;
      const created = (await intake().expect(201)).body;
      const other = created.assignee === 'ala' ? 'bartek' : 'ala';

      const handed = await assign(created.number, { assignee: other.toUpperCase(), reason: 'Zna teren' }).expect(200);
      expect(handed.body.assignee).toBe(other);
      expect((await lastEvent(created.number)).data).toEqual({
        from: created.assignee,
        by: 'hand',
        reason: 'Zna teren',
        assignee: other,
      });

      expectProblem(await assign(created.number, { assignee: other, reason: 'x' }), 409);
      const stranger = expectProblem(await assign(created.number, { assignee: 'zenon', reason: 'x' }), 400);
      expect(stranger.errors).toEqual([{ field: 'assignee', message: "not a member of roads's staff" }]);
      expectProblem(await assign(created.number, { assignee: 'agent-all', reason: 'x' }), 400);
      expectProblem(await assign(created.number, { reason: '' }), 400);
      expectProblem(await assign(created.number, { reason: 'x' }, agent), 403);
      // Another unit's staff do not see the case at all.
      expectProblem(await assign(created.number, { assignee: 'me', reason: 'x' }, zomToken), 404);

      // A member takes it themselves.
      const claimer = created.assignee;
      const claimed = await assign(created.number, { assignee: 'me', reason: 'Biorę' }, tokens[claimer]).expect(200);
      expect(claimed.body.assignee).toBe(claimer);
      expect((await loads()).kept).toEqual({
        ala: claimer === 'ala' ? 1 : 0,
        bartek: claimer === 'bartek' ? 1 : 0,
        zenon: 0,
      });

      await t
        .http()
        .post(`${API}/cases/${created.number}/transitions`)
        .set('Authorization', agent)
        .send({ to: 'resolved', resolution: 'Załatane' })
        .expect(200);
      expectProblem(await assign(created.number, { reason: 'x' }), 409);
      const complaint = (await intake('complaint').expect(201)).body;
      expectProblem(await assign(complaint.number, { reason: 'x' }), 409);
      expect(await t.count('case_events')).toBe(
        // created: case_created + routed; two assignments; resolved; complaint: case_created
        2 + 2 + 1 + 1,
      );
    });
  });
});
