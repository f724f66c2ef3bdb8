import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** Lines are sent to PostgreSQL in chunks of about this many characters, not one message per row. */
const CHUNK_CHARACTERS = 64 * 1024;

/**
 * Feeds a `COPY … FROM STDIN` stream line by line, in chunks, waiting while PostgreSQL is behind (backpressure).
 * A COPY under way occupies its connection: it must be {@link end}ed, or {@link abort}ed (PostgreSQL then refuses
 * the whole COPY), before the connection can do anything else, a ROLLBACK included.
 */
export class CopyIn {
  private lines: string[] = [];
  private characters = 0;
  private settled = false;
  private readonly done: Promise<void>;

  constructor(private readonly stream: Writable) {
    this.done = finished(stream).finally(() => (this.settled = true));
    // Observed by end() or abort(); until then a failure must not count as unhandled.
    this.done.catch(() => undefined);
  }

  async write(line: string): Promise<void> {
    this.lines.push(line);
    this.characters += line.length;
    if (this.characters >= CHUNK_CHARACTERS) await this.flush();
  }

  /** Sends what is left and waits until PostgreSQL has taken every row. */
  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await this.done;
  }

  /** Gives the COPY up (nothing of it is kept) and waits until the connection is free again. */
  async abort(reason: Error): Promise<void> {
    if (!this.settled) this.stream.destroy(reason);
    await this.done.catch(() => undefined);
  }

  private async flush(): Promise<void> {
    if (!this.lines.length) return;
    const chunk = this.lines.join('');
    this.lines = [];
    this.characters = 0;
    // Rejects if the COPY fails meanwhile.
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
}
