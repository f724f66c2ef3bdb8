import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { caseFilterOf, CaseFilterQuery } from '@app/cases';
import { CaseExportStore } from '../case-export.store';

/** Exports cases as CSV (the filters of `GET /cases`), streamed: any number of them, in flat memory. */
@Injectable()
export class ExportCases {
  constructor(private readonly store: CaseExportStore) {}

  execute(query: CaseFilterQuery): Promise<Readable> {
    return this.store.stream(caseFilterOf(query));
  }
}
