import { Module } from '@nestjs/common';
import { CatalogueModule } from '@app/catalogue';
import { UsersModule } from '@app/identity';
import { DemoDataService } from './demo-data.service';

@Module({
  imports: [CatalogueModule, UsersModule],
  providers: [DemoDataService],
  exports: [DemoDataService],
})
export class DemoDataModule {}
