// Published packs: each publication a new version (never overwritten), its bytes a content-addressed blob.
import type { Actor } from '../domain/types.js';
import { nowIso, recordAudit } from './audit.js';
import type { Queryable } from './db.js';
import { getBlob, putBlob } from './documents.js';

/** Packs, each pack's front sheet on its own, and the printed minutes. */
export type PackKind = 'agenda' | 'supplementary' | 'frontsheet' | 'supplementary-frontsheet' | 'minutes';
export type Audience = 'public' | 'confidential';

export async function nextPublicationVersion(db: Queryable, meetingId: number, kind: PackKind): Promise<number> {
  const row = await db.selectFrom('publication').select((eb) => eb.fn.max('version').as('v')).where('meeting_id', '=', meetingId).where('kind', '=', kind).executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

export interface StoredPack {
  bytes: Uint8Array;
  pageCount: number;
  /** Each item's place in the pack (printed pages and the PDF page), kept with the publication. */
  items: unknown[];
}

/** `note`: why a pack was reissued as a new version (a paper withdrawn), shown beside it. */
export async function storePublication(db: Queryable, actor: Actor, meetingId: number, kind: PackKind, version: number, audience: Audience, pack: StoredPack, lateReason: string | null, publishedAt?: string, note?: string | null) {
  const sha256 = await putBlob(db, pack.bytes);
  await db.insertInto('publication').values({
    meeting_id: meetingId, kind, version, audience, sha256, size: pack.bytes.byteLength, page_count: pack.pageCount,
    items_json: JSON.stringify(pack.items), published_at: publishedAt ?? nowIso(), published_by: actor.name, late_reason: lateReason, note: note ?? null,
  }).execute();
  return { sha256, pageCount: pack.pageCount, size: pack.bytes.byteLength };
}

/**
 * Withholds the meeting's public packs (each version not yet withheld): an item in them was made exempt after they
 * were published. They stay in the record for those entitled; the public gets them back only by a republication.
 * Returns how many were withheld.
 */
export async function withholdPublicPacks(db: Queryable, actor: Actor, meetingId: number, reason: string): Promise<number> {
  const rows = await db.selectFrom('publication').select(['id', 'kind', 'version']).where('meeting_id', '=', meetingId).where('audience', '=', 'public')
    .where('withheld_at', 'is', null).execute();
  if (!rows.length) return 0;
  const at = nowIso();
  await db.updateTable('publication').set({ withheld_at: at, withheld_reason: reason }).where('id', 'in', rows.map((r) => r.id)).execute();
  await recordAudit(db, actor, {
    action: 'withhold', entity: 'meeting', entityId: meetingId, summary: `Withheld ${rows.length} public pack(s): ${reason}`,
    after: { withheldAt: at, publications: rows.map((r) => `${r.kind} v${r.version}`) },
  });
  return rows.length;
}

/** Writes the agenda's page ranges (the public pack's real pages). */
export async function setItemPages(db: Queryable, itemId: number, pages: { startPage: number; endPage: number } | undefined): Promise<void> {
  await db.updateTable('agenda_item').set({ page_start: pages?.startPage ?? null, page_end: pages?.endPage ?? null }).where('id', '=', itemId).execute();
}

/**
 * Records who published the agenda and when, with the meeting's new status. A republished pack (say, rebuilt
 * after the meeting) keeps the date and signatory of the first publication unless a time is given.
 */
export async function markAgendaPublished(db: Queryable, actor: Actor, meetingId: number, status: string, publishedOn: string, publishedAt?: string): Promise<void> {
  const m = await db.selectFrom('meeting').select('agenda_published_at').where('id', '=', meetingId).executeTakeFirst();
  const first = !m?.agenda_published_at || publishedAt !== undefined;
  await db.updateTable('meeting').set({
    status, updated_at: nowIso(),
    ...(first ? { agenda_published_at: publishedAt ?? nowIso(), agenda_published_by: actor.name, published_on: publishedOn } : {}),
  }).where('id', '=', meetingId).execute();
}

/** The date of the meeting at which a meeting's minutes were approved. */
export async function meetingDate(db: Queryable, meetingId: number): Promise<string | undefined> {
  return (await db.selectFrom('meeting').select('date').where('id', '=', meetingId).executeTakeFirst())?.date;
}

/** The items whose papers have now been published are no longer "to follow". */
export async function clearToFollow(db: Queryable, meetingId: number, itemCodes: string[]): Promise<void> {
  await db.updateTable('agenda_item').set({ to_follow: 0 }).where('meeting_id', '=', meetingId).where('code', 'in', itemCodes).execute();
}

/** The publications of a meeting: by kind, newest version first; or all, most recently published first. */
export function listPublications(db: Queryable, meetingId: number, order: 'by-kind' | 'newest' = 'by-kind') {
  const q = db.selectFrom('publication').select(['id', 'kind', 'version', 'audience', 'sha256', 'size', 'page_count', 'published_at', 'published_by', 'late_reason', 'withheld_at', 'withheld_reason', 'note', 'items_json'])
    .where('meeting_id', '=', meetingId);
  return (order === 'newest' ? q.orderBy('published_at', 'desc') : q.orderBy('kind').orderBy('version', 'desc').orderBy('audience', 'desc')).execute();
}

/** A stored pack's bytes (the latest version when none is named). */
export async function getPublishedPack(db: Queryable, meetingId: number, kind: PackKind, audience: Audience, version?: number): Promise<{ bytes: Uint8Array; version: number; sha256: string } | null> {
  let q = db.selectFrom('publication').select(['sha256', 'version']).where('meeting_id', '=', meetingId).where('kind', '=', kind).where('audience', '=', audience);
  if (version !== undefined) q = q.where('version', '=', version);
  const row = await q.orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  const bytes = await getBlob(db, row.sha256);
  return bytes ? { bytes, version: row.version, sha256: row.sha256 } : null;
}
