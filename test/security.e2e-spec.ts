import { API, expectProblem, TestApp } from './support/app';

const NUMBER = '2026-000001-5';

/** Every staff route of this issue, with the roles that may call it. */
const ROUTES: { method: 'get' | 'post' | 'patch' | 'put'; path: string; roles: string[] }[] = [
  { method: 'post', path: '/units', roles: ['admin'] },
  { method: 'get', path: '/units', roles: ['agent', 'supervisor', 'unit_staff', 'admin'] },
  { method: 'post', path: '/categories', roles: ['admin'] },
  { method: 'get', path: '/categories', roles: ['agent', 'supervisor', 'unit_staff', 'admin'] },
  { method: 'patch', path: '/categories/pothole', roles: ['admin'] },
  { method: 'post', path: '/cases', roles: ['agent', 'supervisor', 'admin'] },
  { method: 'get', path: '/cases', roles: ['agent', 'supervisor', 'unit_staff', 'admin'] },
  { method: 'get', path: `/cases/${NUMBER}`, roles: ['agent', 'supervisor', 'unit_staff', 'admin'] },
  { method: 'patch', path: `/cases/${NUMBER}`, roles: ['agent', 'supervisor', 'unit_staff', 'admin'] },
  { method: 'post', path: `/cases/${NUMBER}/transitions`, roles: ['agent', 'supervisor', 'unit_staff', 'admin'] },
  { method: 'post', path: `/cases/${NUMBER}/route`, roles: ['agent', 'supervisor', 'unit_staff', 'admin'] },
  { method: 'post', path: `/cases/${NUMBER}/notes`, roles: ['agent', 'supervisor', 'unit_staff', 'admin'] },
  { method: 'get', path: `/cases/${NUMBER}/history`, roles: ['agent', 'supervisor', 'unit_staff', 'admin'] },
  { method: 'post', path: '/offices', roles: ['admin'] },
  { method: 'put', path: '/offices/zom-1/opening-hours', roles: ['admin'] },
  { method: 'post', path: '/visit-services', roles: ['admin'] },
  { method: 'get', path: '/visits?officeCode=zom-1', roles: ['agent', 'supervisor', 'unit_staff', 'admin'] },
  { method: 'post', path: '/visits/7KQ2M9XD/check-in', roles: ['agent', 'supervisor', 'unit_staff', 'admin'] },
  { method: 'get', path: '/reports/visits', roles: ['supervisor', 'admin'] },
];
const ALL_ROLES = ['agent', 'supervisor', 'unit_staff', 'admin'] as const;

describe('Route protection', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    for (const role of ALL_ROLES) tokens[role] = await t.tokenFor(role, role === 'unit_staff' ? 'roads' : null);
  });
  afterAll(() => t.stop());

  it.each(ROUTES)('$method $path needs a token', async ({ method, path }) => {
    expectProblem(await t.http()[method](`${API}${path}`).send({}), 401);
  });

  const forbidden = ROUTES.flatMap((route) =>
    ALL_ROLES.filter((role) => !route.roles.includes(role)).map((role) => ({ ...route, role })),
  );
  it.each(forbidden)('$method $path refuses $role with 403', async ({ method, path, role }) => {
    const response = await t.http()[method](`${API}${path}`).set('Authorization', tokens[role]).send({});
    expectProblem(response, 403);
  });

  it('leaves health and the API document open, and 404s unknown routes as problems', async () => {
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body.info).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
    const document = await t.http().get('/api/docs-json');
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{number}', '/api/v1/auth/login', '/health']),
    );
    expectProblem(await t.http().get(`${API}/nothing-here`).set('Authorization', tokens.agent), 404);
    // Errors Fastify raises itself are problems too.
    expectProblem(await t.http().get(`${API}/cases/%E0%A4%A`).set('Authorization', tokens.agent), 400);
    expectProblem(
      await t
        .http()
        .get(`${API}/cases/${'1'.repeat(200)}`)
        .set('Authorization', tokens.agent),
      414,
    );
    expectProblem(
      await t.http().patch(`${API}/categories/a%00b`).set('Authorization', tokens.admin).send({ name: 'x' }),
      400,
    );
  });
});
