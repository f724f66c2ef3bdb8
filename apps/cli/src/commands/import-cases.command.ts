import { Presets, SingleBar } from 'cli-progress';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Command, CommandRunner } from 'nest-commander';
import { ImportCases } from '@app/bulk';
import { DomainError } from '@app/core';

/** Whom the history of imported cases names. */
const CLI_ACTOR = 'cli';

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

@Command({
  name: 'import:cases',
  arguments: '<file>',
  description:
    'Import cases from a CSV file, all or nothing (as POST /imports/cases); prints {imported, duplicates}, or the ' +
    "file's problems and exits 1",
})
export class ImportCasesCommand extends CommandRunner {
  constructor(private readonly importCases: ImportCases) {
    super();
  }

  async run([file]: string[]): Promise<void> {
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (error) {
      return fail(`Cannot read ${file}: ${(error as Error).message}`);
    }
    // Drawn on a terminal only (standard error), so that standard output is the result alone.
    const progress = new SingleBar(
      { format: 'Importing {bar} {percentage}% | {read} of {size} MB | {duration}s {stage}', stream: process.stderr },
      Presets.shades_classic,
    );
    progress.start(size, 0, { read: megabytes(0), size: megabytes(size), stage: '' });
    try {
      const result = await this.importCases.execute(createReadStream(file), CLI_ACTOR, {
        // Once the file is read, the cases are written: the longer part of a large import.
        onProgress: (bytes) =>
          progress.update(bytes, { read: megabytes(bytes), stage: bytes >= size ? '(writing the cases)' : '' }),
      });
      progress.stop();
      console.log(JSON.stringify(result));
    } catch (error) {
      progress.stop();
      if (!(error instanceof DomainError) || error.code !== 'invalid_file') throw error;
      const problems = (error.details.errors ?? []).map(
        (problem) => `  row ${problem.row}, ${problem.field}: ${problem.message}`,
      );
      fail([error.message, ...problems].join('\n'));
    }
  }
}

/** A file that cannot be imported: its problems on standard error, exit code 1. */
function fail(message: string): void {
  console.error(`✗ ${message}`);
  process.exitCode = 1;
}
