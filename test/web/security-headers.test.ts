// The security plugin sends what @fastify/helmet sends with the same options (names, values, order), with fresh
// nonces on every response, and the nonces the page is given are the policy's.
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import security from '../../src/web/plugins/security.js';

const HELMET_OPTIONS = {
  enableCSPNonces: true,
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], fontSrc: ["'self'"], objectSrc: ["'none'"],
      frameAncestors: ["'self'"], formAction: ["'self'"], baseUri: ["'self'"], upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
  hsts: false,
};

async function serve(register: (app: FastifyInstance) => Promise<void>) {
  const app = Fastify();
  await register(app);
  app.get('/page', async (_request, reply) => {
    reply.header('cache-control', 'private, no-cache');
    return reply.type('text/html; charset=utf-8').send(`<script nonce="${reply.cspNonce.script}"></script>`);
  });
  app.get('/file', async (_request, reply) => reply.header('content-security-policy', "sandbox; default-src 'none'").send('x'));
  return app;
}

/** The response's headers in order, its nonces replaced by what they stand for. */
function shape(res: { headers: Record<string, unknown> }): string[] {
  const out: string[] = [];
  const nonces = [...String(res.headers['content-security-policy']).matchAll(/'nonce-([0-9a-f]+)'/g)].map((m) => m[1]);
  for (const [name, v] of Object.entries(res.headers)) {
    if (name === 'date') continue;
    let value = String(v);
    nonces.forEach((n, k) => { value = value.split(n).join(`NONCE${k}`); });
    out.push(`${name}: ${value}`);
  }
  return out;
}

describe('security headers', () => {
  it('are the headers @fastify/helmet sends, in its order, for a page and for a file with a policy of its own', async () => {
    const ours = await serve(async (app) => { await app.register(security); });
    const theirs = await serve(async (app) => { await app.register(helmet, HELMET_OPTIONS); });
    for (const url of ['/page', '/file', '/missing']) {
      const a = await ours.inject(url);
      const b = await theirs.inject(url);
      expect(a.statusCode).toBe(b.statusCode);
      expect(shape(a), url).toEqual(shape(b));
    }
    const page = shape(await ours.inject('/page'));
    expect(page[0]).toBe("content-security-policy: default-src 'self';base-uri 'self';font-src 'self';form-action 'self';frame-ancestors 'self';"
      + "img-src 'self' data:;object-src 'none';script-src 'self' 'nonce-NONCE0';script-src-attr 'none';style-src 'self' 'nonce-NONCE1'");
    expect(page).toContain('x-frame-options: SAMEORIGIN');
    expect(page).toContain('x-content-type-options: nosniff');
    expect(page).toContain('referrer-policy: no-referrer');
    expect(page).not.toContain(expect.stringMatching(/^strict-transport-security/));
    await ours.close();
    await theirs.close();
  });

  it('gives every response fresh nonces of 16 random bytes, and the page the nonce its policy allows', async () => {
    const app = await serve(async (a) => { await a.register(security); });
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const res = await app.inject('/page');
      const csp = String(res.headers['content-security-policy']);
      const [script, style] = [...csp.matchAll(/'nonce-([^']+)'/g)].map((m) => m[1]);
      expect(script).toMatch(/^[0-9a-f]{32}$/);
      expect(style).toMatch(/^[0-9a-f]{32}$/);
      expect(res.body).toBe(`<script nonce="${script}"></script>`);
      expect(seen.has(script) || seen.has(style) || script === style).toBe(false);
      seen.add(script).add(style);
    }
    await app.close();
  });
});
