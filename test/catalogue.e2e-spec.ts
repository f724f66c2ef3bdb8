import { API, expectProblem, TestApp } from './support/app';

describe('Catalogue', () => {
  let t: TestApp;
  let admin: string;
  let agent: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.tokenFor('admin');
    agent = await t.tokenFor('agent');
  });
  afterAll(() => t.stop());

  it('creates and lists units', async () => {
    const created = await t
      .http()
      .post(`${API}/units`)
      .set('Authorization', admin)
      .send({ code: 'gzdiz', name: 'Drogi i Zieleń' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ code: 'gzdiz', name: 'Drogi i Zieleń' });
    await t
      .http()
      .post(`${API}/units`)
      .set('Authorization', admin)
      .send({ code: 'usc', name: 'Urząd Stanu Cywilnego' })
      .expect(201);
    const list = await t.http().get(`${API}/units`).set('Authorization', agent).expect(200);
    expect(list.body).toEqual({
      items: [
        { code: 'gzdiz', name: 'Drogi i Zieleń' },
        { code: 'usc', name: 'Urząd Stanu Cywilnego' },
      ],
      nextCursor: null,
    });
    const firstPage = await t.http().get(`${API}/units?limit=1`).set('Authorization', agent).expect(200);
    expect(firstPage.body.items).toEqual([{ code: 'gzdiz', name: 'Drogi i Zieleń' }]);
    const secondPage = await t
      .http()
      .get(`${API}/units?limit=1&cursor=${firstPage.body.nextCursor}`)
      .set('Authorization', agent)
      .expect(200);
    expect(secondPage.body).toEqual({ items: [{ code: 'usc', name: 'Urząd Stanu Cywilnego' }], nextCursor: null });
    expectProblem(await t.http().get(`${API}/units?limit=501`).set('Authorization', agent), 400);
    expectProblem(await t.http().get(`${API}/units?cursor=zzz`).set('Authorization', agent), 400);
  });

  it('refuses a duplicate unit with 409 and changes nothing', async () => {
    const response = await t
      .http()
      .post(`${API}/units`)
      .set('Authorization', admin)
      .send({ code: 'gzdiz', name: 'Other' });
    expectProblem(response, 409);
    const [unit] = await t.db.query(`SELECT name FROM units WHERE code = 'gzdiz'`);
    expect(unit.name).toBe('Drogi i Zieleń');
  });

  it.each([
    [{ code: 'Upper', name: 'x' }, 'code'],
    [{ code: 'a', name: 'x' }, 'code'],
    [{ code: 'ok-code', name: '' }, 'name'],
    [{ code: 'ok-code', name: 'x'.repeat(201) }, 'name'],
    [{ code: 'ok-code' }, 'name'],
    [{ code: 'ok-code', name: 'x', extra: 1 }, 'extra'],
  ])('rejects unit %j (field %s) with 400 and writes nothing', async (body, field) => {
    const before = await t.count('units');
    const problem = expectProblem(await t.http().post(`${API}/units`).set('Authorization', admin).send(body), 400);
    expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(await t.count('units')).toBe(before);
  });

  const pothole = {
    code: 'pothole',
    name: 'Dziura w jezdni',
    unitCode: 'gzdiz',
    sla: { kind: 'working_days', amount: 7 },
    keywords: ['dziura', 'jezdnia'],
    public: true,
  };

  it('creates, lists and changes categories', async () => {
    const created = await t.http().post(`${API}/categories`).set('Authorization', admin).send(pothole);
    expect(created.status).toBe(201);
    expect(created.body).toEqual(pothole);
    const triage = { code: 'complaint', name: 'Skarga', sla: { kind: 'months', amount: 1 } };
    const noUnit = await t.http().post(`${API}/categories`).set('Authorization', admin).send(triage).expect(201);
    expect(noUnit.body).toEqual({ ...triage, unitCode: null, keywords: [], public: false });

    const changed = await t
      .http()
      .patch(`${API}/categories/pothole`)
      .set('Authorization', admin)
      .send({ unitCode: 'usc', sla: { kind: 'calendar_days', amount: 14 } });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ ...pothole, unitCode: 'usc', sla: { kind: 'calendar_days', amount: 14 } });

    const list = await t.http().get(`${API}/categories`).set('Authorization', agent).expect(200);
    expect(list.body.items.map((category: { code: string }) => category.code)).toEqual(['complaint', 'pothole']);
    expect(list.body.items[1].unitCode).toBe('usc');
    expect(list.body.nextCursor).toBeNull();
  });

  it.each([
    [{ ...pothole, code: 'x2', sla: { kind: 'weeks', amount: 1 } }, 'sla.kind'],
    [{ ...pothole, code: 'x2', sla: { kind: 'hours', amount: 0 } }, 'sla.amount'],
    [{ ...pothole, code: 'x2', sla: { kind: 'hours', amount: 366 } }, 'sla.amount'],
    [{ ...pothole, code: 'x2', sla: { kind: 'hours', amount: 1.5 } }, 'sla.amount'],
    [{ ...pothole, code: 'x2', sla: 'fast' }, 'sla'],
    [{ ...pothole, code: 'x2', sla: [] }, 'sla'],
    [{ ...pothole, code: 'x2', sla: [{ kind: 'hours', amount: 1 }] }, 'sla'],
    [{ ...pothole, code: 'x2', name: 'Dziura\u0000' }, 'name'],
    [{ ...pothole, code: 'x2', keywords: 'dziura' }, 'keywords'],
    [{ ...pothole, code: 'x2', public: 'yes' }, 'public'],
    [{ ...pothole, code: 'x2', unitCode: 'no-such-unit' }, 'unitCode'],
    [{ ...pothole, code: 'x2', name: null }, 'name'],
  ])('rejects category %j (field %s) with 400 and writes nothing', async (body, field) => {
    const before = await t.count('categories');
    const problem = expectProblem(await t.http().post(`${API}/categories`).set('Authorization', admin).send(body), 400);
    expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(await t.count('categories')).toBe(before);
  });

  it('answers 404 for an unknown category and 409 for a duplicate', async () => {
    expectProblem(await t.http().patch(`${API}/categories/nope`).set('Authorization', admin).send({ name: 'x' }), 404);
    expectProblem(await t.http().post(`${API}/categories`).set('Authorization', admin).send(pothole), 409);
  });

  it('refuses to null a required category field', async () => {
    const problem = expectProblem(
      await t.http().patch(`${API}/categories/pothole`).set('Authorization', admin).send({ name: null, sla: null }),
      400,
    );
    expect(new Set(problem.errors.map((error: { field: string }) => error.field))).toEqual(new Set(['name', 'sla']));
  });
});
