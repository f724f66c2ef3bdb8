import { formatCaseNumber } from '@app/cases';
import { getDataSourceToken } from '@nestjs/typeorm';
import { get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client, Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { API, expectProblem, TestApp } from './support/app';
import { eventually } from './support/eventually';
import { TEST_DATABASE_URL } from './support/test-env';

jest.setTimeout(60_000);
// For the memory measurement: a collection before each sample.
setFlagsFromString('--expose-gc');

const EXPORT_HEADER =
  'number,external_ref,received_at,channel,category_code,unit_code,status,priority,subject,description,' +
  'resolved_at,closed_at,due_date,due_at,assignee';
const IMPORT_HEADER = 'external_ref,received_at,channel,category_code,subject,description,status,resolved_at';

describe('Case export (GET /exports/cases)', () => {
  let t: TestApp;
  let supervisor: string;
  let rows: Record<string, string>;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    supervisor = await t.tokenFor('supervisor');
    await t.tokenFor('unit_staff', 'roads', 'ewa.drogi');
    // History, imported: exact numbers and instants.
    await t
      .http()
      .post(`${API}/imports/cases`)
      .set('Authorization', supervisor)
      .set('Content-Type', 'text/csv')
      .send(
        [
          IMPORT_HEADER,
          'CRM-1,2019-12-31T23:30:00Z,phone,pothole,Dziura na Grunwaldzkiej,,closed,2020-01-08T10:00:00+01:00',
          'CRM-2,2020-03-15T09:00:00+01:00,email,id-card,"Dowód, wymiana","Dwie ""linie""\nopisu",resolved,2020-03-20T12:00:00.250+01:00',
          'CRM-3,2020-02-01T10:00:00Z,letter,complaint,Skarga,,new,',
        ].join('\r\n'),
      )
      .expect(201);
    // A case logged by an agent, with a resident: assigned to the unit's staff; the resident is never exported.
    await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', supervisor)
      .send({
        channel: 'phone',
        categoryCode: 'pothole',
        subject: 'Zapadnięta studzienka',
        description: 'Przy szkole',
        receivedAt: '2024-05-06T08:15:30.123+02:00',
        resident: { name: 'Jan Kowalski', phone: '+48 601-234-567', email: 'jan@example.pl' },
      })
      .expect(201);
    rows = {
      'CRM-1':
        `${formatCaseNumber(2020, 1)},CRM-1,2019-12-31T23:30:00.000Z,phone,pothole,roads,closed,normal,` +
        'Dziura na Grunwaldzkiej,,2020-01-08T09:00:00.000Z,2020-01-08T09:00:00.000Z,2020-01-13,2020-01-13T22:59:59.999Z,',
      'CRM-3':
        `${formatCaseNumber(2020, 2)},CRM-3,2020-02-01T10:00:00.000Z,letter,complaint,,new,normal,Skarga,,,,` +
        '2020-03-02,2020-03-02T22:59:59.999Z,',
      'CRM-2':
        `${formatCaseNumber(2020, 3)},CRM-2,2020-03-15T08:00:00.000Z,email,id-card,zom,resolved,normal,"Dowód, wymiana",` +
        '"Dwie ""linie""\nopisu",2020-03-20T11:00:00.250Z,,2020-04-15,2020-04-15T21:59:59.999Z,',
      intake:
        `${formatCaseNumber(2024, 1)},,2024-05-06T06:15:30.123Z,phone,pothole,roads,assigned,normal,` +
        'Zapadnięta studzienka,Przy szkole,,,2024-05-15,2024-05-15T21:59:59.999Z,ewa.drogi',
    };
  });
  afterAll(() => t.stop());

  const download = (query = '', token = supervisor) =>
    t.http().get(`${API}/exports/cases${query}`).set('Authorization', token);
  const csvOf = (...keys: string[]) => [EXPORT_HEADER, ...keys.map((key) => rows[key])].join('\n') + '\n';

  it('streams every case as CSV, oldest first, with a header row and no resident details', async () => {
    const response = await download();
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="cases.csv"');
    expect(response.text).toBe(csvOf('CRM-1', 'CRM-3', 'CRM-2', 'intake'));
    expect(response.text).not.toMatch(/Kowalski|601|example\.pl/);
  });

  it('writes instants in UTC and dates as they are, whatever the session time zone', async () => {
    const pool = (t.app.get<DataSource>(getDataSourceToken()).driver as any).master as Pool;
    // Connections take the role's settings when they open: close every one the pool has.
    const renewConnections = async () => {
      const open = await Promise.all(Array.from({ length: pool.options.max ?? 10 }, () => pool.connect()));
      open.forEach((connection) => connection.release(true));
    };
    await t.asOwner(`ALTER ROLE cc_test_app SET TimeZone = 'America/New_York'`);
    try {
      await renewConnections();
      const [{ zone }] = await t.db.query(`SELECT current_setting('TimeZone') AS zone`);
      expect(zone).toBe('America/New_York');
      expect((await download()).text).toBe(csvOf('CRM-1', 'CRM-3', 'CRM-2', 'intake'));
    } finally {
      await t.asOwner(`ALTER ROLE cc_test_app RESET TimeZone`);
      await renewConnections();
    }
  });

  it.each<[string, string, string[]]>([
    ['one status', '?status=closed', ['CRM-1']],
    ['several statuses', '?status=new,assigned', ['CRM-3', 'intake']],
    ['a unit', '?unitCode=roads', ['CRM-1', 'intake']],
    ['a category', '?categoryCode=id-card', ['CRM-2']],
    ['a channel', '?channel=letter', ['CRM-3']],
    // 31 December 2019 23:30 UTC is 1 January 2020 in Warsaw: in the range from that date.
    ['received from a business date', '?receivedFrom=2020-01-01&receivedTo=2020-02-01', ['CRM-1', 'CRM-3']],
    ['received to a business date, inclusive', '?receivedTo=2020-01-01', ['CRM-1']],
    ['received before an instant, exclusive', '?receivedTo=2020-02-01T10:00:00Z', ['CRM-1']],
    ['received from an instant, inclusive', '?receivedFrom=2020-02-01T11:00:00%2B01:00', ['CRM-3', 'CRM-2', 'intake']],
    ['filters together', '?unitCode=roads&status=closed,assigned&channel=phone&receivedFrom=2021-01-01', ['intake']],
    ['nothing matching', '?categoryCode=pothole&channel=email', []],
  ])('filters like GET /cases: %s', async (_, query, keys) => {
    const response = await download(query);
    expect(response.status).toBe(200);
    expect(response.text).toBe(csvOf(...keys));
  });

  it.each<[string, string, string]>([
    ['an unknown parameter', '?limit=10', 'limit'],
    ['another unknown parameter', '?q=dziura', 'q'],
    ['a status that is none', '?status=open', 'status'],
    ['a malformed date', '?receivedFrom=01.01.2020', 'receivedFrom'],
    ['a channel that is none', '?channel=fax', 'channel'],
  ])('refuses %s (400)', async (_, query, field) => {
    const problem = expectProblem(await download(query), 400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((error: { field: string }) => error.field)).toEqual([field]);
  });

  it('is for supervisors and administrators only', async () => {
    expectProblem(await download('', await t.tokenFor('agent')), 403);
    expectProblem(await download('', await t.tokenFor('unit_staff', 'roads')), 403);
    expectProblem(await t.http().get(`${API}/exports/cases`), 401);
    expect((await download('', await t.tokenFor('admin'))).status).toBe(200);
  });

  describe('at any size', () => {
    const COUNT = 200_000;
    let pool: Pool;

    beforeAll(async () => {
      pool = (t.app.get<DataSource>(getDataSourceToken()).driver as any).master as Pool;
      // Rows as intake and import write them, in one statement (as the owner, without triggers: neither the
      // catalogue's foreign keys, all satisfied, nor the reporting rollups matter here, and they would take most of
      // the time), each with a long description: ~600 bytes a row, so that the whole export, ~130 MB, could not hide
      // in the memory budget below.
      const owner = new Client({ connectionString: TEST_DATABASE_URL });
      await owner.connect();
      await owner.query(`SET session_replication_role = replica`);
      await owner.query(
        `INSERT INTO cases (id, number, year, seq, status, channel, category_code, unit_code, priority, subject,
                            description, received_at, created_at, updated_at, due_date, due_at, resolved_at,
                            closed_at, version, tracking_code_hash, external_ref, search_text)
         SELECT gen_random_uuid(), format('2025-%s-%s', lpad(g::text, 6, '0'), g % 10), 2025, g,
                (ARRAY['new', 'assigned', 'in_progress', 'resolved', 'closed'])[1 + g % 5],
                (ARRAY['phone', 'email', 'web', 'letter'])[1 + g % 4],
                (ARRAY['pothole', 'id-card', 'complaint'])[1 + g % 3],
                (ARRAY['roads', 'zom', NULL])[1 + g % 3], 'normal',
                'Zgłoszenie nr ' || g,
                repeat('Opis zgłoszenia, z przecinkiem i "cudzysłowem". ', 10),
                timestamptz '2025-01-01 00:00:00+01' + g * interval '2 minutes', now(), now(),
                date '2025-02-01', timestamptz '2025-02-01 23:59:59.999+01',
                CASE WHEN g % 5 >= 3 THEN timestamptz '2025-01-20 10:00:00+01' END,
                CASE WHEN g % 5 = 4 THEN timestamptz '2025-01-20 10:00:00+01' END,
                1, 'imported:' || g, 'BULK-' || g, 'zgloszenie nr ' || g
           FROM generate_series(1, $1::int) AS g`,
        [COUNT],
      );
      await owner.end();
    });

    it(`streams ${COUNT.toLocaleString('en')} cases in flat memory`, async () => {
      // What the process holds while streaming: the heap and the buffers outside it (`external`), each time after a
      // collection (V8 frees buffers lazily: garbage is no growth), and its size as the system sees it. Sampled every
      // 20 MB received (a collection of a large heap takes a while: not on a timer).
      const collect = runInNewContext('gc') as () => void;
      collect();
      const before = process.memoryUsage();
      const peak = { heap: 0, external: 0, rss: 0 };
      let collecting = 0;
      const sample = () => {
        const collectionStarted = Date.now();
        collect();
        collecting += Date.now() - collectionStarted;
        const now = process.memoryUsage();
        peak.heap = Math.max(peak.heap, now.heapUsed - before.heapUsed);
        peak.external = Math.max(peak.external, now.external - before.external);
        peak.rss = Math.max(peak.rss, now.rss - before.rss);
      };
      const SAMPLE_EVERY = 20 * 1024 * 1024;
      let lines = 0;
      let bytes = 0;
      let tail = Buffer.alloc(0);
      const started = Date.now();
      const response = await download('?receivedFrom=2025-01-01')
        .buffer(true)
        .parse((res, callback) => {
          res.on('data', (chunk: Buffer) => {
            if (Math.floor((bytes + chunk.length) / SAMPLE_EVERY) > Math.floor(bytes / SAMPLE_EVERY)) sample();
            bytes += chunk.length;
            for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
            tail = Buffer.concat([tail, chunk]).subarray(-4096);
          });
          res.on('end', () => callback(null, null));
        });
      const seconds = (Date.now() - started - collecting) / 1000;
      expect(response.status).toBe(200);
      // The header and the bulk, one line each (no line breaks in these descriptions): 200,001 lines.
      expect(lines).toBe(1 + COUNT);
      const description = '"' + 'Opis zgłoszenia, z przecinkiem i ""cudzysłowem"". '.repeat(10) + '"';
      const receivedAt = new Date(Date.parse('2024-12-31T23:00:00Z') + COUNT * 2 * 60 * 1000).toISOString();
      expect(tail.toString().split('\n').slice(-2)).toEqual([
        `2025-${COUNT}-0,BULK-${COUNT},${receivedAt},phone,complaint,,new,normal,Zgłoszenie nr ${COUNT},` +
          `${description},,,2025-02-01,2025-02-01T22:59:59.999Z,`,
        '',
      ]);
      expect(bytes).toBeGreaterThan(100 * 1024 * 1024);
      const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
      console.log(
        `export: ${COUNT} cases, ${mb(bytes)} MB in ${seconds.toFixed(1)} s (and ${collecting} ms collecting); growth ` +
          `at most: heap ${mb(peak.heap)} MB, external ${mb(peak.external)} MB, rss ${mb(peak.rss)} MB`,
      );
      // Holding the export (130 MB) would show in one or the other. The process's size moves more (the allocator keeps
      // what it freed for a while, and the client reading here shares the process): a looser bound.
      expect(peak.heap).toBeLessThan(60 * 1024 * 1024);
      expect(peak.external).toBeLessThan(60 * 1024 * 1024);
      expect(peak.rss).toBeLessThan(100 * 1024 * 1024);
    });

    it('gives its connection up when the client goes away mid-download', async () => {
      const server = t.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const received = await new Promise<number>((resolve, reject) => {
        const request = httpGet(
          { port, host: '127.0.0.1', path: `${API}/exports/cases`, headers: { Authorization: supervisor } },
          (response) => {
            let bytes = 0;
            response.on('data', (chunk: Buffer) => {
              bytes += chunk.length;
              // A megabyte in, the client gives up.
              if (bytes > 1024 * 1024) {
                request.destroy();
                resolve(bytes);
              }
            });
          },
        );
        request.on('error', (error) => (/aborted|socket hang up/.test(error.message) ? undefined : reject(error)));
      });
      expect(received).toBeGreaterThan(1024 * 1024);
      // Every connection back in the pool (the export's closed), and no COPY left running in PostgreSQL.
      const leftovers = await eventually(
        async () => {
          const [{ copying }] = await t.asOwner<{ copying: number }>(
            `SELECT count(*)::int AS copying FROM pg_stat_activity
              WHERE datname = current_database() AND query LIKE 'COPY (%' AND state = 'active'`,
          );
          return { checkedOut: pool.totalCount - pool.idleCount, copying };
        },
        (seen) => seen.checkedOut === 0 && seen.copying === 0,
      );
      expect(leftovers).toEqual({ checkedOut: 0, copying: 0 });
      // And the next download is whole.
      expect(
        (await download('?channel=letter&receivedFrom=2025-01-01&receivedTo=2025-01-01')).text.split('\n'),
      ).toHaveLength(1 + 180 + 1);
    });
  });

  it('refuses a year out of range (400) rather than fail in the database', async () => {
    for (const query of ['?receivedFrom=0000-01-01', '?receivedTo=0000-06-01T00:00:00Z']) {
      expect(expectProblem(await download(query), 400).code).toBe('invalid_date');
    }
  });

  it('writes free text a spreadsheet would take for a formula with a leading apostrophe', async () => {
    for (const subject of ['=SUM(A1)', '-2+3', '@cmd', '+1', 'Zwykły']) {
      await t
        .http()
        .post(`${API}/cases`)
        .set('Authorization', supervisor)
        .send({ channel: 'social', categoryCode: 'pothole', subject, description: '=1' })
        .expect(201);
    }
    const lines = (await download('?channel=social')).text.trim().split('\n').slice(1);
    expect(lines.map((line) => line.split(',').slice(8, 10).join(','))).toEqual([
      "'=SUM(A1),'=1",
      "'-2+3,'=1",
      "'@cmd,'=1",
      "'+1,'=1",
      "Zwykły,'=1",
    ]);
  });
});
