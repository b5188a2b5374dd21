// Security headers with a strict Content Security Policy: scripts only from this site or with the page's nonce.
//
// The headers are helmet's (@fastify/helmet with the options below), worked out once when the app starts: helmet
// itself answers one request on a private instance, and its headers become a list with the policy cut where the two
// nonces go. Every request then sets that list with fresh nonces spliced in. @fastify/helmet registered here would
// build helmet's middleware again on every request (the nonces are in its options), some 3–8% of a cached public
// page (issue 17); the headers sent are the same, names, values and order.
import { randomBytes } from 'node:crypto';
import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import fp from 'fastify-plugin';

const HELMET_OPTIONS = {
  enableCSPNonces: true,
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'self'"],
      formAction: ["'self'"],
      baseUri: ["'self'"],
      upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
  hsts: false, // set by the TLS-terminating proxy in production
};

const CSP = 'content-security-policy';

/** Headers helmet sets, in its order; the policy as the text around the script nonce and the style nonce. */
export interface SecurityHeaders {
  before: [string, string][];
  csp: [string, string, string] | null;
  after: [string, string][];
}

/** What helmet sends with these options, asked of helmet once on an instance of its own. */
export async function helmetHeaders(): Promise<SecurityHeaders> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, HELMET_OPTIONS);
  probe.get('/', async (_request, reply) => {
    const raw = reply.raw;
    return { nonce: reply.cspNonce, headers: raw.getHeaderNames().map((name) => [name, String(raw.getHeader(name))]) };
  });
  const res = await probe.inject('/');
  await probe.close();
  const { nonce, headers } = res.json() as { nonce: { script: string; style: string }; headers: [string, string][] };
  const at = headers.findIndex(([name]) => name === CSP);
  if (at < 0) return { before: headers, csp: null, after: [] };
  const policy = headers[at][1];
  const s = policy.indexOf(nonce.script);
  const t = policy.indexOf(nonce.style);
  // Each nonce once, the script's first (as helmet writes the directives): otherwise keep to helmet's own text.
  if (s < 0 || t < s + nonce.script.length || policy.indexOf(nonce.script, s + 1) >= 0 || policy.indexOf(nonce.style, t + 1) >= 0) {
    throw new Error('helmet\'s Content-Security-Policy has not the shape expected (one script nonce, then one style nonce)');
  }
  const csp: [string, string, string] = [policy.slice(0, s), policy.slice(s + nonce.script.length, t), policy.slice(t + nonce.style.length)];
  return { before: headers.slice(0, at), csp, after: headers.slice(at + 1) };
}

// Nonces are 16 random bytes each, in hex, as helmet makes them; taken from a block of random bytes filled a few
// hundred requests at a time rather than by two calls into the random source for every request. Each byte is used once.
const BLOCK = 32 * 256;
let block = Buffer.alloc(0);
let used = BLOCK;

function nextNonces(): { script: string; style: string } {
  if (used + 32 > block.length) {
    block = randomBytes(BLOCK);
    used = 0;
  }
  const at = used;
  used += 32;
  return { script: block.toString('hex', at, at + 16), style: block.toString('hex', at + 16, at + 32) };
}

export default fp(async (app) => {
  const { before, csp, after } = await helmetHeaders();
  app.decorateReply('cspNonce', null as never);
  app.addHook('onRequest', (_request, reply, done) => {
    const nonce = nextNonces();
    reply.cspNonce = nonce;
    const raw = reply.raw;
    for (let i = 0; i < before.length; i++) raw.setHeader(before[i][0], before[i][1]);
    if (csp) raw.setHeader(CSP, csp[0] + nonce.script + csp[1] + nonce.style + csp[2]);
    for (let i = 0; i < after.length; i++) raw.setHeader(after[i][0], after[i][1]);
    done();
  });
}, { name: 'moot-security' });
