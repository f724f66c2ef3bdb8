import { CaseImportStore, ImportCases } from '@app/bulk';
import { CaseStore, formatCaseNumber } from '@app/cases';
import { toProblem } from '@app/core';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { API, expectProblem, TestApp } from './support/app';
import { runCli } from './support/cli';

jest.setTimeout(60_000);

const HEADER = 'external_ref,received_at,channel,category_code,subject,description,status,resolved_at';
const COLUMNS_MESSAGE = `must be exactly ${HEADER}`;
/** An RFC 4180 file: CRLF line ends, a header row. */
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

const GOOD_ROWS = [
  // 31 December 2019 23:30 UTC is 1 January 2020 00:30 in Warsaw: a case of 2020.
  'CRM-1,2019-12-31T23:30:00Z,phone,pothole,Dziura na Grunwaldzkiej,,closed,2020-01-08T10:00:00+01:00',
  'CRM-2,2020-03-15T09:00:00+01:00,email,id-card,"Dowód osobisty, wymiana","Opis z ""cudzysłowem""\r\nw dwóch liniach",resolved,2020-03-20T12:00:00.250+01:00',
  'CRM-3,2020-02-01T10:00:00Z,letter,complaint,Skarga na urzędnika,,new,',
  'CRM-4,2020-01-15T08:00:00Z,web,pothole,Chodnik zapadnięty,,waiting,',
  'CRM-5,2021-06-01T12:00:00+02:00,chat,pothole,Złamane drzewo,Leży na jezdni,in_progress,',
];

describe('Case import (POST /imports/cases, npm run cli -- import:cases)', () => {
  let t: TestApp;
  let supervisor: string;
  let agent: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    supervisor = await t.tokenFor('supervisor');
    agent = await t.tokenFor('agent');
  });
  afterAll(() => t.stop());

  const upload = (body: string | Buffer, token = supervisor, contentType = 'text/csv; charset=utf-8') =>
    t.http().post(`${API}/imports/cases`).set('Authorization', token).set('Content-Type', contentType).send(body);

  /** Everything an import may change. */
  async function state() {
    const [counts] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM case_events) AS events,
              (SELECT count(*)::int FROM outbox) AS outbox,
              (SELECT count(*)::int FROM assignment_reservations) AS reservations,
              (SELECT coalesce(json_agg(json_build_array(year, last_seq) ORDER BY year), '[]')
                 FROM case_number_counters) AS counters`,
    );
    return counts;
  }

  describe('a good file', () => {
    let numbers: Record<string, string>;

    it('creates every case with its number of the Europe/Warsaw year, unit, deadline and history', async () => {
      // A case of 2020 taken at intake first: the import's numbers follow it.
      const intake = await t
        .http()
        .post(`${API}/cases`)
        .set('Authorization', supervisor)
        .send({
          channel: 'phone',
          categoryCode: 'pothole',
          subject: 'Wcześniej',
          receivedAt: '2020-05-05T10:00:00+02:00',
        })
        .expect(201);
      expect(intake.body.number).toBe(formatCaseNumber(2020, 1));
      const before = await state();
      expect(before).toEqual({ cases: 1, events: 2, outbox: 2, reservations: 0, counters: [[2020, 1]] });

      const response = await upload(csv(...GOOD_ROWS));
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ imported: 5, duplicates: 0 });
      // No outbox rows (no SLA timers), no reservations; 2020 took a block of four after the intake's 1, 2021 one.
      expect(await state()).toEqual({
        cases: 6,
        events: 2 + 5 + 2 + 1,
        outbox: 2,
        reservations: 0,
        counters: [
          [2020, 5],
          [2021, 1],
        ],
      });

      const rows = await t.db.query(
        `SELECT external_ref, number, year, seq::int, status, channel, category_code, unit_code, assignee_id, priority,
                subject, description, resident_name, resident_phone, resident_email, location_address, resolution,
                received_at, due_date, due_at, waiting_since IS NOT NULL AS waiting, resolved_at, closed_at,
                sla_warned_for, sla_breached_for, version, tracking_code_hash = 'imported:' || id AS marked_code,
                search_text, created_at = updated_at AS untouched, created_at > now() - interval '1 minute' AS fresh
           FROM cases WHERE external_ref IS NOT NULL ORDER BY external_ref`,
      );
      const at = (iso: string | null) => (iso === null ? null : new Date(iso));
      const common = {
        assignee_id: null,
        priority: 'normal',
        resident_name: null,
        resident_phone: null,
        resident_email: null,
        location_address: null,
        resolution: null,
        version: 1,
        marked_code: true,
        untouched: true,
        fresh: true,
      };
      numbers = Object.fromEntries(rows.map((row: any) => [row.external_ref, row.number]));
      const search = (number: string, rest: string) => `${number} \u0001 ${rest}`;
      expect(rows).toEqual([
        {
          ...common,
          external_ref: 'CRM-1',
          number: formatCaseNumber(2020, 2),
          year: 2020,
          seq: 2,
          status: 'closed',
          channel: 'phone',
          category_code: 'pothole',
          unit_code: 'roads',
          subject: 'Dziura na Grunwaldzkiej',
          description: null,
          search_text: search(formatCaseNumber(2020, 2), 'dziura na grunwaldzkiej'),
          received_at: at('2019-12-31T23:30:00Z'),
          // Seven working days from New Year's Day: 2, 3, (6 January is Epiphany) 7, 8, 9, 10 and 13 January.
          due_date: '2020-01-13',
          due_at: at('2020-01-13T22:59:59.999Z'),
          waiting: false,
          resolved_at: at('2020-01-08T09:00:00Z'),
          closed_at: at('2020-01-08T09:00:00Z'),
          sla_warned_for: at('2020-01-13T22:59:59.999Z'),
          sla_breached_for: at('2020-01-13T22:59:59.999Z'),
        },
        {
          ...common,
          external_ref: 'CRM-2',
          number: formatCaseNumber(2020, 5),
          year: 2020,
          seq: 5,
          status: 'resolved',
          channel: 'email',
          category_code: 'id-card',
          unit_code: 'zom',
          subject: 'Dowód osobisty, wymiana',
          description: 'Opis z "cudzysłowem"\r\nw dwóch liniach',
          search_text: search(
            formatCaseNumber(2020, 5),
            'dowod osobisty, wymiana \u0001 opis z "cudzyslowem"\r\nw dwoch liniach',
          ),
          received_at: at('2020-03-15T08:00:00Z'),
          // A month from Sunday 15 March: Wednesday 15 April (summer time).
          due_date: '2020-04-15',
          due_at: at('2020-04-15T21:59:59.999Z'),
          waiting: false,
          resolved_at: at('2020-03-20T11:00:00.250Z'),
          closed_at: null,
          sla_warned_for: at('2020-04-15T21:59:59.999Z'),
          sla_breached_for: at('2020-04-15T21:59:59.999Z'),
        },
        {
          ...common,
          external_ref: 'CRM-3',
          number: formatCaseNumber(2020, 4),
          year: 2020,
          seq: 4,
          status: 'new',
          channel: 'letter',
          category_code: 'complaint',
          unit_code: null,
          subject: 'Skarga na urzędnika',
          description: null,
          search_text: search(formatCaseNumber(2020, 4), 'skarga na urzednika'),
          received_at: at('2020-02-01T10:00:00Z'),
          // A month from 1 February is Sunday 1 March: Monday 2 March.
          due_date: '2020-03-02',
          due_at: at('2020-03-02T22:59:59.999Z'),
          waiting: false,
          resolved_at: null,
          closed_at: null,
          sla_warned_for: at('2020-03-02T22:59:59.999Z'),
          sla_breached_for: at('2020-03-02T22:59:59.999Z'),
        },
        {
          ...common,
          external_ref: 'CRM-4',
          number: formatCaseNumber(2020, 3),
          year: 2020,
          seq: 3,
          status: 'waiting',
          channel: 'web',
          category_code: 'pothole',
          unit_code: 'roads',
          subject: 'Chodnik zapadnięty',
          description: null,
          search_text: search(formatCaseNumber(2020, 3), 'chodnik zapadniety'),
          received_at: at('2020-01-15T08:00:00Z'),
          due_date: '2020-01-24',
          due_at: at('2020-01-24T22:59:59.999Z'),
          waiting: true,
          resolved_at: null,
          closed_at: null,
          sla_warned_for: at('2020-01-24T22:59:59.999Z'),
          sla_breached_for: at('2020-01-24T22:59:59.999Z'),
        },
        {
          ...common,
          external_ref: 'CRM-5',
          number: formatCaseNumber(2021, 1),
          year: 2021,
          seq: 1,
          status: 'in_progress',
          channel: 'chat',
          category_code: 'pothole',
          unit_code: 'roads',
          subject: 'Złamane drzewo',
          description: 'Leży na jezdni',
          search_text: search(formatCaseNumber(2021, 1), 'zlamane drzewo \u0001 lezy na jezdni'),
          received_at: at('2021-06-01T10:00:00Z'),
          // Corpus Christi fell on 3 June 2021.
          due_date: '2021-06-11',
          due_at: at('2021-06-11T21:59:59.999Z'),
          waiting: false,
          resolved_at: null,
          closed_at: null,
          sla_warned_for: at('2021-06-11T21:59:59.999Z'),
          sla_breached_for: at('2021-06-11T21:59:59.999Z'),
        },
      ]);
    });

    it('records each case’s history as it stood: imported at receipt, then the status changes at resolution', async () => {
      const history = async (ref: string) =>
        (
          await t.http().get(`${API}/cases/${numbers[ref]}/history`).set('Authorization', supervisor).expect(200)
        ).body.items.map(({ id: _id, ...event }: any) => event);
      const actor = 'supervisor-all';
      expect(await history('CRM-1')).toEqual([
        { type: 'imported', at: '2019-12-31T23:30:00.000Z', actor, data: { externalRef: 'CRM-1' } },
        { type: 'status_changed', at: '2020-01-08T09:00:00.000Z', actor, data: { from: 'assigned', to: 'resolved' } },
        { type: 'status_changed', at: '2020-01-08T09:00:00.000Z', actor, data: { from: 'resolved', to: 'closed' } },
      ]);
      expect(await history('CRM-2')).toEqual([
        { type: 'imported', at: '2020-03-15T08:00:00.000Z', actor, data: { externalRef: 'CRM-2' } },
        { type: 'status_changed', at: '2020-03-20T11:00:00.250Z', actor, data: { from: 'assigned', to: 'resolved' } },
      ]);
      for (const ref of ['CRM-3', 'CRM-4']) {
        expect(await history(ref)).toEqual([
          { type: 'imported', at: expect.any(String), actor, data: { externalRef: ref } },
        ]);
      }
    });

    it('shows an imported case like any other, and the SLA sweep leaves open imported cases alone', async () => {
      // The sweep's own query: the intake case of 2020, overdue with nothing recorded, is found; imported ones never.
      const now = new Date();
      const left = await t.app
        .get(CaseStore)
        .timersLeftBehind({ now, lateNow: now, dueSoonBefore: new Date(now.getTime() + 86_400_000) }, 500);
      const [intake] = await t.db.query(`SELECT id FROM cases WHERE external_ref IS NULL`);
      expect(left).toEqual({ breach: [intake.id], warning: [] });

      const response = await t.http().get(`${API}/cases/${numbers['CRM-5']}`).set('Authorization', supervisor);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        expect.objectContaining({
          status: 'in_progress',
          unitCode: 'roads',
          assignee: null,
          priority: 'normal',
          receivedAt: '2021-06-01T10:00:00.000Z',
          dueDate: '2021-06-11',
          sla: 'overdue',
          version: 1,
        }),
      );
    });

    it('imports the same file again as duplicates only, changing nothing', async () => {
      const before = await state();
      const cases = await t.db.query(`SELECT * FROM cases ORDER BY number`);
      const response = await upload(csv(...GOOD_ROWS));
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ imported: 0, duplicates: 5 });
      expect(await state()).toEqual(before);
      expect(await t.db.query(`SELECT * FROM cases ORDER BY number`)).toEqual(cases);
    });

    it('imports the new rows of a file that repeats imported ones, counting the rest as duplicates', async () => {
      const response = await upload(
        csv(GOOD_ROWS[0], 'CRM-6,2021-07-01T08:00:00Z,phone,pothole,Nowa dziura,,assigned,', GOOD_ROWS[4]),
      );
      expect(response.body).toEqual({ imported: 1, duplicates: 2 });
      const [row] = await t.db.query(`SELECT number, status FROM cases WHERE external_ref = 'CRM-6'`);
      expect(row).toEqual({ number: formatCaseNumber(2021, 2), status: 'assigned' });
    });

    it('takes a file with a UTF-8 byte order mark, LF line ends and no final line end', async () => {
      const body = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(`${HEADER}\nBOM-1,2021-07-02T08:00:00Z,phone,pothole,Z BOM,,new,`),
      ]);
      const response = await upload(body, supervisor, 'text/csv');
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ imported: 1, duplicates: 0 });
    });

    it('takes a file of a header alone as nothing to do', async () => {
      const before = await state();
      expect((await upload(csv())).body).toEqual({ imported: 0, duplicates: 0 });
      expect(await state()).toEqual(before);
    });
  });

  describe('a bad file is refused whole (400), nothing stored', () => {
    const row = (ref: string, changes: Partial<Record<string, string>> = {}) => {
      const fields = {
        external_ref: ref,
        received_at: '2022-03-01T10:00:00+01:00',
        channel: 'phone',
        category_code: 'pothole',
        subject: 'Dziura',
        description: '',
        status: 'resolved',
        resolved_at: '2022-03-02T10:00:00+01:00',
        ...changes,
      };
      return Object.values(fields).join(',');
    };
    const CSV_HINT =
      'is not valid CSV: a quoted field must end with a quote followed by a comma or the end of the line';

    it.each<[string, string | Buffer, { row: number; field: string; message: string }[], string]>([
      [
        'a wrong header',
        csv().replace('category_code', 'category') + row('BAD-1') + '\r\n',
        [{ row: 0, field: 'header', message: COLUMNS_MESSAGE }],
        'The header row is not as expected; nothing was imported.',
      ],
      [
        'an empty body',
        '',
        [{ row: 0, field: 'header', message: `is missing (the file is empty): ${HEADER}` }],
        'The file is empty; nothing was imported.',
      ],
      [
        'a date that does not exist',
        csv(row('BAD-1'), row('BAD-2', { received_at: '2022-02-30T10:00:00Z' })),
        [{ row: 2, field: 'received_at', message: 'is not a real date and time' }],
        '1 of 2 rows is not valid; nothing was imported.',
      ],
      [
        'a naive timestamp',
        csv(row('BAD-1', { resolved_at: '2022-03-02T10:00:00' }), row('BAD-2')),
        [{ row: 1, field: 'resolved_at', message: 'needs an offset (Z or ±hh:mm): a time without one is ambiguous' }],
        '1 of 2 rows is not valid; nothing was imported.',
      ],
      [
        'an unknown category',
        csv(row('BAD-1'), row('BAD-2'), row('BAD-3', { category_code: 'graffiti' })),
        [{ row: 3, field: 'category_code', message: 'is not a known category' }],
        '1 of 3 rows is not valid; nothing was imported.',
      ],
      [
        'an unknown channel',
        csv(row('BAD-1', { channel: 'fax' })),
        [
          {
            row: 1,
            field: 'channel',
            message: 'must be one of phone, email, web, chat, in_person, letter, drop_box, mobile_app, social, open311',
          },
        ],
        '1 of 1 row is not valid; nothing was imported.',
      ],
      [
        'a status that is none',
        csv(row('BAD-1'), row('BAD-2', { status: 'done' })),
        [{ row: 2, field: 'status', message: 'must be one of new, assigned, in_progress, waiting, resolved, closed' }],
        '1 of 2 rows is not valid; nothing was imported.',
      ],
      [
        'resolved without resolved_at',
        csv(row('BAD-1', { resolved_at: '' }), row('BAD-2', { status: 'closed', resolved_at: '' })),
        [
          { row: 1, field: 'resolved_at', message: 'is required when status is resolved' },
          { row: 2, field: 'resolved_at', message: 'is required when status is closed' },
        ],
        '2 of 2 rows are not valid; nothing was imported.',
      ],
      [
        'a broken quote (reading stops there)',
        csv(row('BAD-1'), row('BAD-2', { subject: '"Dziura" na ul. Długiej' }), row('BAD-3', { channel: 'fax' })),
        [{ row: 2, field: 'subject', message: CSV_HINT }],
        '1 of the first 2 rows is not valid; nothing was imported. The file could not be read past row 2.',
      ],
      [
        'a quote never closed',
        csv(row('BAD-1', { channel: 'fax' }), row('BAD-2', { description: '"Bez końca' })),
        [
          {
            row: 1,
            field: 'channel',
            message: 'must be one of phone, email, web, chat, in_person, letter, drop_box, mobile_app, social, open311',
          },
          { row: 2, field: 'description', message: 'is not valid CSV: a quoted field is never closed' },
        ],
        '2 of the first 2 rows are not valid; nothing was imported. The file could not be read past row 2.',
      ],
      [
        'bytes that are not UTF-8 (ISO 8859-2 "ę")',
        Buffer.concat([
          Buffer.from(csv(row('BAD-1')) + 'BAD-2,2022-03-01T10:00:00Z,phone,pothole,Dzi'),
          Buffer.from([0xea]),
          Buffer.from('k,,new,\r\n'),
        ]),
        [{ row: 2, field: 'subject', message: 'is not valid UTF-8' }],
        '1 of 2 rows is not valid; nothing was imported.',
      ],
      [
        'a repeated external_ref',
        csv(row('BAD-1'), row('BAD-2'), row('BAD-1', { subject: 'Znowu' }), row('BAD-1')),
        [
          { row: 3, field: 'external_ref', message: 'repeats row 1' },
          { row: 4, field: 'external_ref', message: 'repeats row 1' },
        ],
        '2 of 4 rows are not valid; nothing was imported.',
      ],
      [
        'a row of seven columns',
        csv(row('BAD-1'), 'BAD-2,2022-03-01T10:00:00Z,phone,pothole,Dziura,,new'),
        [{ row: 2, field: 'row', message: 'has 7 columns, expected 8' }],
        '1 of 2 rows is not valid; nothing was imported.',
      ],
    ])('%s', async (_, body, errors, detail) => {
      const before = await state();
      const response = await upload(body);
      const problem = expectProblem(response, 400);
      expect(problem).toEqual({
        type: 'https://contact-centre.gdansk.pl/problems/invalid-file',
        title: 'Bad Request',
        status: 400,
        code: 'invalid_file',
        detail,
        errors,
        requestId: expect.any(String),
      });
      expect(await state()).toEqual(before);
    });

    it('counts every wrong row but lists the first 100 problems, in row order', async () => {
      const rows = Array.from({ length: 150 }, (_, index) =>
        index === 120 ? row('BAD-1') : row(`MANY-${index}`, { channel: 'fax', status: 'done' }),
      );
      const before = await state();
      const problem = expectProblem(await upload(csv(row('BAD-1'), ...rows)), 400);
      expect(problem.detail).toBe(
        '150 of 151 rows are not valid; nothing was imported. The first 100 of 299 problems are listed.',
      );
      expect(problem.errors).toHaveLength(100);
      expect(problem.errors.slice(0, 3)).toEqual([
        { row: 2, field: 'channel', message: expect.stringMatching(/^must be one of/) },
        { row: 2, field: 'status', message: expect.stringMatching(/^must be one of/) },
        { row: 3, field: 'channel', message: expect.stringMatching(/^must be one of/) },
      ]);
      expect(problem.errors[99]).toEqual({ row: 51, field: 'status', message: expect.any(String) });
      expect(await state()).toEqual(before);
    });
  });

  describe('alongside other work', () => {
    it('takes two imports of the same file at once (two api processes) as one: the second finds duplicates', async () => {
      const body = csv(
        ...Array.from(
          { length: 40 },
          (_, index) => `TWICE-${index},2022-05-0${1 + (index % 9)}T10:00:00Z,web,pothole,Dziura,,new,`,
        ),
      );
      const before = await state();
      // Another process's use case: in one process imports take turns before they start (next test).
      const otherProcess = new ImportCases(t.app.get(CaseImportStore));
      const answers = await Promise.all([
        upload(body),
        otherProcess.execute(Readable.from([body]), 'supervisor-all').then((result) => ({ status: 201, body: result })),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
      expect(answers.map((answer) => answer.body).sort((a, b) => a.imported - b.imported)).toEqual([
        { imported: 0, duplicates: 40 },
        { imported: 40, duplicates: 0 },
      ]);
      expect((await state()).cases).toBe(before.cases + 40);
      const [{ numbers }] = await t.db.query(
        `SELECT count(DISTINCT number)::int AS numbers FROM cases WHERE external_ref LIKE 'TWICE-%'`,
      );
      expect(numbers).toBe(40);
    });

    it('refuses a second import in the same process while one runs (429, Retry-After), and takes it afterwards', async () => {
      const source = new PassThrough();
      const importing = t.app.get(ImportCases).execute(source, 'supervisor-all');
      const body = csv('BUSY-1,2022-05-01T10:00:00Z,web,pothole,Dziura,,new,');
      const refused = expectProblem(await upload(body), 429);
      expect(refused.code).toBe('too_many_transfers');
      source.end(body);
      expect(await importing).toEqual({ imported: 1, duplicates: 0 });
      expect((await upload(body).expect(201)).body).toEqual({ imported: 0, duplicates: 1 });
    });

    it('leaves intake of the same year free while the file is read, numbering the import after it', async () => {
      const source = new PassThrough();
      const importing = t.app.get(ImportCases).execute(source, 'supervisor-all');
      source.write(csv('LIVE-1,2018-03-01T10:00:00Z,phone,pothole,Dziura,,new,'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      // The import's transaction is open and its rows copied: an intake of 2018 goes through at once.
      const intake = await t
        .http()
        .post(`${API}/cases`)
        .set('Authorization', supervisor)
        .send({ channel: 'phone', categoryCode: 'pothole', subject: 'Na żywo', receivedAt: '2018-03-02T10:00:00Z' })
        .expect(201);
      source.end('LIVE-2,2018-03-03T10:00:00Z,phone,pothole,Dziura,,new,\r\n');
      expect(await importing).toEqual({ imported: 2, duplicates: 0 });
      const [{ last }] = await t.db.query(`SELECT last_seq::int AS last FROM case_number_counters WHERE year = 2018`);
      const imported = await t.db.query(
        `SELECT external_ref, seq::int FROM cases WHERE external_ref LIKE 'LIVE-%' ORDER BY external_ref`,
      );
      const intakeSeq = Number(intake.body.number.split('-')[1]);
      expect(imported).toEqual([
        { external_ref: 'LIVE-1', seq: last - 1 },
        { external_ref: 'LIVE-2', seq: last },
      ]);
      expect(intakeSeq).toBeLessThan(last - 1);
    });
  });

  describe('who and what may be sent', () => {
    it('is for supervisors and administrators only', async () => {
      const before = await state();
      expectProblem(await upload(csv(GOOD_ROWS[2].replace('CRM-3', 'AGENT-1')), agent), 403);
      expectProblem(
        await t.http().post(`${API}/imports/cases`).set('Content-Type', 'text/csv').send(csv(GOOD_ROWS[2])),
        401,
      );
      expect(await state()).toEqual(before);
      const admin = await t.tokenFor('admin');
      const response = await upload(csv('ADMIN-1,2022-03-01T10:00:00Z,phone,pothole,Dziura,,new,'), admin);
      expect(response.body).toEqual({ imported: 1, duplicates: 0 });
    });

    it('refuses anything but CSV in UTF-8 (415), and CSV anywhere else', async () => {
      const json = await t.http().post(`${API}/imports/cases`).set('Authorization', supervisor).send({ rows: [] });
      expect(expectProblem(json, 415).code).toBe('unsupported_media_type');
      expectProblem(await upload(csv(GOOD_ROWS[2]), supervisor, 'text/csv; charset=iso-8859-2'), 415);
      const intake = await t
        .http()
        .post(`${API}/cases`)
        .set('Authorization', supervisor)
        .set('Content-Type', 'text/csv')
        .send('channel,categoryCode,subject\r\nphone,pothole,Dziura\r\n');
      expectProblem(intake, 415);
    });

    it('refuses a file declared larger than 200 MB at once, closing the connection', async () => {
      const server = t.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const before = await state();
      const answer = await new Promise<{ status: number; body: any; connection: string | undefined }>(
        (resolve, reject) => {
          const outgoing = httpRequest(
            {
              port,
              host: '127.0.0.1',
              method: 'POST',
              path: `${API}/imports/cases`,
              headers: { Authorization: supervisor, 'Content-Type': 'text/csv', 'Content-Length': 300 * 1024 * 1024 },
            },
            (response) => {
              let text = '';
              response.on('data', (chunk) => (text += chunk));
              response.on('end', () =>
                resolve({
                  status: response.statusCode!,
                  body: JSON.parse(text),
                  connection: response.headers.connection,
                }),
              );
            },
          );
          // The server answers, and closes, before the body is sent.
          outgoing.on('error', (error) => (/EPIPE|ECONNRESET/.test(error.message) ? undefined : reject(error)));
          outgoing.write(`${HEADER}\r\n`);
        },
      );
      expect(answer).toEqual({
        status: 413,
        connection: 'close',
        body: expect.objectContaining({
          code: 'file_too_large',
          detail: 'The file is larger than 200 MB; split it and import the parts.',
        }),
      });
      expect(await state()).toEqual(before);
    });

    it('counts the bytes as it reads them and stops past the limit (413), whatever was declared', async () => {
      const before = await state();
      const body = csv(
        ...Array.from({ length: 50 }, (_, index) => `SIZE-${index},2022-03-01T10:00:00Z,phone,pothole,Dziura,,new,`),
      );
      const chunks = Readable.from([Buffer.from(body.slice(0, 1000)), Buffer.from(body.slice(1000))]);
      const refusal = await t.app
        .get(ImportCases)
        .execute(chunks, 'supervisor-all', { maxBytes: 1500 })
        .catch((error: unknown) => error);
      expect(toProblem(refusal).problem).toEqual(
        expect.objectContaining({
          status: 413,
          code: 'file_too_large',
          detail: expect.stringMatching(/^The file is larger than/),
        }),
      );
      expect(await state()).toEqual(before);
      // The same file under the limit goes in.
      expect(await t.app.get(ImportCases).execute(Readable.from([body]), 'supervisor-all', { maxBytes: 4000 })).toEqual(
        {
          imported: 50,
          duplicates: 0,
        },
      );
    });
  });

  describe('npm run cli -- import:cases FILE', () => {
    let folder: string;

    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'import-cases-'));
    });

    it('imports a file as the user cli, printing {imported, duplicates}', async () => {
      const file = join(folder, 'history.csv');
      await writeFile(
        file,
        csv(
          'CLI-1,2023-12-31T23:00:00Z,drop_box,id-card,Wniosek z wrzutni,,closed,2024-01-05T10:00:00+01:00',
          'CLI-2,2023-06-01T10:00:00Z,in_person,pothole,Ubytek w chodniku,,assigned,',
        ),
      );
      const first = await runCli(['import:cases', file]);
      expect(first).toEqual({ out: '{"imported":2,"duplicates":0}', err: '', exitCode: 0 });
      const rows = await t.db.query(
        `SELECT c.external_ref, c.number, c.unit_code, array_agg(e.type || '@' || e.actor ORDER BY e.id) AS events
           FROM cases c JOIN case_events e ON e.case_id = c.id
          WHERE c.external_ref LIKE 'CLI-%' GROUP BY c.id ORDER BY c.external_ref`,
      );
      expect(rows).toEqual([
        {
          external_ref: 'CLI-1',
          // 23:00 UTC on New Year's Eve is midnight in Warsaw: 2024.
          number: formatCaseNumber(2024, 1),
          unit_code: 'zom',
          events: ['imported@cli', 'status_changed@cli', 'status_changed@cli'],
        },
        { external_ref: 'CLI-2', number: formatCaseNumber(2023, 1), unit_code: 'roads', events: ['imported@cli'] },
      ]);
      expect(await runCli(['import:cases', file])).toEqual({
        out: '{"imported":0,"duplicates":2}',
        err: '',
        exitCode: 0,
      });
    });

    it('prints the problems of a bad file and exits 1, importing nothing', async () => {
      const file = join(folder, 'bad.csv');
      await writeFile(
        file,
        csv(
          'CLI-3,2023-06-01T10:00:00,phone,pothole,Dziura,,new,',
          'CLI-4,2023-06-01T10:00:00Z,fax,pothole,Dziura,,new,',
        ),
      );
      const before = await state();
      expect(await runCli(['import:cases', file])).toEqual({
        out: '',
        err: [
          '✗ 2 of 2 rows are not valid; nothing was imported.',
          '  row 1, received_at: needs an offset (Z or ±hh:mm): a time without one is ambiguous',
          '  row 2, channel: must be one of phone, email, web, chat, in_person, letter, drop_box, mobile_app, social, open311',
        ].join('\n'),
        exitCode: 1,
      });
      const missing = await runCli(['import:cases', join(folder, 'missing.csv')]);
      expect(missing.exitCode).toBe(1);
      expect(missing.err).toMatch(/^✗ Cannot read .*missing\.csv: ENOENT/);
      expect(await state()).toEqual(before);
    });
  });
});
