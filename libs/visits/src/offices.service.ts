import { Injectable } from '@nestjs/common';
import { conflict, decodeCursor, DEFAULT_PAGE_SIZE, invalid, invalidCursor, notFound, Page, toPage } from '@app/core';
import { CATALOGUE_CODE } from '@app/catalogue';
import { checkWeeklyHours, completeWeek } from './domain/opening-hours';
import {
  CreateOfficeDto,
  CreateVisitServiceDto,
  ListOfficesQueryDto,
  OfficeDto,
  OpeningHoursDto,
  VisitServiceDto,
} from './dto/office.dto';
import { BookingSetups } from './booking-setups';
import { Office, OfficesStore, VisitService } from './offices.store';

/** The offices that take booked visits, their desks and hours, and the services booked there (admin writes). */
@Injectable()
export class OfficesService {
  constructor(
    private readonly store: OfficesStore,
    private readonly setups: BookingSetups,
  ) {}

  async createOffice(command: CreateOfficeDto): Promise<OfficeDto> {
    if (!(await this.store.insertOffice(command))) {
      throw conflict('office_exists', `An office with code ${command.code} exists already.`);
    }
    this.setups.forget();
    return this.office(command.code);
  }

  async setOpeningHours(code: string, command: OpeningHoursDto): Promise<OfficeDto> {
    const errors = checkWeeklyHours(command.weekly);
    if (errors.length) throw invalid('invalid_opening_hours', 'The opening hours are not valid.', errors);
    const closedDates = [...new Set(command.closedDates ?? [])].sort();
    if (!(await this.store.setHours(code, completeWeek(command.weekly), closedDates))) throw noSuchOffice(code);
    this.setups.forget();
    return this.office(code);
  }

  async office(code: string): Promise<OfficeDto> {
    const office = await this.store.findOffice(code);
    if (!office) throw noSuchOffice(code);
    return toOfficeDto(office);
  }

  async listOffices(query: ListOfficesQueryDto): Promise<Page<OfficeDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.store.listOffices(afterCode(query.cursor), limit);
    return toPage(rows, limit, toOfficeDto, ({ code }) => [code]);
  }

  async createService(command: CreateVisitServiceDto): Promise<VisitServiceDto> {
    const unknown = await this.store.unknownOffices(command.officeCodes);
    if (unknown.length) {
      throw invalid('unknown_office', `No office has the code ${unknown.join(', ')}.`, [
        { field: 'officeCodes', message: `no such office: ${unknown.join(', ')}` },
      ]);
    }
    if (!(await this.store.insertService(command))) {
      throw conflict('visit_service_exists', `A visit service with code ${command.code} exists already.`);
    }
    this.setups.forget();
    return toServiceDto((await this.store.findService(command.code))!);
  }

  async listServices(query: ListOfficesQueryDto): Promise<Page<VisitServiceDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.store.listServices(afterCode(query.cursor), limit);
    return toPage(rows, limit, toServiceDto, ({ code }) => [code]);
  }
}

export function noSuchOffice(code: string) {
  return notFound('office_not_found', `There is no office ${code}.`);
}

function afterCode(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const [code] = decodeCursor(cursor, ['string']) as [string];
  if (!CATALOGUE_CODE.test(code)) throw invalidCursor();
  return code;
}

function toOfficeDto(office: Office): OfficeDto {
  return {
    code: office.code,
    name: office.name,
    address: office.address,
    desks: office.desks,
    openingHours: { weekly: office.schedule.weekly, closedDates: [...office.schedule.closedDates] },
    serviceCodes: office.serviceCodes,
  };
}

function toServiceDto(service: VisitService): VisitServiceDto {
  return { ...service };
}
