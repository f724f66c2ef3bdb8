import type { SlaKind, SlaPolicy } from '@app/catalogue';
import {
  addCalendarDays,
  addMonthsClamped,
  addWorkingDays,
  businessDateOf,
  calendarDaysBetween,
  endOfBusinessDay,
  firstWorkingDayOnOrAfter,
  nextWorkingDayAfter,
  previousWorkingDayBefore,
  startOfBusinessDay,
  startOfNextBusinessDay,
} from '@app/core';

/*
 * When a case is due, by the SLA of its category, as pure functions. Day-based SLAs follow the KPA: the day of receipt
 * is not counted (art. 57 §1), months end on the same day of the month or the month's last day (§3), a deadline on a
 * Saturday, Sunday or public holiday moves to the next working day (§5), and time spent waiting for the resident does
 * not count (art. 35 §5).
 */

const HOUR_MS = 60 * 60 * 1000;

export interface Due {
  /** The Europe/Warsaw date by which the case is to be dealt with. */
  dueDate: string;
  /** The instant it becomes overdue: the end of `dueDate` in Europe/Warsaw, or receipt + N hours for `hours` SLAs. */
  dueAt: Date;
}

export function computeDue(receivedAt: Date, sla: SlaPolicy): Due {
  if (sla.kind === 'hours') return dueAtInstant(new Date(receivedAt.getTime() + sla.amount * HOUR_MS));
  return dueOnDate(dueDateCountedFrom(businessDateOf(receivedAt), sla.kind, sla.amount));
}

function dueDateCountedFrom(receiptDate: string, kind: Exclude<SlaKind, 'hours'>, amount: number): string {
  switch (kind) {
    case 'working_days':
      return addWorkingDays(receiptDate, amount);
    case 'calendar_days':
      return firstWorkingDayOnOrAfter(addCalendarDays(receiptDate, amount));
    case 'months':
      return firstWorkingDayOnOrAfter(addMonthsClamped(receiptDate, amount));
  }
}

/**
 * The due after the case left `waiting`: the wait does not count. Day-based SLAs move on by the calendar days waited
 * (Europe/Warsaw date of leaving minus that of entering), then past any non-working day; `hours` SLAs by the exact
 * time waited.
 */
export function extendDueAfterWaiting(due: Due, slaKind: SlaKind, waitingSince: Date, leftAt: Date): Due {
  // A clock that went backwards must not pull the due earlier: a negative wait counts as none.
  if (slaKind === 'hours') {
    const waitedMs = Math.max(0, leftAt.getTime() - waitingSince.getTime());
    return dueAtInstant(new Date(due.dueAt.getTime() + waitedMs));
  }
  const daysWaited = Math.max(0, calendarDaysBetween(businessDateOf(waitingSince), businessDateOf(leftAt)));
  return dueOnDate(firstWorkingDayOnOrAfter(addCalendarDays(due.dueDate, daysWaited)));
}

function dueOnDate(dueDate: string): Due {
  return { dueDate, dueAt: endOfBusinessDay(dueDate) };
}

function dueAtInstant(dueAt: Date): Due {
  return { dueDate: businessDateOf(dueAt), dueAt };
}

export const SLA_STATES = ['on_time', 'due_soon', 'overdue'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/**
 * The two instants that split open cases into SLA states at `now`. `due_soon` means due within one working day: by
 * the end of the first working day after today (Europe/Warsaw), so on a Friday a case due on Monday is due soon.
 * The intervals are half-open, and SQL filters must use exactly these operators:
 *
 *   overdue   due_at <  now
 *   due_soon  due_at >= now AND due_at < dueSoonBefore
 *   on_time   due_at >= dueSoonBefore
 *
 * `dueSoonBefore` is the first instant after that working day (its next midnight), so a case due at its very end,
 * 23:59:59.999, is still due soon.
 */
export function slaBoundaries(now: Date): { now: Date; dueSoonBefore: Date } {
  return { now, dueSoonBefore: dueSoonBeforeOn(now) };
}

/**
 * The boundary depends only on today's date, and is asked for on every read of a case: it is worked out once a day
 * (per process) rather than every time.
 */
let dueSoonMemo: { today: string; dueSoonBefore: Date } | null = null;

function dueSoonBeforeOn(now: Date): Date {
  const today = businessDateOf(now);
  if (dueSoonMemo?.today !== today) {
    dueSoonMemo = { today, dueSoonBefore: startOfNextBusinessDay(nextWorkingDayAfter(today)) };
  }
  return dueSoonMemo.dueSoonBefore;
}

/** The SLA state of a case at `now`; none when it has no due or is no longer open. */
export function slaStateOf(dueAt: Date | null, isOpen: boolean, now: Date): SlaState | null {
  if (dueAt === null || !isOpen) return null;
  if (dueAt.getTime() < now.getTime()) return 'overdue';
  if (dueAt.getTime() < dueSoonBeforeOn(now).getTime()) return 'due_soon';
  return 'on_time';
}

/**
 * When a case due at `dueAt` becomes `due_soon` (and its SLA warning fires): the start of the last working day
 * before its due date, Europe/Warsaw — so a case due on Monday is warned of on Friday morning, one due after
 * Christmas before it. Exactly the instant from which {@link slaStateOf} says `due_soon` (until `dueAt`).
 */
export function slaWarningAt(dueAt: Date): Date {
  return startOfBusinessDay(previousWorkingDayBefore(businessDateOf(dueAt)));
}
