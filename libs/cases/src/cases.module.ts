import { Module } from '@nestjs/common';
import { CatalogueModule } from '@app/catalogue';
import { RoutingModule } from '@app/routing';
import { CaseStore } from './case.store';
import { CasesController } from './cases.controller';
import { IdempotencyKeys } from './intake/idempotency';
import { AssignCase } from './use-cases/assign-case.use-case';
import { CaseQueries } from './use-cases/case-queries';
import { AddNote, ReissueTrackingCode } from './use-cases/case-notes.use-case';
import { CaseWriter } from './use-cases/case-writer';
import { EditCase } from './use-cases/edit-case.use-case';
import { IntakeCase } from './use-cases/intake-case.use-case';
import { RouteCase } from './use-cases/route-case.use-case';
import { TransitionCase } from './use-cases/transition-case.use-case';

/**
 * The case store and the staff case API, one use case per operation: intake, edit, transition, routing, notes and
 * assignment inside the unit, tracking codes, and the queries (one case, lists and inboxes, history).
 */
@Module({
  imports: [CatalogueModule, RoutingModule],
  controllers: [CasesController],
  providers: [
    CaseStore,
    IdempotencyKeys,
    CaseWriter,
    IntakeCase,
    EditCase,
    TransitionCase,
    RouteCase,
    AssignCase,
    AddNote,
    ReissueTrackingCode,
    CaseQueries,
  ],
  exports: [IntakeCase, CaseQueries, CaseStore, CaseWriter, IdempotencyKeys],
})
export class CasesModule {}
