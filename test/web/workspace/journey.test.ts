// The clerk's whole journey through the workspace over HTTP, on SQLite and PostgreSQL: schedule a meeting, build
// its agenda, upload papers (a bad one refused), publish, take attendance, write minutes whose numbers continue
// from the body's previous meeting, publish the draft minutes and approve them at the next meeting.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { createMeeting } from '../../../src/store/meetings.js';
import { recordMinutes } from '../../../src/store/proceedings.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { clerkClient, idsIn, makePdf, multipart, workspaceApp } from './helpers.js';

describe.each(STORE_KINDS)('clerk journey on %s', (kind) => {
  const get = useTestStore(kind);

  it('runs a meeting from scheduling to approved minutes', async (ctx) => {
    const { store } = get(ctx);
    let today = '2024-06-03';
    const app = await workspaceApp(store, () => today);
    const { client, csrf } = await clerkClient(app, store);
    const post = async (url: string, form: Record<string, string>, expected = 303) => {
      const res = await client.post(url, { _csrf: csrf, ...form });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 2000)}`).toBe(expected);
      return res;
    };

    // Bodies, groups, people and memberships.
    let res = await post('/workspace/bodies/new', { name: 'Regulation Committee', kind: 'regulatory-committee', size: '3', agendaStyle: 'lettered', purpose: '' });
    const bodyId = Number(/\/workspace\/bodies\/(\d+)/.exec(res.headers.location as string)![1]);
    await post('/workspace/groups', { name: 'Independent', shortName: 'Ind' });
    const groupId = idsIn((await client.get('/workspace/groups')).body, /\/workspace\/groups\/(\d+)/g)[0];
    await post(`/workspace/bodies/${bodyId}/seats`, { [`seats-${groupId}`]: '3' });
    // More seats than the body has is refused (the service's rule, shared with the API), on the group's box.
    res = await post(`/workspace/bodies/${bodyId}/seats`, { [`seats-${groupId}`]: '4' }, 400);
    expect(res.body).toContain('The groups&#39; seats add up to 4, more than the body&#39;s 3 seats');
    expect(res.body).toContain(`href="#seats-${groupId}"`);
    const personIds: number[] = [];
    for (const [title, forenames, surname, kindOf] of [['Mrs', 'Ann', 'Archer', 'councillor'], ['Mr', 'Brian', 'Baker', 'councillor'], ['Ms', 'Cara', 'Cole', 'councillor'], ['Mr', 'Dan', 'Dunn', 'officer']]) {
      res = await post('/workspace/people/new', { title, forenames, initials: '', surname, postNominals: '', kind: kindOf, groupId: kindOf === 'councillor' ? String(groupId) : '', jobTitle: kindOf === 'officer' ? 'Democratic Services Officer' : '', division: '', email: '', phone: '' });
      personIds.push(Number(/\/workspace\/people\/(\d+)/.exec(res.headers.location as string)![1]));
    }
    const [ann, brian, cara, dan] = personIds;
    for (const [pid, role] of [[ann, 'chairman'], [brian, 'member'], [cara, 'substitute']] as const) {
      await post(`/workspace/bodies/${bodyId}/members/new`, { personId: String(pid), role, groupId: '', coOptedCategory: '', votingNote: '', 'startsOn-day': '1', 'startsOn-month': '5', 'startsOn-year': '2024' });
    }
    // A membership start date that is not a date is refused, naming the field.
    res = await post(`/workspace/bodies/${bodyId}/members/new`, { personId: String(brian), role: 'member', 'startsOn-day': '31', 'startsOn-month': '2', 'startsOn-year': '2024' }, 400);
    expect(res.body).toContain('The start date must be a real date');
    expect(res.body).toContain('href="#startsOn-day"');

    // The body's previous meeting ended at minute 77.
    const previous = await createMeeting(store.db, SYSTEM_ACTOR, { bodyId, date: '2024-05-16', status: 'held' });
    await recordMinutes(store.db, SYSTEM_ACTOR, previous.id, [{ number: '75', title: 'Apologies' }, { number: '76', title: 'Minutes' }, { number: '77', title: 'Licensing policy' }]);

    // Schedule a meeting with standing items, and a series for the rest of the year.
    res = await post('/workspace/meetings/new', { bodyId: String(bodyId), 'date-day': '20', 'date-month': '6', 'date-year': '2024', time: '10:00', venue: 'Darent Room, Sessions House', contactName: 'Dan Dunn', contactPhone: '03000 416749', contactEmail: '', standing: 'yes' });
    const meetingId = Number(/\/workspace\/meetings\/(\d+)/.exec(res.headers.location as string)![1]);
    res = await post('/workspace/meetings/series', { bodyId: String(bodyId), 'from-day': '1', 'from-month': '7', 'from-year': '2024', 'to-day': '31', 'to-month': '12', 'to-year': '2024', weekday: '1', pattern: 'monthly', nth: '1', everyWeeks: '', time: '14:00', venue: 'Council Chamber', standing: 'yes' }, 200);
    // First Mondays from July to December 2024; 26 August is the last Monday, so none is a bank holiday here.
    expect(res.body).toContain('6 meetings scheduled');
    // A series over more than a year is refused by the service the API shares, on the last date's boxes.
    res = await post('/workspace/meetings/series', { bodyId: String(bodyId), 'from-day': '1', 'from-month': '7', 'from-year': '2024', 'to-day': '1', 'to-month': '8', 'to-year': '2025', weekday: '1', pattern: 'monthly', nth: '1', everyWeeks: '', time: '14:00', venue: 'Council Chamber', standing: 'yes' }, 400);
    expect(res.body).toContain('A series can cover at most one year');
    expect(res.body).toContain('href="#to-day"');
    const later = await store.db.selectFrom('meeting').select(['id', 'date']).where('body_id', '=', bodyId).where('date', '>', '2024-06-20').orderBy('date').execute();
    expect(later.map((m) => m.date)).toEqual(['2024-07-01', '2024-08-05', '2024-09-02', '2024-10-07', '2024-11-04', '2024-12-02']);

    // Build the agenda: a section for decisions, an item, an exempt section with an exempt item.
    await post(`/workspace/meetings/${meetingId}/sections`, { title: 'Items for decision', exempt: '' });
    await post(`/workspace/meetings/${meetingId}/sections`, { title: 'Exempt items', exempt: 'yes' });
    const agenda = (await client.get(`/workspace/meetings/${meetingId}/agenda`)).body;
    const sectionIds = idsIn(agenda, /items\/new\?section=(\d+)/g);
    expect(sectionIds).toHaveLength(3);
    await post(`/workspace/meetings/${meetingId}/items/new`, { sectionId: String(sectionIds[1]), title: 'Taxi licensing fees', purpose: 'To agree the fees', presenters: 'Mr D Dunn' });
    await post(`/workspace/meetings/${meetingId}/items/new`, { sectionId: String(sectionIds[1]), title: 'Street trading policy', purpose: '', presenters: '', toFollow: 'yes' });
    res = await post(`/workspace/meetings/${meetingId}/items/new`, { sectionId: String(sectionIds[2]), title: 'Enforcement case', exempt: 'yes' }, 400);
    expect(res.body).toContain('Select at least one paragraph of Schedule 12A');
    expect(res.body).toContain('Enter why the public interest');
    await post(`/workspace/meetings/${meetingId}/items/new`, { sectionId: String(sectionIds[2]), title: 'Enforcement case', exempt: 'yes', exemptParagraphs: '7', publicInterestReason: 'An investigation is under way' });
    const items = await store.db.selectFrom('agenda_item').select(['id', 'code', 'title', 'exempt']).where('meeting_id', '=', meetingId).orderBy('code').execute();
    expect(items.map((i) => i.code)).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'C1']);
    const taxi = items.find((i) => i.title === 'Taxi licensing fees')!;
    const street = items.find((i) => i.title === 'Street trading policy')!;
    const enforcement = items.find((i) => i.title === 'Enforcement case')!;
    // Moving B2 up makes it B1.
    await post(`/workspace/items/${street.id}/move-up`, {});
    const codes = await store.db.selectFrom('agenda_item').select(['id', 'code']).where('id', 'in', [taxi.id, street.id]).execute();
    expect(Object.fromEntries(codes.map((c) => [c.id, c.code]))).toEqual({ [street.id]: 'B1', [taxi.id]: 'B2' });

    // Papers: a real PDF is accepted (classified like its item); a file that is not a PDF is refused clearly.
    const upload = async (itemId: number, bytes: Buffer, fileName: string, expected: number, extra: Record<string, string> = {}) => {
      const body = multipart({ _csrf: csrf, title: 'Report of the Head of Licensing', kind: 'report', ...extra }, { name: 'file', fileName, type: 'application/pdf', bytes });
      const out = await app.inject({ method: 'POST', url: `/workspace/items/${itemId}/papers`, headers: { cookie: client.cookieHeader(), 'content-type': body.contentType }, payload: body.payload });
      expect(out.statusCode, out.body.slice(0, 1500)).toBe(expected);
      return out;
    };
    await upload(taxi.id, await makePdf('Taxi licensing fees report'), 'taxi-fees.pdf', 303);
    await upload(enforcement.id, await makePdf('Enforcement case: restricted'), 'enforcement.pdf', 303);
    const bad = await upload(taxi.id, Buffer.from('Just some text, not a PDF at all'), 'notes.pdf', 400);
    expect(bad.body).toContain('&quot;notes.pdf&quot; is not a PDF');
    expect(bad.body).toContain('href="#file"');
    const papers = await store.db.selectFrom('document').select(['agenda_item_id', 'classification', 'exempt_paragraphs', 'current_version']).where('meeting_id', '=', meetingId).execute();
    expect(papers.find((p) => p.agenda_item_id === enforcement.id)).toMatchObject({ classification: 'exempt', exempt_paragraphs: '7' });
    expect(papers.find((p) => p.agenda_item_id === taxi.id)).toMatchObject({ classification: 'unrestricted', current_version: 1 });
    // Replacing a paper makes version 2.
    const taxiDoc = await store.db.selectFrom('document').select('id').where('agenda_item_id', '=', taxi.id).executeTakeFirstOrThrow();
    await upload(taxi.id, await makePdf('Taxi licensing fees report, corrected'), 'taxi-fees-v2.pdf', 303, { replaces: String(taxiDoc.id), note: 'corrected table 2' });
    expect((await store.db.selectFrom('document').select('current_version').where('id', '=', taxiDoc.id).executeTakeFirstOrThrow()).current_version).toBe(2);

    // The publish page shows the pack builder's verdict; publishing moves the meeting on.
    const check = await client.get(`/workspace/meetings/${meetingId}/publish`);
    expect(check.statusCode).toBe(200);
    await post(`/workspace/meetings/${meetingId}/publish`, { lateReason: '' });
    expect((await store.db.selectFrom('meeting').select('status').where('id', '=', meetingId).executeTakeFirstOrThrow()).status).toBe('agenda-published');

    // The day of the meeting: held, attendance, declarations.
    res = await post(`/workspace/meetings/${meetingId}/held`, {}, 400);
    expect(res.body).toContain('it can be marked as held from that day');
    today = '2024-06-20';
    await post(`/workspace/meetings/${meetingId}/held`, {});
    res = await post(`/workspace/meetings/${meetingId}/attendance`, { [`att-${ann}`]: 'present' }, 400);
    expect(res.body).toContain('Select whether Mr B Baker was present, sent apologies or was absent');
    await post(`/workspace/meetings/${meetingId}/attendance`, { [`att-${ann}`]: 'present', [`att-${brian}`]: 'apologies', 'subPerson-1': String(cara), 'subFor-1': String(brian), alsoPresent: 'Mr X Visitor', officers: String(dan) });
    const attendance = await store.db.selectFrom('attendance').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();
    expect(attendance.map((a) => [a.name_as_recorded, a.kind, a.role, a.substitute_for_name])).toEqual([
      ['Mrs A Archer', 'present', 'Chairman', null], ['Mr B Baker', 'apologies', null, null], ['Ms C Cole', 'present', null, 'Mr B Baker'],
      ['Mr X Visitor', 'also-present', null, null], ['Mr D Dunn', 'in-attendance', 'Democratic Services Officer', null],
    ]);
    await post(`/workspace/meetings/${meetingId}/declarations`, { personId: String(ann), agendaItemId: String(taxi.id), kind: 'personal', nature: 'Her son drives a taxi', dispensation: '' });

    // Minutes: numbered 78, 79… in agenda order whichever is written first.
    await post(`/workspace/meetings/${meetingId}/minutes/${taxi.id}`, { title: 'Taxi licensing fees', paragraphs: 'The Head of Licensing introduced the report.\n\nMembers asked about the fees.', resolutionText: 'RESOLVED that', resolutionParts: 'the fees be agreed;\nthe fees be reviewed in a year.', voteMotion: 'That the fees be agreed', voteFor: 'Mrs A Archer\nMs C Cole', voteAgainst: '', voteAbstained: '' });
    // The apologies minute is drafted from the attendance just recorded.
    res = await client.get(`/workspace/meetings/${meetingId}/minutes/${items.find((i) => i.code === 'A1')!.id}`);
    expect(res.body).toContain('Apologies for absence were received from Mr B Baker.\n\nMs C Cole attended as substitute for Mr B Baker.');
    await post(`/workspace/meetings/${meetingId}/minutes/${items.find((i) => i.code === 'A1')!.id}`, { title: 'Apologies and Substitutes', paragraphs: 'Apologies were received from Mr B Baker; Ms C Cole attended as substitute.' });
    const minutes = await store.db.selectFrom('minute').select(['number', 'agenda_item_id', 'resolutions_json']).where('meeting_id', '=', meetingId).orderBy('position').execute();
    expect(minutes.map((m) => m.number)).toEqual(['78', '79']);
    expect(minutes[1].agenda_item_id).toBe(taxi.id);
    expect(JSON.parse(minutes[1].resolutions_json)).toEqual([{ text: 'RESOLVED that', parts: [{ label: '(a)', text: 'the fees be agreed;' }, { label: '(b)', text: 'the fees be reviewed in a year.' }] }]);
    expect((await store.db.selectFrom('body').select('last_minute_number').where('id', '=', bodyId).executeTakeFirstOrThrow()).last_minute_number).toBe(79);

    // Draft minutes published, then approved at the next meeting with an amendment.
    // Items still without a minute: the page warns, and publishing asks the clerk to confirm.
    res = await client.get(`/workspace/meetings/${meetingId}/minutes`);
    expect(res.body).toContain('id="unwritten-minutes"');
    res = await post(`/workspace/meetings/${meetingId}/minutes/publish`, {}, 400);
    expect(res.body).toMatch(/<a href="#withoutUnwritten">The draft minutes were not published: items? [^<]* no minute yet; write (it|them), or confirm/);
    expect((await store.db.selectFrom('meeting').select('status').where('id', '=', meetingId).executeTakeFirstOrThrow()).status).toBe('held');
    await post(`/workspace/meetings/${meetingId}/minutes/publish`, { withoutUnwritten: 'yes' });
    res = await post(`/workspace/meetings/${meetingId}/minutes/approve`, { atMeetingId: String(previous.id), amendments: '' }, 400);
    expect(res.body).toContain('Minutes are approved at a later meeting of the same body');
    await post(`/workspace/meetings/${meetingId}/minutes/approve`, { atMeetingId: String(later[0].id), amendments: 'Minute 79: "a year" should read "six months".' });
    const done = await store.db.selectFrom('meeting').select(['status', 'minutes_approved_at_meeting_id', 'minutes_amendments']).where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(done).toEqual({ status: 'minutes-approved', minutes_approved_at_meeting_id: later[0].id, minutes_amendments: 'Minute 79: "a year" should read "six months".' });

    // A Record of Decision gets its number on saving; publishing sets the end of call-in from the calendar.
    res = await post('/workspace/decisions/new', { takerKind: 'cabinet-member', takerName: 'Mr J Smith, Cabinet Member for Finance', 'takenOn-day': '20', 'takenOn-month': '6', 'takenOn-year': '2024', subject: 'Taxi fees', text: 'To agree the fees.', reasons: 'Fees must cover the cost of licensing.', alternatives: 'Keep the current fees.' });
    const decisionUrl = res.headers.location as string;
    expect((await client.get(decisionUrl)).body).toContain('24/00001');
    await post(`${decisionUrl.split('?')[0]}/publish`, { 'publishedOn-day': '21', 'publishedOn-month': '6', 'publishedOn-year': '2024' });
    const decision = await store.db.selectFrom('decision').select(['number', 'status', 'published_on', 'call_in_ends_on']).executeTakeFirstOrThrow();
    // Published Friday 21 June: five working days later is Friday 28 June.
    expect(decision).toEqual({ number: '24/00001', status: 'published', published_on: '2024-06-21', call_in_ends_on: '2024-06-28' });

    // Every change is in the audit log.
    const audited = new Set((await store.db.selectFrom('audit_log').select('entity').execute()).map((a) => a.entity));
    for (const entity of ['body', 'body_seat', 'political_group', 'person', 'membership', 'meeting', 'agenda_section', 'agenda_item', 'document', 'attendance', 'declaration', 'minutes', 'decision']) {
      expect(audited, `audit entries for ${entity}`).toContain(entity);
    }
    const actions = await store.db.selectFrom('audit_log').select(['action', 'entity']).where('actor_kind', '=', 'user').execute();
    expect(actions).toContainEqual({ action: 'approve', entity: 'minutes' });
    expect(actions).toContainEqual({ action: 'publish', entity: 'minutes' });
    expect(actions).toContainEqual({ action: 'move', entity: 'agenda_item' });
    await app.close();
  });
});
