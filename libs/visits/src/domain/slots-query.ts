import { FieldError, invalid, isBusinessDate } from '@app/core';
import { CATALOGUE_CODE } from '@app/catalogue';

export interface SlotsQuery {
  officeCode: string;
  serviceCode: string;
  date: string;
}

const FIELDS = ['officeCode', 'serviceCode', 'date'] as const;

/**
 * The query of a slot list, checked as the validation pipe checks every other route's (the route is served without
 * Nest's pipeline, for speed): the three fields, each one string of its form; anything else is 400.
 */
export function readSlotsQuery(query: unknown): SlotsQuery {
  const fields = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const errors: FieldError[] = Object.keys(fields)
    .filter((name) => !(FIELDS as readonly string[]).includes(name))
    .map((name) => ({ field: name, message: 'unknown field' }));
  for (const name of ['officeCode', 'serviceCode'] as const) {
    const value = fields[name];
    if (typeof value !== 'string' || !CATALOGUE_CODE.test(value)) {
      errors.push({ field: name, message: `${name} must be 2..64 of a-z, 0-9, _ . - starting with a letter or digit` });
    }
  }
  if (typeof fields.date !== 'string' || !isBusinessDate(fields.date)) {
    errors.push({ field: 'date', message: 'date must be a date, YYYY-MM-DD' });
  }
  if (errors.length) throw invalid('validation_failed', 'The request is not valid; see errors.', errors);
  return {
    officeCode: fields.officeCode as string,
    serviceCode: fields.serviceCode as string,
    date: fields.date as string,
  };
}
