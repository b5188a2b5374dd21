// Reflow (WCAG 1.4.10) in Chromium: at 320 CSS px no page of any kind — public, a clerk's workspace, a councillor's
// area, an administrator's settings — scrolls sideways (tables restack, grids scroll in their own labelled region), and axe-core finds no
// WCAG 2.2 AA violation at that width. The portal runs with the demo council's theme, as `moot serve --demo` does.
// MOOT_SCREENS=DIR saves the main pages at 1280 and 320 px there (docs/screens/ is made this way).
import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPortal } from '../../src/server.js';
import { buildApp, DEMO_THEME_DIR, loadTheme } from '../../src/web/app.js';
import { axeViolations, browserTestsEnabled, describeViolations, launchBrowser } from '../helpers/browser.js';
import { createSqliteTestStore, type TestStore } from '../helpers/stores.js';
import { addUser, PASSWORD } from './auth/helpers.js';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { uploadPersonPhoto } from '../../src/services/photos.js';
import { addInterest } from '../../src/store/interests.js';
import { reinstatePaper, withdrawPaper } from '../../src/services/documents.js';
import { solidPng } from '../helpers/png.js';
import { loadPortalData, TODAY, type PortalFixture } from './public/setup.js';

const WIDTH = 320;
type Who = 'clerk' | 'councillor' | 'administrator';
const SCREENS = process.env.MOOT_SCREENS;

describe.skipIf(!browserTestsEnabled())('every page kind at 320 px', () => {
  let ts: TestStore;
  let app: FastifyInstance;
  let fx: PortalFixture;
  let browser: Browser;
  let base: string;
  const routes: Record<'public' | Who, Record<string, string>> = { public: {}, clerk: {}, councillor: {}, administrator: {} };
  const accounts: Record<Who, string> = { clerk: '', councillor: '', administrator: '' };

  beforeAll(async () => {
    ts = await createSqliteTestStore();
    fx = await loadPortalData(ts.store);
    const db = ts.store.db;
    app = await buildApp({ store: ts.store, today: () => TODAY, routes: registerPortal(), theme: loadTheme(DEMO_THEME_DIR) });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const councillor = await db.selectFrom('membership').innerJoin('person', 'person.id', 'membership.person_id').innerJoin('body', 'body.id', 'membership.body_id')
      .select(['person.id', 'person.slug']).where('body.slug', '=', 'cabinet').where('person.kind', '=', 'councillor').limit(1).executeTakeFirstOrThrow();
    accounts.clerk = (await addUser(ts.store, 'clerk')).email;
    accounts.councillor = (await addUser(ts.store, 'councillor', { personId: councillor.id })).email;
    accounts.administrator = (await addUser(ts.store, 'administrator')).email;
    // The councillor's page with a photo and a register of interests (current, and as it stood on an earlier day).
    await uploadPersonPhoto(ts.store, SYSTEM_ACTOR, councillor.id, { fileName: 'photo.png', bytes: solidPng(240, 300) });
    await addInterest(db, SYSTEM_ACTOR, councillor.id, { category: 'Employment, office, trade, profession or vocation', description: 'Partner, a firm of chartered surveyors with offices in three market towns of the county' }, '2011-06-01');
    await addInterest(db, SYSTEM_ACTOR, councillor.id, { category: 'Land and property', description: 'Home and paddock, Little Hadstock' }, '2011-06-01');
    const decision = await db.selectFrom('decision').select(['id', 'slug']).where('status', '=', 'published').limit(1).executeTakeFirstOrThrow();
    const item = await db.selectFrom('agenda_item').select(['id', 'code']).where('meeting_id', '=', fx.heldMeeting.id).where('exempt', '=', 0).orderBy('position', 'desc').limit(1).executeTakeFirstOrThrow();
    const body = await db.selectFrom('body').select('id').where('slug', '=', 'cabinet').executeTakeFirstOrThrow();
    const upcoming = await db.selectFrom('meeting').select('id').where('date', '>=', TODAY).orderBy('date').limit(1).executeTakeFirstOrThrow();
    // Three papers of the held meeting: one withdrawn (the public pages' "Withdrawn on …" state, and the reinstate
    // confirm page), one to withdraw (the confirm page), one withdrawn and reinstated (its history, public and staff).
    const papers = await db.selectFrom('document').select(['id', 'slug', 'agenda_item_id']).where('meeting_id', '=', fx.heldMeeting.id).where('agenda_item_id', 'is not', null)
      .where('classification', '=', 'unrestricted').where('kind', 'in', ['report', 'appendix']).orderBy('id').limit(3).execute();
    await withdrawPaper(ts.store, SYSTEM_ACTOR, papers[0].id, 'Withdrawn by the author: the figures are being revised before the next meeting');
    await withdrawPaper(ts.store, SYSTEM_ACTOR, papers[2].id, 'Withdrawn while the consultation responses are checked');
    await reinstatePaper(ts.store, SYSTEM_ACTOR, papers[2].id, 'The consultation responses were checked and the report stands as published');
    const withdrawnItem = await db.selectFrom('agenda_item').select('code').where('id', '=', papers[0].agenda_item_id!).executeTakeFirstOrThrow();
    Object.assign(routes.public, {
      home: '/', meetings: '/meetings', calendar: '/calendar?month=2012-02', calendarList: '/calendar?month=2012-02&view=list', bodies: '/bodies', body: '/bodies/cabinet',
      meeting: `/meetings/${fx.heldMeeting.slug}`, item: `/meetings/${fx.heldMeeting.slug}/items/${item.code}`, document: `/documents/${fx.correctedDocument}`,
      decisions: '/decisions', decision: `/decisions/${decision.slug}`, people: '/people', councillor: `/people/${councillor.slug}`, search: '/search?q=budget',
      archive: '/archive', archiveYear: '/archive/2011', forwardPlan: '/forward-plan', followUp: '/follow-up', performance: '/performance',
      workProgramme: '/bodies/scrutiny-committee/work-programme', openData: '/open-data', votes: `/people/${councillor.slug}/votes`, interestsOn: `/people/${councillor.slug}/interests?on=2011-12-31`,
      privateMeetings: '/forward-plan/private-meetings', reviews: '/reviews', accessibility: '/accessibility', signIn: '/account/sign-in', notFound: '/no-such-page',
      withdrawnPaper: `/documents/${papers[0].slug}`, reinstatedPaper: `/documents/${papers[2].slug}`, withdrawnItem: `/meetings/${fx.heldMeeting.slug}/items/${withdrawnItem.code}`,
    });
    Object.assign(routes.clerk, {
      workspace: '/workspace', meetings: '/workspace/meetings', meeting: `/workspace/meetings/${upcoming.id}`, agenda: `/workspace/meetings/${fx.heldMeeting.id}/agenda`,
      publish: `/workspace/meetings/${fx.heldMeeting.id}/publish`, attendance: `/workspace/meetings/${fx.heldMeeting.id}/attendance`, minutes: `/workspace/meetings/${fx.heldMeeting.id}/minutes`,
      item: `/workspace/items/${item.id}`, papers: `/workspace/items/${item.id}/papers`, bodies: '/workspace/bodies', body: `/workspace/bodies/${body.id}`, people: '/workspace/people',
      decisions: '/workspace/decisions', decision: `/workspace/decisions/${decision.id}`, forwardPlan: '/workspace/forward-plan', callIns: '/workspace/call-ins',
      followUp: '/workspace/follow-up', groups: '/workspace/groups', account: '/account',
      person: `/workspace/people/${councillor.id}`, reviews: '/workspace/reviews',
      withdrawPaper: `/workspace/items/${papers[1].agenda_item_id}/papers/${papers[1].id}/withdraw`, withdrawnPapers: `/workspace/items/${papers[0].agenda_item_id}/papers`,
      reinstatePaper: `/workspace/items/${papers[0].agenda_item_id}/papers/${papers[0].id}/reinstate`, reinstatedPapers: `/workspace/items/${papers[2].agenda_item_id}/papers`,
    });
    Object.assign(routes.administrator, { admin: '/admin', council: '/admin/council', users: '/admin/users', newUser: '/admin/users/new', audit: '/admin/audit' });
    Object.assign(routes.councillor, { area: '/my', meetings: '/my/meetings', papers: '/my/papers', interests: '/my/interests', declarations: '/my/declarations', callIns: '/my/call-ins', decisions: '/my/decisions', newDecision: '/my/decisions/new' });
    browser = await launchBrowser();
    if (SCREENS) mkdirSync(SCREENS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await ts?.cleanup();
  });

  async function signedIn(who: Who | null, width = WIDTH): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ viewport: { width, height: width === WIDTH ? 800 : 1000 } });
    const page = await ctx.newPage();
    if (who) {
      await page.goto(`${base}/account/sign-in`);
      await page.getByLabel('Email address').fill(accounts[who]);
      await page.getByLabel('Password').fill(PASSWORD);
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/account/sign-in')), page.getByRole('button', { name: 'Sign in' }).click()]);
    }
    return { ctx, page };
  }

  /** How wide the page is, and the elements that stick out past the viewport without a scrolling box to hold them. */
  async function overflow(page: Page): Promise<{ width: number; culprits: string[] }> {
    return page.evaluate<{ width: number; culprits: string[] }>(`(() => {
      const w = document.documentElement.clientWidth, out = [];
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right <= w + 1 || !el.parentElement || el.parentElement.getBoundingClientRect().right > w + 1) continue;
        let held = false;
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') { held = true; break; }
        if (!held) out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : '') + ' (right edge ' + Math.round(r.right) + ' px)');
      }
      return { width: document.documentElement.scrollWidth, culprits: out.slice(0, 5) };
    })()`);
  }

  for (const who of ['councillor', 'public', 'clerk', 'administrator'] as const) {
    it(`${who} pages: nothing scrolls sideways at ${WIDTH} px, and axe-core finds nothing at that width`, async () => {
      const { ctx, page } = await signedIn(who === 'public' ? null : who);
      const failures: string[] = [];
      for (const [name, path] of Object.entries(routes[who])) {
        const res = await page.goto(base + path);
        if (!res || res.status() >= 500 || (res.status() >= 400 && name !== 'notFound')) failures.push(`${path}: HTTP ${res?.status()}`);
        const o = await overflow(page);
        if (o.width > WIDTH) failures.push(`${path}: ${o.width} px wide at ${WIDTH} px — ${o.culprits.join('; ')}`);
        const v = await axeViolations(page);
        if (v.length) failures.push(describeViolations(path, v));
      }
      await ctx.close();
      expect(failures).toEqual([]);
    }, 600_000);
  }

  it.skipIf(!SCREENS)('saves the main pages at 1280 and 320 px', async () => {
    const shots: [string, Who | null, string][] = [
      ['home', null, '/'], ['meeting', null, routes.public.meeting], ['councillor', null, routes.public.councillor], ['decisions', null, '/decisions'],
      ['calendar', null, routes.public.calendar], ['search', null, routes.public.search],
      ['workspace', 'clerk', '/workspace'], ['workspace-agenda', 'clerk', routes.clerk.agenda], ['my-area', 'councillor', '/my'],
    ];
    for (const width of [1280, 320]) {
      for (const [name, who, path] of shots) {
        const { ctx, page } = await signedIn(who, width);
        await page.goto(base + path);
        await page.screenshot({ path: `${SCREENS}/${name}-${width}.png`, fullPage: false });
        await ctx.close();
      }
    }
  }, 600_000);
});
