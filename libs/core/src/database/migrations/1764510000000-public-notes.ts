import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The residents' look-up (issue #9) reads a case's public notes on every request: an index of just those events
 * makes that an index probe that usually finds nothing, instead of a visit to every event of the case.
 */
export class PublicNotes1764510000000 implements MigrationInterface {
  name = 'PublicNotes1764510000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX case_events_public_notes_idx ON case_events (case_id, id)
       WHERE type = 'note_added' AND data ->> 'visibility' = 'public'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX case_events_public_notes_idx`);
  }
}
