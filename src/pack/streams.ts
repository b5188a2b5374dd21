// How the pack's own streams are written. pdf-lib deflates with pako, whose set-up alone costs about a millisecond a
// stream; node's zlib does the same work natively, and what repeats from pack to pack (the stamp fonts' subsets and
// their character maps, which depend only on the characters stamped) is deflated once. The q / Q streams that keep an
// uploaded page's graphics state from leaking into its stamps are two bytes each: they are written uncompressed.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { PDFDocument, PDFRef } from 'pdf-lib';

const DEFLATED_LIMIT = 64;
const deflated = new Map<string, Uint8Array>();

function deflate(contents: string | Uint8Array): Uint8Array {
  const bytes = typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents;
  const key = createHash('sha1').update(bytes).digest('base64');
  let out = deflated.get(key);
  if (!out) {
    if (deflated.size >= DEFLATED_LIMIT) deflated.clear();
    out = new Uint8Array(deflateSync(bytes));
    deflated.set(key, out);
  }
  return out;
}

interface GraphicsStateStreams {
  pushGraphicsStateContentStreamRef?: PDFRef;
  popGraphicsStateContentStreamRef?: PDFRef;
}

export function useNativeStreams(doc: PDFDocument): void {
  const ctx = doc.context;
  ctx.flateStream = (contents, dict = {}) => ctx.stream(deflate(contents), { ...dict, Filter: 'FlateDecode' });
  const state = ctx as unknown as GraphicsStateStreams;
  state.pushGraphicsStateContentStreamRef ??= ctx.register(ctx.stream('q\n'));
  state.popGraphicsStateContentStreamRef ??= ctx.register(ctx.stream('\nQ\n'));
}
