import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogueService } from '@app/catalogue';
import { UsersService } from '@app/identity';
import { RoutingService } from '@app/routing';
import { OfficesService } from '@app/visits';
import {
  DEMO_CATEGORIES,
  DEMO_OFFICES,
  DEMO_PASSWORD,
  DEMO_ROUTING_RULES,
  DEMO_UNITS,
  DEMO_USERS,
  DEMO_VISIT_SERVICES,
} from './demo-catalogue';

export interface DemoDataResult {
  loaded: boolean;
  units: number;
  categories: number;
  routingRules: number;
  users: { username: string; role: string }[];
}

export interface DemoOfficesResult {
  loaded: boolean;
  offices: number;
  visitServices: number;
}

@Injectable()
export class DemoDataService {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly users: UsersService,
    private readonly routing: RoutingService,
    private readonly offices: OfficesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Loads the demo catalogue and users; with `onlyIfEmpty`, does nothing when any unit or user already exists. */
  async load(onlyIfEmpty: boolean): Promise<DemoDataResult> {
    const nothing: DemoDataResult = { loaded: false, units: 0, categories: 0, routingRules: 0, users: [] };
    if (onlyIfEmpty && ((await this.catalogue.listUnits({ limit: 1 })).items.length > 0 || (await this.users.any()))) {
      return nothing;
    }
    // All or nothing: a half-loaded catalogue would make every later --if-empty skip.
    await this.dataSource.transaction(async (manager) => {
      for (const unit of DEMO_UNITS) await this.catalogue.createUnit(unit, manager);
      for (const category of DEMO_CATEGORIES) await this.catalogue.createCategory(category, manager);
      for (const user of DEMO_USERS) await this.users.add({ ...user, password: DEMO_PASSWORD }, manager);
      await this.routing.replaceRules(DEMO_ROUTING_RULES, { username: 'demo-data' }, manager);
    });
    return {
      loaded: true,
      units: DEMO_UNITS.length,
      categories: DEMO_CATEGORIES.length,
      routingRules: DEMO_ROUTING_RULES.length,
      users: DEMO_USERS.map(({ username, role }) => ({ username, role })),
    };
  }

  /**
   * Loads the demo offices (hours set) and their visit services; with `onlyIfEmpty`, does nothing when any visit
   * service exists. Apart from the catalogue, so that a database set up before visit booking gets them too. Each step
   * skips what exists, so a load cut short is finished by the next.
   */
  async loadOffices(onlyIfEmpty: boolean): Promise<DemoOfficesResult> {
    if (onlyIfEmpty && (await this.offices.listServices({ limit: 1 })).items.length > 0) {
      return { loaded: false, offices: 0, visitServices: 0 };
    }
    for (const { weekly, ...office } of DEMO_OFFICES) {
      await skipIfExists(this.offices.createOffice(office));
      await this.offices.setOpeningHours(office.code, { weekly });
    }
    for (const service of DEMO_VISIT_SERVICES) await skipIfExists(this.offices.createService(service));
    return { loaded: true, offices: DEMO_OFFICES.length, visitServices: DEMO_VISIT_SERVICES.length };
  }
}

async function skipIfExists(creation: Promise<unknown>): Promise<void> {
  await creation.catch((error: unknown) => {
    if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
  });
}
