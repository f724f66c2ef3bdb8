import { Injectable } from '@nestjs/common';
import type { StaffUser } from '@app/identity';
import { CaseState } from '../domain/case';
import { decideUpdate } from '../domain/decide';
import { CaseDto, UpdateCaseDto } from '../dto/case.dto';
import { AcceptedVersions } from '../if-match';
import { CaseWriter } from './case-writer';
import { toCaseDto } from './case-view';

/** Changes a case's details; a new category may bring a new deadline and, early on, a new unit. */
@Injectable()
export class EditCase {
  constructor(private readonly writer: CaseWriter) {}

  async execute(
    number: string,
    changes: UpdateCaseDto,
    actor: StaffUser,
    accepted: AcceptedVersions,
  ): Promise<CaseDto> {
    // A category the client names must exist, even when the case turns out to have it already.
    if (changes.categoryCode !== undefined) await this.writer.category(changes.categoryCode);
    const state = await this.writer.apply(number, actor, accepted, async (current: CaseState, now) => {
      const next = await this.writer.routingContext(changes.categoryCode ?? current.categoryCode);
      const previous = await this.writer.category(current.categoryCode);
      return decideUpdate(current, changes, now, { ...next, previousSla: previous.sla });
    });
    return toCaseDto(state);
  }
}
