import type { Channel, Priority } from '@app/core';
import type { OutboxMessage } from '@app/outbox';
import type { CaseStatus } from './case-status';

export { CHANNELS, Channel, PRIORITIES, Priority } from '@app/core';

export const NOTE_VISIBILITIES = ['internal', 'public'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

export interface Resident {
  name: string | null;
  phone: string | null;
  email: string | null;
}

/** Answers to a category's extra questions by attribute code: a list attribute's keys, else the text given. */
export type CaseAttributes = Record<string, string | string[]>;

export interface Location {
  address: string | null;
  district: string | null;
  lat: number | null;
  lon: number | null;
}

/** A case as the domain sees it: everything the decide functions need and the store persists. */
export interface CaseState {
  id: string;
  number: string;
  year: number;
  sequence: number;
  status: CaseStatus;
  channel: Channel;
  categoryCode: string;
  unitCode: string | null;
  assigneeId: string | null;
  /** Username of the assignee, for display. */
  assignee: string | null;
  priority: Priority;
  subject: string;
  description: string | null;
  resident: Resident | null;
  location: Location | null;
  /** Public text explaining how the case was settled. */
  resolution: string | null;
  attributes: CaseAttributes | null;
  mediaUrl: string | null;
  receivedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  dueDate: string | null;
  dueAt: Date | null;
  /** When the case entered `waiting` (null in any other status): the deadline stands still meanwhile. */
  waitingSince: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** The deadline (`dueAt`) whose SLA warning was recorded: a timer for it that runs again does nothing. */
  slaWarnedFor: Date | null;
  /** The deadline whose breach was recorded (and the case escalated); likewise. */
  slaBreachedFor: Date | null;
  version: number;
}

export const CASE_EVENT_TYPES = [
  'case_created',
  'case_updated',
  'status_changed',
  'routed',
  'assignee_changed',
  'note_added',
  'tracking_code_reissued',
  'follow_up_scheduled',
  'follow_up_due',
  'follow_up_completed',
  'follow_up_cancelled',
  'follow_up_failed',
  'sla_warning',
  'sla_breached',
  /** A visit at a resident-service office booked for the case, cancelled, checked in (visits). */
  'visit_booked',
  'visit_cancelled',
  'visit_checked_in',
  /** Brought in from another system's history (the CSV import), as it stood there. */
  'imported',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** What happened to a case, as appended to its history. Personal data stays out of `data`. */
export interface CaseEventDraft {
  type: CaseEventType;
  data: Record<string, unknown>;
  /** When it happened, for an event that leaves the case's `updatedAt` as it is (else that instant). */
  at?: Date;
}

/**
 * The outcome of a decide function: the new state and the events that explain it. With `assignInUnit` (a change to
 * an existing case), the store picks the assignee inside the unit as it writes (under the unit's lock: the choice
 * depends on everybody's load), passing over `assignExcept`, and adds it to the `routed` or `assignee_changed` event.
 */
export interface Decision {
  state: CaseState;
  events: CaseEventDraft[];
  /** Work for the queues the change calls for, queued in the statement that writes it. */
  outbox?: OutboxMessage[];
  assignInUnit?: boolean;
  assignExcept?: string | null;
}
