// Papers and documents: uploads checked with the pack builder's PDF check (a corrupt, encrypted or empty file is
// refused with what is wrong with it), stored as versions, and read as the viewer may.
import type { Actor, Classification, DocumentKind } from '../domain/types.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { validateUploadedPdf } from '../pack/upload.js';
import { transaction, type Store } from '../store/db.js';
import { addDocument, withdrawDocument } from '../store/documents.js';
import { indexMeeting } from '../store/search/index.js';
import { reissuePacksIn, type ReissuedPacks } from './publication/publish.js';
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

export interface PaperWithdrawn extends ReissuedPacks {
  slug: string;
  title: string;
  withdrawnAt: string;
}

/**
 * Withdraws a paper (a report or appendix of an agenda item), even after its agenda was published: one transaction
 * marks it withdrawn with the reason and its audit entry, reissues the published packs that carried it as new
 * versions without it (the item stays, "report withdrawn" if it has no other paper) and takes its text out of
 * search. Its versions stay as its history, as public as they were.
 */
export async function withdrawPaper(store: Store, actor: Actor, idOrSlug: number | string, reason: string): Promise<PaperWithdrawn> {
  const why = reason.trim();
  if (!why) throw new ValidationError('Enter why the paper is withdrawn', 'reason');
  if (why.length > 1000) throw new ValidationError('The reason must be 1,000 characters or fewer', 'reason');
  return transaction(store.db, async (tx) => {
    const w = await withdrawDocument(tx, actor, idOrSlug, why);
    if (!w) throw new NotFoundError(typeof idOrSlug === 'number' ? `Paper ${idOrSlug}` : `The document "${idOrSlug}"`);
    let reissued: ReissuedPacks = { agenda: null, supplementary: null };
    if (w.meetingId !== null) {
      // Only a paper the public had needs the packs reissued; one withdrawn before publication was in none.
      if (w.wasPublic) reissued = await reissuePacksIn(tx, actor, w.meetingId, w.itemCode, `"${w.title}" withdrawn: ${why}`);
      await indexMeeting(tx, w.meetingId);
    }
    return { slug: w.slug, title: w.title, withdrawnAt: w.withdrawnAt, ...reissued };
  });
}
