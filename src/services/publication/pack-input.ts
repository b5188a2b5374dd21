// Maps a stored meeting onto the pack builder's input: front-sheet facts, membership by group, the agenda by
// section, and each item's papers in order — uploaded PDFs as they are, and the minutes of the body's previous
// meeting rendered from the record for the "Minutes" item when no paper was uploaded for it.
import type { Queryable } from '../../store/db.js';
import { getSeats, membershipOn } from '../../store/bodies.js';
import { getCouncil } from '../../store/council.js';
import { getBlob, itemPapersOfMeeting, withdrawalHistory } from '../../store/documents.js';
import { parseJson, textToParagraphs } from '../../store/json.js';
import { getAgenda, getMeeting, previousHeldMeeting } from '../../store/meetings.js';
import { councilNameStyle, styledAttendance, styledNameOf } from '../../store/read/people.js';
import { getAttendance, getMinutes } from '../../store/proceedings.js';
import type { AgendaSection, DecisionPaper, MinutesPaper, PackInput, Paper, PoliticalGroup, ReinstatedPaper, WithdrawnPaper } from '../../pack/model.js';
import { councilDay } from '../../domain/display.js';
import { decisionExemptPartText, decisionsOfMeeting } from '../../store/decisions.js';
import { attendanceChairRole, attendanceRoleText, membershipRoleLabel, type Contact, type Resolution } from '../../domain/types.js';
import { NotFoundError } from '../../errors.js';
import { PUBLIC_VIEWER } from '../../domain/policy.js';
import { itemDataReports } from '../data.js';
import { generatedPapersForItems } from '../executive/papers.js';
import { decisionExempt, decisionPublished, itemExempt, meetingHeld, minuteExempt, paperExempt } from '../../domain/visibility.js';
import { documentPublished } from '../../store/read/visibility.js';

export async function findMeeting(db: Queryable, idOrSlug: string | number) {
  const asNumber = typeof idOrSlug === 'number' ? idOrSlug : /^\d+$/.test(idOrSlug) ? Number.parseInt(idOrSlug, 10) : null;
  const meeting = await getMeeting(db, asNumber ?? idOrSlug);
  if (!meeting) throw new NotFoundError(`Meeting "${idOrSlug}" (run \`moot meetings\` for the ids and slugs)`);
  return meeting;
}

async function membershipInput(db: Queryable, bodyId: number, bodyKind: string, date: string): Promise<PackInput['membership']> {
  const [members, seats] = await Promise.all([membershipOn(db, bodyId, date), getSeats(db, bodyId)]);
  if (!members.length) return undefined;
  const groups: PoliticalGroup[] = seats.map((s) => ({ name: s.group_name, seats: s.seats, members: [], substitutes: [] }));
  const byName = new Map(groups.map((g) => [g.name, g]));
  const coOpted = new Map<string, { category: string; seats: number; members: string[]; note?: string }>();
  const style = await councilNameStyle(db);
  for (const m of members) {
    const name = styledNameOf({ ...m, kind: m.person_kind }, style);
    if (m.role === 'co-opted-voting' || m.role === 'co-opted-non-voting') {
      const category = m.co_opted_category ?? 'Co-opted Members';
      const c = coOpted.get(category) ?? { category, seats: 0, members: [], note: m.voting_note ?? undefined };
      c.members.push(name);
      c.seats++;
      coOpted.set(category, c);
      continue;
    }
    const groupName = m.group_name ?? 'Independent';
    let g = byName.get(groupName);
    if (!g) {
      g = { name: groupName, seats: 0, members: [], substitutes: [] };
      groups.push(g);
      byName.set(groupName, g);
    }
    if (m.role === 'substitute') g.substitutes!.push(name);
    else g.members.push({ name, role: m.role === 'chairman' || m.role === 'vice-chairman' ? membershipRoleLabel(m.role, bodyKind) : 'member' });
  }
  for (const g of groups) {
    if (g.seats < g.members.length) g.seats = g.members.length;
    g.vacancies = g.seats - g.members.length;
  }
  return { groups: groups.filter((g) => g.members.length || g.seats), coOpted: [...coOpted.values()] };
}

const MINUTES_ITEM = /\bminutes\b/i;

/** The minutes of the body's meeting before this one, as a paper for approval. */
async function previousMinutesPaper(db: Queryable, meeting: { id: number; body_id: number; date: string; body_name: string; body_kind: string }): Promise<MinutesPaper | null> {
  const previous = await previousHeldMeeting(db, meeting.body_id, meeting.date);
  if (!previous) return null;
  return minutesPaperOf(db, { ...previous, body_name: meeting.body_name, body_kind: meeting.body_kind }, 'public', { omitExempt: true });
}

/**
 * A meeting's minutes as a paper, from the record. The public paper keeps an exempt minute's number and title with
 * the paragraphs under which it is exempt, never its text; the confidential paper carries it in full.
 */
export async function minutesPaperOf(
  db: Queryable,
  meeting: { id: number; date: string; venue: string | null; body_name: string; body_kind: string },
  audience: 'public' | 'confidential',
  options: { omitExempt?: boolean } = {},
): Promise<MinutesPaper | null> {
  const [minutes, recorded, { items, sections }] = await Promise.all([getMinutes(db, meeting.id), getAttendance(db, meeting.id), getAgenda(db, meeting.id)]);
  // The printed minutes name people of the record in the council's style, as the meeting page does.
  const attendance = await styledAttendance(db, recorded);
  if (!minutes.length) return null;
  const exemptSection = new Set(sections.filter((s) => s.exempt).map((s) => s.id));
  const itemById = new Map(items.map((i) => [i.id, i]));
  const exemptOf = (m: (typeof minutes)[number]): number[] | null => {
    const item = m.agenda_item_id !== null ? itemById.get(m.agenda_item_id) : undefined;
    // Minutes of exempt items are exempt too, whatever their own flag says (domain/visibility.ts).
    const exempt = minuteExempt(m, itemExempt({ exempt: m.item_exempt }, { exempt: m.section_exempt }) || (!!item && itemExempt(item, { exempt: item.section_id != null && exemptSection.has(item.section_id) })));
    return exempt ? textToParagraphs(item?.exempt_paragraphs ?? null) : null;
  };
  const shown = options.omitExempt ? minutes.filter((m) => !exemptOf(m)) : minutes;
  return {
    kind: 'minutes',
    bodyName: meeting.body_name,
    date: meeting.date,
    venue: meeting.venue ?? '',
    present: attendance.filter((a) => a.kind === 'present' && a.for_item_id === null).map((a) => ({
      name: a.name_as_recorded,
      // The chair's role as the body names it (a Cabinet's Leader), from the one rule of roles.
      role: attendanceChairRole(a.role) ? attendanceRoleText(a.role, meeting.body_kind) ?? undefined : undefined,
      substituteFor: a.substitute_for_name ?? undefined,
    })),
    alsoPresent: attendance.filter((a) => a.kind === 'also-present').map((a) => a.name_as_recorded),
    inAttendance: attendance.filter((a) => a.kind === 'in-attendance').map((a) => ({ name: a.name_as_recorded, jobTitle: a.role ?? undefined })),
    apologies: attendance.filter((a) => a.kind === 'apologies').map((a) => a.name_as_recorded),
    minutes: shown.map((m) => {
      const number = m.sequence ?? (Number.parseInt(m.number, 10) || 0);
      const exempt = exemptOf(m);
      if (exempt && audience === 'public') {
        return { number, title: m.title, itemCode: m.item_code ?? undefined, paragraphs: [], restricted: exempt };
      }
      const presentForItem = m.agenda_item_id === null ? [] : attendance.filter((a) => a.for_item_id === m.agenda_item_id).map((a) => a.name_as_recorded);
      const resolutions = parseJson<Resolution[]>(m.resolutions_json, []);
      const first = resolutions[0];
      return {
        number,
        title: m.title,
        itemCode: m.item_code ?? undefined,
        presentForItem: presentForItem.length ? presentForItem : undefined,
        // The renderer numbers paragraphs itself; a stored "(1) " prefix would print twice.
        paragraphs: parseJson<string[]>(m.paragraphs_json, []).map((p) => p.replace(/^\(\d+\)\s*/, '')),
        resolution: first ? { intro: first.text, parts: first.parts.map((p) => p.text) } : undefined,
        postMeetingNote: m.post_meeting_note ?? undefined,
      };
    }),
  };
}

const lines = (text: string | null | undefined): string[] => (text ?? '').split(/\n+/).map((l) => l.trim()).filter(Boolean);

type DecisionRow = Awaited<ReturnType<typeof decisionsOfMeeting>>[number];

/**
 * A Record of Decision taken at the meeting, printed from the record. An exempt record on an open item carries the
 * item's paragraphs or none: with none it is left out (the public pack would otherwise print it).
 */
function decisionPaperOf(d: DecisionRow, exemptParagraphs: number[], isItemExempt: boolean): DecisionPaper | null {
  const exempt = decisionExempt(d);
  if (exempt && !isItemExempt && !exemptParagraphs.length) return null;
  const cited = textToParagraphs(d.exempt_paragraphs);
  return {
    kind: 'decision', number: d.number, decisionTaker: d.taker_name, date: d.taken_on, subject: d.subject, keyDecision: !!d.key_decision,
    classification: exempt ? 'exempt' : d.contains_exempt_information ? 'exempt-information' : 'unrestricted',
    decision: lines(d.decision_text).map((p) => p.replace(/^\(\d+\)\s*/, '')),
    reasons: lines(d.reasons), alternativesConsidered: lines(d.alternatives), interestsDeclared: lines(d.interests_declared), backgroundDocuments: lines(d.background_documents),
    ...(exempt ? { exemptParagraphs } : {}),
    ...(!exempt && d.contains_exempt_information && cited.length ? { exemptInformationParagraphs: cited } : {}),
    // Taken on an exempt item, the record itself is public: the public pack prints it after the item's placeholder.
    ...(!exempt && isItemExempt ? { publicRecord: true } : {}),
  };
}

/**
 * The exempt part of a record of a matter that contained exempt information, as a paper exempt in its own right:
 * the public pack prints only its placeholder (its text is never rendered there), the confidential pack prints it
 * marked NOT FOR PUBLICATION. None without paragraphs to cite (it could not be kept out of the public pack).
 */
function decisionExemptPartPaperOf(d: DecisionRow, text: string | null, itemParagraphs: number[]): DecisionPaper | null {
  const paragraphs = textToParagraphs(d.exempt_paragraphs).length ? textToParagraphs(d.exempt_paragraphs) : itemParagraphs;
  if (!text || decisionExempt(d) || !paragraphs.length) return null;
  return {
    kind: 'decision', number: d.number, decisionTaker: d.taker_name, date: d.taken_on, subject: d.subject, keyDecision: !!d.key_decision, classification: 'exempt',
    decision: [], reasons: [], alternativesConsidered: [], exemptParagraphs: paragraphs, exemptPart: lines(text),
  };
}

export interface MeetingPackInput {
  input: PackInput;
  meeting: NonNullable<Awaited<ReturnType<typeof getMeeting>>>;
  /** Agenda item id by code, to write back the real page ranges. */
  itemIds: Map<string, number>;
}

export async function packInputForMeeting(db: Queryable, idOrSlug: string | number, publicationDate: string): Promise<MeetingPackInput> {
  const meeting = await findMeeting(db, idOrSlug);
  const [council, agenda, documents, membership] = await Promise.all([
    getCouncil(db),
    getAgenda(db, meeting.id),
    itemPapersOfMeeting(db, meeting.id),
    membershipInput(db, meeting.body_id, meeting.body_kind, meeting.date),
  ]);
  const minutesPaper = await previousMinutesPaper(db, meeting);
  // The withdrawals made while a paper was public (the ones a pack reader saw), closed when it was reinstated.
  const reinstatements = (await withdrawalHistory(db, documents.map((d) => d.id), true)).filter((r) => r.reinstated_at);
  // Once the meeting has been held, a rebuilt pack carries the Records of Decision taken at it, after each item's papers.
  const decisions = meetingHeld(meeting) ? (await decisionsOfMeeting(db, meeting.id)).filter((d) => decisionPublished(d.status)) : [];
  // The scrutiny papers printed from the record: call-in cover sheets, the follow-up schedule, the work programme.
  const generated = await generatedPapersForItems(db, meeting, agenda.items.map((i) => i.id), {
    signatoryName: meeting.signatory_name ?? council?.settings.signatoryName ?? undefined, signatoryTitle: meeting.signatory_title ?? council?.settings.signatoryTitle ?? undefined,
  });
  const itemIds = new Map<string, number>();
  const sections: AgendaSection[] = [];
  for (const s of agenda.sections) {
    const items = [];
    for (const it of agenda.items.filter((i) => i.section_id === s.id)) {
      itemIds.set(it.code, it.id);
      const papers: Paper[] = [];
      const withdrawnPapers: WithdrawnPaper[] = [];
      const reinstatedPapers: ReinstatedPaper[] = [];
      const isItemExempt = itemExempt(it, s);
      for (const d of documents.filter((doc) => doc.agenda_item_id === it.id)) {
        // Drafts still with their author, or returned, are not published; nor is a paper withdrawn before it was.
        if (!documentPublished(d)) continue;
        // A paper withdrawn after it was issued is left out, and the front sheet says when and why.
        if (d.withdrawn_at) {
          withdrawnPapers.push({ title: d.title, withdrawnOn: councilDay(d.withdrawn_at), reason: d.withdrawn_reason ?? '',
            exempt: paperExempt({ classification: d.classification, kind: d.kind, itemExempt: isItemExempt }) });
          continue;
        }
        if (!d.sha256 || !(d.content_type ?? '').startsWith('application/pdf')) continue;
        const bytes = await getBlob(db, d.sha256);
        // The current version's own classification: an exempt paper on an open item gets its own placeholder.
        const exempt = paperExempt({ classification: d.classification, kind: d.kind, itemExempt: isItemExempt });
        // Withdrawn while it was public and reinstated since: the front sheet says when, and why (migration 030).
        for (const r of reinstatements.filter((x) => x.document_id === d.id && x.reinstated_at)) {
          reinstatedPapers.push({ title: d.title, withdrawnOn: councilDay(r.withdrawn_at), reason: r.withdrawn_reason, reinstatedOn: councilDay(r.reinstated_at!), reinstatedReason: r.reinstated_reason ?? '', exempt });
        }
        const paras = textToParagraphs(d.exempt_paragraphs);
        if (bytes) {
          papers.push({ kind: 'pdf', title: d.title, fileName: d.file_name ?? undefined, bytes, documentType: d.kind === 'appendix' ? 'appendix' : d.kind === 'minutes' ? 'minutes' : 'report',
            ...(exempt && !isItemExempt ? { exempt: true, exemptParagraphs: paras } : {}),
            // Not exempt on an exempt item: the printed unrestricted Record of Decision of a matter taken in private.
            ...(!exempt && isItemExempt ? { publicRecord: true } : {}) });
        }
      }
      // Dashboards and budget reports attached to the item: published figures only, whoever the pack is for.
      for (const r of await itemDataReports(db, PUBLIC_VIEWER, it.id, false)) papers.push({ kind: 'data-report', title: r.model.title, model: r.model });
      papers.push(...(generated.get(it.id) ?? []));
      // A printed Record of Decision already uploaded for the item (it names its number) is not printed twice.
      const uploadedRecords = documents.filter((doc) => doc.agenda_item_id === it.id && doc.kind === 'record-of-decision').map((doc) => doc.title);
      // Its exempt part is still printed from the record (for the confidential pack: the printed record is the public part).
      for (const d of decisions.filter((x) => x.agenda_item_id === it.id)) {
        const paper = decisionPaperOf(d, textToParagraphs(it.exempt_paragraphs), isItemExempt);
        if (paper && !uploadedRecords.some((t) => t.includes(d.number))) papers.push(paper);
        const part = paper ? decisionExemptPartPaperOf(d, await decisionExemptPartText(db, d.id), textToParagraphs(it.exempt_paragraphs)) : null;
        if (part) papers.push(part);
      }
      if (!papers.length && MINUTES_ITEM.test(it.title) && minutesPaper && !it.to_follow) papers.push(minutesPaper);
      items.push({
        code: it.code,
        title: it.title,
        purpose: it.purpose ?? undefined,
        presenters: parseJson<string[]>(it.presenters_json, []),
        guests: parseJson<{ name: string; timeSlot: string | null }[]>(it.guests_json, []).map((g) => ({ name: g.name, timeSlot: g.timeSlot ?? undefined })),
        toFollow: !!it.to_follow,
        withdrawn: !!it.withdrawn,
        urgentReason: it.urgent_reason ?? undefined,
        exempt: isItemExempt,
        exemptParagraphs: isItemExempt ? textToParagraphs(it.exempt_paragraphs) : undefined,
        publicInterestReason: it.public_interest_reason ?? undefined,
        papers: it.withdrawn ? [] : papers,
        ...(withdrawnPapers.length && !it.withdrawn ? { withdrawnPapers } : {}),
        ...(reinstatedPapers.length && !it.withdrawn ? { reinstatedPapers } : {}),
      });
    }
    sections.push({ letter: s.letter ?? undefined, title: s.title, exempt: !!s.exempt, items });
  }
  const contacts = parseJson<Contact[]>(meeting.contacts_json, []);
  const settings = council?.settings;
  const input: PackInput = {
    councilName: council?.name ?? 'Council',
    bodyName: meeting.body_name,
    meetingDate: meeting.date,
    meetingTime: meeting.time ?? '10:00',
    venue: meeting.venue ?? 'To be confirmed',
    askFor: contacts.map((c) => ({ name: c.name, phone: c.phone ?? undefined, email: c.email ?? undefined })),
    membership,
    notices: (settings?.notices ?? []).map((n) => ({ heading: n.heading, text: n.text })),
    sections,
    signatory: {
      name: meeting.signatory_name ?? settings?.signatoryName ?? 'Democratic Services',
      title: meeting.signatory_title ?? settings?.signatoryTitle ?? 'Head of Democratic Services',
    },
    publicationDate,
  };
  return { input, meeting, itemIds };
}
