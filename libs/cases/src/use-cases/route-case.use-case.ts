import { Injectable } from '@nestjs/common';
import type { StaffUser } from '@app/identity';
import { decideRoute } from '../domain/decide';
import { CaseDto, RouteDto } from '../dto/case.dto';
import { AcceptedVersions } from '../if-match';
import { CaseWriter } from './case-writer';
import { toCaseDto } from './case-view';

/** Re-routes a case by hand to a unit, or by the routing rules; it is assigned afresh inside its new unit. */
@Injectable()
export class RouteCase {
  constructor(private readonly writer: CaseWriter) {}

  async execute(number: string, command: RouteDto, actor: StaffUser, accepted?: AcceptedVersions): Promise<CaseDto> {
    if (command.unitCode !== undefined) await this.writer.requireUnit(command.unitCode);
    const state = await this.writer.apply(number, actor, accepted, async (current, now) =>
      decideRoute(current, command, now, await this.writer.routingContext(current.categoryCode)),
    );
    return toCaseDto(state);
  }
}
