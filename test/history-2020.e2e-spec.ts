import { Test, TestingModule } from '@nestjs/testing';
import { execFileSync } from 'node:child_process';
import { AppConfigModule, DatabaseModule } from '@app/core';
import { DemoDataModule, DemoDataService } from '@app/demo-data';
import { API, TestApp } from './support/app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MONTHLY_2020 } = require('../bench/history-csv.js') as { MONTHLY_2020: number[] };

jest.setTimeout(120_000);

/**
 * The "done when": a year of history imported in one request, and the 2020 monthly table with June's record
 * 12,369 in another.
 */
describe('A year of imported history', () => {
  let t: TestApp;
  let demo: TestingModule;
  let supervisor: string;
  const history = execFileSync(process.execPath, ['bench/history-csv.js', '--year', '2020'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const rows = MONTHLY_2020.reduce((sum, count) => sum + count, 0);

  beforeAll(async () => {
    t = await TestApp.start();
    demo = await Test.createTestingModule({
      imports: [AppConfigModule, DatabaseModule.forRoot(), DemoDataModule],
    }).compile();
    await demo.get(DemoDataService).load(false);
    supervisor = await t.tokenFor('supervisor', null, 'history.supervisor');
  });
  afterAll(async () => {
    await demo.close();
    await t.stop();
  });

  const importHistory = () =>
    t
      .http()
      .post(`${API}/imports/cases`)
      .set('Authorization', supervisor)
      .set('Content-Type', 'text/csv')
      .send(history);

  it('gives the monthly table of 2020 with June the peak, and the SLA record, as a direct count does', async () => {
    expect(history.length).toBeGreaterThan(15_000_000);
    expect((await importHistory().expect(201)).body).toEqual({ imported: rows, duplicates: 0 });

    const { body } = await t
      .http()
      .get(`${API}/reports/monthly-volumes`)
      .query({ from: '2020-01', to: '2020-12' })
      .set('Authorization', supervisor)
      .expect(200);
    expect(body.months).toEqual(
      MONTHLY_2020.map((total, index) => ({ month: `2020-${String(index + 1).padStart(2, '0')}`, total })),
    );
    expect(body.total).toBe(rows);
    expect(body.peak).toEqual({ month: '2020-06', total: 12_369 });

    const sla = (
      await t
        .http()
        .get(`${API}/reports/sla`)
        .query({ from: '2020-01', to: '2020-12' })
        .set('Authorization', supervisor)
        .expect(200)
    ).body;
    const direct = await t.db.query(
      `SELECT to_char(resolved_at AT TIME ZONE 'Europe/Warsaw', 'YYYY-MM') AS month,
              count(*) FILTER (WHERE resolved_at <= due_at)::int AS "onTime",
              count(*) FILTER (WHERE resolved_at > due_at)::int AS late
         FROM cases GROUP BY 1`,
    );
    for (const month of sla.months) {
      const expected = direct.find((row: { month: string }) => row.month === month.month);
      expect([month.month, month.resolvedOnTime, month.resolvedLate]).toEqual([
        month.month,
        expected?.onTime ?? 0,
        expected?.late ?? 0,
      ]);
    }
    const resolvedIn2020 = sla.months.reduce((sum: number, month: { resolved: number }) => sum + month.resolved, 0);
    expect(resolvedIn2020).toBeGreaterThan(rows * 0.95);
    expect(sla.months.filter((month: { resolvedLate: number }) => month.resolvedLate > 0)).not.toHaveLength(0);

    // The same file again: nothing new, nothing counted twice.
    expect((await importHistory().expect(201)).body).toEqual({ imported: 0, duplicates: rows });
    const again = await t
      .http()
      .get(`${API}/reports/monthly-volumes`)
      .query({ from: '2020-01', to: '2020-12' })
      .set('Authorization', supervisor)
      .expect(200);
    expect(again.body).toEqual(body);
  });
});
