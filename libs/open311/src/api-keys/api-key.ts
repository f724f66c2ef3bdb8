import { createHash, randomBytes } from 'node:crypto';

/** `o311_` and 43 characters of base64url: 256 random bits, and recognisable if it turns up where it should not. */
export const API_KEY_PATTERN = /^o311_[A-Za-z0-9_-]{43}$/;
/** A name for a key: who holds it (e.g. `fixmystreet`, `gdansk-app`). */
export const API_KEY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$/;

export function generateApiKey(random: (size: number) => Buffer = randomBytes): string {
  return `o311_${random(32).toString('base64url')}`;
}

/**
 * What is stored of a key: its SHA-256. A key is 256 random bits, so unlike a password it needs no slow hash to
 * resist guessing from a stolen table; a fast one keeps every request's check cheap.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
