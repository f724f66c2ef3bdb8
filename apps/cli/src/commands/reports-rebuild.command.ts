import { Command, CommandRunner } from 'nest-commander';
import { ReportingStore } from '@app/reporting';

@Command({
  name: 'reports:rebuild',
  description: 'Build the report rollups anew from the cases (case writes wait meanwhile; reads do not)',
})
export class ReportsRebuildCommand extends CommandRunner {
  constructor(private readonly reporting: ReportingStore) {
    super();
  }

  async run(): Promise<void> {
    const started = Date.now();
    const cases = await this.reporting.rebuild();
    console.log(`Rebuilt the report rollups from ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
}
