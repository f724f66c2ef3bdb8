// A visit code as a person types it (pure: shared by the residents' page and the desk, and tested on its own).

/** 8 characters of Crockford base32 (the api also reads I, L and O, as typed by mistake for 1 and 0). */
const VISIT_CODE = /^[0-9A-TV-Z]{8}$/;

/** The code as typed, as the api reads it: without spaces and hyphens, in capitals. */
export function normalizedCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

/** Whether a normalized code can be a visit code at all (the api is asked only then). */
export function isVisitCode(code: string): boolean {
  return VISIT_CODE.test(code);
}
