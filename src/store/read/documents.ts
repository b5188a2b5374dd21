// A paper for its own page and downloads: the current version's text by page, earlier versions, and where it sits
// (meeting, item). Whether it is exempt is asked of domain/visibility.ts, per version.
import { councilDay } from '../../domain/display.js';
import type { Viewer } from '../../domain/policy.js';
import { exemptLabel, itemExempt, maySee, packExempt, paperExempt } from '../../domain/visibility.js';
import type { Queryable } from '../db.js';
import { parseJson, textToParagraphs } from '../json.js';
import { agendaPublished, documentPublished } from './visibility.js';
import { withdrawalHistory } from '../documents.js';

export type DocumentAccess = 'ok' | 'not-found' | 'exempt';

async function loadDocument(db: Queryable, slug: string) {
  return db.selectFrom('document').leftJoin('meeting', 'meeting.id', 'document.meeting_id').leftJoin('body', 'body.id', 'meeting.body_id')
    .leftJoin('agenda_item', 'agenda_item.id', 'document.agenda_item_id').leftJoin('agenda_section', 'agenda_section.id', 'agenda_item.section_id')
    // A select committee's final report sits on its review, not a meeting.
    .leftJoin('scrutiny_review', 'scrutiny_review.report_document_id', 'document.id')
    .select(['scrutiny_review.slug as review_slug', 'scrutiny_review.title as review_title'])
    // Its body is the meeting's, or (a final report) the review's appointing body: those entitled to it if exempt.
    .select((eb) => eb.fn.coalesce('meeting.body_id', 'scrutiny_review.body_id').as('body_id'))
    .select(['document.id', 'document.slug', 'document.kind', 'document.title', 'document.classification', 'document.exempt_paragraphs',
      'document.workflow_status', 'document.current_version', 'document.meeting_id', 'document.author_person_id', 'meeting.slug as meeting_slug', 'meeting.date as meeting_date',
      // A withdrawn paper's page says so; one withdrawn before it was public stays unpublished (domain/visibility.ts).
      'document.withdrawn_at', 'document.withdrawn_by', 'document.withdrawn_reason', 'document.withdrawn_public',
      'meeting.status as meeting_status', 'meeting.agenda_published_at', 'meeting.historic', 'body.name as body_name', 'body.slug as body_slug',
      'agenda_item.code as item_code', 'agenda_item.title as item_title', 'agenda_item.exempt as item_exempt', 'agenda_item.exempt_paragraphs as item_paragraphs',
      'agenda_section.exempt as section_exempt'])
    .where('document.slug', '=', slug).executeTakeFirst();
}

/** A withdrawn paper's withdrawal as its page says it: the day on the council's clock, and why. */
function withdrawalOf(row: { withdrawn_at: string | null; withdrawn_reason: string | null }): { on: string; reason: string } | null {
  return row.withdrawn_at ? { on: councilDay(row.withdrawn_at), reason: row.withdrawn_reason ?? '' } : null;
}

/** A paper's earlier withdrawals, each reinstated since, that the public saw (withdrawn while it was public), oldest first. */
async function reinstatementsOf(db: Queryable, documentId: number) {
  const steps = await withdrawalHistory(db, [documentId], true);
  return steps.filter((s) => s.reinstated_at).map((s) => ({
    withdrawn: { on: councilDay(s.withdrawn_at), reason: s.withdrawn_reason }, reinstated: { on: councilDay(s.reinstated_at!), reason: s.reinstated_reason ?? '' },
  }));
}

/**
 * Whether the viewer may have this document at this version (the current one when not given), and why not.
 * Unpublished papers are simply not found. Each version is judged by its own classification (a version made
 * while exempt stays exempt); `doc.visibleVersions` lists the versions this viewer may open.
 */
export async function documentAccess(db: Queryable, slug: string, viewer: Viewer, version?: number) {
  const row = await loadDocument(db, slug);
  if (!row) return { access: 'not-found' as DocumentAccess, doc: null };
  const versions = await db.selectFrom('document_version').select(['version', 'classification', 'exempt_paragraphs'])
    .where('document_id', '=', row.id).orderBy('version', 'desc').execute();
  const wanted = version ?? row.current_version;
  const meetingPublished = row.meeting_id === null || agendaPublished({ status: row.meeting_status ?? 'held', agenda_published_at: row.agenda_published_at, historic: row.historic ?? 0 });
  const published = documentPublished(row) && meetingPublished;
  const isItemExempt = itemExempt({ exempt: row.item_exempt }, { exempt: row.section_exempt });
  const facts = (v: { classification: string }) => ({
    bodyId: row.body_id, meetingId: row.meeting_id, authorPersonId: row.author_person_id, published,
    exempt: paperExempt({ classification: v.classification, kind: row.kind, itemExempt: isItemExempt }),
  });
  const visibleVersions = versions.filter((v) => maySee(viewer, facts(v))).map((v) => v.version);
  const target = versions.find((v) => v.version === wanted);
  if (!target) {
    // No such version: say so only to those who may see the document at all.
    return visibleVersions.length ? { access: 'ok' as DocumentAccess, doc: { ...row, visibleVersions, withdrawn: withdrawalOf(row), reinstatements: await reinstatementsOf(db, row.id) }, exempt: false, missingVersion: true } : { access: 'not-found' as DocumentAccess, doc: null };
  }
  const f = facts(target);
  // The one rule decides; what follows only chooses how a refusal reads.
  if (!maySee(viewer, f)) {
    if (!published || !f.exempt) return { access: 'not-found' as DocumentAccess, doc: null };
    const own = textToParagraphs(target.exempt_paragraphs);
    const paras = own.length ? own : textToParagraphs(row.exempt_paragraphs).length ? textToParagraphs(row.exempt_paragraphs) : textToParagraphs(row.item_paragraphs);
    return { access: 'exempt' as DocumentAccess, doc: null, label: exemptLabel(paras), meetingSlug: row.meeting_slug };
  }
  return { access: 'ok' as DocumentAccess, doc: { ...row, visibleVersions, withdrawn: withdrawalOf(row), reinstatements: await reinstatementsOf(db, row.id) }, exempt: f.exempt };
}

export async function readDocumentPage(db: Queryable, doc: NonNullable<Awaited<ReturnType<typeof loadDocument>>> & { visibleVersions?: number[] }, version?: number) {
  const v = version ?? doc.current_version;
  if (doc.visibleVersions && !doc.visibleVersions.includes(v)) return null;
  const [current, versions] = await Promise.all([
    db.selectFrom('document_version').select(['version', 'file_name', 'size', 'sha256', 'page_count', 'pages_json', 'note', 'ocr_pages', 'created_at'])
      .where('document_id', '=', doc.id).where('version', '=', v).executeTakeFirst(),
    db.selectFrom('document_version').select(['version', 'size', 'sha256', 'page_count', 'note', 'created_at'])
      .where('document_id', '=', doc.id).orderBy('version', 'desc').execute(),
  ]);
  if (!current) return null;
  const listed = doc.visibleVersions ? versions.filter((x) => doc.visibleVersions!.includes(x.version)) : versions;
  return { version: { ...current, pages: parseJson<string[]>(current.pages_json, []), ocrPages: parseJson<number[]>(current.ocr_pages, []) }, versions: listed };
}

export async function documentFile(db: Queryable, documentId: number, version: number) {
  return db.selectFrom('document_version').innerJoin('blob', 'blob.sha256', 'document_version.sha256')
    .select(['blob.bytes', 'blob.sha256', 'document_version.content_type', 'document_version.file_name'])
    .where('document_version.document_id', '=', documentId).where('document_version.version', '=', version).executeTakeFirst();
}

/** A meeting's pack file by kind, version (latest when null) and audience. */
export async function packFile(db: Queryable, meetingId: number, kind: string, audience: string, version: number | null) {
  let q = db.selectFrom('publication').innerJoin('blob', 'blob.sha256', 'publication.sha256')
    .select(['blob.bytes', 'blob.sha256', 'publication.version', 'publication.audience', 'publication.withheld_at', 'publication.withheld_reason'])
    .where('publication.meeting_id', '=', meetingId).where('publication.kind', '=', kind).where('publication.audience', '=', audience);
  if (version !== null) q = q.where('publication.version', '=', version);
  return q.orderBy('publication.version', 'desc').limit(1).executeTakeFirst();
}

/**
 * A pack as this viewer may have it: the file, 'restricted' (the confidential pack, or a public pack withheld since
 * an item in it was made exempt, for a viewer not entitled), or null (no such pack). The one rule decides.
 */
export async function packForViewer(db: Queryable, viewer: Viewer, meeting: { id: number; body_id: number }, kind: string, audience: string, version: number | null) {
  const file = await packFile(db, meeting.id, kind, audience, version);
  if (!file) return audience === 'public' || maySee(viewer, { bodyId: meeting.body_id, meetingId: meeting.id, exempt: true }) ? null : 'restricted' as const;
  const exempt = packExempt({ audience: file.audience, withheldAt: file.withheld_at });
  if (!maySee(viewer, { bodyId: meeting.body_id, meetingId: meeting.id, exempt })) return 'restricted' as const;
  return { ...file, exempt };
}
