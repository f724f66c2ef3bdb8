import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import {
  addCalendarDays,
  appConfigFromEnv,
  businessDateOf,
  generateAccessCode,
  REDIS_CLIENT,
  hashAccessCode,
  isPublicHoliday,
  startOfBusinessDay,
} from '@app/core';
import { formatCaseNumber } from '@app/cases';
import { Test, TestingModule } from '@nestjs/testing';
import { Job } from 'bullmq';
import { NoShowSweepProcessor, VisitsService } from '@app/visits';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { eventually } from './support/eventually';
import { API, expectProblem, TestApp } from './support/app';
import { capturedLogs } from './support/captured-logs';

jest.setTimeout(30_000);

const EVERY_DAY_8_TO_16 = Object.fromEntries(
  ['1', '2', '3', '4', '5', '6', '7'].map((day) => [day, [['08:00', '16:00']]]),
);
const SECRET = appConfigFromEnv().trackingCodeSecret;
const problemType = (code: string) => `https://contact-centre.gdansk.pl/problems/${code.replace(/_/g, '-')}`;

/** The `n`-th day from today (Europe/Warsaw) that is not a public holiday, n ≥ 1. */
function openDay(n: number): string {
  let date = businessDateOf(new Date());
  for (let found = 0; found < n;) {
    date = addCalendarDays(date, 1);
    if (!isPublicHoliday(date)) found++;
  }
  return date;
}

/** Local 08:00 + `slot` × `minutes` on `date`, as an instant. */
function slotStart(date: string, slot: number, minutes = 30): string {
  return new Date(startOfBusinessDay(date).getTime() + (8 * 60 + slot * minutes) * 60_000).toISOString();
}

/** Visit booking through the API on the real PostgreSQL and Redis. */
describe('Visits', () => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let supervisor: string;
  const { logger, lines: logLines } = capturedLogs();
  let phoneSeq = 0;
  const nextPhone = () => `+48 600 ${String(phoneSeq++).padStart(6, '0')}`;

  beforeAll(async () => {
    t = await TestApp.start({ logger });
    admin = await t.tokenFor('admin');
    agent = await t.tokenFor('agent');
    supervisor = await t.tokenFor('supervisor');
  });
  afterAll(() => t.stop());

  async function setUpOffice(
    code = 'zom-1',
    desks = 3,
    weekly: object = EVERY_DAY_8_TO_16,
    closedDates: string[] = [],
  ) {
    await t
      .http()
      .post(`${API}/offices`)
      .set('Authorization', admin)
      .send({ code, name: `ZOM ${code}`, address: 'ul. Nowe Ogrody 8/12', desks })
      .expect(201);
    await t
      .http()
      .put(`${API}/offices/${code}/opening-hours`)
      .set('Authorization', admin)
      .send({ weekly, closedDates })
      .expect(200);
  }

  async function setUpService(code = 'id-card', durationMinutes = 30, officeCodes = ['zom-1']) {
    await t
      .http()
      .post(`${API}/visit-services`)
      .set('Authorization', admin)
      .send({ code, name: 'Dowód osobisty', durationMinutes, officeCodes })
      .expect(201);
  }

  /** Empties a rate limit's counts in Redis (this run's keys only). */
  async function forgetCounts(limit: string) {
    const redis = t.app.get<Redis>(REDIS_CLIENT);
    const keys = await redis.keys(`${process.env.REDIS_PREFIX}${limit}*`);
    if (keys.length) await redis.del(...keys);
  }

  function book(start: string, extra: Record<string, unknown> = {}, token?: string) {
    const request = t.http().post(`${API}/visits`);
    if (token) request.set('Authorization', token);
    return request.send({
      officeCode: 'zom-1',
      serviceCode: 'id-card',
      start,
      resident: { name: 'Anna Nowak', phone: nextPhone() },
      ...extra,
    });
  }

  describe('offices and services', () => {
    beforeEach(() => t.reset());

    it('are created by admins and read by everyone, hours and all', async () => {
      await setUpOffice(
        'zom-1',
        4,
        {
          '1': [['08:00', '18:00']],
          '5': [
            ['08:00', '12:00'],
            ['13:00', '16:00'],
          ],
        },
        ['2026-12-31', '2026-12-30', '2026-12-31'],
      );
      await setUpService('id-card', 20, ['zom-1']);
      const offices = await t.http().get(`${API}/offices`).expect(200);
      expect(offices.body).toEqual({
        items: [
          {
            code: 'zom-1',
            name: 'ZOM zom-1',
            address: 'ul. Nowe Ogrody 8/12',
            desks: 4,
            openingHours: {
              weekly: {
                '1': [['08:00', '18:00']],
                '2': [],
                '3': [],
                '4': [],
                '5': [
                  ['08:00', '12:00'],
                  ['13:00', '16:00'],
                ],
                '6': [],
                '7': [],
              },
              closedDates: ['2026-12-30', '2026-12-31'],
            },
            serviceCodes: ['id-card'],
          },
        ],
        nextCursor: null,
      });
      const services = await t.http().get(`${API}/visit-services`).expect(200);
      expect(services.body).toEqual({
        items: [{ code: 'id-card', name: 'Dowód osobisty', durationMinutes: 20, officeCodes: ['zom-1'] }],
        nextCursor: null,
      });
    });

    it('refuse bad input, other roles and duplicates, changing nothing', async () => {
      await setUpOffice();
      const before = await t.db.query(`SELECT weekly_hours, closed_dates::text[] FROM offices`);
      const put = (body: object, token = admin) =>
        t.http().put(`${API}/offices/zom-1/opening-hours`).set('Authorization', token).send(body);
      expect(expectProblem(await put({ weekly: { '1': [['16:00', '08:00']] } }), 400).errors).toEqual([
        { field: 'weekly.1[0]', message: 'opens (16:00) at or after it closes (08:00)' },
      ]);
      expectProblem(await put({ weekly: { '8': [['08:00', '16:00']] } }), 400);
      expectProblem(await put({ weekly: { '1': [['8:00', '16:00']] } }), 400);
      expectProblem(await put({ weekly: { '1': [['08:00', '24:00']] } }), 400);
      expectProblem(await put({ weekly: {}, closedDates: ['2026-02-30x'] }), 400);
      expect(expectProblem(await put({ weekly: {}, closedDates: ['2026-02-30'] }), 400).errors).toEqual([
        { field: 'closedDates', message: 'closedDates must be a date, YYYY-MM-DD' },
      ]);
      expectProblem(await put({ weekly: {} }, agent), 403);
      expectProblem(
        await t.http().put(`${API}/offices/nope/opening-hours`).set('Authorization', admin).send({ weekly: {} }),
        404,
      );
      expect(await t.db.query(`SELECT weekly_hours, closed_dates::text[] FROM offices`)).toEqual(before);

      expectProblem(
        await t
          .http()
          .post(`${API}/offices`)
          .set('Authorization', admin)
          .send({ code: 'zom-1', name: 'x', address: 'y', desks: 1 }),
        409,
      );
      expectProblem(
        await t
          .http()
          .post(`${API}/offices`)
          .set('Authorization', admin)
          .send({ code: 'zom-2', name: 'x', address: 'y', desks: 0 }),
        400,
      );
      const unknownOffice = await t
        .http()
        .post(`${API}/visit-services`)
        .set('Authorization', admin)
        .send({ code: 'usc', name: 'Akt', durationMinutes: 30, officeCodes: ['zom-1', 'usc-x'] });
      expect(expectProblem(unknownOffice, 400).errors).toEqual([
        { field: 'officeCodes', message: 'no such office: usc-x' },
      ]);
      expectProblem(
        await t
          .http()
          .post(`${API}/visit-services`)
          .set('Authorization', admin)
          .send({ code: 'usc', name: 'Akt', durationMinutes: 4, officeCodes: ['zom-1'] }),
        400,
      );
      expect(await t.count('visit_services')).toBe(0);
      expect(await t.count('offices')).toBe(1);
    });
  });

  describe('slots and booking', () => {
    beforeAll(async () => {
      await t.reset();
      await setUpOffice('zom-1', 3);
      await setUpService('id-card', 30);
      await setUpOffice('usc', 1);
      await setUpService('marriage', 60, ['usc']);
    });

    it('lists the slots of a day with their free desks, taken desks counted', async () => {
      const day = openDay(2);
      const empty = await t
        .http()
        .get(`${API}/visits/slots`)
        .query({ officeCode: 'zom-1', serviceCode: 'id-card', date: day })
        .expect(200);
      expect(empty.body.items).toHaveLength(16);
      expect(empty.body.items[0]).toEqual({ start: slotStart(day, 0), end: slotStart(day, 1), free: 3 });
      expect(empty.body).toMatchObject({ officeCode: 'zom-1', serviceCode: 'id-card', date: day });

      await book(slotStart(day, 2)).expect(201);
      await book(slotStart(day, 2)).expect(201);
      const after = await t
        .http()
        .get(`${API}/visits/slots`)
        .query({ officeCode: 'zom-1', serviceCode: 'id-card', date: day })
        .expect(200);
      expect(after.body.items.map((slot: { free: number }) => slot.free).slice(0, 4)).toEqual([3, 3, 1, 3]);
    });

    it('has no slots outside the window or on a public holiday, and 404s unknown offices', async () => {
      const query = (date: string, token?: string) => {
        const request = t
          .http()
          .get(`${API}/visits/slots`)
          .query({ officeCode: 'zom-1', serviceCode: 'id-card', date });
        return token ? request.set('Authorization', token) : request;
      };
      const today = businessDateOf(new Date());
      expect((await query(today).expect(200)).body.items).toEqual([]);
      expect((await query(addCalendarDays(today, 15)).expect(200)).body.items).toEqual([]);
      expect((await query(addCalendarDays(today, 14)).expect(200)).body.items.length).toBe(
        isPublicHoliday(addCalendarDays(today, 14)) ? 0 : 16,
      );
      // Staff see today's slots that have not begun (none after 16:00 Warsaw time).
      const todays = (await query(today, agent).expect(200)).body.items as { start: string }[];
      expect(todays.every((slot) => new Date(slot.start) > new Date())).toBe(true);
      expectProblem(await query(today, 'Bearer nonsense'), 401);
      expectProblem(
        await t.http().get(`${API}/visits/slots`).query({ officeCode: 'nope', serviceCode: 'id-card', date: today }),
        404,
      );
      expectProblem(
        await t.http().get(`${API}/visits/slots`).query({ officeCode: 'usc', serviceCode: 'id-card', date: today }),
        404,
      );
      expectProblem(
        await t
          .http()
          .get(`${API}/visits/slots`)
          .query({ officeCode: 'zom-1', serviceCode: 'id-card', date: '2026-13-01' }),
        400,
      );
    });

    it('books a slot: 201 with a code shown once and kept only as a keyed hash', async () => {
      const day = openDay(3);
      const response = await book(slotStart(day, 4), {
        resident: { name: 'Jan Kowalski', email: 'jan@example.pl' },
      }).expect(201);
      expect(response.body).toEqual({
        code: expect.stringMatching(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}$/),
        officeCode: 'zom-1',
        officeName: 'ZOM zom-1',
        officeAddress: 'ul. Nowe Ogrody 8/12',
        serviceCode: 'id-card',
        serviceName: 'Dowód osobisty',
        start: slotStart(day, 4),
        end: slotStart(day, 5),
        status: 'booked',
      });
      const [row] = await t.db.query(`SELECT * FROM visits WHERE code_hash = $1`, [
        hashAccessCode(response.body.code, SECRET, 'visit:'),
      ]);
      expect(row).toMatchObject({
        status: 'booked',
        resident_name: 'Jan Kowalski',
        email_key: 'jan@example.pl',
        booked_by: 'public',
      });
      expect(JSON.stringify(row)).not.toContain(response.body.code);
      // The reminder waits in the outbox, a day before the visit.
      const [reminder] = await t.db.query(
        `SELECT queue, name, payload, run_at FROM outbox WHERE payload ->> 'visitId' = $1`,
        [row.id],
      );
      expect(reminder).toEqual({
        queue: 'visit-reminders',
        name: 'visit-reminder',
        payload: { visitId: row.id },
        run_at: new Date(new Date(slotStart(day, 4)).getTime() - 24 * 3600_000),
      });
      const events = await t.db.query(`SELECT type, actor, data FROM visit_events WHERE visit_id = $1`, [row.id]);
      expect(events).toEqual([{ type: 'booked', actor: 'public', data: { desk: row.desk } }]);
    });

    it('refuses a start that is not a slot, outside the window or on a closed day, storing nothing', async () => {
      const before = await t.count('visits');
      const outbox = await t.count('outbox');
      const day = openDay(3);
      const refused = async (start: string, code: string) => {
        const problem = expectProblem(await book(start), 400);
        expect(problem.type).toBe(problemType(code));
        expect(problem.errors[0].field).toBe('start');
      };
      await refused(new Date(new Date(slotStart(day, 1)).getTime() + 5 * 60_000).toISOString(), 'not_a_slot');
      await refused(slotStart(day, 16), 'not_a_slot'); // 16:00: closing time
      await refused(slotStart(businessDateOf(new Date()), 20), 'outside_booking_window'); // today, for the public
      await refused(slotStart(addCalendarDays(businessDateOf(new Date()), 15), 0), 'outside_booking_window');
      const holiday = (() => {
        for (let n = 1; n <= 14; n++) {
          const date = addCalendarDays(businessDateOf(new Date()), n);
          if (isPublicHoliday(date)) return date;
        }
        return null;
      })();
      if (holiday) await refused(slotStart(holiday, 0), 'office_closed');
      // No phone or e-mail; a case named by the public; unknown fields; an unknown service.
      expect(expectProblem(await book(slotStart(day, 0), { resident: { name: 'Anna' } }), 400).errors).toEqual([
        { field: 'resident', message: 'must have a phone or an email' },
      ]);
      expect(expectProblem(await book(slotStart(day, 0), { caseNumber: '2026-000001-5' }), 400).errors).toEqual([
        { field: 'caseNumber', message: 'only staff may book a visit for a case' },
      ]);
      for (const phone of ['---', '()(', '123', '+48 12 34']) {
        const refused = await book(slotStart(day, 0), { resident: { name: 'Anna', phone } });
        expect(expectProblem(refused, 400).errors).toEqual([
          { field: 'resident.phone', message: 'phone must have 9 to 15 digits, spaces and + ( ) -' },
        ]);
      }
      const shortAbroad = await book(slotStart(day, 0), { resident: { name: 'Anna', phone: '00 1234 567' } });
      expect(expectProblem(shortAbroad, 400).type).toBe(problemType('phone_not_dialable'));
      expectProblem(await book(slotStart(day, 0), { desk: 1 }), 400);
      expectProblem(await book(slotStart(day, 0), { serviceCode: 'marriage' }), 400);
      expectProblem(await book('2026-12-01 08:00'), 400);
      expect(await t.count('visits')).toBe(before);
      expect(await t.count('outbox')).toBe(outbox);
    });

    it('lets 20 parallel bookings of the last free desk end in exactly one 201 and nineteen 409s', async () => {
      const day = openDay(4);
      const start = slotStart(day, 6);
      await book(start, {}, agent).expect(201);
      await book(start, {}, agent).expect(201);
      const racing = await Promise.all(Array.from({ length: 20 }, () => book(start, {}, agent)));
      const statuses = racing.map((response) => response.status).sort();
      expect(statuses).toEqual([201, ...Array(19).fill(409)]);
      for (const response of racing.filter((r) => r.status === 409)) {
        expect(expectProblem(response, 409).type).toBe(problemType('slot_full'));
      }
      const desks = await t.db.query(
        `SELECT desk FROM visits WHERE starts_at = $1 AND status = 'booked' ORDER BY desk`,
        [start],
      );
      expect(desks).toEqual([{ desk: 1 }, { desk: 2 }, { desk: 3 }]);
      // And the slot shows full.
      const slots = await t
        .http()
        .get(`${API}/visits/slots`)
        .query({ officeCode: 'zom-1', serviceCode: 'id-card', date: day })
        .expect(200);
      expect(slots.body.items.find((slot: { start: string }) => slot.start === start).free).toBe(0);
    });

    it('is held by PostgreSQL itself: no two active visits overlap on a desk, whatever writes them', async () => {
      const day = openDay(5);
      const insert = (id: string, start: string, end: string, status = 'booked') =>
        t.db.query(
          `INSERT INTO visits (id, code_hash, office_code, service_code, desk, starts_at, ends_at, status, resident_name,
                               resident_phone, booked_by, created_at, cancelled_at)
           VALUES ($1::uuid, $1::text, 'usc', 'marriage', 1, $2, $3, $4, 'X', '1', 'test', now(),
                   CASE WHEN $4 = 'cancelled' THEN now() END)`,
          [id, start, end, status],
        );
      await insert(randomUUID(), slotStart(day, 0), slotStart(day, 2));
      await expect(insert(randomUUID(), slotStart(day, 1), slotStart(day, 3))).rejects.toMatchObject({
        code: '23P01',
        constraint: 'visits_no_double_booking',
      });
      // Cancelled and no-show visits hold no desk; touching ends do not overlap.
      await insert(randomUUID(), slotStart(day, 1), slotStart(day, 3), 'cancelled');
      await insert(randomUUID(), slotStart(day, 2), slotStart(day, 4));
      // A visit's status says when it came about, and its history is never rewritten.
      await expect(
        t.db.query(`UPDATE visits SET status = 'checked_in' WHERE office_code = 'usc' AND status = 'booked'`),
      ).rejects.toMatchObject({ code: '23514' });
      await expect(t.db.query(`UPDATE visit_events SET actor = 'someone else'`)).rejects.toMatchObject({
        code: '23001',
      });
    });

    it('caps a phone or e-mail at 2 future bookings, even when they race', async () => {
      const day = openDay(6);
      const phone = '+48 501 222 333';
      const same = await Promise.all(
        [0, 1, 2, 3, 4, 5].map((slot) => book(slotStart(day, slot), { resident: { name: 'Ewa', phone } })),
      );
      expect(same.map((response) => response.status).sort()).toEqual([201, 201, 409, 409, 409, 409]);
      const refused = same.find((response) => response.status === 409)!;
      expect(expectProblem(refused, 409).type).toBe(problemType('booking_limit_reached'));
      // The same number written otherwise, and an e-mail that comes with it, count too.
      expectProblem(await book(slotStart(day, 7), { resident: { name: 'Ewa', phone: '501-222-333' } }), 409);
      const first = same.find((response) => response.status === 201)!;
      await t.http().delete(`${API}/visits/${first.body.code}`).expect(200);
      await book(slotStart(day, 7), {
        resident: { name: 'Ewa', phone: '0048501222333', email: 'ewa@example.pl' },
      }).expect(201);
      expectProblem(await book(slotStart(day, 8), { resident: { name: 'Ewa', phone: '501222333' } }), 409);
      // The e-mail is counted on its own: one booking so far, so one more.
      await book(slotStart(day, 8), { resident: { name: 'Ewa', email: 'EWA@example.pl' } }).expect(201);
      const third = await book(slotStart(day, 9), {
        resident: { name: 'Ewa', phone: '+48 777 000 111', email: 'ewa@example.pl' },
      });
      expect(expectProblem(third, 409).type).toBe(problemType('booking_limit_reached'));
      expect(
        (
          await t.db.query(
            `SELECT count(*)::int AS n FROM visits WHERE status = 'booked' AND (phone_key = '48501222333' OR email_key = 'ewa@example.pl')`,
          )
        )[0].n,
      ).toBe(3);
    });

    it('lets one address book 60 times a minute without a token, then 429; staff are not counted', async () => {
      const allowance = appConfigFromEnv().visitBookingsPerMinute;
      await forgetCounts('visit-bookings');
      // Requests for a start that is no slot count as bookings tried, and are cheap.
      const notASlot = new Date(new Date(slotStart(openDay(2), 0)).getTime() + 60_000).toISOString();
      for (let i = 0; i < allowance; i++) expectProblem(await book(notASlot), 400);
      const refused = await book(notASlot);
      expect(expectProblem(refused, 429).type).toBe(problemType('too_many_bookings'));
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expectProblem(await book(notASlot, {}, agent), 400);
      await forgetCounts('visit-bookings');
    });
  });

  describe('by code, cancelling, the case, the office day', () => {
    let caseNumber: string;

    beforeAll(async () => {
      await t.reset();
      admin = await t.tokenFor('admin');
      agent = await t.tokenFor('agent');
      supervisor = await t.tokenFor('supervisor');
      await t.seedCatalogue();
      await setUpOffice('zom-1', 2);
      await setUpService('id-card', 30);
      const created = await t
        .http()
        .post(`${API}/cases`)
        .set('Authorization', agent)
        .send({ channel: 'phone', categoryCode: 'id-card', subject: 'Dowód' })
        .expect(201);
      caseNumber = created.body.number;
    });

    it('reads a visit by its code (any case, hyphens) without personal data, and logs no code', async () => {
      const booked = await book(slotStart(openDay(2), 3)).expect(201);
      const code: string = booked.body.code;
      const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`;
      const read = await t.http().get(`${API}/visits/${typed}`).expect(200);
      const { code: _shownOnce, ...publicView } = booked.body;
      expect(read.body).toEqual(publicView);
      expect(JSON.stringify(read.body)).not.toMatch(/Anna|600/);
      // Paths no route takes carry the code too: their log lines keep the first segments only.
      await t.http().get(`${API}/visits/${code}/`).expect(404);
      await t.http().put(`${API}/visits/${code}`).expect(404);
      const logged = logLines.filter((line) => line.msg === 'request' && String(line.path).includes('/visits/'));
      expect(logged.length).toBeGreaterThan(0);
      expect(JSON.stringify(logLines)).not.toContain(code);
      expect(JSON.stringify(logLines)).not.toContain(typed);
      expect(logged.map((line) => line.path)).toContain('/api/v1/visits/:code');
      expect(logged.map((line) => line.path)).toContain('/api/v1/visits/…');
    });

    it('answers a wrong code with 404 and, past the allowance, 429 with Retry-After', async () => {
      const right = (await book(slotStart(openDay(4), 0)).expect(201)).body.code;
      const wrong = await t.http().get(`${API}/visits/ZZZZZZZZ`);
      expect(expectProblem(wrong, 404).type).toBe(problemType('visit_not_found'));
      // Not a code at all: refused without a look-up, and not counted.
      expectProblem(await t.http().get(`${API}/visits/not_a_code`), 404);
      const allowance = appConfigFromEnv().trackingFailuresPerHour;
      for (let i = 1; i < allowance; i++)
        await t
          .http()
          .get(`${API}/visits/ZZZZZZZ${i % 10}`)
          .expect(404);
      const limited = await t.http().get(`${API}/visits/ZZZZZZZZ`);
      expectProblem(limited, 429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // The right code is refused too while the address is over its allowance.
      expectProblem(await t.http().get(`${API}/visits/${right}`), 429);
      expectProblem(await t.http().delete(`${API}/visits/${right}`), 429);
      await t.http().delete(`${API}/visits/${right}`).set('Authorization', agent).expect(200);
      await forgetCounts('visit-code-fail');
    });

    it("records an agent's booking for a case, and its cancellation, in the case's history", async () => {
      const start = slotStart(openDay(2), 5);
      const booked = await book(start, { caseNumber }, agent).expect(201);
      expectProblem(await book(start, { caseNumber: formatCaseNumber(2026, 999_999) }, agent), 404);
      const history = await t.http().get(`${API}/cases/${caseNumber}/history`).set('Authorization', agent).expect(200);
      const visitEvent = history.body.items.find((event: { type: string }) => event.type === 'visit_booked');
      expect(visitEvent).toMatchObject({
        actor: 'agent-all',
        data: { officeCode: 'zom-1', serviceCode: 'id-card', start },
      });

      // On the office's day list a unit member sees the case's number only when the case is their unit's.
      const numberSeenBy = async (token: string) => {
        const list = await t
          .http()
          .get(`${API}/visits`)
          .set('Authorization', token)
          .query({ officeCode: 'zom-1', date: start.slice(0, 10) });
        return list.body.items.find((visit: { start: string }) => visit.start === start)?.caseNumber;
      };
      expect(await numberSeenBy(agent)).toBe(caseNumber);
      expect(await numberSeenBy(await t.tokenFor('unit_staff', 'zom'))).toBe(caseNumber);
      expect(await numberSeenBy(await t.tokenFor('unit_staff', 'roads'))).toBeNull();

      const cancelled = await t.http().delete(`${API}/visits/${booked.body.code}`).expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      // Again: nothing changes, the same answer.
      expect((await t.http().delete(`${API}/visits/${booked.body.code}`).expect(200)).body.status).toBe('cancelled');
      const after = await t.http().get(`${API}/cases/${caseNumber}/history`).set('Authorization', agent).expect(200);
      expect(
        after.body.items
          .filter((event: { type: string }) => event.type.startsWith('visit_'))
          .map((event: { type: string; actor: string }) => [event.type, event.actor]),
      ).toEqual([
        ['visit_booked', 'agent-all'],
        ['visit_cancelled', 'public'],
      ]);
      // The visit is kept, cancelled; its reminder withdrawn from the outbox; the desk free again.
      const [row] = await t.db.query(`SELECT id, status, cancelled_at FROM visits WHERE code_hash = $1`, [
        hashAccessCode(booked.body.code, SECRET, 'visit:'),
      ]);
      expect(row.status).toBe('cancelled');
      expect(await t.db.query(`SELECT 1 FROM outbox WHERE payload ->> 'visitId' = $1`, [row.id])).toEqual([]);
      await book(start, {}, agent).expect(201);
      await book(start, {}, agent).expect(201);
    });

    it('checks a resident in on the day until the end; too early or missed is 409', async () => {
      const code = generateAccessCode();
      const id = randomUUID();
      const now = Date.now();
      await t.db.query(
        `INSERT INTO visits (id, code_hash, office_code, service_code, desk, starts_at, ends_at, status, resident_name,
                             resident_phone, booked_by, created_at)
         VALUES ($1, $2, 'zom-1', 'id-card', 2, $3, $4, 'booked', 'Ola', '+48 600 000 001', 'test', now())`,
        [id, hashAccessCode(code, SECRET, 'visit:'), new Date(now - 10 * 60_000), new Date(now + 20 * 60_000)],
      );
      expectProblem(await t.http().post(`${API}/visits/${code}/check-in`), 401);
      const checkedIn = await t.http().post(`${API}/visits/${code}/check-in`).set('Authorization', agent).expect(200);
      expect(checkedIn.body).toMatchObject({
        id,
        status: 'checked_in',
        desk: 2,
        resident: { name: 'Ola', phone: '+48 600 000 001', email: null },
      });
      // Again, by id: the same.
      expect(
        (await t.http().post(`${API}/visits/${id}/check-in`).set('Authorization', agent).expect(200)).body.status,
      ).toBe('checked_in');
      expectProblem(await t.http().delete(`${API}/visits/${code}`), 409);

      const tomorrow = await book(slotStart(openDay(2), 9)).expect(201);
      expect(
        expectProblem(
          await t.http().post(`${API}/visits/${tomorrow.body.code}/check-in`).set('Authorization', agent),
          409,
        ).type,
      ).toBe(problemType('too_early_to_check_in'));
      expect((await t.db.query(`SELECT count(*)::int AS n FROM visit_events WHERE type = 'checked_in'`))[0].n).toBe(1);
    });

    it('marks no-shows once, in the worker, and keeps them', async () => {
      const code = generateAccessCode();
      const id = randomUUID();
      await t.db.query(
        `INSERT INTO visits (id, code_hash, office_code, service_code, desk, starts_at, ends_at, status, resident_name,
                             resident_phone, booked_by, created_at)
         VALUES ($1, $2, 'zom-1', 'id-card', 1, now() - interval '2 hours', now() - interval '90 minutes', 'booked',
                 'Piotr', '+48 600 000 002', 'test', now() - interval '3 days')`,
        [id, hashAccessCode(code, SECRET, 'visit:')],
      );
      // Reads call it a no-show from its end, before the sweep writes it.
      expect((await t.http().get(`${API}/visits/${code}`).expect(200)).body.status).toBe('no_show');
      expect(
        expectProblem(await t.http().post(`${API}/visits/${code}/check-in`).set('Authorization', agent), 409).type,
      ).toBe(problemType('visit_no_show'));
      const service = t.app.get(VisitsService);
      expect(await service.markNoShows(1000)).toBe(1);
      expect(await service.markNoShows(1000)).toBe(0);
      const [row] = await t.db.query(`SELECT status, no_show_at FROM visits WHERE id = $1`, [id]);
      expect(row.status).toBe('no_show');
      expect(await t.db.query(`SELECT type, actor FROM visit_events WHERE visit_id = $1`, [id])).toEqual([
        { type: 'no_show', actor: 'system' },
      ]);
    });

    it('sends a reminder once, and none for a cancelled visit', async () => {
      const service = t.app.get(VisitsService);
      const kept = await book(slotStart(openDay(3), 1), {
        resident: { name: 'Kasia', email: 'kasia@example.pl' },
      }).expect(201);
      const dropped = await book(slotStart(openDay(3), 2)).expect(201);
      await t.http().delete(`${API}/visits/${dropped.body.code}`).expect(200);
      const idOf = async (code: string) =>
        (await t.db.query(`SELECT id FROM visits WHERE code_hash = $1`, [hashAccessCode(code, SECRET, 'visit:')]))[0]
          .id;
      const keptId = await idOf(kept.body.code);
      expect(await service.remind(keptId)).toBe(true);
      expect(await service.remind(keptId)).toBe(false);
      expect(await service.remind(await idOf(dropped.body.code))).toBe(false);
      expect(await t.db.query(`SELECT type, data FROM visit_events WHERE visit_id = $1 ORDER BY id`, [keptId])).toEqual(
        [
          { type: 'booked', data: expect.any(Object) },
          { type: 'reminder_sent', data: { via: 'email' } },
        ],
      );
    });

    it("lists an office's day for staff only, by start and desk", async () => {
      const day = openDay(3);
      expectProblem(await t.http().get(`${API}/visits`).query({ officeCode: 'zom-1', date: day }), 401);
      const list = await t
        .http()
        .get(`${API}/visits`)
        .set('Authorization', agent)
        .query({ officeCode: 'zom-1', date: day })
        .expect(200);
      expect(list.body.date).toBe(day);
      expect(list.body.nextCursor).toBeNull();
      expect(list.body.items.map((visit: { start: string; status: string }) => [visit.start, visit.status])).toEqual([
        [slotStart(day, 1), 'booked'],
        [slotStart(day, 2), 'cancelled'],
      ]);
      expect(list.body.items[0].resident).toEqual({ name: 'Kasia', phone: null, email: 'kasia@example.pl' });
      expectProblem(await t.http().get(`${API}/visits`).set('Authorization', agent).query({ officeCode: 'nope' }), 404);
    });

    it('lets staff cancel by the id from the day list, and nobody else', async () => {
      const day = openDay(3);
      const list = await t
        .http()
        .get(`${API}/visits`)
        .set('Authorization', agent)
        .query({ officeCode: 'zom-1', date: day });
      const id = list.body.items[0].id;
      expectProblem(await t.http().delete(`${API}/visits/${id}`), 404);
      const cancelled = await t.http().delete(`${API}/visits/${id}`).set('Authorization', agent).expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(await t.db.query(`SELECT type, actor FROM visit_events WHERE visit_id = $1 ORDER BY id`, [id])).toEqual([
        { type: 'booked', actor: 'public' },
        { type: 'reminder_sent', actor: 'system' },
        { type: 'cancelled', actor: 'agent-all' },
      ]);
    });
  });

  describe('through the worker', () => {
    let worker: TestingModule | undefined;
    afterAll(() => worker?.close());

    it('relays a reminder from the outbox and sends it once; sweeps ended bookings to no-shows', async () => {
      await t.reset();
      admin = await t.tokenFor('admin');
      await setUpOffice('zom-1', 2);
      await setUpService('id-card', 30);
      const booked = await book(slotStart(openDay(3), 0), { resident: { name: 'Ola', phone: '+48 600 700 800' } });
      const [visit] = await t.db.query(`SELECT id FROM visits WHERE code_hash = $1`, [
        hashAccessCode(booked.body.code, SECRET, 'visit:'),
      ]);
      // As if the day before the visit had come: the reminder is due now.
      await t.db.query(`UPDATE outbox SET run_at = now() WHERE payload ->> 'visitId' = $1`, [visit.id]);
      worker = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
      await worker.init();
      const reminded = await eventually(
        () => t.db.query(`SELECT reminded_at FROM visits WHERE id = $1`, [visit.id]),
        ([row]) => row.reminded_at !== null,
      );
      expect(reminded[0].reminded_at).toBeInstanceOf(Date);
      expect(
        await t.db.query(`SELECT type, actor, data FROM visit_events WHERE visit_id = $1 ORDER BY id`, [visit.id]),
      ).toEqual([
        { type: 'booked', actor: 'public', data: { desk: expect.any(Number) } },
        { type: 'reminder_sent', actor: 'system', data: { via: 'sms' } },
      ]);

      await t.db.query(
        `INSERT INTO visits (id, code_hash, office_code, service_code, desk, starts_at, ends_at, status, resident_name,
                             resident_phone, booked_by, created_at)
         VALUES (gen_random_uuid(), 'ended', 'zom-1', 'id-card', 1, now() - interval '1 hour',
                 now() - interval '30 minutes', 'booked', 'Piotr', '+48 600 000 002', 'test', now() - interval '1 day')`,
      );
      const sweep = worker.get(NoShowSweepProcessor);
      expect(await sweep.process({} as Job)).toEqual({ marked: 1 });
      expect(await sweep.process({} as Job)).toEqual({ marked: 0 });
      expect(await t.db.query(`SELECT status FROM visits WHERE code_hash = 'ended'`)).toEqual([{ status: 'no_show' }]);
    });
  });

  describe('the monthly report', () => {
    beforeAll(async () => {
      await t.reset();
      admin = await t.tokenFor('admin');
      agent = await t.tokenFor('agent');
      supervisor = await t.tokenFor('supervisor');
      await setUpOffice('zom-1', 5);
      await setUpOffice('usc', 5);
      await setUpService('id-card', 30, ['zom-1', 'usc']);
      const rows: [string, string, string, string][] = [
        // 23:30 UTC on 31 January is 00:30 on 1 February in Warsaw: a February visit.
        ['zom-1', 'id-card', '2026-01-31T23:30:00Z', 'checked_in'],
        ['zom-1', 'id-card', '2026-01-31T22:30:00Z', 'no_show'],
        ['zom-1', 'id-card', '2026-02-10T09:00:00Z', 'cancelled'],
        ['usc', 'id-card', '2026-02-10T09:00:00Z', 'checked_in'],
        // Still booked, ended: a no-show before the sweep.
        ['usc', 'id-card', '2026-03-02T09:00:00Z', 'booked'],
      ];
      for (const [office, service, start, status] of rows) {
        await t.db.query(
          `INSERT INTO visits (id, code_hash, office_code, service_code, desk, starts_at, ends_at, status, resident_name,
                               resident_phone, booked_by, created_at, checked_in_at, cancelled_at, no_show_at)
           VALUES (gen_random_uuid(), gen_random_uuid()::text, $1, $2, 1 + (SELECT count(*) FROM visits)::int, $3,
                   $3::timestamptz + interval '30 minutes', $4, 'X', '1', 'test', '2026-01-01',
                   CASE WHEN $4 = 'checked_in' THEN $3::timestamptz END,
                   CASE WHEN $4 = 'cancelled' THEN '2026-01-01'::timestamptz END,
                   CASE WHEN $4 = 'no_show' THEN $3::timestamptz + interval '30 minutes' END)`,
          [office, service, start, status],
        );
      }
    });

    it('counts visits by the Warsaw month of their start, every month listed', async () => {
      const report = await t
        .http()
        .get(`${API}/reports/visits`)
        .set('Authorization', supervisor)
        .query({ from: '2026-01', to: '2026-04' })
        .expect(200);
      expect(report.body).toEqual({
        timezone: 'Europe/Warsaw',
        from: '2026-01',
        to: '2026-04',
        months: [
          { month: '2026-01', booked: 1, checkedIn: 0, cancelled: 0, noShow: 1 },
          { month: '2026-02', booked: 3, checkedIn: 2, cancelled: 1, noShow: 0 },
          { month: '2026-03', booked: 1, checkedIn: 0, cancelled: 0, noShow: 1 },
          { month: '2026-04', booked: 0, checkedIn: 0, cancelled: 0, noShow: 0 },
        ],
        total: { booked: 5, checkedIn: 2, cancelled: 1, noShow: 2 },
      });
    });

    it('groups by office, and is for supervisors and admins', async () => {
      const report = await t
        .http()
        .get(`${API}/reports/visits`)
        .set('Authorization', admin)
        .query({ from: '2026-02', to: '2026-02', groupBy: 'office' })
        .expect(200);
      expect(report.body.months).toEqual([
        {
          month: '2026-02',
          booked: 3,
          checkedIn: 2,
          cancelled: 1,
          noShow: 0,
          groups: {
            usc: { booked: 1, checkedIn: 1, cancelled: 0, noShow: 0 },
            'zom-1': { booked: 2, checkedIn: 1, cancelled: 1, noShow: 0 },
          },
        },
      ]);
      const csv = await t
        .http()
        .get(`${API}/reports/visits`)
        .set('Authorization', admin)
        .set('Accept', 'text/csv')
        .query({ from: '2026-02', to: '2026-03', groupBy: 'office' })
        .expect(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.text).toBe(
        'month,booked,checkedIn,cancelled,noShow,usc:booked,usc:checkedIn,usc:cancelled,usc:noShow,' +
          'zom-1:booked,zom-1:checkedIn,zom-1:cancelled,zom-1:noShow\n' +
          '2026-02,3,2,1,0,1,1,0,0,2,1,1,0\n' +
          '2026-03,1,0,0,1,1,0,0,1,0,0,0,0\n',
      );
      expectProblem(await t.http().get(`${API}/reports/visits`).set('Authorization', agent), 403);
      expectProblem(
        await t.http().get(`${API}/reports/visits`).set('Authorization', admin).query({ groupBy: 'desk' }),
        400,
      );
    });
  });
});
