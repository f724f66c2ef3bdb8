import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { conflict, decodeInstantIdCursor, DEFAULT_PAGE_SIZE, notFound, Page, toPage } from '@app/core';
import { CaseWriter, scopeOf, SYSTEM_ACTOR } from '@app/cases';
import type { StaffUser } from '@app/identity';
import { caseClosed, decideEnd, decideSchedule, EndAction, FollowUp } from './domain/follow-up';
import {
  CaseFollowUpsDto,
  FollowUpDto,
  ListedFollowUpDto,
  ListFollowUpsQueryDto,
  ScheduleFollowUpDto,
} from './dto/follow-up.dto';
import { FollowUpStore, ListedFollowUp } from './follow-up.store';

/** How often ending a follow-up is retried when someone else changed it first (say, the worker made it due). */
const MAX_END_ATTEMPTS = 3;

export type DueOutcome = { outcome: 'due' | 'nothing_to_do' } | { notBefore: Date };

/** Call-backs and reminders: scheduling, the lists, ending them, and (in the worker) making them due. */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly store: FollowUpStore,
    private readonly cases: CaseWriter,
  ) {}

  async schedule(number: string, command: ScheduleFollowUpDto, actor: StaffUser): Promise<FollowUpDto> {
    const target = await this.cases.load(number, actor);
    const decision = decideSchedule(
      { kind: command.kind, dueAt: new Date(command.dueAt), note: command.note },
      { caseId: target.id, caseStatus: target.status },
      { id: randomUUID(), now: new Date(), actor: actor.username },
    );
    if (!(await this.store.schedule(decision, actor.username))) throw caseClosed();
    return toDto({ ...decision.followUp, caseNumber: target.number });
  }

  async listForCase(number: string, actor: StaffUser): Promise<CaseFollowUpsDto> {
    const target = await this.cases.load(number, actor);
    return { items: (await this.store.listForCase(target.id)).map(toDto) };
  }

  async list(query: ListFollowUpsQueryDto, actor: StaffUser): Promise<Page<ListedFollowUpDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeInstantIdCursor(query.cursor) : undefined;
    const rows = await this.store.list({
      status: query.status ?? 'due',
      kind: query.kind,
      scope: scopeOf(actor),
      after: after && { dueAt: after.instant, id: after.id },
      limit,
    });
    return toPage(rows, limit, toListedDto, (row) => [row.dueAt.toISOString(), row.id]);
  }

  complete(id: string, outcome: string | null | undefined, actor: StaffUser): Promise<FollowUpDto> {
    return this.end(id, 'complete', actor, outcome);
  }

  cancel(id: string, actor: StaffUser): Promise<FollowUpDto> {
    return this.end(id, 'cancel', actor);
  }

  /**
   * Makes the follow-up due if its time has come and it is still waiting; idempotent (a second run finds it due).
   * Says when to come back if the job ran before `dueAt`.
   */
  async fireDue(id: string, now: Date = new Date()): Promise<DueOutcome> {
    if (await this.store.markDue(id, now, SYSTEM_ACTOR)) return { outcome: 'due' };
    const current = await this.store.find(id, null);
    const waiting = current?.status === 'scheduled' || current?.status === 'failed';
    return waiting && current.dueAt > now ? { notBefore: current.dueAt } : { outcome: 'nothing_to_do' };
  }

  /**
   * Makes due the follow-ups whose jobs should have run before `lostBefore` and did not (lost with a Redis that
   * restarted without its data). Returns how many it made due.
   */
  async sweepLost(lostBefore: Date, limit: number): Promise<number> {
    let made = 0;
    for (const id of await this.store.overdueScheduled(lostBefore, limit)) {
      const result = await this.fireDue(id);
      if ('outcome' in result && result.outcome === 'due') made++;
    }
    return made;
  }

  /** Its job ran out of attempts: the follow-up shows as failed until the job is re-driven. */
  async markFailed(id: string): Promise<void> {
    await this.store.markFailed(id, new Date(), SYSTEM_ACTOR);
  }

  private async end(id: string, action: EndAction, actor: StaffUser, outcome?: string | null): Promise<FollowUpDto> {
    for (let attempt = 1; attempt <= MAX_END_ATTEMPTS; attempt++) {
      const current = await this.store.find(id, scopeOf(actor));
      if (!current) throw notFound('follow_up_not_found', `There is no follow-up ${id}.`);
      const ended = decideEnd(current, action, { now: new Date(), actor: actor.username, outcome });
      if (await this.store.end(ended.followUp, current.status, ended.event, actor.username)) {
        return toDto(ended.followUp);
      }
    }
    throw conflict('concurrent_modification', 'The follow-up is being changed by others right now; try again.');
  }
}

function toDto(followUp: FollowUp): FollowUpDto {
  return {
    id: followUp.id,
    caseNumber: followUp.caseNumber,
    kind: followUp.kind,
    status: followUp.status,
    dueAt: followUp.dueAt.toISOString(),
    note: followUp.note,
    createdBy: followUp.createdBy,
    createdAt: followUp.createdAt.toISOString(),
    becameDueAt: followUp.becameDueAt?.toISOString() ?? null,
    endedBy: followUp.endedBy,
    endedAt: followUp.endedAt?.toISOString() ?? null,
    outcome: followUp.outcome,
  };
}

function toListedDto(followUp: ListedFollowUp): ListedFollowUpDto {
  return {
    ...toDto(followUp),
    caseSubject: followUp.caseSubject,
    residentName: followUp.residentName,
    residentPhone: followUp.residentPhone,
  };
}
