import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldError, invalid } from './domain-error';

/** Deeper than any request of this API; deeper input would only exhaust the validator's recursion. */
const MAX_INPUT_DEPTH = 16;

/**
 * Runs before validation on bodies, query strings and path parameters: refuses text PostgreSQL cannot store
 * (NUL characters, unpaired UTF-16 surrogates) and absurdly nested input, so that neither reaches a 500.
 */
@Injectable()
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const error = findUnsafeInput(value, metadata.type === 'param' ? (metadata.data ?? 'param') : '');
    if (error) throw invalid('unsafe_input', 'The request holds text or nesting this API cannot accept.', [error]);
    return value;
  }
}

/** The first unsafe value, walking iteratively (so that hostile depth cannot overflow the stack here either). */
export function findUnsafeInput(root: unknown, rootPath = ''): FieldError | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootPath, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path, depth } = next;
    const field = path || 'body';
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { field, message: 'must not contain NUL characters' };
      if (!value.isWellFormed()) return { field, message: 'must be well-formed Unicode' };
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_INPUT_DEPTH)
        return { field, message: `must not be nested more than ${MAX_INPUT_DEPTH} levels deep` };
      for (const [key, item] of Object.entries(value)) {
        const itemPath = path ? `${path}.${key}` : key;
        pending.push(
          { value: key, path: itemPath, depth: depth + 1 },
          { value: item, path: itemPath, depth: depth + 1 },
        );
      }
    }
  }
  return null;
}
