import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DomainError, Sql } from '@app/core';

/** The contract's bound: a revoked token is refused within 60 s, so a copy older than that is not trusted. */
const MAX_STALENESS_MS = 60_000;

interface Revocation {
  /** Tokens issued under an older version are refused. */
  tokenVersion: number;
  disabled: boolean;
}

/**
 * Which tokens are no longer honoured, known to each api process without a database read per request and without
 * Redis (the api keeps serving through a Redis outage): a per-process copy of the accounts whose tokens were ever
 * revoked, reloaded from PostgreSQL every few seconds. A disabled account or a changed role is refused within one
 * refresh everywhere, and at once by the process that made the change.
 */
@Injectable()
export class TokenRevocations implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(TokenRevocations.name);
  private revocations = new Map<string, Revocation>();
  /** When the copy was last reloaded; undefined until the first reload succeeds. */
  private loadedAt?: number;
  private timer?: NodeJS.Timeout;
  private failing = false;

  constructor(
    private readonly db: Sql,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refreshQuietly();
    this.timer = setInterval(() => void this.refreshQuietly(), this.config.revocationRefreshMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * Whether a token of this user, issued under `tokenVersion`, is still honoured. Fails closed: without a copy
   * reloaded within the last 60 s (PostgreSQL away since the start, or for a minute) nobody can be vouched for.
   */
  honours(userId: string, tokenVersion: number): boolean {
    if (this.loadedAt === undefined || Date.now() - this.loadedAt > MAX_STALENESS_MS) {
      throw new DomainError(
        'revocations_unavailable',
        'Signed-in sessions cannot be checked right now; try again shortly.',
        'unavailable',
        { retryAfterSeconds: 5 },
      );
    }
    const revocation = this.revocations.get(userId);
    // A token newer than this copy knows of (issued by another process after a change) is honoured, not refused.
    return !revocation || (!revocation.disabled && tokenVersion >= revocation.tokenVersion);
  }

  async refresh(): Promise<void> {
    const rows = await this.db.query<{ id: string; token_version: number; disabled: boolean }>(
      `SELECT id, token_version, disabled_at IS NOT NULL AS disabled FROM users
        WHERE token_version > 0 OR disabled_at IS NOT NULL`,
      [],
      'token-revocations',
    );
    this.revocations = new Map(
      rows.map((row) => [row.id, { tokenVersion: row.token_version, disabled: row.disabled }]),
    );
    this.loadedAt = Date.now();
  }

  /** Keeps the last copy while PostgreSQL is unreachable (for at most a minute, see honours), saying so once. */
  private async refreshQuietly(): Promise<void> {
    try {
      await this.refresh();
      if (this.failing) this.logger.log('Token revocations reloaded again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`Cannot reload token revocations: ${(error as Error).message}`);
      this.failing = true;
    }
  }
}
