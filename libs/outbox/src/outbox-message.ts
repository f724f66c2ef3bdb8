import { QueueName } from '@app/core';

/**
 * Work for a queue, recorded in PostgreSQL by the statement that causes it and relayed to BullMQ afterwards: if the
 * statement commits, the job will run (even if Redis is down now); if it does not, no job exists.
 */
export interface OutboxMessage {
  queue: QueueName;
  /** The job's name, which tells the processor what to do. */
  name: string;
  /** Ids only: the processor re-reads the rows and checks their state. */
  payload: Record<string, string>;
  /** When the job is to run (a delayed job); now when absent. */
  runAt?: Date;
}

/**
 * A CTE named `queued` that records `messages` (the JSON array at parameter `$param`) in the outbox for each row of
 * `source` — only if the statement's write happened, so a write refused by its version check queues nothing.
 */
export function queueInOutbox(param: number, source: string): string {
  return `queued AS (
    INSERT INTO outbox (queue, name, payload, run_at)
    SELECT message.value ->> 'queue', message.value ->> 'name', message.value -> 'payload',
           coalesce((message.value ->> 'runAt')::timestamptz, now())
      FROM (SELECT 1 FROM ${source} LIMIT 1) AS happened,
           jsonb_array_elements($${param}::jsonb) WITH ORDINALITY AS message(value, position)
     ORDER BY message.position)`;
}

/** The parameter {@link queueInOutbox} reads. */
export function outboxParameter(messages: readonly OutboxMessage[]): string {
  return JSON.stringify(messages);
}
