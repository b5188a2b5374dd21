// The exempt-information proof: over the demonstration council (and packs with a confidential version), collect
// the confidential text of every exempt paper, item and minute in the store, then visit EVERY public URL as the
// public — the sitemap, feeds (iCalendar, Atom, RSS, search feeds), every body, meeting, item, document, person, decision and year, every calendar
// month, every link found on those pages, and a search for each confidential word — and assert that no
// confidential phrase appears in any response body or header, and that exempt papers and packs refuse.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIDENTIAL_MARKERS } from '../../../src/demo/index.js';
import { parseJson } from '../../../src/store/json.js';
import { paperExempt } from '../../../src/domain/visibility.js';
import { createSqliteTestStore, type TestStore } from '../../helpers/stores.js';
import { buildPortal, loadPortalData, type PortalFixture } from './setup.js';

const SHINGLE = 4;

function words(text: string): string[] {
  return text.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .toLowerCase().split(/[^a-z0-9£/,.'-]+/).map((w) => w.replace(/^[,.'-]+|[,.'-]+$/g, '')).filter(Boolean);
}

// A run of words never spans two blocks of a page (a search result's snippet and the page numbers after it, say): the
// end of one paragraph and the start of the next are not a phrase anyone wrote. Inline markup (a snippet's <mark>)
// does not break a run.
const BLOCK = /<\/?(?:p|li|ul|ol|nav|div|td|th|tr|table|h[1-6]|dt|dd|dl|section|article|header|footer|br|hr|title|summary)\b[^>]*>/gi;

function shingles(text: string, into = new Set<string>()): Set<string> {
  for (const block of text.split(BLOCK)) {
    const w = words(block);
    for (let i = 0; i + SHINGLE <= w.length; i++) into.add(w.slice(i, i + SHINGLE).join(' '));
  }
  return into;
}

/** A run of words that says something: it holds a number, an amount or a name, not just connecting words. */
const distinctive = (s: string) => /\d/.test(s) || s.split(' ').filter((w) => w.length > 3).length >= 3;

describe('exempt information never reaches the public', () => {
  let ts: TestStore;
  let app: FastifyInstance;
  let fx: PortalFixture;
  let confidential: Set<string>;
  const responses = new Map<string, { status: number; body: string; headers: string }>();

  beforeAll(async () => {
    ts = await createSqliteTestStore();
    fx = await loadPortalData(ts.store);
    app = await buildPortal(ts.store, { searchRateLimitPerMinute: 1_000_000 });
    const db = ts.store.db;
    // Confidential text: exempt papers' pages and structure, exempt minutes, exempt items' detail, exempt decisions.
    const docs = await db.selectFrom('document').innerJoin('document_version', 'document_version.document_id', 'document.id')
      .leftJoin('agenda_item', 'agenda_item.id', 'document.agenda_item_id')
      .select(['document.classification', 'document.kind', 'agenda_item.exempt as item_exempt', 'document_version.pages_json', 'document_version.structured_json']).execute();
    const minutes = await db.selectFrom('minute').leftJoin('agenda_item', 'agenda_item.id', 'minute.agenda_item_id')
      .select(['minute.exempt', 'agenda_item.exempt as item_exempt', 'minute.paragraphs_json', 'minute.resolutions_json', 'minute.post_meeting_note', 'minute.title']).execute();
    const items = await db.selectFrom('agenda_item').select(['exempt', 'title', 'purpose', 'presenters_json', 'guests_json', 'public_interest_reason']).execute();
    const decisions = await db.selectFrom('decision').selectAll().execute();
    // Public text the pages also show: people, contacts, bodies, and the search index's public entries (snippets).
    const people = await db.selectFrom('person').selectAll().execute();
    const meetings = await db.selectFrom('meeting').select(['contacts_json', 'venue']).execute();
    const bodies = await db.selectFrom('body').select(['name', 'purpose']).execute();
    const entries = await db.selectFrom('search_entry').select(['title', 'body']).where('exempt', '=', 0).execute();
    const attendance = await db.selectFrom('attendance').select(['name_as_recorded', 'role']).execute();
    // The forward plan names the matter of every key decision, a private one included (2012 Regulations, regs 9
    // and 5): its title is public by law even when the decision itself is exempt.
    const planned = await db.selectFrom('forward_plan_entry').select(['title']).execute();
    const secret: string[] = [];
    const open: string[] = [];
    for (const d of docs) {
      const text = parseJson<string[]>(d.pages_json, []).join('\n') + '\n' + (d.structured_json ?? '');
      (paperExempt({ classification: d.classification, kind: d.kind, itemExempt: !!d.item_exempt }) ? secret : open).push(text);
    }
    for (const m of minutes) {
      const text = [m.paragraphs_json, m.resolutions_json, m.post_meeting_note ?? ''].join('\n');
      (m.exempt || m.item_exempt ? secret : open).push(text);
      open.push(m.title);
    }
    for (const i of items) {
      open.push(i.title);
      (i.exempt ? secret : open).push([i.purpose ?? '', i.presenters_json, i.guests_json].join('\n'));
      open.push(i.public_interest_reason ?? '');
    }
    for (const d of decisions) (d.classification === 'exempt' ? secret : open).push([d.subject, d.decision_text, d.reasons, d.alternatives].join('\n'));
    for (const p of people) open.push(Object.values(p).join(' '), `Title: ${p.job_title ?? ''}`);
    for (const m of meetings) open.push(m.contacts_json, m.venue ?? '');
    for (const b of bodies) open.push(b.name, b.purpose ?? '');
    for (const e of entries) open.push(e.title, e.body);
    for (const a of attendance) open.push(`${a.name_as_recorded} (${a.role ?? ''})`);
    for (const f of planned) open.push(f.title);
    // The service's own wording (the notice on a refused paper, the accessibility statement) is public too.
    for (const u of ['/documents/award-of-the-highways-term-maintenance-contract', '/accessibility']) open.push((await app.inject(u)).body);
    // What is also said in public (titles, boilerplate, the same words in an open paper) is not a secret.
    const publicShingles = new Set<string>();
    for (const t of open) shingles(t, publicShingles);
    confidential = new Set([...shingles(secret.join('\n\n'))].filter((s) => !publicShingles.has(s) && distinctive(s)));
    for (const marker of [...CONFIDENTIAL_MARKERS, fx.confidentialPackText]) confidential.add(marker.toLowerCase());
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await ts?.cleanup();
  });

  async function visit(url: string): Promise<void> {
    if (responses.has(url)) return;
    const res = await app.inject(url);
    let body = /^(text|application\/(xml|json|atom\+xml|rss\+xml))/.test(String(res.headers['content-type'] ?? '')) ? res.body : '';
    // A search feed or alert form names the search it follows (title, links): the asker's own words, not a leak.
    if (url.startsWith('/search/feed') || url.startsWith('/alerts')) {
      const q = new URL(url, 'http://x').searchParams.get('q') ?? '';
      const esc = q.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      for (const form of [encodeURIComponent(q), new URLSearchParams({ q }).toString().slice(2), esc, q]) if (form) body = body.split(form).join(' ');
    }
    // The search page repeats what was asked (the box, the title, the canonical and feed links): that is not a leak.
    if (url.startsWith('/search')) body = body.replace(/<title>[\s\S]*?<\/title>/, '').replace(/<link rel="canonical"[^>]*>/, '').replace(/<link rel="alternate"[^>]*>/g, '').replace(/<p class="govuk-body-s moot-no-print">Follow this page[\s\S]*?<\/p>/, '').replace(/(id="q" name="q" type="search" spellcheck="false") value="[^"]*"/, "$1");
    responses.set(url, { status: res.statusCode, body, headers: JSON.stringify(res.headers) });
  }

  it('finds confidential text to look for', () => {
    expect(confidential.size).toBeGreaterThan(50);
    expect([...confidential].some((s) => s.includes('harrowden civils ltd'))).toBe(true);
  });

  it('crawls every public route and finds no confidential phrase in any body or header', async () => {
    const db = ts.store.db;
    const seeds = ['/', '/bodies', '/people', '/decisions', '/archive', '/calendar', '/meetings', '/search', '/accessibility', '/sitemap.xml', '/robots.txt', '/calendar.ics'];
    const [bodies, meetings, items, documents, people, decisions] = await Promise.all([
      db.selectFrom('body').select('slug').execute(),
      db.selectFrom('meeting').select(['slug', 'date']).execute(),
      db.selectFrom('agenda_item').innerJoin('meeting', 'meeting.id', 'agenda_item.meeting_id').select(['meeting.slug', 'agenda_item.code']).execute(),
      db.selectFrom('document').select(['slug', 'current_version']).execute(),
      db.selectFrom('person').select('slug').execute(),
      db.selectFrom('decision').select('slug').execute(),
    ]);
    seeds.push('/meetings/feed.atom', '/meetings/feed.rss', '/decisions/feed.atom', '/decisions/feed.rss?key=yes', '/alerts', '/alerts/privacy', '/alerts?decisions=key', '/alerts?body=cabinet');
    for (const b of bodies) seeds.push(`/bodies/${b.slug}`, `/bodies/${b.slug}/calendar.ics`, `/calendar?body=${b.slug}&view=list`, `/bodies/${b.slug}/feed.atom`, `/bodies/${b.slug}/feed.rss`);
    for (const m of meetings) {
      seeds.push(`/meetings/${m.slug}`, `/meetings/${m.slug}/pack.pdf`, `/meetings/${m.slug}/supplementary-pack.pdf`, `/meetings/${m.slug}/minutes.pdf`);
      seeds.push(`/calendar?month=${m.date.slice(0, 7)}`, `/calendar?month=${m.date.slice(0, 7)}&view=list`, `/archive/${m.date.slice(0, 4)}`);
    }
    for (const i of items) seeds.push(`/meetings/${i.slug}/items/${encodeURIComponent(i.code)}`);
    for (const d of documents) {
      seeds.push(`/documents/${d.slug}`);
      for (let v = 1; v <= d.current_version; v++) seeds.push(`/documents/${d.slug}/v${v}`);
    }
    for (const p of people) seeds.push(`/people/${p.slug}`, `/people/${p.slug}/feed.atom`);
    for (const d of decisions) seeds.push(`/decisions/${d.slug}`);
    // Search for every confidential name and number, in every type, first and second page.
    const terms = new Set<string>();
    for (const phrase of confidential) for (const w of phrase.split(' ')) if (/[a-z]{5,}|\d{3,}/.test(w)) terms.add(w.replace(/[£,]/g, ''));
    for (const m of CONFIDENTIAL_MARKERS) terms.add(`"${m}"`);
    for (const t of [...terms].slice(0, 300)) seeds.push(`/search?q=${encodeURIComponent(t)}`, `/search?q=${encodeURIComponent(t)}&type=page`);
    for (const t of [...terms].slice(0, 100)) seeds.push(`/search/feed.atom?q=${encodeURIComponent(t)}`);
    for (const u of seeds) await visit(u);
    // Then every link on every page, until nothing new turns up.
    const sitemap = responses.get('/sitemap.xml')!.body;
    const queue = [...sitemap.matchAll(/<loc>http:\/\/localhost:80([^<]+)<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    for (const r of responses.values()) for (const m of r.body.matchAll(/href="(\/[^"#]*)/g)) queue.push(m[1].replace(/&amp;/g, '&'));
    while (queue.length && responses.size < 20_000) {
      const u = queue.shift()!;
      if (responses.has(u) || u.startsWith('/assets/') || u.startsWith('/govuk/') || u.startsWith('/static/')) continue;
      // Feeds (each body's, each person's, searches') and alert forms are seeded above; following every link to them again would only repeat them.
      if (/\/feed\.(atom|rss)|\.ics$/.test(u) || u.startsWith('/alerts')) continue;
      await visit(u);
      for (const m of responses.get(u)!.body.matchAll(/href="(\/[^"#]*)/g)) if (!responses.has(m[1])) queue.push(m[1].replace(/&amp;/g, '&'));
    }
    expect(responses.size).toBeGreaterThan(1000);

    const leaks: string[] = [];
    for (const [url, r] of responses) {
      const found = shingles(r.body + '\n' + r.headers);
      const lower = (r.body + r.headers).toLowerCase();
      for (const phrase of confidential) {
        if (found.has(phrase) || (!phrase.includes(' ') || phrase.length > 12 ? lower.includes(phrase) && !phrase.includes(' ') : false)) leaks.push(`${url}: "${phrase}"`);
      }
      for (const marker of [...CONFIDENTIAL_MARKERS, fx.confidentialPackText]) if (r.body.includes(marker) || r.headers.includes(marker)) leaks.push(`${url}: "${marker}"`);
      if (r.status >= 500) leaks.push(`${url}: status ${r.status}`);
    }
    expect(leaks.slice(0, 30)).toEqual([]);
  }, 1_200_000);

  it('refuses exempt papers, their PDFs and the confidential packs', async () => {
    const db = ts.store.db;
    const docs = await db.selectFrom('document').leftJoin('agenda_item', 'agenda_item.id', 'document.agenda_item_id')
      .select(['document.slug', 'document.kind', 'document.classification', 'agenda_item.exempt']).execute();
    const exempt = docs.filter((d) => paperExempt({ classification: d.classification, kind: d.kind, itemExempt: !!d.exempt }));
    expect(exempt.length).toBeGreaterThan(0);
    for (const d of exempt) {
      for (const u of [`/documents/${d.slug}`, `/documents/${d.slug}.pdf`, `/documents/${d.slug}/v1`, `/documents/${d.slug}/v1.pdf`]) {
        expect((await app.inject(u)).statusCode, u).toBe(403);
      }
    }
    const res = await app.inject(`/meetings/${fx.heldMeeting.slug}/pack-confidential-v1.pdf`);
    expect(res.statusCode).toBe(403);
    const sitemap = (await app.inject('/sitemap.xml')).body;
    for (const d of exempt) expect(sitemap).not.toContain(`/documents/${d.slug}<`);
  });
});
