import { API, expectProblem, TEST_PASSWORD, TestApp } from './support/app';

describe('Staff accounts (admin)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    admin = await t.tokenFor('admin', null, 'ala.admin');
  });
  afterAll(() => t.stop());

  const signIn = (username: string) => t.http().post(`${API}/auth/login`).send({ username, password: TEST_PASSWORD });
  const units = (token: string) => t.http().get(`${API}/units`).set('Authorization', token);
  const asAdmin = (method: 'get' | 'post' | 'patch', path: string) =>
    t.http()[method](`${API}/users${path}`).set('Authorization', admin);

  it('disables an account: its tokens are refused at once, sign-in is refused; enabling lets it sign in anew', async () => {
    const token = await t.tokenFor('agent', null, 'basia.agent');
    await units(token).expect(200);

    const disabled = await asAdmin('post', '/Basia.Agent/disable');
    expect(disabled.status).toBe(200);
    expect(disabled.body).toEqual({
      id: expect.any(String),
      username: 'basia.agent',
      role: 'agent',
      unitCode: null,
      disabled: true,
    });
    expect(expectProblem(await units(token), 401).code).toBe('unauthenticated');
    expect(expectProblem(await signIn('basia.agent'), 401)).toMatchObject({
      code: 'account_disabled',
      detail: 'This account is disabled.',
    });
    // Disabling twice changes nothing more.
    expect((await asAdmin('post', '/basia.agent/disable')).body.disabled).toBe(true);

    expect((await asAdmin('post', '/basia.agent/enable')).body.disabled).toBe(false);
    const fresh = await signIn('basia.agent');
    expect(fresh.status).toBe(200);
    await units(`Bearer ${fresh.body.accessToken}`).expect(200);
    expectProblem(await units(token), 401);
  });

  it('changes a role: the old token is refused, a new sign-in acts in the new role', async () => {
    const token = await t.tokenFor('agent', null, 'celina.agent');
    const changed = await asAdmin('patch', '/celina.agent').send({ role: 'unit_staff', unitCode: 'roads' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ username: 'celina.agent', role: 'unit_staff', unitCode: 'roads' });
    expectProblem(await units(token), 401);
    const fresh = `Bearer ${(await signIn('celina.agent')).body.accessToken}`;
    // Unit staff may not log cases.
    const refused = await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', fresh)
      .send({ channel: 'phone', categoryCode: 'pothole', subject: 'Dziura' });
    expectProblem(refused, 403);
    // A change to the same role and unit is no change: the new token keeps working.
    await asAdmin('patch', '/celina.agent').send({ role: 'unit_staff' }).expect(200);
    await units(fresh).expect(200);
  });

  it('lists accounts by username, a page at a time', async () => {
    await t.tokenFor('supervisor', null, 'zenon.supervisor');
    const first = await asAdmin('get', '?limit=2').expect(200);
    expect(first.body.items.map((account: { username: string }) => account.username)).toEqual([
      'ala.admin',
      'basia.agent',
    ]);
    const next = await asAdmin('get', `?limit=500&cursor=${first.body.nextCursor}`).expect(200);
    expect(next.body.items.map((account: { username: string }) => account.username)).toEqual([
      'celina.agent',
      'zenon.supervisor',
    ]);
    expect(next.body.nextCursor).toBeNull();
    expect((await asAdmin('get', '/zenon.supervisor')).body).toMatchObject({ role: 'supervisor', disabled: false });
    // A cursor this API did not write is refused, not passed to the database.
    const forged = Buffer.from(JSON.stringify(['a\u0000b'])).toString('base64url');
    expect(expectProblem(await asAdmin('get', `?cursor=${forged}`), 400).code).toBe('invalid_cursor');
  });

  it('refuses what would do harm or makes no sense, changing nothing', async () => {
    const before = await t.db.query(
      `SELECT username, role, unit_code, disabled_at, token_version FROM users ORDER BY 1`,
    );
    expect(expectProblem(await asAdmin('post', '/ala.admin/disable'), 409).code).toBe('cannot_disable_self');
    expect(expectProblem(await asAdmin('post', '/ALA.ADMIN/disable'), 409).code).toBe('cannot_disable_self');
    expectProblem(await asAdmin('post', '/nobody.here/disable'), 404);
    expectProblem(await asAdmin('patch', '/nobody.here').send({ role: 'agent' }), 404);
    const cases: [object, string][] = [
      [{ role: 'mayor' }, 'role'],
      [{ role: 'agent', extra: 1 }, 'extra'],
      [{ role: null }, 'role'],
    ];
    for (const [body, field] of cases) {
      const problem = expectProblem(await asAdmin('patch', '/zenon.supervisor').send(body), 400);
      expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect(expectProblem(await asAdmin('patch', '/zenon.supervisor').send({ role: 'unit_staff' }), 400).code).toBe(
      'unit_required',
    );
    const unknownUnit = asAdmin('patch', '/zenon.supervisor').send({ role: 'unit_staff', unitCode: 'nowhere' });
    expect(expectProblem(await unknownUnit, 400).code).toBe('unknown_unit');
    expect(
      await t.db.query(`SELECT username, role, unit_code, disabled_at, token_version FROM users ORDER BY 1`),
    ).toEqual(before);
  });

  it.each(['agent', 'supervisor', 'unit_staff'] as const)('is for administrators only: %s gets 403', async (role) => {
    const token = await t.tokenFor(role, role === 'unit_staff' ? 'roads' : null, `only-${role}`);
    expectProblem(await t.http().get(`${API}/users`).set('Authorization', token), 403);
    expectProblem(await t.http().post(`${API}/users/ala.admin/disable`).set('Authorization', token), 403);
    expectProblem(await t.http().get(`${API}/users`), 401);
  });
});
