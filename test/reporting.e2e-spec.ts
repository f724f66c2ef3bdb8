import { ReportingStore } from '@app/reporting';
import { API, expectProblem, TestApp } from './support/app';

jest.setTimeout(60_000);

const ZONE = `'Europe/Warsaw'`;
const OPEN = `status IN ('new', 'assigned', 'in_progress', 'waiting')`;

/** Monthly volumes, SLA, backlog and intake reports, read from rollups that must always equal a direct count. */
describe('Reports', () => {
  let t: TestApp;
  let agent: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  beforeEach(async () => {
    await t.reset();
    await t.seedCatalogue();
    await t.db.query(
      `INSERT INTO categories (code, name, unit_code, sla_kind, sla_amount) VALUES ('leak', 'Leak', 'roads', 'hours', 1)`,
    );
    agent = await t.tokenFor('agent');
    supervisor = await t.tokenFor('supervisor');
  });
  afterAll(async () => {
    await t.stop();
  });

  const store = () => t.app.get(ReportingStore);

  async function intake(fields: Record<string, unknown>): Promise<{ number: string; id: string; version: number }> {
    const response = await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({ channel: 'phone', categoryCode: 'pothole', subject: 'Dziura w jezdni', ...fields })
      .expect(201);
    return response.body;
  }

  const report = (path: string, query: Record<string, string> = {}) =>
    t.http().get(`${API}/reports/${path}`).query(query).set('Authorization', supervisor);

  describe('monthly volumes', () => {
    /** Just before and after local midnight on the last and first days of months, in winter and in summer time. */
    const NEAR_MIDNIGHT = [
      { receivedAt: '2024-12-31T23:30:00+01:00', month: '2024-12', channel: 'phone' },
      { receivedAt: '2025-01-01T00:30:00+01:00', month: '2025-01', channel: 'phone' }, // 2024-12-31T23:30Z
      { receivedAt: '2025-01-31T23:30:00+01:00', month: '2025-01', channel: 'email' },
      { receivedAt: '2025-02-01T00:30:00+01:00', month: '2025-02', channel: 'email' },
      { receivedAt: '2025-03-31T23:30:00+02:00', month: '2025-03', channel: 'letter' }, // the day after the change
      { receivedAt: '2025-06-30T23:30:00+02:00', month: '2025-06', channel: 'phone' },
      { receivedAt: '2025-07-01T00:30:00+02:00', month: '2025-07', channel: 'web' }, // 2025-06-30T22:30Z
      { receivedAt: '2025-10-31T23:30:00+01:00', month: '2025-10', channel: 'phone' },
      { receivedAt: '2025-11-01T00:30:00+01:00', month: '2025-11', channel: 'phone' }, // 2025-10-31T23:30Z
    ];

    it('counts each case in its Europe/Warsaw month, lists every month with zeros, and finds the peak', async () => {
      for (const { receivedAt, channel } of NEAR_MIDNIGHT) await intake({ receivedAt, channel });
      await intake({ receivedAt: '2025-06-15T12:00:00+02:00', categoryCode: 'id-card' });

      const { body } = await report('monthly-volumes', { from: '2024-11', to: '2025-12' }).expect(200);
      expect(body).toEqual({
        timezone: 'Europe/Warsaw',
        from: '2024-11',
        to: '2025-12',
        total: 10,
        months: [
          { month: '2024-11', total: 0 },
          { month: '2024-12', total: 1 },
          { month: '2025-01', total: 2 },
          { month: '2025-02', total: 1 },
          { month: '2025-03', total: 1 },
          { month: '2025-04', total: 0 },
          { month: '2025-05', total: 0 },
          { month: '2025-06', total: 2 },
          { month: '2025-07', total: 1 },
          { month: '2025-08', total: 0 },
          { month: '2025-09', total: 0 },
          { month: '2025-10', total: 1 },
          { month: '2025-11', total: 1 },
          { month: '2025-12', total: 0 },
        ],
        peak: { month: '2025-01', total: 2 },
      });
      // The same after the worker's fold: the rollups themselves, no pending deltas.
      expect(await store().fold()).toBeGreaterThan(0);
      expect((await report('monthly-volumes', { from: '2024-11', to: '2025-12' }).expect(200)).body).toEqual(body);
    });

    it('groups by channel, category or unit (groups add up to the totals) and filters', async () => {
      for (const { receivedAt, channel } of NEAR_MIDNIGHT) await intake({ receivedAt, channel });
      await intake({ receivedAt: '2025-06-15T12:00:00+02:00', categoryCode: 'id-card' });
      await intake({ receivedAt: '2025-06-16T12:00:00+02:00', categoryCode: 'complaint', channel: 'letter' });
      await store().fold();
      await intake({ receivedAt: '2025-06-17T12:00:00+02:00', categoryCode: 'complaint', channel: 'letter' });

      const byChannel = (
        await report('monthly-volumes', { from: '2025-06', to: '2025-07', groupBy: 'channel' }).expect(200)
      ).body;
      expect(byChannel.months).toEqual([
        { month: '2025-06', total: 4, groups: { letter: 2, phone: 2, web: 0 } },
        { month: '2025-07', total: 1, groups: { letter: 0, phone: 0, web: 1 } },
      ]);
      expect(byChannel.groupBy).toBe('channel');

      const byUnit = (await report('monthly-volumes', { from: '2025-06', to: '2025-06', groupBy: 'unit' }).expect(200))
        .body;
      expect(byUnit.months).toEqual([{ month: '2025-06', total: 4, groups: { '(none)': 2, roads: 1, zom: 1 } }]);

      const byCategory = (
        await report('monthly-volumes', { from: '2025-06', to: '2025-06', groupBy: 'category' }).expect(200)
      ).body;
      expect(byCategory.months[0].groups).toEqual({ complaint: 2, 'id-card': 1, pothole: 1 });

      const letters = (
        await report('monthly-volumes', { from: '2025-01', to: '2025-12', channel: 'letter' }).expect(200)
      ).body;
      expect(letters.total).toBe(3);
      expect(letters.months.filter((month: { total: number }) => month.total > 0)).toEqual([
        { month: '2025-03', total: 1 },
        { month: '2025-06', total: 2 },
      ]);
      const zom = (await report('monthly-volumes', { from: '2025-06', to: '2025-06', unitCode: 'zom' }).expect(200))
        .body;
      expect(zom.total).toBe(1);
      const potholes = (
        await report('monthly-volumes', {
          from: '2025-01',
          to: '2025-12',
          categoryCode: 'pothole',
          channel: 'phone',
        }).expect(200)
      ).body;
      expect(potholes.total).toBe(4);
    });

    it('answers the same table as CSV', async () => {
      await intake({ receivedAt: '2025-06-30T23:30:00+02:00', channel: 'phone' });
      await intake({ receivedAt: '2025-07-01T00:30:00+02:00', channel: 'web' });
      const csv = await report('monthly-volumes', { from: '2025-06', to: '2025-08', groupBy: 'channel', format: 'csv' })
        .expect(200)
        .expect('content-type', 'text/csv; charset=utf-8');
      expect(csv.text).toBe('month,total,phone,web\n2025-06,1,1,0\n2025-07,1,0,1\n2025-08,0,0,0\n');
      const accepted = await report('monthly-volumes', { from: '2025-06', to: '2025-07' })
        .set('Accept', 'text/csv')
        .expect(200);
      expect(accepted.text).toBe('month,total\n2025-06,1\n2025-07,1\n');
    });

    it('defaults to the twelve months up to the current one', async () => {
      await intake({});
      const { body } = await report('monthly-volumes').expect(200);
      expect(body.months).toHaveLength(12);
      expect(body.months[11]).toEqual({ month: body.to, total: 1 });
      expect(body.peak).toEqual({ month: body.to, total: 1 });
    });

    it('refuses bad ranges and parameters, and staff other than supervisors and admins', async () => {
      const tooLong = expectProblem(await report('monthly-volumes', { from: '2015-01', to: '2025-01' }), 400);
      expect(tooLong.errors).toEqual([{ field: 'to', message: 'must be at most 120 months after from' }]);
      await report('monthly-volumes', { from: '2015-02', to: '2025-01' }).expect(200);
      const backwards = expectProblem(await report('monthly-volumes', { from: '2025-02', to: '2025-01' }), 400);
      expect(backwards.errors).toEqual([{ field: 'to', message: 'must not be before from' }]);
      const badQueries: Record<string, string>[] = [
        { from: '2025-13' },
        { to: '2025-1' },
        { groupBy: 'status' },
        { channel: 'fax' },
        { format: 'xml' },
        { unknown: '1' },
        { from: '0000-01' },
        { to: '1999-12' },
      ];
      for (const query of badQueries) {
        expectProblem(await report('monthly-volumes', query), 400);
      }
      for (const date of ['2021-02-31', '0000-01-01', '2021-2-1']) expectProblem(await report('intake', { date }), 400);
      expectProblem(await t.http().get(`${API}/reports/monthly-volumes`).set('Authorization', agent), 403);
      expectProblem(await t.http().get(`${API}/reports/sla`).set('Authorization', agent), 403);
      expectProblem(await t.http().get(`${API}/reports/backlog`), 401);
    });
  });

  describe('SLA', () => {
    it('counts resolutions on time and late by month of resolution, and cases open and overdue at months’ ends', async () => {
      const now = new Date();
      // One-hour SLA, received in January 2025: overdue from then on while open.
      const stillOpen = await intake({ receivedAt: '2025-01-10T10:00:00+01:00', categoryCode: 'leak' });
      // Also overdue from January, resolved (late) on 15 March 2025 — as only history could have been.
      const resolvedInMarch = await intake({ receivedAt: '2025-01-20T10:00:00+01:00', categoryCode: 'leak' });
      await t.asOwner(
        `UPDATE cases SET status = 'resolved', resolution = 'Naprawione', resolved_at = '2025-03-15T12:00:00+01:00'
          WHERE id = $1`,
        [resolvedInMarch.id],
      );
      // Resolved within an hour in February: on time.
      const quick = await intake({ receivedAt: '2025-02-03T10:00:00+01:00', categoryCode: 'leak' });
      await t.asOwner(
        `UPDATE cases SET status = 'resolved', resolution = 'Ok', resolved_at = '2025-02-03T10:30:00+01:00'
          WHERE id = $1`,
        [quick.id],
      );
      // Received now, resolved now: on time, this month.
      const today = await intake({});
      await t
        .http()
        .post(`${API}/cases/${today.number}/transitions`)
        .set('Authorization', supervisor)
        .send({ to: 'resolved', resolution: 'Załatwione' })
        .expect(200);
      void stillOpen;

      const { body } = await report('sla', { from: '2025-01', to: '2025-04' }).expect(200);
      expect(body).toEqual({
        timezone: 'Europe/Warsaw',
        from: '2025-01',
        to: '2025-04',
        months: [
          { month: '2025-01', resolved: 0, resolvedOnTime: 0, resolvedLate: 0, openOverdue: 2 },
          { month: '2025-02', resolved: 1, resolvedOnTime: 1, resolvedLate: 0, openOverdue: 2 },
          { month: '2025-03', resolved: 1, resolvedOnTime: 0, resolvedLate: 1, openOverdue: 1 },
          { month: '2025-04', resolved: 0, resolvedOnTime: 0, resolvedLate: 0, openOverdue: 1 },
        ],
      });

      const current = now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Warsaw' }).slice(0, 7);
      const [year, month] = current.split('-').map(Number);
      const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
      const recent = (await report('sla', { from: current, to: next }).expect(200)).body;
      expect(recent.months).toEqual([
        { month: current, resolved: 1, resolvedOnTime: 1, resolvedLate: 0, openOverdue: 1 },
        { month: next, resolved: 0, resolvedOnTime: 0, resolvedLate: 0, openOverdue: null },
      ]);
      await store().fold();
      expect((await report('sla', { from: '2025-01', to: '2025-04' }).expect(200)).body).toEqual(body);

      const csv = await report('sla', { from: '2025-03', to: '2025-04', format: 'csv' }).expect(200);
      expect(csv.text).toBe(
        'month,resolved,resolvedOnTime,resolvedLate,openOverdue\n2025-03,1,0,1,1\n2025-04,0,0,0,1\n',
      );
    });
  });

  describe('backlog', () => {
    it('lists every unit with its open cases per status and the oldest', async () => {
      const oldest = await intake({ receivedAt: '2025-03-01T09:00:00+01:00' });
      await intake({ receivedAt: '2025-04-01T09:00:00+02:00' });
      const waiting = await intake({});
      await t
        .http()
        .post(`${API}/cases/${waiting.number}/transitions`)
        .set('Authorization', supervisor)
        .send({ to: 'waiting' })
        .expect(200);
      await intake({ categoryCode: 'complaint', receivedAt: '2025-05-05T08:00:00+02:00' });
      const done = await intake({ categoryCode: 'id-card' });
      await t
        .http()
        .post(`${API}/cases/${done.number}/transitions`)
        .set('Authorization', supervisor)
        .send({ to: 'resolved', resolution: 'Wydano' })
        .expect(200);
      void oldest;

      const { body } = await report('backlog').expect(200);
      const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Warsaw' });
      const days = (from: string) => Math.round((Date.parse(today) - Date.parse(from)) / 86_400_000);
      expect(body.units).toEqual([
        {
          unitCode: 'roads',
          open: 3,
          byStatus: { new: 0, assigned: 2, in_progress: 0, waiting: 1 },
          oldestReceivedAt: '2025-03-01T08:00:00.000Z',
          oldestAgeDays: days('2025-03-01'),
        },
        {
          unitCode: 'zom',
          open: 0,
          byStatus: { new: 0, assigned: 0, in_progress: 0, waiting: 0 },
          oldestReceivedAt: null,
          oldestAgeDays: null,
        },
        {
          unitCode: null,
          open: 1,
          byStatus: { new: 1, assigned: 0, in_progress: 0, waiting: 0 },
          oldestReceivedAt: '2025-05-05T06:00:00.000Z',
          oldestAgeDays: days('2025-05-05'),
        },
      ]);
      await store().fold();
      const folded = (await report('backlog').expect(200)).body;
      expect(folded.units).toEqual(body.units);
      const csv = (await report('backlog', { format: 'csv' }).expect(200)).text.split('\n');
      expect(csv[0]).toBe('unitCode,open,new,assigned,in_progress,waiting,oldestReceivedAt,oldestAgeDays');
      expect(csv[2]).toBe('zom,0,0,0,0,0,,');
    });
  });

  describe('intake', () => {
    it('gives a day per hour and channel (25 hours when clocks go back) and its week per day', async () => {
      await intake({ receivedAt: '2025-10-26T02:30:00+02:00', channel: 'phone' });
      await intake({ receivedAt: '2025-10-26T02:30:00+01:00', channel: 'email' });
      await intake({ receivedAt: '2025-10-26T23:59:00+01:00', channel: 'phone' });
      await intake({ receivedAt: '2025-10-20T00:10:00+02:00', channel: 'chat' }); // Monday
      await intake({ receivedAt: '2025-10-19T23:50:00+02:00', channel: 'chat' }); // the Sunday before

      const { body } = await report('intake', { date: '2025-10-26' }).expect(200);
      expect(body.date).toBe('2025-10-26');
      expect(body.total).toBe(3);
      expect(body.byChannel).toMatchObject({ phone: 2, email: 1, chat: 0 });
      expect(body.hours).toHaveLength(25);
      expect(body.hours.slice(2, 4)).toEqual([
        expect.objectContaining({ from: '2025-10-26T00:00:00.000Z', hour: '02:00', total: 1 }),
        expect.objectContaining({ from: '2025-10-26T01:00:00.000Z', hour: '02:00', total: 1 }),
      ]);
      expect(body.hours[2].byChannel.phone).toBe(1);
      expect(body.hours[3].byChannel.email).toBe(1);
      expect(body.hours[24]).toMatchObject({ from: '2025-10-26T22:00:00.000Z', hour: '23:00', total: 1 });
      expect(body.week.from).toBe('2025-10-20');
      expect(body.week.to).toBe('2025-10-26');
      expect(body.week.total).toBe(4);
      expect(body.week.days.map((day: { total: number }) => day.total)).toEqual([1, 0, 0, 0, 0, 0, 3]);

      await store().fold();
      expect((await report('intake', { date: '2025-10-26' }).expect(200)).body).toEqual(body);
      expect((await report('intake', { date: '2025-03-30' }).expect(200)).body.hours).toHaveLength(23);
      const today = (await report('intake').expect(200)).body;
      expect(today.total).toBe(0);
    });
  });

  describe('rollups', () => {
    /** A small deterministic random generator, so that a failure can be replayed. */
    function random(seed: number) {
      let state = seed;
      return () => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return state / 2 ** 31;
      };
    }

    it('equal a direct count of the cases after random intakes, re-routes, edits, transitions and history', async () => {
      const next = random(20201);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
      const cases: { number: string; id: string; version: number; status: string; unit: boolean }[] = [];
      const start = Date.parse('2025-01-01T00:00:00Z');
      const span = Date.now() - start - 60_000;

      const send = async (method: 'post' | 'patch', path: string, body: object, version?: number) => {
        const call = t.http()[method](`${API}/cases/${path}`).set('Authorization', supervisor);
        if (version !== undefined) call.set('If-Match', `"${version}"`);
        return call.send(body);
      };

      for (let step = 0; step < 160; step++) {
        const action = cases.length < 10 ? 0 : Math.floor(next() * 6);
        const existing = cases.length ? pick(cases) : undefined;
        if (action === 0 || !existing) {
          const created = await intake({
            receivedAt: new Date(start + Math.floor(next() * span)).toISOString(),
            channel: pick(['phone', 'email', 'letter', 'drop_box']),
            categoryCode: pick(['pothole', 'id-card', 'complaint', 'leak']),
          });
          const row = await t.db.query(`SELECT status, unit_code FROM cases WHERE id = $1`, [created.id]);
          cases.push({ ...created, status: row[0].status, unit: row[0].unit_code !== null });
          continue;
        }
        let response;
        if (action === 1) {
          response = await send('post', `${existing.number}/route`, { unitCode: pick(['roads', 'zom']), reason: 'x' });
        } else if (action === 2) {
          response = await send(
            'patch',
            existing.number,
            { categoryCode: pick(['pothole', 'id-card', 'complaint', 'leak']) },
            existing.version,
          );
        } else if (action === 5 && ['assigned', 'in_progress'].includes(existing.status)) {
          // History: resolved on a past date, as an import or a migration would have it.
          await t.asOwner(
            `UPDATE cases SET status = 'resolved', resolution = 'x', version = version + 1,
                    resolved_at = received_at + make_interval(days => $2)
              WHERE id = $1`,
            [existing.id, Math.floor(next() * 60)],
          );
        } else {
          const to = pick(
            (
              {
                new: ['closed'],
                assigned: ['in_progress', 'waiting', 'resolved', 'closed'],
                in_progress: ['waiting', 'resolved'],
                waiting: ['in_progress', 'resolved'],
                resolved: ['closed', 'in_progress'],
                closed: [],
              } as Record<string, string[]>
            )[existing.status],
          );
          if (!to) continue;
          response = await send('post', `${existing.number}/transitions`, {
            to,
            ...(to === 'resolved' ? { resolution: 'Załatwione' } : {}),
          });
        }
        if (response && response.status !== 200) expect([409]).toContain(response.status);
        const [row] = await t.db.query(`SELECT status, version, unit_code FROM cases WHERE id = $1`, [existing.id]);
        Object.assign(existing, { status: row.status, version: row.version, unit: row.unit_code !== null });
        if (step % 40 === 39) await store().fold();
      }

      // The walk went through every status, and history resolved in the past.
      const statuses = await t.db.query(`SELECT DISTINCT status FROM cases ORDER BY status`);
      expect(statuses.map((row: { status: string }) => row.status)).toEqual(
        expect.arrayContaining(['assigned', 'closed', 'in_progress', 'resolved', 'waiting']),
      );
      const [{ past }] = await t.db.query(
        `SELECT count(*)::int AS past FROM cases WHERE resolved_at < now() - interval '1 day'`,
      );
      expect(past).toBeGreaterThan(3);
      await expectReportsToEqualDirectCounts();
      await store().fold();
      await expectReportsToEqualDirectCounts();

      // A rebuild from the cases gives the very rollups the triggers and folds built step by step.
      const rollups = await rollupTables();
      await store().rebuild();
      expect(await rollupTables()).toEqual(rollups);
      await expectReportsToEqualDirectCounts();
    });

    async function rollupTables() {
      const nonZero = (measures: string) =>
        measures
          .split(', ')
          .map((measure) => `${measure} <> 0`)
          .join(' OR ');
      const measures = 'received, resolved_on_time, resolved_late, overdue';
      return {
        daily: await t.db.query(
          `SELECT * FROM case_daily_counts WHERE ${nonZero(measures)} ORDER BY day, channel, category_code, unit_code`,
        ),
        monthly: await t.db.query(
          `SELECT * FROM case_monthly_counts WHERE ${nonZero(measures)}
            ORDER BY month, channel, category_code, unit_code`,
        ),
        totals: await t.db.query(
          `SELECT * FROM case_monthly_totals WHERE ${nonZero(measures)} ORDER BY dimension, month, key`,
        ),
        hourly: await t.db.query(`SELECT * FROM case_hourly_intake WHERE received <> 0 ORDER BY hour, channel`),
        backlog: await t.db.query(`SELECT * FROM case_backlog_counts WHERE open <> 0 ORDER BY unit_code, status`),
      };
    }

    async function expectReportsToEqualDirectCounts(): Promise<void> {
      const range = { from: '2025-01', to: new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Warsaw' }) };
      range.to = range.to.slice(0, 7);
      for (const [groupBy, column] of [
        ['channel', 'channel'],
        ['category', 'category_code'],
        ['unit', `coalesce(unit_code, '(none)')`],
      ]) {
        const { body } = await report('monthly-volumes', { ...range, groupBy }).expect(200);
        const direct = await t.db.query(
          `SELECT to_char(received_at AT TIME ZONE ${ZONE}, 'YYYY-MM') AS month, ${column} AS key, count(*)::int AS n
             FROM cases GROUP BY 1, 2`,
        );
        for (const month of body.months) {
          const expected = direct.filter((row: { month: string }) => row.month === month.month);
          expect({ month: month.month, total: month.total }).toEqual({
            month: month.month,
            total: expected.reduce((sum: number, row: { n: number }) => sum + row.n, 0),
          });
          for (const [key, count] of Object.entries(month.groups)) {
            expect({ month: month.month, key, count }).toEqual({
              month: month.month,
              key,
              count: expected.find((row: { key: string }) => row.key === key)?.n ?? 0,
            });
          }
        }
        expect(body.total).toBe(await t.count('cases'));
      }

      const sla = (await report('sla', range).expect(200)).body;
      for (const month of sla.months) {
        const [direct] = await t.db.query(
          `WITH bounds AS (
             SELECT (($1 || '-01')::date + interval '1 month')::timestamp AT TIME ZONE ${ZONE} AS month_end
           )
           SELECT count(*) FILTER (WHERE to_char(resolved_at AT TIME ZONE ${ZONE}, 'YYYY-MM') = $1
                                     AND (due_at IS NULL OR resolved_at <= due_at))::int AS "resolvedOnTime",
                  count(*) FILTER (WHERE to_char(resolved_at AT TIME ZONE ${ZONE}, 'YYYY-MM') = $1
                                     AND resolved_at > due_at)::int AS "resolvedLate",
                  count(*) FILTER (WHERE CASE WHEN month_end > now() THEN ${OPEN} AND due_at < now()
                                         ELSE due_at IS NOT NULL AND greatest(due_at, received_at) < month_end
                                          AND (${OPEN} OR coalesce(resolved_at, closed_at) >= month_end) END
                                  )::int AS "openOverdue"
             FROM cases, bounds`,
          [month.month],
        );
        expect(month).toEqual({
          month: month.month,
          resolved: direct.resolvedOnTime + direct.resolvedLate,
          ...direct,
        });
      }

      const backlog = (await report('backlog').expect(200)).body;
      const direct = await t.db.query(
        `SELECT unit_code, status, count(*)::int AS n, min(received_at) AS oldest FROM cases WHERE ${OPEN}
          GROUP BY 1, 2`,
      );
      for (const unit of backlog.units) {
        const rows = direct.filter((row: { unit_code: string | null }) => row.unit_code === unit.unitCode);
        const byStatus = { new: 0, assigned: 0, in_progress: 0, waiting: 0 } as Record<string, number>;
        for (const row of rows) byStatus[row.status] = row.n;
        const oldest = rows.map((row: { oldest: Date }) => row.oldest.getTime()).sort()[0];
        expect(unit).toMatchObject({
          byStatus,
          open: rows.reduce((sum: number, row: { n: number }) => sum + row.n, 0),
          oldestReceivedAt: oldest === undefined ? null : new Date(oldest).toISOString(),
        });
      }
    }
  });
});
