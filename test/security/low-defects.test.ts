// Issue 10's low defects, each reproduced as the issue tells it (through the API, the web, the store or the CLI),
// on SQLite and PostgreSQL where a store is involved.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, type TestContext } from 'vitest';
import { nameProblem, safeWebUrl, webUrlProblem } from '../../src/domain/input.js';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { publishAgenda } from '../../src/services/publication/publish.js';
import { consumePasswordReset, createPasswordReset } from '../../src/store/accounts.js';
import { createBody } from '../../src/store/bodies.js';
import type { Store } from '../../src/store/db.js';
import { addDocument, addDocumentVersion } from '../../src/store/documents.js';
import { createMeeting } from '../../src/store/meetings.js';
import { createPerson } from '../../src/store/people.js';
import { blankReport, createReport } from '../../src/store/reports.js';
import { PASSWORD, pdfWithText, type Council } from '../api/fixture.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { usePortalCouncil } from './portal-council.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('input rules (domain/input.ts)', () => {
  it('accepts only http and https web addresses, without credentials or spaces', () => {
    for (const ok of ['https://webcasts.example.gov.uk/2024-06-10', 'http://example.org/x?y=1', '', null, undefined]) expect(webUrlProblem(ok, 'The address'), String(ok)).toBeNull();
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>', 'file:///etc/passwd', 'vbscript:x', '//evil.example', 'webcasts.example.gov.uk',
      'https://user:pw@example.org/', 'https://example.org/\u0000x', 'java\tscript:alert(1)']) expect(webUrlProblem(bad, 'The address'), bad).toMatch(/^The address must/);
    expect(safeWebUrl('javascript:alert(1)')).toBeNull();
    expect(safeWebUrl('https://example.org/')).toBe('https://example.org/');
  });

  it('refuses NUL and other control characters in names, saying which', () => {
    expect(nameProblem('Planning Committee', 'The name')).toBeNull();
    expect(nameProblem('Plan\u0000ning', 'The name')).toBe('The name contains a control character (U+0000); type it again without it');
    expect(nameProblem('Plan\nning', 'The name')).toMatch(/U\+000A/);
    expect(nameProblem('Plan\u001bning', 'The name')).toMatch(/U\+001B/);
  });
});

describe('moot meetings | head -1', () => {
  it('ends quietly with status 0 when the reader closes the pipe (no EPIPE stack trace)', async () => {
    const data = mkdtempSync(join(tmpdir(), 'moot-epipe-'));
    const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'src', 'cli', 'run.ts'), '--data', data, 'meetings'], {
      cwd: repo, env: { ...process.env, DATABASE_URL: '', MOOT_DATA: '' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader goes away before the command writes a line.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});

describe.each(STORE_KINDS)('issue 10 low defects on %s', (kind) => {
  const council = usePortalCouncil(kind);
  let app: FastifyInstance;
  let c: Council;
  let store: Store;
  async function setup(ctx: TestContext) {
    ({ app, c, store } = await council(ctx));
    return app;
  }

  it('a password reset revokes the account\'s API tokens', async (ctx) => {
    const a = await setup(ctx);
    const who = c.users.authorB;
    expect((await a.inject({ url: '/api/v1/meetings', headers: bearer(who.token) })).statusCode).toBe(200);
    const reset = await createPasswordReset(store.db, who.email);
    await consumePasswordReset(store.db, reset!.token, `${PASSWORD} again`);
    const after = await a.inject({ url: '/api/v1/meetings', headers: bearer(who.token) });
    expect(after.statusCode).toBe(401);
    const audit = await store.db.selectFrom('audit_log').select('summary').where('entity', '=', 'api_token').where('action', '=', 'revoke').execute();
    expect(audit.map((r) => r.summary).join('\n')).toMatch(/revoked by a password reset/);
  });

  it('a webcast address must be http or https; a stored javascript: address is never rendered as a link', async (ctx) => {
    const a = await setup(ctx);
    const post = (webcastUrl: string) => a.inject({ method: 'POST', url: '/api/v1/meetings', headers: bearer(c.users.clerk.token), payload: { bodyId: c.beta.id, date: '2024-10-01', webcastUrl } });
    for (const bad of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>']) {
      const res = await post(bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.body, bad).toMatch(/webcast ?url|webcast address/i);
    }
    expect((await post('javascript:alert(1)')).body).toMatch(/The webcast address must start with https:\/\/ \(or http:\/\/\), not javascript:/);
    expect((await post('https://webcasts.example.gov.uk/beta')).statusCode).toBe(201);
    // A record written before the rule (or by hand) is not linked.
    const m = await createMeeting(store.db, SYSTEM_ACTOR, { bodyId: c.beta.id, date: '2024-10-02', status: 'held' });
    await store.db.updateTable('meeting').set({ webcast_url: 'javascript:alert(1)' }).where('id', '=', m.id).execute();
    const page = await a.inject(`/meetings/${m.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('javascript:');
  });

  it('a NUL byte or other control character in a name is refused with a clear error', async (ctx) => {
    const a = await setup(ctx);
    await expect(createBody(store.db, SYSTEM_ACTOR, { name: 'Audit\u0000 Committee', kind: 'regulatory-committee' })).rejects.toThrow(/The body's name contains a control character \(U\+0000\)/);
    await expect(createPerson(store.db, SYSTEM_ACTOR, { forenames: 'Ann', surname: 'Smith\u0000', kind: 'councillor' })).rejects.toThrow(/surname contains a control character/);
    const res = await a.inject({ method: 'POST', url: '/api/v1/meetings', headers: bearer(c.users.clerk.token), payload: { bodyId: c.beta.id, date: '2024-10-03', venue: 'Room\u00001' } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/venue contains a control character \(U\+0000\)/);
    const items = await a.inject({ method: 'POST', url: '/api/v1/meetings', headers: bearer(c.users.clerk.token),
      payload: { bodyId: c.beta.id, date: '2024-10-04', sections: [{ title: 'Business', items: [{ code: '1', title: 'Bad\u0007title' }] }] } });
    expect([400, 201]).toContain(items.statusCode);
    if (items.statusCode === 400) expect(items.body).toMatch(/control character/);
    expect(await store.db.selectFrom('body').select('id').where('name', 'like', 'Audit%').execute()).toEqual([]);
  });

  it('uploaded papers are served as attachments with a fixed type, nosniff and a sandbox, never as active content', async (ctx) => {
    const a = await setup(ctx);
    const m = await createMeeting(store.db, SYSTEM_ACTOR, { bodyId: c.beta.id, date: '2024-10-05', status: 'held', sections: [{ letter: 'A', title: 'Business', items: [{ code: 'A1', title: 'Item' }] }] });
    // A polyglot someone uploaded, recorded with an HTML content type.
    const d = await addDocument(store.db, SYSTEM_ACTOR, { meetingId: m.id, agendaItemId: m.items[0].id, kind: 'report', title: 'Polyglot paper', classification: 'unrestricted',
      file: { bytes: Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>'), fileName: 'x".html', contentType: 'text/html', pageCount: 1 } });
    for (const url of [`/documents/${d.slug}.pdf`, `/documents/${d.slug}/v1.pdf`, `/api/v1/documents/${d.slug}/versions/1/file`]) {
      const res = await a.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toBe('application/octet-stream');
      expect(res.headers['content-disposition'], url).toMatch(/^attachment; filename="x_.html"$/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['content-security-policy'], url).toMatch(/^sandbox/);
    }
    const pdf = await a.inject(`/documents/${c.publicPaperSlug}.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="budget.pdf"$/);
  });

  it('the report author\'s item picker does not show the title of an exempt item on an unpublished agenda', async (ctx) => {
    const a = await setup(ctx);
    const m = await createMeeting(store.db, SYSTEM_ACTOR, {
      bodyId: c.alpha.id, date: '2025-03-01',
      sections: [{ letter: 'A', title: 'Business', items: [{ code: 'A1', title: 'Library opening hours' }] },
        { letter: 'B', title: 'Exempt', exempt: true, items: [{ code: 'B1', title: 'Quagga redundancy terms', exempt: true, exemptParagraphs: [1] }] }],
    });
    const authorPerson = c.users.authorA.personId!;
    const id = await createReport(store.db, SYSTEM_ACTOR, authorPerson, { meetingId: m.id, agendaItemId: null }, { ...blankReport(), subject: 'Opening hours' });
    const page = await a.inject({ url: `/author/reports/${id}`, headers: bearer(c.users.authorA.token) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('A1 Library opening hours');
    expect(page.body).toContain('B1 (exempt item)');
    expect(page.body).not.toContain('Quagga');
    // Once the author's own report is on that item, they may read its title.
    const own = await createReport(store.db, SYSTEM_ACTOR, authorPerson, { meetingId: m.id, agendaItemId: m.items[1].id }, { ...blankReport(), subject: 'Terms', classification: 'exempt', exemptParagraphs: [1] });
    expect((await a.inject({ url: `/author/reports/${own}`, headers: bearer(c.users.authorA.token) })).body).toContain('Quagga');
  });

  it('pack downloads are revalidated with an ETag (no max-age), so a corrected pack is never served from a cache', async (ctx) => {
    const a = await setup(ctx);
    const m = await createMeeting(store.db, SYSTEM_ACTOR, { bodyId: c.beta.id, date: '2024-11-01', sections: [{ letter: 'A', title: 'Business', items: [{ code: 'A1', title: 'Parks' }] }] });
    const paper = await addDocument(store.db, SYSTEM_ACTOR, { meetingId: m.id, agendaItemId: m.items[0].id, kind: 'report', title: 'Parks report', classification: 'unrestricted',
      file: { bytes: await pdfWithText(['Parks']), fileName: 'parks.pdf', contentType: 'application/pdf', pageCount: 1 } });
    await publishAgenda(store, SYSTEM_ACTOR, m.slug, { publishedOn: '2024-10-01' });
    const first = await a.inject(`/meetings/${m.slug}/pack.pdf`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
    expect((await a.inject({ url: `/meetings/${m.slug}/pack.pdf`, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    // Corrected and republished: the same URL answers with the new pack to a cache holding the old one.
    await addDocumentVersion(store.db, SYSTEM_ACTOR, paper.id, { file: { bytes: await pdfWithText(['Parks, corrected']), fileName: 'parks2.pdf', contentType: 'application/pdf', pageCount: 1 } });
    await publishAgenda(store, SYSTEM_ACTOR, m.slug, { publishedOn: '2024-10-01', lateReason: 'corrected' });
    const again = await a.inject({ url: `/meetings/${m.slug}/pack.pdf`, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(200);
    expect(again.headers.etag).not.toBe(etag);
  });
});
