/** Every BullMQ queue of the system, in one place. Job payloads carry ids only; processors re-read the rows. */
export enum QueueName {
  /** Deletes idempotency records once their replay window has passed (they hold tracking codes). */
  IdempotencyPurge = 'idempotency-purge',
  /** Takes back assignee reservations whose case was never written (the api died between its two statements). */
  ReservationSweep = 'assignment-reservation-sweep',
}
