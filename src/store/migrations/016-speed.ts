// Issue 17: indexes the rendered pages needed (found with EXPLAIN QUERY PLAN while profiling the portal bench).
// - A councillor's page joins every meeting of their bodies to their attendance at it: with only attendance(person_id)
//   SQLite scanned all of the person's attendance rows for each meeting (40 ms for a ten-year member); with
//   (meeting_id, person_id) it is one index probe per meeting.
// - A decision's page lists the decisions that reconsider it: a full scan of decision without this index.
import type { Kysely } from 'kysely';
import type { Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex('attendance_meeting_person').on('attendance').columns(['meeting_id', 'person_id']).execute();
  await db.schema.createIndex('decision_reconsiders').on('decision').column('reconsiders_decision_id').execute();
}
