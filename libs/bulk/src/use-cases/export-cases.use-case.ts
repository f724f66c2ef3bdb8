import { Injectable } from '@nestjs/common';
import { finished, type Readable } from 'node:stream';
import { caseFilterOf, CaseFilterQuery } from '@app/cases';
import { ConcurrencyLimit } from '@app/core';
import { CaseExportStore } from '../case-export.store';

/** Exports cases as CSV (the filters of `GET /cases`), streamed: any number of them, in flat memory. */
@Injectable()
export class ExportCases {
  /** Each export holds a database connection until its client has read the file. */
  private readonly limit = new ConcurrencyLimit(2, 'exports');

  constructor(private readonly store: CaseExportStore) {}

  async execute(query: CaseFilterQuery): Promise<Readable> {
    const filter = caseFilterOf(query);
    const release = this.limit.acquire();
    try {
      const stream = await this.store.stream(filter);
      finished(stream, release);
      return stream;
    } catch (error) {
      release();
      throw error;
    }
  }
}
