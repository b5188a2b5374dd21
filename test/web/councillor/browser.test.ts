// In Chromium: a councillor signs in and reads an exempt paper of their committee; the public is refused it; the
// councillors' and authors' pages have no WCAG 2.2 AA violations (axe-core).
import type { FastifyInstance } from 'fastify';
import type { Browser as Chromium, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import api from '../../../src/api/index.js';
import author from '../../../src/web/routes/author/index.js';
import councillor from '../../../src/web/routes/councillor/index.js';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { addMembership } from '../../../src/store/bodies.js';
import { appWith, MARKER, PASSWORD, seedCouncil, type Council } from '../../api/fixture.js';
import { axeViolations, browserTestsEnabled, describeViolations, launchBrowser } from '../../helpers/browser.js';
import { createSqliteTestStore, type TestStore } from '../../helpers/stores.js';

describe.skipIf(!browserTestsEnabled())('councillor and author pages in Chromium', () => {
  let ts: TestStore;
  let app: FastifyInstance;
  let c: Council;
  let base: string;
  let browser: Chromium;

  beforeAll(async () => {
    ts = await createSqliteTestStore();
    c = await seedCouncil(ts.store);
    // Councillor A holds a Cabinet portfolio, so "Your decisions" offers the form.
    await addMembership(ts.store.db, SYSTEM_ACTOR, { bodyId: c.alpha.id, personId: c.users.councillorA.personId!, role: 'member', startsOn: '2021-05-01', portfolio: 'Finance' });
    app = await appWith(ts.store, [{ plugin: api }, { plugin: author }, { plugin: councillor }]);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await ts?.cleanup();
  });

  async function signIn(page: Page, email: string, next: string) {
    await page.goto(`${base}${next}`);
    expect(page.url()).toContain('/account/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}${next}`);
  }

  async function expectAccessible(page: Page) {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(page.url(), violations)).toEqual([]);
  }

  it('lets the councillor of the committee read an exempt paper and refuses the public', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, c.users.councillorA.email, '/my/papers');
    await expect(page.getByText('Exempt — not for publication').first().isVisible()).resolves.toBe(true);
    const link = page.getByRole('link', { name: new RegExp(`Westgate ${MARKER} report`) });
    const href = await link.getAttribute('href');
    expect(href).toBe(`/my/papers/${c.exemptPaperSlug}.pdf`);
    const file = await context.request.get(`${base}${href}`);
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 4).toString()).toBe('%PDF');
    for (const path of ['/my', '/my/papers', '/my/meetings', '/my/declarations', '/my/interests', '/my/decisions', '/my/decisions/new']) {
      await page.goto(`${base}${path}`);
      await expectAccessible(page);
    }
    // A Cabinet Member's own decision form with its errors (each on its field).
    await page.goto(`${base}/my/decisions/new`);
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await expectAccessible(page);
    await context.close();

    const publicContext = await browser.newContext();
    const pub = await publicContext.newPage();
    await pub.goto(`${base}/my/papers/${c.exemptPaperSlug}.pdf`);
    expect(pub.url()).toContain('/account/sign-in');
    const apiDoc = await publicContext.request.get(`${base}/api/v1/documents/${c.exemptPaperSlug}/versions/1/file`);
    expect(apiDoc.status()).toBe(403);
    expect((await apiDoc.text()).includes(MARKER)).toBe(false);
    await publicContext.close();
  });

  it('has accessible author pages, including the form with its errors', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, c.users.authorA.email, '/author');
    await expectAccessible(page);
    await page.goto(`${base}/author/reports/new`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByText('There is a problem').isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await page.getByLabel('Meeting').selectOption({ index: 1 });
    await page.getByLabel('Subject').fill('Highways maintenance plan');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/author\/reports\/\d+\?saved=1/);
    await expectAccessible(page);
    await context.close();
  });
});
