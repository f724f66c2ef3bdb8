import { isISO8601 } from 'class-validator';
import type { FieldError } from '@app/core';

/**
 * Extra questions a category asks of a report (Open311 GeoReport v2 "service definitions"): e.g. a pothole's size.
 * The datatypes are the specification's own.
 */
export const ATTRIBUTE_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

/** An attribute's code: what a client sends as `attribute[CODE]`. */
export const ATTRIBUTE_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const MAX_ATTRIBUTES = 50;
export const MAX_ATTRIBUTE_VALUES = 100;
/** Longest answer to a `string` attribute; `text` answers may be as long as a description. */
export const MAX_STRING_ANSWER = 500;
export const MAX_TEXT_ANSWER = 4000;

export interface AttributeValueOption {
  key: string;
  name: string;
}

export interface CategoryAttribute {
  code: string;
  /** The question, as a client shows it. */
  description: string;
  datatype: AttributeDatatype;
  required: boolean;
  datatypeDescription: string | null;
  order: number;
  /** The choices of a list attribute; empty for any other datatype. */
  values: AttributeValueOption[];
}

/** Answers as stored on a case: a list attribute's keys, anything else as the text given. */
export type AttributeAnswers = Record<string, string | string[]>;

const isList = (datatype: AttributeDatatype) => datatype === 'singlevaluelist' || datatype === 'multivaluelist';

/**
 * What field-by-field validation of a category's attributes cannot see: codes and choice keys unique, choices given
 * exactly for list datatypes. Returns the errors (fields as `attributes[i]…`), none when the set is sound.
 */
export function checkAttributeDefinitions(attributes: readonly CategoryAttribute[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  attributes.forEach((attribute, index) => {
    const field = `attributes[${index}]`;
    const code = attribute.code.toLowerCase();
    if (seen.has(code)) errors.push({ field: `${field}.code`, message: `${attribute.code} is defined twice` });
    seen.add(code);
    if (isList(attribute.datatype) && attribute.values.length === 0) {
      errors.push({ field: `${field}.values`, message: `a ${attribute.datatype} needs at least one value` });
    }
    if (!isList(attribute.datatype) && attribute.values.length > 0) {
      errors.push({ field: `${field}.values`, message: `only list datatypes take values` });
    }
    const keys = new Set<string>();
    attribute.values.forEach((value, valueIndex) => {
      if (keys.has(value.key)) {
        errors.push({ field: `${field}.values[${valueIndex}].key`, message: `${value.key} is listed twice` });
      }
      keys.add(value.key);
    });
  });
  return errors;
}

/**
 * Checks a report's answers against its category's attributes and returns them as stored (numbers and instants
 * normalised, a single-value list's key, a multi-value list's keys in the order given, duplicates dropped), or the
 * errors: a required attribute unanswered, an answer of the wrong type, a key that is not a choice. Fields are named
 * `attribute[CODE]`, as clients send them. Answers to questions the category does not ask are left out (`ignored`):
 * Open311 clients send their own extra fields as attributes (FixMyStreet sends every one it has).
 */
export function readAttributeAnswers(
  attributes: readonly CategoryAttribute[],
  offered: Readonly<Record<string, string | readonly string[]>>,
): { answers: AttributeAnswers; errors: FieldError[]; ignored: string[] } {
  const answers: AttributeAnswers = {};
  const errors: FieldError[] = [];
  const known = new Set(attributes.map((attribute) => attribute.code));
  const ignored = Object.keys(offered).filter((code) => !known.has(code));
  for (const attribute of [...attributes].sort((a, b) => a.order - b.order)) {
    const field = `attribute[${attribute.code}]`;
    const given = Object.hasOwn(offered, attribute.code) ? offered[attribute.code] : undefined;
    const texts = (given === undefined ? [] : typeof given === 'string' ? [given] : [...given])
      .map((text) => text.trim())
      .filter((text) => text !== '');
    if (texts.length === 0) {
      if (attribute.required) errors.push({ field, message: 'is required' });
      continue;
    }
    const answer = readAnswer(attribute, texts);
    if (typeof answer === 'object' && 'error' in answer) errors.push({ field, message: answer.error });
    else answers[attribute.code] = answer;
  }
  return { answers, errors, ignored };
}

function readAnswer(attribute: CategoryAttribute, texts: string[]): string | string[] | { error: string } {
  if (attribute.datatype === 'multivaluelist') {
    const keys = [...new Set(texts)];
    const unknown = keys.filter((key) => !attribute.values.some((value) => value.key === key));
    return unknown.length ? { error: `${unknown.join(', ')}: not among the choices` } : keys;
  }
  if (texts.length > 1) return { error: 'takes one value' };
  const [text] = texts;
  switch (attribute.datatype) {
    case 'singlevaluelist':
      return attribute.values.some((value) => value.key === text) ? text : { error: `${text}: not among the choices` };
    case 'number':
      return /^-?\d{1,15}(\.\d{1,15})?$/.test(text) ? String(Number(text)) : { error: 'must be a number' };
    case 'datetime':
      return isISO8601(text, { strict: true }) && /T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)
        ? new Date(text).toISOString()
        : { error: 'must be an ISO 8601 date and time with an offset' };
    case 'string':
      return text.length <= MAX_STRING_ANSWER ? text : { error: `must be at most ${MAX_STRING_ANSWER} characters` };
    case 'text':
      return text.length <= MAX_TEXT_ANSWER ? text : { error: `must be at most ${MAX_TEXT_ANSWER} characters` };
  }
}
