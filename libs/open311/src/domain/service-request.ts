import { isURL } from 'class-validator';
import { FieldError, invalid } from '@app/core';

/**
 * Reading an Open311 POST /requests: the specification's parameters, from the form body and the query string merged
 * (clients differ in where they put `api_key` and `jurisdiction_id`). As the specification asks, a parameter sent
 * empty is one not sent; parameters it does not define (`deviceid`, a client's own) are let be, so that a client
 * written for another city needs no special case here. What is Open311's own is checked here; what becomes the
 * case (contact details, address) is checked by the case's own rules as the request is taken in.
 */
export type Open311Fields = Record<string, string | string[] | undefined>;

export const MAX_DESCRIPTION = 4000;
const MAX_NAME = 100;
const MAX_ADDRESS_ID = 200;
const MAX_MEDIA_URL = 2000;
const MAX_SUBJECT = 200;
const NUMBER = /^-?\d{1,3}(\.\d{1,15})?$/;
/** `attribute[CODE]` and `attribute[CODE][]` (how a multi-value list is sent). */
const ATTRIBUTE_FIELD = /^attribute\[([^\][]{1,64})\](\[\])?$/;

export interface ServiceRequestCommand {
  serviceCode: string;
  description: string | null;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  addressId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  mediaUrl: string | null;
  /** Answers by attribute code, as sent (checked against the service's attributes later). */
  attributes: Record<string, string[]>;
}

/**
 * The parameters of a request, from its sources in order (the query string, then the body: a later source wins).
 * Every value must be text, or a list of texts (a repeated parameter); a JSON body's numbers, objects or nulls are a
 * 400, named by parameter.
 */
export function open311Fields(...sources: unknown[]): Open311Fields {
  const fields: Open311Fields = Object.create(null) as Open311Fields;
  const errors: FieldError[] = [];
  for (const source of sources) {
    if (source === undefined || source === null) continue;
    if (typeof source !== 'object' || Array.isArray(source)) {
      errors.push({ field: 'body', message: 'must be a form or an object of parameters' });
      continue;
    }
    for (const [name, value] of Object.entries(source)) {
      const isText = typeof value === 'string';
      const isTexts = Array.isArray(value) && value.every((item) => typeof item === 'string');
      if (isText || isTexts) fields[name] = value as string | string[];
      else errors.push({ field: name, message: 'must be text' });
    }
  }
  if (errors.length) throw invalid('invalid_parameters', describe(errors), errors);
  return fields;
}

/** A parameter's values as sent (none, one, or a repeated parameter's every one), each trimmed. */
export function valuesOf(fields: Open311Fields, name: string): string[] {
  const raw = fields[name];
  return (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]).map((value) => value.trim());
}

/** A parameter's one value, trimmed; absent when missing or empty. Several values of a single parameter: an error. */
function single(fields: Open311Fields, name: string, errors: FieldError[]): string | null {
  const given = valuesOf(fields, name).filter((value) => value !== '');
  if (given.length > 1 && new Set(given).size > 1) {
    errors.push({ field: name, message: 'is given more than once' });
    return null;
  }
  return given[0] ?? null;
}

function atMost(value: string | null, max: number, field: string, errors: FieldError[]): string | null {
  if (value !== null && value.length > max) {
    errors.push({ field, message: `must be at most ${max.toLocaleString('en')} characters` });
    return null;
  }
  return value;
}

function coordinate(value: string | null, limit: number, field: string, errors: FieldError[]): number | null {
  if (value === null) return null;
  const number = NUMBER.test(value) ? Number(value) : NaN;
  if (!(Math.abs(number) <= limit)) {
    errors.push({ field, message: `must be a decimal number from -${limit} to ${limit} (WGS84)` });
    return null;
  }
  return number;
}

/** The command an Open311 POST asks for, or a 400 naming every wrong parameter. */
export function readServiceRequest(fields: Open311Fields): ServiceRequestCommand {
  const errors: FieldError[] = [];
  const serviceCode = single(fields, 'service_code', errors);
  if (serviceCode === null && !errors.some((error) => error.field === 'service_code')) {
    errors.push({ field: 'service_code', message: 'is required' });
  }
  const lat = coordinate(single(fields, 'lat', errors), 90, 'lat', errors);
  const long = coordinate(single(fields, 'long', errors), 180, 'long', errors);
  if ((lat === null) !== (long === null) && !errors.some((error) => error.field === 'lat' || error.field === 'long')) {
    errors.push({ field: lat === null ? 'lat' : 'long', message: 'lat and long are given together' });
  }
  const addressString = single(fields, 'address_string', errors);
  const addressId = atMost(single(fields, 'address_id', errors), MAX_ADDRESS_ID, 'address_id', errors);
  const located = (lat !== null && long !== null) || addressString !== null || addressId !== null;
  if (!located && !errors.some((error) => ['lat', 'long', 'address_string', 'address_id'].includes(error.field))) {
    errors.push({ field: 'lat', message: 'a location is required: lat and long, address_string or address_id' });
  }
  // A client with several photos repeats media_url: the first is the one kept.
  const mediaUrl = firstMediaUrl(valuesOf(fields, 'media_url'), errors);
  const command: ServiceRequestCommand = {
    serviceCode: serviceCode ?? '',
    description: atMost(single(fields, 'description', errors), MAX_DESCRIPTION, 'description', errors),
    lat,
    long,
    addressString,
    addressId,
    email: single(fields, 'email', errors),
    firstName: atMost(single(fields, 'first_name', errors), MAX_NAME, 'first_name', errors),
    lastName: atMost(single(fields, 'last_name', errors), MAX_NAME, 'last_name', errors),
    phone: single(fields, 'phone', errors),
    mediaUrl,
    attributes: attributeAnswers(fields),
  };
  if (errors.length) throw invalid('invalid_service_request', describe(errors), errors);
  return command;
}

function firstMediaUrl(urls: string[], errors: FieldError[]): string | null {
  const first = urls.find(Boolean);
  if (first === undefined) return null;
  const acceptable =
    first.length <= MAX_MEDIA_URL && isURL(first, { protocols: ['http', 'https'], require_protocol: true });
  if (!acceptable)
    errors.push({ field: 'media_url', message: `must be an http(s) address of at most ${MAX_MEDIA_URL}` });
  return acceptable ? first : null;
}

/** `attribute[CODE]=v` and `attribute[CODE][]=v1&attribute[CODE][]=v2`, merged by code; blank answers dropped. */
function attributeAnswers(fields: Open311Fields): Record<string, string[]> {
  // Without a prototype: an attribute may be called `constructor` or `toString`.
  const answers: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const field of Object.keys(fields)) {
    const code = ATTRIBUTE_FIELD.exec(field)?.[1];
    if (code === undefined) continue;
    const values = valuesOf(fields, field).filter(Boolean);
    if (values.length) answers[code] = [...(answers[code] ?? []), ...values];
  }
  return answers;
}

/** One sentence naming every problem, for clients that show only the description. */
export function describe(errors: readonly FieldError[]): string {
  return errors.map((error) => `${error.field} ${error.message}`).join('; ');
}

/**
 * The case's subject: its description's first line (cut at a word near 200 characters), or the service's name when
 * the report came without a description.
 */
export function subjectOf(description: string | null, serviceName: string): string {
  const firstLine = description?.split(/\r?\n/, 1)[0].trim();
  if (!firstLine) return serviceName.slice(0, MAX_SUBJECT);
  if (firstLine.length <= MAX_SUBJECT) return firstLine;
  const cut = firstLine.slice(0, MAX_SUBJECT - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > MAX_SUBJECT / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** The resident's name from the two parts Open311 sends (either may be missing). */
export function residentName(firstName: string | null, lastName: string | null): string | null {
  return [firstName, lastName].filter(Boolean).join(' ') || null;
}
