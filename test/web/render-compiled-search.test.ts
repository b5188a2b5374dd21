// Issue 17: the search page is a plain function (src/web/render/pages/search.ts). It must write what
// pages/public/search.njk writes, byte for byte, for every shape of page the route makes (no query, no results, hits
// with and without a meeting, a date or a page, every kind of pagination), and escape what it is given.
import { describe, expect, it } from 'vitest';
import { createViewEnvironment } from '../../src/web/plugins/views.js';
import { addPortalFilters } from '../../src/web/routes/public/filters.js';
import { pagination } from '../../src/web/routes/public/http.js';
import { COMPILED_PAGES } from '../../src/web/render/pages.js';
import { PLAIN_THEME, type Theme } from '../../src/web/theme.js';

const X = `<script>alert("x")</script> & 'q' \\ </p>`;
const BRANDED: Theme = {
  ...PLAIN_THEME, name: X, website: { text: X, href: 'https://example.org/?a=1&b="2"' }, logo: { file: 'logo<1>.png', alt: X, showName: true },
  favicon: 'fav"icon.png', stylesheet: 'st<y>le.css', headerLinks: [{ text: X, href: '/x?a=1&b=2' }], footerLinks: [{ text: X, href: '/y' }], footerText: X,
};
const TEMPLATE = 'pages/public/search.njk';

function layoutContext(theme: Theme, signedIn: boolean) {
  return {
    councilName: X, serviceName: X, theme, cspNonce: 'n0nce', currentPath: '/search?q=x', pageTitle: X, canonicalUrl: 'https://example.org/search?q=a&b=2',
    viewer: signedIn ? { kind: 'user', userId: 1, role: 'councillor', personId: 1, bodyIds: [], grantedMeetingIds: [] } : { kind: 'public' },
    areaNavigation: signedIn ? [{ href: '/my', text: X, active: true }, { href: '/account', text: 'Your account', active: false }] : [],
    ...(signedIn ? { account: { displayName: X }, csrfToken: 'tok"en' } : {}),
    breadcrumbs: [{ text: 'Home', href: '/' }],
    filtersHtml: '<div class="govuk-grid-column-one-third moot-no-print">filters</div>',
  };
}

const hit = (i: number, o: object = {}) => ({
  kind: 'page', id: i, url: `/documents/d-${i}?page=2&x="y"`, title: `${X} ${i}`, page: i, label: X, bodyName: X,
  meeting: { slug: `m-${i}`, date: '2011-01-02' }, date: '2011-01-02', snippet: `before <mark>${i}</mark> &amp; after`, ...o,
});

const feeds = [{ type: 'application/atom+xml', title: `Search: ${X} (Atom)`, href: '/search/feed?q=a&b=2' }, { type: 'application/rss+xml', title: `Search: ${X} (RSS)`, href: '/search/feed.rss?q=a' }];

function searchContext(text: string | undefined, total: number | null, page: number, hits: object[]) {
  const pages = total === null ? 0 : Math.min(Math.ceil(total / 10), 1000);
  return {
    text, results: total === null ? null : { total }, page, pages, hits,
    pagination: pagination(page, pages, (p) => `/search?q=${encodeURIComponent(text ?? '')}&a=1&page=${p}`),
    ...(text ? { feeds, alertsHref: `/alerts?q=${encodeURIComponent(text)}&x=1`, alertsLabel: 'for this search' } : {}),
  };
}

const cases: [string, object][] = [
  ['no query (the search form alone)', searchContext(undefined, null, 1, [])],
  ['an empty query', searchContext('', null, 1, [])],
  ['no results', searchContext(X, 0, 1, [])],
  ['one result', searchContext(X, 1, 1, [hit(1)])],
  ['hits without a meeting, a committee, a date or a page', searchContext(X, 3, 1, [hit(1, { meeting: null }), hit(2, { meeting: null, date: null, bodyName: null, page: null }), hit(3, { page: 0 })])],
  ['first of many pages (next, an ellipsis)', searchContext(X, 95, 1, [hit(1), hit(2)])],
  ['a middle page (previous, next, two ellipses)', searchContext(X, 95, 5, [hit(41)])],
  ['the last page (previous only)', searchContext(X, 95, 10, [hit(91)])],
  ['two pages', searchContext(X, 12, 2, [hit(11), hit(12)])],
  ['past the last page (no hits)', searchContext(X, 95, 12, [])],
  ['a thousand pages and more', searchContext('council', 123_456, 1000, [hit(9991)])],
];

describe('the compiled search page', () => {
  for (const theme of [PLAIN_THEME, BRANDED]) {
    const env = createViewEnvironment(theme);
    addPortalFilters(env);
    for (const signedIn of [false, true]) {
      for (const [name, context] of cases) {
        it(`${name} (${theme === PLAIN_THEME ? 'plain' : 'branded'} theme, ${signedIn ? 'signed in' : 'public'}) is the template's output, escaped`, () => {
          const full = { ...layoutContext(theme, signedIn), ...context };
          const compiled = COMPILED_PAGES[TEMPLATE](full);
          expect(compiled).toBe(env.render(TEMPLATE, full));
          expect(compiled).not.toContain('<script>alert');
          expect(compiled.match(/<script/g)?.length).toBe(3);
        });
      }
    }
  }
});
