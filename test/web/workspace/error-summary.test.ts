// A refused change shows the page again with the GOV.UK error summary, not a bare error page: adding a section,
// moving, withdrawing and reinstating items, marking a meeting held, cancelling or postponing it, and publishing
// draft minutes. On SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { createBody } from '../../../src/store/bodies.js';
import { addItem, addSection } from '../../../src/store/workspace/agenda.js';
import { scheduleMeetings } from '../../../src/store/workspace/series.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { clerkClient, workspaceApp } from './helpers.js';

const SUMMARY = 'govuk-error-summary';

describe.each(STORE_KINDS)('refused changes show the form with the error summary on %s', (kind) => {
  const get = useTestStore(kind);

  it('keeps the clerk on the page with a summary linking to what was wrong', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const bodyId = await createBody(db, SYSTEM_ACTOR, { name: 'Audit Committee', kind: 'regulatory-committee', size: 3, agendaStyle: 'numbered' });
    const [meeting] = await scheduleMeetings(db, SYSTEM_ACTOR, { bodyId, dates: ['2024-06-20'], time: '10:00', venue: 'Council Chamber', contacts: [], withStandingItems: false });
    const sectionId = await addSection(db, SYSTEM_ACTOR, meeting.id, { title: 'Items for decision', exempt: false });
    const fields = { sectionId, purpose: null, presenters: [], toFollow: false, urgentReason: null, exempt: false, exemptParagraphs: [], publicInterestReason: null };
    const first = await addItem(db, SYSTEM_ACTOR, meeting.id, { ...fields, title: 'Internal audit plan' });
    await addItem(db, SYSTEM_ACTOR, meeting.id, { ...fields, title: 'Risk register' });
    const app = await workspaceApp(store, () => '2024-06-03');
    const { client, csrf } = await clerkClient(app, store);
    const post = async (url: string, form: Record<string, string> = {}) => {
      const res = await client.post(url, { _csrf: csrf, ...form });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 800)}`).toBe(400);
      expect(res.body).toContain(SUMMARY);
      expect(res.body).toContain('<title>Error: ');
      return res.body;
    };

    // A section without a title: the agenda again, the title kept empty and flagged, the exempt choice kept.
    let html = await post(`/workspace/meetings/${meeting.id}/sections`, { title: '  ', exempt: 'yes' });
    expect(html).toContain('<a href="#title">Enter the section title</a>');
    expect(html).toContain('<h1 class="govuk-heading-l">Agenda</h1>');
    expect(html).toMatch(/name="exempt" type="checkbox" value="yes" checked/);
    expect(html).toContain('Internal audit plan');

    // Marking held before the day: the meeting page (with its real counts), the summary linking to the button.
    html = await post(`/workspace/meetings/${meeting.id}/held`);
    expect(html).toContain('<a href="#mark-held">The meeting cannot be marked as held: the meeting is on Thursday 20 June 2024; it can be marked as held from that day</a>');
    expect(html).toContain('id="mark-held"');
    expect(html).toContain('2 items');

    // Cancelling without a reason: the same page, the cancel form open with the choice kept.
    html = await post(`/workspace/meetings/${meeting.id}/cancel`, { status: 'postponed', reason: '' });
    expect(html).toContain('<a href="#reason">Enter the reason</a>');
    expect(html).toMatch(/<details class="govuk-details" open/);
    expect(html).toMatch(/value="postponed" checked/);
    expect(html).toContain('2 items');

    // Publishing draft minutes of a meeting not yet held: the minutes page with the summary.
    html = await post(`/workspace/meetings/${meeting.id}/minutes/publish`);
    expect(html).toContain('<a href="#minutes-table">The draft minutes were not published: only the minutes of a meeting that has been held can be published</a>');
    expect(html).toContain('id="minutes-table"');

    // Once the agenda is published items keep their codes: a move is refused on the agenda page, linking to the row.
    await db.updateTable('meeting').set({ status: 'agenda-published' }).where('id', '=', meeting.id).execute();
    html = await post(`/workspace/items/${first.id}/move-down`);
    expect(html).toContain(`<a href="#item-${first.id}">Item 1 was not moved: items cannot be moved once the agenda is published: their codes are in print</a>`);
    expect(html).toContain(`id="item-${first.id}"`);

    // After the meeting, withdrawing or reinstating is refused the same way.
    await db.updateTable('meeting').set({ status: 'held' }).where('id', '=', meeting.id).execute();
    html = await post(`/workspace/items/${first.id}/withdraw`);
    expect(html).toContain(`<a href="#item-${first.id}">Item 1 was not withdrawn: the agenda cannot be changed once the meeting is held</a>`);
    html = await post(`/workspace/items/${first.id}/reinstate`);
    expect(html).toContain('Item 1 was not reinstated');
    html = await post(`/workspace/meetings/${meeting.id}/sections`, { title: 'Late items' });
    expect(html).toContain('<a href="#title">The agenda cannot be changed once the meeting is held</a>');
    expect(await db.selectFrom('agenda_section').select('id').where('meeting_id', '=', meeting.id).execute()).toHaveLength(1);
    await app.close();
  });
});
