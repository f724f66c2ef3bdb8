import { Injectable } from '@nestjs/common';
import type { CsvError } from 'csv-parse';
import type { Readable } from 'node:stream';
import { ConcurrencyLimit, DomainError, invalid } from '@app/core';
import {
  CaseImportStore,
  ImportSession,
  invalidRowLine,
  numberLine,
  RepeatedRow,
  validRowLine,
} from '../case-import.store';
import { CopyIn } from '../copy-in';
import { MAX_RECORD_BYTES, readCsv } from '../csv-reader';
import {
  checkHeader,
  IMPORT_COLUMNS,
  ImportCategory,
  ImportContext,
  repeatedRefError,
  RowError,
  validateImportRow,
} from '../domain/import-row';
import { ImportCalendar, numbersOf, searchTextAfterNumber } from '../domain/imported-case';

export interface ImportResult {
  /** Cases created. */
  imported: number;
  /** Rows whose external_ref was imported before: nothing changed for them. */
  duplicates: number;
}

export interface ImportOptions {
  /** Told the bytes read so far, as they are read. */
  onProgress?: (bytesRead: number) => void;
  /** Refuse (413) a file larger than this many bytes, counted as it is read. */
  maxBytes?: number;
}

/** Problems listed in the answer (all are counted). */
export const MAX_LISTED_PROBLEMS = 100;

/** What reading the file found wrong. */
class FileProblems {
  readonly listed: RowError[] = [];
  /** Problems found, listed or not. */
  found = 0;
  /** Rows with at least one problem. */
  rows = 0;
  /** Where the file stopped making sense (a broken quote): nothing after it was read. */
  stoppedAt: number | null = null;

  add(errors: readonly RowError[]): void {
    this.rows++;
    this.found += errors.length;
    for (const error of errors) if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(error);
  }
}

/**
 * Imports cases from another system's history: a CSV file (see IMPORT_COLUMNS), all or nothing. Every row is
 * checked; any invalid row, or one repeating an external_ref of the file, refuses the whole file (400, with the rows
 * and fields at fault) and nothing is stored. Rows whose external_ref was imported before are counted as duplicates
 * and left alone, so the same file can be imported again safely.
 *
 * Memory stays flat whatever the size: rows go, as they are read and checked, into a temporary table (COPY), and
 * the cases and their history are written from there in one statement, set-based (ADR 0017).
 */
@Injectable()
export class ImportCases {
  /**
   * One import at a time per process: it holds a connection while the file arrives, and a second one for its
   * numbers; imports wait for one another anyway (the import lock).
   */
  private readonly limit = new ConcurrencyLimit(1, 'imports');

  constructor(private readonly store: CaseImportStore) {}

  execute(source: Readable, actor: string, options: ImportOptions = {}): Promise<ImportResult> {
    return this.limit.run(() => this.importFile(source, actor, options));
  }

  private async importFile(source: Readable, actor: string, options: ImportOptions): Promise<ImportResult> {
    const context: ImportContext = { categories: await this.store.categories(), now: new Date() };
    return this.store.transaction(async (session) => {
      const read = await this.readFile(source, context, session, options);
      const repeated = await session.repeatedRows(MAX_LISTED_PROBLEMS);
      if (read.problems.rows > 0 || repeated.repeats > 0) throw invalidFile(read.problems, read.rows, repeated);
      await session.lockImports();
      const duplicates = await session.dropDuplicates();
      const counts = await session.countsByYear();
      if (!counts.length) return { imported: 0, duplicates };
      const blocks = await this.store.takeNumbers(counts);
      const numbers = session.copyNumbers();
      await feed(numbers, async () => {
        for (const number of numbersOf(blocks)) await numbers.write(numberLine(number));
      });
      const { cases } = await session.insertCases(actor);
      return { imported: cases, duplicates };
    });
  }

  /**
   * Reads the file into `import_rows`, checking every row. A wrong header stops at once (400); a broken quote stops
   * the reading there (what follows cannot be told apart), counted with the problems found before it.
   */
  private async readFile(
    source: Readable,
    context: ImportContext,
    session: ImportSession,
    options: ImportOptions,
  ): Promise<{ rows: number; problems: FileProblems }> {
    const calendar = new ImportCalendar();
    const problems = new FileProblems();
    const copy = session.copyRows();
    let header = false;
    let rows = 0;
    const { broken } = await feed(copy, () =>
      readCsv(source, { ...options, tooLarge: fileTooLarge }, async (fields, record, afterInvalidBytes) => {
        // Bytes that were not UTF-8 (U+FFFD) in the header make it wrong too.
        if (record === 1) {
          const wrong = checkHeader(fields);
          if (wrong) throw invalid('invalid_file', 'The header row is not as expected; nothing was imported.', [wrong]);
          header = true;
          return;
        }
        const row = (rows = record - 1);
        const outcome = validateImportRow(fields, row, context, afterInvalidBytes);
        if ('errors' in outcome) {
          problems.add(outcome.errors);
          await copy.write(invalidRowLine(row, outcome.externalRef));
          return;
        }
        const value = outcome.row;
        const category = context.categories.get(value.categoryCode) as ImportCategory;
        const due = calendar.due(value.receivedAt, category);
        await copy.write(
          validRowLine(row, value, {
            unitCode: category.unitCode,
            year: calendar.businessYear(value.receivedAt),
            dueDate: due.dueDate,
            dueAt: due.dueAt,
            searchRest: searchTextAfterNumber(value),
          }),
        );
      }),
    );
    if (broken?.record === 1) {
      throw invalid('invalid_file', 'The header row is not valid CSV; nothing was imported.', [
        { row: 0, field: 'header', message: csvProblem(broken.error) },
      ]);
    }
    if (!header) throw invalid('invalid_file', 'The file is empty; nothing was imported.', [checkHeader(null)!]);
    if (broken) {
      rows = broken.record - 1;
      problems.stoppedAt = rows;
      problems.add([{ row: rows, field: csvField(broken.error), message: csvProblem(broken.error) }]);
    }
    return { rows, problems };
  }
}

/** Runs `work` writing into `copy`, then ends the COPY; if anything fails, gives it up so the connection is free. */
async function feed<T>(copy: CopyIn, work: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await copy.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  await copy.end();
  return result;
}

export function fileTooLarge(maxBytes: number): DomainError {
  return new DomainError(
    'file_too_large',
    `The file is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB; split it and import the parts.`,
    'payload_too_large',
  );
}

/** The 400 answer: the first problems by row (and column), how many rows are wrong, how far the file was read. */
function invalidFile(
  problems: FileProblems,
  rows: number,
  repeated: { repeats: number; validRepeats: number; listed: RepeatedRow[] },
): DomainError {
  // Invalid rows that also repeat an external_ref were counted already.
  const wrongRows = problems.rows + repeated.validRepeats;
  const listed = [...problems.listed, ...repeated.listed.map(({ row, firstRow }) => repeatedRefError(row, firstRow))]
    .sort((a, b) => a.row - b.row || columnOrder(a.field) - columnOrder(b.field))
    .slice(0, MAX_LISTED_PROBLEMS);
  const found = problems.found + repeated.repeats;
  const read = problems.stoppedAt === null ? `${rows}` : `the first ${rows}`;
  const detail =
    `${wrongRows} of ${read} ${rows === 1 ? 'row' : 'rows'} ${wrongRows === 1 ? 'is' : 'are'} not valid; ` +
    'nothing was imported.' +
    (problems.stoppedAt === null ? '' : ` The file could not be read past row ${problems.stoppedAt}.`) +
    (found > listed.length ? ` The first ${listed.length} of ${found} problems are listed.` : '');
  return invalid('invalid_file', detail, listed);
}

/** Problems of one row in the order of its columns (a problem of the whole row first). */
function columnOrder(field: string): number {
  return (IMPORT_COLUMNS as readonly string[]).indexOf(field);
}

/** The column a CSV syntax error was found in, when csv-parse says. */
function csvField(error: CsvError): string {
  const index = (error as CsvError & { index?: unknown }).index;
  return typeof index === 'number' &&
    index >= 0 &&
    index < IMPORT_COLUMNS.length &&
    error.code !== 'CSV_MAX_RECORD_SIZE'
    ? IMPORT_COLUMNS[index]
    : 'row';
}

function csvProblem(error: CsvError): string {
  switch (error.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'is not valid CSV: a quoted field must end with a quote followed by a comma or the end of the line';
    case 'INVALID_OPENING_QUOTE':
      return 'is not valid CSV: a field with a quote in it must be quoted, its quotes doubled';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'is not valid CSV: a quoted field is never closed';
    case 'CSV_MAX_RECORD_SIZE':
      return `is longer than ${MAX_RECORD_BYTES} bytes`;
    default:
      return `is not valid CSV (${error.code})`;
  }
}
