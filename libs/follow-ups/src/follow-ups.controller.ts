import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { ApiCaseNumber, BAD_NUMBER, BAD_NUMBER_OR_BODY, NO_SUCH_CASE } from '@app/cases';
import { CurrentUser, StaffUser } from '@app/identity';
import {
  CaseFollowUpsDto,
  CompleteFollowUpDto,
  FollowUpDto,
  FollowUpIdParams,
  FollowUpPageDto,
  ListFollowUpsQueryDto,
  ScheduleFollowUpDto,
} from './dto/follow-up.dto';
import { FollowUpsService } from './follow-ups.service';

const NO_SUCH_FOLLOW_UP = {
  status: 404,
  description: 'There is no such follow-up, or its case is not in your unit.',
} as const;
const ENDED = { status: 409, description: 'The follow-up is already done or cancelled.' } as const;

/** Every member of staff may schedule and handle follow-ups; unit members only on their unit's cases. */
@ApiTags('follow-ups')
@ApiBearerAuth()
@ApiProblems({ status: 403, description: 'A unit member whose account belongs to no unit sees no case.' })
@Controller()
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Post('cases/:number/follow-ups')
  @ApiOperation({
    summary: 'Schedules a call-back or reminder on a case',
    description:
      'At `dueAt` it becomes `due` (within seconds), appears in `GET /follow-ups?status=due` and in the history.',
  })
  @ApiCaseNumber()
  @ApiCreatedResponse({ type: FollowUpDto })
  @ApiProblems(BAD_NUMBER_OR_BODY, NO_SUCH_CASE, { status: 409, description: 'The case is closed.' })
  schedule(
    @Param('number') number: string,
    @Body() body: ScheduleFollowUpDto,
    @CurrentUser() actor: StaffUser,
  ): Promise<FollowUpDto> {
    return this.followUps.schedule(number, body, actor);
  }

  @Get('cases/:number/follow-ups')
  @ApiOperation({ summary: "A case's follow-ups, whatever their status, soonest first" })
  @ApiCaseNumber()
  @ApiOkResponse({ type: CaseFollowUpsDto })
  @ApiProblems(BAD_NUMBER, NO_SUCH_CASE)
  listForCase(@Param('number') number: string, @CurrentUser() actor: StaffUser): Promise<CaseFollowUpsDto> {
    return this.followUps.listForCase(number, actor);
  }

  @Get('follow-ups')
  @ApiOperation({
    summary: 'Follow-ups in one status, soonest first: by default the due ones, the call-backs to make now',
  })
  @ApiOkResponse({ type: FollowUpPageDto })
  @ApiProblems({ status: 400, description: 'A query parameter is not valid (see `errors`).' })
  list(@Query() query: ListFollowUpsQueryDto, @CurrentUser() actor: StaffUser): Promise<FollowUpPageDto> {
    return this.followUps.list(query, actor);
  }

  @Post('follow-ups/:id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks a follow-up done (the call-back was made), with an optional outcome' })
  @ApiBody({ type: CompleteFollowUpDto, required: false })
  @ApiOkResponse({ type: FollowUpDto })
  @ApiProblems({ status: 400, description: 'The id or the body is not valid.' }, NO_SUCH_FOLLOW_UP, ENDED)
  complete(
    @Param() params: FollowUpIdParams,
    @Body() body: CompleteFollowUpDto,
    @CurrentUser() actor: StaffUser,
  ): Promise<FollowUpDto> {
    return this.followUps.complete(params.id, body?.outcome, actor);
  }

  @Delete('follow-ups/:id')
  @ApiOperation({ summary: 'Cancels a follow-up: if it has not fired yet, it never will' })
  @ApiOkResponse({ type: FollowUpDto })
  @ApiProblems({ status: 400, description: 'The id is not a UUID.' }, NO_SUCH_FOLLOW_UP, ENDED)
  cancel(@Param() params: FollowUpIdParams, @CurrentUser() actor: StaffUser): Promise<FollowUpDto> {
    return this.followUps.cancel(params.id, actor);
  }
}
