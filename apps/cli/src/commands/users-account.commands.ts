import { Inject } from '@nestjs/common';
import { userInfo } from 'node:os';
import { Command, CommandRunner, Option } from 'nest-commander';
import { StaffAccount, UsersService } from '@app/identity';

interface UsernameOption {
  username: string;
}

interface SetRoleOptions extends UsernameOption {
  role: string;
  unit?: string;
}

/** Who ran the command, for the audit line. */
const OPERATOR = { name: `cli:${userInfo().username}` };

function describe(account: StaffAccount): string {
  const unit = account.unitCode ? ` in unit ${account.unitCode}` : '';
  return `${account.username} (${account.role}${unit}) is ${account.disabled ? 'disabled' : 'enabled'}`;
}

/** The `--username` option every account command takes. */
abstract class AccountCommand<Options extends UsernameOption> extends CommandRunner {
  // Named explicitly: the base class carries no decorator, so no parameter types are emitted for it.
  constructor(@Inject(UsersService) protected readonly users: UsersService) {
    super();
  }

  abstract change(options: Options): Promise<StaffAccount>;

  async run(_: string[], options: Options): Promise<void> {
    console.log(`${describe(await this.change(options))}; tokens issued before are refused within a minute.`);
  }

  @Option({ flags: '--username <name>', required: true })
  parseUsername(value: string): string {
    return value;
  }
}

@Command({ name: 'users:disable', description: 'Disable a staff account: no sign-in, its tokens refused' })
export class UsersDisableCommand extends AccountCommand<UsernameOption> {
  change({ username }: UsernameOption): Promise<StaffAccount> {
    return this.users.disable(username, OPERATOR);
  }
}

@Command({ name: 'users:enable', description: 'Enable a disabled staff account again' })
export class UsersEnableCommand extends AccountCommand<UsernameOption> {
  change({ username }: UsernameOption): Promise<StaffAccount> {
    return this.users.enable(username, OPERATOR);
  }
}

@Command({ name: 'users:set-role', description: 'Change the role (and unit) of a staff account' })
export class UsersSetRoleCommand extends AccountCommand<SetRoleOptions> {
  change({ username, role, unit }: SetRoleOptions): Promise<StaffAccount> {
    return this.users.changeRole(username, { role, unitCode: unit ?? null }, OPERATOR);
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
