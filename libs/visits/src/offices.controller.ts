import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { Public, Roles } from '@app/identity';
import {
  CreateOfficeDto,
  CreateVisitServiceDto,
  ListOfficesQueryDto,
  OfficeCodeParams,
  OfficeDto,
  OfficePageDto,
  OpeningHoursDto,
  VisitServiceDto,
  VisitServicePageDto,
} from './dto/office.dto';
import { OfficesService } from './offices.service';

const BAD_BODY = { status: 400, description: 'The body is not valid (see `errors`).' } as const;
const BAD_QUERY = { status: 400, description: 'A query parameter is not valid (see `errors`).' } as const;
const NO_SUCH_OFFICE = { status: 404, description: 'There is no such office.' } as const;

/** The offices that take booked visits and the services booked there: everyone reads, admins write. */
@ApiTags('visits')
@ApiBearerAuth()
@Controller()
export class OfficesController {
  constructor(private readonly offices: OfficesService) {}

  @Post('offices')
  @Roles('admin')
  @ApiOperation({ summary: 'Adds an office (closed until its opening hours are set)' })
  @ApiCreatedResponse({ type: OfficeDto })
  @ApiProblems(BAD_BODY, { status: 409, description: 'An office with this code exists already.' })
  createOffice(@Body() body: CreateOfficeDto): Promise<OfficeDto> {
    return this.offices.createOffice(body);
  }

  @Get('offices')
  @Public()
  @ApiOperation({ summary: 'The offices, with their desks, opening hours and services, by code' })
  @ApiOkResponse({ type: OfficePageDto })
  @ApiProblems(BAD_QUERY)
  listOffices(@Query() query: ListOfficesQueryDto): Promise<OfficePageDto> {
    return this.offices.listOffices(query);
  }

  @Get('offices/:code')
  @Public()
  @ApiOperation({ summary: 'One office' })
  @ApiOkResponse({ type: OfficeDto })
  @ApiProblems({ status: 400, description: 'The code is not valid.' }, NO_SUCH_OFFICE)
  office(@Param() params: OfficeCodeParams): Promise<OfficeDto> {
    return this.offices.office(params.code);
  }

  @Put('offices/:code/opening-hours')
  @Roles('admin')
  @ApiOperation({
    summary: "Replaces an office's weekly opening hours and closed dates",
    description:
      'Europe/Warsaw local times per ISO weekday; Polish public holidays are always closed. Visits booked already ' +
      'stay as they are.',
  })
  @ApiOkResponse({ type: OfficeDto })
  @ApiProblems(BAD_BODY, NO_SUCH_OFFICE)
  setOpeningHours(@Param() params: OfficeCodeParams, @Body() body: OpeningHoursDto): Promise<OfficeDto> {
    return this.offices.setOpeningHours(params.code, body);
  }

  @Post('visit-services')
  @Roles('admin')
  @ApiOperation({ summary: 'Adds a service residents book visits for, at the offices named' })
  @ApiCreatedResponse({ type: VisitServiceDto })
  @ApiProblems(
    { status: 400, description: 'The body is not valid, or names an office that does not exist (see `errors`).' },
    { status: 409, description: 'A visit service with this code exists already.' },
  )
  createService(@Body() body: CreateVisitServiceDto): Promise<VisitServiceDto> {
    return this.offices.createService(body);
  }

  @Get('visit-services')
  @Public()
  @ApiOperation({ summary: 'The services residents book visits for, with their length and offices, by code' })
  @ApiOkResponse({ type: VisitServicePageDto })
  @ApiProblems(BAD_QUERY)
  listServices(@Query() query: ListOfficesQueryDto): Promise<VisitServicePageDto> {
    return this.offices.listServices(query);
  }
}
