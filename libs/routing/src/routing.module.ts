import { Module } from '@nestjs/common';
import { CatalogueModule } from '@app/catalogue';
import { RoutingController } from './routing.controller';
import { RoutingService } from './routing.service';
import { RoutingStore } from './routing.store';

/** Routing rules, staff availability for assignment, and (in `domain/`) the deadline calendar. */
@Module({
  imports: [CatalogueModule],
  controllers: [RoutingController],
  providers: [RoutingStore, RoutingService],
  exports: [RoutingService],
})
export class RoutingModule {}
