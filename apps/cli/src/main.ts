import { CommandFactory } from 'nest-commander';
import { CLI_OPTIONS } from './cli-options';
import { CliModule } from './cli.module';

/** `npm run cli -- <command>`: administration from the shell. */
void CommandFactory.run(CliModule, { logger: ['error', 'warn'], ...CLI_OPTIONS });
