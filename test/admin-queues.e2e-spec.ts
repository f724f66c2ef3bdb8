import { JwtService } from '@nestjs/jwt';
import { Job, Queue, Worker } from 'bullmq';
import request from 'supertest';
import { ALL_QUEUES, QueueName } from '@app/core';
import { Role, UsersService } from '@app/identity';
import { API, expectProblem, TEST_PASSWORD, TestApp } from './support/app';

const BOARD = '/admin/queues';
const SIGN_IN = '/admin/sign-in';
const TTL_SECONDS = 28800;

/** The session cookie's `name=value` from a response's Set-Cookie. */
function sessionCookieOf(response: request.Response): string {
  const header = setCookieOf(response);
  expect(header).toMatch(/^cc_session=[^;]+;/);
  return header.split(';')[0];
}

function setCookieOf(response: request.Response): string {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  expect(cookies).toHaveLength(1);
  return cookies[0];
}

/** A cookie's attributes, as a set (their order is not part of the contract). */
function attributesOf(setCookie: string): string[] {
  return setCookie
    .split(';')
    .slice(1)
    .map((attribute) => attribute.trim())
    .sort();
}

describe('Queue board at /admin/queues, behind the staff session cookie', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
  });
  afterAll(() => t.stop());

  const addUser = (role: Role, username: string) =>
    t.app
      .get(UsersService)
      .add({ username, password: TEST_PASSWORD, role, unitCode: role === 'unit_staff' ? 'roads' : null });

  const startSession = (username: string, password = TEST_PASSWORD) =>
    t.http().post(`${API}/auth/session`).send({ username, password });

  /** Creates a user of the role and returns its session cookie (`cc_session=…`). */
  async function sessionFor(role: Role, username = `${role}.board`): Promise<string> {
    await addUser(role, username);
    const response = await startSession(username);
    expect(response.status).toBe(204);
    return sessionCookieOf(response);
  }

  describe('the session cookie', () => {
    it('is HttpOnly, SameSite=Strict, for the whole site, as long as a token lives; it holds the signed token', async () => {
      await addUser('supervisor', 'sara.supervisor');
      const response = await startSession('Sara.Supervisor');
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      const setCookie = setCookieOf(response);
      // Not Secure here: outside production SESSION_COOKIE_SECURE defaults to 0 (see below for 1).
      expect(attributesOf(setCookie)).toEqual(['HttpOnly', `Max-Age=${TTL_SECONDS}`, 'Path=/admin', 'SameSite=Strict']);
      // The very token a bearer gets: signed, with the same claims.
      const token = sessionCookieOf(response).slice('cc_session='.length);
      expect(t.app.get(JwtService).verify(token)).toMatchObject({ username: 'sara.supervisor', role: 'supervisor' });
    });

    it('is refused for a wrong password like a login (401 problem, no cookie), and throttled like one (429)', async () => {
      await addUser('supervisor', 'olga.supervisor');
      const attempt = (password: string) =>
        t
          .http()
          .post(`${API}/auth/session`)
          .set('X-Forwarded-For', '203.0.113.44')
          .send({ username: 'olga.supervisor', password });
      for (let tries = 1; tries <= 5; tries++) {
        const refused = await attempt('wrong-password');
        expect(expectProblem(refused, 401).code).toBe('invalid_credentials');
        expect(refused.headers['set-cookie']).toBeUndefined();
      }
      const throttled = await attempt(TEST_PASSWORD);
      expect(expectProblem(throttled, 429).code).toBe('too_many_login_attempts');
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(800);
      expect(throttled.headers['set-cookie']).toBeUndefined();
    });

    it('validates the body as login does', async () => {
      const response = await t.http().post(`${API}/auth/session`).send({ username: 'x', password: 5 });
      expectProblem(response, 400);
    });

    it('is cleared by signing out', async () => {
      const response = await t.http().delete(`${API}/auth/session`);
      expect(response.status).toBe(204);
      const setCookie = setCookieOf(response);
      expect(setCookie).toMatch(/^cc_session=;/);
      expect(attributesOf(setCookie)).toEqual([
        'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
        'HttpOnly',
        'Max-Age=0',
        'Path=/admin',
        'SameSite=Strict',
      ]);
    });

    it('does not authenticate the JSON API: only a bearer token does', async () => {
      const cookie = await sessionFor('admin', 'bolek.admin');
      expectProblem(await t.http().get(`${API}/cases`).set('Cookie', cookie), 401);
      expectProblem(await t.http().get(`${API}/units`).set('Cookie', cookie), 401);
    });
  });

  describe('who may open the board', () => {
    it('answers 401 without a cookie, and sends a browser to the sign-in page', async () => {
      for (const path of [BOARD, `${BOARD}/`, `${BOARD}/api/queues`, `${BOARD}/queue/${QueueName.FollowUps}`]) {
        expect(expectProblem(await t.http().get(path), 401).code).toBe('unauthenticated');
      }
      const browser = await t.http().get(BOARD).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
      expect(browser.status).toBe(303);
      expect(browser.headers.location).toBe(SIGN_IN);
      // Its files and its mutating calls are behind the cookie too.
      expectProblem(await t.http().put(`${BOARD}/api/queues/${QueueName.FollowUps}/pause`), 401);
    });

    it('refuses a malformed, foreign, expired or revoked cookie like none', async () => {
      await addUser('supervisor', 'ewa.supervisor');
      const jwt = t.app.get(JwtService);
      const { id } = (await t.db.query(`SELECT id FROM users WHERE username = 'ewa.supervisor'`))[0];
      const claims = { sub: id, username: 'ewa.supervisor', role: 'supervisor', unit: null, ver: 0 };
      const expired = jwt.sign(claims, { expiresIn: -60 });
      const foreign =
        'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.x4cF8wPZ0BQ6vN1eKJ1bQ3v3rU2mW0ZrV6gRk3c2a1E';
      for (const token of ['not-a-token', foreign, expired]) {
        const response = await t.http().get(`${BOARD}/api/queues`).set('Cookie', `cc_session=${token}`);
        expectProblem(response, 401);
        const browser = await t.http().get(BOARD).set('Cookie', `cc_session=${token}`).set('Accept', 'text/html');
        expect(browser.status).toBe(303);
      }
    });

    it('refuses a bearer token alone', async () => {
      const bearer = await t.tokenFor('admin', null, 'bartek.admin');
      expectProblem(await t.http().get(BOARD).set('Authorization', bearer), 401);
      expectProblem(await t.http().get(`${BOARD}/api/queues`).set('Authorization', bearer), 401);
    });

    it.each(['agent', 'unit_staff'] as const)('refuses %s with 403', async (role) => {
      const cookie = await sessionFor(role);
      const refused = await t.http().get(`${BOARD}/api/queues`).set('Cookie', cookie);
      expect(expectProblem(refused, 403).code).toBe('forbidden');
      expectProblem(await t.http().get(BOARD).set('Cookie', cookie).set('Accept', 'text/html'), 403);
    });

    it.each(['supervisor', 'admin'] as const)('opens the board to %s, listing every queue', async (role) => {
      const cookie = await sessionFor(role);
      const page = await t.http().get(BOARD).set('Cookie', cookie).set('Accept', 'text/html');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<base href="/admin/queues/"');
      expect(page.headers['content-security-policy']).toContain("script-src 'self';");
      expect(page.headers['x-request-id']).toEqual(expect.any(String));
      const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.text)![1];
      await t.http().get(`${BOARD}/${script}`).set('Cookie', cookie).expect(200);

      const queues = await t.http().get(`${BOARD}/api/queues`).set('Cookie', cookie);
      expect(queues.status).toBe(200);
      const names = queues.body.queues.map((queue: { name: string }) => queue.name);
      expect([...names].sort()).toEqual([...ALL_QUEUES].sort());
    });

    it("refuses a disabled account's cookie at once", async () => {
      const cookie = await sessionFor('supervisor', 'dora.supervisor');
      await t.http().get(`${BOARD}/api/queues`).set('Cookie', cookie).expect(200);
      const admin = await t.tokenFor('admin', null, 'root.admin');
      await t.http().post(`${API}/users/dora.supervisor/disable`).set('Authorization', admin).expect(200);
      expect(expectProblem(await t.http().get(`${BOARD}/api/queues`).set('Cookie', cookie), 401).detail).toMatch(
        /revoked/,
      );
      const browser = await t.http().get(BOARD).set('Cookie', cookie).set('Accept', 'text/html');
      expect(browser.status).toBe(303);
      // Nor can the account open a new session.
      expect(expectProblem(await startSession('dora.supervisor'), 401).code).toBe('account_disabled');
    });
  });

  describe('failed jobs', () => {
    let queue: Queue;
    const connection = { url: process.env.REDIS_URL, maxRetriesPerRequest: null };
    const prefix = `${process.env.REDIS_PREFIX}bull`;

    beforeAll(() => {
      queue = new Queue(QueueName.FollowUps, { connection, prefix });
    });
    afterAll(() => queue.close());

    it('shows a failed job as failed, and a retry from the board puts it back to waiting', async () => {
      const job = await queue.add('board-test', { followUpId: 'f-1' }, { attempts: 1 });
      // A worker that fails it, under the worker's prefix (no worker process runs in the tests).
      const worker = new Worker(
        QueueName.FollowUps,
        async () => {
          throw new Error('relay refused');
        },
        { connection, prefix },
      );
      try {
        const failed = new Promise<Job>((resolve) => worker.on('failed', (failedJob) => resolve(failedJob!)));
        expect((await failed).id).toBe(job.id);
      } finally {
        await worker.close();
      }

      const cookie = await sessionFor('supervisor', 'filip.supervisor');
      const board = await t
        .http()
        .get(`${BOARD}/api/queues`)
        .query({ activeQueue: QueueName.FollowUps, status: 'failed' })
        .set('Cookie', cookie);
      expect(board.status).toBe(200);
      const followUps = board.body.queues.find((item: { name: string }) => item.name === QueueName.FollowUps);
      expect(followUps.counts.failed).toBe(1);
      expect(followUps.jobs).toEqual([expect.objectContaining({ id: job.id, failedReason: 'relay refused' })]);

      const retried = await t
        .http()
        .put(`${BOARD}/api/queues/${QueueName.FollowUps}/${job.id}/retry`)
        .set('Cookie', cookie);
      expect(retried.status).toBeLessThan(300);
      expect(await (await queue.getJob(job.id!))!.getState()).toBe('waiting');
      const after = await t.http().get(`${BOARD}/api/queues`).set('Cookie', cookie);
      const counts = after.body.queues.find((item: { name: string }) => item.name === QueueName.FollowUps).counts;
      expect(counts).toMatchObject({ failed: 0, waiting: 1 });
    });

    it('refuses every change but a retry of failed jobs, to admins too', async () => {
      const job = await queue.add('board-test', { followUpId: 'f-2' }, { delay: 60_000 });
      const cookie = await sessionFor('admin', 'ula.board-admin');
      const queuePath = `${BOARD}/api/queues/${QueueName.FollowUps}`;
      const refused = [
        t.http().post(`${queuePath}/add`).send({ name: 'forged', data: {} }),
        t.http().put(`${queuePath}/${job.id}/clean`),
        t.http().put(`${queuePath}/${job.id}/promote`),
        t.http().put(`${queuePath}/clean/delayed`),
        t.http().put(`${queuePath}/retry/completed`),
        t.http().put(`${queuePath}/pause`),
        t.http().put(`${queuePath}/empty`),
        t.http().put(`${BOARD}/api/queues/pause`),
      ];
      for (const attempt of refused) {
        expect(expectProblem(await attempt.set('Cookie', cookie), 403).code).toBe('board_read_only');
      }
      expect(await (await queue.getJob(job.id!))!.getState()).toBe('delayed');
      expect(await queue.isPaused()).toBe(false);
      const retryFailed = await t.http().put(`${queuePath}/retry/failed`).set('Cookie', cookie);
      expect(retryFailed.status).toBeLessThan(300);
    });
  });

  describe('the sign-in page', () => {
    const postForm = (body: string) =>
      t.http().post(SIGN_IN).set('Content-Type', 'application/x-www-form-urlencoded').send(body);

    it('is a plain form that runs no script', async () => {
      const page = await t.http().get(SIGN_IN);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<form method="post" action="/admin/sign-in">');
      expect(page.text).not.toContain('<script');
      const csp = page.headers['content-security-policy'];
      expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; form-action 'self';/);
      expect(csp).not.toContain('unsafe-inline');
    });

    it('signs in and sends the browser to the board', async () => {
      await addUser('supervisor', 'hanna.supervisor');
      const response = await postForm(`username=hanna.supervisor&password=${encodeURIComponent(TEST_PASSWORD)}`);
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(BOARD);
      expect(attributesOf(setCookieOf(response))).toEqual([
        'HttpOnly',
        `Max-Age=${TTL_SECONDS}`,
        'Path=/admin',
        'SameSite=Strict',
      ]);
      await t.http().get(`${BOARD}/api/queues`).set('Cookie', sessionCookieOf(response)).expect(200);
    });

    it('shows the form again for a wrong password, with a generic message and without the password', async () => {
      await addUser('supervisor', 'irena.supervisor');
      const password = 'my-secret-guess-<b>&"';
      for (const username of ['irena.supervisor', 'nobody.here', 'bad name']) {
        const response = await postForm(
          `username=${encodeURIComponent(username)}&password=${encodeURIComponent(password)}`,
        );
        expect(response.status).toBe(401);
        expect(response.headers['content-type']).toMatch(/^text\/html/);
        expect(response.headers['set-cookie']).toBeUndefined();
        expect(response.text).toContain('The username or password is wrong.');
        expect(response.text).not.toContain('my-secret-guess');
        expect(response.text).not.toContain(encodeURIComponent(password));
      }
    });

    it('is throttled as the API is: 429 with Retry-After after 5 failures', async () => {
      await addUser('supervisor', 'lidia.supervisor');
      const attempt = (password: string) =>
        t
          .http()
          .post(SIGN_IN)
          .set('X-Forwarded-For', '203.0.113.55')
          .set('Content-Type', 'application/x-www-form-urlencoded')
          .send(`username=lidia.supervisor&password=${encodeURIComponent(password)}`);
      for (let tries = 1; tries <= 5; tries++) expect((await attempt('wrong-password')).status).toBe(401);
      const throttled = await attempt(TEST_PASSWORD);
      expect(throttled.status).toBe(429);
      expect(throttled.headers['content-type']).toMatch(/^text\/html/);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(800);
      expect(throttled.text).toContain('Too many failed sign-ins');
      expect(throttled.headers['set-cookie']).toBeUndefined();
    });

    it('refuses a post from another site’s page', async () => {
      await addUser('supervisor', 'jan.supervisor');
      const response = await t
        .http()
        .post(SIGN_IN)
        .set('Origin', 'https://evil.example')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(`username=jan.supervisor&password=${encodeURIComponent(TEST_PASSWORD)}`);
      expect(response.status).toBe(403);
      expect(response.headers['set-cookie']).toBeUndefined();
    });

    it('leaves the JSON API refusing form bodies (415)', async () => {
      const bearer = await t.tokenFor('agent', null, 'kasia.agent');
      const response = await t
        .http()
        .post(`${API}/cases`)
        .set('Authorization', bearer)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('channel=phone&categoryCode=pothole&subject=Dziura');
      expectProblem(response, 415);
      expectProblem(
        await t
          .http()
          .post(`${API}/auth/session`)
          .set('Content-Type', 'application/x-www-form-urlencoded')
          .send(`username=kasia.agent&password=${encodeURIComponent(TEST_PASSWORD)}`),
        415,
      );
    });
  });
});

describe('The session cookie with SESSION_COOKIE_SECURE=1', () => {
  let t: TestApp;

  beforeAll(async () => {
    process.env.SESSION_COOKIE_SECURE = '1';
    t = await TestApp.start();
  });
  afterAll(async () => {
    delete process.env.SESSION_COOKIE_SECURE;
    await t.stop();
  });

  it('is Secure', async () => {
    await t.app
      .get(UsersService)
      .add({ username: 'lena.admin', password: TEST_PASSWORD, role: 'admin', unitCode: null });
    const response = await t
      .http()
      .post(`${API}/auth/session`)
      .send({ username: 'lena.admin', password: TEST_PASSWORD });
    expect(response.status).toBe(204);
    expect(attributesOf(setCookieOf(response))).toEqual([
      'HttpOnly',
      `Max-Age=${TTL_SECONDS}`,
      'Path=/admin',
      'SameSite=Strict',
      'Secure',
    ]);
  });
});

describe('The api with Redis down', () => {
  let t: TestApp;

  beforeAll(async () => {
    process.env.REDIS_URL_BEFORE = process.env.REDIS_URL;
    // Nothing listens there.
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    t = await TestApp.start({ resetRedis: false });
  });
  afterAll(async () => {
    process.env.REDIS_URL = process.env.REDIS_URL_BEFORE;
    delete process.env.REDIS_URL_BEFORE;
    await t.stop();
  });

  it('starts and serves the API; the board answers 503 for its queues instead of waiting', async () => {
    await t.seedCatalogue();
    const bearer = await t.tokenFor('supervisor', null, 'marta.supervisor');
    await t.http().get(`${API}/units`).set('Authorization', bearer).expect(200);
    const session = await t
      .http()
      .post(`${API}/auth/session`)
      .send({ username: 'marta.supervisor', password: TEST_PASSWORD });
    expect(session.status).toBe(204);
    const cookie = sessionCookieOf(session);
    const queues = await t.http().get(`${BOARD}/api/queues`).set('Cookie', cookie);
    expect(expectProblem(queues, 503).code).toBe('queues_unavailable');
    expect(queues.headers['retry-after']).toBe('5');
    await t.http().get(BOARD).set('Cookie', cookie).set('Accept', 'text/html').expect(200);
  }, 30_000);
});
