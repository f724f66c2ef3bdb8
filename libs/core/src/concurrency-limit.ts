import { DomainError } from './errors/domain-error';

/**
 * At most `max` of one kind of long work at once in this process (bulk imports and exports, each holding a database
 * connection for as long as a client sends or reads a file): more is refused with 429 and Retry-After, so that slow
 * transfers never take every connection of the pool from the api's other requests.
 */
export class ConcurrencyLimit {
  private running = 0;

  constructor(
    private readonly max: number,
    private readonly what: string,
    private readonly retryAfterSeconds = 10,
  ) {}

  /** Takes a slot (or refuses); the caller must call the returned release exactly once when the work ends. */
  acquire(): () => void {
    if (this.running >= this.max) {
      throw new DomainError(
        'too_many_transfers',
        `${this.max} ${this.what} already under way in this process; try again shortly.`,
        'too_many_requests',
        { retryAfterSeconds: this.retryAfterSeconds },
      );
    }
    this.running++;
    let released = false;
    return () => {
      if (!released) this.running--;
      released = true;
    };
  }

  /** Runs `work` in a slot. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}
