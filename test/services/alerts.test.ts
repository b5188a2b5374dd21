// Email alerts and papers to members against a real SMTP server in the test process (smtp-server), on both
// databases: a resident subscribes through the web form, confirms from the email, receives the alert when an
// agenda is published, and unsubscribes with one click (RFC 8058); members get the papers (the exempt pack linked
// only for those entitled) and the clerk's record shows who was sent what. Plus the outbox's guarantees: retry with
// backoff, idempotency, per-recipient limit, SKIP LOCKED sharing, and nothing exempt in an alert.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { createMailer, type Mailer } from '../../src/mail/index.js';
import { publishAgenda } from '../../src/services/publication/publish.js';
import { confirmSubscription, processPublicationEvents, requestSubscription, sendDigests } from '../../src/services/alerts.js';
import { addForwardPlanEntry, amendForwardPlanEntry, moveForwardPlanEntry, publishForwardPlan } from '../../src/services/executive/forward-plan.js';
import { startCursor } from '../../src/services/events.js';
import { deliverDue, drainOutbox } from '../../src/services/outbox.js';
import { runMailRound } from '../../src/services/mail-worker.js';
import { createUser } from '../../src/store/accounts.js';
import { addMembership, createBody } from '../../src/store/bodies.js';
import { saveCouncil } from '../../src/store/council.js';
import type { Store } from '../../src/store/db.js';
import { addDocument } from '../../src/store/documents.js';
import { createMeeting } from '../../src/store/meetings.js';
import { enqueue } from '../../src/store/outbox.js';
import { createPerson } from '../../src/store/people.js';
import { buildApp } from '../../src/web/app.js';
import { registerPortal } from '../../src/server.js';
import { makeUploadedPdf } from '../pack/fixture.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const actor = SYSTEM_ACTOR;
const SECRET = 'PERIWINKLEGAZEBO';
const BASE = 'https://democracy.example.gov.uk';

interface Smtp {
  server: SMTPServer;
  url: string;
  mail: ParsedMail[];
  /** Reject the next n messages with a temporary failure. */
  failNext: number;
}

async function startSmtp(): Promise<Smtp> {
  const smtp: Smtp = { server: null as unknown as SMTPServer, url: '', mail: [], failNext: 0 };
  smtp.server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (smtp.failNext > 0) {
          smtp.failNext--;
          const err = new Error('try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        simpleParser(Buffer.concat(chunks)).then((m) => {
          smtp.mail.push(m);
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
  smtp.url = `smtp://127.0.0.1:${(smtp.server.server.address() as AddressInfo).port}`;
  return smtp;
}

const context = (now?: Date) => async () => ({ baseUrl: BASE, councilName: 'Example County Council', now });

async function setUp(store: Store) {
  const db = store.db;
  await saveCouncil(db, 'Example County Council', 'ECC', { signatoryName: 'Jo Clerk', signatoryTitle: 'Head of Democratic Services' });
  const bodyId = await createBody(db, actor, { name: 'Audit Committee', kind: 'regulatory-committee', agendaStyle: 'numbered' });
  const member = await createPerson(db, actor, { title: 'Mr', forenames: 'Alan', initials: 'A', surname: 'Member', kind: 'councillor', email: 'alan.member@example.gov.uk' });
  const sub = await createPerson(db, actor, { title: 'Mrs', forenames: 'Sue', initials: 'S', surname: 'Substitute', kind: 'councillor', email: 'sue.sub@example.gov.uk' });
  const noMail = await createPerson(db, actor, { title: 'Ms', forenames: 'Nora', initials: 'N', surname: 'Nomail', kind: 'councillor' });
  await addMembership(db, actor, { bodyId, personId: member, role: 'member', startsOn: '2020-01-01' });
  await addMembership(db, actor, { bodyId, personId: sub, role: 'substitute', startsOn: '2020-01-01' });
  await addMembership(db, actor, { bodyId, personId: noMail, role: 'member', startsOn: '2020-01-01' });
  // Only Alan has an account (a councillor on the body): he is entitled to the exempt pack; Sue cannot sign in.
  await createUser(db, actor, { email: 'alan.member@example.gov.uk', displayName: 'Alan Member', role: 'councillor', personId: member });
  const meeting = await createMeeting(db, actor, {
    bodyId, date: '2030-03-20', time: '10:00', venue: 'Council Chamber', contacts: [{ name: 'Jo Clerk', phone: '01234 567890', email: null }],
    sections: [
      { title: 'Unrestricted items', items: [{ code: '1', title: 'Apologies and Substitutes' }, { code: '2', title: 'Treasury Management Report', purpose: 'To note the report' }] },
      { title: 'Exempt items', exempt: true, items: [{ code: '3', title: `Contract Award ${SECRET}`, exempt: true, exemptParagraphs: [3], publicInterestReason: 'Commercial confidentiality' }] },
    ],
  });
  const id = (code: string) => meeting.items.find((i) => i.code === code)!.id;
  await addDocument(db, actor, { meetingId: meeting.id, agendaItemId: id('2'), kind: 'report', title: 'Treasury Management Report', classification: 'unrestricted', file: { bytes: await makeUploadedPdf('Treasury', 2), fileName: 't.pdf', contentType: 'application/pdf' } });
  await addDocument(db, actor, { meetingId: meeting.id, agendaItemId: id('3'), kind: 'report', title: 'Contract Award', classification: 'exempt', exemptParagraphs: [3], file: { bytes: await makeUploadedPdf('Contract', 2, { marker: SECRET }), fileName: 'c.pdf', contentType: 'application/pdf' } });
  return { bodyId, meeting, member, sub };
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

describe.each(STORE_KINDS)('email alerts and papers to members on %s', (kind) => {
  const get = useTestStore(kind);
  let smtp: Smtp;
  let mailer: Mailer;
  let app: FastifyInstance | null = null;
  beforeAll(async () => {
    smtp = await startSmtp();
    mailer = createMailer({ smtpUrl: smtp.url, from: 'Example County Council <democracy@example.gov.uk>' });
    process.env.MOOT_BASE_URL = BASE;
  });
  afterAll(async () => {
    delete process.env.MOOT_BASE_URL;
    await app?.close();
    mailer?.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  // Settled events: the tests look an hour ahead so the journal's newest entries count as settled.
  const later = () => new Date(Date.now() + 3600_000);
  const round = (store: Store) => runMailRound(store, { mailer, context: context(later()), perRecipientPerHour: 1000, now: later });

  it('a resident subscribes, confirms, gets the alert when an agenda is published, and unsubscribes with one click', async (c) => {
    const { store } = get(c);
    const { meeting } = await setUp(store);
    await startCursor(store, 'mail-and-webhooks');
    app = await buildApp({ store, routes: registerPortal() });

    // The form: a CSRF cookie and token, then the post.
    const page = await app.inject('/alerts?body=audit-committee');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Get email alerts about agendas and minutes of Audit Committee');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    const cookie = page.cookies.map((k) => `${k.name}=${k.value}`).join('; ');
    const post = await app.inject({ method: 'POST', url: '/alerts', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: csrf, body: 'audit-committee', email: 'Resident@Example.org', frequency: 'immediate' }) });
    expect(post.statusCode, post.body.slice(0, 500)).toBe(200);
    expect(post.body).toContain('Check your email');

    await round(store);
    expect(smtp.mail).toHaveLength(1);
    const confirmMail = smtp.mail[0];
    expect(confirmMail.to && 'text' in confirmMail.to ? confirmMail.to.text : '').toBe('Resident@example.org');
    expect(confirmMail.subject).toBe('Confirm your email alerts about agendas and minutes of Audit Committee');
    const confirmUrl = /https:\/\/democracy\.example\.gov\.uk(\/alerts\/confirm\?token=[\w-]+)/.exec(confirmMail.text!)![1];

    // Nothing is sent before confirmation; confirming is a button (mail scanners follow links).
    const confirmPage = await app.inject({ url: confirmUrl, headers: { cookie } });
    const token = /name="token" value="([^"]+)"/.exec(confirmPage.body)![1];
    const confirmed = await app.inject({ method: 'POST', url: '/alerts/confirm', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: /name="_csrf" value="([^"]+)"/.exec(confirmPage.body)![1], token }) });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Your email alerts are on');

    // Publication (a service; no route knows about alerts) → the alert.
    await publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-03-08' });
    await round(store);
    const alert = smtp.mail.find((m) => m.subject === 'Agenda: Audit Committee, Wednesday 20 March 2030' && JSON.stringify(m.to).includes('Resident@example.org'));
    expect(alert, smtp.mail.map((m) => m.subject).join(' | ')).toBeTruthy();
    expect(alert!.text).toContain('2. Treasury Management Report');
    expect(alert!.text).toContain('1 item to be considered in private.');
    expect(alert!.text).not.toContain(SECRET);
    expect(alert!.text).toContain(`Read it: ${BASE}/meetings/${meeting.slug}`);
    const rawUnsub = alert!.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r\n\s+/g, ' ');
    expect(rawUnsub).toMatch(/^List-Unsubscribe: <https:\/\/democracy\.example\.gov\.uk\/alerts\/unsubscribe\?token=[\w-]+&s=\d+>$/);
    expect(alert!.headerLines.find((h) => h.key === 'list-unsubscribe-post')!.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(alert!.text).toMatch(/Manage your alerts: https:\/\/democracy\.example\.gov\.uk\/alerts\/manage\?token=/);

    // Another round sends nothing again (idempotent).
    const before = smtp.mail.length;
    await round(store);
    expect(smtp.mail.length).toBe(before);

    // One click, as a mail client does it: POST with List-Unsubscribe=One-Click, no cookie, no CSRF token.
    const unsubPath = /<https:\/\/democracy\.example\.gov\.uk([^>]+)>/.exec(rawUnsub)![1];
    const one = await app.inject({ method: 'POST', url: unsubPath, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(one.statusCode, one.body.slice(0, 300)).toBe(200);
    expect(one.body).toContain('we have deleted your email address');
    // The address is gone: subscriber, subscriptions and their mail log.
    expect(await store.db.selectFrom('alert_subscriber').selectAll().execute()).toEqual([]);
    expect(await store.db.selectFrom('outbox').select('id').where('recipient', '=', 'Resident@example.org').execute()).toEqual([]);
    expect((await app.inject({ method: 'POST', url: unsubPath, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(404);

    // Papers to members: Alan (entitled, with an account) gets the exempt pack linked; Sue (substitute, no account) not.
    const papers = smtp.mail.filter((m) => m.subject === 'Agenda published: Audit Committee, Wednesday 20 March 2030');
    const to = (m: ParsedMail) => (m.to && 'text' in m.to ? m.to.text : '');
    expect(papers.map(to).sort()).toEqual(['alan.member@example.gov.uk', 'sue.sub@example.gov.uk']);
    const alan = papers.find((m) => to(m) === 'alan.member@example.gov.uk')!;
    const sue = papers.find((m) => to(m) === 'sue.sub@example.gov.uk')!;
    expect(alan.text).toContain(`${BASE}/meetings/${meeting.slug}/pack-confidential.pdf`);
    expect(sue.text).toContain(`${BASE}/meetings/${meeting.slug}/pack.pdf`);
    expect(sue.text).not.toContain('confidential');
    expect(sue.text).toContain('as a substitute member');

    // The clerk sees who was sent what and when.
    const clerkId = await createUser(store.db, actor, { email: 'clerk@example.gov.uk', displayName: 'Jo Clerk', role: 'clerk', password: 'a long clerk password 123' });
    void clerkId;
    const signIn = await app.inject('/account/sign-in');
    const sc = signIn.cookies.map((k) => `${k.name}=${k.value}`).join('; ');
    const res = await app.inject({ method: 'POST', url: '/account/sign-in', headers: { cookie: sc, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: /name="_csrf" value="([^"]+)"/.exec(signIn.body)![1], email: 'clerk@example.gov.uk', password: 'a long clerk password 123' }) });
    const session = res.cookies.map((k) => `${k.name}=${k.value}`).join('; ');
    const sent = await app.inject({ url: `/workspace/meetings/${meeting.id}/papers-sent`, headers: { cookie: session } });
    expect(sent.statusCode, sent.body.slice(0, 300)).toBe(200);
    expect(sent.body).toContain('alan.member@example.gov.uk');
    expect(sent.body).toContain('sue.sub@example.gov.uk');
    expect(sent.body).toContain('Agenda published: Audit Committee');
    expect(sent.body).toMatch(/Sent/);
    // Not for the public.
    expect((await app.inject(`/workspace/meetings/${meeting.id}/papers-sent`)).statusCode).not.toBe(200);
  }, 120_000);

  it('asking again never reveals whether an address is subscribed, and the form is rate-limited', async (c) => {
    const { store } = get(c);
    const ctx = { baseUrl: BASE, councilName: 'Example County Council', now: later() };
    const body = await store.db.selectFrom('body').select('id').executeTakeFirstOrThrow();
    smtp.mail.length = 0;
    await requestSubscription(store, ctx, { email: 'twice@example.org', target: { kind: 'body', bodyId: body.id }, frequency: 'daily' });
    await requestSubscription(store, ctx, { email: 'twice@example.org', target: { kind: 'body', bodyId: body.id }, frequency: 'daily' });
    await round(store);
    // One confirmation (the second request in the same hour is the same message), nothing that says "already".
    expect(smtp.mail.filter((m) => JSON.stringify(m.to).includes('twice@example.org'))).toHaveLength(1);
    const limited = await buildApp({ store, routes: registerPortal() });
    try {
      let last = 0;
      for (let i = 0; i < 12; i++) last = (await limited.inject({ method: 'POST', url: '/alerts', payload: form({ email: 'x@example.org' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode;
      expect(last).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('daily digests gather the day’s alerts in one email', async (c) => {
    const { store } = get(c);
    const ctx = { baseUrl: BASE, councilName: 'Example County Council', now: later() };
    const sub = await store.db.selectFrom('alert_subscription').selectAll().where('frequency', '=', 'daily').executeTakeFirstOrThrow();
    await store.db.updateTable('alert_subscription').set({ confirmed_at: new Date().toISOString(), confirm_token: null }).where('id', '=', sub.id).execute();
    await store.db.insertInto('alert_digest_item').values([
      { subscription_id: sub.id, event_key: 'e1', title: 'First thing', url: `${BASE}/a`, summary: 's', created_at: new Date().toISOString() },
      { subscription_id: sub.id, event_key: 'e2', title: 'Second thing', url: `${BASE}/b`, summary: 's', created_at: new Date().toISOString() },
    ]).execute();
    const noon = new Date('2030-06-01T12:00:00Z');
    expect(await sendDigests(store, { ...ctx, now: noon })).toBe(1);
    expect(await sendDigests(store, { ...ctx, now: noon })).toBe(0);
    smtp.mail.length = 0;
    await drainOutbox(store, { mailer, now: () => new Date('2030-06-01T12:05:00Z'), perRecipientPerHour: 1000 });
    const digest = smtp.mail.find((m) => m.subject?.startsWith('2 new items from Example County Council'));
    expect(digest).toBeTruthy();
    expect(digest!.text).toContain('First thing');
    expect(digest!.text).toContain('Second thing');
    expect(digest!.headerLines.some((h) => h.key === 'list-unsubscribe-post')).toBe(true);
  });

  it('the outbox retries with backoff, gives up in the end, limits each recipient, and never doubles a key', async (c) => {
    const { store } = get(c);
    const now = new Date('2031-01-01T00:00:00Z');
    await store.db.deleteFrom('outbox').execute();
    const payload = (to: string) => ({ to, subject: 'Test', text: 'Hello' });
    expect(await enqueue(store.db, { idempotencyKey: 'k-1', channel: 'email', purpose: 'notice', recipient: 'a@example.org', subject: 'Test', payload: payload('a@example.org') }, now.toISOString())).toBe(true);
    expect(await enqueue(store.db, { idempotencyKey: 'k-1', channel: 'email', purpose: 'notice', recipient: 'a@example.org', subject: 'Test', payload: payload('a@example.org') }, now.toISOString())).toBe(false);
    smtp.mail.length = 0;
    smtp.failNext = 1;
    const first = await deliverDue(store, { mailer, now: () => now, perRecipientPerHour: 1000 });
    expect(first).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
    const row = await store.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', 'k-1').executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.last_error).toMatch(/451|try again/);
    const wait = Date.parse(row.next_attempt_at) - now.getTime();
    expect(wait).toBeGreaterThanOrEqual(30_000);
    expect(wait).toBeLessThanOrEqual(36_000);
    // Not yet due; then due and sent.
    expect((await deliverDue(store, { mailer, now: () => now, perRecipientPerHour: 1000 })).claimed).toBe(0);
    const afterWait = new Date(now.getTime() + 60_000);
    expect(await deliverDue(store, { mailer, now: () => afterWait, perRecipientPerHour: 1000 })).toMatchObject({ sent: 1 });
    expect(smtp.mail.filter((m) => m.subject === 'Test')).toHaveLength(1);

    // A message that always fails stops after the last attempt.
    await enqueue(store.db, { idempotencyKey: 'k-2', channel: 'email', purpose: 'notice', recipient: 'b@example.org', subject: 'Doomed', payload: payload('b@example.org') }, now.toISOString());
    smtp.failNext = 100;
    let t = afterWait;
    for (let i = 0; i < 3; i++) {
      await deliverDue(store, { mailer, now: () => t, maxAttempts: 3, baseDelayMs: 1000, perRecipientPerHour: 1000 });
      t = new Date(t.getTime() + 3600_000);
    }
    smtp.failNext = 0;
    expect((await store.db.selectFrom('outbox').select(['status', 'attempts']).where('idempotency_key', '=', 'k-2').executeTakeFirstOrThrow())).toEqual({ status: 'failed', attempts: 3 });

    // Per recipient: two an hour here; the third waits.
    for (const k of ['r-1', 'r-2', 'r-3']) await enqueue(store.db, { idempotencyKey: k, channel: 'email', purpose: 'notice', recipient: 'busy@example.org', subject: k, payload: { to: 'busy@example.org', subject: k, text: k } }, t.toISOString());
    const r = await deliverDue(store, { mailer, now: () => t, perRecipientPerHour: 2 });
    expect(r).toMatchObject({ sent: 2, deferred: 1 });
    const waiting = await store.db.selectFrom('outbox').select(['status', 'next_attempt_at']).where('idempotency_key', 'in', ['r-1', 'r-2', 'r-3']).where('status', '=', 'pending').execute();
    expect(waiting).toHaveLength(1);
    expect(Date.parse(waiting[0].next_attempt_at)).toBeGreaterThan(t.getTime());
  });

  it('a lease that runs out is taken again (a crash never loses a message); concurrent workers never take the same row', async (c) => {
    const { store } = get(c);
    const now = new Date('2032-01-01T00:00:00Z');
    await store.db.deleteFrom('outbox').execute();
    for (let i = 0; i < 40; i++) await enqueue(store.db, { idempotencyKey: `c-${i}`, channel: 'email', purpose: 'notice', recipient: `c${i}@example.org`, subject: `C ${i}`, payload: { to: `c${i}@example.org`, subject: `C ${i}`, text: 'x' } }, now.toISOString());
    const { claimDue } = await import('../../src/store/outbox.js');
    const lease = new Date(now.getTime() + 60_000).toISOString();
    const [a, b] = await Promise.all([claimDue(store, 'w1', now.toISOString(), lease, 25), claimDue(store, 'w2', now.toISOString(), lease, 25)]);
    const ids = [...a, ...b].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(40);
    // Both "crash": after the lease, the messages are claimed and sent.
    smtp.mail.length = 0;
    const afterLease = new Date(now.getTime() + 120_000);
    await drainOutbox(store, { mailer, now: () => afterLease, perRecipientPerHour: 1000 });
    expect(smtp.mail.filter((m) => m.subject?.startsWith('C '))).toHaveLength(40);
  });

  it('an exempt-only publication sends no public alert and no webhook carries exempt text', async (c) => {
    const { store } = get(c);
    const all = await store.db.selectFrom('outbox').select(['payload_json', 'purpose']).where('purpose', 'in', ['alert', 'digest', 'webhook']).execute();
    for (const r of all) expect(r.payload_json).not.toContain(SECRET);
    expect(await processPublicationEvents(store, { baseUrl: BASE, councilName: 'x', now: later() })).toBe(0);
  });

  it('forward plan alerts: new and changed entries of each published edition, key decisions only when asked, daily digest, one click to stop; never the working copy', async (c) => {
    const { store } = get(c);
    const ctx = { baseUrl: BASE, councilName: 'Example County Council', now: later() };
    const portal = await buildApp({ store, routes: registerPortal() });
    try {
      const page = await portal.inject('/alerts?forwardPlan=key');
      expect(page.body).toContain('Get email alerts about new and changed key decisions on the forward plan');
      expect((await portal.inject('/alerts?forwardPlan=some')).body).not.toContain('Get email alerts about');
    } finally {
      await portal.close();
    }
    smtp.mail.length = 0;
    const to = (m: ParsedMail) => (m.to && 'text' in m.to ? m.to.text : '');
    await requestSubscription(store, ctx, { email: 'plan-all@example.org', target: { kind: 'forward-plan' }, frequency: 'immediate' });
    await requestSubscription(store, ctx, { email: 'plan-key@example.org', target: { kind: 'forward-plan', key: true }, frequency: 'immediate' });
    await requestSubscription(store, ctx, { email: 'plan-daily@example.org', target: { kind: 'forward-plan' }, frequency: 'daily' });
    await requestSubscription(store, ctx, { email: 'plan-unconfirmed@example.org', target: { kind: 'forward-plan' }, frequency: 'immediate' });
    await round(store);
    for (const who of ['plan-all', 'plan-key', 'plan-daily']) {
      const m = smtp.mail.find((x) => to(x) === `${who}@example.org`)!;
      expect(m.subject).toMatch(/^Confirm your email alerts about new and changed (key decisions|entries) on the forward plan$/);
      expect(await confirmSubscription(store, /\/alerts\/confirm\?token=([\w-]+)/.exec(m.text!)![1])).not.toBeNull();
    }

    // The mail rounds below send digests when the clock says so; hold this one back until the end of the test.
    const dailySub = await store.db.selectFrom('alert_subscription').innerJoin('alert_subscriber', 'alert_subscriber.id', 'alert_subscription.subscriber_id')
      .select('alert_subscription.id').where('alert_subscriber.email', '=', 'plan-daily@example.org').executeTakeFirstOrThrow();
    await store.db.updateTable('alert_subscription').set({ last_digest_on: '2999-12-31' }).where('id', '=', dailySub.id).execute();
    const actorDay = '2031-02-01';
    const roads = await addForwardPlanEntry(store.db, actor, { reference: 'FP/31/001', title: 'Highways term maintenance contract', takerKind: 'body', takerName: 'Cabinet',
      expectedOn: '2031-04-01', key: true, expenditurePence: 4_500_000_000, divisions: ['Ashford East', 'Dover North'] }, actorDay);
    const parks = await addForwardPlanEntry(store.db, actor, { title: 'Parks opening hours', takerKind: 'officer', takerName: 'Director of Environment', expectedOn: '2031-04-15', key: false }, actorDay);
    smtp.mail.length = 0;
    // Entries on no edition yet are the clerk's working copy: nothing is sent.
    await round(store);
    expect(smtp.mail).toEqual([]);

    await publishForwardPlan(store.db, actor, '2031-02-03');
    await round(store);
    const all1 = smtp.mail.find((m) => to(m) === 'plan-all@example.org')!;
    expect(all1.subject).toBe('Forward plan: edition 1, Monday 3 February 2031');
    expect(all1.text).toContain('2 new entries:');
    expect(all1.text).toContain('New: FP/31/001 Highways term maintenance contract (key decision)');
    expect(all1.text).toContain('Decision by Cabinet, expected Tuesday 1 April 2031');
    expect(all1.text).toContain('New: Parks opening hours');
    expect(all1.text).toContain(`Read it: ${BASE}/forward-plan/editions/1`);
    expect(all1.headerLines.find((h) => h.key === 'list-unsubscribe-post')!.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const key1 = smtp.mail.find((m) => to(m) === 'plan-key@example.org')!;
    expect(key1.text).toContain('1 new entry:');
    expect(key1.text).toContain('Highways term maintenance contract');
    expect(key1.text).not.toContain('Parks opening hours');
    expect(smtp.mail.filter((m) => ['plan-daily@example.org', 'plan-unconfirmed@example.org'].includes(to(m)))).toEqual([]);
    // No committee, councillor, decision or search alert for a forward plan edition.
    expect(smtp.mail.every((m) => m.subject?.startsWith('Forward plan'))).toBe(true);

    // The clerk amends and adds in the working copy: nothing leaves until the next edition is published.
    const SECRET_PLAN = 'MAUVEPELICAN';
    await amendForwardPlanEntry(store.db, actor, parks, { title: 'Parks opening hours', takerKind: 'officer', takerName: 'Director of Environment', expectedOn: '2031-05-20', key: false }, '2031-02-10');
    await addForwardPlanEntry(store.db, actor, { title: `Depot disposal ${SECRET_PLAN}`, takerKind: 'body', takerName: 'Cabinet', expectedOn: '2031-06-01', key: false }, '2031-02-10');
    smtp.mail.length = 0;
    await round(store);
    expect(smtp.mail).toEqual([]);
    expect((await store.db.selectFrom('outbox').select('payload_json').execute()).some((r) => r.payload_json.includes(SECRET_PLAN))).toBe(false);
    expect((await store.db.selectFrom('alert_digest_item').select('summary').execute()).some((r) => r.summary.includes(SECRET_PLAN))).toBe(false);

    // Edition 2: the roads entry withdrawn, parks moved, the depot new; the key-only subscriber hears of the roads entry.
    await moveForwardPlanEntry(store.db, actor, roads, { to: 'withdrawn', note: 'Contract extended instead' }, '2031-02-11');
    await publishForwardPlan(store.db, actor, '2031-02-12');
    await round(store);
    const all2 = smtp.mail.find((m) => to(m) === 'plan-all@example.org')!;
    expect(all2.subject).toBe('Forward plan: edition 2, Wednesday 12 February 2031');
    expect(all2.text).toContain('1 new entry and 2 changed entries:');
    expect(all2.text).toMatch(/Changed: FP\/31\/001 Highways term maintenance contract \(key decision\)\n {2}Decision by Cabinet, expected Tuesday 1 April 2031, withdrawn\n {2}What changed: status/);
    expect(all2.text).toMatch(/Changed: Parks opening hours\n {2}Decision by Director of Environment, expected Tuesday 20 May 2031\n {2}What changed: expected date/);
    expect(all2.text).toContain(`New: Depot disposal ${SECRET_PLAN}`);
    const key2 = smtp.mail.find((m) => to(m) === 'plan-key@example.org')!;
    expect(key2.text).toContain('1 changed entry:');
    expect(key2.text).not.toContain('Parks');
    expect(key2.text).not.toContain('Depot');

    // The daily subscriber gets both editions in one email.
    expect(smtp.mail.filter((m) => to(m) === 'plan-daily@example.org')).toEqual([]);
    await store.db.updateTable('alert_subscription').set({ last_digest_on: null }).where('id', '=', dailySub.id).execute();
    smtp.mail.length = 0;
    const noon = new Date('2031-02-13T12:00:00Z');
    expect(await sendDigests(store, { ...ctx, now: noon })).toBeGreaterThanOrEqual(1);
    await drainOutbox(store, { mailer, now: () => noon, perRecipientPerHour: 1000 });
    const digest = smtp.mail.find((m) => to(m) === 'plan-daily@example.org')!;
    expect(digest.subject).toMatch(/^2 new items from Example County Council/);
    expect(digest.text).toContain('About new and changed entries on the forward plan:');
    expect(digest.text).toContain(`* Forward plan: edition 1, Monday 3 February 2031\n  ${BASE}/forward-plan/editions/1`);
    expect(digest.text).toContain(`* Forward plan: edition 2, Wednesday 12 February 2031\n  ${BASE}/forward-plan/editions/2`);
    expect(digest.headerLines.some((h) => h.key === 'list-unsubscribe-post')).toBe(true);

    // One click stops it, as for every other kind.
    const portal2 = await buildApp({ store, routes: registerPortal() });
    try {
      const unsub = /<https:\/\/democracy\.example\.gov\.uk([^>]+)>/.exec(all2.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r\n\s+/g, ' '))![1];
      const one = await portal2.inject({ method: 'POST', url: unsub, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
      expect(one.statusCode).toBe(200);
      expect(await store.db.selectFrom('alert_subscriber').select('id').where('email', '=', 'plan-all@example.org').execute()).toEqual([]);
    } finally {
      await portal2.close();
    }
  }, 120_000);
});
