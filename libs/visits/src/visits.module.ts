import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { OfficesController } from './offices.controller';
import { OfficesService } from './offices.service';
import { OfficesStore } from './offices.store';
import { VisitThrottle } from './visit-throttle';
import { VisitsController } from './visits.controller';
import { VisitsService } from './visits.service';
import { VisitsStore } from './visits.store';

/** Visit booking at the resident-service offices (api). */
@Module({
  imports: [CasesModule],
  controllers: [OfficesController, VisitsController],
  providers: [OfficesStore, OfficesService, VisitsStore, VisitsService, VisitThrottle],
  exports: [OfficesService],
})
export class VisitsModule {}
