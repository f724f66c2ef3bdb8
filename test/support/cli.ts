import { TestingModule } from '@nestjs/testing';
import { CommandTestFactory } from 'nest-commander-testing';
import { Readable } from 'node:stream';
import { CLI_OPTIONS } from '../../apps/cli/src/cli-options';
import { CliModule } from '../../apps/cli/src/cli.module';
import { PASSWORD_INPUT } from '../../apps/cli/src/commands/users-add.command';

/** Runs one command of `npm run cli` in-process, with `password` as standard input; returns what it printed. */
export async function runCli(args: string[], password = ''): Promise<{ out: string; err: string; exitCode: number }> {
  const command: TestingModule = await CommandTestFactory.createTestingCommand({ imports: [CliModule] }, CLI_OPTIONS)
    .overrideProvider(PASSWORD_INPUT)
    .useValue(Readable.from([`${password}\n`]))
    .compile();
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  const error = jest.spyOn(console, 'error').mockImplementation((line: unknown) => void err.push(String(line)));
  process.exitCode = 0;
  try {
    await CommandTestFactory.run(command, args);
  } finally {
    log.mockRestore();
    error.mockRestore();
    // As the real command line does on exit: its connection pool must not outlive the command.
    await command.close();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out: out.join('\n'), err: err.join('\n'), exitCode };
}
