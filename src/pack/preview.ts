// A pack built for Democratic Services to check before publishing: the same bytes a publication would store, each
// page marked as a preview at its foot and the title saying so. Never stored; nothing about it is published.
import { PDFDocument } from 'pdf-lib';
import type { BuiltPack } from './model.js';
import { embedFonts, stampFootnote } from './stamp.js';
import { longDate } from './text.js';

export const PREVIEW_MARK = 'PREVIEW \u2013 NOT PUBLISHED';

export async function markAsPreview(pack: BuiltPack, builtOn: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pack.bytes, { updateMetadata: false });
  const fonts = await embedFonts(doc);
  const line = `${PREVIEW_MARK} \u2013 built ${longDate(builtOn)}; pages and contents may change before publication`;
  for (const page of doc.getPages()) stampFootnote(page, line, fonts);
  fonts.flush();
  doc.setTitle(`${doc.getTitle() ?? 'Agenda pack'} (${PREVIEW_MARK})`, { showInWindowTitleBar: true });
  return doc.save({ useObjectStreams: false });
}
