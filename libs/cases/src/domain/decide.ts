import type { SlaPolicy } from '@app/catalogue';
import { businessYear, conflict, invalid } from '@app/core';
import {
  chooseRoute,
  CompiledRule,
  computeDue,
  Due,
  extendDueAfterWaiting,
  RouteChoice,
  RoutingFacts,
} from '@app/routing';
import {
  CaseAttributes,
  CaseEventDraft,
  CaseState,
  Channel,
  Decision,
  Location,
  NoteVisibility,
  Priority,
  Resident,
} from './case';
import { formatCaseNumber } from './case-number';
import { assertTransition, CaseStatus, isOpen } from './case-status';

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
  /** Answers to the category's extra questions, already checked against them (an Open311 request's). */
  attributes?: CaseAttributes | null;
  /** Where the reporter's photo is (an Open311 request's `media_url`). */
  mediaUrl?: string | null;
}

/** What the rules need to know of a category. */
export interface CategoryFacts {
  code: string;
  unitCode: string | null;
  sla: SlaPolicy;
}

/** The catalogue and rule set as they stand when a decision is taken. */
export interface RoutingContext {
  category: CategoryFacts;
  rules: readonly CompiledRule[];
}

export interface IntakeContext {
  id: string;
  now: Date;
  receivedAt: Date;
  sequence: number;
  category: CategoryFacts;
  /** Where {@link routeIntake} sent the case: worked out first, as its assignee is reserved in that unit. */
  route: RouteChoice;
  /** Reserved beforehand in the route's unit (null: nobody available there, or no unit). */
  assignee: { id: string; username: string } | null;
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

/** Where a new case goes: the first matching routing rule, or else its category's unit. */
export function routeIntake(
  command: Pick<IntakeCommand, 'channel' | 'subject' | 'description' | 'location'>,
  context: RoutingContext,
): RouteChoice {
  return chooseRoute(
    context.rules,
    {
      ...command,
      categoryCode: context.category.code,
      district: normalizeLocation(command.location)?.district ?? null,
      description: blankToNull(command.description),
    },
    context.category,
  );
}

/**
 * A new case: routed by {@link routeIntake}, with the rule's priority unless the agent chose one, given to the member
 * of staff reserved in that unit, and due by the category's SLA counted from `receivedAt`. A case with a unit starts
 * `assigned` (in the unit's queue when nobody was available).
 */
export function decideIntake(command: IntakeCommand, context: IntakeContext): Decision {
  const year = businessYear(context.receivedAt);
  const { route } = context;
  const unitCode = route.unitCode;
  const due = computeDue(context.receivedAt, context.category.sla);
  const state: CaseState = {
    id: context.id,
    number: formatCaseNumber(year, context.sequence),
    year,
    sequence: context.sequence,
    status: unitCode ? 'assigned' : 'new',
    channel: command.channel,
    categoryCode: context.category.code,
    unitCode,
    assigneeId: unitCode ? (context.assignee?.id ?? null) : null,
    assignee: unitCode ? (context.assignee?.username ?? null) : null,
    priority: command.priority ?? route.priority ?? 'normal',
    subject: command.subject,
    description: blankToNull(command.description),
    resident: normalizeResident(command.resident),
    location: normalizeLocation(command.location),
    resolution: null,
    attributes: command.attributes && Object.keys(command.attributes).length ? command.attributes : null,
    mediaUrl: blankToNull(command.mediaUrl),
    receivedAt: context.receivedAt,
    createdAt: context.now,
    updatedAt: context.now,
    dueDate: due.dueDate,
    dueAt: due.dueAt,
    waitingSince: null,
    resolvedAt: null,
    closedAt: null,
    slaWarnedFor: null,
    slaBreachedFor: null,
    version: 1,
  };
  const { number, channel, categoryCode, status, priority, dueDate } = state;
  const events: CaseEventDraft[] = [
    { type: 'case_created', data: { number, channel, categoryCode, unitCode, status, priority, dueDate } },
  ];
  if (unitCode) events.push(routed(null, unitCode, route, { assignee: state.assignee }));
  return { state, events };
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

export interface EditContext extends RoutingContext {
  /** The SLA of the case's category before the edit. */
  previousSla: SlaPolicy;
}

/**
 * An edit of the case's details. A new category brings its own deadline when its SLA differs (counted again from
 * `receivedAt`), and, while the case is `new` or `assigned` (nobody has started on it), routing runs again: the case
 * moves when the rules or the new category send it elsewhere. From `in_progress` on, the unit keeps the case.
 */
export function decideUpdate(state: CaseState, command: UpdateCommand, now: Date, context: EditContext): Decision {
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
  const events: CaseEventDraft[] = [{ type: 'case_updated', data }];
  if (!changed.includes('categoryCode')) return { state: touch(next, now), events };

  const { sla } = context.category;
  if (!state.dueDate || sla.kind !== context.previousSla.kind || sla.amount !== context.previousSla.amount) {
    Object.assign(next, dueOf(computeDue(state.receivedAt, sla)));
    if (next.dueDate !== state.dueDate) data.dueDate = { from: state.dueDate, to: next.dueDate };
  }
  if (state.status !== 'new' && state.status !== 'assigned') return { state: touch(next, now), events };
  const route = chooseRoute(context.rules, routingFactsOf(next), context.category);
  if (!route.unitCode || route.unitCode === state.unitCode) return { state: touch(next, now), events };
  const moved = moveToUnit(state, next, route.unitCode, now, sla);
  events.push(routed(state.unitCode, route.unitCode, route, { reason: 'category changed' }), ...moved.events);
  return { state: touch(moved.state, now), events, assignInUnit: true };
}

export interface TransitionCommand {
  to: CaseStatus;
  note?: string;
  resolution?: string;
}

/** `sla` is the case's category's, which says how a wait moves the deadline on. */
export function decideTransition(state: CaseState, command: TransitionCommand, now: Date, sla: SlaPolicy): Decision {
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
  const next: CaseState = { ...state, ...waitingClock(state, command.to, now, sla), status: command.to };
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
    events: [
      statusChanged(state.status, command.to, {
        note: command.note,
        resolution: command.resolution,
        ...dueDateChange(state, next),
      }),
    ],
  };
}

export interface RouteCommand {
  /** Route by hand to this unit; without it, by the routing rules. */
  unitCode?: string;
  reason: string;
}

/** Re-routing puts the case (back) in `assigned` in its new unit, where the store picks the assignee. */
export function decideRoute(state: CaseState, command: RouteCommand, now: Date, context: RoutingContext): Decision {
  if (state.status === 'resolved' || state.status === 'closed') {
    throw conflict('case_not_routable', `A case that is ${state.status} cannot be re-routed; reopen it first.`);
  }
  const route: RouteChoice | null = command.unitCode
    ? null
    : chooseRoute(context.rules, routingFactsOf(state), context.category);
  const unitCode = command.unitCode ?? route?.unitCode;
  if (!unitCode) {
    throw conflict(
      'no_route',
      'Neither a routing rule nor the category names a unit for this case; name one (unitCode).',
    );
  }
  if (state.unitCode === unitCode) {
    throw conflict(
      'already_in_unit',
      command.unitCode
        ? `The case is already with ${unitCode}.`
        : `The rules send the case to ${unitCode}, where it is.`,
    );
  }
  const moved = moveToUnit(state, { ...state }, unitCode, now, context.category.sla);
  return {
    state: touch(moved.state, now),
    events: [routed(state.unitCode, unitCode, route, { reason: command.reason }), ...moved.events],
    assignInUnit: true,
  };
}

export interface AssignCommand {
  /** Hand the case to this member of the unit's staff; without it, to whoever the unit's assignment picks next. */
  assignee?: { id: string; username: string };
  reason: string;
}

/**
 * A new assignee inside the case's unit: by hand, or picked again by the store (fewest open cases, passing over the
 * current assignee — say, absent — and leaving the case in the unit's queue when nobody else is available).
 */
export function decideAssign(state: CaseState, command: AssignCommand, now: Date): Decision {
  if (!isOpen(state.status)) {
    throw conflict('case_not_assignable', `A case that is ${state.status} is not assigned; reopen it first.`);
  }
  if (!state.unitCode) {
    throw conflict('unit_required', 'A case without a unit is assigned by routing it to one (POST …/route).');
  }
  const { assignee, reason } = command;
  if (assignee && assignee.id === state.assigneeId) {
    throw conflict('already_assigned', `The case is already with ${assignee.username}.`);
  }
  const next: CaseState = { ...state, assigneeId: assignee?.id ?? null, assignee: assignee?.username ?? null };
  const event: CaseEventDraft = {
    type: 'assignee_changed',
    data: assignee
      ? { from: state.assignee, by: 'hand', reason, assignee: assignee.username }
      : { from: state.assignee, by: 'unit', reason },
  };
  if (assignee) return { state: touch(next, now), events: [event] };
  return { state: touch(next, now), events: [event], assignInUnit: true, assignExcept: state.assigneeId };
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

/** The case in `unitCode`, `assigned`, nobody's yet (the store assigns); a wait it leaves moves the deadline on. */
function moveToUnit(
  state: CaseState,
  next: CaseState,
  unitCode: string,
  now: Date,
  sla: SlaPolicy,
): { state: CaseState; events: CaseEventDraft[] } {
  const moved: CaseState = {
    ...next,
    ...waitingClock(state, 'assigned', now, sla),
    unitCode,
    status: 'assigned',
    assigneeId: null,
    assignee: null,
  };
  // Only what the move itself changed: an edit reports its own new deadline.
  const events =
    state.status === 'assigned' ? [] : [statusChanged(state.status, 'assigned', dueDateChange(next, moved))];
  return { state: moved, events };
}

/**
 * KPA art. 35 §5: time in `waiting` does not count. Entering it starts the clock; leaving it moves the deadline on
 * by the wait (see extendDueAfterWaiting).
 */
function waitingClock(
  state: CaseState,
  to: CaseStatus,
  now: Date,
  sla: SlaPolicy,
): Pick<CaseState, 'waitingSince'> & Partial<Pick<CaseState, 'dueDate' | 'dueAt'>> {
  if (to === 'waiting') return { waitingSince: state.waitingSince ?? now };
  if (state.status !== 'waiting') return { waitingSince: null };
  if (!state.dueDate || !state.dueAt) return { waitingSince: null };
  const due = extendDueAfterWaiting(
    { dueDate: state.dueDate, dueAt: state.dueAt },
    sla.kind,
    state.waitingSince ?? now,
    now,
  );
  return { waitingSince: null, ...dueOf(due) };
}

function dueOf(due: Due): Pick<CaseState, 'dueDate' | 'dueAt'> {
  return { dueDate: due.dueDate, dueAt: due.dueAt };
}

function dueDateChange(before: CaseState, after: CaseState): { dueDate?: { from: string | null; to: string | null } } {
  return before.dueDate === after.dueDate ? {} : { dueDate: { from: before.dueDate, to: after.dueDate } };
}

function routingFactsOf(state: CaseState): RoutingFacts {
  return { ...state, district: state.location?.district ?? null };
}

/** The `routed` event: where from and to, and why — the rule that fired, the category's unit, or a person's hand. */
function routed(
  from: string | null,
  to: string,
  route: RouteChoice | null,
  extra: { reason?: string; assignee?: string | null } = {},
): CaseEventDraft {
  const basis = !route ? { by: 'hand' } : route.rule ? { by: 'rule', rule: route.rule } : { by: 'category' };
  return { type: 'routed', data: { from, to, ...basis, ...stripUndefined(extra) } };
}

function statusChanged(
  from: CaseStatus,
  to: CaseStatus,
  extra: { note?: string; resolution?: string; dueDate?: { from: string | null; to: string | null } },
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
