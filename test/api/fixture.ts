// A small council for the API, author and councillor tests: two committees with a councillor each, a meeting of
// the first with a published agenda carrying an exempt item whose every piece of content holds a marker phrase,
// and users of every role with API tokens and sessions.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import type { Role } from '../../src/domain/policy.js';
import api from '../../src/api/index.js';
import { createApiToken, createSession, createUser } from '../../src/store/accounts.js';
import { addMembership, createBody } from '../../src/store/bodies.js';
import type { Store } from '../../src/store/db.js';
import { createDecision } from '../../src/store/decisions.js';
import { addDocument } from '../../src/store/documents.js';
import { createMeeting } from '../../src/store/meetings.js';
import { createPerson } from '../../src/store/people.js';
import { recordMinutes } from '../../src/store/proceedings.js';
import { rebuildSearchIndex } from '../../src/store/search/index.js';
import { buildApp, type AppOptions } from '../../src/web/app.js';

export const MARKER = 'Zanzibar quartermaster settlement';
export const TODAY = '2024-06-01';
export const PASSWORD = 'correct horse battery staple';

export async function pdfWithText(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  lines.forEach((l, i) => page.drawText(l, { x: 50, y: 780 - i * 16, size: 11, font }));
  return doc.save();
}

export interface Who {
  userId: number;
  email: string;
  personId: number | null;
  token: string;
}

export interface Council {
  alpha: { id: number; slug: string };
  beta: { id: number; slug: string };
  meeting: { id: number; slug: string };
  exemptItemId: number;
  exemptPaperSlug: string;
  publicPaperSlug: string;
  exemptDecisionSlug: string;
  users: Record<'clerk' | 'admin' | 'councillorA' | 'councillorB' | 'authorA' | 'authorB', Who>;
}

let seq = 0;
async function user(store: Store, role: Role, personId: number | null): Promise<Who> {
  const email = `${role}-${++seq}-${process.pid}@example.org`;
  const userId = await createUser(store.db, SYSTEM_ACTOR, { email, displayName: `Test ${role} ${seq}`, role, personId, password: PASSWORD });
  const { token } = await createApiToken(store.db, SYSTEM_ACTOR, userId, 'tests');
  return { userId, email, personId, token };
}

export async function seedCouncil(store: Store): Promise<Council> {
  const db = store.db;
  const a = SYSTEM_ACTOR;
  await db.insertInto('council').values({ name: 'Example County Council', short_name: 'Example', settings_json: '{}' }).execute().catch(() => undefined);
  const alphaId = await createBody(db, a, { name: 'Alpha Cabinet Committee', kind: 'cabinet-committee' });
  const betaId = await createBody(db, a, { name: 'Beta Scrutiny Committee', kind: 'scrutiny-committee' });
  const cllrA = await createPerson(db, a, { title: 'Mrs', forenames: 'Alice', surname: 'Ashby', kind: 'councillor' });
  const cllrB = await createPerson(db, a, { title: 'Mr', forenames: 'Bob', surname: 'Barton', kind: 'councillor' });
  const officerA = await createPerson(db, a, { forenames: 'Olive', surname: 'Orwell', kind: 'officer', jobTitle: 'Head of Property' });
  const officerB = await createPerson(db, a, { forenames: 'Peter', surname: 'Pike', kind: 'officer' });
  await addMembership(db, a, { bodyId: alphaId, personId: cllrA, role: 'member', startsOn: '2021-05-01' });
  await addMembership(db, a, { bodyId: betaId, personId: cllrB, role: 'member', startsOn: '2021-05-01' });
  const meeting = await createMeeting(db, a, {
    bodyId: alphaId, date: '2024-06-10', time: '10:00', venue: 'Darent Room', status: 'held',
    sections: [
      { letter: 'A', title: 'Committee business', items: [{ code: 'A1', title: 'Apologies and substitutes' }, { code: 'A2', title: 'Budget monitoring', purpose: 'To note the forecast' }] },
      { letter: 'B', title: 'Exempt items', exempt: true, items: [{ code: 'B1', title: 'Disposal of land at Westgate', purpose: `To agree the ${MARKER} terms`, exempt: true, exemptParagraphs: [3], publicInterestReason: 'Commercial negotiations' }] },
    ],
  });
  await db.updateTable('meeting').set({ agenda_published_at: '2024-06-01T09:00:00Z' }).where('id', '=', meeting.id).execute();
  const itemA2 = meeting.items.find((i) => i.code === 'A2')!.id;
  const itemB1 = meeting.items.find((i) => i.code === 'B1')!.id;
  const publicPaper = await addDocument(db, a, { meetingId: meeting.id, agendaItemId: itemA2, kind: 'report', title: 'Budget monitoring report', classification: 'unrestricted',
    file: { bytes: await pdfWithText(['Budget monitoring: forecast underspend of 1.2m']), fileName: 'budget.pdf', contentType: 'application/pdf', pageCount: 1 }, pages: ['Budget monitoring: forecast underspend of 1.2m'] });
  const exemptPaper = await addDocument(db, a, { meetingId: meeting.id, agendaItemId: itemB1, kind: 'report', title: `Westgate ${MARKER} report`, classification: 'exempt', exemptParagraphs: [3],
    file: { bytes: await pdfWithText([`The ${MARKER} figure is 4.5m`]), fileName: 'westgate.pdf', contentType: 'application/pdf', pageCount: 1 }, pages: [`The ${MARKER} figure is 4.5m`] });
  await recordMinutes(db, a, meeting.id, [
    { agendaItemId: itemA2, title: 'Budget monitoring', paragraphs: ['The Committee noted the forecast.'] },
    { agendaItemId: itemB1, title: 'Disposal of land at Westgate', paragraphs: [`Members discussed the ${MARKER} offer.`], resolutions: [{ text: `RESOLVED that the ${MARKER} be agreed.`, parts: [] }], exempt: true },
  ]);
  await db.updateTable('meeting').set({ status: 'minutes-drafted' }).where('id', '=', meeting.id).execute();
  const decision = await createDecision(db, a, { takerKind: 'body', takerName: 'Alpha Cabinet Committee', takerBodyId: alphaId, meetingId: meeting.id, agendaItemId: itemB1,
    takenOn: '2024-06-10', subject: `Westgate ${MARKER}`, classification: 'exempt', text: `Agree the ${MARKER}.`, status: 'published', publishedOn: '2024-06-11' });
  await createDecision(db, a, { takerKind: 'body', takerName: 'Alpha Cabinet Committee', takerBodyId: alphaId, meetingId: meeting.id, agendaItemId: itemA2,
    takenOn: '2024-06-10', subject: 'Budget monitoring', text: 'Note the forecast.', status: 'published', publishedOn: '2024-06-11' });
  await rebuildSearchIndex(store);
  const [alpha, beta, exemptDoc, publicDoc, dec] = await Promise.all([
    db.selectFrom('body').select(['id', 'slug']).where('id', '=', alphaId).executeTakeFirstOrThrow(),
    db.selectFrom('body').select(['id', 'slug']).where('id', '=', betaId).executeTakeFirstOrThrow(),
    db.selectFrom('document').select('slug').where('id', '=', exemptPaper.id).executeTakeFirstOrThrow(),
    db.selectFrom('document').select('slug').where('id', '=', publicPaper.id).executeTakeFirstOrThrow(),
    db.selectFrom('decision').select('slug').where('id', '=', decision.id).executeTakeFirstOrThrow(),
  ]);
  return {
    alpha, beta, meeting: { id: meeting.id, slug: meeting.slug }, exemptItemId: itemB1,
    exemptPaperSlug: exemptDoc.slug, publicPaperSlug: publicDoc.slug, exemptDecisionSlug: dec.slug,
    users: {
      clerk: await user(store, 'clerk', null),
      admin: await user(store, 'administrator', null),
      councillorA: await user(store, 'councillor', cllrA),
      councillorB: await user(store, 'councillor', cllrB),
      authorA: await user(store, 'report-author', officerA),
      authorB: await user(store, 'report-author', officerB),
    },
  };
}

export async function appWith(store: Store, routes: AppOptions['routes'] = [{ plugin: api }]): Promise<FastifyInstance> {
  const app = await buildApp({ store, today: () => TODAY, routes });
  await app.ready();
  return app;
}

/** A browser-like client over inject: keeps cookies; forms carry the session's CSRF token. */
export class Browser {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly app: FastifyInstance) {}

  static async signedIn(app: FastifyInstance, store: Store, userId: number): Promise<Browser> {
    const b = new Browser(app);
    const s = await createSession(store.db, userId);
    b.cookies.set('moot_session', s.token);
    b.csrf = s.csrfToken;
    return b;
  }

  async request(method: string, url: string, options: { form?: Record<string, string | string[]>; payload?: Buffer; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | Buffer | undefined = options.payload;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(options.form)) for (const x of [v].flat()) p.append(k, x);
      payload = p.toString();
    }
    const res = await this.app.inject({ method: method as 'GET', url, headers, payload });
    for (const c of res.cookies as { name: string; value: string }[]) {
      if (c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }

  /** Posts a form with the CSRF token (unless the test sets _csrf itself). */
  post(url: string, form: Record<string, string | string[]>) {
    return this.request('POST', url, { form: { _csrf: this.csrf, ...form } });
  }
}

/** A multipart/form-data body as a browser would send it. */
export function multipart(fields: Record<string, string>, file?: { name: string; fileName: string; type: string; bytes: Uint8Array }) {
  const boundary = `----moot${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.fileName}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(Buffer.from(file.bytes), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A client for one seeded council: the clerk's token, a read-only token of the same clerk, a councillor's token. */
export class Client {
  readOnly = '';
  constructor(readonly app: FastifyInstance, readonly store: Store, readonly c: Council) {}

  async init(): Promise<this> {
    this.readOnly = (await createApiToken(this.store.db, SYSTEM_ACTOR, this.c.users.clerk.userId, 'read only', { scopes: ['read'] })).token;
    return this;
  }

  /** A request; unless the answer is a read by someone entitled to the exempt item, it must not hold its content. */
  async send(method: Method | 'GET', url: string, payload: unknown, token: string | null, entitled = false): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method, url, payload: payload as object, headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!entitled) expect(res.body.includes(MARKER), `${method} ${url} (${res.statusCode}) gave the exempt item's content: ${res.body.slice(0, 300)}`).toBe(false);
    return res;
  }

  /** Refused without a token, with a read-only token and with a councillor's token; then done by the clerk. */
  async write(method: Method, url: string, payload: unknown, status = 200): Promise<LightMyRequestResponse> {
    const none = await this.send(method, url, payload, null);
    expect(none.statusCode, `${method} ${url} without a token`).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    const ro = await this.send(method, url, payload, this.readOnly);
    expect(ro.statusCode, `${method} ${url} with a read-only token`).toBe(403);
    expect(ro.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ro.json()).toMatchObject({ status: 403, error: 'insufficient-scope' });
    const cllr = await this.send(method, url, payload, this.c.users.councillorA.token);
    expect(cllr.statusCode, `${method} ${url} with a councillor's token`).toBe(403);
    expect(cllr.json()).toMatchObject({ status: 403, error: 'forbidden', type: 'https://moot.council/problems/forbidden' });
    const done = await this.send(method, url, payload, this.c.users.clerk.token);
    expect(done.statusCode, `${method} ${url}: ${done.body}`).toBe(status);
    return done;
  }

  /** The clerk's request refused as bad input naming the field. */
  async invalid(method: Method, url: string, payload: unknown, field: string, message?: RegExp): Promise<LightMyRequestResponse> {
    const res = await this.send(method, url, payload, this.c.users.clerk.token);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json(), res.body).toMatchObject({ status: 400, field });
    if (message) expect(res.json().message).toMatch(message);
    return res;
  }

  get(url: string, token: string | null = this.c.users.clerk.token, entitled = false) {
    return this.send('GET', url, undefined, token, entitled);
  }

  async audited(entity: string, entityId: number, action?: string): Promise<void> {
    let q = this.store.db.selectFrom('audit_log').select(['action']).where('entity', '=', entity).where('entity_id', '=', String(entityId) as never).where('actor_id', '=', this.c.users.clerk.userId);
    if (action) q = q.where('action', '=', action);
    expect(await q.execute(), `${entity} ${entityId} ${action ?? ''} audited`).not.toEqual([]);
  }
}
