// Reading built packs back for the tests: text per page and per line (pdfjs), the outline, and
// every string in every object and decompressed stream (pdf-lib), to hunt for leaked text.
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFStream, PDFString, decodePDFRawStream, type PDFObject,
} from 'pdf-lib';

const require = createRequire(import.meta.url);
const standardFontDataUrl = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;

export interface ReadPage {
  text: string; // all items joined by spaces
  lines: string[]; // items grouped by baseline, top to bottom
}

export interface ReadPack {
  pages: ReadPage[];
  outline: { title: string; pageIndex: number }[];
  info: Record<string, unknown>;
}

export async function readPack(bytes: Uint8Array): Promise<ReadPack> {
  const pdf = await getDocument({ data: bytes.slice(), standardFontDataUrl, verbosity: 0, isEvalSupported: false }).promise;
  const pages: ReadPage[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const content = await page.getTextContent();
    const items = content.items.filter((it): it is typeof it & { str: string; transform: number[] } => 'str' in it && it.str.trim() !== '');
    const byLine = new Map<number, { x: number; s: string }[]>();
    for (const it of items) {
      const y = Math.round(it.transform[5]);
      const key = [...byLine.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
      byLine.set(key, [...(byLine.get(key) ?? []), { x: it.transform[4], s: it.str }]);
    }
    const lines = [...byLine.entries()].sort((a, b) => b[0] - a[0]).map(([, parts]) => parts.sort((a, b) => a.x - b.x).map((p) => p.s).join(' ').replace(/\s+/g, ' ').trim());
    pages.push({ text: items.map((it) => it.str).join(' '), lines });
  }
  const outline: { title: string; pageIndex: number }[] = [];
  for (const entry of (await pdf.getOutline()) ?? []) {
    const dest = entry.dest;
    const ref = Array.isArray(dest) ? dest[0] : undefined;
    outline.push({ title: entry.title, pageIndex: ref ? await pdf.getPageIndex(ref) : -1 });
  }
  const meta = await pdf.getMetadata();
  await pdf.destroy();
  return { pages, outline, info: meta.info as Record<string, unknown> };
}

function decodeLiteral(s: string): string {
  return s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => {
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e;
  });
}

function hexToLatin1(hex: string): string {
  const h = hex.replace(/\s+/g, '');
  let out = '';
  for (let i = 0; i + 1 < h.length; i += 2) out += String.fromCharCode(parseInt(h.slice(i, i + 2), 16));
  return out;
}

/** Text shown by a content stream, with TJ kerning removed so split words join up again. */
function shownText(content: string): string {
  const out: string[] = [];
  const re = /\[((?:[^\]\\]|\\.)*)\]\s*TJ|(<[0-9a-fA-F\s]*>|\((?:[^)\\]|\\.)*\))\s*(?:Tj|'|")/g;
  for (const m of content.matchAll(re)) {
    const src = m[1] ?? m[2];
    let s = '';
    for (const part of src.matchAll(/<([0-9a-fA-F\s]*)>|\(((?:[^)\\]|\\.)*)\)/g)) {
      s += part[1] !== undefined ? hexToLatin1(part[1]) : decodeLiteral(part[2]);
    }
    out.push(s);
  }
  return out.join('\n');
}

function strings(obj: PDFObject | undefined, out: string[], seen = new Set<PDFObject>()): void {
  if (!obj || seen.has(obj)) return;
  seen.add(obj);
  if (obj instanceof PDFHexString || obj instanceof PDFString) out.push(obj.decodeText());
  else if (obj instanceof PDFName) out.push(obj.decodeText());
  else if (obj instanceof PDFArray) obj.asArray().forEach((o) => strings(o, out, seen));
  else if (obj instanceof PDFDict) for (const [k, v] of obj.entries()) { out.push(k.decodeText()); strings(v, out, seen); }
}

/**
 * Everything a determined reader could pull out of the file: the raw bytes, every object's
 * strings (metadata, outline, annotations, attachments' names), and every stream decompressed,
 * both as bytes and as the text its operators show.
 */
export async function everyString(bytes: Uint8Array): Promise<string> {
  const parts: string[] = [Buffer.from(bytes).toString('latin1')];
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFStream) {
      strings(obj.dict, parts);
      if (obj instanceof PDFRawStream) {
        let decoded: string;
        try {
          decoded = Buffer.from(decodePDFRawStream(obj).decode()).toString('latin1');
        } catch {
          decoded = Buffer.from(obj.contents).toString('latin1');
        }
        parts.push(decoded, shownText(decoded));
      }
    } else {
      strings(obj, parts);
    }
  }
  strings(doc.context.trailerInfo.Info as PDFObject | undefined, parts);
  return parts.join('\n');
}

export async function catalogLang(bytes: Uint8Array): Promise<string | undefined> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const lang = doc.catalog.lookup(PDFName.of('Lang'));
  return lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined;
}
