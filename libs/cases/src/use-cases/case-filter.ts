import { invalid, startOfBusinessDay, startOfNextBusinessDay } from '@app/core';
import { Channel } from '../domain/case';
import { CaseStatus } from '../domain/case-status';
import { ListCasesQueryDto } from '../dto/case.dto';

/** The filters of `GET /cases` that other reads of many cases (the CSV export) take too. */
export type CaseFilterQuery = Pick<
  ListCasesQueryDto,
  'status' | 'unitCode' | 'categoryCode' | 'channel' | 'receivedFrom' | 'receivedTo'
>;

/** The same filters as the store applies them: the received range as instants, `receivedBefore` exclusive. */
export interface CaseFilter {
  statuses?: CaseStatus[];
  unitCode?: string;
  categoryCode?: string;
  channel?: Channel;
  receivedFrom?: Date;
  receivedBefore?: Date;
}

/**
 * A validated query's filters as instants: `receivedFrom` from the start of its business date (Europe/Warsaw) or the
 * instant given; `receivedTo` up to the end of its business date, or to the instant given (exclusive).
 */
export function caseFilterOf(query: CaseFilterQuery): CaseFilter {
  return {
    statuses: query.status,
    unitCode: query.unitCode,
    categoryCode: query.categoryCode,
    channel: query.channel,
    receivedFrom: query.receivedFrom ? parseBound(query.receivedFrom, 'receivedFrom', startOfBusinessDay) : undefined,
    receivedBefore: query.receivedTo ? parseBound(query.receivedTo, 'receivedTo', startOfNextBusinessDay) : undefined,
  };
}

/** A business date stands for its whole day in Europe/Warsaw; an instant for itself. */
function parseBound(value: string, field: string, fromDate: (date: string) => Date): Date {
  const date = value.length === 10 ? fromDate(value) : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw invalid('invalid_date', `${field} is not a valid date.`, [{ field, message: 'not a valid date' }]);
  }
  // Years PostgreSQL and ISO 8601 both write with four digits (year 0 or 10000 would reach the database as text it
  // refuses).
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9998) {
    throw invalid('invalid_date', `${field} is out of range.`, [{ field, message: 'must be in the years 1000–9998' }]);
  }
  return date;
}
