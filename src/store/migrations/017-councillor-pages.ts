// Issue 12: a councillor's public page shows an optional photo (a content-addressed blob, its checked image type),
// a postal address for constituents, and a Cabinet member's portfolio (on the Cabinet membership, so it has the
// membership's dates).
import type { Kysely } from 'kysely';
import { text, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('person').addColumn('photo_sha256', text).execute();
  await db.schema.alterTable('person').addColumn('photo_type', text).execute();
  await db.schema.alterTable('person').addColumn('address', text).execute();
  await db.schema.alterTable('membership').addColumn('portfolio', text).execute();
}
