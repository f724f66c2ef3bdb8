import { Logger } from '@nestjs/common';
import { atMostEvery } from '../logging/logger';

/** A pause after a failed step, long enough not to spin against a service that is away. */
const AFTER_FAILURE_MS = 1000;

export interface PollingLoopOptions {
  /** Says what failed in the log line ("Outbox relay"). */
  name: string;
  logger: Logger;
  /** Pause between steps while there is nothing to do. */
  idleMs: number;
  /** One step of work; true when there is more to do at once (a backlog), so no pause. */
  step: () => Promise<boolean>;
  /** Steps wait while this says no (a connection still opening at start): not a failure to report. */
  ready?: () => boolean;
}

/**
 * Work a worker does in a loop against PostgreSQL rather than on a queue (so that a Redis outage cannot stop it):
 * a step, then a pause while idle, straight on while a backlog lasts. A failing step is retried after a second and
 * reported at most once a minute, and its recovery once. Stopping waits for the step under way.
 */
export class PollingLoop {
  private readonly failureLogDue = atMostEvery(60_000);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private failing = false;

  constructor(private readonly options: PollingLoopOptions) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { name, logger, idleMs, step, ready } = this.options;
    while (this.running && ready && !ready()) await this.sleep(idleMs);
    while (this.running) {
      let more = false;
      try {
        more = await step();
        if (this.failing) logger.log(`${name} working again`);
        this.failing = false;
      } catch (error) {
        this.failing = true;
        if (this.failureLogDue()) logger.warn(`${name} failing, retrying: ${(error as Error).message}`);
      }
      if (!more) await this.sleep(this.failing ? AFTER_FAILURE_MS : idleMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
