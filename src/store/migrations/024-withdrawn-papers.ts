// Issue 12: an uploaded paper can be withdrawn, even after its agenda was published, keeping its history. The mark
// is on the document (every version of it is withdrawn together): when, by whom, why, and whether the paper was
// public at the time (one withdrawn before its agenda was published never becomes public). A pack reissued without
// it is a new publication version carrying a note of why it was reissued.
import type { Kysely } from 'kysely';
import { int, text, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  // One column a statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('document').addColumn('withdrawn_at', text).execute();
  await db.schema.alterTable('document').addColumn('withdrawn_by', text).execute();
  await db.schema.alterTable('document').addColumn('withdrawn_reason', text).execute();
  await db.schema.alterTable('document').addColumn('withdrawn_public', int, (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('publication').addColumn('note', text).execute();
}
