import { CommandFactory } from 'nest-commander';
import { DomainError } from '@app/core';
import { CliModule } from './cli.module';

/** `npm run cli -- <command>`: administration from the shell. A domain error is one clear line and exit code 2. */
async function main(): Promise<void> {
  try {
    await CommandFactory.run(CliModule, {
      logger: ['error', 'warn'],
      errorHandler: (error) => {
        throw error;
      },
    });
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(`Error: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}

void main();
