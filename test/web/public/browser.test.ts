// Every public page type in real Chromium: no axe-core WCAG 2.2 AA violations, headings in order, a skip link
// that moves focus to the main content, keyboard access to the search box and links, a print stylesheet.
// Screenshots of the main pages go to /tmp/moot-portal-screenshots for a person to look at.
import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserTestsEnabled, describeViolations, headingProblems, launchBrowser, tabUntil } from '../../helpers/browser.js';
import { createSqliteTestStore, type TestStore } from '../../helpers/stores.js';
import { buildPortal, loadPortalData, type PortalFixture } from './setup.js';

const SHOTS = '/tmp/moot-portal-screenshots';

describe.skipIf(!browserTestsEnabled())('public pages in Chromium', () => {
  let ts: TestStore;
  let app: FastifyInstance;
  let fx: PortalFixture;
  let browser: Browser;
  let page: Page;
  let base: string;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    ts = await createSqliteTestStore();
    fx = await loadPortalData(ts.store);
    app = await buildPortal(ts.store);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const db = ts.store.db;
    const person = await db.selectFrom('membership').innerJoin('person', 'person.id', 'membership.person_id').select('person.slug').where('membership.role', '=', 'chairman').limit(1).executeTakeFirstOrThrow();
    const decision = await db.selectFrom('decision').select('slug').where('status', '=', 'published').limit(1).executeTakeFirstOrThrow();
    const item = await db.selectFrom('agenda_item').select('code').where('meeting_id', '=', fx.heldMeeting.id).where('exempt', '=', 0).orderBy('position', 'desc').limit(1).executeTakeFirstOrThrow();
    Object.assign(pages, {
      home: '/', bodies: '/bodies', body: '/bodies/cabinet', meeting: `/meetings/${fx.heldMeeting.slug}`, item: `/meetings/${fx.heldMeeting.slug}/items/${item.code}`,
      document: `/documents/${fx.correctedDocument}`, people: '/people', councillor: `/people/${person.slug}`, calendar: '/calendar?month=2012-02',
      calendarList: '/calendar?month=2012-02&view=list', decisions: '/decisions', decision: `/decisions/${decision.slug}`, archive: '/archive', archiveYear: '/archive/2011',
      search: '/search', searchResults: '/search?q=budget', accessibility: '/accessibility', notFound: '/no-such-page', exemptDocument: '/documents/award-of-the-highways-term-maintenance-contract',
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    mkdirSync(SHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await ts?.cleanup();
  });

  it('every page type has no WCAG 2.2 AA violations and its headings in order', async () => {
    const failures: string[] = [];
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(base + path);
      const v = await axeViolations(page);
      if (v.length) failures.push(describeViolations(path, v));
      for (const p of await headingProblems(page)) failures.push(`${path}: ${p}`);
      if (['home', 'body', 'meeting', 'document', 'searchResults', 'councillor', 'calendar'].includes(name)) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('the skip link moves focus to the main content', async () => {
    await page.goto(base + pages.meeting);
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement && document.activeElement.textContent.trim()')).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement && document.activeElement.id')).toBe('main-content');
  });

  it('the keyboard reaches the search box, links and buttons', async () => {
    await page.goto(base + '/');
    expect(await tabUntil(page, '#home-search')).not.toBeNull();
    await page.keyboard.type('budget');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=budget/);
    expect(await tabUntil(page, '.moot-result a')).not.toBeNull();
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/search')), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toMatch(/^\/(meetings|documents|decisions|people)\//);
  });

  it('works without JavaScript', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const p = await ctx.newPage();
    await p.goto(`${base}/decisions?key=yes`);
    await p.selectOption('#taker', { index: 1 });
    await p.click('button:has-text("Apply filters")');
    expect(p.url()).toContain('taker=');
    await ctx.close();
  });

  it('has a print stylesheet that hides navigation', async () => {
    await page.goto(base + pages.meeting);
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate<string>("getComputedStyle(document.querySelector('.govuk-service-navigation')).display")).toBe('none');
    await page.emulateMedia({ media: 'screen' });
    expect(await page.evaluate<string>("getComputedStyle(document.querySelector('.govuk-service-navigation')).display")).not.toBe('none');
  });
});
