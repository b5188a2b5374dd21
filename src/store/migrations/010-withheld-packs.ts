// Issue 10: a published public pack is withheld (served only to those entitled to exempt information) when an item
// in it is made exempt after publication, until Democratic Services republish. Nothing is deleted: the row, its
// bytes and the time it was withheld stay in the record.
import type { Kysely } from 'kysely';
import { text, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('publication').addColumn('withheld_at', text).execute();
  await db.schema.alterTable('publication').addColumn('withheld_reason', text).execute();
}
