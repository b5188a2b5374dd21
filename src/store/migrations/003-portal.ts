// Indexes for the public portal's read queries: decisions by meeting, by taker body and for the register's
// ordering; call-ins by decision; minutes by agenda item.
import type { Kysely } from 'kysely';
import type { Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex('decision_meeting').on('decision').column('meeting_id').ifNotExists().execute();
  await db.schema.createIndex('decision_taker_body').on('decision').column('taker_body_id').ifNotExists().execute();
  await db.schema.createIndex('decision_status_taken').on('decision').columns(['status', 'taken_on']).ifNotExists().execute();
  await db.schema.createIndex('call_in_decision').on('call_in').column('decision_id').ifNotExists().execute();
  await db.schema.createIndex('minute_item').on('minute').column('agenda_item_id').ifNotExists().execute();
}
