// The clerk withdraws a paper from the workspace (issue 12): a link on the item's papers page, a page of its own to
// confirm with the reason, errors in the GOV.UK summary (no reason, already withdrawn), the reissued pack named in
// the notice; the public meeting, item and document pages then say "Withdrawn on <day>: <reason>" and keep the
// paper's history. On SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { createBody } from '../../../src/store/bodies.js';
import { addDocument } from '../../../src/store/documents.js';
import { createMeeting } from '../../../src/store/meetings.js';
import { publishAgenda } from '../../../src/services/publication/publish.js';
import workspace from '../../../src/web/routes/workspace/index.js';
import publicPortal from '../../../src/web/routes/public/index.js';
import { makeUploadedPdf } from '../../pack/fixture.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { addUser, appOn, sessionClient } from '../auth/helpers.js';

const actor = SYSTEM_ACTOR;
const DAY = /\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/;

describe.each(STORE_KINDS)('withdrawing a paper from the workspace on %s', (kind) => {
  const get = useTestStore(kind);

  it('confirms with a reason, reissues the pack, and the public pages say when and why', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const bodyId = await createBody(db, actor, { name: 'Pensions Committee', kind: 'regulatory-committee', agendaStyle: 'numbered' });
    const meeting = await createMeeting(db, actor, {
      bodyId, date: '2031-03-20', time: '10:00', venue: 'Council Chamber', contacts: [{ name: 'Jo Clerk', phone: null, email: null }],
      sections: [{ title: 'Unrestricted items', items: [{ code: '1', title: 'Apologies and Substitutes' }, { code: '2', title: 'Fund valuation' }] }],
    });
    const item = meeting.items.find((i) => i.code === '2')!;
    const report = await addDocument(db, actor, { meetingId: meeting.id, agendaItemId: item.id, kind: 'report', title: 'Triennial valuation report', classification: 'unrestricted',
      file: { bytes: await makeUploadedPdf('Triennial valuation', 2), fileName: 'valuation.pdf', contentType: 'application/pdf', pageCount: 2 } });
    await publishAgenda(store, actor, meeting.slug, { publishedOn: '2031-03-07' });

    const app = await appOn(store, { today: () => '2031-03-10', routes: [{ plugin: workspace }, { plugin: publicPortal }] });
    const user = await addUser(store, 'clerk');
    const { client, csrf } = await sessionClient(app, store, user.id);
    const confirmUrl = `/workspace/items/${item.id}/papers/${report.id}/withdraw`;

    let page = await client.get(`/workspace/items/${item.id}/papers`);
    expect(page.body).toContain(`href="${confirmUrl}"`);
    page = await client.get(confirmUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Withdraw \u201cTriennial valuation report\u201d');
    expect(page.body).toContain('publishes a new version of each pack that carried it');
    expect((await client.get(`/workspace/items/${item.id}/papers/987654/withdraw`)).statusCode).toBe(404);

    // No reason: the form again, the summary linking to the field, nothing withdrawn.
    let res = await client.post(confirmUrl, { _csrf: csrf, reason: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#reason">Enter why the paper is withdrawn</a>');
    expect((await db.selectFrom('document').select('withdrawn_at').where('id', '=', report.id).executeTakeFirstOrThrow()).withdrawn_at).toBeNull();

    res = await client.post(confirmUrl, { _csrf: csrf, reason: 'The actuary is revising the figures' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/workspace/items/${item.id}/papers?withdrawn=1&agenda=2`);
    page = await client.get(res.headers.location as string);
    expect(page.body).toContain('Paper withdrawn: the agenda reports pack (version 2) reissued without it');
    expect(page.body).toContain('The actuary is revising the figures');
    expect(page.body).not.toContain(`href="${confirmUrl}"`);

    // The agenda page lists the paper under its item, tagged withdrawn with when and why.
    const agendaPage = (await client.get(`/workspace/meetings/${meeting.id}/agenda`)).body.replace(/\s+/g, ' ');
    expect(agendaPage).toMatch(new RegExp(`<li>Triennial valuation report<br><strong class="govuk-tag govuk-tag--grey">\\s*Withdrawn\\s*</strong> <span class="moot-meta">${DAY.source}, [^<]*: The actuary is revising the figures</span></li>`));

    // Again: refused, saying when it was withdrawn.
    res = await client.post(confirmUrl, { _csrf: csrf, reason: 'Twice' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/already withdrawn on/);

    // The public pages: the paper listed still, marked, with the day and the reason; the item "report withdrawn".
    const meetingPage = await app.inject({ method: 'GET', url: `/meetings/${meeting.slug}` });
    expect(meetingPage.statusCode).toBe(200);
    expect(meetingPage.body).toMatch(new RegExp(`Withdrawn on ${DAY.source}: The actuary is revising the figures`));
    expect(meetingPage.body).toContain('Report withdrawn');
    expect(meetingPage.body).toContain('Reissued');
    expect(meetingPage.body).toContain(`/documents/${report.slug}`);
    const itemPage = await app.inject({ method: 'GET', url: `/meetings/${meeting.slug}/items/2` });
    expect(itemPage.body).toContain('Report withdrawn');
    const docPage = await app.inject({ method: 'GET', url: `/documents/${report.slug}` });
    expect(docPage.statusCode).toBe(200);
    expect(docPage.body).toMatch(new RegExp(`Withdrawn on ${DAY.source}: The actuary is revising the figures`));
    // The withdrawn PDF stays where it was public: the record of what was published.
    expect((await app.inject({ method: 'GET', url: `/documents/${report.slug}.pdf` })).statusCode).toBe(200);
    // Both issues of the pack are there: the first as history.
    expect((await app.inject({ method: 'GET', url: `/meetings/${meeting.slug}/pack-v1.pdf` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/meetings/${meeting.slug}/pack.pdf` })).statusCode).toBe(200);

    // Reinstated from its papers page: a confirm page of its own, a reason required, the pack reissued with it.
    const reinstateUrl = `/workspace/items/${item.id}/papers/${report.id}/reinstate`;
    page = await client.get(`/workspace/items/${item.id}/papers`);
    expect(page.body).toContain(`href="${reinstateUrl}"`);
    page = await client.get(reinstateUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Reinstate \u201cTriennial valuation report\u201d');
    expect(page.body).toContain('The actuary is revising the figures');
    res = await client.post(reinstateUrl, { _csrf: csrf, reason: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#reason">Enter why the paper is reinstated</a>');
    res = await client.post(reinstateUrl, { _csrf: csrf, reason: 'The actuary confirmed the figures as published' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/workspace/items/${item.id}/papers?reinstated=1&agenda=3`);
    page = await client.get(res.headers.location as string);
    expect(page.body).toContain('Paper reinstated: the agenda reports pack (version 3) reissued with it');
    expect(page.body).toContain(`href="${confirmUrl}"`);
    expect(page.body).toMatch(/Withdrawn [^<]* by [^<]*: The actuary is revising the figures\. Reinstated [^<]* by [^<]*: The actuary confirmed the figures as published/);
    expect((await client.get(reinstateUrl)).statusCode).toBe(404);
    // The public paper page: no longer withdrawn, its history of both steps kept.
    const back = (await app.inject({ method: 'GET', url: `/documents/${report.slug}` })).body;
    expect(back).not.toContain('moot-withdrawn-banner');
    expect(back).toMatch(new RegExp(`<li>Withdrawn on ${DAY.source}: The actuary is revising the figures</li><li>Reinstated on ${DAY.source}: The actuary confirmed the figures as published</li>`));
    const meetingAgain = (await app.inject({ method: 'GET', url: `/meetings/${meeting.slug}` })).body;
    expect(meetingAgain).not.toContain('Report withdrawn');
  });
});
