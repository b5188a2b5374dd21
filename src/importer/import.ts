// Stores an extracted legacy pack as historic records: the meeting with its agenda and papers, the minutes of
// earlier meetings it reproduces (attendance, numbered minutes) and its Records of Decision. One transaction per
// pack: a pack that fails leaves nothing behind. The same file again (same SHA-256) changes nothing; a corrected
// file with the same name becomes a new version of the same meeting's records.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { isIsoDate } from '../domain/dates.js';
import type { Actor, AttendanceKind } from '../domain/types.js';
import { MootError } from '../errors.js';
import { recordAudit } from '../store/audit.js';
import { addMembership, createBody, findBodyByName, findBodyLoosely, guessBodyKind, membershipOn } from '../store/bodies.js';
import { transaction, type Queryable, type Store } from '../store/db.js';
import { tryParseDecisionNumber } from '../domain/numbering.js';
import { createDecision, decisionNumberInUse } from '../store/decisions.js';
import { addDocument, addDocumentVersion } from '../store/documents.js';
import {
  attachDocumentToItem, clearAgendaForReimport, importBySha256, importedPackDocument, importedReport, insertImportRecord, latestImportOfMeeting, latestImportOfSource,
  markHistoricMinutesApproved, meetingOfBodyOn, setHistoricMeetingDetails,
} from '../store/imports.js';
import { createMeeting, getMeeting, insertAgenda, type NewAgendaSection } from '../store/meetings.js';
import { ensureGroup, findOrCreatePerson } from '../store/people.js';
import { recordAttendance, recordMinutes, type AttendanceEntry } from '../store/proceedings.js';
import { readPackFile, type PackText, type ReadOptions } from './read/index.js';
import { isImportInputError } from './read/errors.js';
import { extractPack, isRecognisablePack, type PackExtraction, type PackMinutes } from './text/index.js';

/** A body name printed in a pack matched to an existing body whose name differs only in word forms. */
export interface BodyMatch { printed: string; matched: string }

export type ImportOutcome =
  | { status: 'imported'; file: string; meetingId: number; meetingSlug: string; version: number; warnings: string[]; touchedMeetingIds: number[]; bodyMatches: BodyMatch[] }
  | { status: 'unchanged'; file: string; meetingId: number | null; meetingSlug: string | null }
  | { status: 'failed'; file: string; reason: string };

export interface ReadAndExtract {
  read: PackText;
  extraction: PackExtraction;
  bytes: Uint8Array;
}

/** Reads and extracts one file; bad input becomes a MootError naming the file and what is wrong. */
export async function readAndExtract(path: string, options: ReadOptions = {}): Promise<ReadAndExtract> {
  let read: PackText;
  try {
    read = await readPackFile(path, options);
  } catch (e) {
    if (isImportInputError(e)) throw new MootError(e.message);
    throw e;
  }
  const extraction = extractPack({ source: read.source, pages: read.pages });
  for (const w of read.warnings ?? []) if (/\bOCR\b.*may contain errors|text layer (?:of .{1,40} )?is unreadable/.test(w.message)) extraction.warnings.push(w.message);
  if (read.imageOnlyPages?.length) extraction.warnings.push(`pages ${read.imageOnlyPages.join(', ')} have no text layer (scanned images): import with --ocr to read them`);
  if (!isRecognisablePack(extraction)) {
    throw new MootError(`${read.source}: no agenda, minutes or Record of Decision could be recognised in this file`, {
      hint: 'Check it is a meeting pack, an agenda or minutes',
    });
  }
  const bytes = new Uint8Array(await readFile(path));
  return { read, extraction, bytes };
}

function meetingOf(x: PackExtraction, bodyOverride?: string): { body: string; date: string } {
  const body = bodyOverride ?? x.meeting.body ?? x.minutes[0]?.body ?? null;
  const date = x.meeting.date ?? x.minutes[0]?.date ?? null;
  if (!body) throw new MootError(`${x.source}: the body whose meeting this is could not be read from the front sheet`, { hint: 'Give it with --body "NAME"' });
  if (!date) throw new MootError(`${x.source}: the meeting date could not be read from the front sheet`);
  return { body, date };
}

/**
 * A date given on import (`--date`) for a document that prints none of its own, such as a standing agenda kept on a
 * web site. It never overrides a printed date: a document whose own date disagrees is refused, naming both.
 */
export function supplyMeetingDate(x: PackExtraction, given: string | undefined): PackExtraction {
  if (given === undefined) return x;
  if (!isIsoDate(given)) throw new MootError(`--date must be a real date written YYYY-MM-DD, not "${given}"`);
  const printed = x.meeting.date ?? x.minutes[0]?.date ?? null;
  if (printed === given) return x;
  if (printed) {
    throw new MootError(`${x.source}: --date ${given} disagrees with the date the document prints (${printed})`, {
      hint: 'Leave out --date to use the printed date, or check that this is the document you meant',
    });
  }
  return {
    ...x,
    meeting: { ...x.meeting, date: given },
    warnings: [...x.warnings, `the document prints no meeting date: ${given} was given with --date`],
  };
}

const ROLE_OF_MEMBER: Record<string, 'chairman' | 'vice-chairman' | 'substitute'> = {
  Chairman: 'chairman',
  'Vice-Chairman': 'vice-chairman',
  Substitute: 'substitute',
};

async function importMembership(db: Queryable, actor: Actor, bodyId: number, date: string, x: PackExtraction): Promise<void> {
  if (!x.membership.length) return;
  const current = new Set((await membershipOn(db, bodyId, date)).map((m) => m.person_id));
  for (const m of x.membership) {
    if (!m.name || m.role === 'Vacancy') continue;
    const coOpted = !!m.group && /church|parent|governor|co-opt/i.test(m.group);
    const groupId = m.group && !coOpted ? await ensureGroup(db, m.group) : null;
    const personId = await findOrCreatePerson(db, actor, m.name, coOpted ? 'co-opted' : 'councillor', { groupId });
    if (current.has(personId)) continue;
    current.add(personId);
    await addMembership(db, actor, {
      bodyId, personId, groupId,
      role: coOpted ? 'co-opted-voting' : (m.role ? ROLE_OF_MEMBER[m.role] : undefined) ?? 'member',
      coOptedCategory: coOpted ? m.group : null,
      startsOn: date,
    });
  }
}

/** The PDF pages (0-based) holding printed pages first..last, using the page numbers read from the pack. */
function pdfPageRange(read: PackText, first: number, last: number): number[] {
  const numbers = read.pageNumbers ?? [];
  const out: number[] = [];
  numbers.forEach((n, i) => {
    if (n !== null && n >= first && n <= last) out.push(i);
  });
  return out;
}

async function splitPdf(source: PDFDocument, pages: number[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const copied = await doc.copyPages(source, pages);
  for (const p of copied) doc.addPage(p);
  return doc.save();
}

async function attendanceOf(db: Queryable, actor: Actor, m: PackMinutes): Promise<AttendanceEntry[]> {
  const entries: AttendanceEntry[] = [];
  const substituteFor = new Map(m.substitutes.map((s) => [s.member, s.for]));
  const add = async (names: string[], kind: AttendanceKind, personKind: 'councillor' | 'officer') => {
    for (const name of names) {
      const personId = await findOrCreatePerson(db, actor, name, personKind);
      const forName = substituteFor.get(name) ?? null;
      const forId = forName ? await findOrCreatePerson(db, actor, forName, 'councillor') : null;
      entries.push({ personId, name, kind, substituteForName: forName, substituteForPersonId: forId });
    }
  };
  await add(m.present, 'present', 'councillor');
  await add(m.alsoPresent, 'also-present', 'councillor');
  await add(m.inAttendance, 'in-attendance', 'officer');
  await add(m.apologies, 'apologies', 'councillor');
  return entries;
}

/**
 * Finds bodies by the names packs print. An exact match (case and punctuation aside) wins; otherwise, unless
 * `exact`, one existing body whose name differs only in word forms ("Service"/"Services") is taken and the match
 * is reported; otherwise the body is created.
 */
interface Bodies {
  id(name: string): Promise<number>;
  matches: BodyMatch[];
}

function bodyResolver(db: Queryable, actor: Actor, exact: boolean): Bodies {
  const matches: BodyMatch[] = [];
  return {
    matches,
    async id(name: string) {
      const found = await findBodyByName(db, name);
      if (found) return found.id;
      if (!exact) {
        const loose = await findBodyLoosely(db, name);
        if (loose) {
          if (!matches.some((m) => m.printed === name)) matches.push({ printed: name, matched: loose.name });
          return loose.id;
        }
      }
      return createBody(db, actor, { name, kind: guessBodyKind(name) });
    },
  };
}

/** Finds the historic meeting of a body on a date, or creates it. */
async function historicMeeting(db: Queryable, actor: Actor, bodies: Bodies, bodyName: string, date: string, extra: Parameters<typeof createMeeting>[2] extends infer T ? Partial<T> : never) {
  const bodyId = await bodies.id(bodyName);
  const existing = await meetingOfBodyOn(db, bodyId, date);
  if (existing) return { id: existing.id, slug: existing.slug, bodyId, created: false };
  const created = await createMeeting(db, actor, { bodyId, date, historic: true, status: 'held', ...extra });
  return { id: created.id, slug: created.slug, bodyId, created: true };
}

/** Returns the ids of the meetings whose minutes were recorded. */
async function importMinutes(db: Queryable, actor: Actor, bodies: Bodies, x: PackExtraction, fallbackBody: string): Promise<number[]> {
  const touched: number[] = [];
  for (const m of x.minutes) {
    if (!m.date) continue;
    const meeting = await historicMeeting(db, actor, bodies, m.body ?? fallbackBody, m.date, { status: 'minutes-approved' });
    await markHistoricMinutesApproved(db, meeting.id);
    await recordAttendance(db, actor, meeting.id, await attendanceOf(db, actor, m));
    await recordMinutes(db, actor, meeting.id, m.items.map((it) => ({
      number: it.number,
      title: it.title,
      paragraphs: it.text ? it.text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean) : [],
      resolutions: (it.resolutions ?? []).map((text) => ({ text, parts: [] })),
    })));
    touched.push(meeting.id);
  }
  return touched;
}

/** Records the pack's Records of Decision; returns the meetings they were attached to. */
async function importDecisions(db: Queryable, actor: Actor, bodies: Bodies, x: PackExtraction, packMeeting: { id: number; date: string }): Promise<number[]> {
  const touched: number[] = [];
  for (const d of x.decisions) {
    const parsed = tryParseDecisionNumber(d.number);
    if (!parsed) continue;
    if (await decisionNumberInUse(db, parsed)) continue; // the same Record of Decision reproduced in another pack
    // a decision taken by a body belongs to the meeting that took it (a pack reproduces earlier meetings' decisions)
    const byBody = !!d.takenBy && /\b(?:cabinet|committee|council|panel|board|executive|sub-committee|forum|commission)\b/i.test(d.takenBy) && !/\bcabinet member\b/i.test(d.takenBy);
    const takerBodyId = byBody ? await bodies.id(d.takenBy!) : undefined;
    let meetingId = packMeeting.id;
    if (takerBodyId !== undefined && d.date && d.date !== packMeeting.date) {
      meetingId = (await historicMeeting(db, actor, bodies, d.takenBy!, d.date, { status: 'held' })).id;
      touched.push(meetingId);
    }
    const takerBody = takerBodyId !== undefined ? { id: takerBodyId } : undefined;
    await createDecision(db, actor, {
      number: d.number,
      takerKind: takerBody ? 'body' : /officer|director|head of/i.test(d.takenBy ?? '') ? 'officer' : 'cabinet-member',
      takerName: d.takenBy ?? 'Unknown',
      takerBodyId: takerBody?.id ?? null,
      meetingId,
      takenOn: d.date ?? x.meeting.date ?? '1970-01-01',
      subject: d.subject ?? `Record of Decision ${d.number}`,
      classification: 'unrestricted',
      containsExemptInformation: !!d.classification && /exempt/i.test(d.classification),
      text: d.subject ?? '',
      reasons: d.reasons ?? null,
      interestsDeclared: d.interestsDeclared ?? null,
      status: 'published',
      publishedOn: d.date ?? null,
    });
  }
  return touched;
}

/**
 * Agenda items printed without numbers (an agenda of unnumbered headings, read with code "") are stored under codes
 * assigned in order, "1", "2", … (the store keys items by code; a printed code is never reused), and the import
 * report says the codes were assigned, not printed.
 */
export function assignAgendaCodes(x: PackExtraction): PackExtraction {
  if (!x.agenda.some((a) => !a.code)) return x;
  const used = new Set(x.agenda.map((a) => a.code).filter(Boolean));
  const assigned: string[] = [];
  let n = 0;
  const agenda = x.agenda.map((a) => {
    n++;
    if (a.code) return a;
    while (used.has(String(n))) n++;
    const code = String(n);
    used.add(code);
    assigned.push(code);
    return { ...a, code };
  });
  const which = assigned.length > 2 ? `${assigned[0]}–${assigned[assigned.length - 1]}` : assigned.join(' and ');
  const all = assigned.length === x.agenda.length;
  const warning = `${all ? `the agenda's ${assigned.length} items have` : `${assigned.length} agenda items have`} no printed numbers: `
    + `they are stored in order as items ${which}; these codes were assigned on import, not printed`;
  // each item's papers follow it to its new code
  const papers = x.papers.map((p) => ({ ...p, itemCode: agenda[p.itemIndex]?.code ?? p.itemCode }));
  return { ...x, agenda, papers, warnings: [...x.warnings, warning] };
}

function sectionsOf(x: PackExtraction): NewAgendaSection[] {
  const unrestricted = x.agenda.filter((a) => a.section === 'unrestricted');
  const exempt = x.agenda.filter((a) => a.section === 'exempt');
  const toItem = (a: PackExtraction['agenda'][number]) => ({
    code: a.code, title: a.title, toFollow: a.toFollow, exempt: a.section === 'exempt',
    pageStart: a.pages?.[0] ?? null, pageEnd: a.pages?.[1] ?? null,
  });
  const sections: NewAgendaSection[] = [];
  if (unrestricted.length) sections.push({ title: 'Unrestricted items', items: unrestricted.map(toItem) });
  if (exempt.length) sections.push({ title: 'Exempt items', exempt: true, items: exempt.map(toItem) });
  return sections;
}

async function storePack(db: Queryable, actor: Actor, r: ReadAndExtract, previous: { meeting_id: number | null; version: number } | undefined, bodyOverride?: string, exactBodies = false): Promise<ImportOutcome> {
  const x = assignAgendaCodes(r.extraction);
  const bodies = bodyResolver(db, actor, exactBodies);
  const { body, date } = meetingOf(x, bodyOverride);
  const minutesOnly = x.agenda.length === 0;
  const isPdf = r.read.kind === 'pdf';
  const fileName = r.read.source;
  let meeting: { id: number; slug: string; bodyId: number };
  if (previous?.meeting_id) {
    // A corrected file: rebuild the meeting's agenda from it; its documents get new versions.
    const m = await getMeeting(db, previous.meeting_id);
    if (!m) throw new MootError(`${fileName}: the meeting it was imported as before (${previous.meeting_id}) is gone`);
    meeting = { id: m.id, slug: m.slug, bodyId: m.body_id };
    await clearAgendaForReimport(db, m.id);
  } else {
    meeting = await historicMeeting(db, actor, bodies, body, date, {
      time: x.meeting.time, venue: x.meeting.venue,
      contacts: x.meeting.contacts.map((c) => ({ name: c.name, phone: c.phone, email: null })),
      publishedOn: x.meeting.publishedOn, signatoryName: x.meeting.publishedBy,
      status: minutesOnly ? 'minutes-approved' : 'held',
    });
  }
  await setHistoricMeetingDetails(db, meeting.id, {
    time: x.meeting.time, venue: x.meeting.venue, publishedOn: x.meeting.publishedOn, signatoryName: x.meeting.publishedBy,
    contacts: x.meeting.contacts.map((c) => ({ name: c.name, phone: c.phone, email: null })),
  });
  const items = await insertAgenda(db, meeting.id, sectionsOf(x));
  await importMembership(db, actor, meeting.bodyId, date, x);

  // The pack itself, as received.
  const packKind = minutesOnly ? 'minutes' : 'agenda-pack';
  const packTitle = minutesOnly ? `Minutes: ${body}, ${date}` : `Agenda pack: ${body}, ${date}`;
  const file = { bytes: r.bytes, fileName, contentType: isPdf ? 'application/pdf' : 'text/plain; charset=utf-8', pageCount: r.read.pages.length };
  const existingPack = await importedPackDocument(db, meeting.id, packKind);
  const ocrPages = r.read.ocrPages;
  if (existingPack) await addDocumentVersion(db, actor, existingPack.id, { file, pages: r.read.pages, ocrPages, note: `re-imported from ${fileName}` });
  else await addDocument(db, actor, { meetingId: meeting.id, kind: packKind, title: packTitle, classification: 'unrestricted', file, pages: r.read.pages, ocrPages });

  // Each item's papers, split out of the pack.
  const pdf = isPdf ? await PDFDocument.load(r.bytes, { ignoreEncryption: true, updateMetadata: false }) : null;
  for (const paper of x.papers) {
    const item = items.find((i) => i.code === paper.itemCode);
    if (!item) continue;
    const agendaItem = x.agenda.find((a) => a.code === paper.itemCode);
    const exempt = agendaItem?.section === 'exempt';
    const title = agendaItem?.title ?? `Item ${paper.itemCode}`;
    let paperFile: { bytes: Uint8Array; fileName: string; contentType: string; pageCount: number } | undefined;
    if (pdf && paper.startPage !== null && paper.endPage !== null) {
      const range = pdfPageRange(r.read, paper.startPage, paper.endPage);
      if (range.length) {
        paperFile = { bytes: await splitPdf(pdf, range), fileName: `${basename(fileName, extname(fileName))}-item-${paper.itemCode}.pdf`, contentType: 'application/pdf', pageCount: range.length };
      }
    }
    const range = paperFile && pdf ? pdfPageRange(r.read, paper.startPage!, paper.endPage!) : [];
    const pages = range.length ? range.map((i) => r.read.pages[i]) : [paper.text];
    // pages of the paper that were read by OCR, numbered within the paper
    const paperOcr = range.flatMap((i, k) => (ocrPages?.includes(i + 1) ? [k + 1] : []));
    // a text pack has no page breaks: the paper runs over the pages its front-sheet entry printed
    const pageCount = !range.length && paper.startPage !== null && paper.endPage !== null && paper.endPage >= paper.startPage ? paper.endPage - paper.startPage + 1 : undefined;
    const existing = await importedReport(db, meeting.id, title);
    if (existing) {
      await attachDocumentToItem(db, existing.id, item.id);
      await addDocumentVersion(db, actor, existing.id, { file: paperFile, pages, ocrPages: paperOcr, pageCount, note: `re-imported from ${fileName}` });
    } else {
      await addDocument(db, actor, { meetingId: meeting.id, agendaItemId: item.id, kind: 'report', title, classification: exempt ? 'exempt' : 'unrestricted', file: paperFile, pages, ocrPages: paperOcr, pageCount });
    }
  }

  const minutesMeetings = await importMinutes(db, actor, bodies, x, body);
  const decisionMeetings = await importDecisions(db, actor, bodies, x, { id: meeting.id, date });
  const warnings = [...x.warnings, ...bodies.matches.map((m) => `the body "${m.printed}" was taken to be "${m.matched}" (the names differ only in word forms); import with --exact-bodies to keep them apart`)];
  return {
    status: 'imported', file: fileName, meetingId: meeting.id, meetingSlug: meeting.slug, version: (previous?.version ?? 0) + 1,
    warnings, touchedMeetingIds: [...new Set([meeting.id, ...minutesMeetings, ...decisionMeetings])], bodyMatches: bodies.matches,
  };
}

/**
 * A revised agenda pack under another file name ("agenda-v2.pdf"): the meeting of the same body on the same date
 * that an earlier pack was imported as. Its records are then rebuilt and versioned rather than duplicated.
 */
async function revisedMeeting(db: Queryable, x: PackExtraction, options: ImportOptions): Promise<{ meeting_id: number | null; version: number } | undefined> {
  if (!x.agenda.length) return undefined;
  const name = options.body ?? x.meeting.body;
  const date = x.meeting.date;
  if (!name || !date) return undefined;
  const body = (await findBodyByName(db, name)) ?? (options.exactBodies ? undefined : await findBodyLoosely(db, name));
  if (!body) return undefined;
  const row = await latestImportOfMeeting(db, body.id, date);
  return row ? { meeting_id: row.meeting_id, version: row.version } : undefined;
}

/** Indexes what an import touched for search, when the search layer is present. */
export type AfterImport = (db: Queryable, meetingIds: number[]) => Promise<void>;

/** Imports one file in one transaction. */
export interface ImportOptions extends ReadOptions {
  /** The body, for packs whose front sheet does not name it (a parish council's agenda without a letterhead). */
  body?: string;
  /** Never take a printed body name to be an existing body whose name differs only in word forms. */
  exactBodies?: boolean;
  /** The meeting date (YYYY-MM-DD), for documents that print none; refused if the document prints another. */
  date?: string;
  afterImport?: AfterImport;
}

export async function importPackFile(store: Store, actor: Actor, path: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  const file = basename(path);
  let r: ReadAndExtract;
  try {
    r = await readAndExtract(path, options);
    r = { ...r, extraction: supplyMeetingDate(r.extraction, options.date) };
  } catch (e) {
    if (e instanceof MootError) return { status: 'failed', file, reason: e.line };
    throw e;
  }
  const sha256 = r.read.sha256;
  const same = await importBySha256(store.db, sha256);
  if (same) return { status: 'unchanged', file, meetingId: same.meeting_id, meetingSlug: same.slug };
  try {
    return await transaction(store.db, async (tx) => {
      const previous = await latestImportOfSource(tx, r.read.source) ?? await revisedMeeting(tx, r.extraction, options);
      const outcome = await storePack(tx, actor, r, previous, options.body, options.exactBodies);
      if (outcome.status !== 'imported') return outcome;
      await insertImportRecord(tx, {
        source: r.read.source, sha256, version: outcome.version, meeting_id: outcome.meetingId,
        imported_at: new Date().toISOString(), imported_by: actor.name,
        warnings_json: JSON.stringify(outcome.warnings), extraction_json: JSON.stringify({ ...r.extraction, papers: undefined }),
      });
      await recordAudit(tx, actor, { action: 'import', entity: 'meeting', entityId: outcome.meetingId, summary: `Imported ${r.read.source} (version ${outcome.version})`, after: { sha256, source: r.read.source, bodyMatches: outcome.bodyMatches } });
      if (options.afterImport) await options.afterImport(tx, outcome.touchedMeetingIds);
      return outcome;
    });
  } catch (e) {
    if (e instanceof MootError) return { status: 'failed', file, reason: e.line };
    return { status: 'failed', file, reason: `${file}: could not be stored (${(e as Error).message.split('\n')[0]}); nothing was written` };
  }
}
