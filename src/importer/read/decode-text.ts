// Turns the bytes of a .txt/.md pack into page texts. Legacy exports come as UTF-8 (often with a BOM),
// UTF-16 from Windows tools, or Windows-1252 from old systems; pages are separated by form feeds, as
// pdftotext writes them.

import { Buffer, isUtf8 } from 'node:buffer';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = UTF8_BOM.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes;
  // Not valid UTF-8: the usual culprit is Windows-1252 (curly quotes, £, en dashes as single bytes).
  if (!isUtf8(body)) return { text: decodeWindows1252(body), encoding: 'windows-1252' };
  // checked first and then decoded by Buffer, as a fatal TextDecoder takes several times as long on a large pack;
  // like TextDecoder, a byte-order mark left at the start is not text
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8' };
}

// Node's TextDecoder('windows-1252') decodes as Latin-1, leaving 0x80–0x9F as control characters,
// but those bytes are exactly where Windows-1252 keeps its quotes and dashes.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return out;
}

/** Normalises line ends and splits on form feeds; a trailing form feed does not make an extra page. */
export function splitPages(text: string): string[] {
  const normal = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const pages = normal.split('\f');
  if (pages.length > 1 && pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}
