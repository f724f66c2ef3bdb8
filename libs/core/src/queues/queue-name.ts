/** Every BullMQ queue of the system, in one place. Job payloads carry ids only; processors re-read the rows. */
export enum QueueName {
  /** Deletes idempotency records once their replay window has passed (they hold tracking codes). */
  IdempotencyPurge = 'idempotency-purge',
  /** Takes back assignee reservations whose case was never written (the api died between its two statements). */
  ReservationSweep = 'assignment-reservation-sweep',
  /** Call-backs and reminders becoming due at their `dueAt` (delayed jobs relayed from the outbox). */
  FollowUps = 'follow-ups',
  /** A case's SLA warning (a working day before its deadline) and breach (at its deadline, with escalation). */
  SlaTimers = 'sla-timers',
  /** Deletes outbox rows relayed long ago. */
  OutboxPurge = 'outbox-purge',
  /**
   * Catches SLA warnings and breaches whose timers were lost (a Redis that restarted without its data): runs them for
   * every case whose instant passed minutes ago with nothing recorded.
   */
  SlaSweep = 'sla-sweep',
  /** A visit's reminder, a day before it (delayed jobs relayed from the outbox). */
  VisitReminders = 'visit-reminders',
  /** Marks `no_show` the visits whose end passed with no check-in. */
  VisitNoShows = 'visit-no-shows',
  /** Likewise makes due the follow-ups whose jobs were lost. */
  FollowUpSweep = 'follow-up-sweep',
}

/** Every queue, for whatever shows them all (Bull Board, health). */
export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);
