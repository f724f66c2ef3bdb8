import { Injectable } from '@nestjs/common';
import { Sql } from '@app/core';
import type { CaseStatus } from '@app/cases';
import { PublicNoteDto, TrackedCaseDto } from './dto/tracking.dto';

interface TrackedRow {
  number: string;
  status: CaseStatus;
  category_name: string;
  unit_name: string | null;
  received_at: Date;
  updated_at: Date;
  due_date: string | null;
  resolution: string | null;
  public_notes: PublicNoteDto[];
}

/**
 * The resident's look-up, one statement: the case whose number AND tracking code hash match (an unknown number and a
 * wrong code are the same probe of the number's unique index, ending in no row), with the names of its category and
 * unit and its public notes, oldest first. Only the columns a resident may see are selected: nothing else of the case
 * ever reaches the api process on this path. Notes' instants are written as `Z` text here, so they need no parsing.
 */
export const TRACKING_LOOKUP_SQL = `
  SELECT c.number, c.status, cat.name AS category_name, u.name AS unit_name, c.received_at, c.updated_at, c.due_date,
         c.resolution,
         coalesce((SELECT json_agg(json_build_object(
                            'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                            'body', e.data->>'body') ORDER BY e.id)
                     FROM case_events e
                    WHERE e.case_id = c.id AND e.type = 'note_added' AND e.data->>'visibility' = 'public'),
                  '[]'::json) AS public_notes
    FROM cases c
    JOIN categories cat ON cat.code = c.category_code
    LEFT JOIN units u ON u.code = c.unit_code
   WHERE c.number = $1 AND c.tracking_code_hash = $2`;

@Injectable()
export class TrackingStore {
  constructor(private readonly db: Sql) {}

  /** The case as its resident sees it, or null when the number is unknown or the code's hash is not its own. */
  async find(number: string, trackingCodeHash: string): Promise<TrackedCaseDto | null> {
    const [row] = await this.db.query<TrackedRow>(TRACKING_LOOKUP_SQL, [number, trackingCodeHash], 'tracking-lookup');
    if (!row) return null;
    return {
      number: row.number,
      status: row.status,
      categoryName: row.category_name,
      unitName: row.unit_name,
      receivedAt: row.received_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      dueDate: row.due_date,
      resolution: row.resolution,
      publicNotes: row.public_notes,
    };
  }
}
