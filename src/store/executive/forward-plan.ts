// Forward plan (notice of key decisions) rows: entries, their history of moves, the published editions (dated
// snapshots, never overwritten), and the notice exceptions listed for the quarterly report to full Council.
import type { Queryable } from '../db.js';
import type { NewRow, Row, RowUpdate } from '../schema.js';

export type ForwardPlanEntryRow = Row<'forward_plan_entry'>;

export async function insertForwardPlanEntry(db: Queryable, values: NewRow<'forward_plan_entry'>): Promise<number> {
  const { id } = await db.insertInto('forward_plan_entry').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateForwardPlanEntry(db: Queryable, id: number, values: RowUpdate<'forward_plan_entry'>): Promise<void> {
  await db.updateTable('forward_plan_entry').set(values).where('id', '=', id).execute();
}

export function getForwardPlanEntry(db: Queryable, id: number) {
  return db.selectFrom('forward_plan_entry').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listForwardPlanEntries(db: Queryable, f: { statuses?: readonly string[] } = {}) {
  let q = db.selectFrom('forward_plan_entry').leftJoin('meeting', 'meeting.id', 'forward_plan_entry.meeting_id')
    .leftJoin('decision', 'decision.id', 'forward_plan_entry.decision_id')
    .selectAll('forward_plan_entry').select(['meeting.slug as meeting_slug', 'meeting.date as meeting_date', 'decision.slug as decision_slug', 'decision.number as decision_number']);
  if (f.statuses?.length) q = q.where('forward_plan_entry.status', 'in', [...f.statuses]);
  return q.orderBy('forward_plan_entry.expected_on').orderBy('forward_plan_entry.id').execute();
}

export async function insertForwardPlanEvent(db: Queryable, values: NewRow<'forward_plan_event'>): Promise<void> {
  await db.insertInto('forward_plan_event').values(values).execute();
}

export function listForwardPlanEvents(db: Queryable, entryId: number) {
  return db.selectFrom('forward_plan_event').selectAll().where('entry_id', '=', entryId).orderBy('id').execute();
}

export async function lastForwardPlanEdition(db: Queryable) {
  return db.selectFrom('forward_plan_edition').selectAll().orderBy('edition', 'desc').limit(1).executeTakeFirst();
}

export async function insertForwardPlanEdition(db: Queryable, values: NewRow<'forward_plan_edition'>): Promise<number> {
  const { id } = await db.insertInto('forward_plan_edition').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function listForwardPlanEditions(db: Queryable) {
  return db.selectFrom('forward_plan_edition').select(['id', 'edition', 'published_on', 'published_at', 'published_by', 'note']).orderBy('edition', 'desc').execute();
}

export function getForwardPlanEdition(db: Queryable, edition: number) {
  return db.selectFrom('forward_plan_edition').selectAll().where('edition', '=', edition).executeTakeFirst();
}

/** Marks entries as first published on `on` where they had not been published before. */
export async function markFirstPublished(db: Queryable, ids: readonly number[], on: string): Promise<void> {
  if (!ids.length) return;
  await db.updateTable('forward_plan_entry').set({ notice_published_on: on }).where('id', 'in', [...ids]).where('notice_published_on', 'is', null).execute();
}

export async function insertNoticeException(db: Queryable, values: NewRow<'notice_exception'>): Promise<number> {
  const { id } = await db.insertInto('notice_exception').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function listNoticeExceptions(db: Queryable, f: { from?: string; to?: string; decisionId?: number; entryId?: number; kind?: string } = {}) {
  let q = db.selectFrom('notice_exception').leftJoin('decision', 'decision.id', 'notice_exception.decision_id')
    .selectAll('notice_exception').select(['decision.slug as decision_slug', 'decision.number as decision_number', 'decision.classification as decision_classification']);
  if (f.from) q = q.where('notice_exception.decision_on', '>=', f.from);
  if (f.to) q = q.where('notice_exception.decision_on', '<=', f.to);
  if (f.decisionId) q = q.where('notice_exception.decision_id', '=', f.decisionId);
  if (f.entryId) q = q.where('notice_exception.forward_plan_entry_id', '=', f.entryId);
  if (f.kind) q = q.where('notice_exception.kind', '=', f.kind);
  return q.orderBy('notice_exception.decision_on').orderBy('notice_exception.id').execute();
}

export async function linkNoticeException(db: Queryable, id: number, decisionId: number): Promise<void> {
  await db.updateTable('notice_exception').set({ decision_id: decisionId }).where('id', '=', id).execute();
}
