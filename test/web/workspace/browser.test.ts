// In Chromium: the clerk's whole journey, from scheduling a meeting to approving its minutes at the next one —
// keyboard first, axe-core (WCAG 2.2 AA) on every page visited — ending on the public meeting page, which shows the
// approved minutes and nothing of the exempt paper. Then every other kind of workspace page passes axe too.
import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser as Chromium, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { addMembership, createBody, setSeats } from '../../../src/store/bodies.js';
import { createPerson, ensureGroup } from '../../../src/store/people.js';
import { recordMinutes } from '../../../src/store/proceedings.js';
import { scheduleMeetings } from '../../../src/store/workspace/series.js';
import { axeViolations, browserTestsEnabled, describeViolations, headingProblems, launchBrowser, tabUntil } from '../../helpers/browser.js';
import { createSqliteTestStore, type TestStore } from '../../helpers/stores.js';
import { addUser, PASSWORD } from '../auth/helpers.js';
import publicPortal from '../../../src/web/routes/public/index.js';
import workspace from '../../../src/web/routes/workspace/index.js';
import { appOn } from '../auth/helpers.js';
import { makePdf } from './helpers.js';

export const SCREENSHOTS = process.env.MOOT_SCREENSHOTS ?? '/tmp/moot-workspace-screenshots';

describe.skipIf(!browserTestsEnabled())('the clerk\'s workspace in Chromium', () => {
  let ts: TestStore;
  let app: FastifyInstance;
  let base: string;
  let browser: Chromium;
  let clerkEmail: string;
  let bodyId: number;
  let heldId: number;
  let today = '2024-06-03';

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
    const cara = await createPerson(db, SYSTEM_ACTOR, { title: 'Ms', forenames: 'Cara', surname: 'Cole', kind: 'councillor', groupId: group });
    await addMembership(db, SYSTEM_ACTOR, { bodyId, personId: cara, role: 'substitute', startsOn: '2024-05-01' });
    await createPerson(db, SYSTEM_ACTOR, { title: 'Mr', forenames: 'Dan', surname: 'Dunn', kind: 'officer', jobTitle: 'Democratic Services Officer' });
    const [held] = await scheduleMeetings(db, SYSTEM_ACTOR, { bodyId, dates: ['2024-05-16'], time: '10:00', venue: 'Darent Room', contacts: [], withStandingItems: true });
    heldId = held.id;
    // The next meeting, at which the journey's minutes are approved.
    await scheduleMeetings(db, SYSTEM_ACTOR, { bodyId, dates: ['2024-07-18'], time: '10:00', venue: 'Darent Room', contacts: [], withStandingItems: true });
    await db.updateTable('meeting').set({ status: 'held' }).where('id', '=', heldId).execute();
    // Its minutes go in the journey's pack as the "Minutes of the previous meeting" paper.
    await recordMinutes(db, SYSTEM_ACTOR, heldId, [{ number: '1', title: 'Apologies' }, { number: '2', title: 'Licensing policy' }]);
    clerkEmail = (await addUser(ts.store, 'clerk')).email;
    app = await appOn(ts.store, { today: () => today, routes: [{ plugin: workspace }, { plugin: publicPortal }] });
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

  async function signIn(page: Page) {
    await page.goto(`${base}/workspace`);
    expect(page.url()).toContain('/account/sign-in');
    await expectAccessible(page);
    await page.getByLabel('Email address').fill(clerkEmail);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/workspace`);
    await expectAccessible(page);
  }

  /** Submits the focused form with the keyboard: Tab to its button, then Enter. */
  async function submitWith(page: Page, button: string, url: RegExp | string) {
    await page.getByRole('button', { name: button, exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(url);
  }

  it('runs a meeting from scheduling to approved minutes, keyboard first, every page passing axe', async () => {
    today = '2024-06-17';
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page);

    // Schedule the meeting with the keyboard only.
    await page.goto(`${base}/workspace/meetings/new`);
    await expectAccessible(page);
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

    // Agenda: an item for decision, then an exempt section and an exempt item with its paragraph.
    await page.goto(`${base}/workspace/meetings/${meetingId}/items/new`);
    await tabUntil(page, '#sectionId');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Taxi licensing fees');
    await page.keyboard.press('Tab');
    await page.keyboard.type('To agree the fees');
    await expectAccessible(page);
    expect(await tabUntil(page, 'button.govuk-button')).not.toBeNull();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/workspace/meetings/${meetingId}/agenda`);
    // A new item goes before the closing standing item ("Other items … urgent"), which becomes A5.
    await expect(page.getByRole('rowheader', { name: 'A4' }).isVisible()).resolves.toBe(true);
    await expectAccessible(page);

    await page.getByLabel('Section title').focus();
    await page.keyboard.type('Exempt items');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await submitWith(page, 'Add section', `${base}/workspace/meetings/${meetingId}/agenda`);
    await page.getByRole('link', { name: 'Add an item to Exempt items' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/items\/new\?section=\d+$/);
    await page.getByLabel('Title', { exact: true }).focus();
    await page.keyboard.type('Enforcement case');
    await page.getByLabel('Exempt item: the press and public are excluded').focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Paragraph 7').focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Public interest test').focus();
    await page.keyboard.type('An investigation is under way and disclosure would prejudice it');
    await expectAccessible(page);
    await submitWith(page, 'Save item', `${base}/workspace/meetings/${meetingId}/agenda`);
    await expect(page.getByRole('rowheader', { name: 'B1' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('Exempt: paragraph 7').isVisible()).resolves.toBe(true);

    // Papers: one for the public item and a restricted one for the exempt item.
    const items = await ts.store.db.selectFrom('agenda_item').select(['id', 'code']).where('meeting_id', '=', meetingId).execute();
    const itemId = (code: string) => items.find((i) => i.code === code)!.id;
    for (const [code, title, fileName, text] of [['A4', 'Report of the Head of Licensing', 'fees.pdf', 'Fees'], ['B1', 'Enforcement file on Mr Zebedee Quill', 'case.pdf', 'Restricted']]) {
      await page.goto(`${base}/workspace/items/${itemId(code)}/papers`);
      await page.getByLabel('Title').fill(title);
      await page.setInputFiles('#file', { name: fileName, mimeType: 'application/pdf', buffer: await makePdf(text) });
      await submitWith(page, 'Upload paper', /papers\?uploaded=1$/);
      await expect(page.getByText(fileName).isVisible()).resolves.toBe(true);
      await expectAccessible(page);
    }

    // Publish through the publish page: three days before the meeting, so a reason for lateness is needed.
    await page.goto(`${base}/workspace/meetings/${meetingId}`);
    await page.getByRole('button', { name: 'Check and publish agenda' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/workspace/meetings/${meetingId}/publish`);
    await expectAccessible(page);
    const blocking = await page.locator('#pack-errors').textContent();
    expect(blocking).toContain('no reason for late publication is recorded');
    // Lateness is the only thing stopping publication.
    expect(await page.locator('#pack-errors li').count(), blocking ?? '').toBe(1);
    await submitWith(page, 'Publish agenda', `${base}/workspace/meetings/${meetingId}/publish`);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('The agenda was not published');
    await expectAccessible(page);
    await page.getByLabel(/Reason for late publication/).focus();
    await page.keyboard.type('The licensing fee consultation closed on 14 June');
    await submitWith(page, 'Publish agenda', /publish\?published=1$/);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Agenda published');
    await expectAccessible(page);

    // The day of the meeting: held, then attendance with a substitute.
    today = '2024-06-20';
    await page.goto(`${base}/workspace/meetings/${meetingId}`);
    await submitWith(page, 'Mark as held', `${base}/workspace/meetings/${meetingId}?saved=1`);
    await expect(page.getByText('Held', { exact: true }).isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await page.goto(`${base}/workspace/meetings/${meetingId}/attendance`);
    await page.getByRole('group', { name: /Mrs A Archer/ }).getByLabel('Present').check();
    await page.getByRole('group', { name: 'Mr B Baker' }).getByLabel('Apologies').check();
    await page.locator('#subPerson-1').selectOption({ label: 'Ms C Cole' });
    await page.locator('#subFor-1').selectOption({ label: 'Mr B Baker' });
    await submitWith(page, 'Save attendance', /attendance\?saved=1$/);
    await expectAccessible(page);

    // Minutes for two items, then the draft minutes published.
    for (const [code, title, paragraphs, resolution] of [
      ['A1', 'Apologies and Substitutes', 'Apologies were received from Mr B Baker; Ms C Cole attended as substitute.', ''],
      ['A4', 'Taxi licensing fees', 'The Head of Licensing introduced the report.', 'the fees be agreed.'],
    ]) {
      await page.goto(`${base}/workspace/meetings/${meetingId}/minutes`);
      await page.getByRole('link', { name: `Write the minute for item ${code}` }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/workspace/meetings/${meetingId}/minutes/${itemId(code)}`);
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('Paragraphs').fill(paragraphs);
      if (resolution) await page.getByLabel('Lettered parts').fill(resolution);
      await expectAccessible(page);
      await submitWith(page, 'Save minute', /minutes\?saved=1$/);
    }
    await expectAccessible(page);
    // The other items have no minute yet: the clerk confirms the draft minutes are published without them.
    await expect(page.locator('main').textContent()).resolves.toContain('Publish the draft minutes without minutes for these items');
    await page.getByLabel('Publish the draft minutes without minutes for these items').focus();
    await page.keyboard.press('Space');
    await submitWith(page, 'Publish draft minutes', `${base}/workspace/meetings/${meetingId}?saved=1`);

    // The next meeting: the minutes approved with an amendment.
    today = '2024-07-18';
    await page.goto(`${base}/workspace/meetings/${meetingId}/minutes`);
    await page.getByRole('button', { name: 'Record approval of the minutes' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/minutes\/approve$/);
    await page.locator('#atMeetingId').selectOption({ label: 'Thursday 18 July 2024' });
    await page.getByLabel('Amendments (optional)').fill('Minute 4: "agreed" should read "agreed unanimously".');
    await expectAccessible(page);
    await submitWith(page, 'Record approval', `${base}/workspace/meetings/${meetingId}?saved=1`);
    await expect(page.locator('main').textContent()).resolves.toMatch(/approved at the meeting on [A-Za-z ]*18 July 2024/);
    await expectAccessible(page);

    // The public see the approved minutes and nothing of the exempt paper.
    const { slug } = await ts.store.db.selectFrom('meeting').select('slug').where('id', '=', meetingId).executeTakeFirstOrThrow();
    const publicPage = await (await browser.newContext()).newPage();
    const res = await publicPage.goto(`${base}/meetings/${slug}`);
    expect(res?.status()).toBe(200);
    const text = (await publicPage.locator('main').textContent()) ?? '';
    expect(text).toContain('Approved as a correct record');
    expect(text).toContain('agreed unanimously');
    expect(text).toContain('The Head of Licensing introduced the report.');
    expect(text).toContain('Enforcement case');
    expect(text).not.toContain('Zebedee Quill');
    expect(await publicPage.content()).not.toContain('Zebedee Quill');
    await expectAccessible(publicPage);
    await page.screenshot({ path: `${SCREENSHOTS}/journey-approved.png`, fullPage: true });
  }, 150_000);

  it('every kind of workspace page (and a form showing errors) passes axe', async () => {
    today = '2024-06-03';
    const page = await (await browser.newContext()).newPage();
    await signIn(page);
    const meetingId = (await ts.store.db.selectFrom('meeting').select('id').where('date', '=', '2024-07-18').executeTakeFirstOrThrow()).id;
    const itemId = await ts.store.db.selectFrom('agenda_item').select('id').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();

    // A form with errors: the summary links to the fields.
    await page.goto(`${base}/workspace/meetings/new`);
    await page.getByRole('button', { name: 'Schedule meeting' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Select the body that is meeting');
    await expectAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS}/schedule-errors.png`, fullPage: true });
    // A refused status change: the meeting page again, its summary linking to the button.
    await page.goto(`${base}/workspace/meetings/${meetingId}`);
    await page.getByRole('button', { name: 'Mark as held' }).click();
    await page.waitForURL(`${base}/workspace/meetings/${meetingId}/held`);
    await expect(page.locator('.govuk-error-summary a[href="#mark-held"]').textContent()).resolves.toContain('can be marked as held from that day');
    await expectAccessible(page);

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
  }, 120_000);
});
