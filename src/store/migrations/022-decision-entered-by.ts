// Issue 13: a Cabinet Member's decision (a reconsidered decision after call-in, say) entered in the record by
// Democratic Services on the Cabinet Member's behalf says so: the name of whoever entered it when not the taker.
import type { Kysely } from 'kysely';
import { text, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('decision').addColumn('entered_by', text).execute();
}
