import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  APP_CONFIG,
  businessYear,
  AppConfig,
  conflict,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  DomainError,
  invalid,
  invalidCursor,
  notFound,
  Page,
  startOfBusinessDay,
  startOfNextBusinessDay,
  toPage,
} from '@app/core';
import { CatalogueService, CategoryDto } from '@app/catalogue';
import type { StaffUser } from '@app/identity';
import { CaseStore, IdempotencyKeyTaken, UnitScope } from './case.store';
import { CaseState, Decision } from './domain/case';
import { parseCaseNumber } from './domain/case-number';
import {
  decideIntake,
  decideNote,
  decideRoute,
  decideTrackingCodeReissue,
  decideTransition,
  decideUpdate,
  resolveReceivedAt,
} from './domain/decide';
import { searchPatterns } from './domain/search-text';
import { generateTrackingCode, hashTrackingCode } from './domain/tracking-code';
import {
  CaseDto,
  CaseEventDto,
  CreateCaseDto,
  CreatedCaseDto,
  CreateNoteDto,
  ListCasesQueryDto,
  NoteDto,
  RouteDto,
  TrackingCodeDto,
  TransitionDto,
  UpdateCaseDto,
} from './dto/case.dto';
import { AcceptedVersions } from './if-match';
import { IdempotencyKeys, StoredResponse } from './intake/idempotency';

/** How often a write without `If-Match` is retried when another write to the same case came first. */
const MAX_WRITE_ATTEMPTS = 3;

export interface IdempotencyRequest {
  key: string;
  fingerprint: string;
}

export interface IntakeResult extends StoredResponse {
  body: CreatedCaseDto;
  replayed: boolean;
}

/** The use cases of the case store: every change goes through decide (pure) → save (one statement). */
@Injectable()
export class CasesService {
  constructor(
    private readonly store: CaseStore,
    private readonly catalogue: CatalogueService,
    private readonly idempotencyKeys: IdempotencyKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(command: CreateCaseDto, actor: StaffUser, idempotency?: IdempotencyRequest): Promise<IntakeResult> {
    const earlier = idempotency && (await this.replay(actor, idempotency));
    if (earlier) return earlier;
    const category = await this.requireCategory(command.categoryCode);
    const now = new Date();
    const receivedAt = resolveReceivedAt(command.receivedAt ? new Date(command.receivedAt) : undefined, now);
    const sequence = await this.store.nextSequence(businessYear(receivedAt));
    const { state, events } = decideIntake(
      { ...command, receivedAt },
      { id: randomUUID(), now, receivedAt, sequence, category },
    );
    const trackingCode = generateTrackingCode();
    const body: CreatedCaseDto = { ...toCaseDto(state), trackingCode };
    const statusCode = 201;
    try {
      await this.store.insert(
        state,
        hashTrackingCode(trackingCode, this.config.trackingCodeSecret),
        events,
        actor.username,
        idempotency && {
          scope: actor.id,
          key: idempotency.key,
          requestHash: idempotency.fingerprint,
          statusCode,
          sealedResponse: this.idempotencyKeys.seal(actor.id, idempotency.key, body),
        },
      );
    } catch (error) {
      if (!(error instanceof IdempotencyKeyTaken) || !idempotency) throw error;
      // A concurrent request with the same key won the race: answer as it did.
      const winner = await this.replay(actor, idempotency);
      if (winner) return winner;
      throw conflict('idempotency_key_in_flux', 'A request with this Idempotency-Key is being settled; try again.');
    }
    return { statusCode, body, replayed: false };
  }

  private async replay(actor: StaffUser, idempotency: IdempotencyRequest): Promise<IntakeResult | null> {
    const earlier = await this.idempotencyKeys.replay(actor.id, idempotency.key, idempotency.fingerprint);
    return earlier && { statusCode: earlier.statusCode, body: earlier.body as CreatedCaseDto, replayed: true };
  }

  async get(number: string, actor: StaffUser): Promise<CaseDto> {
    return toCaseDto(await this.load(number, actor));
  }

  async list(query: ListCasesQueryDto, actor: StaffUser): Promise<Page<CaseDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeCaseCursor(query.cursor) : undefined;
    const rows = await this.store.list({
      statuses: query.status,
      unitCode: query.unitCode,
      categoryCode: query.categoryCode,
      channel: query.channel,
      receivedFrom: query.receivedFrom ? lowerBound(query.receivedFrom, 'receivedFrom') : undefined,
      receivedBefore: query.receivedTo ? upperBound(query.receivedTo, 'receivedTo') : undefined,
      searchPatterns: query.q ? searchPatterns(query.q) : undefined,
      after,
      limit,
      scope: scopeOf(actor),
    });
    return toPage(rows, limit, toCaseDto, (row) => [row.receivedAt.toISOString(), row.id]);
  }

  async update(number: string, changes: UpdateCaseDto, actor: StaffUser, accepted: AcceptedVersions): Promise<CaseDto> {
    if (changes.categoryCode !== undefined) await this.requireCategory(changes.categoryCode);
    const state = await this.apply(number, actor, accepted, (current, now) => decideUpdate(current, changes, now));
    return toCaseDto(state);
  }

  async transition(
    number: string,
    command: TransitionDto,
    actor: StaffUser,
    accepted?: AcceptedVersions,
  ): Promise<CaseDto> {
    const state = await this.apply(number, actor, accepted, (current, now) => decideTransition(current, command, now));
    return toCaseDto(state);
  }

  async route(number: string, command: RouteDto, actor: StaffUser, accepted?: AcceptedVersions): Promise<CaseDto> {
    if (!(await this.catalogue.unitExists(command.unitCode))) {
      throw invalid('unknown_unit', `There is no unit ${command.unitCode}.`, [
        { field: 'unitCode', message: 'unknown unit' },
      ]);
    }
    const state = await this.apply(number, actor, accepted, (current, now) => decideRoute(current, command, now));
    return toCaseDto(state);
  }

  async addNote(number: string, command: CreateNoteDto, actor: StaffUser): Promise<NoteDto> {
    parseCaseNumber(number);
    const at = new Date();
    const eventIds = await this.store.appendToCase(number, scopeOf(actor), [decideNote(command)], actor.username, at);
    if (!eventIds) throw caseNotFound(number);
    return {
      id: eventIds[0],
      at: at.toISOString(),
      actor: actor.username,
      body: command.body,
      visibility: command.visibility,
    };
  }

  /** A new tracking code for a resident who lost theirs; the old one stops working at once. */
  async reissueTrackingCode(number: string, actor: StaffUser): Promise<TrackingCodeDto> {
    parseCaseNumber(number);
    const trackingCode = generateTrackingCode();
    const eventIds = await this.store.replaceTrackingCode(
      number,
      scopeOf(actor),
      hashTrackingCode(trackingCode, this.config.trackingCodeSecret),
      [decideTrackingCodeReissue()],
      actor.username,
      new Date(),
    );
    if (!eventIds) throw caseNotFound(number);
    return { trackingCode };
  }

  async history(number: string, actor: StaffUser): Promise<CaseEventDto[]> {
    const current = await this.load(number, actor);
    const events = await this.store.history(current.id);
    return events.map((event) => ({ ...event, at: event.at.toISOString() }));
  }

  /** Reads the case, decides, and saves if nobody changed it meanwhile (retrying unless the caller sent If-Match). */
  private async apply(
    number: string,
    actor: StaffUser,
    accepted: AcceptedVersions,
    decide: (current: CaseState, now: Date) => Decision,
  ): Promise<CaseState> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await this.load(number, actor);
      if (accepted && !accepted.includes(current.version)) throw versionMismatch(current.version);
      const { state, events } = decide(current, new Date());
      if (events.length === 0) return current;
      if (await this.store.save(state, current.version, events, actor.username)) return state;
      if (accepted) throw versionMismatch();
    }
    throw conflict('concurrent_modification', 'The case is being changed by others right now; try again.');
  }

  private async load(number: string, actor: StaffUser): Promise<CaseState> {
    parseCaseNumber(number);
    const found = await this.store.findByNumber(number, scopeOf(actor));
    if (!found) throw caseNotFound(number);
    return found;
  }

  private async requireCategory(code: string): Promise<CategoryDto> {
    const category = await this.catalogue.findCategory(code);
    if (!category) {
      throw invalid('unknown_category', `There is no category ${code}.`, [
        { field: 'categoryCode', message: 'unknown category' },
      ]);
    }
    return category;
  }
}

/** `unit_staff` see only their own unit's cases; everybody else sees all. */
function scopeOf(actor: StaffUser): UnitScope {
  if (actor.role !== 'unit_staff') return null;
  // Fail closed: a unit member without a unit sees nothing rather than everything.
  if (!actor.unitCode) throw new DomainError('no_unit', 'Your account belongs to no unit.', 'forbidden');
  return actor.unitCode;
}

function caseNotFound(number: string): DomainError {
  return notFound('case_not_found', `There is no case ${number}.`);
}

function versionMismatch(current?: number): DomainError {
  return new DomainError(
    'version_mismatch',
    'The case was changed since you read it' + (current ? ` (it is now version ${current})` : '') + '; reload it.',
    'precondition_failed',
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
function decodeCaseCursor(cursor: string): { receivedAt: string; id: string } {
  const [receivedAt, id] = decodeCursor(cursor, ['string', 'string']) as [string, string];
  // Only what toISOString() itself writes (so no 30 February, no year 0 that PostgreSQL would refuse).
  const instant = new Date(receivedAt);
  const canonical =
    !Number.isNaN(instant.getTime()) && instant.getUTCFullYear() >= 1 && instant.toISOString() === receivedAt;
  if (!canonical || !UUID.test(id)) throw invalidCursor();
  return { receivedAt, id };
}

function lowerBound(value: string, field: string): Date {
  return parseBound(value, field, startOfBusinessDay);
}

function upperBound(value: string, field: string): Date {
  return parseBound(value, field, startOfNextBusinessDay);
}

/** A business date stands for its whole day in Europe/Warsaw; an instant for itself. */
function parseBound(value: string, field: string, fromDate: (date: string) => Date): Date {
  const date = value.length === 10 ? fromDate(value) : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw invalid('invalid_date', `${field} is not a valid date.`, [{ field, message: 'not a valid date' }]);
  }
  return date;
}

export function toCaseDto(state: CaseState): CaseDto {
  return {
    id: state.id,
    number: state.number,
    status: state.status,
    channel: state.channel,
    categoryCode: state.categoryCode,
    unitCode: state.unitCode,
    assignee: state.assignee,
    priority: state.priority,
    subject: state.subject,
    description: state.description,
    resident: state.resident,
    location: state.location,
    resolution: state.resolution,
    receivedAt: state.receivedAt.toISOString(),
    createdAt: state.createdAt.toISOString(),
    updatedAt: state.updatedAt.toISOString(),
    dueDate: state.dueDate,
    dueAt: state.dueAt?.toISOString() ?? null,
    resolvedAt: state.resolvedAt?.toISOString() ?? null,
    closedAt: state.closedAt?.toISOString() ?? null,
    version: state.version,
  };
}
