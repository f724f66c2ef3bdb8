import { Command, CommandRunner, Option } from 'nest-commander';
import { ApiKeys, ApiKeySummary } from '@app/open311';

interface NameOption {
  name: string;
}

/** The `--name` option of the key commands. */
abstract class ApiKeyCommand extends CommandRunner {
  @Option({ flags: '--name <name>', required: true, description: 'who holds the key, e.g. fixmystreet' })
  parseName(value: string): string {
    return value;
  }
}

@Command({
  name: 'api-keys:add',
  description: 'Create an Open311 API key; the key is printed once, alone on the last line, and stored only as a hash',
})
export class ApiKeysAddCommand extends ApiKeyCommand {
  constructor(private readonly apiKeys: ApiKeys) {
    super();
  }

  async run(_: string[], { name }: NameOption): Promise<void> {
    const { key } = await this.apiKeys.add(name);
    console.log(`Created the Open311 API key ${name}. It is shown this once; keep it secret:`);
    console.log(key);
  }
}

@Command({ name: 'api-keys:revoke', description: 'Revoke the live Open311 API key of that name: refused at once' })
export class ApiKeysRevokeCommand extends ApiKeyCommand {
  constructor(private readonly apiKeys: ApiKeys) {
    super();
  }

  async run(_: string[], { name }: NameOption): Promise<void> {
    const revoked = await this.apiKeys.revoke(name);
    console.log(`Revoked the Open311 API key ${revoked.name} (created ${revoked.createdAt.toISOString()}).`);
  }
}

@Command({ name: 'api-keys:list', description: 'List the Open311 API keys (names and dates; never the keys)' })
export class ApiKeysListCommand extends CommandRunner {
  constructor(private readonly apiKeys: ApiKeys) {
    super();
  }

  async run(): Promise<void> {
    const keys = await this.apiKeys.list();
    if (!keys.length) console.log('No Open311 API keys.');
    for (const key of keys) console.log(describeKey(key));
  }
}

function describeKey(key: ApiKeySummary): string {
  const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'live';
  const used = key.lastUsedAt ? `last used ${key.lastUsedAt.toISOString()}` : 'never used';
  return `${key.name}\t${state}\tcreated ${key.createdAt.toISOString()}\t${used}`;
}
