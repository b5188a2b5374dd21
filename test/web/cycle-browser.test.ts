// In Chromium, the executive cycle: three councillors call a key decision in from /my/call-ins on the fourth working
// day; the clerk puts the follow-up schedule and the work programme on the scrutiny agenda, publishes it, and the
// public finds the call-in's cover sheet in the pack; the public sees the forward plan, the decision's timeline,
// the follow-up schedule and the work programme. Each new page: no WCAG 2.2 AA violations (axe-core), no sideways
// scrolling at 320 CSS pixels (WCAG 1.4.10), screenshots at 1280 and 320 px in /tmp/moot-cycle-shots.
import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser as Chromium, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { registerPortal } from '../../src/server.js';
import { publishDecisionRecord, takeDecision } from '../../src/services/executive/decisions.js';
import { addForwardPlanEntry, publishForwardPlan } from '../../src/services/executive/forward-plan.js';
import { addFollowUp, addFollowUpResponse, addWorkProgrammeItem, followUpSchedule } from '../../src/services/executive/scrutiny.js';
import { createUser } from '../../src/store/accounts.js';
import { createMeeting } from '../../src/store/meetings.js';
import { buildApp } from '../../src/web/app.js';
import { cycleCouncil, DATES } from '../services/executive/fixture.js';
import { readPack } from '../pack/read-pdf.js';
import { axeViolations, browserTestsEnabled, describeViolations, launchBrowser } from '../helpers/browser.js';
import { createSqliteTestStore, type TestStore } from '../helpers/stores.js';

const PASSWORD = 'correct horse battery staple';
const SHOTS = '/tmp/moot-cycle-shots';
const actor = SYSTEM_ACTOR;

describe.skipIf(!browserTestsEnabled())('executive cycle in Chromium', () => {
  let ts: TestStore;
  let app: FastifyInstance;
  let base: string;
  let browser: Chromium;
  let today = DATES.fourthWorkingDay as string;
  let c: Awaited<ReturnType<typeof cycleCouncil>>;
  let decisionSlug: string;
  let scrutinySlug: string;

  beforeAll(async () => {
    ts = await createSqliteTestStore();
    const db = ts.store.db;
    c = await cycleCouncil(db);
    const entry = await addForwardPlanEntry(db, actor, { title: 'Highways term maintenance contract', takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, portfolio: 'Environment, Highways and Waste',
      expectedOn: DATES.cabinet, key: true, expenditurePence: 4_500_000_000, divisions: ['Ashford East', 'Dover North'], documents: 'Report of the Director of Highways', contact: 'highways@example.org' }, '2026-01-02');
    await publishForwardPlan(db, actor, DATES.planPublished);
    const taken = await takeDecision(db, actor, { takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, subject: 'Highways term maintenance contract', key: true, text: 'Award the contract to the preferred bidder.',
      reasons: 'Best value after tender.', alternatives: 'Extend the current contract.', takenOn: DATES.cabinet, meetingId: c.cabinetMeeting.id, agendaItemId: c.cabinetMeeting.items[1].id, forwardPlanEntryId: entry });
    await publishDecisionRecord(db, actor, taken.id, DATES.recordPublished);
    decisionSlug = taken.slug;
    scrutinySlug = (await db.selectFrom('body').select('slug').where('id', '=', c.scrutiny).executeTakeFirstOrThrow()).slug;
    const f = await addFollowUp(db, actor, { bodyId: c.scrutiny, title: 'Looked After Children Strategy', portfolio: 'Specialist Children\u2019s Services', synopsis: 'The draft strategy.', reason: 'Deliverability.',
      consideredOn: '2026-01-15', recommendations: [{ text: 'That the strategy:', parts: ['adds a bullet on listening to children;', 'mentions alcohol.'] }] });
    const [e] = (await followUpSchedule(db, { kind: 'user', userId: 0, role: 'clerk', personId: null, bodyIds: [], grantedMeetingIds: [] }, c.scrutiny, DATES.scrutiny)).filter((x) => x.id === f);
    await addFollowUpResponse(db, actor, e.recommendations[0].id, { text: 'Agreed by the Cabinet Member.', respondedOn: '2026-01-30', dateActioned: 'Ongoing' });
    const next = await createMeeting(db, actor, { bodyId: c.scrutiny, date: '2026-04-21', time: '10:00' });
    await addWorkProgrammeItem(db, actor, { bodyId: c.scrutiny, title: 'Highways contract: six-month report', meetingId: next.id, lead: 'Director of Highways' }, '2026-02-01');
    await addWorkProgrammeItem(db, actor, { bodyId: c.scrutiny, title: 'Home to school transport' }, '2026-02-01');
    await createUser(db, actor, { email: 'clerk@example.org', displayName: 'Clerk', role: 'clerk', personId: null, password: PASSWORD });
    for (const [i, m] of c.members.entries()) await createUser(db, actor, { email: `member${i}@example.org`, displayName: `Member ${i}`, role: 'councillor', personId: m, password: PASSWORD });
    app = await buildApp({ store: ts.store, today: () => today, routes: registerPortal() });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await ts?.cleanup();
  });

  async function signIn(page: Page, email: string, next: string) {
    await page.goto(`${base}${next}`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}${next}`);
  }

  /** axe-core, reflow at 320 CSS px, and screenshots at both widths. */
  async function check(page: Page, name: string) {
    await page.setViewportSize({ width: 1280, height: 900 });
    const violations = await axeViolations(page);
    expect(violations, describeViolations(page.url(), violations)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/${name}-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 320, height: 800 });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, `${page.url()} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/${name}-320.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('councillors call the decision in, the clerk builds the scrutiny pack, the public sees each step', async () => {
    // Three councillors on the fourth working day.
    for (let i = 0; i < 3; i++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await signIn(page, `member${i}@example.org`, '/my/call-ins');
      if (i === 0) {
        await check(page, 'my-call-ins');
        await page.getByLabel(/Your reasons for calling in/).fill('The tender evaluation was not shared with Members.');
        await page.getByRole('button', { name: 'Request call-in' }).click();
      } else {
        await page.getByRole('button', { name: 'Add my name to this call-in' }).click();
      }
      await page.waitForLoadState();
      if (i === 2) await expect(page.getByText(/called in/).first().isVisible()).resolves.toBe(true);
      await ctx.close();
    }

    // The clerk adds the generated papers to the scrutiny agenda and publishes it.
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, 'clerk@example.org', `/workspace/meetings/${c.scrutinyMeeting.id}/agenda`);
    await page.getByRole('button', { name: 'Add the follow-up schedule to the agenda' }).click();
    await page.waitForURL(/\/agenda#item-\d+/);
    await page.getByRole('button', { name: 'Add the work programme to the agenda' }).click();
    await page.waitForURL(/\/agenda#item-\d+/);
    await expect(page.getByText(/Follow-up Schedule: item A\d/).isVisible()).resolves.toBe(true);
    await expect(page.getByText(/Decision 26\/00001/).first().isVisible()).resolves.toBe(true);
    await check(page, 'workspace-agenda');
    const refused = await page.request.post(`${base}/workspace/meetings/${c.scrutinyMeeting.id}/generated/work-programme`, { form: { _csrf: (await page.locator('input[name=_csrf]').first().getAttribute('value'))! } });
    expect(refused.status()).toBe(400);
    expect(await refused.text()).toContain('already on this agenda');
    await ctx.close();
    const { publishAgenda, getPublishedPack } = await import('../../src/services/publication/publish.js');
    await publishAgenda(ts.store, actor, c.scrutinyMeeting.id, { publishedOn: '2026-02-11' });
    const pack = (await getPublishedPack(ts.store.db, c.scrutinyMeeting.id, 'agenda', 'public'))!;
    const text = (await readPack(pack.bytes)).pages.map((p) => p.text).join('\n');
    for (const s of ['Call-in of decision 26/00001', 'Options for the Committee', 'Follow-up Schedule', 'Work Programme']) expect(text).toContain(s);

    // The public: forward plan, the decision's timeline, follow-up schedule, work programme.
    today = DATES.scrutiny;
    const pub = await (await browser.newContext()).newPage();
    for (const [path, name, expected] of [
      ['/forward-plan', 'forward-plan', 'Highways term maintenance contract'],
      ['/forward-plan/editions/1', 'forward-plan-edition', 'Highways term maintenance contract'],
      [`/decisions/${decisionSlug}`, 'decision-timeline', 'Called in'],
      ['/follow-up', 'follow-up', 'Looked After Children Strategy'],
      [`/bodies/${scrutinySlug}/work-programme`, 'work-programme', 'Home to school transport'],
    ] as const) {
      const res = await pub.goto(`${base}${path}`);
      expect(res?.status(), path).toBe(200);
      await expect(pub.getByText(expected).first().isVisible(), `${path} shows ${expected}`).resolves.toBe(true);
      await check(pub, name);
    }
  });
});
