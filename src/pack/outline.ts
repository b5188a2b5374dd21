// PDF bookmarks (outline) built from pdf-lib's low-level objects: pdf-lib has no outline API.
// One flat level: the agenda, then one entry per item that has pages.
import { PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, type PDFDict } from 'pdf-lib';

export interface OutlineEntry {
  title: string;
  pageIndex: number; // physical, 0-based
}

export function addOutline(doc: PDFDocument, entries: OutlineEntry[]): void {
  if (!entries.length) return;
  const ctx = doc.context;
  const pages = doc.getPages();
  const rootRef = ctx.nextRef();
  const refs: PDFRef[] = entries.map(() => ctx.nextRef());
  entries.forEach((e, i) => {
    const page = pages[e.pageIndex];
    if (!page) throw new RangeError(`outline entry "${e.title}" points at page ${e.pageIndex + 1} of ${pages.length}`);
    const dict: PDFDict = ctx.obj({
      Title: PDFHexString.fromText(e.title),
      Parent: rootRef,
      Dest: [page.ref, 'XYZ', null, page.getHeight(), null],
    });
    if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]);
    if (i < refs.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]);
    ctx.assign(refs[i], dict);
  });
  const root = ctx.obj({ Type: 'Outlines', First: refs[0], Last: refs[refs.length - 1] });
  root.set(PDFName.of('Count'), PDFNumber.of(refs.length));
  ctx.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
