// The clerk's decision form over HTTP: the agenda item a decision was taken on is chosen from the meetings' agendas
// (grouped by meeting, no script needed), refused on its field when it is not the chosen meeting's, and shown with
// a link on the public decision page and the meeting page.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { registerPortal } from '../../../src/server.js';
import { createUser } from '../../../src/store/accounts.js';
import { updateMeetingRow } from '../../../src/store/meetings.js';
import { buildApp } from '../../../src/web/app.js';
import { Browser } from '../../api/fixture.js';
import { useTestStore } from '../../helpers/use-store.js';
import { cycleCouncil, DATES } from '../../services/executive/fixture.js';

const form = {
  takerKind: 'body', takerName: 'Cabinet', 'takenOn-day': '3', 'takenOn-month': '2', 'takenOn-year': '2026', subject: 'Highways term maintenance contract',
  text: 'Award the highways term maintenance contract to the preferred bidder.', reasons: 'Best value after tender.', alternatives: 'Extend the current contract.',
};

describe('recording a decision on an agenda item', () => {
  const get = useTestStore('sqlite');
  let app: FastifyInstance | null = null;
  const today = DATES.cabinet;
  afterAll(async () => {
    await app?.close();
  });

  it('offers the items of each meeting, takes the meeting from the item, and the public pages show and link the item', async (ctx) => {
    const { store } = get(ctx);
    const c = await cycleCouncil(store.db);
    app = await buildApp({ store, today: () => today, routes: registerPortal(), logger: { level: 'error' } });
    const clerk = await Browser.signedIn(app, store, await createUser(store.db, SYSTEM_ACTOR, { email: 'clerk@example.org', displayName: 'Clerk', role: 'clerk', personId: null, password: 'correct horse battery staple' }));
    const [apologies, highways] = c.cabinetMeeting.items;

    const page = await clerk.get('/workspace/decisions/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<optgroup label="Cabinet, Tuesday 3 February 2026">');
    expect(page.body).toContain(`<option value="${highways.id}">Item 2: Highways term maintenance contract</option>`);
    expect(page.body).toContain('<optgroup label="Scrutiny Committee, Friday 20 February 2026">');

    // An item of another meeting than the one chosen is refused on the item, naming where the item is.
    const scrutinyItem = c.scrutinyMeeting.items[0];
    const wrong = await clerk.post('/workspace/decisions/new', { ...form, meetingId: String(c.cabinetMeeting.id), agendaItemId: String(scrutinyItem.id) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('href="#agendaItemId"');
    expect(wrong.body).toContain('Item A1 (Apologies and substitutes) is on the agenda of Scrutiny Committee, Friday 20 February 2026');
    // The form keeps the choice.
    expect(wrong.body).toContain(`<option value="${scrutinyItem.id}" selected>`);

    // The item alone: its meeting (and so the body) is recorded with it.
    const saved = await clerk.post('/workspace/decisions/new', { ...form, agendaItemId: String(highways.id) });
    expect(saved.statusCode).toBe(303);
    const id = Number(/\/workspace\/decisions\/(\d+)/.exec(saved.headers.location as string)![1]);
    const row = await store.db.selectFrom('decision').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ meeting_id: c.cabinetMeeting.id, agenda_item_id: highways.id, taker_body_id: c.cabinet });
    const ws = await clerk.get(`/workspace/decisions/${id}`);
    expect(ws.body).toContain('Item 2: Highways term maintenance contract');
    expect(apologies.id).not.toBe(highways.id);

    // Public once published, on the meeting's published agenda.
    expect((await clerk.post(`/workspace/decisions/${id}/publish`, { 'publishedOn-day': '4', 'publishedOn-month': '2', 'publishedOn-year': '2026' })).statusCode).toBe(303);
    const pub = new Browser(app);
    await updateMeetingRow(store.db, c.cabinetMeeting.id, { status: 'agenda-published', agenda_published_at: '2026-01-26T09:00:00.000Z' });
    const meetingSlug = (await store.db.selectFrom('meeting').select('slug').where('id', '=', c.cabinetMeeting.id).executeTakeFirstOrThrow()).slug;
    const itemLink = `<a class="govuk-link" href="/meetings/${meetingSlug}/items/2">Item 2: Highways term maintenance contract</a>`;
    const decisionPage = await pub.get(`/decisions/${row.slug}`);
    expect(decisionPage.body).toContain('Agenda item');
    expect(decisionPage.body).toContain(itemLink);
    const meetingPage = await pub.get(`/meetings/${meetingSlug}`);
    expect(meetingPage.body).toContain(`href="/decisions/${row.slug}"`);
    expect(meetingPage.body).toContain(itemLink);
    const itemPage = await pub.get(`/meetings/${meetingSlug}/items/2`);
    expect(itemPage.body).toContain(`href="/decisions/${row.slug}"`);
  });
});
