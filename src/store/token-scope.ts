// The body a write through the API is about, for API tokens limited to some bodies (migration 025): found from the
// record the request names (a meeting, body, agenda item, decision, membership, document or select committee review
// — a review belongs to the body that appointed it — or the body or meeting a new record is for). Null: the write concerns no one body (council-wide records); undefined: it names a record
// that does not exist (the route answers that).
import type { Queryable } from './db.js';

export interface WriteTarget {
  meetingSlug?: string;
  meetingId?: number;
  bodySlug?: string;
  bodyId?: number;
  agendaItemId?: number;
  decisionSlug?: string;
  membershipId?: number;
  documentSlug?: string;
  reviewSlug?: string;
}

async function meetingBody(db: Queryable, q: { slug?: string; id?: number }): Promise<number | undefined> {
  let s = db.selectFrom('meeting').select('body_id');
  s = q.slug !== undefined ? s.where('slug', '=', q.slug) : s.where('id', '=', q.id!);
  return (await s.executeTakeFirst())?.body_id;
}

export async function bodyOfWriteTarget(db: Queryable, t: WriteTarget): Promise<number | null | undefined> {
  if (t.meetingSlug !== undefined) return meetingBody(db, { slug: t.meetingSlug });
  if (t.bodySlug !== undefined) return (await db.selectFrom('body').select('id').where('slug', '=', t.bodySlug).executeTakeFirst())?.id;
  if (t.agendaItemId !== undefined) {
    const item = await db.selectFrom('agenda_item').select('meeting_id').where('id', '=', t.agendaItemId).executeTakeFirst();
    return item ? meetingBody(db, { id: item.meeting_id }) : undefined;
  }
  if (t.decisionSlug !== undefined) {
    const d = await db.selectFrom('decision').select(['taker_body_id', 'meeting_id']).where('slug', '=', t.decisionSlug).executeTakeFirst();
    if (!d) return undefined;
    return d.taker_body_id ?? (d.meeting_id !== null ? ((await meetingBody(db, { id: d.meeting_id })) ?? null) : null);
  }
  if (t.membershipId !== undefined) return (await db.selectFrom('membership').select('body_id').where('id', '=', t.membershipId).executeTakeFirst())?.body_id;
  if (t.documentSlug !== undefined) {
    const doc = await db.selectFrom('document').select('meeting_id').where('slug', '=', t.documentSlug).executeTakeFirst();
    if (!doc) return undefined;
    return doc.meeting_id !== null ? ((await meetingBody(db, { id: doc.meeting_id })) ?? null) : null;
  }
  if (t.reviewSlug !== undefined) {
    const r = await db.selectFrom('scrutiny_review').select('body_id').where('slug', '=', t.reviewSlug).executeTakeFirst();
    return r ? r.body_id : undefined;
  }
  if (t.bodyId !== undefined) return (await db.selectFrom('body').select('id').where('id', '=', t.bodyId).executeTakeFirst())?.id;
  if (t.meetingId !== undefined) return meetingBody(db, { id: t.meetingId });
  return null;
}

/** Names of bodies, by id (for saying which bodies a token is limited to). */
export async function bodyNames(db: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('body').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
