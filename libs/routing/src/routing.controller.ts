import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { CurrentUser, Roles, StaffUser } from '@app/identity';
import {
  AvailabilityDto,
  RoutingRuleSetDto,
  UnitStaffDto,
  UnitStaffListDto,
  UnitStaffQueryDto,
} from './dto/routing.dto';
import { UnitStaffRow } from './routing.store';
import { RoutingService } from './routing.service';

/** The rule set that sends cases to units, and the unit staff whom assignment considers. */
@ApiTags('routing')
@ApiBearerAuth()
@Controller('routing')
export class RoutingController {
  constructor(private readonly routing: RoutingService) {}

  @Get('rules')
  @ApiOperation({ summary: 'Reads the ordered routing rule set' })
  @ApiOkResponse({ type: RoutingRuleSetDto })
  async rules(): Promise<RoutingRuleSetDto> {
    return { rules: await this.routing.rules() };
  }

  @Put('rules')
  @Roles('admin')
  @ApiOperation({
    summary: 'Replaces the routing rule set',
    description:
      'Atomically: new intakes route by the old set or the new one, never a mix. Every api process uses the new ' +
      'set within 5 seconds. Cases already routed keep their unit.',
  })
  @ApiOkResponse({ type: RoutingRuleSetDto })
  @ApiProblems({
    status: 400,
    description:
      'Not valid (see `errors`, which name the rule by index, e.g. `rules[2].then.unitCode`): a rule without ' +
      'conditions, an unknown unit or category, two rules of one name.',
  })
  async replaceRules(@Body() body: RoutingRuleSetDto, @CurrentUser() actor: StaffUser): Promise<RoutingRuleSetDto> {
    return { rules: await this.routing.replaceRules(body.rules, actor) };
  }

  @Get('staff')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Lists the unit staff with their availability and open load',
    description: 'Accounts that are disabled are left out.',
  })
  @ApiOkResponse({ type: UnitStaffListDto })
  @ApiProblems(400)
  async staff(@Query() query: UnitStaffQueryDto): Promise<UnitStaffListDto> {
    return { items: (await this.routing.listStaff(query.unitCode)).map(toUnitStaffDto) };
  }

  @Put('staff/:username/availability')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Marks a member of unit staff absent or available again',
    description:
      'While absent (`available: false`) no new case is assigned to them; the cases they hold stay theirs ' +
      '(hand them on with `POST /cases/{number}/assign`). Setting the value it already has changes nothing.',
  })
  @ApiParam({ name: 'username', description: 'Compared case-insensitively.', type: String })
  @ApiOkResponse({ type: UnitStaffDto })
  @ApiProblems(400, { status: 404, description: 'There is no unit staff member of that name.' })
  async setAvailability(
    @Param('username') username: string,
    @Body() body: AvailabilityDto,
    @CurrentUser() actor: StaffUser,
  ): Promise<UnitStaffDto> {
    return toUnitStaffDto(await this.routing.setAvailability(username, body.available, actor));
  }
}

function toUnitStaffDto(staff: UnitStaffRow): UnitStaffDto {
  return { ...staff, lastAssignedAt: staff.lastAssignedAt?.toISOString() ?? null };
}
