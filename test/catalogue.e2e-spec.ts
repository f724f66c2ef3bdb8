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
    expect(created.body).toEqual({ ...pothole, description: null, attributes: [] });
    const triage = { code: 'complaint', name: 'Skarga', sla: { kind: 'months', amount: 1 } };
    const noUnit = await t.http().post(`${API}/categories`).set('Authorization', admin).send(triage).expect(201);
    expect(noUnit.body).toEqual({
      ...triage,
      unitCode: null,
      keywords: [],
      public: false,
      description: null,
      attributes: [],
    });

    const changed = await t
      .http()
      .patch(`${API}/categories/pothole`)
      .set('Authorization', admin)
      .send({ unitCode: 'usc', sla: { kind: 'calendar_days', amount: 14 } });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({
      ...pothole,
      unitCode: 'usc',
      sla: { kind: 'calendar_days', amount: 14 },
      description: null,
      attributes: [],
    });

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

  const size = {
    code: 'size',
    description: 'How big is it?',
    datatype: 'singlevaluelist',
    required: true,
    order: 1,
    values: [
      { key: 'small', name: 'Small' },
      { key: 'large', name: 'Large' },
    ],
  };

  it('keeps a category’s Open311 description and attributes, and takes them back out', async () => {
    const changed = await t
      .http()
      .patch(`${API}/categories/pothole`)
      .set('Authorization', admin)
      .send({ description: 'Holes in roads', attributes: [size] })
      .expect(200);
    expect(changed.body).toMatchObject({
      description: 'Holes in roads',
      attributes: [{ ...size, datatypeDescription: null }],
    });
    const list = await t.http().get(`${API}/categories`).set('Authorization', agent).expect(200);
    expect(list.body.items[1].attributes).toEqual([{ ...size, datatypeDescription: null }]);
    const cleared = await t
      .http()
      .patch(`${API}/categories/pothole`)
      .set('Authorization', admin)
      .send({ description: null, attributes: [] })
      .expect(200);
    expect(cleared.body).toMatchObject({ description: null, attributes: [] });
  });

  it.each<[string, unknown[], string[]]>([
    ['a code twice', [size, { ...size, code: 'SIZE', order: 2 }], ['attributes[1].code']],
    ['a list without choices', [{ ...size, values: [] }], ['attributes[0].values']],
    ['choices on a number', [{ ...size, datatype: 'number' }], ['attributes[0].values']],
    ['a choice key twice', [{ ...size, values: [size.values[0], size.values[0]] }], ['attributes[0].values[1].key']],
    ['an unknown datatype', [{ ...size, datatype: 'colour' }], ['attributes[0].datatype']],
    ['a code with spaces', [{ ...size, code: 'how big' }], ['attributes[0].code']],
    ['no order', [{ ...size, order: undefined }], ['attributes[0].order']],
    ['an unknown field', [{ ...size, colour: 'red' }], ['attributes[0].colour']],
  ])('refuses attributes with %s (400), changing nothing', async (_, attributes, fields) => {
    const before = await t.db.query(`SELECT attributes FROM categories WHERE code = 'pothole'`);
    const problem = expectProblem(
      await t.http().patch(`${API}/categories/pothole`).set('Authorization', admin).send({ attributes }),
      400,
    );
    expect([...new Set(problem.errors.map((error: { field: string }) => error.field))]).toEqual(fields);
    expect(await t.db.query(`SELECT attributes FROM categories WHERE code = 'pothole'`)).toEqual(before);
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
