import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueController } from './catalogue.controller';
import { CatalogueService } from './catalogue.service';
import { CategoryEntity } from './category.entity';
import { UnitEntity } from './unit.entity';

@Module({
  imports: [TypeOrmModule.forFeature([UnitEntity, CategoryEntity])],
  controllers: [CatalogueController],
  providers: [CatalogueService],
  exports: [CatalogueService],
})
export class CatalogueModule {}
