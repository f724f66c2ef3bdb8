import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, SecretInPath } from '@app/core';
import { CurrentUser, OptionalUser, Public, PublicOrStaff, StaffUser } from '@app/identity';
import {
  BookedVisitDto,
  BookVisitDto,
  DayListDto,
  DayListQueryDto,
  PublicVisitDto,
  StaffVisitDto,
  VisitCodeOrIdParams,
  VisitCodeParams,
} from './dto/visit.dto';
import { BookVisit } from './use-cases/book-visit.use-case';
import { VisitsService } from './visits.service';

const NO_SUCH_VISIT = { status: 404, description: 'No visit has this code.' } as const;
const TOO_MANY_WRONG_CODES = {
  status: 429,
  description: 'Too many wrong visit codes from your address this hour.',
} as const;

/**
 * Residents book visits at the offices (online, or through an agent on the phone) and read or cancel them by their
 * code; the office's staff list the day's visits and check residents in.
 */
@ApiTags('visits')
@Controller('visits')
export class VisitsController {
  constructor(
    private readonly visits: VisitsService,
    private readonly bookVisit: BookVisit,
  ) {}

  @Post()
  @PublicOrStaff()
  @ApiOperation({
    summary: 'Books a visit: a desk for one slot',
    description:
      'The answer carries the visit code, shown this once. No desk is ever booked twice. A phone number or e-mail ' +
      'holds at most 2 future bookings. Staff with a token may also book today and name the case the visit is for.',
  })
  @ApiCreatedResponse({ type: BookedVisitDto })
  @ApiProblems(
    {
      status: 400,
      description:
        'The body is not valid: an unknown office or service, a start that is not a slot, outside the window or on a ' +
        'closed day, no phone or e-mail, or a case named without a staff token (see `errors`).',
    },
    { status: 404, description: 'The case named is not there (or not in your unit).' },
    { status: 409, description: 'No desk is free for the slot, or the phone or e-mail holds 2 future bookings.' },
    { status: 429, description: 'Too many bookings from your address this minute (without a token).' },
  )
  book(
    @Body() body: BookVisitDto,
    @OptionalUser() staff: StaffUser | undefined,
    @Ip() address: string,
  ): Promise<BookedVisitDto> {
    return this.bookVisit.execute(body, staff, address);
  }

  @Get()
  @ApiBearerAuth()
  @ApiOperation({ summary: "An office's visits of one day, for its staff", description: 'By start and desk.' })
  @ApiOkResponse({ type: DayListDto })
  @ApiProblems(
    { status: 400, description: 'A query parameter is not valid (see `errors`).' },
    {
      status: 404,
      description: 'There is no such office.',
    },
  )
  dayList(@Query() query: DayListQueryDto, @CurrentUser() actor: StaffUser): Promise<DayListDto> {
    return this.visits.dayList(query, actor);
  }

  @Get(':code')
  @Public()
  @SecretInPath()
  @ApiOperation({ summary: 'The visit its code names: where and when, and its status; no personal data' })
  @ApiOkResponse({ type: PublicVisitDto })
  @ApiProblems(NO_SUCH_VISIT, TOO_MANY_WRONG_CODES)
  findByCode(@Param() params: VisitCodeParams, @Ip() address: string): Promise<PublicVisitDto> {
    return this.visits.findByCode(params.code, address);
  }

  @Delete(':code')
  @PublicOrStaff()
  @SecretInPath()
  @ApiOperation({
    summary: 'Cancels the visit its code names, before it starts',
    description: 'The visit is kept, cancelled. Staff with a token may also give the id from the day list.',
  })
  @ApiOkResponse({ type: PublicVisitDto })
  @ApiProblems(
    NO_SUCH_VISIT,
    { status: 409, description: 'The visit has begun, was checked in or was missed.' },
    TOO_MANY_WRONG_CODES,
  )
  cancel(
    @Param() params: VisitCodeOrIdParams,
    @OptionalUser() staff: StaffUser | undefined,
    @Ip() address: string,
  ): Promise<PublicVisitDto> {
    return this.visits.cancel(params.code, staff, address);
  }

  @Post(':code/check-in')
  @HttpCode(200)
  @ApiBearerAuth()
  @SecretInPath()
  @ApiOperation({
    summary: 'Checks a resident in by the visit code (or the id from the day list)',
    description: 'On the day of the visit until its end; checking in again changes nothing.',
  })
  @ApiOkResponse({ type: StaffVisitDto })
  @ApiProblems(
    { status: 404, description: 'No visit has this code or id.' },
    { status: 409, description: 'Not the day of the visit yet, or it was cancelled or missed.' },
  )
  checkIn(@Param() params: VisitCodeOrIdParams, @CurrentUser() actor: StaffUser): Promise<StaffVisitDto> {
    return this.visits.checkIn(params.code, actor);
  }
}
