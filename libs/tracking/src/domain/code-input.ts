/**
 * A tracking code as a resident may type it: the 8 characters of Crockford's base32 in either case, with the letters
 * Crockford forgives (O for 0, I and L for 1) and hyphens anywhere (`7kq2-m9xd`). U is in no code. Exactly what
 * `normalizeTrackingCode` (@app/cases) turns into a code of the generated form.
 */
export const TRACKING_CODE_INPUT = /^-*(?:[0-9A-TV-Za-tv-z]-*){8}$/;
/** Hyphens are free, but not endless. */
export const TRACKING_CODE_INPUT_MAX_LENGTH = 32;
