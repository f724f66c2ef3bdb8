import { Injectable } from '@nestjs/common';
import { Sql } from '@app/core';
import { completeWeek, OfficeSchedule, PartialWeek, WeeklyHours } from './domain/opening-hours';
import { MAX_VISIT_MINUTES } from './domain/visit';

export interface Office {
  code: string;
  name: string;
  address: string;
  desks: number;
  schedule: OfficeSchedule;
  serviceCodes: string[];
}

export interface VisitService {
  code: string;
  name: string;
  durationMinutes: number;
  officeCodes: string[];
}

/** What booking or listing the slots of a service at an office needs. */
export interface BookingSetup {
  officeName: string;
  officeAddress: string;
  serviceName: string;
  desks: number;
  schedule: OfficeSchedule;
  durationMinutes: number;
  /** Whether the office books this service. */
  offered: boolean;
}

/** An active visit's desk, start and end (epoch ms). */
export type TakenDesk = [desk: number, start: number, end: number];

interface OfficeRow {
  code: string;
  name: string;
  address: string;
  desks: number;
  weekly_hours: PartialWeek;
  closed_dates: string[];
  service_codes: string[];
}

const OFFICE_SELECT = `SELECT o.code, o.name, o.address, o.desks, o.weekly_hours, o.closed_dates::text[] AS closed_dates,
       array(SELECT l.service_code FROM visit_service_offices l WHERE l.office_code = o.code ORDER BY 1) AS service_codes
  FROM offices o`;

const SERVICE_SELECT = `SELECT s.code, s.name, s.duration_minutes,
       array(SELECT l.office_code FROM visit_service_offices l WHERE l.service_code = s.code ORDER BY 1) AS office_codes
  FROM visit_services s`;

/** Offices, their hours and the visit services, in PostgreSQL. */
@Injectable()
export class OfficesStore {
  constructor(private readonly db: Sql) {}

  /** False when an office of that code exists already. */
  async insertOffice(office: { code: string; name: string; address: string; desks: number }): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO offices (code, name, address, desks) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [office.code, office.name, office.address, office.desks],
    );
    return rows.length === 1;
  }

  /** False when there is no such office. */
  async setHours(code: string, weekly: WeeklyHours, closedDates: string[]): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE offices SET weekly_hours = $2, closed_dates = $3::date[], updated_at = now() WHERE code = $1 RETURNING code`,
      [code, JSON.stringify(weekly), closedDates],
    );
    return rows.length === 1;
  }

  async findOffice(code: string): Promise<Office | null> {
    const rows = await this.db.query<OfficeRow>(`${OFFICE_SELECT} WHERE o.code = $1`, [code]);
    return rows.length ? toOffice(rows[0]) : null;
  }

  async listOffices(afterCode: string | null, limit: number): Promise<Office[]> {
    const rows = await this.db.query<OfficeRow>(
      `${OFFICE_SELECT} WHERE $1::text IS NULL OR o.code > $1 ORDER BY o.code LIMIT $2`,
      [afterCode, limit + 1],
    );
    return rows.map(toOffice);
  }

  /** Which of `codes` name no office. */
  async unknownOffices(codes: string[]): Promise<string[]> {
    const rows = await this.db.query<{ code: string }>(
      `SELECT code FROM unnest($1::text[]) AS asked(code) WHERE NOT EXISTS (SELECT 1 FROM offices o WHERE o.code = asked.code)`,
      [codes],
    );
    return rows.map((row) => row.code);
  }

  /** The service and its offices, in one statement; false when a service of that code exists already. */
  async insertService(service: VisitService): Promise<boolean> {
    const rows = await this.db.query(
      `WITH service AS (
         INSERT INTO visit_services (code, name, duration_minutes) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO NOTHING RETURNING code),
       offices AS (
         INSERT INTO visit_service_offices (office_code, service_code)
         SELECT DISTINCT office_code, service.code FROM service, unnest($4::text[]) AS office_code)
       SELECT code FROM service`,
      [service.code, service.name, service.durationMinutes, service.officeCodes],
    );
    return rows.length === 1;
  }

  async findService(code: string): Promise<VisitService | null> {
    const rows = await this.db.query<ServiceRow>(`${SERVICE_SELECT} WHERE s.code = $1`, [code]);
    return rows.length ? toService(rows[0]) : null;
  }

  async listServices(afterCode: string | null, limit: number): Promise<VisitService[]> {
    const rows = await this.db.query<ServiceRow>(
      `${SERVICE_SELECT} WHERE $1::text IS NULL OR s.code > $1 ORDER BY s.code LIMIT $2`,
      [afterCode, limit + 1],
    );
    return rows.map(toService);
  }

  /** The office and the service as booking needs them; null when either does not exist. */
  async bookingSetup(officeCode: string, serviceCode: string): Promise<BookingSetup | null> {
    const rows = await this.db.query<{
      office_name: string;
      office_address: string;
      service_name: string;
      desks: number;
      weekly_hours: PartialWeek;
      closed_dates: string[];
      duration_minutes: number;
      offered: boolean;
    }>(
      `SELECT o.name AS office_name, o.address AS office_address, s.name AS service_name, o.desks, o.weekly_hours,
              o.closed_dates::text[] AS closed_dates, s.duration_minutes,
              EXISTS (SELECT 1 FROM visit_service_offices l WHERE l.office_code = o.code AND l.service_code = s.code)
                AS offered
         FROM offices o, visit_services s
        WHERE o.code = $1 AND s.code = $2`,
      [officeCode, serviceCode],
      'visit-booking-setup',
    );
    if (!rows.length) return null;
    const row = rows[0];
    return {
      officeName: row.office_name,
      officeAddress: row.office_address,
      serviceName: row.service_name,
      desks: row.desks,
      schedule: scheduleOf(row),
      durationMinutes: row.duration_minutes,
      offered: row.offered,
    };
  }

  /**
   * The desks active visits hold in [`from`, `until`), as one JSON array (one row to read, however many visits):
   * what a slot list reads live on every request. Written for the btree on (office, start) — a visit lasts at most
   * {@link MAX_VISIT_MINUTES}, so one overlapping the range starts at most that long before it — which reads a day in
   * a twentieth of the time the exclusion constraint's GiST index takes (0.07 against 1 ms).
   */
  async takenDesks(officeCode: string, from: Date, until: Date): Promise<TakenDesk[]> {
    const rows = await this.db.query<{ taken: TakenDesk[] }>(
      `SELECT coalesce(json_agg(json_build_array(v.desk, (extract(epoch FROM v.starts_at) * 1000)::bigint,
                                                 (extract(epoch FROM v.ends_at) * 1000)::bigint)), '[]') AS taken
         FROM visits v
        WHERE v.office_code = $1 AND v.status IN ('booked', 'checked_in')
          AND v.starts_at > $2::timestamptz - make_interval(mins => $4) AND v.starts_at < $3 AND v.ends_at > $2`,
      [officeCode, from, until, MAX_VISIT_MINUTES],
      'visit-taken-desks',
    );
    return rows[0].taken;
  }
}

interface ServiceRow {
  code: string;
  name: string;
  duration_minutes: number;
  office_codes: string[];
}

function toOffice(row: OfficeRow): Office {
  return {
    code: row.code,
    name: row.name,
    address: row.address,
    desks: row.desks,
    schedule: scheduleOf(row),
    serviceCodes: row.service_codes,
  };
}

function toService(row: ServiceRow): VisitService {
  return { code: row.code, name: row.name, durationMinutes: row.duration_minutes, officeCodes: row.office_codes };
}

/** An office's week as stored (weekdays with hours only) and its closed dates, as the rules read them. */
function scheduleOf(row: { weekly_hours: PartialWeek; closed_dates: string[] }): OfficeSchedule {
  return { weekly: completeWeek(row.weekly_hours), closedDates: row.closed_dates };
}
