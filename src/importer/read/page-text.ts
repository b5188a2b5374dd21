// Turns one pdfjs page into positioned lines (plain data, so a worker thread can hand it back as is).
import { buildLines, type PageLine, type TextRun } from './lines.js';
import type { FurniturePage } from './furniture.js';
import type { PdfJs } from './pdfjs.js';

export type PdfLine = PageLine & { top: number };

export interface PdfPage extends FurniturePage<PdfLine> {
  /** whether the page paints images; only looked at on pages with next to no text (scans) */
  images: boolean;
}

type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

const IMAGE_OPS = new Set([83, 84, 85, 86, 87, 88, 89, 90]); // OPS.paint*Image* in pdfjs 5

export async function readPage(doc: PdfDocument, p: number): Promise<PdfPage> {
  const page = await doc.getPage(p);
  try {
    // Work in display space (y down from the top edge) so rotated pages read the way they are shown.
    const viewport = page.getViewport({ scale: 1 });
    const height = viewport.height;
    const content = await page.getTextContent();
    const [va, vb, vc, vd, ve, vf] = viewport.transform;
    const runs: TextRun[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const [, , c, d, e, f] = item.transform as number[];
      // the item's origin and vertical axis in display space (viewport transform × item transform)
      const x = va * e + vc * f + ve;
      const yDown = vb * e + vd * f + vf;
      const size = Math.hypot(va * c + vc * d, vb * c + vd * d) || item.height;
      runs.push({ str: item.str, x, y: height - yDown, width: item.width, size });
    }
    const lines: PdfLine[] = buildLines(runs).map((l) => ({ ...l, top: height - l.y }));
    // Only a page with next to no text (perhaps just a page number) can be a scan; looking for
    // images means building its operator list, which is too slow to do for every page.
    const filled = lines.filter((l) => l.text.trim());
    let images = false;
    if (filled.length <= 3 && filled.reduce((n, l) => n + l.text.length, 0) < 80) {
      const ops = await page.getOperatorList();
      images = ops.fnArray.some((fn) => IMAGE_OPS.has(fn));
    }
    return { lines, height, width: viewport.width, images };
  } finally {
    page.cleanup();
  }
}
