import pino, { Logger } from 'pino';
import { Writable } from 'node:stream';

/** A logger whose JSON lines are kept, parsed, in `lines`: for tests of what the api logs. */
export function capturedLogs(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}
