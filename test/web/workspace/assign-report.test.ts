// Assigning a report to an author from the agenda builder, on SQLite and PostgreSQL: the clerk picks a report author
// and a title on the item's page; a draft report (linked to the item and meeting, author set) appears in the
// author's list; it stays out of the pack until approved; approval renders it to PDF, and the pack carries it.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { packInputForMeeting } from '../../../src/services/publication/pack-input.js';
import { createBody } from '../../../src/store/bodies.js';
import { createPerson } from '../../../src/store/people.js';
import { blankReport, getReport, saveReport, submitReport } from '../../../src/store/reports.js';
import { addItem, addSection } from '../../../src/store/workspace/agenda.js';
import { scheduleMeetings } from '../../../src/store/workspace/series.js';
import author from '../../../src/web/routes/author/index.js';
import workspace from '../../../src/web/routes/workspace/index.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { addUser, appOn, sessionClient } from '../auth/helpers.js';
import { clerkClient } from './helpers.js';

describe.each(STORE_KINDS)('assigning a report to an author on %s', (kind) => {
  const get = useTestStore(kind);

  it('starts a draft in the author\'s list, which becomes the item\'s paper in the pack once approved', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const bodyId = await createBody(db, SYSTEM_ACTOR, { name: 'Licensing Committee', kind: 'regulatory-committee', size: 3, agendaStyle: 'numbered' });
    const [meeting] = await scheduleMeetings(db, SYSTEM_ACTOR, { bodyId, dates: ['2024-07-10'], time: '10:00', venue: 'Council Chamber', contacts: [], withStandingItems: false });
    const sectionId = await addSection(db, SYSTEM_ACTOR, meeting.id, { title: 'Items for decision', exempt: false });
    const item = await addItem(db, SYSTEM_ACTOR, meeting.id, { sectionId, title: 'Taxi licensing fees', purpose: null, presenters: [], toFollow: false, urgentReason: null, exempt: false, exemptParagraphs: [], publicInterestReason: null });
    const writer = await createPerson(db, SYSTEM_ACTOR, { title: 'Ms', forenames: 'Rita', surname: 'Writer', kind: 'officer', jobTitle: 'Head of Licensing' });
    const bystander = await createPerson(db, SYSTEM_ACTOR, { title: 'Mr', forenames: 'Ned', surname: 'Notauthor', kind: 'officer' });
    const writerUser = await addUser(store, 'report-author', { personId: writer });
    await addUser(store, 'councillor', { personId: bystander });

    const app = await appOn(store, { today: () => '2024-06-03', routes: [{ plugin: workspace }, { plugin: author }] });
    const { client, csrf } = await clerkClient(app, store);

    // The item page offers report authors only.
    const pageHtml = (await client.get(`/workspace/items/${item.id}`)).body;
    expect(pageHtml).toContain('Assign a report to an author');
    expect(pageHtml).toContain('Ms R Writer, Head of Licensing');
    expect(pageHtml).not.toContain('Notauthor');

    // Refused with the error summary: no author, and someone who is not a report author.
    let res = await client.post(`/workspace/items/${item.id}/assign-report`, { _csrf: csrf, authorPersonId: '', reportTitle: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#authorPersonId">Select the author who will write the report</a>');
    expect(res.body).toContain('<a href="#reportTitle">Enter the title of the report</a>');
    res = await client.post(`/workspace/items/${item.id}/assign-report`, { _csrf: csrf, authorPersonId: String(bystander), reportTitle: 'Fees' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select a report author (a person with a report author account)');
    expect(await db.selectFrom('document').select('id').where('kind', '=', 'report').execute()).toHaveLength(0);

    res = await client.post(`/workspace/items/${item.id}/assign-report`, { _csrf: csrf, authorPersonId: String(writer), reportTitle: 'Hackney carriage and private hire fees 2024/25' });
    expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
    const doc = await db.selectFrom('document').selectAll().where('kind', '=', 'report').executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ agenda_item_id: item.id, meeting_id: meeting.id, author_person_id: writer, workflow_status: 'draft', title: 'Hackney carriage and private hire fees 2024/25', classification: 'unrestricted' });
    expect((await client.get(`/workspace/items/${item.id}`)).body).toContain('Hackney carriage and private hire fees 2024/25, by Ms R Writer: Draft');
    const audit = await db.selectFrom('audit_log').select('summary').where('action', '=', 'assign').execute();
    expect(audit.map((a) => a.summary)).toEqual(['Assigned report "Hackney carriage and private hire fees 2024/25" for item 1 to Ms R Writer']);

    // The author sees it in their list and can open it.
    const writerClient = await sessionClient(app, store, writerUser.id);
    const list = await writerClient.client.get('/author');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Hackney carriage and private hire fees 2024/25');
    expect((await writerClient.client.get(`/author/reports/${doc.id}`)).statusCode).toBe(200);

    // Not in the pack while a draft or submitted.
    const papersOfItem = async () => (await packInputForMeeting(db, meeting.id, '2024-06-20')).input.sections.flatMap((s) => s.items).find((i) => i.code === '1')!.papers;
    expect(await papersOfItem()).toEqual([]);
    const actor = { kind: 'user' as const, id: writerUser.id, name: 'Ms R Writer' };
    await saveReport(db, actor, doc.id, { meetingId: meeting.id, agendaItemId: item.id }, {
      ...blankReport(), subject: 'Hackney carriage and private hire fees 2024/25', from: ['Head of Licensing'], summary: 'Fees for the coming year.',
      recommendations: ['agree the fees'], contacts: [{ name: 'Ms R Writer', title: 'Head of Licensing', phone: null, email: null }],
      sections: [{ heading: 'Financial Implications', paragraphs: ['The fees recover the cost.'] }, { heading: 'Legal Implications', paragraphs: ['Section 70 of the 1976 Act.'] }, { heading: 'Equality Implications', paragraphs: ['None.'] }],
    });
    await submitReport(db, actor, doc.id);
    expect(await papersOfItem()).toEqual([]);

    // The clerk approves it: it is rendered to PDF as a new version and the pack takes it.
    res = await client.post(`/author/review/${doc.id}/approve`, { _csrf: csrf });
    expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
    const approved = await db.selectFrom('document_version').select(['version', 'content_type', 'page_count', 'structured_json']).where('document_id', '=', doc.id).orderBy('version', 'desc').executeTakeFirstOrThrow();
    expect(approved.content_type).toBe('application/pdf');
    expect(approved.page_count).toBeGreaterThan(0);
    expect(approved.structured_json).toContain('Fees for the coming year.');
    expect((await getReport(db, doc.id))!.status).toBe('approved');
    const papers = await papersOfItem();
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ kind: 'pdf', title: 'Hackney carriage and private hire fees 2024/25' });
    await app.close();
  });
});
