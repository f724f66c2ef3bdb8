import { Injectable } from '@nestjs/common';
import {
  decodeCursor,
  decodeInstantIdCursor,
  DEFAULT_PAGE_SIZE,
  invalidCursor,
  isCanonicalInstant,
  isUuid,
  Page,
  toPage,
} from '@app/core';
import type { StaffUser } from '@app/identity';
import { slaBoundaries } from '@app/routing';
import { AssigneeFilter, CaseStore, ListPosition, priorityRank } from '../case.store';
import { CaseState } from '../domain/case';
import { searchPatterns } from '../domain/search-text';
import { CaseDto, CaseEventDto, ListCasesQueryDto } from '../dto/case.dto';
import { caseFilterOf } from './case-filter';
import { CaseWriter, scopeOf } from './case-writer';
import { toCaseDto } from './case-view';

/** Reading cases: one, a filtered list, a history. */
@Injectable()
export class CaseQueries {
  constructor(
    private readonly store: CaseStore,
    private readonly writer: CaseWriter,
  ) {}

  async get(number: string, actor: StaffUser): Promise<CaseDto> {
    return toCaseDto(await this.writer.load(number, actor));
  }

  async list(query: ListCasesQueryDto, actor: StaffUser): Promise<Page<CaseDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const sort = query.sort ?? 'received';
    const now = new Date();
    const rows = await this.store.list({
      ...caseFilterOf(query),
      searchPatterns: query.q ? searchPatterns(query.q) : undefined,
      assignee: query.assignee ? assigneeFilter(query.assignee, actor) : undefined,
      sla: query.sla ? { state: query.sla, ...slaBoundaries(now) } : undefined,
      sort,
      after: query.cursor ? decodeCaseCursor(query.cursor, sort) : undefined,
      limit,
      scope: scopeOf(actor),
    });
    return toPage(rows, limit, (row) => toCaseDto(row, now), sort === 'due' ? dueCursorKey : receivedCursorKey);
  }

  async history(number: string, actor: StaffUser): Promise<CaseEventDto[]> {
    const current = await this.writer.load(number, actor);
    const events = await this.store.history(current.id);
    return events.map((event) => ({ ...event, at: event.at.toISOString() }));
  }
}

/** `me` and `none` always mean themselves; anything else is a username. */
function assigneeFilter(value: string, actor: StaffUser): AssigneeFilter {
  if (value === 'me') return { id: actor.id };
  if (value === 'none') return 'none';
  return { username: value };
}

function receivedCursorKey(state: CaseState): (string | number)[] {
  return [state.receivedAt.toISOString(), state.id];
}

function dueCursorKey(state: CaseState): (string | number)[] {
  return [state.dueAt?.toISOString() ?? 'infinity', priorityRank(state.priority), state.id];
}

/** Only what this API put in a cursor for the same order; anything else is refused (400), never passed to SQL. */
function decodeCaseCursor(cursor: string, sort: 'received' | 'due'): ListPosition {
  if (sort === 'received') {
    const { instant: receivedAt, id } = decodeInstantIdCursor(cursor);
    return { sort, receivedAt, id };
  }
  const [dueKey, priorityRank, id] = decodeCursor(cursor, ['string', 'number', 'string']) as [string, number, string];
  const validKey = dueKey === 'infinity' || isCanonicalInstant(dueKey);
  if (!validKey || ![0, 1, 2, 3].includes(priorityRank) || !isUuid(id)) throw invalidCursor();
  return { sort, dueKey, priorityRank, id };
}
