import { XMLBuilder } from 'fast-xml-parser';
import { DateTime } from 'luxon';
import { BUSINESS_TIME_ZONE } from '@app/core';

/**
 * Open311 GeoReport v2 answers in both its formats. The specification writes XML (mandatory) and derives JSON from it
 * mechanically: the root element is dropped, a list becomes an array (even of one), an empty element becomes null.
 * So every answer is built once, as the JSON value, and the XML written from it.
 */
export const OPEN311_FORMATS = ['xml', 'json'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

export const OPEN311_MEDIA_TYPES: Record<Open311Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** A value of an answer: booleans are written `true`/`false` in XML, nulls as empty elements. */
export type Open311Value = string | number | boolean | null | Open311Value[] | { [key: string]: Open311Value };

/** The element each list's items are written as in XML (`<services><service>…`). */
const ITEM_ELEMENT: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

/** The roots of the answers, named as the specification names them. */
export type Open311Root = 'discovery' | 'services' | 'service_definition' | 'service_requests' | 'errors';

/** `file` of a path like `requests/2026-000017-9.json`: the name and a known format, or null. */
export function splitResourceFile(file: string): { name: string; format: Open311Format } | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const format = file.slice(dot + 1);
  return isOpen311Format(format) ? { name: file.slice(0, dot), format } : null;
}

export function isOpen311Format(format: string): format is Open311Format {
  return (OPEN311_FORMATS as readonly string[]).includes(format);
}

/**
 * An instant as the specification wants it (the W3C subset of ISO 8601, with an offset): the Europe/Warsaw wall time
 * and its offset, whole seconds, e.g. `2026-11-26T09:15:00+01:00`. FixMyStreet's parser refuses offsets without a
 * colon and reads times without one as its own local time.
 */
export function w3cDateTime(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: BUSINESS_TIME_ZONE }).startOf('second').toISO({
    suppressMilliseconds: true,
    includeOffset: true,
  }) as string;
}

export function renderOpen311(root: Open311Root, value: Open311Value, format: Open311Format): string {
  return format === 'json' ? JSON.stringify(value) : renderXml(root, value);
}

const xmlBuilder = new XMLBuilder({ suppressEmptyNode: true, processEntities: true });

function renderXml(root: Open311Root, value: Open311Value): string {
  const body = Array.isArray(value) ? { [ITEM_ELEMENT[root]]: value.map(toXmlValue) } : toXmlValue(value);
  return `<?xml version="1.0" encoding="utf-8"?>${xmlBuilder.build({ [root]: body })}`;
}

/** Lists become their items' elements; text loses what XML 1.0 cannot carry (control characters). */
function toXmlValue(value: Open311Value): unknown {
  if (value === null) return '';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return xmlSafe(value);
  if (Array.isArray(value)) return value.map(toXmlValue);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      Array.isArray(item) ? { [itemElement(key)]: item.map(toXmlValue) } : toXmlValue(item),
    ]),
  );
}

function itemElement(list: string): string {
  const element = ITEM_ELEMENT[list];
  if (!element) throw new Error(`No XML item element is known for the list ${list}.`);
  return element;
}

/** Characters XML 1.0 does not allow, even escaped; a description may hold them (pasted from elsewhere). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHARACTERS, '\uFFFD');
}
