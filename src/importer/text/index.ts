// Public entry point of the text parser: a legacy meeting pack's text (one string per page) in,
// Moot's extraction (docs/extraction-format.md) out, with papers located and honest warnings.
import type { Extraction, ExtractedDecision, ExtractedMeeting, ExtractedMinuteItem, ExtractedMinutes } from '../extraction.js';
import { cleanPages, type Line } from './normalise.js';
import { findDate } from './dates-times.js';
import { documentStarts, isMinutesHeader, nextBoundary } from './boundaries.js';
import { parseAgenda, type AgendaItemDetail } from './agenda.js';
import { readFrontSheet, readContacts } from './meeting.js';
import { parseMembership, type MemberEntry } from './membership.js';
import { headingEnd, parseMinutesAt, proseAttendance, type MinuteItemDetail } from './minutes.js';
import { marginHeadings, minutesDocumentStart, readMinutesHead, unnumberedHeadings } from './minutes-doc.js';
import { parseDecisions, type DecisionDetail } from './decisions.js';
import { locatePapers, type Paper } from './papers.js';
import { isNameLike } from './names.js';
import { isRole } from './minutes.js';

export interface PackText {
  source: string;
  pages: string[];
}

/** Minutes as the importer keeps them: the format's fields, with each minute's text and resolutions. */
export interface PackMinutes extends Omit<ExtractedMinutes, 'items'> {
  items: (ExtractedMinuteItem & { text?: string; resolutions?: string[] })[];
}

export interface PackDecision extends ExtractedDecision {
  classification?: string | null;
  interestsDeclared?: string | null;
  reasons?: string | null;
}

export interface PackExtraction extends Extraction {
  /** the format's members, each with the honours printed after the name when there are any */
  membership: MemberEntry[];
  minutes: PackMinutes[];
  decisions: PackDecision[];
  papers: { itemCode: string; itemIndex: number; startPage: number | null; endPage: number | null; text: string }[];
  warnings: string[];
}

/** Raised (as a value, via isRecognisablePack) for text with no agenda, minutes or decisions in it. */
export class NoAgendaError extends Error {
  constructor(source: string) {
    super(`${source}: no agenda items, minutes or records of decision could be recognised in this text`);
    this.name = 'NoAgendaError';
  }
}

export function isRecognisablePack(x: PackExtraction): boolean {
  return x.agenda.length > 0 || x.minutes.length > 0 || x.decisions.length > 0;
}

function emptyMeeting(): ExtractedMeeting {
  return { body: null, date: null, time: null, venue: null, contacts: [], publishedOn: null, publishedBy: null };
}

function toPages(input: PackText): string[] {
  const pages = Array.isArray(input?.pages) ? input.pages.map((p) => (typeof p === 'string' ? p : String(p ?? ''))) : [];
  if (pages.length === 1 && pages[0].includes('\f')) return pages[0].split('\f');
  return pages;
}

function minuteItemOut(it: MinuteItemDetail) {
  return { number: it.number, title: it.title, text: it.text, resolutions: it.resolutions };
}

function decisionOut(d: DecisionDetail): PackDecision {
  return { number: d.number, takenBy: d.takenBy, date: d.date, subject: d.subject, classification: d.classification, interestsDeclared: d.interests, reasons: d.reasons };
}

/** Whether the text opens with minutes (a minutes-only document) rather than a summons/agenda. */
function opensWithMinutes(lines: Line[]): number {
  let seen = 0;
  for (let i = 0; i < lines.length && seen < 15; i++) {
    const t = lines[i].text;
    if (!t) continue;
    seen++;
    if (/^(?:supplementary\s+)?agenda\b/i.test(t) || /\bsummon|\bnotice is hereby given/i.test(t)) return -1;
    if (isMinutesHeader(lines, i)) return i;
  }
  return -1;
}

function run(input: PackText): PackExtraction {
  const source = typeof input?.source === 'string' ? input.source : '';
  const pages = toPages(input);
  const { lines, breaks } = cleanPages(pages);
  const warnings: string[] = [];
  const starts = documentStarts(lines, breaks);
  const out: PackExtraction = { source, meeting: emptyMeeting(), membership: [], agenda: [], minutes: [], decisions: [], papers: [], warnings };

  const minutesFirst = opensWithMinutes(lines);
  // minutes printed on their own under a letterhead or a "Minutes" title rather than a "Minutes of …" heading
  const bareMinutes = minutesFirst < 0 ? minutesDocumentStart(lines) : -1;
  let bodyFrom = 0;
  let letterhead: string | null = null;
  let agendaItems: AgendaItemDetail[] = [];
  if (bareMinutes >= 0) {
    const head = readMinutesHead(lines, bareMinutes, headingEnd(lines, bareMinutes));
    const end = lines.length;
    const m = parseMinutesAt(lines, bareMinutes, end, null, head);
    // sections headed without numbers ("CALL TO ORDER", "ROAD"): each heading is a minute, numbered by the store
    // when imported. Numbered lines inside those sections are lists within a minute ("1. Ray said …"), not minutes.
    // the sections start after the heading's date line: what comes before it is letterhead ("BOARD OF DIRECTORS",
    // the chief's name)
    let sectionsFrom = head.next;
    for (let k = head.next; k < Math.min(end, head.next + 12); k++) {
      if (m.date && findDate(lines[k].text)?.iso === m.date) { sectionsFrom = k + 1; break; }
    }
    let heads = unnumberedHeadings(lines, sectionsFrom, end, m.body);
    // nothing after the adjournment is a minute (the signatures: "KNOX H. WHITE, MAYOR", "CITY CLERK")
    const adjournedAt = lines.findIndex((l, k) => k >= sectionsFrom && /\b(?:meeting\s+(?:was\s+)?adjourned|adjourned\s+at\s+\d)/i.test(l.text));
    if (adjournedAt >= 0) heads = heads.filter((h) => h.line <= adjournedAt);
    // a lone "numbered" line among unnumbered sections is no numbering scheme
    // (capitals lines before the first numbered one — a header's lists, "AGENDA ITEMS" — are no sections); a numbered
    // run with sections before and after it and none inside is a list within one section ("REPORTS 1. … 2. … 3. …")
    const numbered = m.itemsDetail.map((it) => it.line);
    const insideOne = numbered.length > 0 && heads.some((x) => x.line < numbered[0]) && heads.some((x) => x.line > numbered[numbered.length - 1])
      && !heads.some((x) => x.line > numbered[0] && x.line < numbered[numbered.length - 1]);
    // "CALL TO ORDER" … "PRESENTATION" (8 headings whose numbers OCR lost in the margin), then "9. PUBLIC HEARING" …
    // "16. …": the numbered run continues the headings before it, which are items 1–8 (numbers shown as inferred)
    const before = numbered.length ? heads.filter((x) => x.line < numbered[0]) : [];
    const first = m.itemsDetail[0]?.number ?? '';
    const continues = /^\d+$/.test(first) && m.items.length >= 3 && Number(first) > 1 && before.length === Number(first) - 1
      && m.items.every((it, k) => /^\d+$/.test(it.number) && Number(it.number) === Number(first) + k);
    // capitals headings that are the numbered (or lettered) minutes' own titles ("A." / "ADOPTIONS"): the codes stand
    const codedHeads = m.itemsDetail.length >= 3 && m.itemsDetail.every((it) => heads.some((x) => x.line === it.line));
    if (continues) {
      const after = heads.filter((x) => x.line > numbered[numbered.length - 1]);
      warnings.push(`line ${lines[before[0].line].no}: ${before.length} capitals headings precede minute ${first} with no number printed (an OCR'd margin loses them); they are numbered 1–${before.length} in order`);
      // the numbers of the headings after the run, read by OCR apart from them ("17." and "18." on lines of their own)
      const last = Number(m.items[m.items.length - 1].number);
      const lone: string[] = [];
      for (let k = numbered[numbered.length - 1] + 1; k < (after[after.length - 1]?.line ?? 0); k++) {
        const n = /^(\d{1,3})\.?$/.exec(lines[k].text)?.[1];
        if (n && Number(n) === last + lone.length + 1) lone.push(n);
      }
      const afterNumbers = lone.length === after.length ? lone : after.map(() => '');
      if (after.length && !lone.length) warnings.push(`line ${lines[after[0].line].no}: ${after.length} headings after minute ${last} have no number; left without one`);
      m.itemsDetail = [
        ...before.map((h, k) => ({ number: String(k + 1), title: h.title, text: h.text, resolutions: [], line: h.line })),
        ...m.itemsDetail,
        ...after.map((h, k) => ({ number: afterNumbers[k], title: h.title, text: h.text, resolutions: [], line: h.line })),
      ];
      m.items = m.itemsDetail.map((it) => ({ number: it.number, title: it.title }));
      if (!m.present.length) {
        const prose = proseAttendance(before.slice(0, 5).map((h) => h.text).join('\n'));
        m.present.push(...prose.present);
      }
    } else if (heads.length && !codedHeads && (m.items.length <= 1 || insideOne || (m.itemsDetail[0].line > heads[0].line && heads.filter((x) => x.line > m.itemsDetail[0].line).length >= m.itemsDetail.length))) {
      if (m.items.length) warnings.push(`line ${lines[m.itemsDetail[0].line].no}: ${m.items.length} numbered lines inside the minutes' unnumbered sections are taken as lists, not minutes`);
      m.itemsDetail = heads.map((h) => ({ number: '', title: h.title, text: h.text, resolutions: [], line: h.line }));
      m.items = m.itemsDetail.map((it) => ({ number: it.number, title: it.title }));
      warnings.push(`line ${lines[bareMinutes].no}: the minutes' ${m.itemsDetail.length} sections are not numbered; their headings are taken as minutes without numbers`);
      // attendance told in the opening sections ("CALL TO ORDER … Board members present: …")
      if (!m.present.length) {
        // (a roll call may come after the invocation and the pledge)
        const prose = proseAttendance(heads.slice(0, 5).map((h) => h.text).join('\n'));
        m.present.push(...prose.present);
        if (m.present.length) {
          m.alsoPresent.push(...prose.alsoPresent.filter((n) => !m.alsoPresent.includes(n)));
          m.inAttendance.push(...prose.inAttendance.filter((n) => !m.inAttendance.includes(n)));
        }
      }
    }
    out.minutes.push({
      body: m.body, date: m.date, present: m.present, alsoPresent: m.alsoPresent, inAttendance: m.inAttendance,
      apologies: m.apologies, substitutes: m.substitutes, items: m.itemsDetail.map(minuteItemOut),
    });
    out.meeting = {
      body: m.body, date: m.date, time: m.time, venue: m.venue, contacts: readContacts(lines, 0, Math.min(lines.length, 400)),
      publishedOn: null, publishedBy: null,
    };
    if (!m.body) warnings.push(`line ${lines[bareMinutes].no}: minutes without a heading naming the body; the body is left empty`);
    if (!m.date) warnings.push(`line ${lines[bareMinutes].no}: minutes heading without a readable meeting date`);
    if (!m.items.length) warnings.push(`line ${lines[bareMinutes].no}: minutes of ${m.body ?? 'a meeting'} have no numbered minutes`);
    bodyFrom = lines.length;
  } else if (minutesFirst < 0) {
    const agenda = parseAgenda(lines, breaks, 0);
    warnings.push(...agenda.warnings);
    agendaItems = agenda.items;
    const headEnd = agenda.start >= 0 ? agenda.start : Math.min(lines.length, 200);
    const front = readFrontSheet(lines, headEnd);
    letterhead = front.letterhead;
    out.meeting = {
      body: front.body, date: front.date, time: front.time, venue: front.venue, contacts: front.contacts,
      publishedOn: agenda.publishedOn, publishedBy: agenda.signatory?.name ?? null,
    };
    out.membership = parseMembership(lines, 0, headEnd);
    out.agenda = agenda.items.map(({ code, title, section, pages: p, toFollow }) => ({ code, title, section, pages: p, toFollow }));
    bodyFrom = agenda.items.length ? agenda.end : 0;
    if (!agenda.items.length) {
      warnings.push('no agenda items could be recognised on the front sheet');
      // No agenda: what looked like a front sheet was not recognised as one, so nothing is taken from it but the
      // body and date. A venue, time, membership or publication read from unrecognised text would be invented.
      const dropped = [
        out.meeting.venue && `venue "${out.meeting.venue}"`, out.meeting.time && `time ${out.meeting.time}`,
        out.meeting.publishedOn && `publication date ${out.meeting.publishedOn}`, out.meeting.publishedBy && `signatory "${out.meeting.publishedBy}"`,
        out.membership.length && `membership (${out.membership.length} names)`,
      ].filter(Boolean);
      if (dropped.length) warnings.push(`without a recognised front sheet these were not trusted and are left empty: ${dropped.join(', ')}`);
      out.meeting = { ...out.meeting, venue: null, time: null, publishedOn: null, publishedBy: null };
      out.membership = [];
    } else {
      if (!out.meeting.body) warnings.push('front sheet: the body whose meeting this is could not be read');
      if (!out.meeting.date) warnings.push('front sheet: the meeting date could not be read');
    }
  }

  // minutes reproduced in the pack, or the minutes this document consists of
  for (let h = bodyFrom; h < lines.length; h++) {
    if (!lines[h].text || !isMinutesHeader(lines, h)) continue;
    // a blank page inside minutes is a page break, not the end of the minutes
    const end = nextBoundary(starts.filter((s) => !breaks.has(s)), h, lines.length);
    const m = parseMinutesAt(lines, h, end, letterhead);
    // a minutes-only document with no numbered minutes whose section headings stand in a margin column
    if (minutesFirst >= 0 && !out.minutes.length && !m.items.length) {
      const heads = marginHeadings(lines, minutesFirst + 1, end, m.body);
      if (heads.length) {
        m.itemsDetail = heads.map((x) => ({ number: '', title: x.title, text: '', resolutions: [], line: x.line }));
        m.items = m.itemsDetail.map((it) => ({ number: it.number, title: it.title }));
        warnings.push(`line ${lines[heads[0].line].no}: the minutes' ${heads.length} sections are headed in a margin column without numbers; their headings are taken as minutes without numbers`);
      }
    }
    if (!m.items.length && !m.present.length) continue;
    if (!m.date) warnings.push(`line ${lines[h].no}: minutes heading without a readable meeting date`);
    if (!m.items.length) warnings.push(`line ${lines[h].no}: minutes of ${m.body ?? 'a meeting'} have no numbered minutes`);
    out.minutes.push({
      body: m.body, date: m.date, present: m.present, alsoPresent: m.alsoPresent, inAttendance: m.inAttendance,
      apologies: m.apologies, substitutes: m.substitutes, items: m.itemsDetail.map(minuteItemOut),
    });
    // a minutes-only document's meeting is the first minutes read: a running title above the heading ("Minutes of the
    // Regular of the Council … November 26, 2024", then the margin's headings) reads as a header with nothing under it
    if (minutesFirst >= 0 && out.minutes.length === 1) {
      out.meeting = {
        body: m.body, date: m.date, time: m.time, venue: m.venue, contacts: readContacts(lines, 0, Math.min(lines.length, 400)),
        publishedOn: null, publishedBy: null,
      };
    }
    h = Math.max(h, end - 1);
  }

  const decisions = parseDecisions(lines.slice(0)).filter((d) => d.line >= bodyFrom || minutesFirst >= 0);
  for (const d of decisions) {
    if (!d.subject) warnings.push(`line ${lines[d.line].no}: record of decision ${d.number} has no readable subject`);
    if (!d.date) warnings.push(`line ${lines[d.line].no}: record of decision ${d.number} has no readable date`);
  }
  out.decisions = decisions.map(decisionOut);

  const papers: Paper[] = agendaItems.length ? locatePapers(lines, agendaItems, starts, bodyFrom, pages.length) : [];
  out.papers = papers.map(({ itemCode, itemIndex, startPage, endPage, text }) => ({ itemCode, itemIndex, startPage, endPage, text }));
  agendaItems.forEach((it, k) => {
    if (it.pages && !papers.some((p) => p.itemIndex === k)) warnings.push(`line ${lines[it.line].no}: papers for agenda item '${it.code || it.title}' could not be located`);
  });
  if (!isRecognisablePack(out)) warnings.push(new NoAgendaError(source || 'input').message);
  return out;
}

// a phrase cut short: it ends on a word that joins it to something that is not there ("Council Chamber and",
// "Room 2, County Hall, Off", "Sessions House, County") or leaves a bracket open
const CUT_SHORT = /(?:\b(?:and|or|of|the|at|in|on|for|to|by|with|from|off|via|&)|[,&/(–-])$/i;
// an organisation, not a person: a signatory or a member printed as "Association", "Kent Association of Local Councils"
const ORGANISATION_NAME = /\b(?:association|society|federation|union|alliance|network|foundation|institute|limited|ltd|plc|partnership|trust|company|club|organisation|organization)\b/i;

/**
 * The last word on what is kept: a field that reads as a fragment or as something other than the field is left empty
 * with a warning saying what was found, rather than stored.
 */
function distrust(out: PackExtraction): void {
  const m = out.meeting;
  const unbalanced = (v: string) => (v.match(/\(/g) ?? []).length !== (v.match(/\)/g) ?? []).length;
  if (m.venue && (CUT_SHORT.test(m.venue.trim()) || unbalanced(m.venue) || m.venue.length < 3)) {
    out.warnings.push(`venue "${m.venue}" reads as cut short; left empty`);
    m.venue = null;
  }
  if (m.body && (CUT_SHORT.test(m.body.trim()) || unbalanced(m.body))) {
    out.warnings.push(`body "${m.body}" reads as cut short; left empty`);
    m.body = null;
  }
  if (m.publishedBy && (m.publishedBy.trim().split(/\s+/).length < 2 || ORGANISATION_NAME.test(m.publishedBy) || !isNameLike(m.publishedBy))) {
    out.warnings.push(`signatory "${m.publishedBy}" is not a person's name; left empty`);
    m.publishedBy = null;
  }
  const personal = (n: string) => n.replace(/,?\s*(?:Ph\.?\s?D|Ed\.?\s?D|Esq|Jr|Sr|M\.?D)\.?$/i, '');
  const kept = out.membership.filter((x) => x.name === null || (isNameLike(personal(x.name)) && !isRole(x.name) && !ORGANISATION_NAME.test(x.name)));
  if (kept.length < out.membership.length) {
    const dropped = out.membership.filter((x) => !kept.includes(x)).map((x) => `"${x.name}"`);
    out.warnings.push(`membership: ${dropped.join(', ')} ${dropped.length === 1 ? 'is' : 'are'} not a person's name (an office, a department or an organisation); left out`);
    out.membership = kept;
  }
  // a membership made only of vacancies names nobody
  if (out.membership.length && out.membership.every((x) => x.name === null)) {
    out.warnings.push(`membership: ${out.membership.length} seats read, none with a name; left out`);
    out.membership = [];
  }
}

/** Extracts a pack. Never throws: unreadable parts are reported in `warnings`. */
export function extractPack(input: PackText): PackExtraction {
  try {
    const out = run(input);
    distrust(out);
    return out;
  } catch (e) {
    const source = typeof input?.source === 'string' ? input.source : '';
    return {
      source, meeting: emptyMeeting(), membership: [], agenda: [], minutes: [], decisions: [], papers: [],
      warnings: [`the text could not be read: ${(e as Error)?.message ?? String(e)}`],
    };
  }
}
