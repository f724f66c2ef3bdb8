import { foldForSearch } from '@app/core';
import type { CaseState } from './case';

/**
 * The text the `q` filter matches by substring: number, subject, description and the resident's contact details,
 * with the phone number also as bare digits so "601 234" and "601234" both find "+48 601-234-567".
 */
export function buildSearchText(state: Pick<CaseState, 'number' | 'subject' | 'description' | 'resident'>): string {
  const phone = state.resident?.phone ?? null;
  const parts = [
    state.number,
    state.subject,
    state.description,
    state.resident?.name,
    phone,
    phone?.replace(/\D/g, ''),
    state.resident?.email,
  ];
  return foldForSearch(parts.filter((part): part is string => !!part).join(' \u0001 '));
}

/** The forms of a query to look for: folded text, and bare digits when it looks like part of a phone number. */
export function searchPatterns(query: string): string[] {
  const folded = foldForSearch(query.trim());
  const digits = folded.replace(/[\s()+-]/g, '');
  return /^\d{3,}$/.test(digits) && digits !== folded ? [folded, digits] : [folded];
}
