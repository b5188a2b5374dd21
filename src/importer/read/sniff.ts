// Decides what a file is from its bytes, not its name: a council's "agenda.pdf" may really be a Word
// file, and a .txt may be a PDF someone renamed. Known non-pack formats get a message saying what to do.

export type Sniffed =
  | { kind: 'pdf' }
  | { kind: 'text' }
  | { kind: 'other'; what: string; advice: string };

const SIGNATURES: { magic: number[]; what: string; advice: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive or Word/OpenDocument file (.docx/.odt)', advice: 'Save or export it as PDF and import the PDF.' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Microsoft Office file (.doc/.xls)', advice: 'Save or export it as PDF and import the PDF.' },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'a Rich Text (.rtf) file', advice: 'Save it as PDF or plain text and import that.' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', advice: 'Scanned pages need OCR first; import a PDF with a text layer.' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image', advice: 'Scanned pages need OCR first; import a PDF with a text layer.' },
  { magic: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image', advice: 'Scanned pages need OCR first; import a PDF with a text layer.' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image', advice: 'Scanned pages need OCR first; import a PDF with a text layer.' },
  { magic: [0x1f, 0x8b], what: 'a gzip-compressed file', advice: 'Decompress it first and import the PDF or text inside.' },
];

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

/** The PDF spec lets the header sit anywhere in the first 1024 bytes (some producers prepend junk). */
function findPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF_MAGIC.length, 1024);
  for (let i = 0; i <= end; i++) if (startsWith(bytes, PDF_MAGIC, i)) return true;
  return false;
}

/**
 * Text has almost no control characters; binary has NULs and many of them. UTF-16 text (with a BOM)
 * has NULs too, so it is accepted by its BOM before this test.
 */
function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return false;
    // allowed: \t \n \v \f \r, ESC is not text
    if (b < 0x20 && !(b >= 0x09 && b <= 0x0d)) control++;
    else if (b === 0x7f) control++;
  }
  return control <= n * 0.01;
}

export function sniff(bytes: Uint8Array): Sniffed {
  if (findPdfHeader(bytes)) return { kind: 'pdf' };
  for (const s of SIGNATURES) if (startsWith(bytes, s.magic)) return { kind: 'other', what: s.what, advice: s.advice };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return { kind: 'text' };
  if (looksLikeText(bytes)) return { kind: 'text' };
  return {
    kind: 'other',
    what: 'binary data, not a PDF or a text file',
    advice: 'Check that this is the meeting pack (a PDF with a text layer, or a .txt/.md file) and that it downloaded completely.',
  };
}
