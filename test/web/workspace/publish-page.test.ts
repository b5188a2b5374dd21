// The clerk's publish page and meeting page: a preview of the pack before publishing (built, marked as a preview,
// never stored), the published packs each linked with the date written as people write it, what to do when a
// published pack was withheld after an item was made exempt; a meeting is marked held before its agenda is
// published only with a recorded reason; new items go before "Other items … urgent". On SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { createBody } from '../../../src/store/bodies.js';
import { addDocument } from '../../../src/store/documents.js';
import { addItem, loadAgenda, updateItem } from '../../../src/store/workspace/agenda.js';
import { scheduleMeetings } from '../../../src/store/workspace/series.js';
import workspace from '../../../src/web/routes/workspace/index.js';
import publicPortal from '../../../src/web/routes/public/index.js';
import { makeUploadedPdf } from '../../pack/fixture.js';
import { readPack } from '../../pack/read-pdf.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { addUser, appOn, sessionClient } from '../auth/helpers.js';

const actor = SYSTEM_ACTOR;

describe.each(STORE_KINDS)('publishing from the workspace on %s', (kind) => {
  const get = useTestStore(kind);

  it('previews the pack, links each published pack, says when one was withheld, and guards marking held', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const bodyId = await createBody(db, actor, { name: 'Audit Committee', kind: 'regulatory-committee', size: 3, agendaStyle: 'numbered' });
    const [meeting] = await scheduleMeetings(db, actor, { bodyId, dates: ['2024-06-20'], time: '10:00', venue: 'Council Chamber', contacts: [{ name: 'Jo Clerk', phone: null, email: null }], withStandingItems: true });
    const [section] = await loadAgenda(db, meeting.id);
    const fields = { sectionId: section.id, purpose: null, presenters: [], toFollow: false, urgentReason: null, exempt: false, exemptParagraphs: [], publicInterestReason: null };
    // A new item goes before the closing "Other items … urgent", not after it.
    const plan = await addItem(db, actor, meeting.id, { ...fields, title: 'Internal audit plan' });
    const titles = (await loadAgenda(db, meeting.id))[0].items.map((i) => `${i.code} ${i.title}`);
    expect(titles.slice(-2)).toEqual(['4 Internal audit plan', '5 Other items which the Chairman decides are relevant or urgent']);
    // The previous meeting's minutes are to follow (there is no previous meeting in this council).
    const minutesItem = section.items.find((i) => /^Minutes/.test(i.title))!;
    await updateItem(db, actor, minutesItem.id, { ...fields, title: minutesItem.title, toFollow: true });
    await addDocument(db, actor, { meetingId: meeting.id, agendaItemId: plan.id, kind: 'report', title: 'Internal audit plan', classification: 'unrestricted', file: { bytes: await makeUploadedPdf('Audit plan', 2), fileName: 'plan.pdf', contentType: 'application/pdf' } });

    let today = '2024-06-10';
    const app = await appOn(store, { today: () => today, routes: [{ plugin: workspace }, { plugin: publicPortal }] });
    const user = await addUser(store, 'clerk');
    const { client, csrf } = await sessionClient(app, store, user.id);

    // The preview: a PDF marked as a preview on every page, nothing stored, the meeting still unpublished.
    const preview = await client.get(`/workspace/meetings/${meeting.id}/publish/preview.pdf`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toContain('application/pdf');
    expect(preview.headers['cache-control']).toContain('no-store');
    const read = await readPack(new Uint8Array(preview.rawPayload));
    expect(read.pages.length).toBeGreaterThan(2);
    for (const p of read.pages) expect(p.text).toContain('PREVIEW \u2013 NOT PUBLISHED');
    expect(read.pages.map((p) => p.text).join('\n')).toContain('Audit plan');
    expect(await db.selectFrom('publication').select('id').where('meeting_id', '=', meeting.id).execute()).toHaveLength(0);
    expect((await db.selectFrom('meeting').select('status').where('id', '=', meeting.id).executeTakeFirstOrThrow()).status).toBe('scheduled');
    expect((await client.get(`/workspace/meetings/${meeting.id}/publish/preview.pdf?audience=confidential`)).statusCode).toBe(200);
    let page = await client.get(`/workspace/meetings/${meeting.id}/publish`);
    expect(page.body).toContain(`href="/workspace/meetings/${meeting.id}/publish/preview.pdf"`);

    // Marking held on the day, before the agenda was published: refused until the clerk records why.
    today = '2024-06-20';
    let res = await client.post(`/workspace/meetings/${meeting.id}/held`, { _csrf: csrf });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#heldReason">The meeting cannot be marked as held: its agenda was never published');
    expect(res.body).toMatch(/<details class="govuk-details" open/);
    today = '2024-06-10';

    // Published: the table links each pack (public and members'), dated as people write dates.
    res = await client.post(`/workspace/meetings/${meeting.id}/publish`, { _csrf: csrf, lateReason: '' });
    expect(res.statusCode, res.body.replace(/[\s\S]*id="pack-errors">/, '').slice(0, 600)).toBe(303);
    page = await client.get(`/workspace/meetings/${meeting.id}/publish`);
    const links = [...page.body.matchAll(/href="(\/meetings\/[^"]+\.pdf)"/g)].map((m) => m[1]);
    expect(links).toEqual(expect.arrayContaining([`/meetings/${meeting.slug}/pack-v1.pdf`, `/meetings/${meeting.slug}/pack-confidential-v1.pdf`, `/meetings/${meeting.slug}/frontsheet-v1.pdf`]));
    for (const href of links) {
      const pdf = await client.get(href);
      expect(pdf.statusCode, href).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
    }
    expect(page.body).toMatch(/Monday 10 June 2024/);
    expect(page.body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(page.body).not.toContain('id="withheld-pack"');

    // An item made exempt after publication withholds the public pack: both pages say so and what to do.
    await updateItem(db, actor, plan.id, { ...fields, title: 'Internal audit plan', exempt: true, exemptParagraphs: [3], publicInterestReason: 'Commercial information' });
    for (const url of [`/workspace/meetings/${meeting.id}/publish`, `/workspace/meetings/${meeting.id}`]) {
      page = await client.get(url);
      expect(page.body, url).toContain('id="withheld-pack"');
      expect(page.body).toMatch(/The public agenda pack \(version 1\) was withheld on \w+day \d{1,2} \w+ \d{4}: item 4 was made exempt/);
      expect(page.body).toContain('publish a new version</a>');
    }
    expect((await client.get(`/workspace/meetings/${meeting.id}/publish`)).body).toContain('Withheld</strong>');
    res = await client.post(`/workspace/meetings/${meeting.id}/publish`, { _csrf: csrf, lateReason: '' });
    expect(res.statusCode, res.body.replace(/[\s\S]*id="pack-errors">/, '').slice(0, 600)).toBe(303);
    expect((await client.get(`/workspace/meetings/${meeting.id}`)).body).not.toContain('id="withheld-pack"');
  });

  it('marks a meeting held without a published agenda when the clerk records why', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const bodyId = await createBody(db, actor, { name: 'Licensing Sub-Committee', kind: 'regulatory-committee', size: 3, agendaStyle: 'numbered' });
    const [meeting] = await scheduleMeetings(db, actor, { bodyId, dates: ['2024-06-20'], time: '10:00', venue: 'Room 2', contacts: [], withStandingItems: true });
    const app = await appOn(store, { today: () => '2024-06-20', routes: [{ plugin: workspace }] });
    const user = await addUser(store, 'clerk');
    const { client, csrf } = await sessionClient(app, store, user.id);
    const page = await client.get(`/workspace/meetings/${meeting.id}`);
    expect(page.body).toContain('Held without a published agenda');
    const res = await client.post(`/workspace/meetings/${meeting.id}/held`, { _csrf: csrf, heldReason: 'Urgent hearing called under the Chairman\'s powers' });
    expect(res.statusCode).toBe(303);
    const m = await db.selectFrom('meeting').select(['status', 'status_reason']).where('id', '=', meeting.id).executeTakeFirstOrThrow();
    expect(m).toEqual({ status: 'held', status_reason: 'held without a published agenda: Urgent hearing called under the Chairman\'s powers' });
    const audit = await db.selectFrom('audit_log').select('after_json').where('entity', '=', 'meeting').where('entity_id', '=', String(meeting.id)).where('action', '=', 'status').execute();
    expect(audit.map((a) => a.after_json).join()).toContain('Urgent hearing');
  });
});
