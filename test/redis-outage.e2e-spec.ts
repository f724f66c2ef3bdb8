import { Test, TestingModule } from '@nestjs/testing';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { API, TestApp } from './support/app';
import { eventually, sleep } from './support/eventually';
import { freePort, ThrowawayRedis } from './support/processes';

// The outage and the catching up take some seconds.
jest.setTimeout(60_000);

/**
 * Redis stopped and started again under a running api and worker (a throw-away `redis-server` of this test's own):
 * cases and follow-ups keep being taken meanwhile, and every follow-up fires, once, after Redis is back.
 */
describe('A Redis outage', () => {
  let redis: ThrowawayRedis;
  let t: TestApp;
  let worker: TestingModule;

  beforeAll(async () => {
    redis = new ThrowawayRedis(await freePort());
    await redis.start();
    process.env.REDIS_URL = redis.url;
    t = await TestApp.start();
    await t.seedCatalogue();
    worker = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    await worker.init();
  });
  afterAll(async () => {
    await worker.close();
    await t.stop();
    await redis.stop();
  });

  const pendingInOutbox = async () => {
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM outbox WHERE relayed_at IS NULL`);
    return count as number;
  };
  const followUpsIn = async (status: string) => {
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM follow_ups WHERE status = $1`, [status]);
    return count as number;
  };

  it('delays follow-ups scheduled while Redis is down, and loses none', async () => {
    // Signing in counts attempts in Redis: done before the outage.
    const agent = await t.tokenFor('agent');
    await redis.stop();

    const statuses: number[] = [];
    const intake = await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({ channel: 'phone', categoryCode: 'pothole', subject: 'Dziura w czasie awarii' });
    statuses.push(intake.status);
    const dueAt = new Date(Date.now() + 2000).toISOString();
    for (let batch = 0; batch < 20; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          t
            .http()
            .post(`${API}/cases/${intake.body.number}/follow-ups`)
            .set('Authorization', agent)
            .send({ kind: 'callback', dueAt }),
        ),
      );
      statuses.push(...responses.map((response) => response.status));
    }
    expect(statuses).toEqual([201, ...Array(200).fill(201)]);
    // The case's SLA timers and the 200 follow-ups wait in the outbox; past their due time nothing fires.
    expect(await pendingInOutbox()).toBe(202);
    await sleep(2500);
    expect(await followUpsIn('scheduled')).toBe(200);

    await redis.start();
    await eventually(
      () => followUpsIn('due'),
      (count) => count === 200,
      { timeoutMs: 30_000 },
    );
    expect(await pendingInOutbox()).toBe(0);
    const [{ events, followUps }] = await t.db.query(
      `SELECT count(*)::int AS events, count(DISTINCT data ->> 'followUpId')::int AS "followUps"
         FROM case_events WHERE type = 'follow_up_due'`,
    );
    expect({ events, followUps }).toEqual({ events: 200, followUps: 200 });
  });
});
