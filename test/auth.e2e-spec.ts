import { API, expectProblem, TEST_PASSWORD, TestApp } from './support/app';

describe('Staff sign-in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
  });
  afterAll(() => t.stop());

  it('gives a bearer token for the right password', async () => {
    await t.tokenFor('agent', null, 'anna.agent');
    const response = await t.http().post(`${API}/auth/login`).send({ username: 'anna.agent', password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 28800 });
    const me = await t.http().get(`${API}/units`).set('Authorization', `Bearer ${response.body.accessToken}`);
    expect(me.status).toBe(200);
  });

  it('matches the username case-insensitively', async () => {
    await t.tokenFor('agent', null, 'Beata.Agent');
    await t.http().post(`${API}/auth/login`).send({ username: 'beata.agent', password: TEST_PASSWORD }).expect(200);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    await t.tokenFor('agent', null, 'celina.agent');
    const wrongPassword = await t.http().post(`${API}/auth/login`).send({ username: 'celina.agent', password: 'nope' });
    const unknownUser = await t.http().post(`${API}/auth/login`).send({ username: 'nobody.here', password: 'nope' });
    expectProblem(wrongPassword, 401);
    expectProblem(unknownUser, 401);
    expect({ ...wrongPassword.body, requestId: 'same' }).toEqual({ ...unknownUser.body, requestId: 'same' });
  });

  const loginFrom = (address: string, username: string, password: string) =>
    t.http().post(`${API}/auth/login`).set('X-Forwarded-For', address).send({ username, password });

  it('throttles a username at one address after 5 failures, even for the right password, with Retry-After', async () => {
    await t.tokenFor('agent', null, 'dorota.agent');
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await loginFrom('203.0.113.7', 'dorota.agent', 'wrong')).status).toBe(401);
    }
    const blocked = await loginFrom('203.0.113.7', 'Dorota.Agent', TEST_PASSWORD);
    expectProblem(blocked, 429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    // Another user at that address is not affected.
    await t.tokenFor('agent', null, 'ewa.agent');
  });

  it('never lets an attacker at one address lock a member of staff out of another', async () => {
    await t.tokenFor('agent', null, 'iga.agent');
    for (let attempt = 1; attempt <= 30; attempt++) {
      expect((await loginFrom('203.0.113.66', 'iga.agent', `guess-${attempt}`)).status).toBe(attempt <= 5 ? 401 : 429);
    }
    // The member of staff, at the office's address, signs in as usual.
    await loginFrom('198.51.100.20', 'iga.agent', TEST_PASSWORD).expect(200);
  });

  it('bounds distributed guessing of one username: 50 failures an hour, then only known addresses may try', async () => {
    await t.tokenFor('agent', null, 'jola.agent');
    // Jola signs in at her desk before the attack.
    await loginFrom('198.51.100.30', 'jola.agent', TEST_PASSWORD).expect(200);
    for (let batch = 0; batch < 5; batch++) {
      const guesses = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          loginFrom(`203.0.113.${100 + batch * 10 + index}`, 'jola.agent', `guess-${batch}-${index}`),
        ),
      );
      expect(guesses.map((response) => response.status)).toEqual(Array(10).fill(401));
    }
    // The 51st attempt from yet another address is refused, even with the right password…
    expectProblem(await loginFrom('203.0.113.200', 'jola.agent', TEST_PASSWORD), 429);
    expectProblem(await loginFrom('203.0.113.201', 'jola.agent', 'guess-51'), 429);
    // …while Jola, at the desk she signed in from before, still gets in, and so does she at any computer of the
    // city's own network (SIGNIN_TRUSTED_NETWORKS), even one she never used.
    await loginFrom('198.51.100.30', 'jola.agent', TEST_PASSWORD).expect(200);
    await loginFrom('192.0.2.77', 'jola.agent', TEST_PASSWORD).expect(200);
    // Other users are not affected by the ceiling on Jola's name.
    await loginFrom('203.0.113.202', 'iga.agent', TEST_PASSWORD).expect(200);
  }, 30_000);

  it('limits a burst of parallel guesses as strictly as sequential ones', async () => {
    await t.tokenFor('agent', null, 'felicja.agent');
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.http().post(`${API}/auth/login`).send({ username: 'felicja.agent', password: 'x' }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
  });

  it("does not charge a locked-out username's refused attempts to the shared address", async () => {
    await t.tokenFor('agent', null, 'grazyna.agent');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await t.http().post(`${API}/auth/login`).send({ username: 'grazyna.agent', password: 'x' }).expect(401);
    }
    for (let attempt = 1; attempt <= 60; attempt++) {
      await t.http().post(`${API}/auth/login`).send({ username: 'grazyna.agent', password: 'x' }).expect(429);
    }
    // 60 refusals later, a colleague at the same address still signs in.
    await t.tokenFor('agent', null, 'halina.agent');
  });

  it('refuses usernames no account can have before counting anything (no look-alike letters)', async () => {
    await t.tokenFor('admin', null, 'admin');
    const response = await loginFrom('203.0.113.90', 'admİn', TEST_PASSWORD);
    expect(expectProblem(response, 400).errors).toEqual([
      { field: 'username', message: 'username must be 2..64 letters, digits or _.@- (ASCII)' },
    ]);
  });

  it('validates the login body', async () => {
    const response = await t.http().post(`${API}/auth/login`).send({ username: 'x', password: 5, extra: true });
    const problem = expectProblem(response, 400);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'password', message: expect.stringContaining('string') },
        { field: 'extra', message: 'unknown field' },
      ]),
    );
  });

  it.each([
    ['no header', undefined],
    ['a token that is not a JWT', 'Bearer not-a-token'],
    [
      'a token signed with another secret',
      'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.x4cF8wPZ0BQ6vN1eKJ1bQ3v3rU2mW0ZrV6gRk3c2a1E',
    ],
    ['another scheme', 'Basic YWRtaW46YWRtaW4='],
  ])('refuses %s with 401', async (_, header) => {
    const call = t.http().get(`${API}/units`);
    const response = header ? await call.set('Authorization', header) : await call;
    expectProblem(response, 401);
  });
});
