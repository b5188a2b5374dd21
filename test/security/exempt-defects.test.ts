// Issue 10's reproductions of exempt and unpublished information reaching the public, one test per defect (High 1-2,
// Medium 3-5), through the product's own API, store functions and public routes, on SQLite and PostgreSQL.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, type TestContext } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { publishAgenda } from '../../src/services/publication/publish.js';
import { createMeeting, setMeetingStatus } from '../../src/store/meetings.js';
import { addDocument } from '../../src/store/documents.js';
import { rebuildSearchIndex } from '../../src/store/search/index.js';
import { attachPaper } from '../../src/store/workspace/papers.js';
import type { Store } from '../../src/store/db.js';
import { pdfWithText, type Council } from '../api/fixture.js';
import { pdfText } from '../helpers/pdf-text.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { usePortalCouncil } from './portal-council.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.each(STORE_KINDS)('issue 10 defects on %s', (kind) => {
  const council = usePortalCouncil(kind);
  let app: FastifyInstance;
  let c: Council;
  let store: Store;
  async function setup(ctx: TestContext) {
    ({ app, c, store } = await council(ctx));
    return app;
  }

  // One meeting for defects 1 and 3: an open item with an exempt appendix uploaded through the API, and an exempt
  // item whose purpose, presenters, guests, urgency and public-interest reasons are confidential words.
  let packMeeting: { slug: string; warnings: string[] } | null = null;
  async function packMeetingFor(a: FastifyInstance) {
    if (packMeeting) return packMeeting;
    const m = await createMeeting(store.db, SYSTEM_ACTOR, {
      bodyId: c.alpha.id, date: '2024-07-10', time: '10:00', venue: 'Darent Room',
      sections: [
        { letter: 'A', title: 'Committee business', items: [{ code: 'A1', title: 'Highways update', purpose: 'To note the pothole programme' }] },
        { letter: 'B', title: 'Exempt items', exempt: true, items: [{
          code: 'B1', title: 'Depot lease', purpose: 'To agree the Numbat lease terms', presenters: ['Mr Okapi'], guests: [{ name: 'Ms Tapir', role: null, timeSlot: null }],
          urgentReason: 'Dingo deadline', exempt: true, exemptParagraphs: [3], publicInterestReason: 'Bilby negotiations' }] },
      ],
    });
    const upload = async (title: string, lines: string[], extra: Record<string, unknown>) => {
      const res = await a.inject({ method: 'POST', url: `/api/v1/meetings/${m.slug}/papers`, headers: bearer(c.users.clerk.token),
        payload: { title, fileName: `${title}.pdf`, contentBase64: Buffer.from(await pdfWithText(lines)).toString('base64'), agendaItemCode: 'A1', kind: 'report', ...extra } });
      expect(res.statusCode, res.body).toBe(201);
    };
    await upload('Highways report', ['Pothole programme for the year'], { kind: 'report' });
    await upload('Tender appendix', ['Quokka tender price is 9.9m'], { kind: 'appendix', classification: 'exempt', exemptParagraphs: [3] });
    await upload('Depot lease report', ['Numbat lease rent'], { agendaItemCode: 'B1', classification: 'exempt', exemptParagraphs: [3] });
    const published = await publishAgenda(store, SYSTEM_ACTOR, m.slug, { publishedOn: '2024-06-28' });
    packMeeting = { slug: m.slug, warnings: published.warnings.map((w) => `${w.where}: ${w.message}`) };
    return packMeeting;
  }

  it('1: an exempt paper on an unrestricted item is a placeholder in the public pack, never its text', async (ctx) => {
    const a = await setup(ctx);
    const m = await packMeetingFor(a);
    const pub = await a.inject(`/meetings/${m.slug}/pack.pdf`);
    expect(pub.statusCode).toBe(200);
    const text = pdfText(pub.rawPayload);
    expect(text).toContain('Pothole programme');
    expect(text).toContain('Document is Restricted');
    expect(text).not.toMatch(/Quokka/);
    const page = await a.inject(`/meetings/${m.slug}`);
    expect(page.body).not.toContain('Tender appendix');
    // The members' pack carries it for a councillor on the body.
    const conf = await a.inject({ url: `/meetings/${m.slug}/pack-confidential.pdf`, headers: bearer(c.users.councillorA.token) });
    expect(conf.statusCode).toBe(200);
    expect(pdfText(conf.rawPayload)).toContain('Quokka');
    // Publishing told the clerk what the public gets.
    expect(m.warnings.join('\n')).toMatch(/Tender appendix.*Document is Restricted/);
  });

  it('3: the public pack gives an exempt item its code, title and paragraph only', async (ctx) => {
    const a = await setup(ctx);
    const m = await packMeetingFor(a);
    const text = pdfText((await a.inject(`/meetings/${m.slug}/pack.pdf`)).rawPayload);
    expect(text).toContain('Depot lease');
    expect(text).toMatch(/paragraph 3/);
    for (const word of ['Numbat', 'Okapi', 'Tapir', 'Dingo', 'Bilby']) expect(text, word).not.toContain(word);
    const conf = pdfText((await a.inject({ url: `/meetings/${m.slug}/pack-confidential.pdf`, headers: bearer(c.users.councillorA.token) })).rawPayload);
    for (const word of ['Numbat', 'Okapi', 'Tapir', 'Dingo']) expect(conf, word).toContain(word);
  });

  it('2: reclassifying an item or uploading a redacted version never opens the earlier exempt version', async (ctx) => {
    const a = await setup(ctx);
    const m = await createMeeting(store.db, SYSTEM_ACTOR, {
      bodyId: c.alpha.id, date: '2024-07-17', time: '10:00', venue: 'Darent Room', status: 'agenda-published',
      sections: [{ letter: 'A', title: 'Business', items: [{ code: 'A1', title: 'Land valuation', exempt: true, exemptParagraphs: [3] }] }],
    });
    await store.db.updateTable('meeting').set({ agenda_published_at: '2024-07-01T09:00:00Z' }).where('id', '=', m.id).execute();
    const itemId = m.items[0].id;
    const v1 = await attachPaper(store.db, SYSTEM_ACTOR, itemId, { title: 'Valuation report', kind: 'report', fileName: 'v1.pdf', bytes: await pdfWithText(['Wallaby valuation is 3.3m']), pageCount: 1 });
    // The item is made non-exempt, and a redacted version replaces the paper.
    await store.db.updateTable('agenda_item').set({ exempt: 0, exempt_paragraphs: '' }).where('id', '=', itemId).execute();
    await attachPaper(store.db, SYSTEM_ACTOR, itemId, { title: 'Valuation report', kind: 'report', fileName: 'v2.pdf', bytes: await pdfWithText(['Valuation redacted']), pageCount: 1, replacesDocumentId: v1.documentId });
    const { slug } = await store.db.selectFrom('document').select('slug').where('id', '=', v1.documentId).executeTakeFirstOrThrow();

    const current = await a.inject(`/documents/${slug}.pdf`);
    expect(current.statusCode).toBe(200);
    expect(pdfText(current.rawPayload)).toContain('Valuation redacted');
    for (const url of [`/documents/${slug}/v1.pdf`, `/documents/${slug}/v1`, `/api/v1/documents/${slug}/versions/1/file`, `/api/v1/documents/${slug}/versions/1`]) {
      const res = await a.inject(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.body, url).not.toContain('Wallaby');
    }
    const docPage = await a.inject(`/documents/${slug}`);
    expect(docPage.statusCode).toBe(200);
    expect(docPage.body).not.toMatch(new RegExp(`/documents/${slug}/v1`));
    const apiDoc = JSON.parse((await a.inject(`/api/v1/documents/${slug}`)).body);
    expect(apiDoc.versions.map((v: { version: number }) => v.version)).toEqual([2]);
    // The councillor on the body still reads v1.
    const cllr = await a.inject({ url: `/api/v1/documents/${slug}/versions/1/file`, headers: bearer(c.users.councillorA.token) });
    expect(cllr.statusCode).toBe(200);
    expect(pdfText(cllr.rawPayload)).toContain('Wallaby');
    const other = await a.inject({ url: `/documents/${slug}/v1.pdf`, headers: bearer(c.users.councillorB.token) });
    expect(other.statusCode).toBe(403);
  });

  it('2: an exempt paper added through the API keeps v1 exempt when an unrestricted v2 is uploaded', async (ctx) => {
    const a = await setup(ctx);
    const m = await createMeeting(store.db, SYSTEM_ACTOR, {
      bodyId: c.alpha.id, date: '2024-07-18', status: 'agenda-published',
      sections: [{ letter: 'A', title: 'Business', items: [{ code: 'A1', title: 'Open item' }] }],
    });
    const d = await addDocument(store.db, SYSTEM_ACTOR, { meetingId: m.id, agendaItemId: m.items[0].id, kind: 'appendix', title: 'Appendix B', classification: 'exempt', exemptParagraphs: [1],
      file: { bytes: await pdfWithText(['Wombat salary 77k']), fileName: 'b.pdf', contentType: 'application/pdf', pageCount: 1 } });
    expect((await a.inject(`/documents/${d.slug}.pdf`)).statusCode).toBe(403);
    await attachPaper(store.db, SYSTEM_ACTOR, m.items[0].id, { title: 'Appendix B (redacted)', kind: 'appendix', fileName: 'b2.pdf', bytes: await pdfWithText(['Salary redacted']), pageCount: 1, replacesDocumentId: d.id });
    expect((await a.inject(`/documents/${d.slug}.pdf`)).statusCode).toBe(200);
    expect((await a.inject(`/documents/${d.slug}/v1.pdf`)).statusCode).toBe(403);
  });

  for (const status of ['cancelled', 'postponed'] as const) {
    it(`4: a ${status} meeting whose agenda was never published shows no draft agenda, items, papers or sitemap entries`, async (ctx) => {
      const a = await setup(ctx);
      const m = await createMeeting(store.db, SYSTEM_ACTOR, {
        bodyId: c.alpha.id, date: status === 'cancelled' ? '2024-08-01' : '2024-08-02',
        sections: [{ letter: 'A', title: 'Business', items: [{ code: 'A1', title: 'Emu draft proposal', purpose: 'Emu purpose' }] }],
      });
      const d = await addDocument(store.db, SYSTEM_ACTOR, { meetingId: m.id, agendaItemId: m.items[0].id, kind: 'report', title: 'Koala draft report', classification: 'unrestricted',
        file: { bytes: await pdfWithText(['Koala text']), fileName: 'k.pdf', contentType: 'application/pdf', pageCount: 1 }, pages: ['Koala text'] });
      await setMeetingStatus(store.db, SYSTEM_ACTOR, m.id, status, 'Not quorate');
      await rebuildSearchIndex(store);
      const page = await a.inject(`/meetings/${m.slug}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toMatch(/Emu|Koala/);
      expect((await a.inject(`/meetings/${m.slug}/items/A1`)).statusCode).toBe(404);
      expect((await a.inject(`/documents/${d.slug}`)).statusCode).toBe(404);
      expect((await a.inject(`/documents/${d.slug}.pdf`)).statusCode).toBe(404);
      expect((await a.inject(`/api/v1/meetings/${m.slug}`)).body).not.toMatch(/Emu|Koala/);
      const sitemap = (await a.inject('/sitemap.xml')).body;
      expect(sitemap).toContain(`/meetings/${m.slug}<`);
      expect(sitemap).not.toContain(`/meetings/${m.slug}/items/`);
      expect(sitemap).not.toContain(d.slug);
      expect((await a.inject('/search?q=Koala')).body).not.toContain('Koala draft');
      // Democratic Services still see the draft.
      expect((await a.inject({ url: `/meetings/${m.slug}`, headers: bearer(c.users.clerk.token) })).body).toContain('Emu draft proposal');
    });
  }

  it('5: moot reindex keeps items and papers of unpublished agendas out of public search', async (ctx) => {
    const a = await setup(ctx);
    const m = await createMeeting(store.db, SYSTEM_ACTOR, {
      bodyId: c.alpha.id, date: '2024-09-01',
      sections: [{ letter: 'A', title: 'Business', items: [{ code: 'A1', title: 'Platypus sanctuary proposal', purpose: 'Platypus purpose' }] }],
    });
    await addDocument(store.db, SYSTEM_ACTOR, { meetingId: m.id, agendaItemId: m.items[0].id, kind: 'report', title: 'Echidna report', classification: 'unrestricted',
      file: { bytes: await pdfWithText(['Echidna text']), fileName: 'e.pdf', contentType: 'application/pdf', pageCount: 1 }, pages: ['Echidna numbers rising'] });
    await rebuildSearchIndex(store);
    for (const q of ['Platypus', 'Echidna']) {
      expect((await a.inject(`/search?q=${q}`)).body, q).not.toMatch(new RegExp(`${q} (sanctuary|report|numbers)`));
      const api = JSON.parse((await a.inject(`/api/v1/search?q=${q}`)).body);
      expect(api.total ?? api.results?.length ?? 0, q).toBe(0);
    }
  });
});
