// The report preview: the pack builder's own rendering of the structured report, so the author sees exactly what
// the pack will print.
import type { FastifyReply } from 'fastify';
import { renderPapers } from '../../../pack/papers.js';
import { getCouncil } from '../../../store/council.js';
import type { Store } from '../../../store/db.js';
import { toReportPaper, type ReportRow } from '../../../store/reports.js';

/** The pack builder's rendering of a report: the preview is exactly what the pack will print. */
export async function previewPdf(store: Store, r: ReportRow): Promise<Buffer> {
  const council = await getCouncil(store.db);
  const { bytes } = await renderPapers([toReportPaper(r.report, r.meeting_date)], { councilName: council?.name ?? 'Council' });
  return Buffer.from(bytes);
}

export function sendPdf(reply: FastifyReply, bytes: Buffer, fileName: string): FastifyReply {
  return reply.type('application/pdf').header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store')
    .header('content-disposition', `inline; filename="${fileName.replace(/[^\w.-]/g, '_')}"`).send(bytes);
}

