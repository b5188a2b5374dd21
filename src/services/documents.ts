// Papers and documents: uploads checked with the pack builder's PDF check (a corrupt, encrypted or empty file is
// refused with what is wrong with it), stored as versions, and read as the viewer may.
import type { Actor, Classification, DocumentKind } from '../domain/types.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { validateUploadedPdf } from './pack-loader.js';
import { transaction, type Store } from '../store/db.js';
import { addDocument, reinstateDocument, withdrawDocument } from '../store/documents.js';
import { indexMeeting } from '../store/search/index.js';
import { reissuePacksIn, type ReissuedPacks } from './publication/publish.js';
import { agendaItemByCode } from '../store/meetings.js';
import * as papers from '../store/workspace/papers.js';
import { unitOfWork } from './unit.js';

export { validateUploadedPdf } from './pack-loader.js';
export type { UploadedPdfCheck } from '../pack/upload.js';
export { documentAccess, documentFile, readDocumentPage, packFile, packForViewer, type DocumentAccess } from '../store/read/documents.js';
export { itemPapers, type UploadedPaper } from '../store/workspace/papers.js';
export { withdrawalHistory } from '../store/documents.js';
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

export interface PaperStandingChanged extends ReissuedPacks {
  slug: string;
  title: string;
  /** When it was withdrawn or reinstated. */
  at: string;
}

/**
 * A paper withdrawn or reinstated, in one transaction: the store's writer marks it (with its audit entry and the
 * step in its history), the published packs are reissued as new versions with or without it when the public has or
 * had it (reissuePacksIn, the path every reissue takes; its note says why), and the meeting's search entries follow.
 */
async function changePaperStanding(store: Store, actor: Actor, idOrSlug: number | string, reason: string, how: { verb: 'withdrawn' | 'reinstated'; write: typeof withdrawDocument }): Promise<PaperStandingChanged> {
  const why = reason.trim();
  if (!why) throw new ValidationError(`Enter why the paper is ${how.verb}`, 'reason');
  if (why.length > 1000) throw new ValidationError('The reason must be 1,000 characters or fewer', 'reason');
  return transaction(store.db, async (tx) => {
    const w = await how.write(tx, actor, idOrSlug, why);
    if (!w) throw new NotFoundError(typeof idOrSlug === 'number' ? `Paper ${idOrSlug}` : `The document "${idOrSlug}"`);
    let reissued: ReissuedPacks = { agenda: null, supplementary: null };
    if (w.meetingId !== null) {
      // Only a paper the public had (or has again) changes the packs; one never public was in none.
      if (w.public) reissued = await reissuePacksIn(tx, actor, w.meetingId, w.itemCode, `"${w.title}" ${how.verb}: ${why}`);
      await indexMeeting(tx, w.meetingId);
    }
    return { slug: w.slug, title: w.title, at: w.at, ...reissued };
  });
}

/**
 * Withdraws a paper (a report or appendix of an agenda item), even after its agenda was published: marked withdrawn
 * with the reason, the published packs that carried it reissued without it (the item stays, "report withdrawn" if it
 * has no other paper), its text out of search. Its versions stay as its history, as public as they were.
 */
export function withdrawPaper(store: Store, actor: Actor, idOrSlug: number | string, reason: string): Promise<PaperStandingChanged> {
  return changePaperStanding(store, actor, idOrSlug, reason, { verb: 'withdrawn', write: withdrawDocument });
}

/**
 * Reinstates a withdrawn paper: a paper of its item again, the published packs reissued with it, its text back in
 * search; the withdrawal and the reinstatement both stay in its history (public if the withdrawal was).
 */
export function reinstatePaper(store: Store, actor: Actor, idOrSlug: number | string, reason: string): Promise<PaperStandingChanged> {
  return changePaperStanding(store, actor, idOrSlug, reason, { verb: 'reinstated', write: reinstateDocument });
}
