// Everything a meeting page shows, in a fixed handful of queries run together, with exempt content removed unless
// the viewer is entitled to it. Also serves the item page, which is a slice of the same model.
import type { Viewer } from '../../domain/policy.js';
import { safeWebUrl } from '../../domain/input.js';
import { councilDay } from '../../domain/display.js';
import { attendanceRoleText, type AgendaItem, type Contact, type Guest, type RecordedVote, type Resolution } from '../../domain/types.js';
import type { Queryable } from '../db.js';
import { parseJson, textToParagraphs } from '../json.js';
import { styledAttendance, styledNamesOf } from './people.js';
import { exemptLabel, itemAccess, itemExempt, maySee, packExempt, paperExempt, seesUnpublished } from '../../domain/visibility.js';
import { agendaPublished, decisionVisible, documentPublished, meetingHeld, minutesPublished, seesExempt } from './visibility.js';

/** The one rule's label, re-exported for the views that import it from here. */
export { exemptLabel } from '../../domain/visibility.js';

export interface PaperView {
  slug: string;
  title: string;
  kind: string;
  size: number | null;
  pageCount: number | null;
  hasFile: boolean;
  hasText: boolean;
  version: number;
  /** Withdrawn (the day on the council's clock, and why): listed still, as history. */
  withdrawn: { on: string; reason: string } | null;
}

/** The item as the viewer may see it (purpose, presenters and guests are empty when it is restricted). */
export interface ItemView extends Omit<AgendaItem, 'exemptParagraphs' | 'publicInterestReason'> {
  id: number;
  /** Exempt and the viewer is not entitled: title and paragraph only. */
  restricted: boolean;
  exemptLabel: string | null;
  pageStart: number | null;
  pageEnd: number | null;
  /** The pack and PDF page that carry the item's first printed page ("pack.pdf#page=5"). */
  pageLink: string | null;
  /** Which pack the pages are in: the agenda reports pack or a supplementary agenda. */
  pageIn: string | null;
  papers: PaperView[];
  /** Every paper the item had was withdrawn (the item itself stands): "report withdrawn". */
  reportWithdrawn: boolean;
  sectionId: number | null;
}

export interface MinuteView {
  number: string;
  title: string;
  itemCode: string | null;
  restricted: boolean;
  exempt: boolean;
  exemptLabel: string | null;
  paragraphs: string[];
  resolutions: Resolution[];
  votes: RecordedVote[];
  postMeetingNote: string | null;
}

export interface PackView {
  kind: string;
  version: number;
  audience: string;
  size: number;
  pageCount: number;
  publishedAt: string;
  url: string;
  lateReason: string | null;
  /** Why this version was reissued ("… withdrawn: …"). */
  note: string | null;
  latest: boolean;
}

/** The file name of each kind of publication, as in /meetings/<slug>/<file>. */
export const PACK_FILE_BASES: Record<string, string> = {
  agenda: 'pack', supplementary: 'supplementary-pack', frontsheet: 'frontsheet', 'supplementary-frontsheet': 'supplementary-frontsheet', minutes: 'minutes',
};

/** The order a meeting page lists its documents in, as modern.gov users expect them. */
const PACK_ORDER = ['frontsheet', 'agenda', 'supplementary-frontsheet', 'supplementary', 'minutes'];

export function packFileName(kind: string, version: number, audience: string, latest: boolean): string {
  const base = PACK_FILE_BASES[kind] ?? kind;
  const aud = audience === 'public' ? '' : `-${audience}`;
  return latest && !aud ? `${base}.pdf` : `${base}${aud}-v${version}.pdf`;
}

async function loadMeeting(db: Queryable, slug: string) {
  return db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.slug', 'meeting.body_id', 'meeting.date', 'meeting.time', 'meeting.venue', 'meeting.status',
      'meeting.status_reason', 'meeting.webcast_url', 'meeting.contacts_json', 'meeting.historic', 'meeting.agenda_published_at',
      'meeting.published_on', 'meeting.signatory_name', 'meeting.signatory_title', 'meeting.minutes_approved_at_meeting_id',
      'meeting.minutes_amendments', 'meeting.updated_at',
      'body.name as body_name', 'body.slug as body_slug', 'body.kind as body_kind'])
    .where('meeting.slug', '=', slug).executeTakeFirst();
}

export type MeetingPage = NonNullable<Awaited<ReturnType<typeof readMeetingPage>>>;

/**
 * The stored rows a meeting page is made from, the same for every viewer (no query here takes the viewer), so a
 * caller may keep them until the data version moves on (services/read-cache.ts). null: no such meeting.
 */
export type MeetingRecord = NonNullable<Awaited<ReturnType<typeof loadMeetingRecord>>>;

export async function loadMeetingRecord(db: Queryable, slug: string) {
  const meeting = await loadMeeting(db, slug);
  if (!meeting) return null;
  const id = meeting.id;
  const [sections, items, documents, publications, attendance, declarations, minutes, decisions, approvedAt] = await Promise.all([
    db.selectFrom('agenda_section').select(['id', 'position', 'letter', 'title', 'exempt']).where('meeting_id', '=', id).orderBy('position').execute(),
    db.selectFrom('agenda_item').select(['id', 'section_id', 'position', 'code', 'title', 'purpose', 'presenters_json', 'guests_json', 'to_follow',
      'withdrawn', 'urgent_reason', 'exempt', 'exempt_paragraphs', 'page_start', 'page_end']).where('meeting_id', '=', id).orderBy('position').execute(),
    db.selectFrom('document')
      .innerJoin('document_version', (j) => j.onRef('document_version.document_id', '=', 'document.id').onRef('document_version.version', '=', 'document.current_version'))
      .select(['document.id', 'document.slug', 'document.kind', 'document.title', 'document_version.classification', 'document.exempt_paragraphs',
        'document.agenda_item_id', 'document.workflow_status', 'document.current_version', 'document_version.size', 'document_version.page_count',
        'document_version.sha256', 'document.withdrawn_at', 'document.withdrawn_reason', 'document.withdrawn_public',
        (eb) => eb('document_version.pages_json', 'is not', null).as('has_text')])
      .where('document.meeting_id', '=', id).orderBy('document.position').orderBy('document.id').execute(),
    db.selectFrom('publication').select(['kind', 'version', 'audience', 'size', 'page_count', 'items_json', 'published_at', 'late_reason', 'withheld_at', 'note'])
      .where('meeting_id', '=', id).orderBy('kind').orderBy('version', 'desc').execute(),
    db.selectFrom('attendance').leftJoin('person', 'person.id', 'attendance.person_id')
      .select(['attendance.name_as_recorded', 'attendance.person_id', 'attendance.kind', 'attendance.role', 'attendance.substitute_for_name', 'attendance.substitute_for_person_id', 'attendance.for_item_id', 'person.slug as person_slug'])
      .where('attendance.meeting_id', '=', id).orderBy('attendance.id').execute(),
    db.selectFrom('declaration').leftJoin('person', 'person.id', 'declaration.person_id')
      .select(['declaration.agenda_item_id', 'declaration.person_name', 'declaration.person_id', 'declaration.kind', 'declaration.nature', 'declaration.dispensation', 'person.slug as person_slug'])
      .where('declaration.meeting_id', '=', id).orderBy('declaration.id').execute(),
    db.selectFrom('minute').select(['agenda_item_id', 'number', 'title', 'paragraphs_json', 'resolutions_json', 'votes_json', 'post_meeting_note', 'exempt'])
      .where('meeting_id', '=', id).orderBy('position').execute(),
    db.selectFrom('decision').select(['slug', 'number', 'subject', 'taker_name', 'taken_on', 'status', 'classification', 'key_decision', 'agenda_item_id', 'taker_body_id', 'meeting_id'])
      .where('meeting_id', '=', id).orderBy('year').orderBy('seq').execute(),
    meeting.minutes_approved_at_meeting_id
      ? db.selectFrom('meeting').select(['slug', 'date']).where('id', '=', meeting.minutes_approved_at_meeting_id).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  // People of the record are named in the council's style; names recorded as text stay as recorded.
  const [names, styledAttendees] = await Promise.all([styledNamesOf(db, declarations.map((d) => d.person_id)), styledAttendance(db, attendance)]);
  const styledDeclarations = declarations.map((d) => (d.person_id !== null && names.has(d.person_id) ? { ...d, person_name: names.get(d.person_id)! } : d));
  return { meeting, sections, items, documents, publications, attendance: styledAttendees, declarations: styledDeclarations, minutes, decisions, approvedAt };
}

export async function readMeetingPage(db: Queryable, slug: string, viewer: Viewer) {
  const record = await loadMeetingRecord(db, slug);
  return record ? meetingPageFor(record, viewer) : null;
}

/** The page as this viewer may see it, from the stored rows (which it does not change). */
export function meetingPageFor(record: MeetingRecord, viewer: Viewer) {
  const { meeting, sections, items, documents, publications, attendance, declarations, minutes, decisions, approvedAt } = record;
  const id = meeting.id;
  const exemptOk = seesExempt(viewer, meeting.body_id, id);
  const published = agendaPublished(meeting) || seesUnpublished(viewer);

  const itemById = new Map(items.map((i) => [i.id, i]));
  const sectionExempt = new Map(sections.map((s) => [s.id, !!s.exempt]));
  const isItemExempt = (i: (typeof items)[number]) => itemExempt(i, { exempt: i.section_id !== null && !!sectionExempt.get(i.section_id) });

  const readable = publications.filter((p) => maySee(viewer, { bodyId: meeting.body_id, meetingId: id, exempt: packExempt({ audience: p.audience, withheldAt: p.withheld_at }) }));
  const visiblePacks = readable
    .sort((a, b) => PACK_ORDER.indexOf(a.kind) - PACK_ORDER.indexOf(b.kind) || b.version - a.version || (a.audience < b.audience ? 1 : -1));
  const seenLatest = new Set<string>();
  const packs: PackView[] = visiblePacks.map((p) => {
    const key = `${p.kind}/${p.audience}`;
    const latest = !seenLatest.has(key);
    seenLatest.add(key);
    return { kind: p.kind, version: p.version, audience: p.audience, size: p.size, pageCount: p.page_count, publishedAt: p.published_at,
      url: `/meetings/${meeting.slug}/${packFileName(p.kind, p.version, p.audience, latest)}`, lateReason: p.late_reason, note: p.note, latest };
  });
  // Page ranges as published, from the latest pack the viewer reads (the confidential one if entitled, as its pages
  // differ where exempt papers replace the public placeholder): each links to the PDF page carrying the printed page.
  const audience = exemptOk && publications.some((p) => p.audience === 'confidential') ? 'confidential' : 'public';
  const packRanges = new Map<string, { startPage: number; endPage: number; link: string; pageIn: string }>();
  for (const kind of ['supplementary', 'agenda']) {
    const pack = readable.filter((p) => p.kind === kind && p.audience === audience).sort((a, b) => b.version - a.version)[0];
    if (!pack) continue;
    const file = packFileName(kind, pack.version, audience, true);
    for (const r of parseJson<{ code: string; startPage: number; endPage: number; pdfPage?: number }[]>(pack.items_json, [])) {
      packRanges.set(r.code, { ...r, link: `/meetings/${meeting.slug}/${file}#page=${r.pdfPage ?? r.startPage}`, pageIn: kind === 'agenda' ? 'the agenda reports pack' : 'the supplementary agenda' });
    }
  }

  const papersByItem = new Map<number | null, PaperView[]>();
  for (const d of documents) {
    const item = d.agenda_item_id !== null ? itemById.get(d.agenda_item_id) : undefined;
    const exempt = paperExempt({ classification: d.classification, kind: d.kind, itemExempt: item ? isItemExempt(item) : false });
    if (exempt && !exemptOk) continue;
    if (!documentPublished(d) || !published) continue;
    if (d.kind === 'agenda-pack' || d.kind === 'supplementary-pack') continue;
    const list = papersByItem.get(d.agenda_item_id) ?? [];
    list.push({ slug: d.slug, title: d.title, kind: d.kind, size: d.size, pageCount: d.page_count, hasFile: !!d.sha256, hasText: !!d.has_text, version: d.current_version,
      withdrawn: d.withdrawn_at ? { on: councilDay(d.withdrawn_at), reason: d.withdrawn_reason ?? '' } : null });
    papersByItem.set(d.agenda_item_id, list);
  }

  const itemViews: ItemView[] = items.map((i) => {
    const exempt = isItemExempt(i);
    const restricted = itemAccess(viewer, { exempt, published: true, bodyId: meeting.body_id, meetingId: id }) === 'restricted';
    const paras = textToParagraphs(i.exempt_paragraphs);
    const range = packRanges.get(i.code);
    return {
      id: i.id, code: i.code, title: i.title,
      purpose: restricted ? null : i.purpose,
      presenters: restricted ? [] : parseJson<string[]>(i.presenters_json, []),
      guests: restricted ? [] : parseJson<Guest[]>(i.guests_json, []),
      toFollow: !!i.to_follow, withdrawn: !!i.withdrawn, urgentReason: restricted ? null : i.urgent_reason,
      exempt, restricted, exemptLabel: exempt ? exemptLabel(paras) : null,
      pageStart: range?.startPage ?? i.page_start, pageEnd: range?.endPage ?? i.page_end,
      pageLink: range?.link ?? null, pageIn: range?.pageIn ?? null,
      // Paper by paper (papersByItem asked paperExempt): a restricted item still lists its public papers, the
      // unrestricted Record of Decision of a decision taken in private; its exempt papers were left out above.
      papers: papersByItem.get(i.id) ?? [],
      reportWithdrawn: !i.withdrawn && !restricted && !!papersByItem.get(i.id)?.length && papersByItem.get(i.id)!.every((p) => p.withdrawn),
      sectionId: i.section_id,
    };
  });
  const agenda = sections.map((s) => ({ id: s.id as number | null, letter: s.letter, title: s.title, exempt: !!s.exempt, items: itemViews.filter((i) => i.sectionId === s.id) }));
  const unsectioned = itemViews.filter((i) => i.sectionId === null);
  if (unsectioned.length) agenda.push({ id: null, letter: null, title: sections.length ? 'Other items' : 'Agenda', exempt: false, items: unsectioned });

  const held = meetingHeld(meeting);
  const minutesVisible = minutesPublished(meeting) || (held && seesUnpublished(viewer));
  const codeOf = (itemId: number | null) => (itemId !== null ? itemById.get(itemId)?.code ?? null : null);
  const minuteViews: MinuteView[] = minutesVisible ? minutes.map((m) => {
    const item = m.agenda_item_id !== null ? itemById.get(m.agenda_item_id) : undefined;
    const exempt = !!m.exempt || (item ? isItemExempt(item) : false);
    const restricted = exempt && !exemptOk;
    return {
      number: m.number, title: m.title, itemCode: codeOf(m.agenda_item_id), exempt, restricted,
      exemptLabel: exempt ? exemptLabel(item ? textToParagraphs(item.exempt_paragraphs) : []) : null,
      paragraphs: restricted ? [] : parseJson<string[]>(m.paragraphs_json, []),
      resolutions: restricted ? [] : parseJson<Resolution[]>(m.resolutions_json, []),
      votes: restricted ? [] : parseJson<RecordedVote[]>(m.votes_json, []),
      postMeetingNote: restricted ? null : m.post_meeting_note,
    };
  }) : [];

  const byKind = (k: string) => attendance.filter((a) => a.kind === k).map((a) => ({
    name: a.name_as_recorded, role: attendanceRoleText(a.role, meeting.body_kind), personSlug: a.person_slug, substituteFor: a.substitute_for_name,
    forItem: codeOf(a.for_item_id),
  }));

  return {
    meeting: {
      id, slug: meeting.slug, date: meeting.date, time: meeting.time, venue: meeting.venue, status: meeting.status,
      statusReason: meeting.status_reason, webcastUrl: safeWebUrl(meeting.webcast_url), contacts: parseJson<Contact[]>(meeting.contacts_json, []),
      historic: !!meeting.historic, publishedOn: meeting.published_on ?? meeting.agenda_published_at?.slice(0, 10) ?? null,
      signatory: meeting.signatory_name ? [meeting.signatory_name, meeting.signatory_title].filter(Boolean).join(', ') : null,
      minutesApprovedAt: approvedAt ?? null, minutesAmendments: meeting.minutes_amendments, updatedAt: meeting.updated_at,
    },
    body: { id: meeting.body_id, name: meeting.body_name, slug: meeting.body_slug, kind: meeting.body_kind },
    exemptOk, published, held,
    agenda: published ? agenda : [],
    items: published ? itemViews : [],
    otherPapers: published ? papersByItem.get(null) ?? [] : [],
    packs: published ? packs : [],
    attendance: held ? {
      present: byKind('present'), alsoPresent: byKind('also-present'), inAttendance: byKind('in-attendance'),
      apologies: byKind('apologies'), absent: byKind('absent'),
    } : null,
    substitutes: held ? attendance.filter((a) => a.substitute_for_name).map((a) => ({ name: a.name_as_recorded, personSlug: a.person_slug, for: a.substitute_for_name! })) : [],
    declarations: held ? declarations.map((d) => ({ name: d.person_name, personSlug: d.person_slug, kind: d.kind, nature: d.nature, dispensation: d.dispensation, itemCode: codeOf(d.agenda_item_id) })) : [],
    minutesVisible,
    minutes: minuteViews,
    decisions: decisions.filter((d) => decisionVisible(viewer, d)).map((d) => ({ slug: d.slug, number: d.number, subject: d.subject, takerName: d.taker_name,
      takenOn: d.taken_on, status: d.status, key: !!d.key_decision,
      // The item it was taken on, where this viewer sees the agenda.
      itemCode: published ? codeOf(d.agenda_item_id) : null, itemTitle: published && d.agenda_item_id !== null ? itemById.get(d.agenda_item_id)?.title ?? null : null })),
  };
}

