import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { createInterface } from 'node:readline';
import { Readable, Writable } from 'node:stream';
import { MIN_PASSWORD_LENGTH, UsersService } from '@app/identity';

interface UsersAddOptions {
  username: string;
  role: string;
  unit?: string;
}

/** Where the password comes from: standard input, so that it never appears in the shell history or `ps`. */
export const PASSWORD_INPUT = Symbol('PASSWORD_INPUT');

/** The first line of the input; typed at a terminal, it is not echoed (readline's echo goes to a sink). */
async function readFirstLine(input: Readable & { isTTY?: boolean }): Promise<string> {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const lines = createInterface({ input, output: sink, terminal: Boolean(input.isTTY) });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

@Command({
  name: 'users:add',
  description: `Create a staff user; the password (at least ${MIN_PASSWORD_LENGTH} characters) is read from the first line of stdin`,
})
export class UsersAddCommand extends CommandRunner {
  constructor(
    private readonly users: UsersService,
    @Inject(PASSWORD_INPUT) private readonly passwordInput: Readable & { isTTY?: boolean },
  ) {
    super();
  }

  async run(_: string[], options: UsersAddOptions): Promise<void> {
    if (this.passwordInput.isTTY) process.stderr.write('Password: ');
    const password = await readFirstLine(this.passwordInput);
    const user = await this.users.add({ ...options, unitCode: options.unit, password });
    console.log(`Created ${user.role} ${user.username}${user.unitCode ? ` in unit ${user.unitCode}` : ''}.`);
  }

  @Option({ flags: '--username <name>', required: true })
  parseUsername(value: string): string {
    return value;
  }

  @Option({ flags: '--role <role>', required: true, description: 'agent | supervisor | unit_staff | admin' })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--unit <code>', description: 'unit code (required for unit_staff)' })
  parseUnit(value: string): string {
    return value;
  }
}
