import { MIGRATIONS } from '../libs/core/src/database/migrations';
import { API, expectProblem, TEST_PASSWORD, TestApp } from './support/app';
import { runCli } from './support/cli';

describe('npm run cli', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('seed:demo is all or nothing: a clash half-way leaves nothing of it behind', async () => {
    await t.db.query(`INSERT INTO units (code, name) VALUES ('usc', 'Already here')`);
    const result = await runCli(['seed:demo']);
    expect(result.exitCode).toBe(2);
    expect(result.err).toContain('already exists');
    expect([
      await t.count('units'),
      await t.count('categories'),
      await t.count('users'),
      await t.count('routing_rules'),
      await t.count('offices'),
    ]).toEqual([1, 0, 0, 0, 0]);
    await t.reset();
  });

  it('seed:demo loads the demo catalogue and users once, and --if-empty leaves a loaded catalogue alone', async () => {
    const first = await runCli(['seed:demo', '--if-empty']);
    expect(first.out).toContain('Loaded DEMO data: 14 units, 23 categories, 10 users.');
    expect(first.out).toContain('Loaded DEMO offices: 6 offices, 8 visit services.');
    for (const [username, role] of [
      ['demo.agent', 'agent'],
      ['demo.supervisor', 'supervisor'],
      ['demo.admin', 'admin'],
      ['demo.gzdiz', 'unit_staff'],
      ['demo.gzdiz.2', 'unit_staff'],
      ['demo.gzdiz.3', 'unit_staff'],
      ['demo.gzdiz.polnoc', 'unit_staff'],
      ['demo.straz', 'unit_staff'],
      ['demo.straz.2', 'unit_staff'],
      ['demo.zom', 'unit_staff'],
    ]) {
      expect(first.out).toContain(`\n  ${username.padEnd(18)} ${role}`);
    }
    expect(await t.count('units')).toBe(14);
    expect(await t.count('categories')).toBe(23);
    expect(await t.count('users')).toBe(10);
    expect(await t.count('routing_rules')).toBe(5);
    expect([await t.count('offices'), await t.count('visit_services')]).toEqual([6, 8]);
    const second = await runCli(['seed:demo', '--if-empty']);
    expect(second.out).toBe('The database already has units or users; demo data not loaded.');
    expect(await t.count('units')).toBe(14);
    expect(await t.count('routing_rules')).toBe(5);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM categories WHERE unit_code IS NULL`);
    expect(n).toBe(3);
    await t.http().post(`${API}/auth/login`).send({ username: 'demo.agent', password: 'demo-password' }).expect(200);
  });

  it('users:add creates a user who can sign in, reading the password from stdin and printing no secret', async () => {
    const result = await runCli(
      ['users:add', '--username', 'jan.kowalski', '--role', 'unit_staff', '--unit', 'gzdiz'],
      'Tajne-Haslo-2026',
    );
    expect(result.exitCode).toBe(0);
    expect(result.out).toBe('Created unit_staff jan.kowalski in unit gzdiz.');
    expect(result.out + result.err).not.toContain('Tajne-Haslo-2026');
    const [stored] = await t.db.query(
      `SELECT password_hash, role, unit_code FROM users WHERE username = 'jan.kowalski'`,
    );
    expect(stored).toEqual({
      password_hash: expect.stringMatching(/^\$argon2id\$/),
      role: 'unit_staff',
      unit_code: 'gzdiz',
    });
    const login = await t
      .http()
      .post(`${API}/auth/login`)
      .send({ username: 'jan.kowalski', password: 'Tajne-Haslo-2026' });
    expect(login.status).toBe(200);
  });

  it.each([
    [['--username', 'ala', '--role', 'agent'], 'short', 'at least 12 characters'],
    [['--username', 'ala', '--role', 'mayor'], 'long-enough-password', 'role must be one of'],
    [['--username', 'ala', '--role', 'unit_staff'], 'long-enough-password', 'needs a unit (--unit'],
    [['--username', 'ala', '--role', 'unit_staff', '--unit', 'nowhere'], 'long-enough-password', 'no unit nowhere'],
    [['--username', 'jan.kowalski', '--role', 'agent'], 'long-enough-password', 'already exists'],
  ])('users:add %j refuses with one line and exit code 2, creating nobody', async (args, password, message) => {
    const before = await t.count('users');
    const result = await runCli(['users:add', ...args], password);
    expect(result.exitCode).toBe(2);
    expect(result.err).toContain(message);
    expect(await t.count('users')).toBe(before);
  });

  it('users:disable refuses sign-in at once, and the api refuses tokens already issued within its refresh', async () => {
    const token = await t.tokenFor('agent', null, 'olga.agent');
    await t.http().get(`${API}/units`).set('Authorization', token).expect(200);

    const disabled = await runCli(['users:disable', '--username', 'Olga.Agent']);
    expect(disabled).toEqual({
      out: 'olga.agent (agent) is disabled; tokens issued before are refused within a minute.',
      err: '',
      exitCode: 0,
    });
    const login = await t.http().post(`${API}/auth/login`).send({ username: 'olga.agent', password: TEST_PASSWORD });
    expect(expectProblem(login, 401).code).toBe('account_disabled');
    // The api runs in another process than the command: it notices on its next reload (200 ms here, 15 s by default).
    const since = Date.now();
    while ((await t.http().get(`${API}/units`).set('Authorization', token)).status === 200) {
      expect(Date.now() - since).toBeLessThan(5000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const refused = await t.http().get(`${API}/units`).set('Authorization', token);
    expect(expectProblem(refused, 401).detail).toContain('revoked');

    expect((await runCli(['users:enable', '--username', 'olga.agent'])).out).toBe(
      'olga.agent (agent) is enabled; tokens issued before are refused within a minute.',
    );
    await t.http().post(`${API}/auth/login`).send({ username: 'olga.agent', password: TEST_PASSWORD }).expect(200);
    // Enabling again does not bring the old token back.
    expectProblem(await t.http().get(`${API}/units`).set('Authorization', token), 401);
  });

  it('users:set-role changes role and unit, and users:* refuse unknown users and roles with exit code 2', async () => {
    await t.tokenFor('agent', null, 'piotr.agent');
    const changed = await runCli([
      'users:set-role',
      '--username',
      'piotr.agent',
      '--role',
      'unit_staff',
      '--unit',
      'gzdiz',
    ]);
    expect(changed.out).toBe(
      'piotr.agent (unit_staff in unit gzdiz) is enabled; tokens issued before are refused within a minute.',
    );
    const [stored] = await t.db.query(
      `SELECT role, unit_code, token_version FROM users WHERE username = 'piotr.agent'`,
    );
    expect(stored).toEqual({ role: 'unit_staff', unit_code: 'gzdiz', token_version: 1 });
    for (const [args, message] of [
      [['users:disable', '--username', 'nobody.here'], 'There is no user nobody.here.'],
      [['users:set-role', '--username', 'piotr.agent', '--role', 'mayor'], 'The role must be one of'],
      [['users:set-role', '--username', 'piotr.agent', '--role', 'unit_staff', '--unit', 'nowhere'], 'no unit nowhere'],
    ]) {
      const result = await runCli(args as string[]);
      expect({ args, exitCode: result.exitCode }).toEqual({ args, exitCode: 2 });
      expect(result.err).toContain(message);
    }
    const [after] = await t.db.query(`SELECT role, unit_code, token_version FROM users WHERE username = 'piotr.agent'`);
    expect(after).toEqual(stored);
  });

  it('migrate reports an up-to-date schema', async () => {
    const result = await runCli(['migrate']);
    expect(result.out).toBe('Database schema is up to date.');
    const applied = await t.asOwner<{ name: string }>(`SELECT name FROM migrations ORDER BY id`);
    expect(applied.map((migration) => migration.name)).toEqual(MIGRATIONS.map((migration) => new migration().name));
  });
});
