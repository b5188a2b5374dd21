// Turns the bytes of a .txt/.md pack into page texts. Legacy exports come as UTF-8 (often with a BOM),
// UTF-16 from Windows tools, or Windows-1252 from old systems; pages are separated by form feeds, as
// pdftotext writes them.

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = UTF8_BOM.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: the usual culprit is Windows-1252 (curly quotes, £, en dashes as single bytes).
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

/** Normalises line ends and splits on form feeds; a trailing form feed does not make an extra page. */
export function splitPages(text: string): string[] {
  const normal = text.replace(/\r\n?/g, '\n');
  const pages = normal.split('\f');
  if (pages.length > 1 && pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}
