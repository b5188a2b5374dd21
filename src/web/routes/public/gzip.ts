// A kept public page's gzip form, compressed once when the page is kept and right for every response's own CSP
// nonce (issue 17). Browsers always accept gzip; sending a 30 KB page as about 6 KB costs both ends less than the
// page itself, but compressing per response (as @fastify/compress does) costs more CPU than a cache hit.
//
// The nonce differs in every response, so the page's pieces (cut at the nonce, page-cache.ts) are each compressed
// as raw DEFLATE on their own, all but the last ended by a sync flush (byte-aligned, not final); a response is the
// gzip header, the pieces with its nonce between them as stored (uncompressed) DEFLATE blocks, and the trailer. The
// trailer's CRC-32 is the pieces' CRCs and the nonce's combined (zlib's crc32_combine, which Node does not expose),
// so no response re-reads the page's bytes.
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface GzipForm {
  /** Each piece as raw DEFLATE, with no back-reference into another piece; all but the last end byte-aligned. */
  deflated: Buffer[];
  /** CRC-32 of each piece. */
  crcs: number[];
  /** Each piece's length in bytes. */
  lengths: number[];
  /** Each piece's operator for crc32Combine (x^(8·length) mod the CRC polynomial). */
  shifts: number[];
  /** Bytes of the compressed pieces together. */
  size: number;
}

const POLY = 0xedb88320;

/** a·b modulo the CRC-32 polynomial (bit-reflected), as zlib's multmodp. */
function multModP(a: number, b: number): number {
  let m = 1 << 31;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) mod P for k = 0..31, as zlib's x2n_table. */
const X2N: number[] = [];
{
  let p = 1 << 30; // x^1
  X2N.push(p >>> 0);
  for (let k = 1; k < 32; k++) X2N.push((p = multModP(p, p)));
}

/** x^(8·bytes) mod P: what moves a CRC past `bytes` bytes. */
export function crcShift(bytes: number): number {
  let p = 1 << 31; // x^0
  let k = 3;
  for (let n = bytes; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = multModP(X2N[k & 31], p);
  return p >>> 0;
}

/** The CRC-32 of A followed by B, from CRC(A), CRC(B) and crcShift(B's length). */
export function crc32Combine(crcA: number, crcB: number, shiftB: number): number {
  return (multModP(shiftB, crcA) ^ crcB) >>> 0;
}

/** The gzip form of a kept page's pieces, made once. */
export function gzipPieces(pieces: Buffer[]): GzipForm {
  const last = pieces.length - 1;
  const deflated = pieces.map((piece, i) => deflateRawSync(piece, { level: constants.Z_BEST_COMPRESSION, finishFlush: i === last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }));
  return {
    deflated,
    crcs: pieces.map((p) => crc32(p)),
    lengths: pieces.map((p) => p.length),
    shifts: pieces.map((p) => crcShift(p.length)),
    size: deflated.reduce((n, d) => n + d.length, 0),
  };
}

// Header: magic, DEFLATE, no flags, no time, no extra flags, OS unknown.
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
let nonceShift = { length: -1, shift: 0 };
/** A page with no nonce has one gzip form: made on its first response and kept with the form. */
const whole = new WeakMap<GzipForm, Buffer>();

/**
 * The gzip bytes of the page with `nonce` between its pieces (the same bytes, once gunzipped, as joinAtNonce),
 * written straight into one buffer from `alloc` (page-cache.ts responseBytes).
 */
export function gzipWithNonce(form: GzipForm, nonce: string, alloc: (size: number) => Buffer = Buffer.allocUnsafe): Buffer {
  const { deflated, crcs, lengths, shifts, size: deflatedSize } = form;
  if (deflated.length === 1) {
    let bytes = whole.get(form);
    if (!bytes) whole.set(form, (bytes = Buffer.concat([HEADER, deflated[0], trailer(crcs[0], lengths[0])])));
    return bytes;
  }
  const markLength = nonce.length;
  if (markLength > 0xffff || Buffer.byteLength(nonce, 'utf8') !== markLength) throw new Error('a CSP nonce is a short ASCII token');
  if (nonceShift.length !== markLength) nonceShift = { length: markLength, shift: crcShift(markLength) };
  const markCrc = crc32(nonce);
  const out = alloc(HEADER.length + deflatedSize + (deflated.length - 1) * (5 + markLength) + 8);
  let at = HEADER.copy(out, 0);
  at += deflated[0].copy(out, at);
  let crc = crcs[0];
  let size = lengths[0];
  for (let i = 1; i < deflated.length; i++) {
    // A stored block: BFINAL 0, BTYPE 00 (on a byte boundary, after the previous piece's sync flush), LEN, ~LEN.
    out[at++] = 0;
    out[at++] = markLength & 0xff;
    out[at++] = markLength >>> 8;
    out[at++] = ~markLength & 0xff;
    out[at++] = (~markLength >>> 8) & 0xff;
    at += out.write(nonce, at, 'latin1');
    at += deflated[i].copy(out, at);
    crc = crc32Combine(crc32Combine(crc, markCrc, nonceShift.shift), crcs[i], shifts[i]);
    size += markLength + lengths[i];
  }
  out.writeUInt32LE(crc >>> 0, at);
  out.writeUInt32LE(size >>> 0, at + 4); // ISIZE is the length modulo 2^32
  return out;
}

function trailer(crc: number, size: number): Buffer {
  const t = Buffer.alloc(8);
  t.writeUInt32LE(crc >>> 0, 0);
  t.writeUInt32LE(size >>> 0, 4);
  return t;
}
