// The agenda builder's commands: sections, items, order, withdrawal and deferral. Item codes follow the domain
// numbering rules (numbered straight through, or lettered sections A1, B1…) and are re-allocated on every change
// until the agenda is published; after that codes people have seen never change, and late items take new ones.
import { allocateItemCodes } from '../../domain/numbering.js';
import { isClosingItemTitle } from '../../domain/agenda.js';
import { exemptionRaised, itemExempt } from '../../domain/visibility.js';
import type { Actor } from '../../domain/types.js';
import { ValidationError } from '../../errors.js';
import { recordAudit } from '../audit.js';
import type { Queryable } from '../db.js';
import { bool, paragraphsToText } from '../json.js';
import { withholdPublicPacks } from '../publications.js';
import { indexMeeting } from '../search/index.js';
import type { Row } from '../schema.js';
import { checkNames } from '../input.js';
import { formatDisplayDate } from '../../domain/display.js';

export interface AgendaSectionView extends Row<'agenda_section'> {
  items: Row<'agenda_item'>[];
}

/** Sections in order, each with its items in order. */
export async function loadAgenda(db: Queryable, meetingId: number): Promise<AgendaSectionView[]> {
  const sections = await db.selectFrom('agenda_section').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute();
  const items = await db.selectFrom('agenda_item').selectAll().where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();
  return sections.map((s) => ({ ...s, items: items.filter((i) => i.section_id === s.id) }));
}

const EDITABLE = new Set(['scheduled', 'agenda-published']);

async function meetingFor(db: Queryable, meetingId: number) {
  const m = await db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.status', 'meeting.body_id', 'meeting.date', 'body.agenda_style']).where('meeting.id', '=', meetingId).executeTakeFirst();
  if (!m) throw new ValidationError(`there is no meeting ${meetingId}`, 'meeting');
  if (!EDITABLE.has(m.status)) throw new ValidationError(`the agenda cannot be changed once the meeting is ${m.status.replace('-', ' ')}`, 'meeting');
  return m;
}

/** Codes for every item from the agenda's order (only before publication). */
async function renumber(db: Queryable, meetingId: number, style: string): Promise<void> {
  const agenda = await loadAgenda(db, meetingId);
  const lettered = style === 'lettered';
  const codes = allocateItemCodes(lettered ? 'lettered' : 'numbered', agenda.map((s) => ({ itemCount: s.items.length })));
  for (const [si, s] of agenda.entries()) {
    const letter = lettered ? String.fromCharCode(65 + si) : null;
    if (s.letter !== letter) await db.updateTable('agenda_section').set({ letter }).where('id', '=', s.id).execute();
    for (const [ii, item] of s.items.entries()) {
      if (item.code !== codes[si][ii]) await db.updateTable('agenda_item').set({ code: codes[si][ii] }).where('id', '=', item.id).execute();
    }
  }
}

/**
 * A code for an item added after publication. Codes people have seen never change, so a late item takes the next
 * code in a lettered section, or a sub-item ("5a") mid-agenda. Placed before the section's closing "Other items …
 * urgent" item, it follows the item before that one ("4a", "A4a"), so the printed order still reads in sequence.
 */
async function lateCode(db: Queryable, meetingId: number, sectionId: number, style: string): Promise<string> {
  const agenda = await loadAgenda(db, meetingId);
  const section = agenda.find((s) => s.id === sectionId)!;
  const all = agenda.flatMap((s) => s.items);
  const closingAt = section.items.findIndex((i) => isClosingItemTitle(i.title));
  const subItemAfter = (prev: string): string => {
    const base = prev.replace(/[a-z]$/, '');
    const taken = new Set(all.map((i) => i.code));
    for (let c = 97; c < 123; c++) if (!taken.has(`${base}${String.fromCharCode(c)}`)) return `${base}${String.fromCharCode(c)}`;
    throw new ValidationError(`no more late item codes after ${base}`, 'section');
  };
  const before = (items: { code: string }[]) => items.length ? items[items.length - 1].code : agenda.slice(0, agenda.indexOf(section)).flatMap((s) => s.items).pop()?.code ?? '0';
  if (closingAt >= 0) return subItemAfter(before(section.items.slice(0, closingAt)));
  if (style === 'lettered') return `${section.letter ?? 'A'}${section.items.length + 1}`;
  const isLast = agenda[agenda.length - 1].id === sectionId;
  if (isLast || !all.length) return String(all.length ? Math.max(...all.map((i) => Number.parseInt(i.code, 10) || 0)) + 1 : 1);
  return subItemAfter(before(section.items));
}

async function recode(db: Queryable, m: { id: number; status: string; agenda_style: string }): Promise<void> {
  if (m.status === 'scheduled') await renumber(db, m.id, m.agenda_style);
}

export async function addSection(db: Queryable, actor: Actor, meetingId: number, s: { title: string; exempt: boolean }): Promise<number> {
  const m = await meetingFor(db, meetingId);
  const last = await db.selectFrom('agenda_section').select((eb) => eb.fn.max('position').as('p')).where('meeting_id', '=', meetingId).executeTakeFirst();
  const position = Number(last?.p ?? 0) + 1;
  const letter = m.agenda_style === 'lettered' ? String.fromCharCode(64 + Math.min(position, 26)) : null;
  const values = { meeting_id: meetingId, position, letter, title: s.title, exempt: bool(s.exempt) };
  const row = await db.insertInto('agenda_section').values(values).returning('id').executeTakeFirstOrThrow();
  await recode(db, m);
  await recordAudit(db, actor, { action: 'create', entity: 'agenda_section', entityId: row.id, summary: `Added section "${s.title}"`, after: values });
  return row.id;
}

export interface ItemFields {
  sectionId: number;
  title: string;
  purpose: string | null;
  presenters: string[];
  toFollow: boolean;
  urgentReason: string | null;
  exempt: boolean;
  exemptParagraphs: number[];
  publicInterestReason: string | null;
  /** Guests invited to speak to the item (printed on the agenda with their time slot). */
  guests?: ItemGuest[];
}

export interface ItemGuest {
  name: string;
  role: string | null;
  /** "HH:MM" on the 24-hour clock, or null when they are not given a time. */
  timeSlot: string | null;
}

async function checkSection(db: Queryable, meetingId: number, f: ItemFields) {
  checkNames(['title', 'The item\'s title', f.title]);
  const section = await db.selectFrom('agenda_section').selectAll().where('id', '=', f.sectionId).where('meeting_id', '=', meetingId).executeTakeFirst();
  if (!section) throw new ValidationError('choose a section of this meeting\'s agenda', 'sectionId');
  const exempt = itemExempt(f, section);
  if (exempt && !f.exemptParagraphs.length) throw new ValidationError('an exempt item needs at least one paragraph of Schedule 12A', 'exemptParagraphs');
  if (exempt && !f.publicInterestReason) throw new ValidationError('an exempt item needs the reason the public interest in withholding it outweighs disclosure', 'publicInterestReason');
  return exempt;
}

function itemValues(f: ItemFields, exempt: boolean) {
  return {
    section_id: f.sectionId,
    title: f.title,
    purpose: f.purpose,
    presenters_json: JSON.stringify(f.presenters),
    to_follow: bool(f.toFollow),
    urgent_reason: f.urgentReason,
    exempt: bool(exempt),
    exempt_paragraphs: exempt ? paragraphsToText(f.exemptParagraphs) : '',
    public_interest_reason: exempt ? f.publicInterestReason : null,
    guests_json: JSON.stringify(f.guests ?? []),
  };
}

async function nextPosition(db: Queryable, meetingId: number): Promise<number> {
  const last = await db.selectFrom('agenda_item').select((eb) => eb.fn.max('position').as('p')).where('meeting_id', '=', meetingId).executeTakeFirst();
  return Number(last?.p ?? 0) + 1;
}

/**
 * Where a new item goes: at the end of its section, except before the section's closing standing item ("Other
 * items which the Chairman decides are relevant or urgent") — while the agenda is being built and for late and
 * supplementary items after it is published alike: the Chairman's urgent business always comes last.
 */
async function positionForNewItem(db: Queryable, m: { id: number }, sectionId: number): Promise<number> {
  const items = await db.selectFrom('agenda_item').select(['id', 'title', 'position']).where('meeting_id', '=', m.id).where('section_id', '=', sectionId).orderBy('position').execute();
  const closing = items.find((i) => isClosingItemTitle(i.title));
  if (closing) {
    await db.updateTable('agenda_item').set((eb) => ({ position: eb('position', '+', 1) })).where('meeting_id', '=', m.id).where('position', '>=', closing.position).execute();
    return closing.position;
  }
  return nextPosition(db, m.id);
}

export async function addItem(db: Queryable, actor: Actor, meetingId: number, f: ItemFields, extra: { deferredFromItemId?: number } = {}): Promise<{ id: number; code: string }> {
  const m = await meetingFor(db, meetingId);
  const exempt = await checkSection(db, meetingId, f);
  const code = m.status === 'scheduled' ? 'new' : await lateCode(db, meetingId, f.sectionId, m.agenda_style);
  const values = {
    meeting_id: meetingId, position: await positionForNewItem(db, m, f.sectionId), code, ...itemValues(f, exempt), withdrawn: 0,
    deferred_to_meeting_id: null, deferred_from_item_id: extra.deferredFromItemId ?? null, page_start: null, page_end: null,
  };
  const row = await db.insertInto('agenda_item').values(values).returning('id').executeTakeFirstOrThrow();
  await recode(db, m);
  const saved = await db.selectFrom('agenda_item').select('code').where('id', '=', row.id).executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'create', entity: 'agenda_item', entityId: row.id, summary: `Added item ${saved.code} "${f.title}"`, after: { ...values, code: saved.code } });
  return { id: row.id, code: saved.code };
}

async function itemOf(db: Queryable, itemId: number) {
  const item = await db.selectFrom('agenda_item').selectAll().where('id', '=', itemId).executeTakeFirst();
  if (!item) throw new ValidationError(`there is no agenda item ${itemId}`, 'item');
  return item;
}

export async function updateItem(db: Queryable, actor: Actor, itemId: number, f: ItemFields): Promise<void> {
  const before = await itemOf(db, itemId);
  const m = await meetingFor(db, before.meeting_id);
  const exempt = await checkSection(db, m.id, f);
  const values = itemValues(f, exempt);
  const moved = f.sectionId !== before.section_id;
  if (moved && m.status !== 'scheduled') throw new ValidationError('items cannot move to another section once the agenda is published', 'sectionId');
  await db.updateTable('agenda_item').set(moved ? { ...values, position: await nextPosition(db, m.id) } : values).where('id', '=', itemId).execute();
  await recode(db, m);
  await recordAudit(db, actor, { action: 'update', entity: 'agenda_item', entityId: itemId, summary: `Changed item ${before.code}`, before, after: values });
  // Made exempt after its agenda was published: the public packs printed what is now exempt.
  const wasExempt = itemExempt(before, { exempt: (await db.selectFrom('agenda_section').select('exempt').where('id', '=', before.section_id ?? -1).executeTakeFirst())?.exempt ?? 0 });
  if (exemptionRaised(wasExempt, exempt)) await withholdPublicPacks(db, actor, m.id, `item ${before.code} was made exempt; republish the agenda for the public`);
  // Search entries carry the classification they were indexed under: re-index the meeting when it changes.
  if (wasExempt !== exempt) await indexMeeting(db, m.id);
  // Papers follow the item's classification: an item made exempt must not leave an unrestricted paper behind.
  await db.updateTable('document').set({ classification: exempt ? 'exempt' : 'unrestricted', exempt_paragraphs: values.exempt_paragraphs })
    .where('agenda_item_id', '=', itemId).execute();
}

export async function moveItem(db: Queryable, actor: Actor, itemId: number, direction: 'up' | 'down'): Promise<void> {
  const item = await itemOf(db, itemId);
  const m = await meetingFor(db, item.meeting_id);
  if (m.status !== 'scheduled') throw new ValidationError('items cannot be moved once the agenda is published: their codes are in print', 'item');
  const siblings = await db.selectFrom('agenda_item').select(['id', 'position', 'code']).where('section_id', '=', item.section_id).orderBy('position').orderBy('id').execute();
  const i = siblings.findIndex((s) => s.id === itemId);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= siblings.length) return;
  await db.updateTable('agenda_item').set({ position: siblings[j].position }).where('id', '=', itemId).execute();
  await db.updateTable('agenda_item').set({ position: siblings[i].position }).where('id', '=', siblings[j].id).execute();
  if (siblings[i].position === siblings[j].position) {
    await db.updateTable('agenda_item').set({ position: siblings[i].position + (direction === 'up' ? -1 : 1) }).where('id', '=', itemId).execute();
  }
  await recode(db, m);
  await recordAudit(db, actor, { action: 'move', entity: 'agenda_item', entityId: itemId, summary: `Moved item ${item.code} ${direction}`, before: { position: item.position }, after: { position: siblings[j].position } });
}

export async function setWithdrawn(db: Queryable, actor: Actor, itemId: number, withdrawn: boolean): Promise<void> {
  const item = await itemOf(db, itemId);
  await meetingFor(db, item.meeting_id);
  if (item.deferred_to_meeting_id) throw new ValidationError('this item was deferred to another meeting; change it there', 'item');
  await db.updateTable('agenda_item').set({ withdrawn: bool(withdrawn) }).where('id', '=', itemId).execute();
  await recordAudit(db, actor, { action: withdrawn ? 'withdraw' : 'reinstate', entity: 'agenda_item', entityId: itemId, summary: `${withdrawn ? 'Withdrew' : 'Reinstated'} item ${item.code} "${item.title}"`, before: { withdrawn: item.withdrawn }, after: { withdrawn: bool(withdrawn) } });
}

/**
 * Defers an item to a later meeting of the same body: the item stays on this agenda marked as deferred, and a copy
 * that remembers where it came from goes on the later agenda (in a section of the same kind), taking its papers.
 */
export async function deferItem(db: Queryable, actor: Actor, itemId: number, toMeetingId: number): Promise<{ id: number; code: string }> {
  const item = await itemOf(db, itemId);
  const from = await meetingFor(db, item.meeting_id);
  if (item.deferred_to_meeting_id) throw new ValidationError('this item has already been deferred', 'toMeetingId');
  const to = await db.selectFrom('meeting').select(['id', 'body_id', 'date', 'status']).where('id', '=', toMeetingId).executeTakeFirst();
  if (!to || to.body_id !== from.body_id) throw new ValidationError('choose a later meeting of the same body', 'toMeetingId');
  if (to.date <= from.date) throw new ValidationError(`choose a meeting after this one (${formatDisplayDate(from.date)})`, 'toMeetingId');
  if (!EDITABLE.has(to.status)) throw new ValidationError('the meeting chosen can no longer take agenda items', 'toMeetingId');
  const wantExempt = item.exempt === 1;
  let section = await db.selectFrom('agenda_section').select('id').where('meeting_id', '=', to.id).where('exempt', '=', bool(wantExempt)).orderBy('position', 'desc').executeTakeFirst();
  const sectionId = section?.id ?? (await addSection(db, actor, to.id, { title: wantExempt ? 'Exempt items' : 'Items for decision or monitoring', exempt: wantExempt }));
  section = { id: sectionId };
  const moved = await addItem(db, actor, to.id, {
    sectionId: section.id, title: item.title, purpose: item.purpose, presenters: JSON.parse(item.presenters_json) as string[],
    toFollow: item.to_follow === 1, urgentReason: null, exempt: wantExempt,
    exemptParagraphs: item.exempt_paragraphs ? item.exempt_paragraphs.split(',').map(Number) : [], publicInterestReason: item.public_interest_reason,
    guests: JSON.parse(item.guests_json) as ItemGuest[],
  }, { deferredFromItemId: item.id });
  await db.updateTable('agenda_item').set({ withdrawn: 1, deferred_to_meeting_id: to.id }).where('id', '=', itemId).execute();
  await db.updateTable('document').set({ meeting_id: to.id, agenda_item_id: moved.id }).where('agenda_item_id', '=', itemId).execute();
  await recordAudit(db, actor, { action: 'defer', entity: 'agenda_item', entityId: itemId, summary: `Deferred item ${item.code} "${item.title}" to the meeting of ${to.date} (item ${moved.code})`, before: { deferred_to_meeting_id: null }, after: { deferred_to_meeting_id: to.id, new_item_id: moved.id } });
  return moved;
}
