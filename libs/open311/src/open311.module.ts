import { Module } from '@nestjs/common';
import { CatalogueModule } from '@app/catalogue';
import { CasesModule } from '@app/cases';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { Open311Controller } from './open311.controller';
import { Open311Service } from './open311.service';
import { Open311Store } from './open311.store';
import { Open311Throttle } from './open311-throttle';

/** Open311 GeoReport v2 under /open311/v2 (ADR 0019). */
@Module({
  imports: [CatalogueModule, CasesModule, ApiKeysModule],
  controllers: [Open311Controller],
  providers: [Open311Service, Open311Store, Open311Throttle],
})
export class Open311Module {}
