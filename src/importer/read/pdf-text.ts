// Reads the text layer of a PDF page by page with pdfjs-dist, turning each page into positioned lines.
// Pages are released as soon as their text is taken, and the document is destroyed however reading ends,
// so a long pack is read in bounded memory. pdfjs's own errors are translated into ImportInputError.
import { ImportInputError } from './errors.js';
import { buildLines, type PageLine, type TextRun } from './lines.js';
import type { FurniturePage } from './furniture.js';
import { openPdf } from './pdfjs.js';

export type PdfLine = PageLine & { top: number };

export interface PdfPage extends FurniturePage<PdfLine> {
  /** whether the page paints images; only looked at on pages with next to no text (scans) */
  images: boolean;
}

const IMAGE_OPS = new Set([83, 84, 85, 86, 87, 88, 89, 90]); // OPS.paint*Image* in pdfjs 5

/** A PDF cut short (interrupted download) lacks the end-of-file marker in its last bytes. */
function looksTruncated(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.length - 4096));
  return !tail.includes('%%EOF');
}

function explainOpenError(file: string, e: unknown): ImportInputError {
  const name = (e as { name?: string })?.name;
  if (name === 'PasswordException') {
    return new ImportInputError(
      file,
      'The PDF is password-protected, so its text cannot be read. Ask the council for an unprotected copy, or remove the password (for example with `qpdf --decrypt --password=... in.pdf out.pdf`) and import that.',
      { cause: e },
    );
  }
  const why = (e as { message?: string })?.message;
  return new ImportInputError(
    file,
    `The PDF is damaged and cannot be opened${why ? ` (${why})` : ''}. Download the pack again, or re-save it from a PDF viewer, and import the new copy.`,
    { cause: e },
  );
}

export async function readPdfPages(bytes: Uint8Array, file: string): Promise<PdfPage[]> {
  if (looksTruncated(bytes)) {
    throw new ImportInputError(
      file,
      'The PDF is incomplete: it stops before its end-of-file marker, so it was probably cut off while downloading or copying. Download the pack again and import the complete file.',
    );
  }
  const { task, close } = await openPdf(bytes);
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      throw explainOpenError(file, e);
    }
    const pages: PdfPage[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      try {
        const page = await doc.getPage(p);
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
        const lines = buildLines(runs).map((l) => ({ ...l, top: height - l.y }));
        // Only a page with next to no text (perhaps just a page number) can be a scan; looking for
        // images means building its operator list, which is too slow to do for every page.
        const filled = lines.filter((l) => l.text.trim());
        let images = false;
        if (filled.length <= 3 && filled.reduce((n, l) => n + l.text.length, 0) < 80) {
          const ops = await page.getOperatorList();
          images = ops.fnArray.some((fn) => IMAGE_OPS.has(fn));
        }
        pages.push({ lines, height, width: viewport.width, images });
        page.cleanup();
      } catch (e) {
        if (e instanceof ImportInputError) throw e;
        const why = (e as { message?: string })?.message;
        throw new ImportInputError(
          file,
          `This page of the PDF is damaged and its text cannot be read${why ? ` (${why})` : ''}. Download the pack again, or re-save it from a PDF viewer, and import the new copy.`,
          { page: p, cause: e },
        );
      }
    }
    return pages;
  } finally {
    await close();
  }
}
