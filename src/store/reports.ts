// Report authors' workflow (primer §5): a report in the standard template is a document of kind 'report' whose
// versions hold the template as structured JSON. draft → submitted → approved, or returned with comments (then
// edited and submitted again). Appendices are PDF documents that follow their report through the workflow.
// Every save is a new version; every change is audited. Comments on a returned report live in the audit log.
import type { Resource, Viewer } from '../domain/policy.js';
import { itemExempt, itemTitleVisible } from '../domain/visibility.js';
import type { Actor, StructuredReport } from '../domain/types.js';
import { EXEMPT_PARAGRAPHS } from '../domain/types.js';
import { ValidationError } from '../errors.js';
import { recordAudit } from './audit.js';
import type { Queryable } from './db.js';
import { addDocument, addDocumentVersion } from './documents.js';
import { personFullName } from './people.js';
import { paragraphsToText, parseJson, textToParagraphs } from './json.js';
import { agendaPublished } from './read/visibility.js';

export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted for approval',
  approved: 'Approved',
  returned: 'Returned with comments',
};

/** The implications every report must address, printed as numbered sections after the body (primer §5). */
export const IMPLICATION_HEADINGS = ['Financial Implications', 'Legal Implications', 'Equality Implications'] as const;

/** The stored template: StructuredReport plus the appendices issued with it. */
export interface AuthoredReport extends StructuredReport {
  appendices: { documentId: number; title: string }[];
}

export interface ReportPlacement {
  meetingId: number;
  agendaItemId?: number | null;
}

/** An empty report, for the new-report form. */
export function blankReport(): AuthoredReport {
  return {
    from: [], to: '', toDate: null, subject: '', classification: 'unrestricted', exemptParagraphs: [], pathway: null, electoralDivisions: null,
    summary: '', recommendations: [], sections: [], backgroundDocuments: [], contacts: [], appendices: [],
  };
}

/** Checks a report is complete enough to save; throws a ValidationError naming the first field that is not. */
export function checkReport(r: AuthoredReport, options: { forSubmission?: boolean } = {}): void {
  if (!r.subject.trim()) throw new ValidationError('Enter the subject of the report', 'subject');
  if (r.classification === 'exempt' && !r.exemptParagraphs.length) {
    throw new ValidationError('Choose the paragraph of Schedule 12A that makes the report exempt', 'exemptParagraphs');
  }
  for (const p of r.exemptParagraphs) {
    if (!(EXEMPT_PARAGRAPHS as readonly number[]).includes(p)) throw new ValidationError(`exempt paragraph ${p} is not a paragraph of Schedule 12A (1 to 7)`, 'exemptParagraphs');
  }
  if (!options.forSubmission) return;
  if (!r.from.length) throw new ValidationError('Enter who the report is by (Cabinet Member, Corporate Director)', 'from');
  if (!r.summary.trim()) throw new ValidationError('Enter the summary', 'summary');
  if (!r.recommendations.length) throw new ValidationError('Enter at least one recommendation', 'recommendations');
  for (const h of IMPLICATION_HEADINGS) {
    const s = r.sections.find((x) => x.heading === h);
    if (!s || !s.paragraphs.join('').trim()) throw new ValidationError(`Enter the ${h.toLowerCase()}`, implicationField(h));
  }
  if (!r.contacts.length || !r.contacts[0].name.trim()) throw new ValidationError('Enter the contact’s name', 'contactName');
}

export function implicationField(heading: string): string {
  return heading.split(' ')[0].toLowerCase() + 'Implications';
}

async function placement(db: Queryable, p: ReportPlacement) {
  const meeting = await db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.date', 'meeting.body_id', 'body.name as body_name']).where('meeting.id', '=', p.meetingId).executeTakeFirst();
  if (!meeting) throw new ValidationError('Choose the meeting the report is for', 'meetingId');
  if (p.agendaItemId != null) {
    const item = await db.selectFrom('agenda_item').select('id').where('id', '=', p.agendaItemId).where('meeting_id', '=', meeting.id).executeTakeFirst();
    if (!item) throw new ValidationError('The agenda item is not on that meeting’s agenda', 'agendaItemId');
  }
  return meeting;
}

/** Starts a report as a draft by its author. */
export async function createReport(db: Queryable, actor: Actor, authorPersonId: number, at: ReportPlacement, r: AuthoredReport): Promise<number> {
  checkReport(r);
  const meeting = await placement(db, at);
  const report = { ...r, to: meeting.body_name, toDate: meeting.date };
  const { id } = await addDocument(db, actor, {
    meetingId: meeting.id, agendaItemId: at.agendaItemId ?? null, kind: 'report', title: r.subject.trim(), classification: r.classification,
    exemptParagraphs: r.exemptParagraphs, workflowStatus: 'draft', authorPersonId, structured: report, note: 'Draft',
  });
  return id;
}

export type ReportRow = NonNullable<Awaited<ReturnType<typeof getReport>>>;

export async function getReport(db: Queryable, documentId: number) {
  const doc = await db.selectFrom('document')
    .innerJoin('document_version', (j) => j.onRef('document_version.document_id', '=', 'document.id').onRef('document_version.version', '=', 'document.current_version'))
    .leftJoin('meeting', 'meeting.id', 'document.meeting_id').leftJoin('body', 'body.id', 'meeting.body_id')
    .leftJoin('agenda_item', 'agenda_item.id', 'document.agenda_item_id')
    .select(['document.id', 'document.slug', 'document.title', 'document.classification', 'document.exempt_paragraphs', 'document.workflow_status',
      'document.author_person_id', 'document.meeting_id', 'document.agenda_item_id', 'document.current_version', 'document.created_at',
      'document_version.structured_json', 'document_version.created_at as saved_at', 'document_version.created_by as saved_by',
      'meeting.date as meeting_date', 'meeting.slug as meeting_slug', 'meeting.body_id', 'body.name as body_name',
      'agenda_item.code as item_code', 'agenda_item.title as item_title', 'agenda_item.exempt as item_exempt'])
    .where('document.id', '=', documentId).where('document.kind', '=', 'report').where('document.workflow_status', 'is not', null).executeTakeFirst();
  if (!doc) return null;
  const report = { ...blankReport(), ...parseJson<Partial<AuthoredReport>>(doc.structured_json, {}) };
  return { ...doc, status: doc.workflow_status as ReportStatus, report };
}

/** What the policy needs to know about a report: unpublished until approved, its author's, exempt when classified so. */
export function reportResource(r: Pick<ReportRow, 'body_id' | 'meeting_id' | 'classification' | 'item_exempt' | 'status' | 'author_person_id'>): Resource {
  return {
    bodyId: r.body_id ?? null,
    meetingId: r.meeting_id,
    exempt: r.classification === 'exempt' || !!r.item_exempt,
    published: r.status === 'approved',
    authorPersonId: r.author_person_id,
  };
}

const EDITABLE: readonly ReportStatus[] = ['draft', 'returned'];

export function isEditable(status: ReportStatus): boolean {
  return EDITABLE.includes(status);
}

/** Saves the author's changes as a new version. Only drafts and returned reports can change. */
export async function saveReport(db: Queryable, actor: Actor, documentId: number, at: ReportPlacement, r: AuthoredReport): Promise<number> {
  const current = await getReport(db, documentId);
  if (!current) throw new ValidationError('That report was not found', 'report');
  if (!isEditable(current.status)) throw new ValidationError(`The report is ${REPORT_STATUS_LABELS[current.status].toLowerCase()} and can no longer be changed`, 'report');
  checkReport(r);
  const meeting = await placement(db, at);
  const report: AuthoredReport = { ...r, to: meeting.body_name, toDate: meeting.date, appendices: current.report.appendices };
  await db.updateTable('document').set({
    title: r.subject.trim(), classification: r.classification, exempt_paragraphs: paragraphsToText(r.exemptParagraphs),
    meeting_id: meeting.id, agenda_item_id: at.agendaItemId ?? null,
  }).where('id', '=', documentId).execute();
  return addDocumentVersion(db, actor, documentId, { structured: report, note: 'Saved by the author' });
}

async function setStatus(db: Queryable, actor: Actor, documentId: number, from: readonly ReportStatus[], to: ReportStatus, comments: string | null): Promise<void> {
  const current = await getReport(db, documentId);
  if (!current) throw new ValidationError('That report was not found', 'report');
  if (!from.includes(current.status)) {
    throw new ValidationError(`The report is ${REPORT_STATUS_LABELS[current.status].toLowerCase()}: it cannot be ${to === 'submitted' ? 'submitted' : to} now`, 'report');
  }
  const ids = [documentId, ...current.report.appendices.map((a) => a.documentId)];
  await db.updateTable('document').set({ workflow_status: to }).where('id', 'in', ids).execute();
  await recordAudit(db, actor, {
    action: to === 'submitted' ? 'submit' : to === 'approved' ? 'approve' : 'return',
    entity: 'document', entityId: documentId,
    summary: `Report "${current.title}" ${to}${comments ? `: ${comments}` : ''}`,
    before: { workflow_status: current.status }, after: { workflow_status: to, comments },
  });
}

export async function submitReport(db: Queryable, actor: Actor, documentId: number): Promise<void> {
  const current = await getReport(db, documentId);
  if (current) checkReport(current.report, { forSubmission: true });
  await setStatus(db, actor, documentId, EDITABLE, 'submitted', null);
}

export function approveReport(db: Queryable, actor: Actor, documentId: number): Promise<void> {
  return setStatus(db, actor, documentId, ['submitted'], 'approved', null);
}

export async function returnReport(db: Queryable, actor: Actor, documentId: number, comments: string): Promise<void> {
  if (!comments.trim()) throw new ValidationError('Enter your comments for the author', 'comments');
  await setStatus(db, actor, documentId, ['submitted'], 'returned', comments.trim());
}

/** The workflow so far, oldest first: who submitted, returned (with comments) or approved, and when. */
export async function reportHistory(db: Queryable, documentId: number) {
  const rows = await db.selectFrom('audit_log').select(['at', 'actor_name', 'action', 'after_json'])
    .where('entity', '=', 'document').where('entity_id', '=', String(documentId))
    .where('action', 'in', ['create', 'version', 'submit', 'approve', 'return']).orderBy('id').execute();
  return rows.map((r) => ({ at: r.at, by: r.actor_name, action: r.action, comments: parseJson<{ comments?: string | null }>(r.after_json, {}).comments ?? null }));
}

/** Attaches a PDF appendix; it stays as unpublished as its report until the report is approved. */
export async function addAppendix(db: Queryable, actor: Actor, documentId: number, file: { bytes: Uint8Array; fileName: string; pageCount: number }, title: string): Promise<number> {
  const current = await getReport(db, documentId);
  if (!current) throw new ValidationError('That report was not found', 'report');
  if (!isEditable(current.status)) throw new ValidationError('Appendices can be added only while the report is a draft or returned', 'file');
  if (!title.trim()) throw new ValidationError('Enter the title of the appendix', 'appendixTitle');
  const { id } = await addDocument(db, actor, {
    meetingId: current.meeting_id, agendaItemId: current.agenda_item_id, kind: 'appendix', title: title.trim(),
    classification: current.classification as 'unrestricted' | 'exempt', exemptParagraphs: textToParagraphs(current.exempt_paragraphs),
    workflowStatus: current.status, authorPersonId: current.author_person_id, position: current.report.appendices.length + 1,
    file: { bytes: file.bytes, fileName: file.fileName, contentType: 'application/pdf', pageCount: file.pageCount },
  });
  const report: AuthoredReport = { ...current.report, appendices: [...current.report.appendices, { documentId: id, title: title.trim() }] };
  await addDocumentVersion(db, actor, documentId, { structured: report, note: `Appendix added: ${title.trim()}` });
  return id;
}

/** Meetings a report may be written for: from today on (and the one it is already for), not cancelled. */
export async function meetingsTakingReports(db: Queryable, today: string, current: number | null) {
  return db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id').select(['meeting.id', 'meeting.date', 'body.name'])
    .where((eb) => eb.or([eb('meeting.date', '>=', today), eb('meeting.id', '=', current ?? -1)]))
    .where('meeting.status', 'not in', ['cancelled']).orderBy('meeting.date').orderBy('body.name').limit(300).execute();
}

/**
 * The items of a meeting a report author may choose from, each with its title only where the one rule lets this
 * viewer read it (an unpublished exempt item shows as "exempt item"). `currentItemId`: the item their report is on.
 */
export async function reportItemChoices(db: Queryable, viewer: Viewer, meetingId: number, currentItemId: number | null) {
  const m = await db.selectFrom('meeting').select(['id', 'body_id', 'status', 'agenda_published_at', 'historic']).where('id', '=', meetingId).executeTakeFirst();
  if (!m) return [];
  const published = agendaPublished(m);
  const items = await db.selectFrom('agenda_item').leftJoin('agenda_section', 'agenda_section.id', 'agenda_item.section_id')
    .select(['agenda_item.id', 'agenda_item.code', 'agenda_item.title', 'agenda_item.exempt', 'agenda_section.exempt as section_exempt'])
    .where('agenda_item.meeting_id', '=', meetingId).orderBy('agenda_item.position').execute();
  const own = viewer.kind === 'user' ? viewer.personId : null;
  return items.map((i) => {
    const exempt = itemExempt(i, { exempt: i.section_exempt });
    const visible = itemTitleVisible(viewer, { exempt, agendaPublished: published, bodyId: m.body_id, meetingId, authorPersonId: i.id === currentItemId ? own : null });
    return { id: i.id, code: i.code, title: visible ? i.title : null, exempt };
  });
}

export interface ReportListFilter {
  authorPersonId?: number;
  statuses?: ReportStatus[];
}

export function listReports(db: Queryable, f: ReportListFilter = {}) {
  let q = db.selectFrom('document').leftJoin('meeting', 'meeting.id', 'document.meeting_id').leftJoin('body', 'body.id', 'meeting.body_id')
    .leftJoin('person', 'person.id', 'document.author_person_id')
    .select(['document.id', 'document.title', 'document.workflow_status', 'document.classification', 'document.current_version', 'document.created_at',
      'document.author_person_id', 'meeting.date as meeting_date', 'body.name as body_name',
      'person.title as author_title', 'person.initials', 'person.forenames', 'person.surname', 'person.post_nominals'])
    .where('document.kind', '=', 'report').where('document.workflow_status', 'is not', null);
  if (f.authorPersonId !== undefined) q = q.where('document.author_person_id', '=', f.authorPersonId);
  if (f.statuses?.length) q = q.where('document.workflow_status', 'in', f.statuses);
  // The author by their full name, as officers sign reports (personFullName), or null for a report with no author.
  return q.orderBy('document.id', 'desc').execute().then((rows) => rows.map(({ author_title, initials, forenames, surname, post_nominals, ...r }) => ({
    ...r, author_name: surname ? personFullName({ title: author_title, initials, forenames, surname, post_nominals }) : null })));
}
