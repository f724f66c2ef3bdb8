import { Module } from '@nestjs/common';
import { CatalogueModule } from '@app/catalogue';
import { UsersModule } from '@app/identity';
import { RoutingModule } from '@app/routing';
import { DemoDataService } from './demo-data.service';

@Module({
  imports: [CatalogueModule, UsersModule, RoutingModule],
  providers: [DemoDataService],
  exports: [DemoDataService],
})
export class DemoDataModule {}
