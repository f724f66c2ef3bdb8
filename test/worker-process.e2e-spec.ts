import { Queue } from 'bullmq';
import { Client } from 'pg';
import { appConfigFromEnv, QueueName, queueConnection } from '@app/core';
import { API, TestApp } from './support/app';
import { eventually, sleep } from './support/eventually';
import { WorkerProcess } from './support/processes';
import { TEST_APP_DATABASE_URL } from './support/test-env';

// These tests wait for the worker, which acts at the instants the tests set.
jest.setTimeout(60_000);

/** A short hold on running jobs, so that one a killed worker held is taken up again within seconds. */
const LOCK_MS = '2000';

/**
 * The worker as a process of its own, stopped as a deployment would stop it (SIGTERM) and killed outright (SIGKILL)
 * while jobs are running: no job is lost and none has its effect twice.
 */
describe('The worker process', () => {
  let t: TestApp;
  let agent: string;
  let queue: Queue;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    agent = await t.tokenFor('agent');
    queue = new Queue(QueueName.FollowUps, queueConnection(appConfigFromEnv()));
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await queue.close();
    await t.stop();
  });

  async function startWorker(): Promise<WorkerProcess> {
    const worker = await WorkerProcess.start({ QUEUE_LOCK_MS: LOCK_MS });
    workers.push(worker);
    return worker;
  }

  /** Ten call-backs on a new case, due at once. */
  async function tenDueCallBacks(): Promise<{ number: string; ids: string[] }> {
    const created = await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({ channel: 'phone', categoryCode: 'pothole', subject: 'Oddzwonić' })
      .expect(201);
    const ids: string[] = [];
    for (let index = 0; index < 10; index++) {
      const response = await t
        .http()
        .post(`${API}/cases/${created.body.number}/follow-ups`)
        .set('Authorization', agent)
        .send({ kind: 'callback', dueAt: new Date().toISOString() })
        .expect(201);
      ids.push(response.body.id);
    }
    return { number: created.body.number, ids };
  }

  /** Holds the rows locked in a transaction of its own, so that jobs on them stay running until it ends. */
  async function holdRows(ids: string[]): Promise<Client> {
    const client = new Client({ connectionString: TEST_APP_DATABASE_URL });
    await client.connect();
    await client.query('BEGIN');
    await client.query(`SELECT 1 FROM follow_ups WHERE id = ANY($1::uuid[]) FOR UPDATE`, [ids]);
    return client;
  }

  async function release(client: Client): Promise<void> {
    await client.query('COMMIT');
    await client.end();
  }

  const dueCount = async (ids: string[]) => {
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM follow_ups WHERE id = ANY($1::uuid[]) AND status = 'due'`,
      [ids],
    );
    return count as number;
  };

  /** How many follow_up_due events each follow-up got. */
  async function dueEventsPer(ids: string[]): Promise<number[]> {
    const rows: { count: number }[] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM case_events e
                 WHERE e.type = 'follow_up_due' AND e.data ->> 'followUpId' = wanted.id::text) AS count
         FROM unnest($1::uuid[]) WITH ORDINALITY AS wanted(id, position)
        ORDER BY wanted.position`,
      [ids],
    );
    return rows.map((row) => row.count);
  }

  /** Ten call-backs due at once and a worker that made seven due and is still running the three held ones. */
  async function aWorkerWithThreeJobsRunning(): Promise<{ ids: string[]; lock: Client; worker: WorkerProcess }> {
    const { ids } = await tenDueCallBacks();
    const lock = await holdRows(ids.slice(0, 3));
    const worker = await startWorker();
    await eventually(
      () => dueCount(ids),
      (count) => count === 7,
      { timeoutMs: 15_000 },
    );
    await eventually(
      () => queue.getActiveCount(),
      (count) => count === 3,
    );
    return { ids, lock, worker };
  }

  it('lets running jobs finish on SIGTERM, then exits cleanly', async () => {
    const { ids, lock, worker } = await aWorkerWithThreeJobsRunning();

    worker.signal('SIGTERM');
    await sleep(1000);
    expect(worker.running).toBe(true); // still finishing its three jobs
    await release(lock);
    expect(await worker.exited()).toBe(0);
    expect(await dueCount(ids)).toBe(10);
    expect(await dueEventsPer(ids)).toEqual(Array(10).fill(1));
    expect(await queue.getActiveCount()).toBe(0);
    expect(await queue.getFailedCount()).toBe(0);
  });

  it('loses no job and does none twice in effect when killed mid-job (kill -9)', async () => {
    const { ids, lock, worker: doomed } = await aWorkerWithThreeJobsRunning();

    doomed.signal('SIGKILL');
    expect(await doomed.exited()).toBeNull();
    await release(lock);
    // The three jobs are still "active" under the dead worker's lock; BullMQ's stalled-job check hands them on.
    await startWorker();
    await eventually(
      () => queue.getActiveCount(),
      (count) => count === 0,
      { timeoutMs: 20_000 },
    );
    await eventually(
      () => dueCount(ids),
      (count) => count === 10,
      { timeoutMs: 20_000 },
    );
    expect(await dueEventsPer(ids)).toEqual(Array(10).fill(1));
    expect(await queue.getFailedCount()).toBe(0);
  });
});
