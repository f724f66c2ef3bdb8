import { CommandFactory } from 'nest-commander';
import { loadEnvironment } from '@app/core';
import { CLI_OPTIONS } from './cli-options';
import { CliModule } from './cli.module';

/** `npm run cli -- <command>`: administration from the shell. */
loadEnvironment();
void CommandFactory.run(CliModule, { logger: ['error', 'warn'], ...CLI_OPTIONS });
