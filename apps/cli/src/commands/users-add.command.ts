import { Command, CommandRunner, Option } from 'nest-commander';
import { createInterface } from 'node:readline';
import { MIN_PASSWORD_LENGTH, UsersService } from '@app/identity';

interface UsersAddOptions {
  username: string;
  role: string;
  unit?: string;
}

/** Reads the first line of standard input, so that a password never appears in the shell history or `ps`. */
async function readFirstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
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
  constructor(private readonly users: UsersService) {
    super();
  }

  async run(_: string[], options: UsersAddOptions): Promise<void> {
    if (process.stdin.isTTY) process.stderr.write('Password: ');
    const password = await readFirstLine();
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
