// The audit log: who changed what in the record, and when, with the record before and after.
import type { Actor } from '../domain/types.js';
import type { Queryable } from './db.js';

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

export async function recordAudit(db: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
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
    })
    .execute();
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
