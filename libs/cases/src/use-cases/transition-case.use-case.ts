import { Injectable } from '@nestjs/common';
import type { StaffUser } from '@app/identity';
import { decideTransition } from '../domain/decide';
import { CaseDto, TransitionDto } from '../dto/case.dto';
import { AcceptedVersions } from '../if-match';
import { CaseWriter } from './case-writer';
import { toCaseDto } from './case-view';

/** Moves a case to another status; leaving `waiting` moves its deadline on by the wait. */
@Injectable()
export class TransitionCase {
  constructor(private readonly writer: CaseWriter) {}

  async execute(
    number: string,
    command: TransitionDto,
    actor: StaffUser,
    accepted?: AcceptedVersions,
  ): Promise<CaseDto> {
    const state = await this.writer.apply(number, actor, accepted, async (current, now) =>
      decideTransition(current, command, now, (await this.writer.category(current.categoryCode)).sla),
    );
    return toCaseDto(state);
  }
}
