import { Test, TestingModule } from '@nestjs/testing';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { addCalendarDays, businessDateOf, isPublicHoliday } from '@app/core';
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

  it("keeps the residents' doors open, their limits counted in each process meanwhile", async () => {
    const agent = await t.tokenFor('agent', null, 'agent-2');
    const key = await t.addApiKey('outage-client');
    const created = await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({ channel: 'phone', categoryCode: 'pothole', subject: 'Dziura' })
      .expect(201);
    await redis.stop();
    try {
      const track = (code: string) =>
        t.http().get(`${API}/track/${created.body.number}`).query({ code }).set('X-Forwarded-For', '10.7.7.7');
      expect((await track(created.body.trackingCode)).status).toBe(200);
      const misses: number[] = [];
      for (let miss = 0; miss < 101; miss++) misses.push((await track('ZZZZZZZ0')).status);
      expect(misses).toEqual([...Array(100).fill(404), 429]);
      expect((await track(created.body.trackingCode)).status).toBe(429);

      await t.http().get('/open311/v2/services.json').expect(200);
      const posted = await t
        .http()
        .post('/open311/v2/requests.json')
        .type('form')
        .send({ api_key: key, service_code: 'pothole', address_string: 'ul. Długa 1' });
      expect(posted.status).toBe(200);
      expect(posted.body[0].service_request_id).toMatch(/^\d{4}-\d{6}-\d$/);
    } finally {
      await redis.start();
    }
    // The Open311 case's SLA timers waited in the outbox: relayed once Redis is back (and the next test starts clean).
    await eventually(pendingInOutbox, (count) => count === 0, { timeoutMs: 30_000 });
  });

  it('keeps visit booking open: slots, bookings with their reminders in the outbox, codes', async () => {
    const admin = await t.tokenFor('admin', null, 'admin-outage');
    await t
      .http()
      .post(`${API}/offices`)
      .set('Authorization', admin)
      .send({ code: 'zom-1', name: 'ZOM', address: 'ul. Długa 1', desks: 2 })
      .expect(201);
    const everyDay = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((day) => [day, [['08:00', '16:00']]]));
    await t
      .http()
      .put(`${API}/offices/zom-1/opening-hours`)
      .set('Authorization', admin)
      .send({ weekly: everyDay })
      .expect(200);
    await t
      .http()
      .post(`${API}/visit-services`)
      .set('Authorization', admin)
      .send({ code: 'id-card', name: 'Dowód', durationMinutes: 30, officeCodes: ['zom-1'] })
      .expect(201);
    // The day after tomorrow at the earliest, so that the visit's reminder (a day before it) lies ahead.
    let date = businessDateOf(new Date());
    do date = addCalendarDays(date, 1);
    while (isPublicHoliday(date) || date === addCalendarDays(businessDateOf(new Date()), 1));
    await redis.stop();
    try {
      const slots = await t
        .http()
        .get(`${API}/visits/slots`)
        .query({ officeCode: 'zom-1', serviceCode: 'id-card', date })
        .expect(200);
      const book = (phone: string) =>
        t
          .http()
          .post(`${API}/visits`)
          .send({
            officeCode: 'zom-1',
            serviceCode: 'id-card',
            start: slots.body.items[0].start,
            resident: { name: 'Ola', phone },
          });
      const kept = await book('+48 600 100 201').expect(201);
      const dropped = await book('+48 600 100 202').expect(201);
      await t.http().get(`${API}/visits/${kept.body.code}`).expect(200);
      await t.http().delete(`${API}/visits/${dropped.body.code}`).expect(200);
      // The kept visit's reminder waits in the outbox; the cancelled one's is gone.
      expect(await pendingInOutbox()).toBe(1);
    } finally {
      await redis.start();
    }
    await eventually(pendingInOutbox, (count) => count === 0, { timeoutMs: 30_000 });
  });

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
