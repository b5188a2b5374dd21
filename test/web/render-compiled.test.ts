// Issue 17: the meeting, body, councillor and decision pages are plain functions (src/web/render). They must write
// what their Nunjucks templates write, byte for byte, and escape everything they are given: names, titles and text
// carrying markup come out as text. Characters above U+00FF are the one difference: the compiled pages write them as
// numeric character references, so that V8 holds a page one byte a character; the text is the same.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { createViewEnvironment, themeUsesCompiledPages } from '../../src/web/plugins/views.js';
import { DEMO_THEME_DIR } from '../../src/web/theme.js';
import { addPortalFilters } from '../../src/web/routes/public/filters.js';
import { COMPILED_PAGES } from '../../src/web/render/pages.js';
import { PLAIN_THEME, type Theme } from '../../src/web/theme.js';
import { esc, scriptJson } from '../../src/web/render/html.js';
import nunjucks from 'nunjucks';

const X = `<script>alert("x")</script> & 'q' \\ </p>`;
const BRANDED: Theme = {
  ...PLAIN_THEME, name: X, website: { text: X, href: 'https://example.org/?a=1&b="2"' }, logo: { file: 'logo<1>.png', alt: X, showName: true },
  favicon: 'fav"icon.png', stylesheet: 'st<y>le.css', headerLinks: [{ text: X, href: '/x?a=1&b=2' }], footerLinks: [{ text: X, href: '/y' }], footerText: X,
};

function layoutContext(theme: Theme, signedIn: boolean, currentPath: string) {
  return {
    councilName: X, serviceName: X, theme, cspNonce: 'n0nce', currentPath, pageTitle: X, canonicalUrl: 'https://example.org/x?a=1&b=2',
    viewer: signedIn ? { kind: 'user', userId: 1, role: 'councillor', personId: 1, bodyIds: [], grantedMeetingIds: [] } : { kind: 'public' },
    areaNavigation: signedIn ? [{ href: '/my', text: X, active: true }, { href: '/account', text: 'Your account', active: false }] : [],
    ...(signedIn ? { account: { displayName: X }, csrfToken: 'tok"en' } : {}),
    breadcrumbs: [{ text: X, href: '/?a=1&b=2' }, { text: X }],
    feeds: [{ type: 'application/atom+xml', title: `${X} (Atom)`, href: '/f.atom?a=1&b=2' }, { type: 'application/rss+xml', title: `${X} (RSS)`, href: '/f.rss' }],
    alertsHref: '/alerts?body=b&x=1', alertsLabel: X,
  };
}

const decision = (overrides: object = {}) => ({
  page: {
    decision: {
      number: X, subject: X, taker_name: X, taken_on: '2012-01-05', key_decision: 1, urgent: 1, published_on: '2012-01-06', call_in_ends_on: '2012-01-13',
      meeting_slug: 'm-slug', meeting_body_name: X, meeting_date: '2012-01-05', item_code: 'A<1>', item_title: X, decision_text: `${X}\n\n${X}.\nand ${X}`,
      reasons: X, alternatives: X, interests_declared: X, background_documents: X, dispensations: X, ...overrides,
    },
    standing: { phaseLabel: X },
    exemptPart: { notice: X, label: X, text: `${X}\n\n${X}` },
  },
  timeline: { steps: [{ on: '2012-01-05', href: '/x?a=1&b=2', label: X, detail: X }, { on: '2012-01-06', href: null, label: X, detail: null }] },
});

const body = (full: boolean) => ({
  page: {
    body: { id: 1, slug: 'b-1', name: X, kindLabel: full ? 'Committee' : X, purpose: full ? X : null },
    chairman: full ? { roleLabel: X, name: X, slug: 's-1' } : null, viceChairman: full ? { roleLabel: X, name: X, slug: null } : null,
    size: full ? 9 : 0, vacancies: full ? 1 : 0,
    membersByGroup: full ? [{ name: X, seats: 3, filled: 1, members: [{ name: X, slug: 'p-1', roleNote: X }, { name: X, slug: null, roleNote: null }] }, { name: X, seats: 2, filled: 2, members: [] }] : [],
    coOpted: full ? [{ name: X, slug: 'c-1', category: X, votingNote: X, role: 'co-opted' }, { name: X, slug: null, category: null, votingNote: null, role: 'co-opted-non-voting' }] : [],
    substitutes: full ? [{ name: X, slug: 's-2', group: X }] : [],
    upcoming: full ? [{ slug: 'u-1', date: '2012-03-05', time: '10:00', status: 'cancelled' }, { slug: 'u-2', date: '2012-03-06', time: null, status: 'scheduled' }] : [],
    past: full ? [{ slug: 'p-1', date: '2011-03-05', time: '14:30', status: 'postponed' }] : [],
    years: full ? [{ year: 2011 }, { year: 2012 }] : [],
  },
  reviews: full ? [{ slug: 'r-1', title: X, stageLabel: X, startedOn: '2011-01-01' }] : [],
});

const attended = (n: number) => Array.from({ length: n }, (_, i) => ({ slug: `m-${i}`, date: `2011-01-${String(i + 1).padStart(2, '0')}`, attendance: X }));

const person = (kind: string, full: boolean, recentMeetings = 10) => ({
  recentMeetings,
  page: {
    person: { kind, name: X, slug: 'p-1', hasPhoto: full, group: full ? X : null, division: full ? X : null, job_title: full ? X : null, email: full ? 'a&b"@example.org' : null,
      phone: full ? '01632 <960> 000' : null, address: full ? `${X}\n${X}` : null },
    roles: full ? [{ label: X, bodyName: X, bodySlug: 'b-1' }, { label: X, bodyName: null, bodySlug: 'b-2' }] : [],
    portfolios: full ? [X, X] : [], areaLabel: X,
    memberships: full ? [{ body_slug: 'b-1', body_name: X, roleLabel: X, starts_on: '2010-05-01', ends_on: null }, { body_slug: 'b-2', body_name: X, roleLabel: X, starts_on: '2010-05-01', ends_on: '2011-05-01' }] : [],
    // The first committee's list is cut to the most recent (a link to every meeting follows), the second's is not.
    attendance: full ? [{ bodySlug: 'b-1', bodyName: X, expected: 4, present: 3, percent: 75, meetings: attended(4) },
      { bodySlug: 'b-2', bodyName: X, expected: 2, present: 2, percent: 100, meetings: attended(2) }] : [],
    declarations: full ? [{ meeting_slug: 'm-1', body_name: X, date: '2011-01-01', item_code: 'A1', item_title: X, kind: 'personal', nature: X }, { meeting_slug: 'm-2', body_name: X, date: '2011-01-02', item_code: null, item_title: null, kind: 'odd', nature: X }] : [],
    register: full
      ? { lastUpdated: '2011-01-01', inForce: [{ category: X, description: X, registered_on: '2010-01-01' }], earlier: [{ category: X, description: X, registered_on: '2009-01-01', removed_on: '2010-01-01' }], versions: ['2010-01-01', '2011-01-01'] }
      : { lastUpdated: null, inForce: [], earlier: [], versions: [] },
  },
});

const paper = (withdrawn: boolean) => ({ slug: 'd-1', title: X, kind: 'report', pageCount: withdrawn ? 1 : 12, hasFile: true, size: withdrawn ? 5000 : 3_000_000,
  withdrawn: withdrawn ? { on: '2012-01-01', reason: X } : null });

const meeting = (o: { status: string; held: boolean; published: boolean; historic?: boolean; full: boolean }) => ({
  page: {
    meeting: { id: 1, slug: 'm-1', date: '2012-03-05', time: o.full ? '10:00' : null, status: o.status, statusReason: o.full ? X : null, historic: !!o.historic,
      venue: o.full ? X : null, contacts: o.full ? [{ name: X, phone: X, email: 'a&b@example.org' }, { name: X, phone: null, email: null }] : [],
      webcastUrl: o.full ? 'https://example.org/?a=1&b="2"' : null, publishedOn: o.full ? '2012-02-20' : null, signatory: o.full ? X : null,
      minutesApprovedAt: o.full ? { slug: 'n-1', date: '2012-04-01' } : null, minutesAmendments: o.full ? X : null },
    body: { slug: 'b-1', name: X, kind: 'committee' }, held: o.held, published: o.published,
    packs: o.full ? [
      { latest: true, url: '/m/agenda.pdf?a=1&b=2', kind: 'agenda', audience: 'public', size: 2048, pageCount: 3, version: 2, lateReason: X, note: X, publishedAt: '2012-02-20' },
      { latest: true, url: '/m/minutes.pdf', kind: 'minutes', audience: 'confidential', size: 20, pageCount: 1, version: 1, lateReason: null, note: null, publishedAt: '2012-02-20' },
      { latest: false, url: '/m/agenda-v1.pdf', kind: 'agenda', audience: 'confidential', size: 100, pageCount: 1, version: 1, lateReason: null, note: null, publishedAt: '2012-02-19' },
    ] : [],
    agenda: o.full ? [
      { letter: 'A', title: 'EXEMPT ITEMS (During these items)', exempt: true, items: [
        { code: 'A1', title: X, pageStart: 3, pageEnd: 5, pageLink: '/x?a=1&b=2', pageIn: X, toFollow: true, papers: [], withdrawn: true, reportWithdrawn: true, exempt: true,
          exemptLabel: 'Exempt: paragraph 3', purpose: X, urgentReason: X, presenters: [X, X] },
        { code: 'A 2/<b>', title: X, pageStart: 7, pageEnd: 7, pageLink: null, papers: [paper(true), paper(false)], presenters: [] }] },
      { letter: null, title: X, exempt: false, items: [] },
    ] : [],
    otherPapers: o.full ? [paper(false)] : [],
    attendance: o.full ? { present: [{ name: X, personSlug: 'p-1', role: X, substituteFor: X, forItem: 'A1' }], apologies: [{ name: X, personSlug: null }], absent: [{ name: X }], alsoPresent: [{ name: X }], inAttendance: [{ name: X }] }
      : (o.held ? { present: [], apologies: [], absent: [], alsoPresent: [], inAttendance: [] } : null),
    substitutes: o.full ? [{ name: X, personSlug: null, for: X }] : [],
    declarations: o.full ? [{ name: X, personSlug: 'p-1', kind: 'disclosable-pecuniary', itemCode: 'A1', nature: X, dispensation: X }] : [],
    minutes: o.full ? [{ number: '12 (a)', title: X, itemCode: 'A1', exempt: true, exemptLabel: X, paragraphs: [X, X], resolutions: [{ text: X, parts: [{ label: '(a)', text: X }] }, { text: X, parts: [] }],
      votes: [{ motion: X, for: [1], against: [], abstained: [1, 2] }], postMeetingNote: X }] : [],
    decisions: o.full ? [{ slug: 'd-1', number: X, subject: X, key: true, itemCode: 'A 2', itemTitle: X }, { slug: 'd-2', number: X, subject: X, key: false, itemCode: null, itemTitle: null }] : [],
    items: [],
  },
  statusTag: { text: X, classes: 'govuk-tag--blue' }, bodyKindLabel: o.full ? X : 'x', jsonLd: '{"name":"\\u003cscript>"}',
});

const cases: [string, string, object][] = [
  ['pages/public/decision.njk', '/decisions/d-1', decision()],
  ['pages/public/decision.njk', '/decisions/d-1', { ...decision({ urgent: 0, key_decision: 0, published_on: null, call_in_ends_on: null, meeting_slug: null, reasons: null, alternatives: null,
    interests_declared: null, background_documents: null, dispensations: null }), timeline: undefined }],
  ['pages/public/body.njk', '/bodies/b-1', body(true)],
  ['pages/public/body.njk', '/bodies/b-1', body(false)],
  ['pages/public/person.njk', '/people/p-1', person('councillor', true)],
  ['pages/public/person.njk', '/people/p-1', person('councillor', true, 2)],
  ['pages/public/person.njk', '/people/p-1', person('co-opted', false)],
  ['pages/public/person.njk', '/people/p-1', person('officer', true)],
  ['pages/public/meeting.njk', '/meetings/m-1', meeting({ status: 'agenda-published', held: false, published: true, full: true })],
  ['pages/public/meeting.njk', '/calendar', meeting({ status: 'minutes-approved', held: true, published: true, full: true })],
  ['pages/public/meeting.njk', '/meetings/m-1', meeting({ status: 'minutes-drafted', held: true, published: true, full: true })],
  ['pages/public/meeting.njk', '/search', meeting({ status: 'cancelled', held: false, published: false, full: true })],
  ['pages/public/meeting.njk', '/meetings/m-1', meeting({ status: 'held', held: true, published: true, historic: true, full: false })],
  ['pages/public/meeting.njk', '/meetings/m-1', meeting({ status: 'scheduled', held: false, published: true, full: false })],
];

describe('compiled pages', () => {
  for (const theme of [PLAIN_THEME, BRANDED]) {
    const env = createViewEnvironment(theme);
    addPortalFilters(env);
    for (const signedIn of [true, false]) {
      cases.forEach(([template, path, context], n) => {
        it(`${template} #${n} (${theme === PLAIN_THEME ? 'plain' : 'branded'} theme, ${signedIn ? 'signed in' : 'public'}) is the template's output, escaped`, () => {
          const full = { ...layoutContext(theme, signedIn, path), ...context };
          const compiled = COMPILED_PAGES[template](full);
          expect(compiled).toBe(env.render(template, full));
          // The only scripts are the layout's own; what the data carried is text.
          expect(compiled).not.toContain('<script>alert');
          expect(compiled).not.toContain('<b>');
          expect(compiled.match(/<script/g)?.length).toBe(template.endsWith('meeting.njk') ? 4 : 3);
          expect(compiled).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &#92; &lt;/p&gt;');
        });
      });
    }
  }

  it('are used unless a theme folder has templates of its own (its header or footer partial comes before Moot\'s)', () => {
    expect(themeUsesCompiledPages(PLAIN_THEME)).toBe(true);
    expect(themeUsesCompiledPages({ ...PLAIN_THEME, dir: DEMO_THEME_DIR })).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'moot-theme-'));
    try {
      mkdirSync(join(dir, 'partials'));
      writeFileSync(join(dir, 'partials', 'header.njk'), '<div>Our own header</div>');
      expect(themeUsesCompiledPages({ ...PLAIN_THEME, dir })).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('escapes every value as Nunjucks\' autoescape does (esc, the one way the compiled pages escape)', () => {
    expect(esc(X)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &#92; &lt;/p&gt;');
    expect(esc(null)).toBe('');
    expect(esc(undefined)).toBe('');
    expect(esc(0)).toBe('0');
    for (const v of [X, 'plain', '', 'a & b', 12.5, true]) expect(esc(v)).toBe(nunjucksEscape(String(v)));
  });
});

const nunjucksEscape = (nunjucks.lib as unknown as { escape: (s: string) => string }).escape;
/** Text with the references to characters above U+00FF (and &ndash;, the pages' own) read back as the characters. */
const readWide = (html: string) => html.replace(/&#(\d+);|&ndash;/g, (ref, n?: string) => (n === undefined ? '\u2013' : Number(n) > 0xff ? String.fromCodePoint(Number(n)) : ref));
/** Whether V8 holds a string one byte a character: its serialisation tags such a string '"' (0x22), after a 2-byte header. */
const oneByte = (s: string) => serialize(s)[2] === 0x22;
const WIDE = `${X} “Committee’s” – £5, café, 😀, \ud800`;
/** A page's context with every X carrying characters above U+00FF as well. */
const widened = <T>(v: T): T => (typeof v === 'string' ? v.split(X).join(WIDE) : Array.isArray(v) ? v.map(widened)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, widened(x)])) : v) as T;

describe('compiled pages, characters above U+00FF', () => {
  const env = createViewEnvironment(PLAIN_THEME);
  addPortalFilters(env);
  for (const signedIn of [true, false]) {
    cases.forEach(([template, path, context], n) => {
      it(`${template} #${n} (${signedIn ? 'signed in' : 'public'}) writes them as references: one byte a character, the template's text`, () => {
        const full = widened({ ...layoutContext(PLAIN_THEME, signedIn, path), ...context });
        const compiled = COMPILED_PAGES[template](full);
        expect(compiled).not.toMatch(/[^\0-\xff]/);
        expect(oneByte(compiled)).toBe(true);
        expect(compiled).toContain('&#8220;Committee&#8217;s&#8221; &#8211; £5, café, &#128512;, &#55296;');
        expect(readWide(compiled)).toBe(readWide(env.render(template, full)));
      });
    });
  }

  it('esc writes any text with no character above U+00FF, one byte a character, and it reads back as Nunjucks\' escaping', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 2 }), (s, lone) => {
      const text = `${s}${lone}<&>`;
      const html = esc(text);
      expect(html).not.toMatch(/[^\0-\xff]/);
      expect(oneByte(html)).toBe(true);
      expect(readWide(html)).toBe(nunjucksEscape(text));
    }), { numRuns: 300 });
  });

  it('scriptJson: the same value, no "<" and no character above U+00FF, one byte a character', () => {
    const value = { name: `${WIDE}</script>`, n: 1, list: ['–', null] };
    const json = scriptJson(value);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(json).not.toMatch(/[<\u0100-\uffff]/);
    expect(oneByte(json)).toBe(true);
    expect(scriptJson({ a: '<b>' })).toBe('{"a":"\\u003cb>"}');
  });
});
