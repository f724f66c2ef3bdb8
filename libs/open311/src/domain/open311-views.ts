import type { CategoryAttribute } from '@app/catalogue';
import { isOpen, type CaseStatus } from '@app/cases';
import { Open311Value, w3cDateTime } from './open311-document';

/** The one jurisdiction this endpoint serves. */
export const JURISDICTION_ID = 'gdansk.pl';
export const GEOREPORT_V2_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When the endpoint's behaviour last changed, for discovery's `changeset`. */
export const ENDPOINT_CHANGESET = '2026-11-27T00:00:00+01:00';

export function discoveryOf(publicUrl: string): Open311Value {
  return {
    changeset: ENDPOINT_CHANGESET,
    contact: 'Gdańskie Centrum Kontaktu, Urząd Miejski w Gdańsku',
    key_service: 'API keys for posting requests are issued by Gdańskie Centrum Kontaktu on request.',
    endpoints: [
      {
        specification: GEOREPORT_V2_SPECIFICATION,
        url: `${publicUrl}/open311/v2`,
        changeset: ENDPOINT_CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

/** A category as Open311 reads it. */
export interface ServiceRow {
  code: string;
  name: string;
  description: string | null;
  keywords: string[];
  hasAttributes: boolean;
  unitName: string | null;
}

/** Services are the categories; `group` is the unit that handles them; every request gets its id at once. */
export function serviceOf(service: ServiceRow): Open311Value {
  return {
    service_code: service.code,
    service_name: service.name,
    description: service.description ?? service.name,
    metadata: service.hasAttributes,
    type: 'realtime',
    keywords: service.keywords.join(','),
    group: service.unitName,
  };
}

export function serviceDefinitionOf(code: string, attributes: readonly CategoryAttribute[]): Open311Value {
  return {
    service_code: code,
    attributes: [...attributes]
      .sort((a, b) => a.order - b.order)
      .map((attribute) => ({
        variable: true,
        code: attribute.code,
        datatype: attribute.datatype,
        required: attribute.required,
        datatype_description: attribute.datatypeDescription,
        order: attribute.order,
        description: attribute.description,
        values: attribute.values.map((value) => ({ key: value.key, name: value.name })),
      })),
  };
}

/** What of a case a public Open311 read may show: no resident, no description, no staff. */
export interface PublicRequestRow {
  number: string;
  status: CaseStatus;
  resolution: string | null;
  serviceCode: string;
  serviceName: string;
  unitName: string | null;
  receivedAt: Date;
  updatedAt: Date;
  dueAt: Date | null;
  address: string | null;
  lat: number | null;
  long: number | null;
  mediaUrl: string | null;
}

/** Open311's two statuses: resolved and closed cases are `closed`, any other `open`. */
export function open311StatusOf(status: CaseStatus): 'open' | 'closed' {
  return isOpen(status) ? 'open' : 'closed';
}

/**
 * A request as the public reads it. The description is left out on purpose: residents write their names and numbers
 * into it. `status_notes` is the resolution, the public text staff wrote to settle it.
 */
export function requestOf(row: PublicRequestRow): Open311Value {
  return {
    service_request_id: row.number,
    status: open311StatusOf(row.status),
    status_notes: row.resolution,
    service_name: row.serviceName,
    service_code: row.serviceCode,
    description: null,
    agency_responsible: row.unitName,
    service_notice: null,
    requested_datetime: w3cDateTime(row.receivedAt),
    updated_datetime: w3cDateTime(row.updatedAt),
    expected_datetime: row.dueAt && w3cDateTime(row.dueAt),
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.long,
    media_url: row.mediaUrl,
  };
}

/** The answer to a POST: the request's id at once, and when it is due. */
export function createdRequestOf(number: string, dueDate: string | null): Open311Value {
  return [
    {
      service_request_id: number,
      service_notice: dueDate
        ? `Zgłoszenie ${number} przyjęte; termin załatwienia: ${dueDate}. Request ${number} received; due by ${dueDate}.`
        : `Zgłoszenie ${number} przyjęte. Request ${number} received.`,
      account_id: null,
    },
  ];
}

export function tokenOf(number: string, token: string): Open311Value {
  return [{ service_request_id: number, token }];
}

/** The specification's errors: `code` is the HTTP status (a number), `description` what went wrong. */
export function errorsOf(status: number, descriptions: readonly string[]): Open311Value {
  return descriptions.map((description) => ({ code: status, description }));
}
