import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { OfficesController } from './offices.controller';
import { OfficesModule } from './offices.module';
import { BookVisit } from './use-cases/book-visit.use-case';
import { VisitThrottle } from './visit-throttle';
import { VisitsController } from './visits.controller';
import { VisitsService } from './visits.service';
import { VisitsStore } from './visits.store';

/** Visit booking at the resident-service offices (api). */
@Module({
  imports: [CasesModule, OfficesModule],
  controllers: [OfficesController, VisitsController],
  providers: [VisitsStore, VisitsService, BookVisit, VisitThrottle],
})
export class VisitsModule {}
