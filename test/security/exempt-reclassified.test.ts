// What the property test (exempt-property.test.ts) found, pinned as reproductions on SQLite and PostgreSQL:
//   P1 an item made exempt after its agenda was published stayed readable in the public pack (every version);
//   P2 search kept the item's content as open after it was made exempt (the index was not told);
//   P3 a published decision named the item and meeting of an agenda that was never published;
//   P4 the yearly zip of PDFs (Open data page, `moot export bulk --with-pdfs`) held a public pack withheld since.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { describe, expect, it, type TestContext } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { bulkPdfZip } from '../../src/services/open-data.js';
import { publishAgenda } from '../../src/services/publication/publish.js';
import type { Store } from '../../src/store/db.js';
import { createDecision } from '../../src/store/decisions.js';
import { addDocument } from '../../src/store/documents.js';
import { createMeeting } from '../../src/store/meetings.js';
import { loadAgenda, updateItem } from '../../src/store/workspace/agenda.js';
import { pdfWithText, type Council } from '../api/fixture.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { usePortalCouncil } from './portal-council.js';
import { pdfText } from '../helpers/pdf-text.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.each(STORE_KINDS)('reclassification after publication on %s', (kind) => {
  const council = usePortalCouncil(kind);
  let app: FastifyInstance;
  let c: Council;
  let store: Store;
  async function setup(ctx: TestContext) {
    ({ app, c, store } = await council(ctx));
    return app;
  }

  /** A published meeting with one open item, its paper and purpose holding marker words. */
  async function published(date: string, words: { purpose: string; paper: string }) {
    const m = await createMeeting(store.db, SYSTEM_ACTOR, {
      bodyId: c.alpha.id, date, time: '10:00',
      sections: [{ letter: 'A', title: 'Business', items: [{ code: 'A1', title: 'Depot site', purpose: `To consider the ${words.purpose} offer` }] }],
    });
    await addDocument(store.db, SYSTEM_ACTOR, { meetingId: m.id, agendaItemId: m.items[0].id, kind: 'report', title: 'Depot site report', classification: 'unrestricted',
      file: { bytes: await pdfWithText([`The ${words.paper} valuation`]), fileName: 'depot.pdf', contentType: 'application/pdf', pageCount: 1 }, pages: [`The ${words.paper} valuation`] });
    await publishAgenda(store, SYSTEM_ACTOR, m.slug, { publishedOn: '2024-06-01', lateReason: 'test' });
    return m;
  }

  /** The clerk makes the meeting's item exempt (the workspace's writer, which withholds the public packs). */
  async function makeExempt(meetingId: number) {
    const [section] = await loadAgenda(store.db, meetingId);
    const item = section.items[0];
    await updateItem(store.db, SYSTEM_ACTOR, item.id, {
      sectionId: section.id, title: item.title, purpose: item.purpose, presenters: [], toFollow: false, urgentReason: null,
      exempt: true, exemptParagraphs: [3], publicInterestReason: 'Commercial negotiations',
    });
  }

  async function publishedThenExempt(date: string, words: { purpose: string; paper: string }) {
    const m = await published(date, words);
    await makeExempt(m.id);
    return m;
  }

  it('P1: the public packs published before an item was made exempt are withheld from the public until republished', async (ctx) => {
    const a = await setup(ctx);
    const m = await publishedThenExempt('2024-07-01', { purpose: 'Gazelle', paper: 'Impala' });
    for (const file of ['pack.pdf', 'pack-v1.pdf', 'frontsheet.pdf']) {
      const res = await a.inject(`/meetings/${m.slug}/${file}`);
      expect(res.statusCode, file).toBe(403);
      expect(res.body, file).not.toMatch(/Gazelle|Impala/);
      expect(res.headers['cache-control'], file).toBe('private, no-store');
    }
    const page = await a.inject(`/meetings/${m.slug}`);
    expect(page.body).not.toContain('pack.pdf');
    // Those entitled still read what was published.
    const cllr = await a.inject({ url: `/meetings/${m.slug}/pack.pdf`, headers: bearer(c.users.councillorA.token) });
    expect(cllr.statusCode).toBe(200);
    expect(cllr.headers['cache-control']).toBe('private, no-cache');
    // Republished: the public pack is back, with the item as exempt.
    await publishAgenda(store, SYSTEM_ACTOR, m.slug, { publishedOn: '2024-06-01', lateReason: 'test' });
    const again = await a.inject(`/meetings/${m.slug}/pack.pdf`);
    expect(again.statusCode).toBe(200);
    const text = pdfText(again.rawPayload);
    expect(text).toContain('Depot site');
    expect(text).not.toMatch(/Gazelle|Impala/);
    expect((await a.inject(`/meetings/${m.slug}/pack-v1.pdf`)).statusCode).toBe(403);
    const audit = await store.db.selectFrom('audit_log').select('summary').where('action', '=', 'withhold').where('entity_id', '=', String(m.id)).execute();
    expect(audit.map((r) => r.summary).join()).toMatch(/item A1 was made exempt/);
  });

  it('P2: search forgets an item\'s content as open once the item is made exempt', async (ctx) => {
    const a = await setup(ctx);
    await publishedThenExempt('2024-07-02', { purpose: 'Springbok', paper: 'Oryx' });
    for (const q of ['Springbok', 'Oryx']) {
      expect((await a.inject(`/search?q=${q.toUpperCase()}`)).body, q).not.toContain(q);
      const api = JSON.parse((await a.inject(`/api/v1/search?q=${q}`)).body);
      expect(api.total ?? api.results?.length ?? 0, q).toBe(0);
    }
    const cllr = JSON.parse((await a.inject({ url: '/api/v1/search?q=Springbok', headers: bearer(c.users.councillorA.token) })).body);
    expect(cllr.total ?? cllr.results?.length).toBeGreaterThan(0);
  });

  it('P3: a published decision does not name the item of an agenda that was never published', async (ctx) => {
    const a = await setup(ctx);
    const m = await createMeeting(store.db, SYSTEM_ACTOR, {
      bodyId: c.alpha.id, date: '2024-07-03', sections: [{ letter: 'A', title: 'Business', items: [{ code: 'A1', title: 'Warthog draft scheme' }] }],
    });
    const d = await createDecision(store.db, SYSTEM_ACTOR, { takerKind: 'body', takerName: 'Alpha Cabinet Committee', takerBodyId: c.alpha.id, meetingId: m.id,
      agendaItemId: m.items[0].id, takenOn: '2024-07-03', subject: 'Road scheme', text: 'Agreed.', status: 'published', publishedOn: '2024-07-04' });
    const { slug } = await store.db.selectFrom('decision').select('slug').where('id', '=', d.id).executeTakeFirstOrThrow();
    for (const url of [`/decisions/${slug}`, `/api/v1/decisions/${slug}`]) {
      const res = await a.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('Road scheme');
      expect(res.body, url).not.toContain('Warthog');
    }
    expect((await a.inject({ url: `/api/v1/decisions/${slug}`, headers: bearer(c.users.clerk.token) })).body).toContain('Warthog');
  });

  describe('P4: the yearly zip of PDFs', () => {
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    /** Each file of a zip with its SHA-256 and (for a PDF) its text. */
    const contents = (zip: Uint8Array) => Object.entries(unzipSync(zip)).map(([name, bytes]) => ({
      name, sha256: sha(bytes), text: name.endsWith('.pdf') ? pdfText(bytes) : new TextDecoder().decode(bytes),
    }));
    const publicPacks = async (meetingId: number) => (await store.db.selectFrom('publication').select('sha256')
      .where('meeting_id', '=', meetingId).where('audience', '=', 'public').execute()).map((p) => p.sha256);
    const viaPage = async (a: FastifyInstance) => {
      const res = await a.inject('/open-data/pdfs-2024.zip');
      expect(res.statusCode).toBe(200);
      return contents(new Uint8Array(res.rawPayload));
    };
    const viaExport = async () => {
      const { chunks } = await bulkPdfZip(store, { baseUrl: 'https://democracy.example.gov.uk', year: 2024 });
      const parts: Uint8Array[] = [];
      for await (const c of chunks) parts.push(c);
      return contents(new Uint8Array(Buffer.concat(parts)));
    };

    it('holds a pack while it is public, and never once an item in it was made exempt: by SHA-256 and by text', async (ctx) => {
      const a = await setup(ctx);
      const m = await published('2024-07-05', { purpose: 'Kudu', paper: 'Eland' });
      const packs = await publicPacks(m.id);
      expect(packs.length).toBeGreaterThan(0);
      // While public, the zip holds the pack and the paper (so the checks below can fail).
      for (const files of [await viaPage(a), await viaExport()]) {
        expect(files.some((f) => packs.includes(f.sha256))).toBe(true);
        expect(files.map((f) => f.text).join('\n')).toMatch(/Kudu/);
        expect(files.map((f) => f.text).join('\n')).toMatch(/Eland/);
      }
      await makeExempt(m.id);
      for (const files of [await viaPage(a), await viaExport()]) {
        expect(files.length).toBeGreaterThan(1);
        for (const f of files) {
          expect(packs, f.name).not.toContain(f.sha256);
          expect(f.text, f.name).not.toMatch(/Kudu|Eland/);
          if (f.name === 'SHA256SUMS') for (const p of packs) expect(f.text).not.toContain(p);
        }
      }
    });

    it('leaves out a pack withheld while the zip is being sent', async (ctx) => {
      await setup(ctx);
      // An earlier meeting's packs come first in the zip, so the stream has begun before this one's are reached.
      await published('2024-07-06', { purpose: 'Nyala', paper: 'Bongo' });
      const m = await published('2024-07-07', { purpose: 'Okapi', paper: 'Dikdik' });
      const packs = await publicPacks(m.id);
      const { chunks } = await bulkPdfZip(store, { baseUrl: 'https://democracy.example.gov.uk', year: 2024 });
      const parts: Uint8Array[] = [];
      const first = await chunks.next();
      parts.push(first.value as Uint8Array);
      await makeExempt(m.id);
      for await (const c of chunks) parts.push(c);
      const files = contents(new Uint8Array(Buffer.concat(parts)));
      expect(files.map((f) => f.text).join('\n')).toMatch(/Nyala/);
      for (const f of files) {
        expect(packs, f.name).not.toContain(f.sha256);
        expect(f.text, f.name).not.toMatch(/Okapi|Dikdik/);
      }
    });
  });
});
