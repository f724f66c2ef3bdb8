import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { APP_CONFIG, AppConfig, runMigrations } from '@app/core';

@Command({ name: 'migrate', description: 'Apply pending database migrations' })
export class MigrateCommand extends CommandRunner {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async run(): Promise<void> {
    const applied = await runMigrations(this.config.databaseAdminUrl, this.config.databaseUrl);
    console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');
  }
}
