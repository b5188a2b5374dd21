// The executive cycle's "Done when" journey in Chromium, every step a click by the user who takes it, on SQLite and
// on PostgreSQL: the clerk adds a key decision to the forward plan and publishes it; 28 clear days later the clerk
// records Cabinet's decision (a date inside the 28 days is refused on its field) and publishes it; three councillors
// call it in from /my/call-ins on the fourth working day; the clerk puts the follow-up schedule and the work
// programme on the scrutiny agenda and publishes it, and the call-in's cover sheet is in the public pack; the clerk
// records the Committee's outcome (c); the Cabinet Member's reconsidered decision is recorded and published, and is
// implementable once its window has passed. The public sees each step. Each page: no WCAG 2.2 AA violations
// (axe-core), no sideways scrolling at 320 CSS pixels (WCAG 1.4.10), screenshots at 1280 and 320 px in
// /tmp/moot-cycle-shots.
import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser as Chromium, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDisplayDate } from '../../src/domain/display.js';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { registerPortal } from '../../src/server.js';
import { createUser } from '../../src/store/accounts.js';
import { createMeeting } from '../../src/store/meetings.js';
import { buildApp } from '../../src/web/app.js';
import { cycleCouncil, DATES } from '../services/executive/fixture.js';
import { readPack } from '../pack/read-pdf.js';
import { axeViolations, browserTestsEnabled, describeViolations, launchBrowser } from '../helpers/browser.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores.js';

const PASSWORD = 'correct horse battery staple';
const SHOTS = '/tmp/moot-cycle-shots';
const actor = SYSTEM_ACTOR;

/** Fills a GOV.UK date input (three boxes) from an ISO date. */
async function fillDate(page: Page, name: string, iso: string) {
  const [y, m, d] = iso.split('-');
  await page.locator(`#${name}-day`).fill(String(Number(d)));
  await page.locator(`#${name}-month`).fill(String(Number(m)));
  await page.locator(`#${name}-year`).fill(y);
}

describe.skipIf(!browserTestsEnabled()).each(STORE_KINDS)('executive cycle in Chromium on %s', (kind) => {
  let ts: TestStore | null = null;
  let app: FastifyInstance;
  let base: string;
  let browser: Chromium;
  let today: string = DATES.planPublished;
  let c: Awaited<ReturnType<typeof cycleCouncil>>;
  let scrutinySlug: string;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    if (!ts) return;
    const db = ts.store.db;
    c = await cycleCouncil(db);
    await createMeeting(db, actor, { bodyId: c.scrutiny, date: '2026-04-21', time: '10:00' });
    scrutinySlug = (await db.selectFrom('body').select('slug').where('id', '=', c.scrutiny).executeTakeFirstOrThrow()).slug;
    await createUser(db, actor, { email: 'clerk@example.org', displayName: 'Clerk', role: 'clerk', personId: null, password: PASSWORD });
    for (const [i, m] of c.members.entries()) await createUser(db, actor, { email: `member${i}@example.org`, displayName: `Member ${i}`, role: 'councillor', personId: m, password: PASSWORD });
    app = await buildApp({ store: ts.store, today: () => today, routes: registerPortal() });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await ts?.cleanup();
  });

  async function signIn(email: string, next: string): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext();
    ctx.setDefaultTimeout(60_000);
    const page = await ctx.newPage();
    await page.goto(`${base}${next}`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}${next}`);
    return { ctx, page };
  }

  /** axe-core, reflow at 320 CSS px, and screenshots at both widths (on SQLite; the pages are the same on PostgreSQL). */
  async function check(page: Page, name: string) {
    await page.setViewportSize({ width: 1280, height: 900 });
    const violations = await axeViolations(page);
    expect(violations, describeViolations(page.url(), violations)).toEqual([]);
    if (kind === 'sqlite') await page.screenshot({ path: `${SHOTS}/${name}-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 320, height: 800 });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, `${page.url()} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
    if (kind === 'sqlite') await page.screenshot({ path: `${SHOTS}/${name}-320.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  /** What a member of the public sees at a path today: status 200 and each expected text. */
  async function publicSees(path: string, expected: (string | RegExp)[], shot?: string) {
    const ctx = await browser.newContext();
    const pub = await ctx.newPage();
    const res = await pub.goto(`${base}${path}`);
    expect(res?.status(), path).toBe(200);
    const text = await pub.locator('main').innerText();
    for (const e of expected) expect(text, `${path} on ${today}`).toMatch(e);
    if (shot) await check(pub, shot);
    await ctx.close();
  }

  it('forward plan → key decision at Cabinet → call-in → scrutiny pack → outcome (c) → reconsidered → implementable', async (tc) => {
    if (!ts) return tc.skip(`no ${kind} store available`);

    // 1. The clerk adds the key decision to the forward plan and publishes the plan.
    const clerk = await signIn('clerk@example.org', '/workspace/forward-plan');
    const page = clerk.page;
    await page.getByLabel('Subject', { exact: true }).fill('Highways term maintenance contract');
    await page.getByLabel('Decision taker', { exact: true }).fill('Cabinet');
    await page.getByLabel('Portfolio (optional)').fill('Environment, Highways and Waste');
    await fillDate(page, 'expectedOn', DATES.cabinet);
    await page.getByLabel('Key decision', { exact: true }).check();
    await page.getByLabel('Why it is a key decision').fill('Expenditure of £45m over the contract term, above the £1m threshold');
    await page.getByLabel('Divisions affected (one a line, optional)').fill('Ashford East\nDover North');
    await page.getByLabel('Documents to be submitted (optional)').fill('Report of the Director of Highways');
    await page.getByLabel('Contact (optional)').fill('highways@example.org');
    await page.getByRole('button', { name: 'Add entry' }).click();
    await page.waitForURL(/added=1/);
    await page.getByRole('button', { name: 'Publish forward plan' }).click();
    await page.waitForURL(/published=1/);
    await expect(page.getByText('Edition 1 of the forward plan published').isVisible()).resolves.toBe(true);
    if (kind === 'sqlite') await check(page, 'workspace-forward-plan');
    await publicSees('/forward-plan', ['Highways term maintenance contract', /Edition 1/i], 'forward-plan');
    await publicSees('/forward-plan/editions/1', ['Highways term maintenance contract']);

    // 2. Cabinet takes it: the clerk records the decision, first a day inside the 28 clear days (refused on the
    //    date), then at the Cabinet meeting 28 clear days after the notice; and publishes it the next day.
    today = DATES.cabinet;
    await page.goto(`${base}/workspace/decisions/new`);
    await page.getByLabel('A body (Cabinet or a committee)').check();
    await page.getByLabel('Decision taker', { exact: true }).fill('Cabinet');
    await fillDate(page, 'takenOn', '2026-02-02');
    await page.getByLabel('Forward plan entry').selectOption({ label: `Highways term maintenance contract (Cabinet, expected ${formatDisplayDate(DATES.cabinet)})` });
    await page.getByLabel('Subject', { exact: true }).fill('Highways term maintenance contract');
    await page.getByLabel('Decision', { exact: true }).fill('Award the contract to the preferred bidder.');
    await page.getByLabel('Reasons (required for executive decisions)').fill('Best value after tender.');
    await page.getByLabel('Alternative options considered and rejected (required for executive decisions)').fill('Extend the current contract.');
    await page.getByRole('button', { name: 'Save decision' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toMatch(/28 clear days/);
    await expect(page.locator('#takenOn-error').isVisible()).resolves.toBe(true);
    await fillDate(page, 'takenOn', DATES.cabinet);
    // The item it was taken on, from the Cabinet meeting's agenda (its meeting comes with it).
    await page.getByLabel('Agenda item', { exact: true }).selectOption({ label: 'Item 2: Highways term maintenance contract' });
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.waitForURL(/\/workspace\/decisions\/\d+\?created=1/);
    const decisionPath = new URL(page.url()).pathname;
    await publicSees('/forward-plan', ['Highways term maintenance contract']);

    today = DATES.recordPublished;
    await page.goto(`${base}${decisionPath}`);
    await page.getByRole('button', { name: 'Publish decision' }).click();
    await page.waitForURL(/published=1/);
    await expect(page.getByText(`Call-in ends`).isVisible()).resolves.toBe(true);
    if (kind === 'sqlite') await check(page, 'workspace-decision');
    await publicSees('/decisions/26-00001', ['Award the contract to the preferred bidder.', 'Open for call-in', 'Notice of key decision published on the forward plan', 'Decision taken by Cabinet'], 'decision-published');
    await publicSees('/decisions', ['Highways term maintenance contract']);

    // 3. Three councillors call it in on the fourth working day.
    today = DATES.fourthWorkingDay;
    for (let i = 0; i < 3; i++) {
      const m = await signIn(`member${i}@example.org`, '/my/call-ins');
      if (i === 0) {
        if (kind === 'sqlite') await check(m.page, 'my-call-ins');
        await m.page.getByLabel(/Your reasons for calling in/).fill('The tender evaluation was not shared with Members.');
        await m.page.getByRole('button', { name: 'Request call-in' }).click();
      } else {
        await m.page.getByRole('button', { name: 'Add my name to this call-in' }).click();
      }
      await m.page.waitForURL(/done=/);
      if (i === 2) await expect(m.page.getByText(/implementation is stopped/).first().isVisible()).resolves.toBe(true);
      await m.ctx.close();
    }
    await publicSees('/decisions/26-00001', ['Called in', 'The tender evaluation was not shared with Members.']);

    // 4. The clerk keeps the follow-up schedule and the work programme, puts both on the scrutiny agenda beside the
    //    call-in, and publishes the agenda; the public downloads the pack with the call-in's cover sheet.
    await page.goto(`${base}/workspace/follow-up`);
    await page.getByLabel('Committee', { exact: true }).selectOption({ label: 'Scrutiny Committee' });
    await page.getByLabel('Title', { exact: true }).fill('Looked After Children Strategy');
    await page.getByLabel('Cabinet portfolio', { exact: true }).fill('Specialist Children\u2019s Services');
    await page.getByLabel('Synopsis', { exact: true }).fill('The draft strategy.');
    await fillDate(page, 'consideredOn', '2026-01-15');
    await page.getByLabel('Recommendations', { exact: true }).fill('That the strategy: | adds a bullet on listening to children; | mentions alcohol.');
    await page.getByRole('button', { name: 'Add to schedule' }).click();
    await page.waitForURL(/done=1/);
    await page.getByText('Add a response to 1(a)').click();
    const respond = page.locator('form[action$="/respond"]').first();
    await respond.getByLabel('Response', { exact: true }).fill('Agreed by the Cabinet Member.');
    await fillDate(page, `${await respond.locator('.govuk-date-input').getAttribute('id')}`, '2026-01-30');
    await respond.getByLabel('Date actioned', { exact: true }).fill('Ongoing');
    await respond.getByRole('button', { name: 'Add response' }).click();
    await page.waitForURL(/done=1/);
    await expect(page.getByText('Agreed by the Cabinet Member.').isVisible()).resolves.toBe(true);

    await page.goto(`${base}/workspace/bodies/${c.scrutiny}/work-programme`);
    await page.getByLabel('Item', { exact: true }).fill('Highways contract: six-month report');
    await page.getByLabel('Meeting', { exact: true }).selectOption({ label: formatDisplayDate('2026-04-21') });
    await page.getByLabel('Lead (optional)').fill('Director of Highways');
    await page.getByRole('button', { name: /Add/ }).click();
    await page.waitForURL(/done=1/);
    await page.getByLabel('Item', { exact: true }).fill('Home to school transport');
    await page.getByRole('button', { name: /Add/ }).click();
    await page.waitForURL(/done=1/);

    await page.goto(`${base}/workspace/meetings/${c.scrutinyMeeting.id}/agenda`);
    await page.getByRole('button', { name: 'Add the follow-up schedule to the agenda' }).click();
    await page.waitForURL(/\/agenda#item-\d+/);
    await page.getByRole('button', { name: 'Add the work programme to the agenda' }).click();
    await page.waitForURL(/\/agenda#item-\d+/);
    await expect(page.getByText(/Follow-up Schedule: item A\d/).isVisible()).resolves.toBe(true);
    await expect(page.getByText(/Decision 26\/00001/).first().isVisible()).resolves.toBe(true);
    if (kind === 'sqlite') await check(page, 'workspace-agenda');
    const refused = await page.request.post(`${base}/workspace/meetings/${c.scrutinyMeeting.id}/generated/work-programme`, { form: { _csrf: (await page.locator('input[name=_csrf]').first().getAttribute('value'))! } });
    expect(refused.status()).toBe(400);
    expect(await refused.text()).toContain('already on this agenda');

    today = '2026-02-11';
    await page.goto(`${base}/workspace/meetings/${c.scrutinyMeeting.id}/publish`);
    await page.getByRole('button', { name: 'Publish agenda' }).click();
    await page.waitForURL(/published=1/);
    const meetingSlug = (await ts.store.db.selectFrom('meeting').select('slug').where('id', '=', c.scrutinyMeeting.id).executeTakeFirstOrThrow()).slug;
    {
      const ctx = await browser.newContext();
      const pub = await ctx.newPage();
      await pub.goto(`${base}/meetings/${meetingSlug}`);
      await check(pub, 'scrutiny-meeting');
      const href = await pub.getByRole('link', { name: /^Agenda reports pack/ }).getAttribute('href');
      const pdf = await pub.request.get(`${base}${href}`);
      expect(pdf.status()).toBe(200);
      const text = (await readPack(new Uint8Array(await pdf.body()))).pages.map((p) => p.text).join('\n');
      for (const s of ['Call-in of decision 26/00001', 'Options for the Committee', 'Follow-up Schedule', 'Work Programme', 'Looked After Children Strategy', 'Home to school transport']) expect(text).toContain(s);
      await ctx.close();
    }

    // 5. At the meeting the Committee resolves (c): the clerk records it; the decision goes back to the Cabinet Member.
    today = DATES.scrutiny;
    await page.goto(`${base}/workspace/call-ins`);
    await page.getByRole('link', { name: /26\/00001/ }).first().click();
    await page.getByLabel(/\(c\) require implementation/).check();
    await page.getByLabel("The Committee's comments").fill('Share the evaluation with the Cabinet Member before reconsidering.');
    await page.getByRole('button', { name: 'Record outcome' }).click();
    await page.waitForURL(/done=1/);
    if (kind === 'sqlite') await check(page, 'workspace-call-in');
    await publicSees('/decisions/26-00001', ['Scrutiny outcome (c)', 'Share the evaluation with the Cabinet Member before reconsidering.', 'Considered by the scrutiny committee'], 'decision-called-in');

    // 6. The Cabinet Member reconsiders: the clerk records the new decision, linked to the original, and publishes it.
    today = DATES.reconsidered;
    await page.goto(`${base}${decisionPath}`);
    await page.getByRole('button', { name: 'Record the reconsidered decision' }).click();
    await page.getByRole('radio', { name: 'A Cabinet Member' }).check();
    await page.getByLabel('Decision taker', { exact: true }).fill('Mr M C Hill, Cabinet Member for Environment, Highways and Waste');
    await expect(page.getByLabel('Reconsideration of a called-in decision?').inputValue()).resolves.not.toBe('');
    await page.getByLabel('Subject', { exact: true }).fill('Highways term maintenance contract (reconsidered)');
    await page.getByLabel('Decision', { exact: true }).fill('Confirm the award with a six-monthly report to the Scrutiny Committee.');
    await page.getByLabel('Reasons (required for executive decisions)').fill('The evaluation has been shared with the Scrutiny Committee.');
    await page.getByLabel('Alternative options considered and rejected (required for executive decisions)').fill('Retender the contract.');
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.waitForURL(/\/workspace\/decisions\/\d+\?created=1/);
    await page.getByRole('button', { name: 'Publish decision' }).click();
    await page.waitForURL(/published=1/);
    await expect(page.getByText('26/00002').first().isVisible()).resolves.toBe(true);
    await publicSees('/decisions/26-00002', ['Confirm the award with a six-monthly report', 'Reconsideration of decision 26/00001 after call-in', 'Open for call-in']);
    await publicSees('/decisions/26-00001', ['Reconsidered: new decision 26/00002']);

    // 7. Its own window passes with no call-in: implementable.
    today = '2026-03-05';
    await publicSees('/decisions/26-00002', ['Implementable', 'Call-in period ended: may be implemented'], 'decision-implementable');
    await publicSees('/follow-up', ['Looked After Children Strategy', 'Agreed by the Cabinet Member.'], 'follow-up');
    await publicSees('/forward-plan/private-meetings', ['Notices of meetings in private'], 'private-meetings');
    await publicSees(`/bodies/${scrutinySlug}/work-programme`, ['Home to school transport', 'Highways contract: six-month report'], 'work-programme');
    await clerk.ctx.close();
  }, 300_000);

  it('a select committee review: the clerk starts it and takes evidence; the public reads it', async (tc) => {
    if (!ts) return tc.skip(`no ${kind} store available`);
    today = '2026-03-09';
    const clerk = await signIn('clerk@example.org', '/workspace/reviews');
    const page = clerk.page;
    await page.getByLabel('Title', { exact: true }).fill('Flood risk management');
    await page.getByLabel('Appointed by').selectOption({ label: 'Scrutiny Committee' });
    await page.getByLabel('Terms of reference').fill('To review how the council and its partners manage flood risk, and to recommend improvements.');
    await page.getByLabel('Members', { exact: true }).fill('Mr A J King, Chairman\nMrs T Dean\nMr R Truelove');
    await page.getByRole('button', { name: 'Start review' }).click();
    await page.waitForURL(/started=1/);
    await page.getByRole('button', { name: 'Move to evidence gathering' }).click();
    await page.waitForURL(/stage=1/);
    await page.getByLabel('Subject of the session').fill('The Environment Agency');
    await page.getByLabel('Witnesses (optional)').fill('Area Flood Risk Manager');
    await page.getByRole('button', { name: 'Add evidence session' }).click();
    await page.waitForURL(/session=1/);
    if (kind === 'sqlite') await check(page, 'workspace-review');
    await clerk.ctx.close();
    await publicSees('/reviews', ['Flood risk management', 'Evidence gathering'], 'reviews');
    await publicSees('/reviews/flood-risk-management', ['Mr A J King (Chairman)', 'The Environment Agency', 'Witnesses: Area Flood Risk Manager'], 'review');
  }, 120_000);
});
