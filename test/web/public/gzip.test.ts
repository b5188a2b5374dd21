// Issue 17: a kept public page is gzipped once, when it is kept, and each response puts its own CSP nonce into that
// gzip form. The client's Accept-Encoding chooses the form; Vary names it; each form has its own ETag; 304 and HEAD
// answer for the form chosen; a signed-in page is neither kept nor compressed, so no exempt content reaches the public.
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { crc32, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32Combine, crcShift, gzipPieces, gzipWithNonce } from '../../../src/web/routes/public/gzip.js';
import { cutAtNonce, joinAtNonce } from '../../../src/web/routes/public/page-cache.js';
import { MARKER } from '../../api/fixture.js';
import { usePortalCouncil } from '../../security/portal-council.js';

const BROWSER = 'gzip, deflate, br, zstd';

describe('a kept page\'s gzip form', () => {
  it('combines CRC-32s as zlib does', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 3000 }), (a, b) => {
      expect(crc32Combine(crc32(a), crc32(b), crcShift(b.length))).toBe(crc32(Buffer.concat([a, b])));
    }));
  });

  it('gunzips to the page with each response\'s nonce between its pieces', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 400 });
    fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), fc.stringMatching(/^[0-9a-f]{1,40}$/), fc.integer({ min: 0, max: 3 }), (parts, nonce, repeat) => {
      const body = parts.map((p) => p.repeat(repeat + 1)).join('NONCEPLACE');
      const pieces = cutAtNonce(body, 'NONCEPLACE');
      const form = gzipPieces(pieces);
      expect(gunzipSync(gzipWithNonce(form, nonce)).equals(joinAtNonce(pieces, nonce))).toBe(true);
      // The same form serves the next response, with another nonce.
      expect(gunzipSync(gzipWithNonce(form, nonce.toUpperCase() + 'x')).equals(joinAtNonce(pieces, nonce.toUpperCase() + 'x'))).toBe(true);
    }), { numRuns: 200 });
  });
});

const nonceOf = (r: LightMyRequestResponse) => /'nonce-([^']+)'/.exec(String(r.headers['content-security-policy']))?.[1];
const text = (r: LightMyRequestResponse) => (r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.rawPayload).toString('utf8') : r.body);
/** A page's text with its nonce put back as a placeholder: the same for every response of an unchanged page. */
const sameness = (r: LightMyRequestResponse) => text(r).split(nonceOf(r) ?? '\u0000').join('NONCE');

describe('public pages by Accept-Encoding', () => {
  const council = usePortalCouncil('sqlite');

  it('sends a kept page gzipped to a client that takes gzip, as it is to one that does not, each with its own tag and Vary', async (ctx) => {
    const { app, c } = await council(ctx);
    const url = `/meetings/${c.meeting.slug}`;
    const first = await app.inject({ url, headers: { 'accept-encoding': BROWSER } }); // rendered, then kept
    const hit = await app.inject({ url, headers: { 'accept-encoding': BROWSER } });
    const plain = await app.inject({ url });
    for (const r of [first, hit, plain]) {
      expect(r.statusCode).toBe(200);
      expect(r.headers.vary).toBe('Cookie, Authorization, Accept-Encoding');
      expect(r.headers['cache-control']).toBe('private, no-cache');
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      // The page carries this response's nonce, the one its policy names.
      expect(text(r)).toContain(`nonce="${nonceOf(r)}"`);
    }
    expect([first, hit].map((r) => r.headers['content-encoding'])).toEqual(['gzip', 'gzip']);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(hit.headers['content-length'])).toBe(hit.rawPayload.length);
    expect(hit.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(nonceOf(hit)).not.toBe(nonceOf(first));
    expect(sameness(first)).toBe(sameness(plain));
    expect(sameness(hit)).toBe(sameness(plain));
    expect(first.headers.etag).toBe(hit.headers.etag);
    expect(first.headers.etag).toBe(String(plain.headers.etag).replace(/"$/, '-gzip"'));
  });

  it('follows the client\'s preferences (q-values, identity, *) and sends the page as it is when gzip is not wanted', async (ctx) => {
    const { app, c } = await council(ctx);
    const url = `/bodies/${c.alpha.slug}`;
    const cases: [string, boolean][] = [[BROWSER, true], ['gzip', true], ['*', true], ['deflate, gzip;q=0.8', true], ['GZIP', true],
      ['br', false], ['identity', false], ['gzip;q=0, identity', false], ['identity;q=1, gzip;q=0.5', false], ['', false]];
    for (const [ae, gzip] of cases) {
      const r = await app.inject({ url, headers: { 'accept-encoding': ae } });
      expect(r.statusCode, ae).toBe(200);
      expect(r.headers['content-encoding'], ae).toBe(gzip ? 'gzip' : undefined);
      expect(r.headers.vary, ae).toBe('Cookie, Authorization, Accept-Encoding');
      expect(text(r), ae).toContain('</html>');
    }
  });

  it('answers If-None-Match and HEAD for the form chosen', async (ctx) => {
    const { app, c } = await council(ctx);
    const url = `/bodies/${c.beta.slug}`;
    // HEAD first: the page is rendered and kept by a HEAD as by a GET.
    const head = await app.inject({ method: 'HEAD', url, headers: { 'accept-encoding': BROWSER } });
    const zipped = await app.inject({ url, headers: { 'accept-encoding': BROWSER } });
    const headHit = await app.inject({ method: 'HEAD', url, headers: { 'accept-encoding': BROWSER } });
    const plain = await app.inject({ url });
    for (const h of [head, headHit]) {
      expect(h.statusCode).toBe(200);
      expect(h.body).toBe('');
      expect(h.headers['content-encoding']).toBe('gzip');
      expect(h.headers.etag).toBe(zipped.headers.etag);
      expect(h.headers.vary).toBe('Cookie, Authorization, Accept-Encoding');
      expect(Number(h.headers['content-length'])).toBe(zipped.rawPayload.length);
    }
    const gz = String(zipped.headers.etag), id = String(plain.headers.etag);
    expect(gz).not.toBe(id);
    const ask = (ae: string | null, inm: string) => app.inject({ url, headers: { ...(ae ? { 'accept-encoding': ae } : {}), 'if-none-match': inm } });
    for (const [ae, inm] of [[BROWSER, gz], [null, id], [BROWSER, `"other", ${gz}`]] as const) {
      const r = await ask(ae, inm);
      expect(r.statusCode, `${ae} ${inm}`).toBe(304);
      expect(r.rawPayload.length).toBe(0);
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(r.headers.etag).toBe(ae ? gz : id);
      expect(r.headers.vary).toBe('Cookie, Authorization, Accept-Encoding');
    }
    // A tag of the other form is not this form's: the whole page, in the form asked for.
    const cross = await ask(BROWSER, id);
    expect(cross.statusCode).toBe(200);
    expect(cross.headers['content-encoding']).toBe('gzip');
    expect((await ask(null, gz)).statusCode).toBe(200);
  });

  it('keeps feeds shared-cacheable, varying only by Accept-Encoding', async (ctx) => {
    const { app } = await council(ctx);
    for (let i = 0; i < 2; i++) {
      const zipped = await app.inject({ url: '/meetings/feed.atom', headers: { 'accept-encoding': BROWSER } });
      const plain = await app.inject({ url: '/meetings/feed.atom' });
      expect(zipped.headers['cache-control']).toMatch(/^public/);
      expect([zipped.headers.vary, plain.headers.vary]).toEqual(['Accept-Encoding', 'Accept-Encoding']);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    }
  });

  it('never keeps or compresses a signed-in page: the public\'s gzip form of a meeting with an exempt item has none of it', async (ctx) => {
    const { app, c } = await council(ctx);
    const url = `/meetings/${c.meeting.slug}?signed-in-first`;
    // An entitled reader asks first, taking gzip, by session cookie and by API token.
    const clerk = await app.inject({ url, headers: { 'accept-encoding': BROWSER, authorization: `Bearer ${c.users.clerk.token}` } });
    expect(clerk.statusCode).toBe(200);
    expect(clerk.body).toContain(MARKER);
    expect(clerk.headers['content-encoding']).toBeUndefined();
    expect(clerk.headers['cache-control']).toBe('private, no-store');
    for (const ae of [BROWSER, undefined]) {
      const pub = await app.inject({ url, headers: ae ? { 'accept-encoding': ae } : {} });
      expect(pub.statusCode).toBe(200);
      expect(pub.headers['content-encoding']).toBe(ae ? 'gzip' : undefined);
      expect(text(pub)).toContain('</html>');
      expect(text(pub)).not.toContain(MARKER);
    }
    const again = await app.inject({ url, headers: { 'accept-encoding': BROWSER, authorization: `Bearer ${c.users.clerk.token}` } });
    expect(again.body).toContain(MARKER);
    expect(again.headers['content-encoding']).toBeUndefined();
  });
});
