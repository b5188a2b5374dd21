// Checks an uploaded PDF before it is accepted as a paper, and loads it for merging.
// Every failure names the file and says what is wrong in words a clerk can act on.
import { EncryptedPDFError, PDFDocument } from 'pdf-lib';
import { parsedOnce } from './layout-cache.js';
import { loadPdf } from './pdf-io.js';
import { PackError, type PackProblem } from './problems.js';

export interface UploadedPdfCheck {
  pageCount: number;
  problems: PackProblem[];
}

const SIGNATURES: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a Word, Excel or other zip-based file'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old-style Microsoft Office file'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'an RTF document'],
];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

function indexOfAscii(bytes: Uint8Array, needle: string, from: number, to: number): number {
  const n = [...needle].map((c) => c.charCodeAt(0));
  for (let i = Math.max(0, from); i <= Math.min(bytes.length, to) - n.length; i++) {
    let ok = true;
    for (let j = 0; j < n.length && ok; j++) ok = bytes[i + j] === n[j];
    if (ok) return i;
  }
  return -1;
}

/** Cheap checks that need no parsing: empty, not a PDF, truncated. */
export function quickPdfProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'is empty (0 bytes)';
  if (indexOfAscii(bytes, '%PDF-', 0, 1024) < 0) {
    const kind = SIGNATURES.find(([sig]) => startsWith(bytes, sig));
    return kind ? `is not a PDF: it looks like ${kind[1]}. Save it as PDF and upload it again` : 'is not a PDF (it has no %PDF header)';
  }
  if (indexOfAscii(bytes, '%%EOF', bytes.length - 2048, bytes.length) < 0) {
    return 'is damaged: it appears to be truncated (no end-of-file marker). Upload the complete file again';
  }
  return undefined;
}

/** Loads an uploaded PDF for merging, or throws a PackError naming the file. */
export async function loadUploadedPdf(bytes: Uint8Array, fileName: string): Promise<PDFDocument> {
  const where = `paper "${fileName}"`;
  const fail = (message: string): never => {
    throw new PackError([{ severity: 'error', where, message: `"${fileName}" ${message}` }]);
  };
  const quick = quickPdfProblem(bytes);
  if (quick) fail(quick);
  let doc: PDFDocument;
  try {
    // Parsed once per content: the public and confidential packs, and every rebuild, copy from the same reading.
    doc = await parsedOnce(bytes, () => loadPdf(bytes, { throwOnInvalidObject: false }));
  } catch (e) {
    if (e instanceof EncryptedPDFError || (e instanceof Error && e.name === 'EncryptedPDFError') || /is encrypted/.test(String(e))) {
      return fail('is encrypted (password-protected or restricted). Remove the protection and upload it again');
    }
    return fail(`is damaged and cannot be read (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  let pageCount = 0;
  try {
    pageCount = doc.getPageCount();
  } catch {
    fail('is damaged: its list of pages cannot be read');
  }
  if (pageCount === 0) fail('has no pages');
  return doc;
}

/** Upload-time check: the problems (errors) with the file, and its page count when readable. */
export async function validateUploadedPdf(bytes: Uint8Array, fileName: string): Promise<UploadedPdfCheck> {
  try {
    const doc = await loadUploadedPdf(bytes, fileName);
    return { pageCount: doc.getPageCount(), problems: [] };
  } catch (e) {
    if (e instanceof PackError) return { pageCount: 0, problems: e.problems };
    throw e;
  }
}
