import { getQueueToken } from '@nestjs/bullmq';
import { Test, TestingModule } from '@nestjs/testing';
import { Job, Queue } from 'bullmq';
import { QueueName } from '@app/core';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { IdempotencyPurgeProcessor, PURGE_SCHEDULE_ID } from '../libs/cases/src/jobs/idempotency-purge.processor';
import { ReservationSweepProcessor, SWEEP_SCHEDULE_ID } from '../libs/cases/src/jobs/reservation-sweep.processor';
import { API, TestApp } from './support/app';

describe('Worker', () => {
  let t: TestApp;
  let worker: TestingModule;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    worker = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    await worker.init();
  });
  afterAll(async () => {
    await worker.close();
    await t.stop();
  });

  it('schedules the purge of idempotency records every 15 minutes', async () => {
    const queue = worker.get<Queue>(getQueueToken(QueueName.IdempotencyPurge));
    const scheduler = await queue.getJobScheduler(PURGE_SCHEDULE_ID);
    expect(scheduler).toEqual(expect.objectContaining({ key: PURGE_SCHEDULE_ID, every: 15 * 60 * 1000 }));
  });

  it('deletes only expired idempotency records, and may run again harmlessly', async () => {
    const processor = worker.get(IdempotencyPurgeProcessor);
    // The scheduled run must not race this test's own calls.
    await processor.worker.pause();
    const agent = await t.tokenFor('agent');
    for (const key of ['fresh', 'stale-1', 'stale-2']) {
      await t
        .http()
        .post(`${API}/cases`)
        .set('Authorization', agent)
        .set('Idempotency-Key', key)
        .send({ channel: 'phone', categoryCode: 'pothole', subject: `Sprawa ${key}` })
        .expect(201);
    }
    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key LIKE 'stale-%'`);
    expect(await processor.process({} as Job)).toEqual({ deleted: 2 });
    expect(await processor.process({} as Job)).toEqual({ deleted: 0 });
    const left: { key: string }[] = await t.db.query(`SELECT key FROM idempotency_keys`);
    expect(left).toEqual([{ key: 'fresh' }]);
    expect(await t.count('cases')).toBe(3);
  });

  it('gives every processor a handler for queue connection errors (an unhandled one would crash the worker)', () => {
    for (const processor of [worker.get(IdempotencyPurgeProcessor), worker.get(ReservationSweepProcessor)]) {
      expect(processor.worker.listenerCount('error')).toBeGreaterThan(0);
    }
  });

  it('schedules the sweep of stale assignee reservations every minute', async () => {
    const queue = worker.get<Queue>(getQueueToken(QueueName.ReservationSweep));
    const scheduler = await queue.getJobScheduler(SWEEP_SCHEDULE_ID);
    expect(scheduler).toEqual(expect.objectContaining({ key: SWEEP_SCHEDULE_ID, every: 60 * 1000 }));
  });

  it('takes back a reservation whose case was never written, and only once', async () => {
    const processor = worker.get(ReservationSweepProcessor);
    await processor.worker.pause();
    await t.tokenFor('unit_staff', 'roads', 'ala');
    const agent = await t.tokenFor('agent', null, 'agent-sweep');
    const stored = await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({ channel: 'phone', categoryCode: 'pothole', subject: 'Dziura' })
      .expect(201);
    expect(stored.body.assignee).toBe('ala');
    // An api that died between its two intake statements: a number and a reservation, no case.
    await t.asOwner(`SELECT * FROM take_case_number(2026::smallint, 'roads', gen_random_uuid())`);
    const load = async () =>
      (await t.asOwner<{ open_cases: number }>(`SELECT open_cases FROM users WHERE username = 'ala'`))[0].open_cases;
    expect(await load()).toBe(2);
    expect(await t.asOwner(`SELECT 1 FROM assignment_reservations`)).toHaveLength(1);

    // Fresh reservations belong to intakes still at work: left alone.
    expect(await processor.process({} as Job)).toEqual({ swept: 0 });
    await t.asOwner(`UPDATE assignment_reservations SET reserved_at = now() - interval '6 minutes'`);
    expect(await processor.process({} as Job)).toEqual({ swept: 1 });
    expect(await processor.process({} as Job)).toEqual({ swept: 0 });
    expect(await load()).toBe(1);
    expect(await t.asOwner(`SELECT 1 FROM assignment_reservations`)).toHaveLength(0);
  });
});
