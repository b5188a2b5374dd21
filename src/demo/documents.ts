// Papers the demo prints (reports, appendices, Records of Decision) filed as documents of a meeting and its item,
// as a clerk's upload would be: the PDF with its text page by page, and the structured content it was printed from.
import type { Actor } from '../domain/types.js';
import type { Block, RenderedPdf } from './pdf.js';
import { addDocuments, type NewDocument, type Queryable } from '../services/seed.js';

export interface PrintedPaper {
  meetingId: number | null;
  itemId: number | null;
  kind: 'report' | 'appendix' | 'record-of-decision';
  title: string;
  /** Schedule 12A paragraphs of an exempt paper; none for a public one. */
  exempt: number[];
  blocks: Block[];
  structured?: unknown;
  authorPersonId: number | null;
  position: number;
}

export function filePrintedPaper(db: Queryable, actor: Actor, render: (title: string, blocks: Block[]) => Promise<RenderedPdf>, d: PrintedPaper): Promise<void> {
  return filePrintedPapers(db, actor, render, [d]);
}

/** Papers printed one after another and filed together, in order (a handful of statements for the lot, addDocuments). */
export async function filePrintedPapers(db: Queryable, actor: Actor, render: (title: string, blocks: Block[]) => Promise<RenderedPdf>, papers: readonly PrintedPaper[]): Promise<void> {
  const docs: NewDocument[] = [];
  for (const d of papers) {
    const pdf = await render(d.title, d.blocks);
    docs.push({
      meetingId: d.meetingId,
      agendaItemId: d.itemId,
      kind: d.kind,
      title: d.title,
      classification: d.exempt.length ? 'exempt' : 'unrestricted',
      exemptParagraphs: d.exempt,
      authorPersonId: d.authorPersonId,
      position: d.position,
      file: { bytes: pdf.bytes, fileName: `${d.title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60)}.pdf`, contentType: 'application/pdf', pageCount: pdf.pages.length },
      pages: pdf.pages,
      structured: d.structured,
    });
  }
  await addDocuments(db, actor, docs, { audit: false });
}
