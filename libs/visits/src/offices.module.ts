import { Module } from '@nestjs/common';
import { BookingSetups } from './booking-setups';
import { OfficesService } from './offices.service';
import { OfficesStore } from './offices.store';

/** Offices and visit services alone, for whatever sets them up outside the api (the demo data). */
@Module({
  providers: [OfficesStore, OfficesService, BookingSetups],
  exports: [OfficesStore, OfficesService, BookingSetups],
})
export class OfficesModule {}
