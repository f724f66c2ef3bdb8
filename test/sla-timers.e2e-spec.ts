import { Test, TestingModule } from '@nestjs/testing';
import { SlaSweepProcessor, SlaTimersUseCase } from '@app/cases';
import { slaWarningAt } from '@app/routing';
import { Job } from 'bullmq';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { API, TestApp } from './support/app';
import { eventually, sleep } from './support/eventually';

const HOUR_MS = 3600 * 1000;

// These tests wait for the worker, which acts at the instants the tests set.
jest.setTimeout(20_000);

/** SLA warnings and breaches, planned by every case write and run by a real worker on the real Redis. */
describe('SLA timers', () => {
  let t: TestApp;
  let worker: TestingModule;
  let agent: string;
  let supervisor: string;
  let roadsStaff: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    // A one-hour SLA: a case received 58 minutes ago is due in two minutes, one received an hour ago in seconds.
    await t.db.query(
      `INSERT INTO categories (code, name, unit_code, sla_kind, sla_amount, is_public)
       VALUES ('leak', 'Water leak', 'roads', 'hours', 1, true)`,
    );
    agent = await t.tokenFor('agent');
    supervisor = await t.tokenFor('supervisor');
    roadsStaff = await t.tokenFor('unit_staff', 'roads');
    worker = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    await worker.init();
  });
  afterAll(async () => {
    await worker.close();
    await t.stop();
  });

  /** A case whose deadline is `dueInMs` from now (a one-hour SLA, received an hour minus that ago). */
  async function caseDueIn(
    dueInMs: number,
    priority = 'normal',
  ): Promise<{ number: string; id: string; dueAt: string }> {
    const receivedAt = new Date(Date.now() - HOUR_MS + dueInMs);
    const response = await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({ channel: 'phone', categoryCode: 'leak', subject: 'Wyciek wody', receivedAt, priority })
      .expect(201);
    return response.body;
  }

  const read = (number: string) => t.http().get(`${API}/cases/${number}`).set('Authorization', agent).expect(200);

  async function historyOf(number: string): Promise<{ type: string; actor: string; data: Record<string, unknown> }[]> {
    const response = await t.http().get(`${API}/cases/${number}/history`).set('Authorization', agent).expect(200);
    return response.body.items;
  }

  const typesOf = async (number: string, ...types: string[]) =>
    (await historyOf(number)).filter((event) => types.includes(event.type));

  function transition(number: string, to: string, extra: Record<string, unknown> = {}) {
    return t
      .http()
      .post(`${API}/cases/${number}/transitions`)
      .set('Authorization', roadsStaff)
      .send({ to, ...extra })
      .expect(200);
  }

  async function timersOf(caseId: string): Promise<{ name: string; run_at: Date }[]> {
    return t.db.query(
      `SELECT name, run_at FROM outbox WHERE queue = 'sla-timers' AND payload ->> 'caseId' = $1 ORDER BY id`,
      [caseId],
    );
  }

  it('queues a warning and a breach with the case, in its intake statement', async () => {
    const response = await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({ channel: 'phone', categoryCode: 'pothole', subject: 'Dziura' })
      .expect(201);
    const dueAt = new Date(response.body.dueAt);
    expect(await timersOf(response.body.id)).toEqual([
      { name: 'sla-warning', run_at: slaWarningAt(dueAt) },
      { name: 'sla-breach', run_at: new Date(dueAt.getTime() + 1) },
    ]);
    expect(response.body.escalated).toBe(false);
  });

  it('warns at once of a case due soon, and at its deadline records the breach and escalates it', async () => {
    const created = await caseDueIn(2000);
    await eventually(
      () => typesOf(created.number, 'sla_warning'),
      (events) => events.length === 1,
    );
    // The warning leaves the case as staff see it: same version, nobody's If-Match fails.
    expect((await read(created.number)).body.version).toBe(1);

    const breached = await eventually(
      () => typesOf(created.number, 'sla_breached'),
      (events) => events.length === 1,
      { timeoutMs: 8000 },
    );
    expect(breached).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(String),
        type: 'sla_breached',
        actor: 'system',
        data: { dueDate: expect.any(String), dueAt: created.dueAt, priority: { from: 'normal', to: 'high' } },
      },
    ]);
    const after = (await read(created.number)).body;
    expect(after).toEqual(expect.objectContaining({ priority: 'high', escalated: true, sla: 'overdue', version: 2 }));
    // Supervisors find it among the overdue cases.
    const overdue = await t.http().get(`${API}/cases?sla=overdue`).set('Authorization', supervisor).expect(200);
    expect(overdue.body.items.map((item: { number: string }) => item.number)).toContain(created.number);
    await sleep(500);
    expect(await typesOf(created.number, 'sla_warning', 'sla_breached')).toHaveLength(2);
  });

  it('has the effect of one when a timer runs twice', async () => {
    const created = await caseDueIn(60_000, 'high');
    const timers = worker.get(SlaTimersUseCase);
    const afterDue = new Date(new Date(created.dueAt).getTime() + 1);
    expect(await timers.fire('sla-breach', created.id, afterDue)).toEqual({ outcome: 'recorded' });
    expect(await timers.fire('sla-breach', created.id, afterDue)).toEqual({ outcome: 'nothing_to_do' });
    const events = await typesOf(created.number, 'sla_breached');
    expect(events.map((event) => event.data.priority)).toEqual([{ from: 'high', to: 'urgent' }]);
    expect((await read(created.number)).body).toEqual(expect.objectContaining({ priority: 'urgent', version: 2 }));
  });

  it('records one warning however many timers race for it, and an edit does not undo it', async () => {
    const created = await caseDueIn(60_000);
    const timers = worker.get(SlaTimersUseCase);
    // The worker's own timer for it is running too.
    await Promise.all(Array.from({ length: 5 }, () => timers.fire('sla-warning', created.id)));
    await eventually(
      () => typesOf(created.number, 'sla_warning'),
      (events) => events.length === 1,
    );

    await t
      .http()
      .patch(`${API}/cases/${created.number}`)
      .set('Authorization', agent)
      .set('If-Match', '"1"')
      .send({ subject: 'Wyciek wody, zalana piwnica' })
      .expect(200);
    expect(await timers.fire('sla-warning', created.id)).toEqual({ outcome: 'nothing_to_do' });
    expect(await worker.get(SlaSweepProcessor).process({} as Job)).toEqual({ breached: 0, warned: 0 });
    expect(await typesOf(created.number, 'sla_warning')).toHaveLength(1);
  });

  it('a timer that runs early is told when to come back', async () => {
    const created = await caseDueIn(60_000);
    const dueAt = new Date(created.dueAt);
    const early = await worker.get(SlaTimersUseCase).fire('sla-breach', created.id, new Date(dueAt.getTime() - 5000));
    expect(early).toEqual({ notBefore: new Date(dueAt.getTime() + 1) });
  });

  it('does nothing for a case resolved before its deadline', async () => {
    const created = await caseDueIn(1500);
    await transition(created.number, 'in_progress');
    await transition(created.number, 'resolved', { resolution: 'Zakręcono zawór' });
    await sleep(3000);
    expect(await typesOf(created.number, 'sla_breached')).toEqual([]);
    expect((await read(created.number)).body).toEqual(
      expect.objectContaining({ priority: 'normal', escalated: false, sla: null }),
    );
  });

  it('stands still while the case waits, and runs on from the moved deadline when it stops waiting', async () => {
    const created = await caseDueIn(1500);
    await transition(created.number, 'waiting');
    await sleep(3000);
    expect(await typesOf(created.number, 'sla_breached')).toEqual([]);

    const resumed = await transition(created.number, 'in_progress');
    const movedDueAt = new Date(resumed.body.dueAt);
    // An hours SLA moves on by exactly the time waited (≈ 3 s here).
    expect(movedDueAt.getTime() - new Date(created.dueAt).getTime()).toBeGreaterThan(2900);
    expect((await timersOf(created.id)).slice(-2)).toEqual([
      { name: 'sla-warning', run_at: slaWarningAt(movedDueAt) },
      { name: 'sla-breach', run_at: new Date(movedDueAt.getTime() + 1) },
    ]);
    const breached = await eventually(
      () => typesOf(created.number, 'sla_breached'),
      (events) => events.length === 1,
      { timeoutMs: 8000 },
    );
    expect(breached[0].data.dueAt).toBe(movedDueAt.toISOString());
  });

  it('escalates at once a back-dated case whose deadline had already passed', async () => {
    const created = await caseDueIn(-HOUR_MS);
    await eventually(
      () => typesOf(created.number, 'sla_breached'),
      (events) => events.length === 1,
    );
    // Past the deadline a warning says nothing the breach does not.
    expect(await typesOf(created.number, 'sla_warning')).toEqual([]);
    expect((await read(created.number)).body).toEqual(expect.objectContaining({ priority: 'high', escalated: true }));
  });

  it('runs, once, the warnings and breaches whose timers were lost (a Redis that restarted without its data)', async () => {
    const overdue = await caseDueIn(60_000);
    const dueSoon = await caseDueIn(60_000);
    // As if their timers had been planned for these deadlines and then lost with Redis.
    const lastChanged = `updated_at = now() - interval '3 minutes'`;
    await t.db.query(`UPDATE cases SET due_at = now() - interval '3 minutes', ${lastChanged} WHERE id = $1`, [
      overdue.id,
    ]);
    await t.db.query(`UPDATE cases SET due_at = now() + interval '1 hour', ${lastChanged} WHERE id = $1`, [dueSoon.id]);
    const sweep = worker.get(SlaSweepProcessor);
    const first = await sweep.process({} as Job);
    expect(first.breached).toBeGreaterThanOrEqual(1);
    expect(first.warned).toBeGreaterThanOrEqual(1);
    expect(await sweep.process({} as Job)).toEqual({ breached: 0, warned: 0 });
    expect((await typesOf(overdue.number, 'sla_breached')).map((event) => event.actor)).toEqual(['system']);
    expect(await typesOf(dueSoon.number, 'sla_warning')).toHaveLength(1);
    expect(await typesOf(dueSoon.number, 'sla_breached')).toEqual([]);
  });
});
