// Papers uploaded to an agenda item. A paper takes the item's classification (an exempt item's papers are exempt
// under the same paragraphs); replacing a paper adds a version, so what was published stays readable.
import type { Actor, DocumentKind } from '../../domain/types.js';
import { ValidationError } from '../../errors.js';
import type { Queryable } from '../db.js';
import { addDocument, addDocumentVersion } from '../documents.js';
import { textToParagraphs } from '../json.js';
import { checkNames } from '../input.js';

export interface UploadedPaper {
  title: string;
  kind: DocumentKind;
  fileName: string;
  bytes: Uint8Array;
  pageCount: number;
  /** Replace this document (a new version) rather than add a paper. */
  replacesDocumentId?: number | null;
  note?: string | null;
}

export async function attachPaper(db: Queryable, actor: Actor, itemId: number, p: UploadedPaper): Promise<{ documentId: number; version: number }> {
  checkNames(['title', 'The paper\'s title', p.title]);
  const item = await db.selectFrom('agenda_item').select(['id', 'meeting_id', 'exempt', 'exempt_paragraphs']).where('id', '=', itemId).executeTakeFirst();
  if (!item) throw new ValidationError(`there is no agenda item ${itemId}`, 'item');
  const classification = item.exempt ? 'exempt' : 'unrestricted';
  const file = { bytes: p.bytes, fileName: p.fileName, contentType: 'application/pdf', pageCount: p.pageCount };
  if (p.replacesDocumentId) {
    const doc = await db.selectFrom('document').select(['id', 'agenda_item_id', 'withdrawn_at']).where('id', '=', p.replacesDocumentId).executeTakeFirst();
    if (!doc || doc.agenda_item_id !== itemId) throw new ValidationError('the paper to replace is not a paper of this item', 'replaces');
    if (doc.withdrawn_at) throw new ValidationError('the paper to replace was withdrawn: upload the new one as a new paper', 'replaces');
    await db.updateTable('document').set({ title: p.title, kind: p.kind, classification, exempt_paragraphs: item.exempt_paragraphs }).where('id', '=', doc.id).execute();
    const version = await addDocumentVersion(db, actor, doc.id, { file, note: p.note ?? 'replaced by Democratic Services' });
    return { documentId: doc.id, version };
  }
  const last = await db.selectFrom('document').select((eb) => eb.fn.max('position').as('p')).where('agenda_item_id', '=', itemId).executeTakeFirst();
  const { id } = await addDocument(db, actor, {
    meetingId: item.meeting_id, agendaItemId: itemId, kind: p.kind, title: p.title, classification,
    exemptParagraphs: textToParagraphs(item.exempt_paragraphs), position: Number(last?.p ?? 0) + 1, file, note: p.note ?? null,
  });
  return { documentId: id, version: 1 };
}

export function itemPapers(db: Queryable, itemId: number) {
  return db.selectFrom('document')
    .innerJoin('document_version', (j) => j.onRef('document_version.document_id', '=', 'document.id').onRef('document_version.version', '=', 'document.current_version'))
    .select(['document.id', 'document.slug', 'document.title', 'document.kind', 'document.classification', 'document.current_version',
      'document_version.file_name', 'document_version.size', 'document_version.page_count', 'document_version.created_at',
      'document.withdrawn_at', 'document.withdrawn_by', 'document.withdrawn_reason'])
    .where('document.agenda_item_id', '=', itemId).orderBy('document.position').orderBy('document.id').execute();
}
