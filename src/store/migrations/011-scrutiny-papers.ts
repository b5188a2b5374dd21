// Scrutiny papers generated into a meeting's pack (issue 13): an agenda item of a scrutiny meeting can carry the
// follow-up ("rolling") schedule or a body's work programme, rendered from the record when the pack is built.
// (The call-in cover sheet needs no table: call_in.agenda_item_id already names its item.)
import type { Kysely } from 'kysely';
import { int, notNull, text, withId, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withId(db, dialect, 'agenda_item_generated').addColumn('agenda_item_id', int, (c) => c.notNull().references('agenda_item.id').onDelete('cascade'))
    .addColumn('kind', text, notNull) // 'follow-up-schedule' | 'work-programme'
    .addColumn('body_id', int, (c) => c.notNull().references('body.id').onDelete('cascade'))
    .addColumn('created_at', text, notNull)
    .addUniqueConstraint('agenda_item_generated_unique', ['agenda_item_id', 'kind']).execute();
  await db.schema.createIndex('agenda_item_generated_body').on('agenda_item_generated').column('body_id').execute();
}
