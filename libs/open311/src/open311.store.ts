import { Injectable } from '@nestjs/common';
import type { CategoryAttribute } from '@app/catalogue';
import { Sql } from '@app/core';
import { CASE_STATUSES } from '@app/cases';
import { MAX_REQUESTS, type Open311Status, type RequestQuery } from './domain/request-query';
import { open311StatusOf, type PublicRequestRow, type ServiceRow } from './domain/open311-views';

const SERVICE_SELECT = `
  SELECT c.code, c.name, c.description, c.keywords, jsonb_array_length(c.attributes) > 0 AS "hasAttributes",
         u.name AS "unitName"
    FROM categories c LEFT JOIN units u ON u.code = c.unit_code`;

/** Only what a public read may show: never the resident, the description or who works on it. */
const PUBLIC_REQUEST_SELECT = `
  SELECT c.number, c.status, c.resolution, c.category_code AS "serviceCode", cat.name AS "serviceName",
         u.name AS "unitName", c.received_at AS "receivedAt", c.updated_at AS "updatedAt", c.due_at AS "dueAt",
         c.location_address AS address, c.location_lat AS lat, c.location_lon AS long, c.media_url AS "mediaUrl"
    FROM cases c
    JOIN categories cat ON cat.code = c.category_code AND cat.is_public
    LEFT JOIN units u ON u.code = c.unit_code`;

/** Open311's reads: the catalogue as services, and the cases of public categories as requests. */
@Injectable()
export class Open311Store {
  constructor(private readonly sql: Sql) {}

  /** Whether a service has attributes, not the attributes themselves: the list is read often, they may be long. */
  async services(): Promise<ServiceRow[]> {
    return this.sql.query<ServiceRow>(`${SERVICE_SELECT} ORDER BY c.code`, [], 'open311-services');
  }

  async serviceAttributes(code: string): Promise<CategoryAttribute[] | null> {
    const rows = await this.sql.query<{ attributes: CategoryAttribute[] }>(
      `SELECT attributes FROM categories WHERE code = $1`,
      [code],
      'open311-service-attributes',
    );
    return rows[0]?.attributes ?? null;
  }

  /** Newest first, at most {@link MAX_REQUESTS}. Unnamed statements: a generic plan would not fit every window. */
  async requests(query: RequestQuery): Promise<PublicRequestRow[]> {
    if ('ids' in query) {
      return this.sql.query<PublicRequestRow>(
        `${PUBLIC_REQUEST_SELECT} WHERE c.number = ANY($1::text[]) ORDER BY c.received_at DESC, c.id DESC`,
        [query.ids],
      );
    }
    return this.sql.query<PublicRequestRow>(
      `${PUBLIC_REQUEST_SELECT}
        WHERE c.received_at BETWEEN $1 AND $2
          AND ($3::text[] IS NULL OR c.category_code = ANY($3::text[]))
          AND ($4::text[] IS NULL OR c.status = ANY($4::text[]))
        ORDER BY c.received_at DESC, c.id DESC
        LIMIT ${MAX_REQUESTS}`,
      [query.from, query.to, query.serviceCodes, query.statuses && caseStatusesOf(query.statuses)],
    );
  }

  async request(number: string): Promise<PublicRequestRow | null> {
    const rows = await this.sql.query<PublicRequestRow>(
      `${PUBLIC_REQUEST_SELECT} WHERE c.number = $1`,
      [number],
      'open311-request',
    );
    return rows[0] ?? null;
  }

  /** A request's token is its case's id, for requests that came in through Open311. */
  async numberOfToken(token: string): Promise<string | null> {
    const rows = await this.sql.query<{ number: string }>(
      `SELECT number FROM cases WHERE id = $1 AND channel = 'open311'`,
      [token],
      'open311-token',
    );
    return rows[0]?.number ?? null;
  }
}

/** The case statuses behind Open311's two. */
function caseStatusesOf(statuses: readonly Open311Status[]): string[] {
  return CASE_STATUSES.filter((status) => statuses.includes(open311StatusOf(status)));
}
