import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldError, invalid } from './domain-error';

/** Deeper than any request of this API; deeper input would only exhaust the validator's recursion. */
export const MAX_INPUT_DEPTH = 16;

/**
 * Runs before validation on bodies, query strings and path parameters: refuses text PostgreSQL cannot store
 * (NUL characters, unpaired UTF-16 surrogates) and absurdly nested input, so that neither reaches a 500.
 */
@Injectable()
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const errors = findUnsafeInput(value, metadata.type === 'param' ? (metadata.data ?? 'param') : '');
    if (errors.length) throw invalid('unsafe_input', 'The request holds text or nesting this API cannot accept.', errors);
    return value;
  }
}

export function findUnsafeInput(value: unknown, path = '', depth = 0): FieldError[] {
  const field = path || 'body';
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return [{ field, message: 'must not contain NUL characters' }];
    if (!value.isWellFormed()) return [{ field, message: 'must be well-formed Unicode' }];
    return [];
  }
  if (value === null || typeof value !== 'object') return [];
  if (depth >= MAX_INPUT_DEPTH) return [{ field, message: `must not be nested more than ${MAX_INPUT_DEPTH} levels deep` }];
  return Object.entries(value).flatMap(([key, item]) => [
    ...findUnsafeInput(key, path, depth + 1).map((error) => ({ ...error, field: path ? `${path}.${key}` : key })),
    ...findUnsafeInput(item, path ? `${path}.${key}` : key, depth + 1),
  ]);
}
