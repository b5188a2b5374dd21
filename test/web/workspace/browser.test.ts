// In Chromium: a clerk signs in, schedules a meeting and adds an agenda item using only the keyboard, uploads a
// paper, and every kind of workspace page (and a form showing errors) has no WCAG 2.2 AA violations (axe-core).
import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser as Chromium, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { addMembership, createBody, setSeats } from '../../../src/store/bodies.js';
import { createPerson, ensureGroup } from '../../../src/store/people.js';
import { scheduleMeetings } from '../../../src/store/workspace/series.js';
import { axeViolations, browserTestsEnabled, describeViolations, headingProblems, launchBrowser, tabUntil } from '../../helpers/browser.js';
import { createSqliteTestStore, type TestStore } from '../../helpers/stores.js';
import { addUser, PASSWORD } from '../auth/helpers.js';
import { makePdf, workspaceApp } from './helpers.js';

export const SCREENSHOTS = process.env.MOOT_SCREENSHOTS ?? '/tmp/moot-workspace-screenshots';

describe.skipIf(!browserTestsEnabled())('the clerk\'s workspace in Chromium', () => {
  let ts: TestStore;
  let app: FastifyInstance;
  let base: string;
  let browser: Chromium;
  let clerkEmail: string;
  let bodyId: number;
  let heldId: number;

  beforeAll(async () => {
    ts = await createSqliteTestStore();
    const db = ts.store.db;
    bodyId = await createBody(db, SYSTEM_ACTOR, { name: 'Regulation Committee', kind: 'regulatory-committee', size: 3, agendaStyle: 'lettered' });
    const group = await ensureGroup(db, 'Independent', 'Ind');
    await setSeats(db, SYSTEM_ACTOR, bodyId, [{ groupId: group, seats: 3 }]);
    for (const [title, forenames, surname] of [['Mrs', 'Ann', 'Archer'], ['Mr', 'Brian', 'Baker']]) {
      const id = await createPerson(db, SYSTEM_ACTOR, { title, forenames, surname, kind: 'councillor', groupId: group });
      await addMembership(db, SYSTEM_ACTOR, { bodyId, personId: id, role: surname === 'Archer' ? 'chairman' : 'member', startsOn: '2024-05-01' });
    }
    await createPerson(db, SYSTEM_ACTOR, { title: 'Mr', forenames: 'Dan', surname: 'Dunn', kind: 'officer', jobTitle: 'Democratic Services Officer' });
    const [held] = await scheduleMeetings(db, SYSTEM_ACTOR, { bodyId, dates: ['2024-05-16'], time: '10:00', venue: 'Darent Room', contacts: [], withStandingItems: true });
    heldId = held.id;
    await db.updateTable('meeting').set({ status: 'held' }).where('id', '=', heldId).execute();
    clerkEmail = (await addUser(ts.store, 'clerk')).email;
    app = await workspaceApp(ts.store, () => '2024-06-03');
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await ts?.cleanup();
  });

  async function expectAccessible(page: Page) {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(page.url(), violations)).toEqual([]);
    // GOV.UK puts the error summary and a success banner (their titles h2) above the h1: that is by design.
    const byDesign = ['first heading is not h1 (h2 "Success")', 'first heading is not h1 (h2 "There is a problem")'];
    const problems = (await headingProblems(page)).filter((p) => !byDesign.includes(p));
    expect(problems, page.url()).toEqual([]);
  }

  it('schedules a meeting and builds its agenda from the keyboard, and every page passes axe', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/workspace`);
    expect(page.url()).toContain('/account/sign-in');
    await page.getByLabel('Email address').fill(clerkEmail);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/workspace`);

    // Schedule a meeting with the keyboard only.
    await page.goto(`${base}/workspace/meetings/new`);
    expect(await tabUntil(page, '#bodyId')).not.toBeNull();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('20');
    await page.keyboard.press('Tab');
    await page.keyboard.type('6');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2024');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('10:30');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Darent Room, Sessions House');
    expect(await tabUntil(page, 'button.govuk-button')).not.toBeNull();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/workspace\/meetings\/\d+\?scheduled=1$/);
    const meetingId = Number(/meetings\/(\d+)/.exec(page.url())![1]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('20 June 2024');
    await expectAccessible(page);

    // Add an agenda item with the keyboard.
    await page.goto(`${base}/workspace/meetings/${meetingId}/items/new`);
    await tabUntil(page, '#sectionId');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Taxi licensing fees');
    await page.keyboard.press('Tab');
    await page.keyboard.type('To agree the fees');
    expect(await tabUntil(page, 'button.govuk-button')).not.toBeNull();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/workspace/meetings/${meetingId}/agenda`);
    await expect(page.getByRole('rowheader', { name: 'A5' }).isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS}/agenda.png`, fullPage: true });

    // Upload a paper through the file input.
    const itemId = await ts.store.db.selectFrom('agenda_item').select('id').where('meeting_id', '=', meetingId).where('code', '=', 'A5').executeTakeFirstOrThrow();
    await page.goto(`${base}/workspace/items/${itemId.id}/papers`);
    await page.getByLabel('Title').fill('Report of the Head of Licensing');
    await page.setInputFiles('#file', { name: 'fees.pdf', mimeType: 'application/pdf', buffer: await makePdf('Fees') });
    await page.getByRole('button', { name: 'Upload paper' }).click();
    await page.waitForURL(/papers\?uploaded=1$/);
    await expect(page.getByText('fees.pdf').isVisible()).resolves.toBe(true);
    await expectAccessible(page);

    // A form with errors: the summary links to the fields.
    await page.goto(`${base}/workspace/meetings/new`);
    await page.getByRole('button', { name: 'Schedule meeting' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Select the body that is meeting');
    await expectAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS}/schedule-errors.png`, fullPage: true });

    const item = await ts.store.db.selectFrom('agenda_item').select('id').where('meeting_id', '=', heldId).orderBy('position').executeTakeFirstOrThrow();
    const pages = [
      '/workspace', '/workspace/bodies', `/workspace/bodies/${bodyId}`, '/workspace/bodies/new', `/workspace/bodies/${bodyId}/edit`, `/workspace/bodies/${bodyId}/members/new`,
      '/workspace/groups', '/workspace/people', '/workspace/people/new', '/workspace/meetings', '/workspace/meetings/series',
      `/workspace/meetings/${meetingId}/publish`, `/workspace/items/${itemId.id}`, `/workspace/items/${itemId.id}/defer`,
      `/workspace/meetings/${heldId}/attendance`, `/workspace/meetings/${heldId}/declarations`, `/workspace/meetings/${heldId}/minutes`,
      `/workspace/meetings/${heldId}/minutes/${item.id}`, '/workspace/decisions', '/workspace/decisions/new',
    ];
    for (const path of pages) {
      const res = await page.goto(`${base}${path}`);
      expect(res?.status(), path).toBe(200);
      await expectAccessible(page);
    }
    await page.goto(`${base}/workspace/meetings/${heldId}/attendance`);
    await page.screenshot({ path: `${SCREENSHOTS}/attendance.png`, fullPage: true });
  });
});
