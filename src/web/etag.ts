// Entity tags of rendered responses: a hash of the body with the per-request CSP nonce left out, so an unchanged
// page keeps its tag. A renderer that already knows a body's tag (the render memo keeps one with each page) hands it
// on for that exact body, and the tag is not computed again for every request.
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** The tag of a body from which the nonce has already been taken out (or of its pieces, in order, without it). */
export function etagOf(body: string | Buffer | readonly (string | Buffer)[]): string {
  const hash = createHash('sha1');
  if (typeof body === 'string' || Buffer.isBuffer(body)) hash.update(body);
  else for (const piece of body) hash.update(piece);
  return `W/"${hash.digest('base64url').slice(0, 22)}"`;
}

const known = new WeakMap<FastifyReply, { payload: string; etag: string }>();

/** Says that `payload`, if sent as it is, has the tag `etag`. */
export function knowEtag(reply: FastifyReply, payload: string, etag: string): void {
  known.set(reply, { payload, etag });
}

/** The tag of the payload about to be sent (the nonce left out), from what the renderer said or computed here. */
export function etagOfPayload(reply: FastifyReply, payload: string | Buffer, nonce: string | undefined): string {
  const k = known.get(reply);
  if (k && k.payload === payload) return k.etag;
  if (!nonce) return etagOf(payload);
  return etagOf(typeof payload === 'string' ? payload.split(nonce) : splitBytes(payload, Buffer.from(nonce)));
}

/** The bytes between the occurrences of `mark`. */
function splitBytes(bytes: Buffer, mark: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  let from = 0;
  for (let at = bytes.indexOf(mark); at >= 0; at = bytes.indexOf(mark, from)) {
    pieces.push(bytes.subarray(from, at));
    from = at + mark.length;
  }
  pieces.push(bytes.subarray(from));
  return pieces;
}
