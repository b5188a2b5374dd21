// Issue 15: API tokens get scopes ("read", "read write") and an optional expiry. Existing tokens keep what they
// could do (read and write, as their user's role allows) and never expire.
import type { Kysely } from 'kysely';
import { text, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('api_token').addColumn('scopes', text, (c) => c.notNull().defaultTo('read write')).execute();
  await db.schema.alterTable('api_token').addColumn('expires_at', text).execute();
}
