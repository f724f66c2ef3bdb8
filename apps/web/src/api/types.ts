// The api's answers as the pages use them (docs: /api/docs; the contract: the api's OpenAPI document).

export const CHANNELS = [
  'phone',
  'email',
  'chat',
  'in_person',
  'letter',
  'drop_box',
  'web',
  'mobile_app',
  'social',
  'open311',
] as const;
export type Channel = (typeof CHANNELS)[number];
export const CASE_STATUSES = ['new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** The statuses of a case still to be settled (the backlog). */
export const OPEN_STATUSES = ['new', 'assigned', 'in_progress', 'waiting'] as const satisfies readonly CaseStatus[];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export type SlaState = 'on_time' | 'due_soon' | 'overdue';
export type Role = 'agent' | 'supervisor' | 'unit_staff' | 'admin';

/** The status changes the api allows (the contract's state machine), for offering only buttons that can work. */
export const NEXT_STATUSES: Record<CaseStatus, CaseStatus[]> = {
  new: ['assigned', 'closed'],
  assigned: ['in_progress', 'waiting', 'resolved', 'closed'],
  in_progress: ['waiting', 'resolved'],
  waiting: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

export interface Resident {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface CaseLocation {
  address?: string | null;
  district?: string | null;
  lat?: number | null;
  lon?: number | null;
}

export interface Case {
  id: string;
  number: string;
  status: CaseStatus;
  channel: Channel;
  categoryCode: string;
  unitCode: string | null;
  assignee: string | null;
  priority: Priority;
  subject: string;
  description: string | null;
  resident: Resident | null;
  location: CaseLocation | null;
  resolution: string | null;
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
  dueDate: string | null;
  dueAt: string | null;
  sla: SlaState | null;
  escalated: boolean;
  resolvedAt: string | null;
  closedAt: string | null;
  version: number;
}

export interface CreatedCase extends Case {
  trackingCode: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CaseEvent {
  id: number;
  type: string;
  at: string;
  actor: string;
  data: Record<string, unknown>;
}

export interface Unit {
  code: string;
  name: string;
}

export interface Category {
  code: string;
  name: string;
  unitCode: string;
  keywords: string[];
  sla: { kind: string; amount: number };
}

export type FollowUpStatus = 'scheduled' | 'due' | 'done' | 'cancelled' | 'failed';

export interface FollowUp {
  id: string;
  caseNumber: string;
  kind: 'callback' | 'reminder';
  status: FollowUpStatus;
  dueAt: string;
  note: string | null;
  createdBy: string;
  outcome: string | null;
}

export interface ListedFollowUp extends FollowUp {
  caseSubject: string;
  residentName: string | null;
  residentPhone: string | null;
}

export interface TrackedCase {
  number: string;
  status: CaseStatus;
  categoryName: string;
  unitName: string | null;
  receivedAt: string;
  updatedAt: string;
  dueDate: string | null;
  resolution: string | null;
  publicNotes: { at: string; body: string }[];
}

export interface MonthlyVolumes {
  from: string;
  to: string;
  total: number;
  months: { month: string; total: number; groups?: Record<string, number> }[];
  peak: { month: string; total: number };
}

export interface SlaReport {
  months: {
    month: string;
    resolved: number;
    resolvedOnTime: number;
    resolvedLate: number;
    openOverdue: number | null;
  }[];
}

export interface BacklogReport {
  asOf: string;
  units: {
    unitCode: string | null;
    open: number;
    byStatus: { new: number; assigned: number; in_progress: number; waiting: number };
    oldestReceivedAt: string | null;
    oldestAgeDays: number | null;
  }[];
}

export interface Office {
  code: string;
  name: string;
  address: string;
  desks: number;
  serviceCodes: string[];
}

export interface VisitService {
  code: string;
  name: string;
  durationMinutes: number;
  officeCodes: string[];
}

export interface Slot {
  start: string;
  end: string;
  free: number;
}

export type VisitStatus = 'booked' | 'checked_in' | 'cancelled' | 'no_show';

export interface PublicVisit {
  officeCode: string;
  officeName: string;
  officeAddress: string;
  serviceCode: string;
  serviceName: string;
  start: string;
  end: string;
  status: VisitStatus;
}

export interface BookedVisit extends PublicVisit {
  code: string;
}

export interface StaffVisit extends PublicVisit {
  id: string;
  desk: number;
  resident: { name: string; phone: string | null; email: string | null };
  caseNumber: string | null;
  bookedBy: string;
  checkedInAt: string | null;
  cancelledAt: string | null;
}
