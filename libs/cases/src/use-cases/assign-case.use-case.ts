import { Injectable } from '@nestjs/common';
import type { StaffUser } from '@app/identity';
import { RoutingService } from '@app/routing';
import { decideAssign } from '../domain/decide';
import { AssignDto, CaseDto } from '../dto/case.dto';
import { AcceptedVersions } from '../if-match';
import { CaseWriter } from './case-writer';
import { toCaseDto } from './case-view';

/**
 * Hands a case to another member of its unit: by name (`me` to claim it), or to whoever the unit's assignment picks
 * next — the way to move an absent member's cases on, or to take cases from the unit's queue.
 */
@Injectable()
export class AssignCase {
  constructor(
    private readonly writer: CaseWriter,
    private readonly routing: RoutingService,
  ) {}

  async execute(number: string, command: AssignDto, actor: StaffUser, accepted?: AcceptedVersions): Promise<CaseDto> {
    const username = command.assignee === 'me' ? actor.username : command.assignee;
    const state = await this.writer.apply(number, actor, accepted, async (current, now) => {
      const assignee =
        username && current.unitCode ? await this.routing.requireUnitStaff(username, current.unitCode) : undefined;
      return decideAssign(current, { assignee, reason: command.reason }, now);
    });
    return toCaseDto(state);
  }
}
