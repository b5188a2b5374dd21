// Issue 17: on PostgreSQL the rate-limit counters are an unlogged table. Every rate-limited request (each search, each
// sign-in attempt) updates its counter, and a logged update waited for the write-ahead log to reach the disk: ~10 ms a
// search under load, a fifth of its time. A counter needs no durability: after a crash PostgreSQL empties an unlogged
// table, which restarts the current one-minute windows and loses nothing of the record. SQLite keeps its table
// (its counters live in the process's memory unless several processes share the file).
import { sql, type Kysely } from 'kysely';
import type { Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`ALTER TABLE rate_limit SET UNLOGGED`.execute(db);
}
