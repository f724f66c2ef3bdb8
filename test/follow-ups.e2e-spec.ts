import { Test, TestingModule } from '@nestjs/testing';
import { Job } from 'bullmq';
import { FollowUpDueProcessor, FollowUpsService, FollowUpSweepProcessor } from '@app/follow-ups';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { API, expectProblem, TestApp } from './support/app';
import { eventually, sleep } from './support/eventually';

// These tests wait for the worker, which acts at the instants the tests set.
jest.setTimeout(20_000);

/** Follow-ups through the API, and made due by a real worker (relay, BullMQ, processor) on the real Redis. */
describe('Follow-ups', () => {
  let t: TestApp;
  let worker: TestingModule;
  let agent: string;
  let roadsStaff: string;
  let zomStaff: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    agent = await t.tokenFor('agent');
    roadsStaff = await t.tokenFor('unit_staff', 'roads');
    zomStaff = await t.tokenFor('unit_staff', 'zom');
    worker = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    await worker.init();
  });
  afterAll(async () => {
    await worker.close();
    await t.stop();
  });

  async function newCase(categoryCode = 'pothole'): Promise<string> {
    const response = await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({
        channel: 'phone',
        categoryCode,
        subject: 'Dziura na Grunwaldzkiej',
        resident: { name: 'Anna Nowak', phone: '500100200' },
      })
      .expect(201);
    return response.body.number;
  }

  function schedule(number: string, body: Record<string, unknown>, token = agent) {
    return t.http().post(`${API}/cases/${number}/follow-ups`).set('Authorization', token).send(body);
  }

  const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000);

  async function followUpRow(id: string) {
    const [row] = await t.db.query(`SELECT status, due_at, became_due_at FROM follow_ups WHERE id = $1`, [id]);
    return row as { status: string; due_at: Date; became_due_at: Date | null };
  }

  async function eventsOf(
    number: string,
    type: string,
  ): Promise<{ type: string; actor: string; data: Record<string, unknown> }[]> {
    return t.db.query(
      `SELECT e.type, e.actor, e.data FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE c.number = $1 AND e.type = $2 ORDER BY e.id`,
      [number, type],
    );
  }

  describe('scheduling', () => {
    it('stores the follow-up, its history event and its delayed job in one statement', async () => {
      const number = await newCase();
      const dueAt = '2027-06-03T09:30:00+02:00';
      const response = await schedule(number, { kind: 'callback', dueAt, note: 'Oddzwonić po 9' }).expect(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        caseNumber: number,
        kind: 'callback',
        status: 'scheduled',
        dueAt: '2027-06-03T07:30:00.000Z',
        note: 'Oddzwonić po 9',
        createdBy: 'agent-all',
        createdAt: expect.any(String),
        becameDueAt: null,
        endedBy: null,
        endedAt: null,
        outcome: null,
      });
      const { id } = response.body;
      const outbox = await t.db.query(
        `SELECT queue, name, payload, run_at FROM outbox WHERE payload ->> 'followUpId' = $1`,
        [id],
      );
      expect(outbox).toEqual([
        {
          queue: 'follow-ups',
          name: 'follow-up-due',
          payload: { followUpId: id },
          run_at: new Date('2027-06-03T07:30:00.000Z'),
        },
      ]);
      // The note may say anything about the resident: it stays out of the history.
      expect(await eventsOf(number, 'follow_up_scheduled')).toEqual([
        {
          type: 'follow_up_scheduled',
          actor: 'agent-all',
          data: { followUpId: id, kind: 'callback', dueAt: '2027-06-03T07:30:00.000Z' },
        },
      ]);
      // A follow-up leaves the case as it was: nobody's If-Match fails because of it.
      const read = await t.http().get(`${API}/cases/${number}`).set('Authorization', agent).expect(200);
      expect(read.body.version).toBe(1);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['an unknown kind', { kind: 'visit', dueAt: '2027-01-01T10:00:00Z' }, 'kind'],
      ['no offset', { kind: 'callback', dueAt: '2027-01-01T10:00:00' }, 'dueAt'],
      ['no dueAt', { kind: 'callback' }, 'dueAt'],
      ['a dueAt in the past', { kind: 'callback', dueAt: '2020-01-01T10:00:00Z' }, 'dueAt'],
      ['a dueAt over a year ahead', { kind: 'callback', dueAt: '2099-01-01T10:00:00Z' }, 'dueAt'],
      ['an unknown field', { kind: 'callback', dueAt: '2027-01-01T10:00:00Z', assignee: 'x' }, 'assignee'],
      ['an overlong note', { kind: 'callback', dueAt: '2027-01-01T10:00:00Z', note: 'x'.repeat(2001) }, 'note'],
    ])('refuses %s with 400, storing nothing', async (_reason, body, field) => {
      const number = await newCase();
      const [followUps, outbox] = [await t.count('follow_ups'), await t.count('outbox')];
      const problem = expectProblem(await schedule(number, body), 400);
      expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect([await t.count('follow_ups'), await t.count('outbox')]).toEqual([followUps, outbox]);
    });

    it('refuses a closed case (409), a case of another unit (404) and a malformed number (400)', async () => {
      const number = await newCase();
      const before = await t.count('follow_ups');
      const body = { kind: 'reminder', dueAt: '2027-01-01T10:00:00Z' };
      expectProblem(await schedule(number, body, zomStaff), 404);
      expectProblem(await schedule('2026-000001-0', body), 400);
      for (const to of ['in_progress', 'resolved', 'closed']) {
        await t
          .http()
          .post(`${API}/cases/${number}/transitions`)
          .set('Authorization', roadsStaff)
          .send({ to, ...(to === 'resolved' ? { resolution: 'Załatane' } : {}) })
          .expect(200);
      }
      expect(expectProblem(await schedule(number, body), 409).code).toBe('case_closed');
      expect(await t.count('follow_ups')).toBe(before);
    });

    it('needs a token', async () => {
      const number = await newCase();
      const response = await t.http().post(`${API}/cases/${number}/follow-ups`).send({ kind: 'callback' });
      expectProblem(response, 401);
    });
  });

  describe('becoming due', () => {
    it('fires a follow-up due in 2 s once, within 2 s of its dueAt, with one follow_up_due event', async () => {
      const number = await newCase();
      const dueAt = inSeconds(2);
      const { body } = await schedule(number, { kind: 'callback', dueAt: dueAt.toISOString() }).expect(201);
      const row = await eventually(
        () => followUpRow(body.id),
        (current) => current.status === 'due',
        { timeoutMs: 8000 },
      );
      const lateByMs = row.became_due_at!.getTime() - dueAt.getTime();
      expect(lateByMs).toBeGreaterThanOrEqual(0);
      expect(lateByMs).toBeLessThan(2000);
      await sleep(1000);
      expect(await eventsOf(number, 'follow_up_due')).toEqual([
        {
          type: 'follow_up_due',
          actor: 'system',
          data: { followUpId: body.id, kind: 'callback', dueAt: dueAt.toISOString() },
        },
      ]);

      // The agents' list of due call-backs shows it, with what a call-back needs.
      const list = await t.http().get(`${API}/follow-ups?status=due`).set('Authorization', agent).expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          id: body.id,
          caseNumber: number,
          status: 'due',
          caseSubject: 'Dziura na Grunwaldzkiej',
          residentName: 'Anna Nowak',
          residentPhone: '500100200',
        }),
      ]);
      // A unit member sees only their unit's.
      const other = await t.http().get(`${API}/follow-ups?status=due`).set('Authorization', zomStaff).expect(200);
      expect(other.body.items).toEqual([]);
    });

    it('has the effect of one when its job runs twice', async () => {
      const number = await newCase();
      const { body } = await schedule(number, { kind: 'reminder', dueAt: inSeconds(-1).toISOString() }).expect(201);
      const processor = worker.get(FollowUpDueProcessor);
      const job = { data: { followUpId: body.id } } as Job<{ followUpId: string }>;
      const results = [await processor.process(job), await processor.process(job)];
      expect(results.filter((result) => 'outcome' in result && result.outcome === 'due')).toHaveLength(1);
      await sleep(500); // the relayed job, too, runs and finds nothing to do
      expect(await eventsOf(number, 'follow_up_due')).toHaveLength(1);
    });

    it('waits when its job runs early, and never fires a cancelled one', async () => {
      const number = await newCase();
      const dueAt = inSeconds(1.5);
      const { body } = await schedule(number, { kind: 'callback', dueAt: dueAt.toISOString() }).expect(201);
      const early = await worker.get(FollowUpsService).fireDue(body.id, new Date(dueAt.getTime() - 1000));
      expect(early).toEqual({ notBefore: dueAt });

      const cancelled = await t.http().delete(`${API}/follow-ups/${body.id}`).set('Authorization', agent).expect(200);
      expect(cancelled.body).toEqual(
        expect.objectContaining({ status: 'cancelled', endedBy: 'agent-all', endedAt: expect.any(String) }),
      );
      await sleep(3000);
      expect((await followUpRow(body.id)).status).toBe('cancelled');
      expect(await eventsOf(number, 'follow_up_due')).toEqual([]);
      expect((await eventsOf(number, 'follow_up_cancelled')).map((event) => event.data)).toEqual([
        { followUpId: body.id, kind: 'callback', dueAt: dueAt.toISOString(), from: 'scheduled' },
      ]);
    });
  });

  it('makes due, once, a follow-up whose job was lost (a Redis that restarted without its data)', async () => {
    const number = await newCase();
    // Scheduled three minutes ago with no job anywhere: what a wiped Redis leaves.
    const [{ id }] = await t.db.query(
      `INSERT INTO follow_ups (id, case_id, kind, status, due_at, created_by, created_at)
       SELECT gen_random_uuid(), id, 'callback', 'scheduled', now() - interval '3 minutes', 'agent-all', now()
         FROM cases WHERE number = $1
       RETURNING id`,
      [number],
    );
    const sweep = worker.get(FollowUpSweepProcessor);
    expect(await sweep.process({} as Job)).toEqual({ madeDue: 1 });
    expect(await sweep.process({} as Job)).toEqual({ madeDue: 0 });
    expect((await followUpRow(id)).status).toBe('due');
    expect(await eventsOf(number, 'follow_up_due')).toHaveLength(1);
  });

  describe('completing and cancelling', () => {
    async function scheduled(token = agent): Promise<{ number: string; id: string }> {
      const number = await newCase();
      const { body } = await schedule(number, { kind: 'callback', dueAt: '2027-01-01T10:00:00Z' }, token).expect(201);
      return { number, id: body.id };
    }

    it('completes with an outcome kept off the history, once', async () => {
      const { number, id } = await scheduled();
      const done = await t
        .http()
        .post(`${API}/follow-ups/${id}/complete`)
        .set('Authorization', roadsStaff)
        .send({ outcome: 'Mieszkanka poinformowana' })
        .expect(200);
      expect(done.body).toEqual(
        expect.objectContaining({ status: 'done', endedBy: 'unit_staff-roads', outcome: 'Mieszkanka poinformowana' }),
      );
      expect((await eventsOf(number, 'follow_up_completed')).map((event) => event.data)).toEqual([
        { followUpId: id, kind: 'callback', dueAt: '2027-01-01T10:00:00.000Z', from: 'scheduled' },
      ]);
      const again = await t.http().post(`${API}/follow-ups/${id}/complete`).set('Authorization', agent).send({});
      expect(expectProblem(again, 409).code).toBe('follow_up_ended');
      expectProblem(await t.http().delete(`${API}/follow-ups/${id}`).set('Authorization', agent), 409);
    });

    it('completes without a body', async () => {
      const { id } = await scheduled();
      const done = await t.http().post(`${API}/follow-ups/${id}/complete`).set('Authorization', agent).expect(200);
      expect(done.body.status).toBe('done');
      expect(done.body.outcome).toBeNull();
    });

    it('lists a case’s follow-ups, and refuses what is not there or not yours', async () => {
      const { number, id } = await scheduled();
      const list = await t.http().get(`${API}/cases/${number}/follow-ups`).set('Authorization', agent).expect(200);
      expect(list.body.items.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([
        [id, 'scheduled'],
      ]);
      expectProblem(await t.http().get(`${API}/cases/${number}/follow-ups`).set('Authorization', zomStaff), 404);
      expectProblem(await t.http().delete(`${API}/follow-ups/${id}`).set('Authorization', zomStaff), 404);
      expectProblem(await t.http().delete(`${API}/follow-ups/not-a-uuid`).set('Authorization', agent), 400);
      const unknown = '00000000-0000-4000-8000-000000000000';
      expectProblem(await t.http().delete(`${API}/follow-ups/${unknown}`).set('Authorization', agent), 404);
      expect((await followUpRow(id)).status).toBe('scheduled');
    });

    it('pages the list soonest first, and refuses a bad status', async () => {
      const number = await newCase();
      for (const month of ['03', '01', '02']) {
        await schedule(number, { kind: 'reminder', dueAt: `2027-${month}-01T10:00:00Z` }).expect(201);
      }
      const first = await t
        .http()
        .get(`${API}/follow-ups?status=scheduled&kind=reminder&limit=2`)
        .set('Authorization', agent)
        .expect(200);
      expect(first.body.items.map((item: { dueAt: string }) => item.dueAt.slice(0, 7))).toEqual(['2027-01', '2027-02']);
      const second = await t
        .http()
        .get(`${API}/follow-ups?status=scheduled&kind=reminder&limit=2&cursor=${first.body.nextCursor}`)
        .set('Authorization', agent)
        .expect(200);
      expect(second.body.items.map((item: { dueAt: string }) => item.dueAt.slice(0, 7))).toEqual(['2027-03']);
      expect(second.body.nextCursor).toBeNull();
      expectProblem(await t.http().get(`${API}/follow-ups?status=late`).set('Authorization', agent), 400);
      expectProblem(await t.http().get(`${API}/follow-ups?cursor=garbage`).set('Authorization', agent), 400);
      // Of the right shape, but what no list issued: refused before SQL could fail on it.
      const crafted = Buffer.from(JSON.stringify(['not-a-date', 'x'])).toString('base64url');
      expectProblem(await t.http().get(`${API}/follow-ups?cursor=${crafted}`).set('Authorization', agent), 400);
    });
  });
});
