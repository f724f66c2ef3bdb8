import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { conflict, invalid, notFound, pgErrorCode, PG_UNIQUE_VIOLATION, Sql } from '@app/core';
import { API_KEY_NAME_PATTERN, API_KEY_PATTERN, generateApiKey, hashApiKey } from './api-key';

/** A key's holder, as the Open311 POST knows it once the key is checked. */
export interface ApiKeyHolder {
  id: string;
  name: string;
}

export interface ApiKeySummary extends ApiKeyHolder {
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** The Open311 clients' keys: created once (the key shown then and never again), revoked, checked on every POST. */
@Injectable()
export class ApiKeys {
  constructor(private readonly sql: Sql) {}

  /** A new key for `name`; the key itself is returned here only, and stored as its hash. */
  async add(name: string): Promise<{ key: string; holder: ApiKeyHolder }> {
    if (!API_KEY_NAME_PATTERN.test(name)) {
      throw invalid(
        'invalid_api_key_name',
        'The name must be 2..64 of A-Z, a-z, 0-9, _ . @ - starting with one of the first three.',
        [{ field: 'name', message: 'must be 2..64 of A-Z, a-z, 0-9, _ . @ -' }],
      );
    }
    const key = generateApiKey();
    const holder = { id: randomUUID(), name };
    try {
      await this.sql.query(`INSERT INTO api_keys (id, name, key_hash) VALUES ($1, $2, $3)`, [
        holder.id,
        name,
        hashApiKey(key),
      ]);
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw conflict('api_key_name_taken', `A live key named ${name} exists; revoke it first.`);
      }
      throw error;
    }
    return { key, holder };
  }

  /** The live key of that name stops working at once; it stays on record. */
  async revoke(name: string): Promise<ApiKeySummary> {
    const rows = await this.sql.query<ApiKeySummary>(
      `UPDATE api_keys SET revoked_at = now() WHERE lower(name) = lower($1) AND revoked_at IS NULL
       RETURNING ${SUMMARY}`,
      [name],
    );
    if (!rows.length) throw notFound('api_key_not_found', `There is no live key named ${name}.`);
    return rows[0];
  }

  async list(): Promise<ApiKeySummary[]> {
    return this.sql.query<ApiKeySummary>(`SELECT ${SUMMARY} FROM api_keys ORDER BY lower(name), created_at`);
  }

  /** Whose live key this is, or null; notes when it was used (once a minute at most, so a busy client costs no writes). */
  async authenticate(key: string): Promise<ApiKeyHolder | null> {
    if (!API_KEY_PATTERN.test(key)) return null;
    const rows = await this.sql.query<ApiKeyHolder & { stale: boolean }>(
      `SELECT id, name, last_used_at IS NULL OR last_used_at < now() - interval '1 minute' AS stale
         FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hashApiKey(key)],
      'api-key-by-hash',
    );
    if (!rows.length) return null;
    const { id, name, stale } = rows[0];
    if (stale) await this.sql.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [id]);
    return { id, name };
  }
}

const SUMMARY = `id, name, created_at AS "createdAt", revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"`;
