import { Module } from '@nestjs/common';
import { AppConfigModule, DatabaseModule } from '@app/core';
import { CaseImportModule } from '@app/bulk';
import { DemoDataModule } from '@app/demo-data';
import { UsersModule } from '@app/identity';
import { ApiKeysModule } from '@app/open311';
import { ReportingStore } from '@app/reporting';
import { ApiKeysAddCommand, ApiKeysListCommand, ApiKeysRevokeCommand } from './commands/api-keys.commands';
import { ImportCasesCommand } from './commands/import-cases.command';
import { MigrateCommand } from './commands/migrate.command';
import { ReportsRebuildCommand } from './commands/reports-rebuild.command';
import { SeedDemoCommand } from './commands/seed-demo.command';
import { UsersDisableCommand, UsersEnableCommand, UsersSetRoleCommand } from './commands/users-account.commands';
import { PASSWORD_INPUT, UsersAddCommand } from './commands/users-add.command';

@Module({
  imports: [
    AppConfigModule,
    DatabaseModule.forRoot({ asOwner: true }),
    UsersModule,
    DemoDataModule,
    CaseImportModule,
    ApiKeysModule,
  ],
  providers: [
    ApiKeysAddCommand,
    ApiKeysListCommand,
    ApiKeysRevokeCommand,
    MigrateCommand,
    ImportCasesCommand,
    ReportsRebuildCommand,
    ReportingStore,
    UsersAddCommand,
    SeedDemoCommand,
    UsersDisableCommand,
    UsersEnableCommand,
    UsersSetRoleCommand,
    { provide: PASSWORD_INPUT, useFactory: () => process.stdin },
  ],
})
export class CliModule {}
