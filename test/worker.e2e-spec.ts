import { getQueueToken } from '@nestjs/bullmq';
import { Test, TestingModule } from '@nestjs/testing';
import { Job, Queue } from 'bullmq';
import { QueueName } from '@app/core';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { IdempotencyPurgeProcessor, PURGE_SCHEDULE_ID } from '../libs/cases/src/jobs/idempotency-purge.processor';
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
});
