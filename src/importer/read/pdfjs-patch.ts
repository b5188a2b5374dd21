// Two hot spots of pdfjs-dist's document reader (legacy/build/pdf.worker.mjs), rewritten without changing what
// they compute. Profiled on a 153-page pack, building text content was 62% of reading and most of that was spent
// per glyph: pdfjs computes the glyph's transform twice per glyph, each time as two matrix products that allocate
// three arrays (a sixth of all the time, and much of the garbage collection); and every content stream was inflated
// through a web DecompressionStream, which round-trips each small stream through libuv's thread pool and
// web-stream plumbing while this thread waits. The rewrites: the same products, in the same order of operations
// (so the same floating-point results), into one array, or into a scratch array where the transform is only
// compared and not kept; and zlib's synchronous inflate, which fails where the stream would (bad or truncated
// data), after which pdfjs falls back to its own decoder as before.
//
// Each hunk must match the installed pdfjs exactly once, or nothing is patched and pdfjs runs as shipped (a test
// checks that the hunks still apply, so an upgrade of pdfjs that moves them is noticed).

interface Hunk {
  find: string;
  replace: string;
}

const HUNKS: Hunk[] = [
  {
    // FlateStream.asyncGetBytes
    find: `    try {
      const {
        readable,
        writable
      } = new DecompressionStream("deflate");
      const writer = writable.getWriter();
      await writer.ready;
      writer.write(bytes).then(async () => {
        await writer.ready;
        await writer.close();
      }).catch(() => {});
      const chunks = [];
      let totalLength = 0;
      for await (const chunk of readable) {
        chunks.push(chunk);
        totalLength += chunk.byteLength;
      }
      const data = new Uint8Array(totalLength);
      let offset = 0;
      for (const chunk of chunks) {
        data.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return data;
    } catch {`,
    replace: `    try {
      const inflated = __mootInflateSync(bytes);
      return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
    } catch {`,
  },
  {
    // getTextContent's transform of the current glyph: ctm × (textMatrix × [size·hscale, 0, 0, size, 0, rise])
    find: `    function getCurrentTextTransform() {
      const font = textState.font;
      const tsm = [textState.fontSize * textState.textHScale, 0, 0, textState.fontSize, 0, textState.textRise];
      if (font.isType3Font && (textState.fontSize <= 1 || font.isCharBBox) && !isArrayEqual(textState.fontMatrix, FONT_IDENTITY_MATRIX)) {
        const glyphHeight = font.bbox[3] - font.bbox[1];
        if (glyphHeight > 0) {
          tsm[3] *= glyphHeight * textState.fontMatrix[3];
        }
      }
      return Util.transform(textState.ctm, Util.transform(textState.textMatrix, tsm));
    }`,
    replace: `    const scratchTransform = [0, 0, 0, 0, 0, 0];
    function currentTextTransformInto(out) {
      const font = textState.font;
      const t0 = textState.fontSize * textState.textHScale, t1 = 0, t2 = 0, t4 = 0, t5 = textState.textRise;
      let t3 = textState.fontSize;
      if (font.isType3Font && (textState.fontSize <= 1 || font.isCharBBox) && !isArrayEqual(textState.fontMatrix, FONT_IDENTITY_MATRIX)) {
        const glyphHeight = font.bbox[3] - font.bbox[1];
        if (glyphHeight > 0) {
          t3 *= glyphHeight * textState.fontMatrix[3];
        }
      }
      const m = textState.textMatrix;
      const a0 = m[0] * t0 + m[2] * t1, a1 = m[1] * t0 + m[3] * t1, a2 = m[0] * t2 + m[2] * t3, a3 = m[1] * t2 + m[3] * t3;
      const a4 = m[0] * t4 + m[2] * t5 + m[4], a5 = m[1] * t4 + m[3] * t5 + m[5];
      const c = textState.ctm;
      out[0] = c[0] * a0 + c[2] * a1;
      out[1] = c[1] * a0 + c[3] * a1;
      out[2] = c[0] * a2 + c[2] * a3;
      out[3] = c[1] * a2 + c[3] * a3;
      out[4] = c[0] * a4 + c[2] * a5 + c[4];
      out[5] = c[1] * a4 + c[3] * a5 + c[5];
      return out;
    }
    function getCurrentTextTransform() {
      return currentTextTransformInto([0, 0, 0, 0, 0, 0]);
    }`,
  },
  {
    // compareWithLastPosition only reads the current transform, so it need not be a new array
    find: `    function compareWithLastPosition(glyphWidth) {
      const currentTransform = getCurrentTextTransform();`,
    replace: `    function compareWithLastPosition(glyphWidth) {
      const currentTransform = currentTextTransformInto(scratchTransform);`,
  },
];

const PRELUDE = `import { inflateSync as __mootInflateSync } from "node:zlib";\n`;

/**
 * The worker module's source with the hunks applied, as pieces to write one after another (slices of `source`
 * and the rewrites, so that the 2 MB module is not copied), or null when any hunk does not match exactly once.
 */
export function patchPdfWorkerSource(source: Buffer): Buffer[] | null {
  const found: { at: number; hunk: Hunk; length: number }[] = [];
  for (const hunk of HUNKS) {
    const find = Buffer.from(hunk.find);
    const at = source.indexOf(find);
    if (at < 0 || source.indexOf(find, at + 1) >= 0) return null;
    found.push({ at, hunk, length: find.length });
  }
  found.sort((x, y) => x.at - y.at);
  const parts: Buffer[] = [Buffer.from(PRELUDE)];
  let from = 0;
  for (const { at, hunk, length } of found) {
    if (at < from) return null; // overlapping hunks
    parts.push(source.subarray(from, at), Buffer.from(hunk.replace));
    from = at + length;
  }
  parts.push(source.subarray(from));
  return parts;
}
