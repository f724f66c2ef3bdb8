import { buildSearchText, formatCaseNumber } from '@app/cases';
import { addCalendarDays, startOfBusinessDay } from '@app/core';
import { computeDue, Due } from '@app/routing';
import type { ImportCategory, ImportRow } from './import-row';

/*
 * What an imported row becomes, beyond what it says: its business year, its deadline, its search text and its
 * number. Pure, with memories that only save time.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** Memories are dropped when this large: a file spanning decades still runs in bounded memory. */
const MEMORY_LIMIT = 100_000;

/** A UTC day: before `boundary` its instants are on `before` in Europe/Warsaw, from it on the next date. */
interface UtcDay {
  before: string;
  after: string;
  boundary: number;
}

/**
 * The Europe/Warsaw date and the deadline of a receipt, remembered. Europe/Warsaw is one or two hours ahead of UTC,
 * so each UTC day holds the end of one business date and the start of the next, at the next date's midnight: one
 * time-zone look-up per UTC day. Every receipt of one date has the same day-based deadline: a year of history
 * costs a few hundred look-ups and deadline computations, not one per row.
 */
export class ImportCalendar {
  private readonly days = new Map<number, UtcDay>();
  private readonly dueOfDay = new Map<string, Due>();

  /** The Europe/Warsaw date of an instant (`YYYY-MM-DD`). */
  businessDate(instant: Date): string {
    const time = instant.getTime();
    const index = Math.floor(time / DAY_MS);
    let day = this.days.get(index);
    if (day === undefined) {
      if (this.days.size >= MEMORY_LIMIT) this.days.clear();
      const before = new Date(index * DAY_MS).toISOString().slice(0, 10);
      const after = addCalendarDays(before, 1);
      day = { before, after, boundary: startOfBusinessDay(after).getTime() };
      this.days.set(index, day);
    }
    return time < day.boundary ? day.before : day.after;
  }

  /** The business year: the one its case number belongs to. */
  businessYear(instant: Date): number {
    return Number(this.businessDate(instant).slice(0, 4));
  }

  /** The deadline by the category's SLA, exactly as {@link computeDue} gives it. */
  due(receivedAt: Date, category: ImportCategory): Due {
    // An SLA in hours counts from the instant itself.
    if (category.sla.kind === 'hours') return computeDue(receivedAt, category.sla);
    const key = `${this.businessDate(receivedAt)}|${category.sla.kind}|${category.sla.amount}`;
    let due = this.dueOfDay.get(key);
    if (due === undefined) {
      if (this.dueOfDay.size >= MEMORY_LIMIT) this.dueOfDay.clear();
      due = computeDue(receivedAt, category.sla);
      this.dueOfDay.set(key, due);
    }
    return due;
  }
}

/** What separates the parts of a case's search text ({@link buildSearchText}); the number comes first. */
export const SEARCH_TEXT_SEPARATOR = ' \u0001 ';

/**
 * The search text of an imported case without its number, which is given out only after the whole file is read:
 * the stored search text is `number + SEARCH_TEXT_SEPARATOR + this`, the very text {@link buildSearchText} makes
 * (folding leaves a case number as it is; see the spec).
 */
export function searchTextAfterNumber(row: Pick<ImportRow, 'subject' | 'description'>): string {
  return buildSearchText({ number: '', subject: row.subject, description: row.description, resident: null });
}

/** The numbers one year's imported cases get: `count` of them, the last being `lastSequence`. */
export interface NumberBlock {
  year: number;
  count: number;
  lastSequence: number;
}

/** A case's number in its year's block: the `position`-th case of the year, by receipt. */
export interface BlockNumber {
  year: number;
  position: number;
  sequence: number;
  number: string;
}

/** Every number of the blocks, in order, the Damm check digit included; generated as they are consumed. */
export function* numbersOf(blocks: readonly NumberBlock[]): Generator<BlockNumber> {
  for (const { year, count, lastSequence } of blocks) {
    const first = lastSequence - count + 1;
    for (let position = 1; position <= count; position++) {
      const sequence = first + position - 1;
      yield { year, position, sequence, number: formatCaseNumber(year, sequence) };
    }
  }
}
