import { Module } from '@nestjs/common';
import { OfficesService } from './offices.service';
import { OfficesStore } from './offices.store';

/** Offices and visit services alone, for whatever sets them up outside the api (the demo data). */
@Module({
  providers: [OfficesStore, OfficesService],
  exports: [OfficesStore, OfficesService],
})
export class OfficesModule {}
