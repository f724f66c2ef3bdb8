import { Module } from '@nestjs/common';
import { CatalogueModule } from '@app/catalogue';
import { CaseStore } from './case.store';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { IdempotencyKeys } from './intake/idempotency';

/** The case store and the staff case API: intake, reads, lists, edits, transitions, routing by hand, notes, history. */
@Module({
  imports: [CatalogueModule],
  controllers: [CasesController],
  providers: [CaseStore, CasesService, IdempotencyKeys],
  exports: [CasesService],
})
export class CasesModule {}
