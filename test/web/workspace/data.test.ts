// The clerk's figures screens, on SQLite and PostgreSQL: upload a spreadsheet; a file with problems shows every
// one against its sheet, row and cell and writes nothing; the corrected file becomes a draft with its RAG ratings,
// seen by staff only (never on the public pages); a budget report whose total does not add up is shown with the
// table, row and column and cannot be published; the report goes on an agenda item and is published.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { createBody } from '../../../src/store/bodies.js';
import { addItem, addSection } from '../../../src/store/workspace/agenda.js';
import { scheduleMeetings } from '../../../src/store/workspace/series.js';
import publicPortal from '../../../src/web/routes/public/index.js';
import workspace from '../../../src/web/routes/workspace/index.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { addUser, appOn, sessionClient, type Client } from '../auth/helpers.js';
import { clerkClient, multipart } from './helpers.js';

const CATALOGUE = [
  'Ref,Description,Service area,Kind,Polarity,Unit,Year,Target,Floor',
  'CS04,Calls to Contact Point answered,Customer Services,KPI,Higher,%,2025-26,95,80',
  'EH13,Household waste recycled,Environment,KPI,Higher,%,2025-26,50,40',
].join('\n');
const BAD_VALUES = ['Ref,Period,Value', 'CS04,2025-26 Q1,ninety', 'XX99,2025-26 Q1,12', 'EH13,2025-26 Q1,38'].join('\n');
const VALUES = ['Ref,Period,Value', 'CS04,2025-26 Q1,96', 'EH13,2025-26 Q1,38'].join('\n');
const REVENUE_HEAD = 'Portfolio,Budget line,Row type,Cash limit gross,Cash limit income,Cash limit net,Forecast variance,Management action,Revised variance,Last reported,Movement,Narrative';
const revenue = (total: string) => [REVENUE_HEAD,
  'Adults,Direct payments,Line,1000,-200,800,20,0,20,10,10,',
  'Adults,Residential care,Line,2000,-500,1500,-5,0,-5,0,-5,',
  `,Total,Total,3000,-700,${total},15,0,15,10,5,`].join('\n');

async function upload(app: FastifyInstance, client: Client, csrf: string, fields: Record<string, string>, fileName: string, text: string) {
  const body = multipart({ _csrf: csrf, ...fields }, { name: 'file', fileName, type: 'text/csv', bytes: Buffer.from(text) });
  return app.inject({ method: 'POST', url: '/workspace/data/upload', payload: body.payload, headers: { 'content-type': body.contentType, cookie: client.cookieHeader() }, remoteAddress: client.ip });
}

describe.each(STORE_KINDS)('workspace figures on %s', (kind) => {
  const get = useTestStore(kind);

  it('upload, every problem against its cell, fix and re-upload, draft view for staff only, attach, publish', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const bodyId = await createBody(db, SYSTEM_ACTOR, { name: 'Cabinet', kind: 'cabinet', size: 3, agendaStyle: 'numbered' });
    const [meeting] = await scheduleMeetings(db, SYSTEM_ACTOR, { bodyId, dates: ['2025-09-18'], time: '10:00', venue: 'Council Chamber', contacts: [], withStandingItems: false });
    const sectionId = await addSection(db, SYSTEM_ACTOR, meeting.id, { title: 'Items for decision', exempt: false });
    const item = await addItem(db, SYSTEM_ACTOR, meeting.id, { sectionId, title: 'Quarterly performance report', purpose: null, presenters: [], toFollow: false, urgentReason: null, exempt: false, exemptParagraphs: [], publicInterestReason: null });
    const app = await appOn(store, { today: () => '2025-09-01', routes: [{ plugin: workspace }, { plugin: publicPortal }] });
    const { client, csrf } = await clerkClient(app, store);

    // The upload form: GOV.UK radios, period, file; a missing file and period named in the error summary.
    expect((await client.get('/workspace/data/upload')).body).toContain('What does the file hold?');
    const noFile = multipart({ _csrf: csrf, kind: 'revenue' }, { name: 'other', fileName: 'x.txt', type: 'text/plain', bytes: Buffer.from('x') });
    let res = await app.inject({ method: 'POST', url: '/workspace/data/upload', payload: noFile.payload, headers: { 'content-type': noFile.contentType, cookie: client.cookieHeader() }, remoteAddress: client.ip });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#period">Enter the period the budget report covers, for example 2025-06</a>');
    expect(res.body).toContain('<a href="#file">Select a CSV or XLSX file to upload</a>');

    res = await upload(app, client, csrf, { kind: 'indicators' }, 'catalogue.csv', CATALOGUE);
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    expect(res.headers.location).toBe(`/workspace/data?imported=${encodeURIComponent('2 indicators added, 0 changed')}`);

    // A file with two problems: both at once, each linked to its cell in the preview; nothing written.
    res = await upload(app, client, csrf, { kind: 'indicator-values' }, 'q1.csv', BAD_VALUES);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('q1.csv: 2 problems, nothing imported');
    expect(res.body).toMatch(/<a href="#cell-2-C">sheet &quot;q1\.csv&quot;, row 2, column C \(Value\): [^<]+<\/a>/);
    expect(res.body).toMatch(/<a href="#cell-3-A">sheet &quot;q1\.csv&quot;, row 3, column A \(Ref\): [^<]*XX99[^<]*<\/a>/);
    expect(res.body).toMatch(/<td class="govuk-table__cell moot-cell-error" id="cell-2-C">ninety<span class="govuk-error-message"><span class="govuk-visually-hidden">Error in C2:<\/span>/);
    expect(res.body).not.toContain('id="row-4"'); // the row without a problem is not shown
    expect(await db.selectFrom('data_set').select('id').where('kind', '=', 'indicator-values').execute()).toHaveLength(0);

    // The corrected file: a draft, rated by the domain's rules, shown to staff only.
    res = await upload(app, client, csrf, { kind: 'indicator-values' }, 'q1.csv', VALUES);
    expect(res.statusCode, res.body.slice(0, 3000)).toBe(303);
    const dashboardUrl = res.headers.location!.split('?')[0];
    let page = (await client.get(res.headers.location!)).body;
    expect(page).toContain('Version 1 imported: a draft until it is published');
    expect(page).toContain('Draft: not published');
    expect(page).toMatch(/moot-rag--green">Green</);
    expect(page).toMatch(/moot-rag--red">Red</);
    expect(page).toContain('None: the public sees none of these figures');
    expect((await app.inject({ method: 'GET', url: '/performance/2025-26-q1' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/data/indicator-values/2025-26-q1.csv' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: dashboardUrl })).statusCode).not.toBe(200);
    const councillor = await addUser(store, 'councillor');
    const { client: other } = await sessionClient(app, store, councillor.id, '10.0.0.9');
    expect((await other.get(dashboardUrl)).statusCode).toBe(403);
    expect((await other.get('/performance/2025-26-q1')).statusCode).toBe(404);

    // The same file again changes nothing.
    res = await upload(app, client, csrf, { kind: 'indicator-values' }, 'q1.csv', VALUES);
    expect(res.headers.location).toBe(`${dashboardUrl}?imported=same`);

    // On the agenda item, then published: the public page and the item page show it.
    res = await client.post(`${dashboardUrl}/attach`, { _csrf: csrf, item: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#item">Choose the agenda item of a meeting still to be held</a>');
    // An item that is not of a meeting still to be held: the service refuses it (the API asks the same service).
    res = await client.post(`${dashboardUrl}/attach`, { _csrf: csrf, item: '999999' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#item">Choose the agenda item of a meeting still to be held</a>');
    page = (await client.get(dashboardUrl)).body;
    expect(page).toContain(`<option value="${item.id}">Cabinet, Thursday 18 September 2025: 1. Quarterly performance report</option>`);
    res = await client.post(`${dashboardUrl}/attach`, { _csrf: csrf, item: String(item.id) });
    expect(res.statusCode).toBe(303);
    page = (await client.get(res.headers.location!)).body;
    expect(page).toContain('Added to the agenda item');
    expect(page).toContain(`href="/workspace/items/${item.id}">1. Quarterly performance report</a>`);
    res = await client.post(`${dashboardUrl}/publish`, { _csrf: csrf });
    expect(res.statusCode).toBe(303);
    expect((await client.get(res.headers.location!)).body).toContain('Version 1 published');
    const pub = await app.inject({ method: 'GET', url: '/performance/2025-26-q1' });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('Household waste recycled');
    const actions = (await db.selectFrom('audit_log').select('action').where('action', 'like', 'data.%').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['data.attach', 'data.publish']));

    // A budget report whose net total does not add up: kept as a draft, the check names table, row and column,
    // and publication is refused with it in the error summary.
    res = await upload(app, client, csrf, { kind: 'revenue', period: '2025-06' }, 'june.csv', revenue('2400'));
    expect(res.statusCode, res.body.slice(0, 3000)).toBe(303);
    const budgetUrl = res.headers.location!.split('?')[0];
    page = (await client.get(budgetUrl)).body;
    expect(page).toContain('These figures cannot be published until the spreadsheet is corrected and uploaded again.');
    expect(page).toMatch(/<li><strong>[^<]*row 4, Cash limit net<\/strong>: [^<]*2,400[^<]*2,300/);
    expect(page).not.toContain('Publish version 1');
    res = await client.post(`${budgetUrl}/publish`, { _csrf: csrf });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<a href="#checks">[^<]*row 4, Cash limit net: /);
    expect((await app.inject({ method: 'GET', url: '/budgets/revenue/2025-06' })).statusCode).toBe(404);
    // Corrected: version 2, the checks pass, published.
    res = await upload(app, client, csrf, { kind: 'revenue', period: '2025-06' }, 'june.csv', revenue('2300'));
    expect(res.headers.location).toBe(`${budgetUrl}?imported=new`);
    page = (await client.get(budgetUrl)).body;
    expect(page).toContain('The totals add up');
    expect(page).toContain('Publish version 2');
    expect((await client.post(`${budgetUrl}/publish`, { _csrf: csrf })).statusCode).toBe(303);
    expect((await app.inject({ method: 'GET', url: '/budgets/revenue/2025-06' })).statusCode).toBe(200);

    // The list shows both, with their states; templates download.
    page = (await client.get('/workspace/data')).body;
    expect(page).toContain('Performance dashboard: Quarter 1 2025-26 (April to June 2025)');
    expect(page).toContain('Revenue budget monitoring: June 2025');
    const tpl = await client.get('/workspace/data/templates/revenue.csv');
    expect(tpl.statusCode).toBe(200);
    expect(tpl.body.split(/\r?\n/)[0]).toContain('Cash limit gross');
    await app.close();
  }, 120_000);
});
