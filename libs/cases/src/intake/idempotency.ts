import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG, AppConfig, DomainError, invalid, SealedBox, Sql } from '@app/core';

/** How long a response is kept for replay under its `Idempotency-Key`. */
export const IDEMPOTENCY_KEY_TTL = '24 hours';
/** 1..200 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const PURGE_BATCH_SIZE = 1000;

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

export function validateIdempotencyKey(key: string): string {
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw invalid('invalid_idempotency_key', 'Idempotency-Key must be 1..200 visible ASCII characters.', [
      { field: 'Idempotency-Key', message: 'must be 1..200 visible ASCII characters' },
    ]);
  }
  return key;
}

function sealContext(scope: string, key: string): string {
  return `${scope}\u0000${key}`;
}

/** Same request ⇔ same fingerprint: the body is hashed with its keys sorted, so key order does not matter. */
export function requestFingerprint(operation: string, body: unknown): string {
  return createHash('sha256').update(operation).update('\0').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Reads what was answered under a key (new responses are written by the case store with the case itself). Responses
 * are kept sealed: they hold the tracking code, which must be given again on a replay but never be readable at rest.
 */
@Injectable()
export class IdempotencyKeys {
  private readonly box: SealedBox;

  constructor(
    private readonly db: Sql,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = new SealedBox(config.trackingCodeSecret, 'idempotency-response');
  }

  /** The response to store under the key, encrypted and bound to the scope and key. */
  seal(scope: string, key: string, response: unknown): Buffer {
    return this.box.seal(JSON.stringify(response), sealContext(scope, key));
  }

  /**
   * The response first given for this key, or null if the key is new (its expired record, if any, is dropped).
   * The same key with another request is refused (422).
   */
  async replay(scope: string, key: string, fingerprint: string): Promise<StoredResponse | null> {
    const rows = await this.db.query<{ request_hash: string; status_code: number; sealed_response: Buffer }>(
      `WITH expired AS (
         DELETE FROM idempotency_keys
          WHERE scope = $1 AND key = $2 AND created_at <= now() - interval '${IDEMPOTENCY_KEY_TTL}'
       )
       SELECT request_hash, status_code, sealed_response FROM idempotency_keys
        WHERE scope = $1 AND key = $2 AND created_at > now() - interval '${IDEMPOTENCY_KEY_TTL}'`,
      [scope, key],
      'idempotency-replay',
    );
    if (rows.length === 0) return null;
    if (rows[0].request_hash !== fingerprint) {
      throw new DomainError(
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different request.',
        'unprocessable',
      );
    }
    const body: unknown = JSON.parse(this.box.open(rows[0].sealed_response, sealContext(scope, key)));
    return { statusCode: rows[0].status_code, body };
  }

  /**
   * Deletes every expired record, in batches so that no statement holds many locks: a stored response holds a
   * tracking code and contact details, which must not outlive the replay window. Returns how many went.
   */
  async purgeExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.db.query<{ deleted: number }>(
        `WITH gone AS (
           DELETE FROM idempotency_keys
            WHERE (scope, key) IN (
              SELECT scope, key FROM idempotency_keys
               WHERE created_at <= now() - interval '${IDEMPOTENCY_KEY_TTL}'
               LIMIT ${PURGE_BATCH_SIZE} FOR UPDATE SKIP LOCKED)
           RETURNING 1)
         SELECT count(*)::int AS deleted FROM gone`,
        [],
        'idempotency-purge',
      );
      total += rows[0].deleted;
      if (rows[0].deleted < PURGE_BATCH_SIZE) return total;
    }
  }
}
