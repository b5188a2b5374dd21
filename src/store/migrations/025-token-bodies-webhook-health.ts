// Issue 15: an API token may be limited to some bodies (it writes only to their meetings, items, papers and minutes;
// null: wherever its user may), and a webhook endpoint records why and when it was switched off (by hand, or by
// the outbox after a delivery failed for good) so the clerk can see it and switch it on again.
import type { Kysely } from 'kysely';
import { text, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('api_token').addColumn('body_ids', text).execute(); // JSON array of body ids, or null
  await db.schema.alterTable('webhook').addColumn('disabled_reason', text).execute();
  await db.schema.alterTable('webhook').addColumn('disabled_at', text).execute();
}
