import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp } from '../support/app';
import { capturedLogs } from '../support/captured-logs';

/** How the api serves the built pages: the same page for each of the front end's paths, nothing else changed. */
describe('The web front end as the api serves it', () => {
  let t: TestApp;
  const { logger, lines: logLines } = capturedLogs();

  beforeAll(async () => {
    t = await TestApp.start({ logger });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it.each(['/', '/track', '/visits', '/visits/manage', '/staff', '/staff/sign-in', '/staff/cases/2026-000001-5'])(
    'answers %s with the page, revalidated each time, under a policy that lets nothing in from elsewhere',
    async (path) => {
      const response = await t.http().get(path).expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
          "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      );
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.text).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
      // Nothing inline for the policy to have to allow.
      expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/);
    },
  );

  it('serves the hashed assets for a year, and the api keeps its own answers', async () => {
    const script = readdirSync(join(__dirname, '../../dist/web/assets')).find((name) => /^index-.*\.js$/.test(name));
    const asset = await t.http().get(`/assets/${script}`).expect(200);
    expect(asset.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    for (const path of ['/nothing-here', '/assets/nothing.js', '/staffroom', '/api/v1/nothing']) {
      const missing = await t.http().get(path).expect(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const api = await t.http().get('/api/v1/cases').expect(401);
    expect(api.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    // Answers with personal data are kept by no browser or proxy.
    expect(api.headers['cache-control']).toBe('no-store');
  });

  it('logs the page’s pattern, never a path typed after it (it may hold a visit code)', async () => {
    await t.http().get('/visits/7KQ2M9XD').expect(200);
    const line = logLines.filter((entry) => entry.msg === 'request').at(-1);
    expect(line).toMatchObject({ method: 'GET', path: '/visits/*', status: 200 });
    expect(JSON.stringify(logLines)).not.toContain('7KQ2M9XD');
  });
});
