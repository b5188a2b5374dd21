// Every public page type over real data (the demonstration council plus packs, versions and an imported meeting),
// on both databases: status, content, conventions (canonical links, JSON-LD, ETags, cache headers, feeds).
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { buildPortal, loadPortalData, TODAY, type PortalFixture } from './setup.js';
import { readMeetingPage } from '../../../src/store/read/meeting-page.js';
import type { Viewer } from '../../../src/domain/policy.js';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { recordAudit } from '../../../src/store/audit.js';
import { PUBLIC_DECISION_STATUSES } from '../../../src/domain/visibility.js';

describe.each(STORE_KINDS)('public portal on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | null = null;
  let fx: PortalFixture;
  let ready = false;

  async function setup(c: Parameters<typeof get>[0]) {
    const t = get(c);
    if (!ready) {
      fx = await loadPortalData(t.store);
      app = await buildPortal(t.store);
      ready = true;
    }
    return { t, app: app!, fx };
  }
  afterAll(async () => {
    await app?.close();
  });

  const page = async (a: FastifyInstance, url: string, status = 200) => {
    const res = await a.inject(url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(status);
    return res;
  };

  // The first test loads the demo council (its packs and printed minutes built as a clerk's are).
  it('home shows upcoming meetings, latest decisions and a search box', { timeout: 300_000 }, async (c) => {
    const { app } = await setup(c);
    const res = await page(app, '/');
    expect(res.body).toContain('Upcoming meetings');
    expect(res.body).toContain('Latest decisions');
    expect(res.body).toMatch(/<form action="\/search" method="get" role="search"/);
    expect(res.body).toMatch(/href="\/decisions\/\d\d-\d{5}"/);
  });

  it('an upcoming meeting says how to attend or watch and offers Add to calendar; a held one does not', { timeout: 300_000 }, async (c) => {
    const { app, fx, t } = await setup(c);
    const next = await t.store.db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id').select(['meeting.slug', 'meeting.time'])
      .where('meeting.date', '>', TODAY).where('meeting.status', 'in', ['scheduled', 'agenda-published']).where('body.slug', '=', 'cabinet').orderBy('meeting.date').limit(1).executeTakeFirstOrThrow();
    const html = (await page(app, `/meetings/${next.slug}`)).body;
    expect(html).toMatch(new RegExp(`<a class="govuk-button govuk-button--secondary[^"]*" href="/meetings/${next.slug}/calendar.ics" download>Add to calendar`));
    expect(html).toContain('<h2 class="govuk-heading-m" id="attend">Attend or watch</h2>');
    expect(html).toContain('The meeting is open to the public');
    expect(html).toMatch(/<span class="moot-h1-date">\w+day \d{1,2} \w+ \d{4}, \d{1,2}(:\d\d)?(am|pm)<\/span>/);
    const ics = await page(app, `/meetings/${next.slug}/calendar.ics`);
    expect(ics.headers['content-type']).toMatch(/text\/calendar/);
    expect(ics.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    const held = (await page(app, `/meetings/${fx.heldMeeting.slug}`)).body;
    expect(held).not.toContain('Attend or watch');
    expect(held).not.toContain('>Add to calendar');
  });

  it('bodies by kind, and a body with seats by group, chairman, vacancies and meetings', { timeout: 300_000 }, async (c) => {
    const { app } = await setup(c);
    const list = await page(app, '/bodies');
    expect(list.body).toContain('Cabinet Committee');
    expect(list.body).toContain('href="/bodies/cabinet"');
    const body = await page(app, '/bodies/cabinet');
    expect(body.body).toContain('Seats by political group');
    // The executive is led by the Leader, not a Chairman; other committees keep their Chairman.
    expect(body.body).toMatch(/<dt class="govuk-summary-list__key">\s*Leader\s*<\/dt>/);
    expect(body.body).not.toMatch(/\(Chairman\)/);
    expect(body.body).toContain('Upcoming meetings');
    expect(body.body).toMatch(/href="\/meetings\/2012-\d\d-\d\d-cabinet"/);
    const scrutiny = await page(app, '/bodies/scrutiny-committee');
    expect(scrutiny.body).toMatch(/\(\d+\)<\/h3>/);
    expect(scrutiny.body).toMatch(/<dt class="govuk-summary-list__key">\s*Chairman\s*<\/dt>/);
    await page(app, '/bodies/no-such-committee', 404);
  });

  it('a held meeting: details, agenda with page ranges into the pack, packs and versions, attendance, minutes, decisions, JSON-LD', async (c) => {
    const { app, fx } = await setup(c);
    const res = await page(app, `/meetings/${fx.heldMeeting.slug}`);
    const html = res.body;
    expect(html).toContain(`<link rel="canonical" href="http://localhost:80/meetings/${fx.heldMeeting.slug}">`);
    expect(html).toMatch(/<script type="application\/ld\+json" nonce="[^"]+">\{"@context":"https:\/\/schema.org","@type":"Event"/);
    const ld = JSON.parse(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s.exec(html)![1]);
    expect(ld.startDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00$/);
    for (const heading of ['Agenda', 'Attendance', 'Declarations of interest', 'Minutes', 'Decisions', 'Documents']) expect(html).toContain(`>${heading}</h2>`);
    expect(html).toContain(`href="/meetings/${fx.heldMeeting.slug}/pack.pdf"`);
    expect(html).toContain(`href="/meetings/${fx.heldMeeting.slug}/pack.pdf#page=3"`);
    expect(html).toContain(`href="/meetings/${fx.heldMeeting.slug}/pack-v1.pdf"`); // earlier version
    expect(html).toContain(`href="/meetings/${fx.heldMeeting.slug}/supplementary-pack.pdf"`);
    expect(html).not.toContain('pack-confidential'); // the public do not see the confidential pack
    expect(html).toContain('Exempt</strong> <span class="moot-meta">under paragraph');
    expect(html).not.toContain('Exempt: paragraph');
    expect(html).toContain('of Part 1 of Schedule 12A');
    expect(html).toMatch(/\(Pages \d+ - \d+\)/);
    expect(html).toMatch(/Present<\/h3>/);
    // The pack downloads are real PDFs; the confidential pack is refused.
    const pdf = await page(app, `/meetings/${fx.heldMeeting.slug}/pack.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    await page(app, `/meetings/${fx.heldMeeting.slug}/pack-v1.pdf`);
    await page(app, `/meetings/${fx.heldMeeting.slug}/pack-confidential-v1.pdf`, 403);
    await page(app, `/meetings/${fx.heldMeeting.slug}/pack-v9.pdf`, 404);
    await page(app, '/meetings/2099-01-01-nothing', 404);
  });

  it('an upcoming meeting with its agenda not yet published shows no papers', async (c) => {
    const { app, t } = await setup(c);
    const m = await t.store.db.selectFrom('meeting').select('slug').where('status', '=', 'scheduled').limit(1).executeTakeFirstOrThrow();
    const res = await page(app, `/meetings/${m.slug}`);
    expect(res.body).toContain('The agenda has not been published yet');
    expect(res.body).not.toContain('href="/documents/');
  });

  it('an item page, and an exempt item page with title and paragraph only', async (c) => {
    const { app, t, fx } = await setup(c);
    const items = await t.store.db.selectFrom('agenda_item').select(['code', 'exempt', 'title']).where('meeting_id', '=', fx.heldMeeting.id).orderBy('position').execute();
    const open = items.find((i) => !i.exempt && /report|strategy|monitoring|plan/i.test(i.title)) ?? items.find((i) => !i.exempt)!;
    const res = await page(app, `/meetings/${fx.heldMeeting.slug}/items/${encodeURIComponent(open.code)}`);
    expect(res.body).toContain('>Papers</h2>');
    const exempt = items.find((i) => i.exempt)!;
    const ex = await page(app, `/meetings/${fx.heldMeeting.slug}/items/${encodeURIComponent(exempt.code)}`);
    expect(ex.body).toContain('under paragraph');
    expect(ex.body).toContain('There are no papers published for this item.');
    await page(app, `/meetings/${fx.heldMeeting.slug}/items/ZZ99`, 404);
  });

  it('a document: text by page with anchors beside the PDF, earlier versions listed and downloadable', async (c) => {
    const { app, fx } = await setup(c);
    const res = await page(app, `/documents/${fx.correctedDocument}`);
    expect(res.body).toContain('id="page-1"');
    expect(res.body).toContain('The figures in paragraph 3 have been corrected.');
    expect(res.body).toContain(`href="/documents/${fx.correctedDocument}.pdf"`);
    expect(res.body).toContain(`href="/documents/${fx.correctedDocument}/v1.pdf"`);
    expect(res.body).toContain('correction: paragraph 3 figures');
    const v1 = await page(app, `/documents/${fx.correctedDocument}/v1`);
    expect(v1.body).toContain('Earlier version');
    expect(v1.body).toContain('id="page-1"');
    expect(v1.body).not.toContain('The figures in paragraph 3 have been corrected.');
    const file = await page(app, `/documents/${fx.correctedDocument}/v1.pdf`);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    await page(app, `/documents/${fx.correctedDocument}.pdf`);
    await page(app, '/documents/no-such-paper', 404);
  });

  it('a paper whose text was read from a scan by OCR says so, and which pages', async (c) => {
    const { app, fx } = await setup(c);
    const res = await page(app, '/documents/waste-strategy-review-2009');
    expect(res.body).toMatch(/Text read by OCR\.<\/strong> The text of page 2 was read from scanned page images by optical character recognition \(OCR\)\. It may contain errors/);
    expect(res.body).toMatch(/id="page-2-label">Page 2 <span class="moot-meta">\(text read by OCR\)<\/span>/);
    expect(res.body).not.toMatch(/id="page-1-label">Page 1 <span/);
    const other = await page(app, `/documents/${fx.correctedDocument}`);
    expect(other.body).not.toContain('Text read by OCR');
  });

  it('exempt papers and their PDFs are refused to the public', async (c) => {
    const { app, t } = await setup(c);
    const exempt = await t.store.db.selectFrom('document').select('slug').where('classification', '=', 'exempt').execute();
    expect(exempt.length).toBeGreaterThan(0);
    for (const d of exempt) {
      const res = await page(app, `/documents/${d.slug}`, 403);
      expect(res.body).toContain('This document is not available');
      await page(app, `/documents/${d.slug}.pdf`, 403);
      await page(app, `/documents/${d.slug}/v1.pdf`, 403);
    }
  });

  it('a councillor: group, memberships with dates, attendance per body with percentage and meetings, declarations', async (c) => {
    const { app, t } = await setup(c);
    const chair = await t.store.db.selectFrom('membership').innerJoin('person', 'person.id', 'membership.person_id').innerJoin('body', 'body.id', 'membership.body_id')
      .select(['person.slug']).where('membership.role', '=', 'chairman').where('body.slug', '=', 'cabinet').executeTakeFirstOrThrow();
    const res = await page(app, `/people/${chair.slug}`);
    expect(res.body).toContain('Political group');
    expect(res.body).toContain('Committee memberships');
    expect(res.body).toMatch(/\d+%<\/td>/);
    expect(res.body).toMatch(/Meetings of Cabinet \(\d+ of \d+\)/);
    const dir = await page(app, '/people');
    expect(dir.body).toContain(`href="/people/${chair.slug}"`);
    const group = await t.store.db.selectFrom('political_group').select('id').limit(1).executeTakeFirstOrThrow();
    await page(app, `/people?group=${group.id}`);
    await page(app, '/people?group=abc', 400);
    await page(app, '/people/nobody-at-all', 404);
  });

  it('the calendar as a month grid and a list, filtered by body, and iCalendar feeds that follow RFC 5545', async (c) => {
    const { app } = await setup(c);
    const grid = await page(app, '/calendar?month=2012-02');
    expect(grid.body).toContain('February 2012');
    expect(grid.body).toContain('>Monday</th>');
    const list = await page(app, '/calendar?month=2012-02&view=list&body=cabinet');
    expect(list.body).toContain('href="/meetings/2012-02-06-cabinet"');
    expect(list.body).not.toMatch(/href="\/meetings\/2012-02-\d\d-scrutiny-committee"/);
    await page(app, '/calendar?month=2012-13', 400);
    await page(app, '/calendar?body=nope', 400);
    for (const url of ['/calendar.ics', '/bodies/cabinet/calendar.ics']) {
      const ics = await page(app, url);
      expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
      expect(ics.headers['cache-control']).toBe('public, max-age=300');
      const text = ics.body;
      expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
      expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      expect(text).toMatch(/DTSTART;TZID=Europe\/London:\d{8}T\d{6}\r\n/);
      expect((text.match(/BEGIN:VEVENT/g) ?? []).length).toBe((text.match(/END:VEVENT/g) ?? []).length);
      expect(text).toMatch(/UID:meeting-\d+@/);
    }
    await page(app, '/bodies/nope/calendar.ics', 404);
  });

  it('the decisions register with filters and pagination, and a Record of Decision', async (c) => {
    const { app, t } = await setup(c);
    const all = await page(app, '/decisions');
    expect(all.body).toMatch(/\d+ Records of Decision/);
    const key = await page(app, '/decisions?key=yes&taker=Cabinet&status=published&from-day=1&from-month=1&from-year=2012&to-day=31&to-month=12&to-year=2012');
    expect(key.body).toContain('Key');
    await page(app, '/decisions?from-day=31&from-month=2&from-year=2012', 400);
    await page(app, '/decisions?status=draft', 400);
    await page(app, '/decisions?page=0', 400);
    // A decision taken in private (the demo's depot disposal) is a public record with its exempt part left out
    // (2012 Regulations, regs 12-13, 20): the public reads the decision and the paragraph, never the bidder or price.
    const depot = await t.store.db.selectFrom('decision').select('slug').where('subject', '=', 'Disposal of the Former Westgate Depot')
      .where('status', 'in', [...PUBLIC_DECISION_STATUSES]).executeTakeFirst();
    expect(depot, 'the demo decides the depot in private').toBeDefined();
    if (depot) {
      const rec = await page(app, `/decisions/${depot.slug}`);
      expect(rec.body).toContain('declared exempt under paragraph 3 of Part 1 of Schedule 12A');
      expect(rec.body).not.toContain('Harbourside');
    }
    // An unrestricted record of a matter that contained exempt information says so. The demo's first year has none
    // before TODAY (its exempt matters come later in the year), so the fixture marks one published record as such.
    const d = await t.store.db.selectFrom('decision').select(['id', 'slug', 'number', 'subject']).where('classification', '=', 'unrestricted')
      .where('status', '=', 'published').orderBy('id').limit(1).executeTakeFirstOrThrow();
    await t.store.db.updateTable('decision').set({ contains_exempt_information: 1 }).where('id', '=', d.id).execute();
    const res = await page(app, `/decisions/${d.slug}`);
    expect(res.body).toContain(`Record of Decision ${d.number}`);
    expect(res.body).toContain('which was declared exempt');
    // A decision taken at a meeting links it as every page names a meeting: the body and the day ("Monday 7 December 2026").
    const atMeeting = await t.store.db.selectFrom('decision').innerJoin('meeting', 'meeting.id', 'decision.meeting_id').select(['decision.slug', 'meeting.slug as meeting_slug'])
      .where('decision.classification', '=', 'unrestricted').where('decision.status', '=', 'published').orderBy('decision.id').limit(1).executeTakeFirstOrThrow();
    expect((await page(app, `/decisions/${atMeeting.slug}`)).body.replace(/\s+/g, ' '))
      .toMatch(new RegExp(`Meeting </dt> <dd[^>]*> <a class="govuk-link" href="/meetings/${atMeeting.meeting_slug}">[^<]+, (Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \\d{1,2} \\w+ \\d{4}</a>`));
    await page(app, '/decisions/99-99999', 404);
  });

  it('the archive by year; an imported historic meeting reads like any other', async (c) => {
    const { app, fx } = await setup(c);
    const archive = await page(app, '/archive');
    expect(archive.body).toContain('href="/archive/2009"');
    const y = await page(app, '/archive/2009');
    expect(y.body).toContain(`href="/meetings/${fx.historicMeeting.slug}"`);
    const m = await page(app, `/meetings/${fx.historicMeeting.slug}`);
    expect(m.body).toContain('Waste Strategy Review');
    expect(m.body).toContain('(Pages 5 - 12)');
    expect(m.body).toContain('The Cabinet noted the review.');
    expect(m.body).toContain('by Peter Sass, Head of Democratic Services');
    await page(app, '/archive/20x9', 404);
  });

  it('search: ranked hits with highlighted snippets linking to the page of a paper, filters and pagination', async (c) => {
    const { app } = await setup(c);
    // Narrow enough that the one imported paper ranks first whatever the demo's papers say about waste.
    const res = await page(app, '/search?q=%22household+waste%22+recycled+2008&type=page');
    expect(res.body).toContain('href="/documents/waste-strategy-review-2009#page-1"');
    expect(res.body).toMatch(/<mark>[^<]+<\/mark>/);
    const many = await page(app, '/search?q=council');
    expect(many.body).toMatch(/page 1 of \d+/);
    expect(many.body).toContain('class="govuk-pagination');
    const filtered = await page(app, '/search?q=council&type=decision&body=cabinet&from-day=1&from-month=1&from-year=2012');
    expect(filtered.body).toMatch(/<p class="govuk-body-s moot-meta govuk-!-margin-bottom-1">Decision/);
    expect(filtered.body).not.toMatch(/moot-meta govuk-!-margin-bottom-1">Paper/);
    await page(app, '/search?q=x&type=nonsense', 400);
    const empty = await page(app, '/search');
    expect(empty.body).toContain('Search meetings, papers and decisions');
  });

  it('sitemap, robots, accessibility statement', async (c) => {
    const { app, fx } = await setup(c);
    const sm = await page(app, '/sitemap.xml');
    expect(sm.body).toContain(`<loc>http://localhost:80/meetings/${fx.heldMeeting.slug}</loc>`);
    expect(sm.headers['cache-control']).toBe('public, max-age=3600');
    expect((await page(app, '/robots.txt')).body).toContain('Sitemap: http://localhost:80/sitemap.xml');
    expect((await page(app, '/accessibility')).body).toContain('Accessibility statement');
  });

  it('ETags with 304, private caching of pages, and the page cache follows changes to the record', async (c) => {
    const { app, t, fx } = await setup(c);
    const url = `/meetings/${fx.historicMeeting.slug}`;
    const first = await page(app, url);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    const again = await page(app, url);
    expect(again.headers.etag).toBe(etag);
    // A fresh nonce each time, in the header and the page alike.
    const nonce = (h: string) => /nonce="([^"]+)"/.exec(h)![1];
    expect(nonce(again.body)).not.toBe(nonce(first.body));
    expect(String(again.headers['content-security-policy'])).toContain(`'nonce-${nonce(again.body)}'`);
    const notModified = await app.inject({ url, headers: { 'if-none-match': etag } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    // A change to the record, as every writer makes one: the row and its audit entry in one transaction.
    await t.store.db.transaction().execute(async (tx) => {
      await tx.updateTable('meeting').set({ venue: 'Medway Room, County Hall' }).where('id', '=', fx.historicMeeting.id).execute();
      await recordAudit(tx, SYSTEM_ACTOR, { action: 'update', entity: 'meeting', entityId: fx.historicMeeting.id, summary: 'Venue changed' });
    });
    const changed = await page(app, url);
    expect(changed.body).toContain('Medway Room, County Hall');
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('the search route is rate-limited', async (c) => {
    const { t } = await setup(c);
    const limited = await buildPortal(t.store, { searchRateLimitPerMinute: 3 });
    try {
      // An address of its own: on PostgreSQL the counters are shared through the database, and earlier tests in
      // this suite searched from the default inject address within the same minute.
      const from = { remoteAddress: '203.0.113.9' };
      for (let i = 0; i < 3; i++) expect((await limited.inject({ url: '/search?q=budget', ...from })).statusCode).toBe(200);
      const res = await limited.inject({ url: '/search?q=budget', ...from });
      expect(res.statusCode).toBe(429);
      expect(res.body).toContain('Too many requests');
      expect((await limited.inject('/bodies')).statusCode).toBe(200); // other routes are not limited
    } finally {
      await limited.close();
    }
  });

  it('a councillor on the body sees the exempt item in full; the public do not', async (c) => {
    const { t, fx } = await setup(c);
    const meeting = await t.store.db.selectFrom('meeting').select(['body_id']).where('id', '=', fx.heldMeeting.id).executeTakeFirstOrThrow();
    const councillor: Viewer = { kind: 'user', userId: 1, role: 'councillor', personId: null, bodyIds: [meeting.body_id], grantedMeetingIds: [] };
    const outsider: Viewer = { ...councillor, bodyIds: [] };
    const inside = await readMeetingPage(t.store.db, fx.heldMeeting.slug, councillor);
    const outside = await readMeetingPage(t.store.db, fx.heldMeeting.slug, outsider);
    const exemptIn = inside!.items.find((i) => i.exempt)!;
    const exemptOut = outside!.items.find((i) => i.exempt)!;
    expect(exemptIn.restricted).toBe(false);
    expect(exemptIn.papers.length).toBeGreaterThan(0);
    expect(exemptOut.restricted).toBe(true);
    expect(exemptOut.papers).toEqual([]);
    expect(inside!.packs.some((p) => p.audience === 'confidential')).toBe(true);
    expect(outside!.packs.some((p) => p.audience === 'confidential')).toBe(false);
  });
});
