// Meetings and their agendas (sections and items).
import { meetingSlug, uniqueSlug } from '../domain/slugs.js';
import type { Actor, AgendaItem, Contact, MeetingStatus } from '../domain/types.js';
import { nowIso, recordAudit } from './audit.js';
import type { Queryable } from './db.js';
import type { RowUpdate } from './schema.js';
import { bool, paragraphsToText } from './json.js';
import { takenSlugs } from './slugs.js';
import { checkNames, checkWebUrl } from './input.js';

/** An item to write: the domain's AgendaItem, code and title required, and the pages the pack gives it. */
export interface NewAgendaItem extends Pick<AgendaItem, 'code' | 'title'>, Partial<Omit<AgendaItem, 'code' | 'title' | 'exemptParagraphs'>> {
  exemptParagraphs?: number[];
  pageStart?: number | null;
  pageEnd?: number | null;
}

export interface NewAgendaSection {
  letter?: string | null;
  title: string;
  exempt?: boolean;
  items: NewAgendaItem[];
}

export interface NewMeeting {
  bodyId: number;
  date: string;
  time?: string | null;
  venue?: string | null;
  status?: MeetingStatus;
  statusReason?: string | null;
  webcastUrl?: string | null;
  contacts?: Contact[];
  historic?: boolean;
  signatoryName?: string | null;
  signatoryTitle?: string | null;
  publishedOn?: string | null;
  sections?: NewAgendaSection[];
}

export interface CreatedMeeting {
  id: number;
  slug: string;
  /** Agenda item ids by code, in agenda order. */
  items: { id: number; code: string }[];
}

export async function createMeeting(db: Queryable, actor: Actor, m: NewMeeting, options: { audit?: boolean } = {}): Promise<CreatedMeeting> {
  checkNames(['venue', 'The venue', m.venue]);
  checkWebUrl('webcastUrl', 'The webcast address', m.webcastUrl);
  const body = await db.selectFrom('body').select(['name']).where('id', '=', m.bodyId).executeTakeFirstOrThrow();
  const base = meetingSlug(m.date, body.name);
  const taken = await takenSlugs(db, 'meeting', base);
  const now = nowIso();
  const values = {
    slug: uniqueSlug(base, (s) => taken.has(s)),
    body_id: m.bodyId,
    date: m.date,
    time: m.time ?? null,
    venue: m.venue ?? null,
    status: m.status ?? 'scheduled',
    status_reason: m.statusReason ?? null,
    webcast_url: m.webcastUrl ?? null,
    contacts_json: JSON.stringify(m.contacts ?? []),
    historic: bool(m.historic),
    agenda_published_at: null,
    agenda_published_by: null,
    signatory_name: m.signatoryName ?? null,
    signatory_title: m.signatoryTitle ?? null,
    published_on: m.publishedOn ?? null,
    minutes_approved_at_meeting_id: null,
    minutes_amendments: null,
    created_at: now,
    updated_at: now,
  };
  const { id } = await db.insertInto('meeting').values(values).returning('id').executeTakeFirstOrThrow();
  const items = await insertAgenda(db, id, m.sections ?? [], { item: 0, section: 0 });
  if (options.audit !== false) {
    await recordAudit(db, actor, { action: 'create', entity: 'meeting', entityId: id, summary: `Scheduled ${body.name} on ${m.date}`, after: { ...values, sections: m.sections ?? [] } });
  }
  return { id, slug: values.slug, items };
}

/**
 * Adds sections and items after any already on the agenda: after the last positions given (a meeting just created
 * has none), or else after those the agenda holds.
 */
export async function insertAgenda(db: Queryable, meetingId: number, sections: NewAgendaSection[], after?: { item: number; section: number }): Promise<{ id: number; code: string }[]> {
  const last = after ?? await db.selectNoFrom((eb) => [
    eb.selectFrom('agenda_item').select((e) => e.fn.max('position').as('p')).where('meeting_id', '=', meetingId).as('item'),
    eb.selectFrom('agenda_section').select((e) => e.fn.max('position').as('p')).where('meeting_id', '=', meetingId).as('section'),
  ]).executeTakeFirstOrThrow();
  let position = Number(last.item ?? 0);
  let sectionPosition = Number(last.section ?? 0);
  for (const s of sections) checkNames(['title', 'A section title', s.title], ...s.items.map((it): [string, string, string] => ['title', `The title of item ${it.code}`, it.title]));
  if (!sections.length) return [];
  // All the sections in one statement and all the items in another (a bulk load creates hundreds of agendas), each
  // row found again by its position, which is unique within the meeting.
  const placed = sections.map((s) => ({ s, position: ++sectionPosition }));
  const sectionIds = new Map((await db.insertInto('agenda_section')
    .values(placed.map(({ s, position }) => ({ meeting_id: meetingId, position, letter: s.letter ?? null, title: s.title, exempt: bool(s.exempt) })))
    .returning(['id', 'position']).execute()).map((r) => [r.position, r.id]));
  const items = placed.flatMap(({ s, position: at }) => s.items.map((it) => ({
    meeting_id: meetingId,
    section_id: sectionIds.get(at)!,
    position: ++position,
    code: it.code,
    title: it.title,
    purpose: it.purpose ?? null,
    presenters_json: JSON.stringify(it.presenters ?? []),
    guests_json: JSON.stringify(it.guests ?? []),
    to_follow: bool(it.toFollow),
    withdrawn: bool(it.withdrawn),
    deferred_to_meeting_id: null,
    deferred_from_item_id: null,
    urgent_reason: it.urgentReason ?? null,
    exempt: bool(it.exempt ?? s.exempt),
    exempt_paragraphs: paragraphsToText(it.exemptParagraphs ?? []),
    public_interest_reason: it.publicInterestReason ?? null,
    page_start: it.pageStart ?? null,
    page_end: it.pageEnd ?? null,
  })));
  if (!items.length) return [];
  const rows = await db.insertInto('agenda_item').values(items).returning(['id', 'code', 'position']).execute();
  return rows.sort((a, b) => a.position - b.position).map(({ id, code }) => ({ id, code }));
}

export async function getMeeting(db: Queryable, idOrSlug: number | string) {
  const q = db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .selectAll('meeting').select(['body.name as body_name', 'body.slug as body_slug', 'body.kind as body_kind', 'body.agenda_style']);
  return (typeof idOrSlug === 'number' ? q.where('meeting.id', '=', idOrSlug) : q.where('meeting.slug', '=', idOrSlug)).executeTakeFirst();
}

/** The item with this code on a meeting's agenda. */
export function agendaItemByCode(db: Queryable, meetingId: number, code: string) {
  return db.selectFrom('agenda_item').select(['id', 'code', 'title']).where('meeting_id', '=', meetingId).where('code', '=', code).executeTakeFirst();
}

/** A meeting's agenda items in order (id, code, title). */
export function agendaItemsOf(db: Queryable, meetingId: number) {
  return db.selectFrom('agenda_item').select(['id', 'code', 'title']).where('meeting_id', '=', meetingId).orderBy('position').execute();
}

/** The agenda items of several meetings in agenda order (for choosing the item a decision was taken on). */
export function agendaItemsOfMeetings(db: Queryable, meetingIds: readonly number[]) {
  if (!meetingIds.length) return Promise.resolve([]);
  return db.selectFrom('agenda_item').select(['id', 'meeting_id', 'code', 'title', 'withdrawn']).where('meeting_id', 'in', [...meetingIds])
    .orderBy('meeting_id').orderBy('position').execute();
}

/** An agenda item by id. */
export function getAgendaItem(db: Queryable, itemId: number) {
  return db.selectFrom('agenda_item').selectAll().where('id', '=', itemId).executeTakeFirst();
}

export interface MeetingFilter {
  bodyId?: number;
  from?: string;
  to?: string;
  status?: MeetingStatus;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export function listMeetings(db: Queryable, f: MeetingFilter = {}) {
  let q = db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.slug', 'meeting.date', 'meeting.time', 'meeting.venue', 'meeting.status', 'meeting.historic',
      'meeting.body_id', 'body.name as body_name', 'body.slug as body_slug']);
  if (f.bodyId) q = q.where('meeting.body_id', '=', f.bodyId);
  if (f.from) q = q.where('meeting.date', '>=', f.from);
  if (f.to) q = q.where('meeting.date', '<=', f.to);
  if (f.status) q = q.where('meeting.status', '=', f.status);
  q = q.orderBy('meeting.date', f.order ?? 'asc').orderBy('meeting.time', f.order ?? 'asc').orderBy('meeting.id', f.order ?? 'asc');
  if (f.limit) q = q.limit(f.limit);
  if (f.offset) q = q.offset(f.offset);
  return q.execute();
}

/** The body's last meeting before a date that was held (whose minutes come up for approval next). */
export function previousHeldMeeting(db: Queryable, bodyId: number, before: string) {
  return db.selectFrom('meeting').select(['id', 'date', 'venue']).where('body_id', '=', bodyId)
    .where('date', '<', before).where('status', 'in', ['minutes-drafted', 'minutes-approved', 'held'])
    .orderBy('date', 'desc').limit(1).executeTakeFirst();
}

export async function getAgenda(db: Queryable, meetingId: number) {
  const [sections, items] = await Promise.all([
    db.selectFrom('agenda_section').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute(),
    db.selectFrom('agenda_item').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute(),
  ]);
  return { sections, items };
}

/** Sets columns of a meeting as they are (bulk loading of records; a clerk's change goes through a writer that audits). */
export async function updateMeetingRow(db: Queryable, meetingId: number, values: RowUpdate<'meeting'>): Promise<void> {
  await db.updateTable('meeting').set(values).where('id', '=', meetingId).execute();
}

export async function setMeetingStatus(db: Queryable, actor: Actor, meetingId: number, status: MeetingStatus, reason: string | null = null): Promise<void> {
  const before = await db.selectFrom('meeting').select(['status', 'status_reason']).where('id', '=', meetingId).executeTakeFirstOrThrow();
  await db.updateTable('meeting').set({ status, status_reason: reason, updated_at: nowIso() }).where('id', '=', meetingId).execute();
  await recordAudit(db, actor, { action: 'status', entity: 'meeting', entityId: meetingId, summary: `Status ${before.status} → ${status}`, before, after: { status, status_reason: reason } });
}
