import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { APP_CONFIG, AppConfig, DomainError } from '@app/core';
import { DEMO_PASSWORD, DemoDataService } from '@app/demo-data';

@Command({
  name: 'seed:demo',
  description:
    'Load the DEMO catalogue (Gdańsk-shaped units and categories), demo users and the offices that book visits',
})
export class SeedDemoCommand extends CommandRunner {
  constructor(
    private readonly demoData: DemoDataService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_: string[], options: { ifEmpty?: boolean }): Promise<void> {
    if (this.config.production) {
      throw new DomainError(
        'demo_data_in_production',
        'Demo data (accounts with a published password) is never loaded with NODE_ENV=production.',
        'forbidden',
      );
    }
    const result = await this.demoData.load(options.ifEmpty ?? false);
    const offices = await this.demoData.loadOffices(options.ifEmpty ?? false);
    if (offices.loaded) {
      console.log(`Loaded DEMO offices: ${offices.offices} offices, ${offices.visitServices} visit services.`);
    }
    if (!result.loaded) {
      console.log('The database already has units or users; demo data not loaded.');
      return;
    }
    console.log(
      `Loaded DEMO data: ${result.units} units, ${result.categories} categories, ${result.users.length} users.`,
    );
    console.log(`Demo users (password "${DEMO_PASSWORD}", for trying the system out only):`);
    for (const user of result.users) console.log(`  ${user.username.padEnd(18)} ${user.role}`);
  }

  @Option({ flags: '--if-empty', description: 'only when the catalogue has no units yet' })
  parseIfEmpty(): boolean {
    return true;
  }
}
