// Guests with time slots on agenda items, and presence for one item only, on SQLite and PostgreSQL: entered in the
// workspace forms, refused with the error summary when incomplete, stored, shown again, and carried into the pack.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { packInputForMeeting } from '../../../src/services/publication/pack-input.js';
import { addMembership, createBody } from '../../../src/store/bodies.js';
import { createPerson } from '../../../src/store/people.js';
import { addSection } from '../../../src/store/workspace/agenda.js';
import { scheduleMeetings } from '../../../src/store/workspace/series.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { clerkClient, workspaceApp } from './helpers.js';

describe.each(STORE_KINDS)('item guests and presence for one item on %s', (kind) => {
  const get = useTestStore(kind);

  it('records guests with time slots and a councillor present for one item', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const bodyId = await createBody(db, SYSTEM_ACTOR, { name: 'Planning Committee', kind: 'regulatory-committee', size: 2, agendaStyle: 'numbered' });
    const member = await createPerson(db, SYSTEM_ACTOR, { title: 'Mrs', forenames: 'Ann', surname: 'Archer', kind: 'councillor' });
    const local = await createPerson(db, SYSTEM_ACTOR, { title: 'Mr', forenames: 'Len', surname: 'Local', kind: 'councillor' });
    await addMembership(db, SYSTEM_ACTOR, { bodyId, personId: member, role: 'chairman', startsOn: '2024-05-01' });
    const [meeting] = await scheduleMeetings(db, SYSTEM_ACTOR, { bodyId, dates: ['2024-06-20'], time: '10:00', venue: 'Council Chamber', contacts: [], withStandingItems: false });
    const sectionId = await addSection(db, SYSTEM_ACTOR, meeting.id, { title: 'Applications', exempt: false });
    const today = { value: '2024-06-03' };
    const app = await workspaceApp(store, () => today.value);
    const { client, csrf } = await clerkClient(app, store);
    const base = { _csrf: csrf, sectionId: String(sectionId), title: 'Land at Mill Lane', purpose: '', presenters: '' };

    // A guest with a role but no name, and a time that is not a time: the form again, with the summary.
    let res = await client.post(`/workspace/meetings/${meeting.id}/items/new`, { ...base, 'guestRole-1': 'Applicant', 'guestName-2': 'Ms P Parish', 'guestTime-2': 'half ten' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#guestName-1">Guest 1: enter the guest&#39;s name</a>');
    expect(res.body).toContain('<a href="#guestTime-2">Guest 2: enter the time slot as hours and minutes on the 24-hour clock, for example 10:30</a>');
    expect(res.body).toContain('value="Ms P Parish"');
    expect(await db.selectFrom('agenda_item').select('id').where('meeting_id', '=', meeting.id).execute()).toHaveLength(0);

    res = await client.post(`/workspace/meetings/${meeting.id}/items/new`, {
      ...base, 'guestName-1': 'Mr A Applicant', 'guestRole-1': 'Applicant', 'guestTime-1': '10.30', 'guestName-2': 'Ms P Parish', 'guestRole-2': 'Mill Parish Council', 'guestTime-2': '',
    });
    expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
    const item = await db.selectFrom('agenda_item').select(['id', 'guests_json']).where('meeting_id', '=', meeting.id).executeTakeFirstOrThrow();
    expect(JSON.parse(item.guests_json)).toEqual([
      { name: 'Mr A Applicant', role: 'Applicant', timeSlot: '10:30' }, { name: 'Ms P Parish', role: 'Mill Parish Council', timeSlot: null },
    ]);
    const page = (await client.get(`/workspace/items/${item.id}`)).body;
    expect(page).toContain('value="Mr A Applicant"');
    expect(page).toContain('value="10:30"');
    expect(page).toContain('value="Mill Parish Council"');
    const packItem = (await packInputForMeeting(db, meeting.id, '2024-06-10')).input.sections[0].items[0];
    expect(packItem.guests).toEqual([{ name: 'Mr A Applicant', timeSlot: '10:30' }, { name: 'Ms P Parish', timeSlot: undefined }]);

    // Attendance: Mr Local present for the Mill Lane item only.
    const url = `/workspace/meetings/${meeting.id}/attendance`;
    expect((await client.get(url)).body).toContain('Present for one item 1');
    res = await client.post(url, { _csrf: csrf, [`att-${member}`]: 'present', 'itemPerson-1': String(local), 'itemFor-1': '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#itemFor-1">Present for one item 1: select the item Mr L Local was present for</a>');
    res = await client.post(url, { _csrf: csrf, [`att-${member}`]: 'present', 'itemPerson-1': String(member), 'itemFor-1': String(item.id) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Mrs A Archer is marked present for the whole meeting');
    res = await client.post(url, { _csrf: csrf, [`att-${member}`]: 'present', 'itemPerson-1': String(local), 'itemFor-1': String(item.id) });
    expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
    const rows = await db.selectFrom('attendance').select(['person_id', 'kind', 'for_item_id']).where('meeting_id', '=', meeting.id).orderBy('id').execute();
    expect(rows).toEqual([{ person_id: member, kind: 'present', for_item_id: null }, { person_id: local, kind: 'present', for_item_id: item.id }]);
    // The form shows the record again: the member's mark and the one-item row.
    const again = (await client.get(url)).body;
    expect(again).toMatch(new RegExp(`<option value="${local}" selected>Mr L Local</option>`));
    expect(again).toMatch(new RegExp(`<option value="${item.id}" selected>1 Land at Mill Lane</option>`));
    await app.close();
  });
});
