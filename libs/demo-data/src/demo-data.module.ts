import { Module } from '@nestjs/common';
import { CatalogueModule } from '@app/catalogue';
import { UsersModule } from '@app/identity';
import { RoutingModule } from '@app/routing';
import { OfficesModule } from '@app/visits';
import { DemoDataService } from './demo-data.service';

@Module({
  imports: [CatalogueModule, UsersModule, RoutingModule, OfficesModule],
  providers: [DemoDataService],
  exports: [DemoDataService],
})
export class DemoDataModule {}
