import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, PollingLoop } from '@app/core';
import { ReportingStore } from '../reporting.store';

/** Folds at most this many delta rows a step while a backlog lasts (a fold takes them all; more came meanwhile). */
const BACKLOG_ROWS = 10_000;

/**
 * Folds the case counts the triggers on `cases` append into the rollups, every second while idle (in the worker).
 * Reports are exact without it (they add what is not folded yet); it keeps them fast. It needs PostgreSQL only, so
 * a Redis outage does not slow reports down.
 */
@Injectable()
export class CaseCountFolder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(store: ReportingStore, @Inject(APP_CONFIG) config: AppConfig) {
    this.loop = new PollingLoop({
      name: 'Report rollup fold',
      logger: new Logger(CaseCountFolder.name),
      idleMs: config.rollupFoldMs,
      step: async () => ((await store.fold()) ?? 0) >= BACKLOG_ROWS,
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
