// The forgotten-password journey end to end, through a real SMTP server on loopback (smtp-server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { FastifyInstance } from 'fastify';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { addUser, appOn, Client, PASSWORD } from './helpers.js';

interface Received { to: string[]; raw: string }

const inbox: Received[] = [];
let server: SMTPServer;
let previousSmtpUrl: string | undefined;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  previousSmtpUrl = process.env.SMTP_URL;
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (previousSmtpUrl === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = previousSmtpUrl;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function mailFor(address: string, timeoutMs = 15_000): Promise<Received> {
  const start = Date.now();
  for (;;) {
    const found = inbox.find((m) => m.to.includes(address));
    if (found) return found;
    if (Date.now() - start > timeoutMs) throw new Error(`no email arrived for ${address}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The reset link in a message, undoing quoted-printable soft line breaks. */
function resetLink(raw: string): URL {
  const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const m = /https?:\/\/[^\s]+\/account\/reset-password\?token=[A-Za-z0-9_%-]+/.exec(text);
  if (!m) throw new Error(`no reset link in:\n${raw}`);
  return new URL(m[0]);
}

describe.each(STORE_KINDS)('password reset by email on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | null = null;
  afterAll(async () => app?.close());

  it('emails a single-use link that sets a new password, and answers the same for unknown addresses', async (ctx) => {
    const { store } = get(ctx);
    app ??= await appOn(store);
    const u = await addUser(store, 'councillor');
    const c = new Client(app, '10.2.0.1');
    const form = await c.get('/account/forgot-password');
    const known = await c.post('/account/forgot-password', { _csrf: Client.csrfOf(form.body), email: u.email });
    const unknown = await c.post('/account/forgot-password', { _csrf: Client.csrfOf(form.body), email: 'no-such-person@example.org' });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '');
    expect(strip(unknown.body)).toBe(strip(known.body));

    const mail = await mailFor(u.email);
    expect(mail.raw).toMatch(/Subject: Reset your password/);
    const link = resetLink(mail.raw);
    expect(link.hostname).toBe('localhost');
    expect(inbox.some((m) => m.to.includes('no-such-person@example.org'))).toBe(false);

    // Follow the link in a fresh browser.
    const b = new Client(app, '10.2.0.2');
    const page = await b.get(link.pathname + link.search);
    expect(page.statusCode).toBe(200);
    const token = /name="token" value="([^"]+)"/.exec(page.body)![1];
    const weak = await b.post('/account/reset-password', { _csrf: Client.csrfOf(page.body), token, password: 'short', confirm: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('12 characters or more');
    const done = await b.post('/account/reset-password', { _csrf: Client.csrfOf(page.body), token, password: 'my new long passphrase', confirm: 'my new long passphrase' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Your password has been changed');

    expect((await new Client(app, '10.2.0.3').signIn(u.email, PASSWORD)).statusCode).toBe(400);
    expect((await new Client(app, '10.2.0.4').signIn(u.email, 'my new long passphrase')).statusCode).toBe(303);

    // Used once: the link is dead now.
    const again = await new Client(app, '10.2.0.5').get(link.pathname + link.search);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('This link has expired');
    const replay = await b.post('/account/reset-password', { _csrf: Client.csrfOf(page.body), token, password: 'yet another passphrase', confirm: 'yet another passphrase' });
    expect(replay.statusCode).toBe(400);
  });

  it('builds the emailed link from MOOT_BASE_URL only, whatever Host or X-Forwarded-Host say (issue 10 defect 7)', async (ctx) => {
    const { store } = get(ctx);
    const poisoned = await appOn(store, { baseUrl: 'https://democracy.example.gov.uk', trustProxy: ['127.0.0.1'] });
    try {
      const u = await addUser(store, 'clerk');
      const c = new Client(poisoned, '127.0.0.1');
      const form = await c.get('/account/forgot-password');
      const res = await c.post('/account/forgot-password', { _csrf: Client.csrfOf(form.body), email: u.email }, { host: 'evil.example', 'x-forwarded-host': 'evil.example' });
      expect(res.statusCode).toBe(200);
      const link = resetLink((await mailFor(u.email)).raw);
      expect(link.origin).toBe('https://democracy.example.gov.uk');
    } finally {
      await poisoned.close();
    }
  });

  it('refuses an expired link', async (ctx) => {
    const { store } = get(ctx);
    app ??= await appOn(store);
    const u = await addUser(store, 'clerk');
    const c = new Client(app, '10.2.1.1');
    const form = await c.get('/account/forgot-password');
    await c.post('/account/forgot-password', { _csrf: Client.csrfOf(form.body), email: u.email });
    const link = resetLink((await mailFor(u.email)).raw);
    await store.db.updateTable('password_reset').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', u.id).execute();
    const page = await c.get(link.pathname + link.search);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('This link has expired');
  });
});
