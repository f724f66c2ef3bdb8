import { businessYear, conflict, invalid } from '@app/core';
import { CaseEventDraft, CaseState, Channel, Decision, Location, NoteVisibility, Priority, Resident } from './case';
import { formatCaseNumber } from './case-number';
import { assertTransition, CaseStatus } from './case-status';

/*
 * The rules of what may happen to a case, as pure functions: (state, command, clock) → new state + events, or a
 * domain error. No I/O here; the case store persists whatever these decide, in one transaction.
 */

/** How far in the future a `receivedAt` may lie, to allow for clocks that are a little off. */
export const RECEIVED_AT_FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
const EARLIEST_RECEIVED_YEAR = 2000;

export interface IntakeCommand {
  channel: Channel;
  categoryCode: string;
  subject: string;
  description?: string | null;
  receivedAt?: Date;
  priority?: Priority;
  resident?: Partial<Resident> | null;
  location?: Partial<Location> | null;
}

export interface IntakeContext {
  id: string;
  now: Date;
  receivedAt: Date;
  sequence: number;
  category: { code: string; unitCode: string | null };
}

/** When the case reached the city hall: now unless given; never (much) in the future. */
export function resolveReceivedAt(receivedAt: Date | undefined, now: Date): Date {
  if (!receivedAt) return now;
  if (receivedAt.getTime() > now.getTime() + RECEIVED_AT_FUTURE_TOLERANCE_MS) {
    throw invalid('received_at_in_future', 'receivedAt lies in the future.', [
      { field: 'receivedAt', message: 'must not be more than 5 minutes in the future' },
    ]);
  }
  if (businessYear(receivedAt) < EARLIEST_RECEIVED_YEAR) {
    throw invalid('received_at_too_old', 'receivedAt is implausibly old.', [
      { field: 'receivedAt', message: `must not be before ${EARLIEST_RECEIVED_YEAR}` },
    ]);
  }
  return receivedAt;
}

export function decideIntake(command: IntakeCommand, context: IntakeContext): Decision {
  const year = businessYear(context.receivedAt);
  const unitCode = context.category.unitCode;
  const state: CaseState = {
    id: context.id,
    number: formatCaseNumber(year, context.sequence),
    year,
    sequence: context.sequence,
    status: unitCode ? 'assigned' : 'new',
    channel: command.channel,
    categoryCode: context.category.code,
    unitCode,
    assigneeId: null,
    assignee: null,
    priority: command.priority ?? 'normal',
    subject: command.subject,
    description: blankToNull(command.description),
    resident: normalizeResident(command.resident),
    location: normalizeLocation(command.location),
    resolution: null,
    receivedAt: context.receivedAt,
    createdAt: context.now,
    updatedAt: context.now,
    dueDate: null,
    dueAt: null,
    resolvedAt: null,
    closedAt: null,
    version: 1,
  };
  const { number, channel, categoryCode, status, priority } = state;
  return {
    state,
    events: [{ type: 'case_created', data: { number, channel, categoryCode, unitCode, status, priority } }],
  };
}

export interface UpdateCommand {
  subject?: string;
  description?: string | null;
  priority?: Priority;
  categoryCode?: string;
  resident?: Partial<Resident> | null;
  location?: Partial<Location> | null;
}

/** Fields whose old and new values the history may show; the others may hold personal data and are only named. */
const FIELDS_SHOWN_IN_HISTORY = new Set(['priority', 'categoryCode']);

export function decideUpdate(state: CaseState, command: UpdateCommand, now: Date): Decision {
  const next: CaseState = { ...state };
  if (command.subject !== undefined) next.subject = command.subject;
  if (command.description !== undefined) next.description = blankToNull(command.description);
  if (command.priority !== undefined) next.priority = command.priority;
  if (command.categoryCode !== undefined) next.categoryCode = command.categoryCode;
  // Contact details and location merge: a field left out keeps its value, null clears it, null as a whole clears all.
  if (command.resident !== undefined)
    next.resident = normalizeResident(command.resident && merge(state.resident, command.resident));
  if (command.location !== undefined)
    next.location = normalizeLocation(command.location && merge(state.location, command.location));

  const changed = (['subject', 'description', 'priority', 'categoryCode', 'resident', 'location'] as const).filter(
    (field) => JSON.stringify(state[field]) !== JSON.stringify(next[field]),
  );
  if (changed.length === 0) return { state, events: [] };

  const data: Record<string, unknown> = { fields: changed };
  for (const field of changed) {
    if (FIELDS_SHOWN_IN_HISTORY.has(field)) data[field] = { from: state[field], to: next[field] };
  }
  return { state: touch(next, now), events: [{ type: 'case_updated', data }] };
}

export interface TransitionCommand {
  to: CaseStatus;
  note?: string;
  resolution?: string;
}

export function decideTransition(state: CaseState, command: TransitionCommand, now: Date): Decision {
  assertTransition(state.status, command.to);
  if (command.to === 'assigned' && !state.unitCode) {
    throw conflict('unit_required', 'A case without a unit is assigned by routing it to one (POST …/route).');
  }
  if (command.to === 'resolved' && !command.resolution) {
    throw invalid('resolution_required', 'Say how the case was resolved.', [
      { field: 'resolution', message: 'is required when resolving a case' },
    ]);
  }
  if (command.to !== 'resolved' && command.resolution !== undefined) {
    throw invalid('resolution_not_allowed', 'A resolution is given only when resolving a case.', [
      { field: 'resolution', message: 'only allowed when "to" is "resolved"' },
    ]);
  }
  const next: CaseState = { ...state, status: command.to };
  if (command.to === 'resolved') {
    next.resolution = command.resolution ?? null;
    next.resolvedAt = now;
  } else if (command.to === 'closed') {
    next.closedAt = now;
  } else if (state.status === 'resolved') {
    // Reopened: the earlier resolution no longer stands (it stays in the history).
    next.resolution = null;
    next.resolvedAt = null;
  }
  return {
    state: touch(next, now),
    events: [statusChanged(state.status, command.to, { note: command.note, resolution: command.resolution })],
  };
}

export interface RouteCommand {
  unitCode: string;
  reason: string;
}

export function decideRoute(state: CaseState, command: RouteCommand, now: Date): Decision {
  if (state.status === 'resolved' || state.status === 'closed') {
    throw conflict('case_not_routable', `A case that is ${state.status} cannot be re-routed; reopen it first.`);
  }
  if (state.unitCode === command.unitCode) {
    throw conflict('already_in_unit', `The case is already with ${command.unitCode}.`);
  }
  const next: CaseState = {
    ...state,
    unitCode: command.unitCode,
    status: 'assigned',
    assigneeId: null,
    assignee: null,
  };
  const events: CaseEventDraft[] = [
    { type: 'routed', data: { from: state.unitCode, to: command.unitCode, reason: command.reason, rule: null } },
  ];
  if (state.status !== 'assigned') events.push(statusChanged(state.status, 'assigned', {}));
  return { state: touch(next, now), events };
}

export interface NoteCommand {
  body: string;
  visibility: NoteVisibility;
}

/**
 * A note is an event of its own: it leaves the case (and its version) as it is, so that it never conflicts with a
 * concurrent edit or note and needs no If-Match.
 */
export function decideNote(command: NoteCommand): CaseEventDraft {
  return { type: 'note_added', data: { body: command.body, visibility: command.visibility } };
}

/** A new tracking code replaces the old one; the history records that it happened, never the code. */
export function decideTrackingCodeReissue(): CaseEventDraft {
  return { type: 'tracking_code_reissued', data: {} };
}

function statusChanged(
  from: CaseStatus,
  to: CaseStatus,
  extra: { note?: string; resolution?: string },
): CaseEventDraft {
  return { type: 'status_changed', data: { from, to, ...stripUndefined(extra) } };
}

function touch(state: CaseState, now: Date): CaseState {
  return { ...state, updatedAt: now, version: state.version + 1 };
}

function stripUndefined<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function merge<T extends object>(current: T | null, changes: Partial<T>): Partial<T> {
  return { ...current, ...stripUndefined(changes) };
}

/** Absent, blank and all-empty contact details are stored as null, so "no resident" has one form. */
export function normalizeResident(resident: Partial<Resident> | null | undefined): Resident | null {
  const normalized = {
    name: blankToNull(resident?.name),
    phone: blankToNull(resident?.phone),
    email: blankToNull(resident?.email),
  };
  return Object.values(normalized).some((value) => value !== null) ? normalized : null;
}

export function normalizeLocation(location: Partial<Location> | null | undefined): Location | null {
  const normalized = {
    address: blankToNull(location?.address),
    district: blankToNull(location?.district),
    lat: location?.lat ?? null,
    lon: location?.lon ?? null,
  };
  return Object.values(normalized).some((value) => value !== null) ? normalized : null;
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
