import { API, TestApp } from './support/app';

/** Starts an api with some settings changed for its lifetime. */
async function startWith(env: Record<string, string>): Promise<{ t: TestApp; restore: () => Promise<void> }> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  const t = await TestApp.start({ resetRedis: false });
  return {
    t,
    restore: async () => {
      await t.stop();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}

describe('Guard rails of the HTTP api', () => {
  describe('by default', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.start();
    });
    afterAll(() => t.stop());

    it('sends security headers on answers and problems alike', async () => {
      for (const response of [await t.http().get('/health'), await t.http().get(`${API}/cases`)]) {
        expect(response.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'SAMEORIGIN',
          'referrer-policy': 'no-referrer',
          'cross-origin-opener-policy': 'same-origin',
        });
        expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('lets no other site call it from a browser (no CORS headers, preflight refused)', async () => {
      const read = await t.http().get('/health').set('Origin', 'https://evil.example');
      expect(read.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t
        .http()
        .options(`${API}/cases`)
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.status).toBe(404);
    });

    it('serves the API documentation outside production, letting only its pages run their inline code', async () => {
      expect((await t.http().get('/api/docs-json')).status).toBe(200);
      const page = await t.http().get('/api/docs');
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toBe(
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
          "img-src 'self' data:; frame-ancestors 'none'",
      );
    });
  });

  describe('configured', () => {
    let t: TestApp;
    let restore: () => Promise<void>;
    beforeAll(async () => {
      ({ t, restore } = await startWith({ CORS_ORIGINS: 'https://cc.gdansk.pl', API_DOCS: '0' }));
    });
    afterAll(() => restore());

    it('answers CORS for the configured origin only', async () => {
      const preflight = await t
        .http()
        .options(`${API}/cases`)
        .set('Origin', 'https://cc.gdansk.pl')
        .set('Access-Control-Request-Method', 'PATCH')
        .set('Access-Control-Request-Headers', 'authorization,if-match,content-type');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://cc.gdansk.pl');
      expect(preflight.headers['access-control-allow-methods']).toContain('PATCH');
      expect(preflight.headers['access-control-allow-headers']).toContain('If-Match');
      const read = await t.http().get('/health').set('Origin', 'https://cc.gdansk.pl');
      expect(read.headers['access-control-allow-origin']).toBe('https://cc.gdansk.pl');
      expect(read.headers['access-control-expose-headers']).toContain('ETag');
      const other = await t.http().get('/health').set('Origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('does not serve the API documentation when API_DOCS=0', async () => {
      expect((await t.http().get('/api/docs-json')).status).toBe(404);
      expect((await t.http().get('/api/docs')).status).toBe(404);
    });
  });
});
