// The audit log: who changed what in the record, and when, with the record before and after.
import { sql, SqliteAdapter } from 'kysely';
import type { Actor } from '../domain/types.js';
import type { Queryable } from './db.js';
import type { Database } from './schema.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Tables whose rows have a numeric id. */
type TableWithId = { [T in keyof Database]: Database[T] extends { id: unknown } ? T : never }[keyof Database];

function auditRow(actor: Actor, entry: AuditEntry) {
  return {
    at: nowIso(),
    actor_kind: actor.kind,
    actor_id: actor.id,
    actor_name: actor.name,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId === null ? null : String(entry.entityId),
    summary: entry.summary ?? null,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
  };
}

export async function recordAudit(db: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(actor, entry)).execute();
}

/**
 * Inserts one row and its audit entry (`entry`, whose entity id is the new row's id) unless `unique` already holds
 * the row's value there; returns the new id, or null when nothing was written. On PostgreSQL it is one statement,
 * atomic by itself: a use-case needs no transaction around it (`atomicWrite` in services/unit.ts), which saves a
 * clerk's write three of its round trips (BEGIN, the audit entry, COMMIT) and the check that the value is free. On
 * SQLite it is two statements (in-process, no round trips): call it in a transaction.
 */
export async function insertAudited(db: Queryable, actor: Actor, table: TableWithId, values: Record<string, unknown>, unique: string, entry: Omit<AuditEntry, 'entityId'>): Promise<number | null> {
  const insert = (q: Pick<Queryable, 'insertInto'>) => q.insertInto(table).values(values as never).onConflict((oc) => oc.column(unique as never).doNothing()).returning('id' as never) as unknown as { executeTakeFirst(): Promise<{ id: number } | undefined> };
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    const row = await insert(db).executeTakeFirst();
    if (!row) return null;
    await recordAudit(db, actor, { ...entry, entityId: row.id });
    return row.id;
  }
  const a = auditRow(actor, { ...entry, entityId: null });
  // INSERT … SELECT takes its columns' types from the SELECT, whose parameters would be text: cast them.
  const row = await db.with('inserted', (q) => insert(q) as never)
    .insertInto('audit_log')
    .columns(['at', 'actor_kind', 'actor_id', 'actor_name', 'action', 'entity', 'entity_id', 'summary', 'before_json', 'after_json'])
    .expression((eb) => eb.selectFrom('inserted').select([
      sql<string>`${a.at}::text`.as('at'), sql<string>`${a.actor_kind}::text`.as('actor_kind'), sql<number | null>`${a.actor_id}::integer`.as('actor_id'),
      sql<string>`${a.actor_name}::text`.as('actor_name'), sql<string>`${a.action}::text`.as('action'), sql<string>`${a.entity}::text`.as('entity'),
      sql<string>`inserted.id::text`.as('entity_id'), sql<string | null>`${a.summary}::text`.as('summary'),
      sql<string | null>`${a.before_json}::text`.as('before_json'), sql<string | null>`${a.after_json}::text`.as('after_json'),
    ]))
    .returning('entity_id')
    .executeTakeFirst();
  return row ? Number(row.entity_id) : null;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  actorName?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export async function listAudit(db: Queryable, q: AuditQuery = {}) {
  let query = db.selectFrom('audit_log').selectAll();
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.actorName) query = query.where('actor_name', '=', q.actorName);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<=', q.to);
  return query.orderBy('id', 'desc').limit(q.limit ?? 100).offset(q.offset ?? 0).execute();
}

/** The audit log in id order after `afterId`, a batch at a time (for exports), optionally within [from, to]. */
export async function auditBatch(db: Queryable, afterId: number, limit: number, range: { from?: string; to?: string } = {}) {
  let q = db.selectFrom('audit_log').selectAll().where('id', '>', afterId);
  if (range.from) q = q.where('at', '>=', range.from);
  if (range.to) q = q.where('at', '<=', range.to);
  return q.orderBy('id').limit(limit).execute();
}
