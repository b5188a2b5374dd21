// The workspace's actions through the API, module by module, on SQLite and PostgreSQL: each works with a clerk's
// token, is refused (403 problem+json) with a read-only token or a councillor's token and (401) without one, names
// the field when the input is wrong, is audited, and never puts the exempt item's content in any answer.
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { createApiToken } from '../../src/store/accounts.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';
import apiPlugin from '../../src/api/index.js';
import { requestCallIn } from '../../src/services/executive/call-ins.js';
import { publishDecisionRecord, takeDecision } from '../../src/services/executive/decisions.js';
import { buildApp } from '../../src/web/app.js';
import { cycleCouncil, DATES } from '../services/executive/fixture.js';
import { appWith, Client, MARKER, seedCouncil, type Method } from './fixture.js';

describe.each(STORE_KINDS)('the API\u2019s workspace actions on %s', (kind) => {
  const get = useTestStore(kind);
  let client: Client;
  let ready = false;
  async function setup(ctx: Parameters<typeof get>[0]) {
    const t = get(ctx);
    if (!ready) {
      const c = await seedCouncil(t.store);
      client = await new Client(await appWith(t.store), t.store, c).init();
      ready = true;
    }
    return client;
  }
  afterAll(async () => {
    if (ready) await client.app.close();
  });

  it('bodies, groups, people and memberships', async (ctx) => {
    const api = await setup(ctx);
    const { c } = api;
    const db = api.store.db;

    // A body's details: the fields sent change, the others stay.
    const body = await api.write('PATCH', `/api/v1/bodies/${c.beta.slug}`, { size: 5, purpose: 'Scrutinises the Cabinet' });
    expect(body.json()).toMatchObject({ slug: c.beta.slug, name: 'Beta Scrutiny Committee', kind: 'scrutiny-committee', size: 5, purpose: 'Scrutinises the Cabinet' });
    await api.audited('body', c.beta.id, 'update');
    await api.invalid('PATCH', `/api/v1/bodies/${c.beta.slug}`, { size: 0 }, 'size', /at least 1/);
    await api.invalid('PATCH', `/api/v1/bodies/${c.beta.slug}`, { colour: 'red' }, 'colour', /not recognised/);
    await api.invalid('PATCH', `/api/v1/bodies/${c.beta.slug}`, { name: 'Alpha Cabinet Committee' }, 'name', /already called/);
    expect((await api.send('PATCH', '/api/v1/bodies/no-such-body', { size: 3 }, c.users.clerk.token)).statusCode).toBe(404);
    // Adding a body with another's name is refused, as in the workspace.
    await api.invalid('POST', '/api/v1/bodies', { name: 'Beta Scrutiny Committee', kind: 'panel-or-board' }, 'name', /already exists/);

    // Political groups: added, renamed, listed.
    const group = await api.write('POST', '/api/v1/groups', { name: 'Independent Group', shortName: 'Ind' }, 201);
    const groupId = group.json().id as number;
    await api.audited('political_group', groupId, 'create');
    await api.invalid('POST', '/api/v1/groups', { name: '  ' }, 'name', /must not be empty/);
    await api.invalid('POST', '/api/v1/groups', { name: 'Independent Group' }, 'name', /already exists/);
    expect((await api.write('PATCH', `/api/v1/groups/${groupId}`, { name: 'Independents' })).json()).toMatchObject({ id: groupId, name: 'Independents', shortName: 'Ind' });
    await api.audited('political_group', groupId, 'update');
    await api.invalid('PATCH', '/api/v1/groups/abc', { name: 'X' }, 'id');
    expect((await api.send('PATCH', '/api/v1/groups/99999', { name: 'X' }, c.users.clerk.token)).statusCode).toBe(404);
    const other = (await api.write('POST', '/api/v1/groups', { name: 'Green Group' }, 201)).json().id as number;
    expect((await api.get('/api/v1/groups', null)).json().items.map((g: { name: string }) => g.name)).toEqual(expect.arrayContaining(['Independents', 'Green Group']));

    // Seats by group: no more than the body's size (the service's rule, as in the workspace).
    const seats = await api.write('PUT', `/api/v1/bodies/${c.beta.slug}/seats`, { seats: [{ groupId, seats: 3 }, { groupId: other, seats: 2 }] });
    expect(seats.json()).toMatchObject({ size: 5, total: 5 });
    await api.audited('body_seat', c.beta.id, 'update');
    await api.invalid('PUT', `/api/v1/bodies/${c.beta.slug}/seats`, { seats: [{ groupId, seats: 4 }, { groupId: other, seats: 2 }] }, 'seats', /add up to 6, more than the body's 5 seats/);
    await api.invalid('PUT', `/api/v1/bodies/${c.beta.slug}/seats`, { seats: [{ groupId: 99999, seats: 1 }] }, 'seats', /no political group/);
    await api.invalid('PUT', `/api/v1/bodies/${c.beta.slug}/seats`, { seats: [{ groupId, seats: -1 }] }, 'seats.0.seats');
    expect((await db.selectFrom('body_seat').select('seats').where('body_id', '=', c.beta.id).execute()).map((r) => r.seats).sort()).toEqual([2, 3]);

    // A person's details.
    const person = await api.write('PATCH', '/api/v1/people/alice-ashby', { groupId, division: 'Westgate', email: 'alice.ashby@example.org' });
    expect(person.json()).toMatchObject({ slug: 'alice-ashby', surname: 'Ashby', groupId });
    const row = await db.selectFrom('person').selectAll().where('slug', '=', 'alice-ashby').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ division: 'Westgate', email: 'alice.ashby@example.org', forenames: 'Alice', title: 'Mrs' });
    await api.audited('person', row.id, 'update');
    await api.invalid('PATCH', '/api/v1/people/alice-ashby', { email: 'not an address' }, 'email');
    await api.invalid('PATCH', '/api/v1/people/alice-ashby', { kind: 'alderman' }, 'kind', /must be one of: councillor/);

    // Ending a membership: not before it started, and once.
    const m = await db.selectFrom('membership').select('id').where('body_id', '=', c.alpha.id).where('person_id', '=', row.id).executeTakeFirstOrThrow();
    await api.invalid('POST', `/api/v1/memberships/${m.id}/end`, { endsOn: '2020-01-01' }, 'endsOn', /on or after the start date/);
    await api.invalid('POST', `/api/v1/memberships/${m.id}/end`, { endsOn: '2024-02-30' }, 'endsOn', /date/);
    expect((await api.write('POST', `/api/v1/memberships/${m.id}/end`, { endsOn: '2024-05-31' })).json()).toMatchObject({ id: m.id, endsOn: '2024-05-31' });
    await api.invalid('POST', `/api/v1/memberships/${m.id}/end`, { endsOn: '2024-06-30' }, 'endsOn', /already ended/);
    expect((await db.selectFrom('membership').select('ends_on').where('id', '=', m.id).executeTakeFirstOrThrow()).ends_on).toBe('2024-05-31');
  });

  it('agenda items: added, changed, reordered, withdrawn, reinstated, deferred, a report assigned, a generated paper; a series of meetings', async (ctx) => {
    const api = await setup(ctx);
    const { c } = api;
    const db = api.store.db;

    // A series: the last Monday of each month; the August bank holiday is skipped and said.
    const series = { bodyId: c.alpha.id, from: '2024-07-01', to: '2024-10-31', pattern: 'monthly', weekday: 1, nth: -1, time: '10:00', venue: 'Darent Room' };
    const made = await api.write('POST', '/api/v1/meetings/series', series, 201);
    expect(made.json().meetings.map((m: { date: string }) => m.date)).toEqual(['2024-07-29', '2024-09-30', '2024-10-28']);
    expect(made.json().skipped).toEqual([expect.objectContaining({ date: '2024-08-26' })]);
    const [july, sept] = made.json().meetings as { id: number; slug: string }[];
    await api.audited('meeting', july.id, 'create');
    await api.invalid('POST', '/api/v1/meetings/series', { ...series, to: '2025-12-31' }, 'to', /at most one year/);
    await api.invalid('POST', '/api/v1/meetings/series', { ...series, to: '2024-06-01' }, 'to', /after the first date/);
    await api.invalid('POST', '/api/v1/meetings/series', { ...series, pattern: 'weekly' }, 'everyWeeks', /required for a weekly series/);
    await api.invalid('POST', '/api/v1/meetings/series', { ...series, from: '2024-08-26', to: '2024-08-26' }, 'from', /No meeting dates/);
    await api.invalid('POST', '/api/v1/meetings/series', { ...series, time: '25:00' }, 'time');

    // Its standing agenda, read back with the sections' ids.
    const agendaOf = async (slug: string) => (await api.get(`/api/v1/meetings/${slug}`, c.users.clerk.token, true)).json().agenda as { id: number; exempt: boolean; items: { id: number; code: string; title: string; withdrawn?: boolean }[] }[];
    const sectionId = (await agendaOf(july.slug))[0].id;
    expect(sectionId).toEqual(expect.any(Number));

    // One item added: before the closing urgent-business item. An exempt one needs its paragraph and reason.
    const added = await api.write('POST', `/api/v1/meetings/${july.slug}/items`, { sectionId, title: 'Library opening hours', purpose: 'To agree the hours', presenters: ['Head of Libraries'] }, 201);
    const itemId = added.json().id as number;
    expect(added.json()).toMatchObject({ meeting: july.slug, exempt: false, withdrawn: false });
    expect(added.headers.location).toBe(`/api/v1/agenda-items/${itemId}`);
    await api.audited('agenda_item', itemId, 'create');
    await api.invalid('POST', `/api/v1/meetings/${july.slug}/items`, { sectionId, title: 'Land sale', exempt: true }, 'exemptParagraphs', /paragraph of Schedule 12A/);
    await api.invalid('POST', `/api/v1/meetings/${july.slug}/items`, { sectionId: 999999, title: 'Nowhere' }, 'sectionId', /section of this meeting/);
    await api.invalid('POST', `/api/v1/meetings/${july.slug}/items`, { sectionId, title: 'Late', guests: [{ name: 'A Guest', timeSlot: '9am' }] }, 'guests.0.timeSlot', /HH:MM/);
    // An exempt item: what it is about is never in an answer, even the clerk's.
    const secret = await api.write('POST', `/api/v1/meetings/${july.slug}/items`, { sectionId, title: 'Depot disposal', purpose: `To agree the ${MARKER}`, exempt: true, exemptParagraphs: [3], publicInterestReason: 'Commercial terms' }, 201);
    expect(secret.json()).toMatchObject({ exempt: true });
    let items = (await agendaOf(july.slug))[0].items;
    const order = () => items.map((i) => i.title);
    expect(order().slice(-3)).toEqual(['Library opening hours', 'Depot disposal', expect.stringMatching(/^Other items/)]);
    // The clerk reads it on the meeting; the public and a councillor of another body do not.
    expect((await api.get(`/api/v1/meetings/${july.slug}`, c.users.clerk.token, true)).body).toContain(MARKER);
    expect((await api.get(`/api/v1/meetings/${july.slug}`, null)).statusCode).toBe(200);
    expect((await api.get(`/api/v1/meetings/${july.slug}`, c.users.councillorB.token)).statusCode).toBe(200);

    // Changed: the fields sent, the others kept; null clears.
    await api.write('PATCH', `/api/v1/agenda-items/${itemId}`, { title: 'Library opening hours 2025', purpose: null, toFollow: true });
    const row = await db.selectFrom('agenda_item').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: 'Library opening hours 2025', purpose: null, to_follow: 1, presenters_json: JSON.stringify(['Head of Libraries']) });
    await api.audited('agenda_item', itemId, 'update');
    await api.invalid('PATCH', `/api/v1/agenda-items/${itemId}`, { title: '' }, 'title', /must not be empty/);
    expect((await api.send('PATCH', '/api/v1/agenda-items/999999', { title: 'X' }, c.users.clerk.token)).statusCode).toBe(404);

    // Reordered, within its section, before publication.
    await api.write('POST', `/api/v1/agenda-items/${itemId}/move`, { direction: 'down' });
    items = (await agendaOf(july.slug))[0].items;
    expect(order().slice(-3)).toEqual(['Depot disposal', 'Library opening hours 2025', expect.stringMatching(/^Other items/)]);
    await api.audited('agenda_item', itemId, 'move');
    await api.invalid('POST', `/api/v1/agenda-items/${itemId}/move`, { direction: 'sideways' }, 'direction', /must be one of: up, down/);
    // Once the meeting is past (the seeded one has draft minutes): refused, saying why.
    await api.invalid('POST', `/api/v1/agenda-items/${c.exemptItemId}/move`, { direction: 'up' }, 'meeting', /cannot be changed once the meeting is minutes drafted/);

    // Withdrawn and reinstated.
    await api.write('POST', `/api/v1/agenda-items/${itemId}/withdrawal`, undefined);
    expect((await db.selectFrom('agenda_item').select('withdrawn').where('id', '=', itemId).executeTakeFirstOrThrow()).withdrawn).toBe(1);
    await api.audited('agenda_item', itemId, 'withdraw');
    expect((await api.write('DELETE', `/api/v1/agenda-items/${itemId}/withdrawal`, undefined)).json()).toMatchObject({ withdrawn: false });
    await api.audited('agenda_item', itemId, 'reinstate');

    // A report assigned to an author (a person with a report author account).
    const assigned = await api.write('POST', `/api/v1/agenda-items/${itemId}/report-assignments`, { authorPersonId: c.users.authorA.personId, title: 'Library hours report' }, 201);
    await api.audited('document', assigned.json().reportId as number, 'assign');
    const notAuthor = (await db.selectFrom('person').select('id').where('slug', '=', 'bob-barton').executeTakeFirstOrThrow()).id;
    await api.invalid('POST', `/api/v1/agenda-items/${itemId}/report-assignments`, { authorPersonId: notAuthor, title: 'X' }, 'authorPersonId', /report author/);

    // Deferred to a later meeting of the body, with its papers; not to an earlier one.
    await api.invalid('POST', `/api/v1/agenda-items/${itemId}/deferral`, { toMeeting: c.meeting.slug }, 'toMeetingId', /after this one/);
    expect((await api.send('POST', `/api/v1/agenda-items/${itemId}/deferral`, { toMeeting: 'no-such-meeting' }, c.users.clerk.token)).statusCode).toBe(404);
    const deferred = await api.write('POST', `/api/v1/agenda-items/${itemId}/deferral`, { toMeeting: sept.slug }, 201);
    expect(deferred.json()).toMatchObject({ deferred: { id: itemId, withdrawn: true, deferredToMeetingId: sept.id }, item: { meeting: sept.slug } });
    await api.audited('agenda_item', itemId, 'defer');
    expect((await db.selectFrom('document').select('agenda_item_id').where('id', '=', assigned.json().reportId as number).executeTakeFirstOrThrow()).agenda_item_id).toBe(deferred.json().item.id);

    // A paper generated from the record, once per meeting.
    const generated = await api.write('POST', `/api/v1/meetings/${sept.slug}/generated-papers`, { kind: 'work-programme' }, 201);
    expect(generated.json()).toMatchObject({ kind: 'work-programme', item: { meeting: sept.slug } });
    await api.invalid('POST', `/api/v1/meetings/${sept.slug}/generated-papers`, { kind: 'work-programme' }, 'kind', /already on this agenda/);
    await api.invalid('POST', `/api/v1/meetings/${sept.slug}/generated-papers`, { kind: 'front-sheet' }, 'kind', /must be one of/);

    // The seeded exempt item: a councillor of another body is refused; so is a change to a held meeting's agenda.
    await api.write('PATCH', `/api/v1/agenda-items/${c.exemptItemId}`, { title: 'Renamed' }, 400);
  });
  it('the executive cycle: a call-in refused, a decision confirmed and implemented, a follow-up verdict, a forward plan entry moved', async (ctx) => {
    const base = await setup(ctx);
    const { c } = base;
    const db = base.store.db;
    let today: string = DATES.planPublished;
    const app = await buildApp({ store: base.store, today: () => today, routes: [{ plugin: apiPlugin }] });
    await app.ready();
    const cy = await new Client(app, base.store, c).init();
    try {
      const k = await cycleCouncil(db, ' (API)');
      const cabinetSlug = (await db.selectFrom('body').select('slug').where('id', '=', k.cabinet).executeTakeFirstOrThrow()).slug;
      const scrutinySlug = (await db.selectFrom('body').select('slug').where('id', '=', k.scrutiny).executeTakeFirstOrThrow()).slug;
      expect(cabinetSlug).toMatch(/cabinet/);

      // A forward plan entry deferred, then withdrawn only with the reason.
      const entry = (await cy.write('POST', '/api/v1/forward-plan/entries', { title: 'Library strategy', takerKind: 'body', takerName: 'Cabinet (API)', takerBodyId: k.cabinet, expectedOn: DATES.cabinet, key: false }, 201)).json().id as number;
      expect((await cy.write('POST', `/api/v1/forward-plan/entries/${entry}/moves`, { to: 'deferred', expectedOn: '2026-03-03', note: 'Awaiting consultation' })).json())
        .toEqual({ id: entry, status: 'deferred', expectedOn: '2026-03-03' });
      await cy.audited('forward_plan_entry', entry, 'deferred');
      await cy.invalid('POST', `/api/v1/forward-plan/entries/${entry}/moves`, { to: 'withdrawn' }, 'note', /Say why the entry is withdrawn/);
      await cy.invalid('POST', `/api/v1/forward-plan/entries/${entry}/moves`, { to: 'taken' }, 'to', /must be one of: planned, deferred, withdrawn/);
      await cy.invalid('POST', `/api/v1/forward-plan/entries/${entry}/moves`, { to: 'deferred', expectedOn: 'soon' }, 'expectedOn', /date/);
      expect((await cy.send('POST', '/api/v1/forward-plan/entries/999999/moves', { to: 'deferred' }, c.users.clerk.token)).statusCode).toBe(404);

      // Two decisions taken, published and called in by three members.
      const take = async (subject: string) => {
        const d = await takeDecision(db, SYSTEM_ACTOR, { takerKind: 'body', takerName: 'Cabinet (API)', takerBodyId: k.cabinet, subject, key: false, text: `Agree the ${subject}.`, reasons: 'Best value.', alternatives: 'None.', takenOn: DATES.cabinet, meetingId: k.cabinetMeeting.id });
        await publishDecisionRecord(db, SYSTEM_ACTOR, d.id, DATES.recordPublished);
        for (const [i, m] of k.members.entries()) await requestCallIn(db, SYSTEM_ACTOR, { decisionId: d.id, personId: m, reasons: i === 0 ? 'Not consulted.' : null, on: DATES.fourthWorkingDay });
        const callIn = await db.selectFrom('call_in').select(['id', 'status']).where('decision_id', '=', d.id).executeTakeFirstOrThrow();
        expect(callIn.status).toBe('valid');
        return { ...d, callInId: callIn.id };
      };
      today = DATES.fourthWorkingDay;
      const refused = await take('library hours');
      const referred = await take('parking charges');

      // The first request refused: the decision stands, and once its window has closed it is implemented.
      await cy.invalid('POST', `/api/v1/call-ins/${refused.callInId}/refusal`, { reason: ' ' }, 'reason', /must not be empty/);
      const r = await cy.write('POST', `/api/v1/call-ins/${refused.callInId}/refusal`, { reason: 'The reasons do not meet the procedure rules.' });
      expect(r.json()).toMatchObject({ id: refused.callInId, status: 'refused', decision: { slug: refused.slug, status: 'published' } });
      await cy.audited('call_in', refused.callInId, 'refuse');
      await cy.invalid('POST', `/api/v1/call-ins/${refused.callInId}/refusal`, { reason: 'Again.' }, 'callIn', /refused and cannot be refused/);
      expect((await cy.send('POST', '/api/v1/call-ins/999999/refusal', { reason: 'x' }, c.users.clerk.token)).statusCode).toBe(404);
      today = DATES.scrutiny;
      expect((await cy.write('POST', `/api/v1/decisions/${refused.slug}/implementation`, {})).json()).toMatchObject({ status: 'implemented', implementedOn: DATES.scrutiny });
      await cy.audited('decision', refused.id);

      // The second sent back for reconsideration (outcome (c)), then confirmed by the decision taker: only with a note.
      await cy.invalid('POST', `/api/v1/decisions/${referred.slug}/confirmation`, { note: 'Confirmed.' }, 'status', /only a decision sent back for reconsideration/);
      expect((await cy.send('POST', `/api/v1/call-ins/${referred.callInId}/outcome`, { outcome: 'c', notes: 'Consult the traders.', on: DATES.scrutiny }, c.users.clerk.token)).statusCode).toBe(200);
      await cy.invalid('POST', `/api/v1/decisions/${referred.slug}/confirmation`, { note: '' }, 'note');
      today = DATES.reconsidered;
      expect((await cy.write('POST', `/api/v1/decisions/${referred.slug}/confirmation`, { note: 'The Cabinet Member confirmed it on reconsideration.' })).json()).toMatchObject({ slug: referred.slug, status: 'implementable' });
      expect((await cy.send('POST', '/api/v1/decisions/no-such-decision/confirmation', { note: 'x' }, c.users.clerk.token)).statusCode).toBe(404);

      // The seeded exempt decision: refused to a councillor; the clerk's answer gives its number and state, not its subject.
      await cy.write('POST', `/api/v1/decisions/${c.exemptDecisionSlug}/confirmation`, { note: 'Confirmed.' }, 400);

      // A follow-up recommendation: no verdict before a response; then satisfactory.
      const fu = await cy.send('POST', '/api/v1/follow-ups', { body: scrutinySlug, title: 'Parking charges', consideredOn: DATES.scrutiny, callInId: referred.callInId, recommendations: [{ text: 'Consult the traders.' }] }, c.users.clerk.token);
      expect(fu.statusCode, fu.body).toBe(201);
      const recId = (await cy.get(`/api/v1/follow-ups?body=${scrutinySlug}`)).json().items[0].recommendations[0].id as number;
      await cy.invalid('PUT', `/api/v1/follow-ups/recommendations/${recId}/verdict`, { verdict: 'satisfactory' }, 'verdict', /no response to mark yet/);
      expect((await cy.send('POST', `/api/v1/follow-ups/recommendations/${recId}/responses`, { text: 'Consulted.', respondedOn: DATES.reconsidered, dateActioned: 'Ongoing' }, c.users.clerk.token)).statusCode).toBe(201);
      await cy.invalid('PUT', `/api/v1/follow-ups/recommendations/${recId}/verdict`, { verdict: 'good' }, 'verdict', /must be one of: satisfactory, more-information/);
      expect((await cy.write('PUT', `/api/v1/follow-ups/recommendations/${recId}/verdict`, { verdict: 'satisfactory' })).json()).toEqual({ recommendationId: recId, verdict: 'satisfactory', verdictOn: DATES.reconsidered });
      await cy.audited('follow_up_recommendation', recId, 'verdict');
      await cy.invalid('PUT', '/api/v1/follow-ups/recommendations/999999/verdict', { verdict: 'satisfactory' }, 'recommendation');
    } finally {
      await app.close();
    }
  });

  it('a period\u2019s figures: published after their checks, withdrawn, added to and removed from an agenda item', async (ctx) => {
    const api = await setup(ctx);
    const { c } = api;
    const csv = (movement: string) => Buffer.from(`Portfolio,Budget line,Revised variance,Last reported,Movement,Narrative\nAdults,Care,150,100,${movement},Demand\n`).toString('base64');
    const imported = await api.send('POST', '/api/v1/data/imports', { kind: 'revenue', period: '2025-07', fileName: 'july.csv', contentBase64: csv('51') }, c.users.clerk.token);
    expect(imported.statusCode, imported.body).toBe(201);
    const url = '/api/v1/data-sets/revenue/2025-07';

    // Publication refused while a check fails, naming every problem; published once the figures add up.
    const refused = await api.write('POST', `${url}/publication`, undefined, 422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 422, field: 'checks' });
    expect(refused.json().problems[0].message).toMatch(/revised variance − last reported gives 50/);
    expect((await api.get(url, null)).statusCode).toBe(404);
    await api.send('POST', '/api/v1/data/imports', { kind: 'revenue', period: '2025-07', fileName: 'july.csv', contentBase64: csv('50') }, c.users.clerk.token);
    expect((await api.write('POST', `${url}/publication`, undefined)).json()).toMatchObject({ kind: 'revenue', version: 2, publishedVersion: 2 });
    expect((await api.get(url, null)).json().lines[0]).toMatchObject({ line: 'Care', movement: 50 });
    expect((await api.send('POST', '/api/v1/data-sets/revenue/2031-01/publication', undefined, c.users.clerk.token)).statusCode).toBe(404);
    expect((await api.send('POST', '/api/v1/data-sets/revenue/not-a-period/publication', undefined, c.users.clerk.token)).statusCode).toBe(404);
    await api.invalid('POST', '/api/v1/data-sets/indicators/2025-07/publication', undefined, 'kind', /must be one of: indicator-values, revenue, capital/);

    // Withdrawn from the public; its versions stay.
    expect((await api.write('DELETE', `${url}/publication`, undefined)).json()).toMatchObject({ version: 2, publishedVersion: null });
    expect((await api.get(url, null)).statusCode).toBe(404);
    const dsId = (await api.store.db.selectFrom('data_set').select('id').where('kind', '=', 'revenue').where('period', '=', '2025-07').executeTakeFirstOrThrow()).id;
    await api.audited('data_set', dsId, 'data.unpublish');

    // Added to an item of a meeting still to be held; not to a past meeting's (the exempt item's).
    const m = (await api.send('POST', '/api/v1/meetings', { bodyId: c.alpha.id, date: '2024-09-09', time: '10:00', venue: 'Darent Room' }, c.users.clerk.token)).json();
    const items = (await api.send('POST', `/api/v1/meetings/${m.slug}/agenda-sections`, { title: 'Business', items: [{ code: '1', title: 'Budget monitoring' }] }, c.users.clerk.token)).json().items as { id: number }[];
    await api.invalid('POST', `${url}/agenda-items`, { agendaItemId: c.exemptItemId }, 'item', /meeting still to be held/);
    await api.invalid('POST', `${url}/agenda-items`, { agendaItemId: 'one' }, 'agendaItemId', /must be a number/);
    const attached = await api.write('POST', `${url}/agenda-items`, { agendaItemId: items[0].id }, 201);
    expect(attached.json()).toMatchObject({ agendaItemId: items[0].id, attached: true });
    await api.audited('agenda_item', items[0].id, 'data.attach');
    expect((await api.send('POST', `${url}/agenda-items`, { agendaItemId: items[0].id }, c.users.clerk.token)).statusCode).toBe(200);
    expect((await api.write('DELETE', `${url}/agenda-items/${items[0].id}`, undefined)).json()).toMatchObject({ attached: false });
    await api.audited('agenda_item', items[0].id, 'data.detach');
    expect((await api.send('DELETE', `${url}/agenda-items/${items[0].id}`, undefined, c.users.clerk.token)).statusCode).toBe(404);
  });
  it('accounts and API tokens, for administrators: added, role changed, disabled; tokens made with scopes and expiry, listed, revoked', async (ctx) => {
    const api = await setup(ctx);
    const { c } = api;
    const db = api.store.db;
    const adminRO = (await createApiToken(db, SYSTEM_ACTOR, c.users.admin.userId, 'admin read only', { scopes: ['read'] })).token;
    /** Refused without a token, to a clerk and to an administrator's read-only token; then done by the administrator. */
    const asAdmin = async (method: Method | 'GET', url: string, payload: unknown, status: number) => {
      expect((await api.send(method, url, payload, null)).statusCode, `${method} ${url} without a token`).toBe(401);
      const clerk = await api.send(method, url, payload, c.users.clerk.token);
      expect(clerk.statusCode, `${method} ${url} by a clerk`).toBe(403);
      expect(clerk.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (method !== 'GET') expect((await api.send(method, url, payload, adminRO)).json()).toMatchObject({ status: 403, error: 'insufficient-scope' });
      const done = await api.send(method, url, payload, c.users.admin.token);
      expect(done.statusCode, `${method} ${url}: ${done.body}`).toBe(status);
      return done;
    };
    const asAdminInvalid = async (method: Method, url: string, payload: unknown, field: string, message: RegExp) => {
      const res = await api.send(method, url, payload, c.users.admin.token);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ field });
      expect(res.json().message).toMatch(message);
    };

    // An account for a councillor, with a one-time password given once.
    const created = await asAdmin('POST', '/api/v1/users', { email: 'Bob.Barton@Example.org', displayName: 'Bob Barton', role: 'councillor', person: 'bob-barton' }, 201);
    expect(created.headers['cache-control']).toBe('no-store');
    const user = created.json();
    expect(user).toMatchObject({ email: 'bob.barton@example.org', role: 'councillor', person: 'bob-barton', disabled: false });
    expect(user.password).toMatch(/^\S{12,}$/);
    expect(await db.selectFrom('audit_log').select('action').where('entity', '=', 'user_account').where('entity_id', '=', String(user.id) as never).where('actor_id', '=', c.users.admin.userId).execute()).not.toEqual([]);
    await asAdminInvalid('POST', '/api/v1/users', { email: 'bob.barton@example.org', displayName: 'Bob', role: 'councillor' }, 'email', /already exists/);
    await asAdminInvalid('POST', '/api/v1/users', { email: 'x@example.org', displayName: 'X', role: 'mayor' }, 'role', /must be one of: administrator/);
    await asAdminInvalid('POST', '/api/v1/users', { email: 'y@example.org', displayName: 'Y', role: 'councillor', person: 'nobody-at-all' }, 'person', /no person with the web address name "nobody-at-all"/);
    await asAdminInvalid('POST', '/api/v1/users', { email: 'not an address', displayName: 'Z', role: 'clerk' }, 'email', /email address/);
    expect((await asAdmin('GET', '/api/v1/users', undefined, 200)).json().items.map((u: { email: string }) => u.email)).toContain('bob.barton@example.org');

    // The role changed; an administrator's own role and account are not theirs to change.
    expect((await asAdmin('PATCH', `/api/v1/users/${user.id}`, { role: 'clerk' }, 200)).json()).toMatchObject({ id: user.id, role: 'clerk' });
    await asAdminInvalid('PATCH', `/api/v1/users/${c.users.admin.userId}`, { role: 'clerk' }, 'role', /cannot change your own role/);
    await asAdminInvalid('PATCH', `/api/v1/users/${c.users.admin.userId}`, { disabled: true }, 'disabled', /cannot disable your own account/);
    expect((await api.send('PATCH', '/api/v1/users/999999', { role: 'clerk' }, c.users.admin.token)).statusCode).toBe(404);

    // Tokens: read and write, expiring; the token works for what its scopes and its user's role allow.
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const made = await asAdmin('POST', `/api/v1/users/${user.id}/tokens`, { name: 'Council website', scopes: ['read', 'write'], expiresAt }, 201);
    expect(made.json()).toMatchObject({ name: 'Council website', scopes: ['read', 'write'], expiresAt });
    const token = made.json().token as string;
    expect((await api.send('POST', '/api/v1/groups', { name: 'Made by token' }, token)).statusCode).toBe(201);
    const readOnly = (await asAdmin('POST', `/api/v1/users/${user.id}/tokens`, { name: 'Dashboard' }, 201)).json();
    expect(readOnly.scopes).toEqual(['read']);
    expect((await api.send('POST', '/api/v1/groups', { name: 'Refused' }, readOnly.token)).json()).toMatchObject({ status: 403, error: 'insufficient-scope' });
    await asAdminInvalid('POST', `/api/v1/users/${user.id}/tokens`, { name: 'Old', expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt', /future/);
    await asAdminInvalid('POST', `/api/v1/users/${user.id}/tokens`, { name: 'Admin', scopes: ['admin'] }, 'scopes.0', /must be one of: read, write/);
    const listed = await asAdmin('GET', `/api/v1/users/${user.id}/tokens`, undefined, 200);
    expect(listed.json().items.map((t: { name: string; scopes: string[] }) => [t.name, t.scopes])).toEqual([['Dashboard', ['read']], ['Council website', ['read', 'write']]]);
    expect(listed.body).not.toContain(token);

    // Revoked: it stops working at once; revoking again is a 404.
    expect((await asAdmin('DELETE', `/api/v1/users/${user.id}/tokens/${made.json().id}`, undefined, 200)).json()).toEqual({ id: made.json().id, revoked: true });
    expect((await api.send('GET', '/api/v1/bodies', undefined, token)).statusCode).toBe(401);
    expect((await api.send('DELETE', `/api/v1/users/${user.id}/tokens/${made.json().id}`, undefined, c.users.admin.token)).statusCode).toBe(404);

    // Disabled: its remaining tokens stop working too.
    expect((await asAdmin('PATCH', `/api/v1/users/${user.id}`, { disabled: true }, 200)).json()).toMatchObject({ disabled: true });
    expect((await api.send('GET', '/api/v1/bodies', undefined, readOnly.token)).statusCode).toBe(401);
  });
});
