import { CaseQueries } from '@app/cases';
import { API, expectProblem, TestApp } from './support/app';
import { capturedLogs } from './support/captured-logs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Request ids', () => {
  let t: TestApp;
  let agent: string;
  const { logger, lines: logLines } = capturedLogs();

  beforeAll(async () => {
    t = await TestApp.start({ logger });
    await t.seedCatalogue();
    agent = await t.tokenFor('agent');
  });
  afterAll(() => t.stop());

  it('keeps a sane X-Request-Id of the client and echoes it', async () => {
    const response = await t.http().get('/health').set('X-Request-Id', 'call-centre.desk-7:42_a');
    expect(response.headers['x-request-id']).toBe('call-centre.desk-7:42_a');
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['with spaces', 'two words'],
    ['with a slash', 'a/b'],
    ['empty', ''],
  ])('replaces a client id that is %s by a fresh UUID', async (_label, offered) => {
    const response = await t.http().get('/health').set('X-Request-Id', offered);
    expect(response.headers['x-request-id']).toMatch(UUID);
  });

  it('gives every request a fresh id when the client sends none', async () => {
    const [first, second] = await Promise.all([t.http().get('/health'), t.http().get('/health')]);
    expect(first.headers['x-request-id']).toMatch(UUID);
    expect(second.headers['x-request-id']).toMatch(UUID);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
  });

  it('names the request id in problem bodies, including errors Fastify raises itself', async () => {
    const notFound = await t.http().get(`${API}/cases/2026-000001-5`).set('Authorization', agent);
    expect(expectProblem(notFound, 404).requestId).toBe(notFound.headers['x-request-id']);
    const badUrl = await t.http().get(`${API}/cases/%E0%A4%A`).set('X-Request-Id', 'bad-url-1');
    expect(badUrl.headers['x-request-id']).toBe('bad-url-1');
    expect(expectProblem(badUrl, 400).requestId).toBe('bad-url-1');
  });

  it('answers an unexpected failure with a 500 that names the id, and logs it under that id without details', async () => {
    const failure = jest
      .spyOn(t.app.get(CaseQueries), 'get')
      .mockRejectedValueOnce(new Error('driver said: row of Jan Kowalski'));
    const response = await t
      .http()
      .get(`${API}/cases/2026-000001-5`)
      .set('Authorization', agent)
      .set('X-Request-Id', 'support-ticket-500');
    failure.mockRestore();
    expect(response.status).toBe(500);
    expect(response.headers['x-request-id']).toBe('support-ticket-500');
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred.',
      requestId: 'support-ticket-500',
    });
    // pino writes asynchronously; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = logLines.filter((line) => line.requestId === 'support-ticket-500');
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [50, 'Unhandled Error: driver said: row of Jan Kowalski'],
      [50, 'request'],
    ]);
    expect(lines[1]).toMatchObject({ method: 'GET', path: '/api/v1/cases/2026-000001-5', status: 500 });
  });
});
