// In Chromium: the clerk's figures screens pass axe-core (WCAG 2.2 AA) — the upload form, a file refused with its
// problems against their cells (the error summary's links land on the cells), the draft with its RAG ratings and
// charts, the list — and the keyboard reaches each problem from the error summary.
import type { FastifyInstance } from 'fastify';
import type { Browser as Chromium, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { createBody } from '../../../src/store/bodies.js';
import { addItem, addSection } from '../../../src/store/workspace/agenda.js';
import { scheduleMeetings } from '../../../src/store/workspace/series.js';
import workspace from '../../../src/web/routes/workspace/index.js';
import { axeViolations, browserTestsEnabled, describeViolations, headingProblems, launchBrowser } from '../../helpers/browser.js';
import { createSqliteTestStore, type TestStore } from '../../helpers/stores.js';
import { addUser, appOn, PASSWORD } from '../auth/helpers.js';

const CATALOGUE = 'Ref,Description,Service area,Kind,Polarity,Unit,Year,Target,Floor\nCS04,Calls answered,Customer Services,KPI,Higher,%,2025-26,95,80\nEH13,Waste recycled,Environment,KPI,Higher,%,2025-26,50,40\n';
const BAD = 'Ref,Period,Value\nCS04,2025-26 Q1,ninety\nEH13,2025-26 Q1,38\n';
const GOOD = 'Ref,Period,Value\nCS04,2025-26 Q1,96\nEH13,2025-26 Q1,38\n';

describe.skipIf(!browserTestsEnabled())('the figures screens in Chromium', () => {
  let ts: TestStore;
  let app: FastifyInstance;
  let base: string;
  let browser: Chromium;
  let email: string;

  beforeAll(async () => {
    ts = await createSqliteTestStore();
    const db = ts.store.db;
    const bodyId = await createBody(db, SYSTEM_ACTOR, { name: 'Cabinet', kind: 'cabinet', size: 3, agendaStyle: 'numbered' });
    const [meeting] = await scheduleMeetings(db, SYSTEM_ACTOR, { bodyId, dates: ['2025-09-18'], time: '10:00', venue: 'Council Chamber', contacts: [], withStandingItems: false });
    const sectionId = await addSection(db, SYSTEM_ACTOR, meeting.id, { title: 'Items for decision', exempt: false });
    await addItem(db, SYSTEM_ACTOR, meeting.id, { sectionId, title: 'Quarterly performance report', purpose: null, presenters: [], toFollow: false, urgentReason: null, exempt: false, exemptParagraphs: [], publicInterestReason: null });
    email = (await addUser(ts.store, 'clerk')).email;
    app = await appOn(ts.store, { today: () => '2025-09-01', routes: [{ plugin: workspace }] });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await ts?.cleanup();
  });

  async function expectAccessible(page: Page) {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(page.url(), violations)).toEqual([]);
    const byDesign = ['first heading is not h1 (h2 "Success")', 'first heading is not h1 (h2 "There is a problem")'];
    expect((await headingProblems(page)).filter((p) => !byDesign.includes(p)), page.url()).toEqual([]);
  }

  async function uploadFile(page: Page, kind: string, name: string, text: string) {
    await page.goto(`${base}/workspace/data/upload`);
    await page.getByLabel(kind, { exact: true }).check();
    await page.setInputFiles('#file', { name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.getByRole('button', { name: 'Check and import' }).focus();
    await Promise.all([page.waitForEvent('framenavigated'), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');
  }

  it('upload, problems against cells, draft and list pass axe', async () => {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/account/sign-in?next=/workspace/data`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/workspace/data`);
    await expectAccessible(page);

    await uploadFile(page, 'Performance indicators', 'catalogue.csv', CATALOGUE);
    expect(page.url()).toContain('/workspace/data?imported=');
    await page.goto(`${base}/workspace/data/upload`);
    await expectAccessible(page);

    // Refused: the error summary's link goes to the cell, which names the problem after its value.
    await uploadFile(page, 'Performance dashboard', 'q1.csv', BAD);
    await expect(page.title()).resolves.toMatch(/^Error: Upload figures/);
    await expectAccessible(page);
    await page.getByRole('link', { name: /row 2, column C \(Value\)/ }).click();
    expect(page.url()).toMatch(/#cell-2-C$/);
    await expect(page.locator('#cell-2-C').textContent()).resolves.toMatch(/^ninetyError in C2: /);

    // Corrected: the draft with RAG words, charts with text; then the list.
    await uploadFile(page, 'Performance dashboard', 'q1.csv', GOOD);
    expect(page.url()).toMatch(/\/workspace\/data\/\d+\?imported=new$/);
    await expect(page.getByText('Draft: not published').first().isVisible()).resolves.toBe(true);
    await expect(page.locator('.moot-rag--red').first().textContent()).resolves.toBe('Red');
    await expectAccessible(page);
    await page.getByLabel('Add this report to an agenda item').selectOption({ label: 'Cabinet, Thursday 18 September 2025: 1. Quarterly performance report' });
    await page.getByRole('button', { name: 'Add to the item' }).click();
    await page.waitForURL(/attached=1$/);
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.waitForURL(/published=1$/);
    await expectAccessible(page);
    await page.goto(`${base}/workspace/data`);
    await expectAccessible(page);
  }, 120_000);
});
