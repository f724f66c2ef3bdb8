import { createHmac, randomInt } from 'node:crypto';

/** Crockford's base32 alphabet: no I, L, O or U, so a code read out on the phone cannot be misheard as another. */
const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_LENGTH = 8;
/** A code as generated (input is read more forgivingly, see {@link normalizeTrackingCode}). */
export const TRACKING_CODE_PATTERN = new RegExp(`^[${CROCKFORD_ALPHABET}]{${TRACKING_CODE_LENGTH}}$`);

export function generateTrackingCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++) code += CROCKFORD_ALPHABET[random(CROCKFORD_ALPHABET.length)];
  return code;
}

/** Case-insensitive, and forgiving the way Crockford intends: O reads as 0, I and L as 1, hyphens are ignored. */
export function normalizeTrackingCode(code: string): string {
  return code.toUpperCase().replace(/-/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * Keyed hash (HMAC-SHA-256 with a server secret): 40 random bits are too few to survive an offline guess
 * against a plain hash if the database leaked, but cannot be guessed without the key.
 */
export function hashTrackingCode(code: string, secret: string): string {
  return createHmac('sha256', secret).update(normalizeTrackingCode(code)).digest('base64url');
}
