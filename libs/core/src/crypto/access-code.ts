import { createHmac, randomInt } from 'node:crypto';

/*
 * The short secret codes residents are given once and read out on the phone: a case's tracking code and a visit's
 * code. Eight characters of Crockford's base32 (40 random bits), kept only as a keyed hash.
 */

/** Crockford's base32 alphabet: no I, L, O or U, so a code read out on the phone cannot be misheard as another. */
const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ACCESS_CODE_LENGTH = 8;
/** A code as generated (input is read more forgivingly, see {@link ACCESS_CODE_INPUT}). */
export const ACCESS_CODE_PATTERN = new RegExp(`^[${CROCKFORD_ALPHABET}]{${ACCESS_CODE_LENGTH}}$`);
/**
 * A code as a resident may type it: the 8 characters in either case, with the letters Crockford forgives (O for 0,
 * I and L for 1) and hyphens anywhere (`7kq2-m9xd`). U is in no code. Exactly what {@link normalizeAccessCode} turns
 * into a code of the generated form.
 */
export const ACCESS_CODE_INPUT = /^-*(?:[0-9A-TV-Za-tv-z]-*){8}$/;
/** Hyphens are free, but not endless. */
export const ACCESS_CODE_INPUT_MAX_LENGTH = 32;

export function generateAccessCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < ACCESS_CODE_LENGTH; i++) code += CROCKFORD_ALPHABET[random(CROCKFORD_ALPHABET.length)];
  return code;
}

/** Case-insensitive, and forgiving the way Crockford intends: O reads as 0, I and L as 1, hyphens are ignored. */
export function normalizeAccessCode(code: string): string {
  return code.toUpperCase().replace(/-/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Whether `input` is a code as a resident may type it (length checked first: the pattern is not for long input). */
export function isAccessCodeInput(input: string): boolean {
  return input.length <= ACCESS_CODE_INPUT_MAX_LENGTH && ACCESS_CODE_INPUT.test(input);
}

/**
 * Keyed hash (HMAC-SHA-256 with a server secret): 40 random bits are too few to survive an offline guess against a
 * plain hash if the database leaked, but cannot be guessed without the key. `purpose` keeps the codes of one kind
 * from ever matching the hashes of another (tracking codes, the first kind, have none).
 */
export function hashAccessCode(code: string, secret: string, purpose = ''): string {
  return createHmac('sha256', secret)
    .update(purpose + normalizeAccessCode(code))
    .digest('base64url');
}
