// The report preview: the pack builder's own rendering of the structured report, so the author sees exactly what
// the pack will print.
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../domain/types.js';
import { renderPapers } from '../../../pack/papers.js';
import { validateUploadedPdf } from '../../../pack/upload.js';
import { getCouncil } from '../../../store/council.js';
import type { Queryable, Store } from '../../../store/db.js';
import { addDocumentVersion } from '../../../store/documents.js';
import { getReport, type ReportRow } from '../../../store/reports.js';
import { toReportPaper } from '../../../services/reports.js';

/** The pack builder's rendering of a report: the preview is exactly what the pack will print. */
export function previewPdf(store: Store, r: ReportRow): Promise<Buffer> {
  return renderReportPdf(store.db, r);
}

async function renderReportPdf(db: Queryable, r: ReportRow): Promise<Buffer> {
  const council = await getCouncil(db);
  const { bytes } = await renderPapers([toReportPaper(r.report, r.meeting_date)], { councilName: council?.name ?? 'Council' });
  return Buffer.from(bytes);
}

/**
 * An approved report becomes the item's paper: the pack takes only PDFs, so the approved template is rendered by the
 * pack's own report renderer and stored as a new version (template and PDF together). Run in the approval's transaction.
 */
export async function storeApprovedPdf(db: Queryable, actor: Actor, documentId: number): Promise<number> {
  const r = await getReport(db, documentId);
  if (!r) throw new Error(`report ${documentId} vanished during approval`);
  const bytes = new Uint8Array(await renderReportPdf(db, r));
  const check = await validateUploadedPdf(bytes, `${r.slug}.pdf`);
  if (check.problems.length) throw new Error(`the rendered report is not a valid PDF: ${check.problems[0].message}`);
  const file = { bytes, fileName: `${r.slug}.pdf`, contentType: 'application/pdf', pageCount: check.pageCount };
  return addDocumentVersion(db, actor, documentId, { structured: r.report, file, note: 'Approved: rendered for the agenda pack' });
}

export function sendPdf(reply: FastifyReply, bytes: Buffer, fileName: string): FastifyReply {
  return reply.type('application/pdf').header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store')
    .header('content-disposition', `inline; filename="${fileName.replace(/[^\w.-]/g, '_')}"`).send(bytes);
}

