// Papers and documents: uploads checked with the pack builder's PDF check (a corrupt, encrypted or empty file is
// refused with what is wrong with it), stored as versions, and read as the viewer may.
import type { Actor, Classification, DocumentKind } from '../domain/types.js';
import { ValidationError } from '../errors.js';
import { validateUploadedPdf } from '../pack/upload.js';
import type { Store } from '../store/db.js';
import { addDocument } from '../store/documents.js';
import { agendaItemByCode } from '../store/meetings.js';
import * as papers from '../store/workspace/papers.js';
import { unitOfWork } from './unit.js';

export { validateUploadedPdf, type UploadedPdfCheck } from '../pack/upload.js';
export { documentAccess, documentFile, readDocumentPage, packFile, packForViewer, type DocumentAccess } from '../store/read/documents.js';
export { itemPapers, type UploadedPaper } from '../store/workspace/papers.js';
export { textToParagraphs } from '../store/json.js';

/** A new paper, or a new version of one, on an agenda item. */
export const attachPaper = unitOfWork(papers.attachPaper);

export interface MeetingPaper {
  title: string;
  kind: DocumentKind;
  agendaItemCode?: string | null;
  classification: Classification;
  exemptParagraphs: number[];
  fileName: string;
  bytes: Uint8Array;
}

/** Uploads a paper to a meeting (on the item with the given code, if any) after checking the PDF. */
export async function uploadMeetingPaper(store: Store, actor: Actor, meetingId: number, paper: MeetingPaper) {
  const check = await validateUploadedPdf(paper.bytes, paper.fileName);
  if (check.problems.length) throw new ValidationError(check.problems[0].message, 'file');
  let agendaItemId: number | null = null;
  if (paper.agendaItemCode) {
    const item = await agendaItemByCode(store.db, meetingId, paper.agendaItemCode);
    if (!item) throw new ValidationError(`There is no item ${paper.agendaItemCode} on this meeting’s agenda`, 'agendaItemCode');
    agendaItemId = item.id;
  }
  const created = await unitOfWork(addDocument)(store, actor, {
    meetingId, agendaItemId, kind: paper.kind, title: paper.title, classification: paper.classification, exemptParagraphs: paper.exemptParagraphs,
    file: { bytes: paper.bytes, fileName: paper.fileName, contentType: 'application/pdf', pageCount: check.pageCount },
  });
  return { ...created, pageCount: check.pageCount };
}
