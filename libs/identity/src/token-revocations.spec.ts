import { Logger } from '@nestjs/common';
import type { AppConfig, Sql } from '@app/core';
import { TokenRevocations } from './token-revocations';

/** A stand-in for the database: the rows the reload reads, or a failure. */
function revocationsReading(rows: () => Promise<unknown[]>): TokenRevocations {
  const db = { query: jest.fn(rows) } as unknown as Sql;
  return new TokenRevocations(db, { revocationRefreshMs: 15_000 } as AppConfig);
}

describe('TokenRevocations', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-26T10:00:00Z') });
    // What it says about an outage is not under test here.
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('refuses tokens of disabled accounts and tokens older than the account’s version, honours the rest', async () => {
    const revocations = revocationsReading(async () => [
      { id: 'disabled', token_version: 1, disabled: true },
      { id: 'role-changed', token_version: 2, disabled: false },
    ]);
    await revocations.refresh();
    expect(revocations.honours('disabled', 1)).toBe(false);
    expect(revocations.honours('role-changed', 1)).toBe(false);
    expect(revocations.honours('role-changed', 2)).toBe(true);
    // Issued by another process after a change this copy has not seen yet.
    expect(revocations.honours('role-changed', 3)).toBe(true);
    expect(revocations.honours('never-revoked', 0)).toBe(true);
  });

  it('fails closed (503) before its first reload and when its copy is over a minute old', async () => {
    let failing = false;
    const revocations = revocationsReading(async () => {
      if (failing) throw new Error('connection refused');
      return [];
    });
    expect(() => revocations.honours('anyone', 0)).toThrow(expect.objectContaining({ kind: 'unavailable' }));
    await revocations.onModuleInit();
    expect(revocations.honours('anyone', 0)).toBe(true);
    failing = true;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(revocations.honours('anyone', 0)).toBe(true);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(() => revocations.honours('anyone', 0)).toThrow(expect.objectContaining({ kind: 'unavailable' }));
    failing = false;
    await jest.advanceTimersByTimeAsync(15_000);
    expect(revocations.honours('anyone', 0)).toBe(true);
    revocations.onApplicationShutdown();
  });
});
