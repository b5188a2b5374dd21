// Documents (reports, appendices, minutes, records of decision, packs) and their versions. A published file is
// never overwritten: a correction is a new version, and every version stays readable.
import { createHash } from 'node:crypto';
import { SqliteAdapter } from 'kysely';
import { slugify, uniqueSlug } from '../domain/slugs.js';
import type { Actor, Classification, DocumentKind } from '../domain/types.js';
import { councilDay, formatDisplayDate } from '../domain/display.js';
import { classificationForVersion, itemExempt, PACK_DOCUMENT_KINDS } from '../domain/visibility.js';
import { agendaPublished, documentPublished } from './read/visibility.js';
import { ValidationError } from '../errors.js';
import { nowIso, recordAudit } from './audit.js';
import type { Queryable } from './db.js';
import { paragraphsToText } from './json.js';
import { takenSlugs } from './slugs.js';
import { checkNames } from './input.js';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function blobRow(bytes: Uint8Array) {
  return { sha256: sha256Hex(bytes), size: bytes.byteLength, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

/** Stores bytes once, keyed by their SHA-256 (bytes already stored are left as they are). */
function insertBlobs(db: Queryable, blobs: ReturnType<typeof blobRow>[]) {
  return db.insertInto('blob').values(blobs).onConflict((oc) => oc.column('sha256').doNothing());
}

/** Stores bytes once, keyed by their SHA-256: one statement. */
export async function putBlob(db: Queryable, bytes: Uint8Array): Promise<string> {
  const blob = blobRow(bytes);
  await insertBlobs(db, [blob]).execute();
  return blob.sha256;
}

export async function getBlob(db: Queryable, sha256: string): Promise<Uint8Array | null> {
  const row = await db.selectFrom('blob').select('bytes').where('sha256', '=', sha256).executeTakeFirst();
  return row ? new Uint8Array(row.bytes) : null;
}

export interface DocumentContent {
  file?: { bytes: Uint8Array; fileName: string; contentType: string; pageCount?: number | null };
  /** Text per page, for search and the HTML view. */
  pages?: string[];
  structured?: unknown;
  note?: string | null;
  /** 1-based pages whose text was read from the page image by OCR */
  ocrPages?: number[];
  /** pages of the printed document when there is no file and the text is not split by page (a paper of a text pack) */
  pageCount?: number | null;
  /** This version's classification; for a new version, absent means the document's. Raised to exempt when its item is. */
  classification?: Classification;
  exemptParagraphs?: number[];
}

export interface NewDocument extends DocumentContent {
  meetingId?: number | null;
  agendaItemId?: number | null;
  kind: DocumentKind;
  title: string;
  classification: Classification;
  workflowStatus?: string | null;
  authorPersonId?: number | null;
  position?: number;
}

const NOT_EXEMPT = { exempt: false, paragraphs: '' };

/** Are these agenda items exempt now (each, or its section)? In one statement; an item not found is not exempt. */
async function itemsExempt(db: Queryable, itemIds: readonly (number | null | undefined)[]): Promise<Map<number, { exempt: boolean; paragraphs: string }>> {
  const ids = [...new Set(itemIds.filter((id): id is number => id != null))];
  const out = new Map<number, { exempt: boolean; paragraphs: string }>();
  if (!ids.length) return out;
  const rows = await db.selectFrom('agenda_item').leftJoin('agenda_section', 'agenda_section.id', 'agenda_item.section_id')
    .select(['agenda_item.id', 'agenda_item.exempt', 'agenda_item.exempt_paragraphs', 'agenda_section.exempt as section_exempt'])
    .where('agenda_item.id', 'in', ids).execute();
  for (const row of rows) out.set(row.id, { exempt: itemExempt({ exempt: row.exempt }, { exempt: row.section_exempt }), paragraphs: row.exempt_paragraphs });
  return out;
}

/** Is this agenda item exempt now (it or its section)? False for no item. */
export async function itemIsExempt(db: Queryable, itemId: number | null | undefined): Promise<{ exempt: boolean; paragraphs: string }> {
  if (itemId == null) return NOT_EXEMPT;
  return (await itemsExempt(db, [itemId])).get(itemId) ?? NOT_EXEMPT;
}

interface VersionClass {
  classification: Classification;
  exemptParagraphs: string;
}

function versionRow(actor: Actor, documentId: number, version: number, c: DocumentContent, cls: VersionClass) {
  const blob = c.file ? blobRow(c.file.bytes) : null;
  const row = {
    document_id: documentId,
    version,
    file_name: c.file?.fileName ?? null,
    content_type: c.file?.contentType ?? null,
    size: c.file ? c.file.bytes.byteLength : null,
    sha256: blob?.sha256 ?? null,
    page_count: c.file?.pageCount ?? c.pageCount ?? (c.pages ? c.pages.length : null),
    pages_json: c.pages ? JSON.stringify(c.pages) : null,
    structured_json: c.structured === undefined ? null : JSON.stringify(c.structured),
    note: c.note ?? null,
    ocr_pages: c.ocrPages?.length ? JSON.stringify(c.ocrPages) : null,
    classification: cls.classification,
    exempt_paragraphs: cls.exemptParagraphs,
    created_at: nowIso(),
    created_by: actor.name,
  };
  return { row, blob };
}

/** Stores versions with their files: on PostgreSQL in one statement, however many (SQLite: the files, then the versions). */
async function insertVersions(db: Queryable, versions: ReturnType<typeof versionRow>[]): Promise<void> {
  if (!versions.length) return;
  const rows = versions.map((v) => v.row);
  const blobs = [...new Map(versions.flatMap((v) => (v.blob ? [[v.blob.sha256, v.blob] as const] : []))).values()];
  if (blobs.length && !(db.getExecutor().adapter instanceof SqliteAdapter)) {
    // PostgreSQL stores the files and their versions in one statement (one round trip for each of a bulk load's
    // batches of papers; a version's reference to its file is checked at the statement's end). SQLite has no INSERT
    // in WITH.
    await db.with('stored_blob', () => insertBlobs(db, blobs)).insertInto('document_version').values(rows).execute();
  } else {
    if (blobs.length) await insertBlobs(db, blobs).execute();
    await db.insertInto('document_version').values(rows).execute();
  }
}

/** Adds a document with its first version. */
export async function addDocument(db: Queryable, actor: Actor, d: NewDocument, options: { audit?: boolean } = {}): Promise<{ id: number; slug: string }> {
  const [added] = await addDocuments(db, actor, [d], options);
  return added;
}

/**
 * Adds documents with their first versions, in order: as addDocument each, in four statements for the lot (the
 * slugs taken, the items' exemption, the documents, the versions with their files), not four each; a bulk load
 * (the demonstration council) files a meeting's papers together.
 */
export async function addDocuments(db: Queryable, actor: Actor, docs: readonly NewDocument[], options: { audit?: boolean } = {}): Promise<{ id: number; slug: string }[]> {
  if (!docs.length) return [];
  for (const d of docs) checkNames(['title', 'The paper\'s title', d.title]);
  const bases = docs.map((d) => slugify(d.title) || 'document');
  const taken = await takenSlugs(db, 'document', bases);
  const items = await itemsExempt(db, docs.map((d) => d.agendaItemId));
  const planned = docs.map((d, i) => {
    const slug = uniqueSlug(bases[i], (s) => taken.has(s));
    taken.add(slug);
    // A paper is never less restricted than its item (domain/visibility.ts).
    const item = d.agendaItemId == null ? NOT_EXEMPT : items.get(d.agendaItemId) ?? NOT_EXEMPT;
    const classification = classificationForVersion(d.classification, d.kind, item.exempt);
    const paragraphs = classification === 'exempt' ? paragraphsToText(d.exemptParagraphs ?? []) || item.paragraphs : paragraphsToText(d.exemptParagraphs ?? []);
    const values = {
      slug,
      meeting_id: d.meetingId ?? null,
      agenda_item_id: d.agendaItemId ?? null,
      kind: d.kind,
      title: d.title,
      classification,
      exempt_paragraphs: paragraphs,
      workflow_status: d.workflowStatus ?? null,
      author_person_id: d.authorPersonId ?? null,
      position: d.position ?? 0,
      current_version: 1,
      created_at: nowIso(),
    };
    return { d, values };
  });
  // Ids in the order given (a multi-row insert numbers its rows in order); matched back by slug, which is unique.
  const inserted = await db.insertInto('document').values(planned.map((p) => p.values)).returning(['id', 'slug']).execute();
  const ids = new Map(inserted.map((r) => [r.slug, r.id]));
  const versions = planned.map((p) => versionRow(actor, ids.get(p.values.slug)!, 1, p.d, { classification: p.values.classification, exemptParagraphs: p.values.exempt_paragraphs }));
  await insertVersions(db, versions);
  if (options.audit !== false) {
    for (const [i, p] of planned.entries()) {
      const id = ids.get(p.values.slug)!;
      await recordAudit(db, actor, { action: 'create', entity: 'document', entityId: id, summary: `Added ${p.d.kind} "${p.d.title}"`, after: { ...p.values, sha256: versions[i].row.sha256 } });
    }
  }
  return planned.map((p) => ({ id: ids.get(p.values.slug)!, slug: p.values.slug }));
}

/**
 * A correction or update: a new version; the earlier ones stay, each with the classification it was made under
 * (a redacted unrestricted v2 never opens an exempt v1). The document's own classification follows its current
 * version.
 */
export async function addDocumentVersion(db: Queryable, actor: Actor, documentId: number, c: DocumentContent): Promise<number> {
  const doc = await db.selectFrom('document').select(['current_version', 'title', 'kind', 'classification', 'exempt_paragraphs', 'agenda_item_id'])
    .where('id', '=', documentId).executeTakeFirstOrThrow();
  const version = doc.current_version + 1;
  const item = await itemIsExempt(db, doc.agenda_item_id);
  const classification = classificationForVersion(c.classification ?? doc.classification, doc.kind, item.exempt);
  const given = c.exemptParagraphs ? paragraphsToText(c.exemptParagraphs) : doc.exempt_paragraphs;
  const paragraphs = classification === 'exempt' ? given || item.paragraphs : '';
  const v = versionRow(actor, documentId, version, c, { classification, exemptParagraphs: paragraphs });
  await insertVersions(db, [v]);
  const sha256 = v.row.sha256;
  await db.updateTable('document').set({ current_version: version, classification, exempt_paragraphs: paragraphs }).where('id', '=', documentId).execute();
  await recordAudit(db, actor, { action: 'version', entity: 'document', entityId: documentId, summary: `New version ${version} of "${doc.title}"${c.note ? `: ${c.note}` : ''}`, before: { version: doc.current_version }, after: { version, sha256 } });
  return version;
}

export async function getDocument(db: Queryable, idOrSlug: number | string) {
  const q = db.selectFrom('document').selectAll();
  return (typeof idOrSlug === 'number' ? q.where('id', '=', idOrSlug) : q.where('slug', '=', idOrSlug)).executeTakeFirst();
}

export function getDocumentVersion(db: Queryable, documentId: number, version: number) {
  return db.selectFrom('document_version').selectAll().where('document_id', '=', documentId).where('version', '=', version).executeTakeFirst();
}

export function listDocumentVersions(db: Queryable, documentId: number) {
  return db.selectFrom('document_version')
    .select(['id', 'version', 'file_name', 'content_type', 'size', 'sha256', 'page_count', 'note', 'created_at', 'created_by'])
    .where('document_id', '=', documentId).orderBy('version', 'desc').execute();
}

/** The papers of a meeting's agenda items in pack order, each with its current version and any withdrawal (what a pack prints). */
export function itemPapersOfMeeting(db: Queryable, meetingId: number) {
  return db.selectFrom('document')
    .innerJoin('document_version', (j) => j.onRef('document_version.document_id', '=', 'document.id').onRef('document_version.version', '=', 'document.current_version'))
    .select(['document.id', 'document.title', 'document.kind', 'document.agenda_item_id', 'document.workflow_status', 'document_version.sha256', 'document_version.content_type',
      'document_version.file_name', 'document_version.classification', 'document_version.exempt_paragraphs',
      'document.withdrawn_at', 'document.withdrawn_reason', 'document.withdrawn_public'])
    .where('document.meeting_id', '=', meetingId).where('document.agenda_item_id', 'is not', null)
    .orderBy('document.position').orderBy('document.id').execute();
}

export function listMeetingDocuments(db: Queryable, meetingId: number) {
  return db.selectFrom('document')
    .innerJoin('document_version', (j) => j.onRef('document_version.document_id', '=', 'document.id').onRef('document_version.version', '=', 'document.current_version'))
    .select(['document.id', 'document.slug', 'document.kind', 'document.title', 'document.classification', 'document.exempt_paragraphs',
      'document.agenda_item_id', 'document.position', 'document.current_version', 'document.workflow_status',
      'document_version.size', 'document_version.sha256', 'document_version.page_count', 'document_version.file_name', 'document_version.content_type'])
    .where('document.meeting_id', '=', meetingId).orderBy('document.agenda_item_id').orderBy('document.position').orderBy('document.id').execute();
}

/** A paper withdrawn or reinstated: what the caller needs to reissue the packs and reindex. */
export interface PaperStandingChange {
  documentId: number;
  slug: string;
  title: string;
  meetingId: number | null;
  itemId: number | null;
  itemCode: string | null;
  /** When it was withdrawn or reinstated. */
  at: string;
  /** Withdrawn: the paper was public until now (so its history stays public). Reinstated: it is public again. */
  public: boolean;
}

/** A paper (not a pack) by id or slug, with its item and whether the public has it as things stand. */
async function paperForStanding(db: Queryable, idOrSlug: number | string) {
  const q = db.selectFrom('document').leftJoin('agenda_item', 'agenda_item.id', 'document.agenda_item_id')
    .select(['document.id', 'document.slug', 'document.title', 'document.kind', 'document.meeting_id', 'document.agenda_item_id', 'document.workflow_status',
      'document.withdrawn_at', 'document.withdrawn_public', 'agenda_item.meeting_id as item_meeting_id', 'agenda_item.code as item_code']);
  const doc = await (typeof idOrSlug === 'number' ? q.where('document.id', '=', idOrSlug) : q.where('document.slug', '=', idOrSlug)).executeTakeFirst();
  if (!doc) return null;
  if (PACK_DOCUMENT_KINDS.includes(doc.kind)) throw new ValidationError(`"${doc.title}" is a pack, not a paper: a pack is reissued, not withdrawn`, 'reason');
  const meetingId = doc.meeting_id ?? doc.item_meeting_id;
  const meeting = meetingId === null ? undefined
    : await db.selectFrom('meeting').select(['status', 'agenda_published_at', 'historic']).where('id', '=', meetingId).executeTakeFirst();
  // Public once its agenda is, if not a draft (the one rule, asked as if it were not withdrawn).
  const publicIfStanding = documentPublished({ workflow_status: doc.workflow_status }) && (!meeting || agendaPublished(meeting));
  return { ...doc, meetingId, publicIfStanding };
}

const change = (doc: NonNullable<Awaited<ReturnType<typeof paperForStanding>>>, at: string, isPublic: boolean): PaperStandingChange => ({
  documentId: doc.id, slug: doc.slug, title: doc.title, meetingId: doc.meetingId, itemId: doc.agenda_item_id, itemCode: doc.item_code, at, public: isPublic,
});

/**
 * Withdraws a paper: marks the document withdrawn with when, by whom and why, keeping every version, and opens a
 * step of its history (document_withdrawal). Whether it was public then is recorded, so a paper withdrawn before its
 * agenda was published never becomes public. Refused for a paper already withdrawn; null when there is no such document.
 */
export async function withdrawDocument(db: Queryable, actor: Actor, idOrSlug: number | string, reason: string): Promise<PaperStandingChange | null> {
  const doc = await paperForStanding(db, idOrSlug);
  if (!doc) return null;
  if (doc.withdrawn_at) throw new ValidationError(`"${doc.title}" was already withdrawn on ${formatDisplayDate(councilDay(doc.withdrawn_at))}`, 'reason');
  const wasPublic = documentPublished(doc) && doc.publicIfStanding;
  const at = nowIso();
  const mark = { withdrawn_at: at, withdrawn_by: actor.name, withdrawn_reason: reason.trim(), withdrawn_public: wasPublic ? 1 : 0 };
  await db.updateTable('document').set(mark).where('id', '=', doc.id).execute();
  await db.insertInto('document_withdrawal').values({ document_id: doc.id, ...mark }).execute();
  await recordAudit(db, actor, {
    action: 'withdraw', entity: 'document', entityId: doc.id, summary: `Withdrew ${doc.kind} "${doc.title}": ${reason.trim()}`,
    before: { withdrawn_at: null }, after: mark,
  });
  return change(doc, at, wasPublic);
}

/**
 * Reinstates a withdrawn paper: clears the mark on the document (it is a paper of its item again, as public as its
 * item and agenda make it) and closes the open step of its history with when, by whom and why, so the withdrawal
 * stays on record beside the reinstatement. Refused for a paper not withdrawn; null when there is no such document.
 */
export async function reinstateDocument(db: Queryable, actor: Actor, idOrSlug: number | string, reason: string): Promise<PaperStandingChange | null> {
  const doc = await paperForStanding(db, idOrSlug);
  if (!doc) return null;
  if (!doc.withdrawn_at) throw new ValidationError(`"${doc.title}" is not withdrawn: only a withdrawn paper can be reinstated`, 'reason');
  const at = nowIso();
  const before = { withdrawn_at: doc.withdrawn_at, withdrawn_public: doc.withdrawn_public };
  await db.updateTable('document').set({ withdrawn_at: null, withdrawn_by: null, withdrawn_reason: null, withdrawn_public: 0 }).where('id', '=', doc.id).execute();
  const closed = { reinstated_at: at, reinstated_by: actor.name, reinstated_reason: reason.trim() };
  await db.updateTable('document_withdrawal').set(closed).where('document_id', '=', doc.id).where('reinstated_at', 'is', null).execute();
  await recordAudit(db, actor, {
    action: 'reinstate', entity: 'document', entityId: doc.id, summary: `Reinstated ${doc.kind} "${doc.title}": ${reason.trim()}`,
    before, after: { withdrawn_at: null, ...closed },
  });
  return change(doc, at, doc.publicIfStanding);
}

/** A paper's withdrawals and reinstatements, oldest first; `publicOnly` keeps the steps taken while the public had it. */
export function withdrawalHistory(db: Queryable, documentIds: number[], publicOnly: boolean) {
  let q = db.selectFrom('document_withdrawal')
    .select(['document_id', 'withdrawn_at', 'withdrawn_by', 'withdrawn_reason', 'withdrawn_public', 'reinstated_at', 'reinstated_by', 'reinstated_reason'])
    .where('document_id', 'in', [0, ...documentIds]);
  if (publicOnly) q = q.where('withdrawn_public', '=', 1);
  return q.orderBy('document_id').orderBy('withdrawn_at').orderBy('id').execute();
}
