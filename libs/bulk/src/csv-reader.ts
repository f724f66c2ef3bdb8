import { CsvError, parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { decodeUtf8 } from './utf8';

/** No record is this long: a longer one is refused rather than buffered (10,000 characters of 4 bytes each fit). */
export const MAX_RECORD_BYTES = 64 * 1024;

/** Where the CSV stopped making sense: csv-parse's error, and the record (1: the header) it was found in. */
export interface CsvBreak {
  record: number;
  error: CsvError;
}

export interface CsvReadOptions {
  /** Told the bytes read so far, as they are read. */
  onProgress?: (bytesRead: number) => void;
  /** Refuse a stream larger than this, counted as it is read: `tooLarge` is thrown. */
  maxBytes?: number;
  tooLarge?: (maxBytes: number) => Error;
}

/**
 * Handles one record (`record` 1 is the header); false stops the reading. With `afterInvalidBytes`, bytes that were
 * not UTF-8 may be in it, as U+FFFD.
 */
export type CsvRecordHandler = (
  fields: string[],
  record: number,
  afterInvalidBytes: boolean,
) => boolean | void | Promise<boolean | void>;

/**
 * Reads a CSV byte stream (RFC 4180, UTF-8) record by record, as it comes, with backpressure: the next bytes are
 * read once the handler has taken every record of the last ones. Decoded strictly (see decodeUtf8); a byte order
 * mark is dropped; empty lines are skipped; records may differ in their number of fields (the handler judges).
 *
 * A broken record (a stray or unclosed quote, a record over {@link MAX_RECORD_BYTES}) ends the reading: csv-parse
 * would go on, but what it finds after one is not to be trusted. Returns it, or null when the stream was read to
 * its end. The source is never destroyed: the api answers on its connection.
 */
export async function readCsv(
  source: Readable,
  options: CsvReadOptions,
  onRecord: CsvRecordHandler,
): Promise<{ broken: CsvBreak | null }> {
  let records = 0;
  /** The first record that may hold bytes that were not UTF-8. */
  let invalidFrom = Infinity;
  let broken: CsvBreak | null = null;
  let failure: Error | null = null;
  const parser = parse({
    encoding: 'utf8',
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
    skip_records_with_error: true,
    // `records` counts the records before the broken one.
    on_skip: (error) => {
      if (error && !broken) broken = { record: Number(error.records) + 1, error };
      return undefined;
    },
  });
  parser.on('error', (error) => (failure ??= error));
  let stopped = false;
  const take = async (fields: string[]): Promise<boolean> => {
    const record = records + 1;
    if (broken && record >= broken.record) return false;
    records = record;
    return (await onRecord(fields, record, record >= invalidFrom)) !== false;
  };
  // Every record csv-parse has made of the text written so far (it parses as it is written).
  const takeParsed = async (): Promise<boolean> => {
    for (let fields = parser.read() as string[] | null; fields !== null; fields = parser.read() as string[] | null) {
      if (!(await take(fields))) return false;
    }
    if (failure) throw failure;
    return !broken;
  };
  try {
    const chunks = decodeUtf8(meteredChunks(source, options), () => (invalidFrom = Math.min(invalidFrom, records + 1)));
    for await (const text of chunks) {
      parser.write(text);
      if (!(await takeParsed())) {
        stopped = true;
        break;
      }
    }
    if (!stopped) {
      parser.end();
      for await (const fields of parser as AsyncIterable<string[]>) if (!(await take(fields))) break;
      if (failure) throw failure;
    }
    return { broken };
  } finally {
    parser.destroy();
  }
}

/** The source's chunks, counted: progress is told, and a source past `maxBytes` is refused. */
async function* meteredChunks(
  source: Readable,
  { maxBytes, onProgress, tooLarge }: CsvReadOptions,
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of source.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buffer.length;
    if (maxBytes !== undefined && bytes > maxBytes) {
      throw tooLarge?.(maxBytes) ?? new RangeError(`More than ${maxBytes} bytes.`);
    }
    onProgress?.(bytes);
    yield buffer;
  }
}
