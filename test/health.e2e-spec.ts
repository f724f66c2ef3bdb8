import { TestApp } from './support/app';

describe('Health when Redis is unreachable', () => {
  let t: TestApp;
  const redisUrl = process.env.REDIS_URL;

  beforeAll(async () => {
    // Nothing listens on port 1: the api must still start, and say that Redis is down.
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    t = await TestApp.start({ resetRedis: false });
  });
  afterAll(async () => {
    await t.stop();
    process.env.REDIS_URL = redisUrl;
  });

  it('answers 503 naming Redis as down and PostgreSQL as up', async () => {
    const response = await t.http().get('/health');
    expect(response.status).toBe(503);
    expect(response.body).toEqual(
      expect.objectContaining({
        status: 'error',
        info: { postgres: { status: 'up' } },
        error: { redis: { status: 'down', message: expect.any(String) } },
      }),
    );
  });
});
