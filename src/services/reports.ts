// Authored reports: drafted by an officer in the structured template, submitted, returned or approved by Democratic
// Services; on approval the pack's own report renderer makes the item's PDF, stored as a new version.
import type { Actor, ExemptParagraph } from '../domain/types.js';
import type { ReportPaper } from '../pack/model.js';
import { getCouncil } from '../store/council.js';
import type { Queryable, Store } from '../store/db.js';
import { addDocumentVersion } from '../store/documents.js';
import * as reports from '../store/reports.js';
import { IMPLICATION_HEADINGS, type AuthoredReport, type ReportRow } from '../store/reports.js';
import { loadPack, validateUploadedPdf } from './pack-loader.js';
import { unitOfWork } from './unit.js';

export {
  blankReport, checkReport, getReport, IMPLICATION_HEADINGS, implicationField, isEditable, listReports, REPORT_STATUS_LABELS, reportHistory, reportResource,
  meetingsTakingReports, reportItemChoices, type AuthoredReport, type ReportRow, type ReportStatus,
} from '../store/reports.js';

export const createReport = unitOfWork(reports.createReport);
export const saveReport = unitOfWork(reports.saveReport);
export const submitReport = unitOfWork(reports.submitReport);
export const returnReport = unitOfWork(reports.returnReport);
export const addAppendix = unitOfWork(reports.addAppendix);

/** Approves a report and stores its rendered PDF as the item's paper, in one transaction. */
export const approveReport = unitOfWork(async (tx, actor: Actor, documentId: number) => {
  await reports.approveReport(tx, actor, documentId);
  await storeApprovedPdf(tx, actor, documentId);
});

/** The stored template as the pack builder's report paper, for the preview and the pack. */
export function toReportPaper(r: AuthoredReport, meetingDate: string | null): ReportPaper {
  const implication = (h: string) => r.sections.find((s) => s.heading === h)?.paragraphs.join('\n\n').trim() || undefined;
  const other = r.sections.filter((s) => !(IMPLICATION_HEADINGS as readonly string[]).includes(s.heading));
  return {
    kind: 'report',
    from: r.from.length ? r.from : ['(not yet given)'],
    to: { body: r.to || '(meeting not chosen)', date: r.toDate ?? meetingDate ?? new Date().toISOString().slice(0, 10) },
    subject: r.subject,
    exemptParagraphs: r.classification === 'exempt' ? (r.exemptParagraphs as ExemptParagraph[]) : undefined,
    pastPathway: r.pathway ?? undefined,
    electoralDivisions: r.electoralDivisions ?? undefined,
    summary: r.summary,
    recommendations: { items: r.recommendations },
    sections: other.map((s) => ({ heading: s.heading, paragraphs: s.paragraphs })),
    implications: { financial: implication(IMPLICATION_HEADINGS[0]), legal: implication(IMPLICATION_HEADINGS[1]), equality: implication(IMPLICATION_HEADINGS[2]) },
    backgroundDocuments: r.backgroundDocuments,
    contacts: r.contacts.map((c) => ({ name: c.name, title: c.title ?? undefined, phone: c.phone ?? undefined, email: c.email ?? undefined })),
    appendices: r.appendices.map((a, i) => `Appendix ${String.fromCharCode(65 + i)}: ${a.title}`),
  };
}

/** The pack builder's rendering of a report: the preview is exactly what the pack will print. */
export function previewPdf(store: Store, r: ReportRow): Promise<Buffer> {
  return renderReportPdf(store.db, r);
}

async function renderReportPdf(db: Queryable, r: ReportRow): Promise<Buffer> {
  const council = await getCouncil(db);
  const { renderPapers } = await loadPack();
  const { bytes } = await renderPapers([toReportPaper(r.report, r.meeting_date)], { councilName: council?.name ?? 'Council' });
  return Buffer.from(bytes);
}

/**
 * An approved report becomes the item's paper: the pack takes only PDFs, so the approved template is rendered by the
 * pack's own report renderer and stored as a new version (template and PDF together). Run in the approval's transaction.
 */
async function storeApprovedPdf(db: Queryable, actor: Actor, documentId: number): Promise<number> {
  const r = await reports.getReport(db, documentId);
  if (!r) throw new Error(`report ${documentId} vanished during approval`);
  const bytes = new Uint8Array(await renderReportPdf(db, r));
  const check = await validateUploadedPdf(bytes, `${r.slug}.pdf`);
  if (check.problems.length) throw new Error(`the rendered report is not a valid PDF: ${check.problems[0].message}`);
  const file = { bytes, fileName: `${r.slug}.pdf`, contentType: 'application/pdf', pageCount: check.pageCount };
  return addDocumentVersion(db, actor, documentId, { structured: r.report, file, note: 'Approved: rendered for the agenda pack' });
}
