// Performance and budget figures on the portal, on both databases: the demo Cabinet item carries the dashboard and
// the budget report (tables, RAG words, arrows with words, SVG charts with text), the period pages and the
// downloads agree, drafts stay out of public view, and the deliberately unreconciled file was refused then corrected.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../../src/demo/index.js';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { importDataFile, toCsv } from '../../../src/services/data-files.js';
import { dataReportModel, dataSetFor, publishDataSet, unpublishDataSet } from '../../../src/services/data.js';
import { PUBLIC_VIEWER } from '../../../src/domain/policy.js';
import { chartSvg } from '../../../src/web/charts.js';
import { listAudit } from '../../../src/store/audit.js';
import { buildPack } from '../../../src/pack/index.js';
import { packInputForMeeting } from '../../../src/services/publication/pack-input.js';
import { readPack } from '../../pack/read-pdf.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { buildPortal, TODAY } from './setup.js';

describe.each(STORE_KINDS)('performance and budgets on the portal on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | null = null;
  let ready = false;
  async function setup(c: Parameters<typeof get>[0]) {
    const t = get(c);
    if (!ready) {
      await loadDemo(t.store, { years: 1, today: TODAY, index: false });
      app = await buildPortal(t.store);
      ready = true;
    }
    return { t, app: app! };
  }
  afterAll(async () => {
    await app?.close();
  });
  const page = async (url: string, status = 200) => {
    const res = await app!.inject(url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(status);
    return res;
  };

  it('the Cabinet items carry the dashboard and budget report, and the downloads match the pages', { timeout: 240_000 }, async (c) => {
    const { t } = await setup(c);
    const db = t.store.db;
    const attached = await db.selectFrom('agenda_item_data as a').innerJoin('agenda_item as i', 'i.id', 'a.agenda_item_id').innerJoin('meeting as m', 'm.id', 'i.meeting_id')
      .innerJoin('data_set as d', 'd.id', 'a.data_set_id').select(['m.slug', 'i.code', 'd.kind', 'd.period', 'd.current_version']).execute();
    expect(attached.map((a) => a.kind).sort()).toEqual(['capital', 'indicator-values', 'revenue']);
    const perf = attached.find((a) => a.kind === 'indicator-values')!;
    const item = (await page(`/meetings/${perf.slug}/items/${encodeURIComponent(perf.code)}`)).body;
    expect(item).toContain('Performance dashboard:');
    expect(item).toMatch(/<strong class="govuk-tag moot-rag moot-rag--(green|amber|red)">(Green|Amber|Red)<\/strong>/);
    expect(item).toMatch(/<span aria-hidden="true" class="moot-arrow">[↑↓↔]<\/span> (Improving|Stable|Falling)/);
    expect(item).toMatch(/<svg [^>]*role="img" aria-labelledby="chart-[0-9a-f]{12}-t chart-[0-9a-f]{12}-d"/);
    expect(item).toContain('<desc id="chart-');
    // Chart ids come from the chart: the same page renders byte for byte the same (so its ETag holds), and the
    // ids on a page are distinct.
    const ids = [...item.matchAll(/<title id="(chart-[0-9a-f]+)-t">/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const model = await dataReportModel(db, PUBLIC_VIEWER, await dataSetFor(db, PUBLIC_VIEWER, 'indicator-values', perf.period));
    expect(model.charts.length).toBeGreaterThan(0);
    expect(model.charts.map((ch) => chartSvg(ch))).toEqual(model.charts.map((ch) => chartSvg(ch)));

    const slug = perf.period.toLowerCase().replace(/\s+/g, '-');
    const dash = (await page(`/performance/${slug}`)).body;
    const json = JSON.parse((await page(`/data/indicator-values/${slug}.json`)).body);
    expect(json.indicators).toHaveLength(25);
    const s = json.summary.kpis;
    expect(dash).toContain(`latest performance is Green for`);
    const summaryRow = /Key Performance Indicators<\/strong><\/th>([\s\S]*?)<\/tr>/.exec(dash)![1];
    const counts = [...summaryRow.matchAll(/>(\d+)</g)].map((m) => Number(m[1]));
    expect(counts).toEqual([s.green, s.amber, s.red, s.improving, s.stable, s.falling]);
    const ragCount = (w: string) => (dash.match(new RegExp(`moot-rag--${w.toLowerCase()}">${w}<`, 'g')) ?? []).length;
    expect([ragCount('Green'), ragCount('Amber'), ragCount('Red')]).toEqual([s.green, s.amber, s.red]);

    // The revenue CSV's total row is the page's total row, and the corrected version is the one published.
    const rev = attached.find((a) => a.kind === 'revenue')!;
    expect(rev.current_version).toBe(2);
    const csv = (await page(`/data/revenue/${rev.period}.csv`)).body.trim().split('\n');
    expect(csv[0]).toMatch(/^Portfolio,Budget line,Row type,Cash limit gross/);
    const total = csv[csv.length - 1].split(',');
    const budgetPage = (await page(`/budgets/revenue/${rev.period}`)).body;
    const pageTotal = /<tr class="govuk-table__row moot-total-row">([\s\S]*?)<\/tr>/.exec(budgetPage)![1];
    const pageFigures = [...pageTotal.matchAll(/<strong>([-\d,.]+)<\/strong>/g)].map((m) => m[1].replace(/,/g, ''));
    expect(pageFigures).toEqual(total.slice(3, 11));
    const audit = await listAudit(db, { entity: 'data_set', action: 'data.version', limit: 500 });
    expect(audit.filter((a) => a.summary?.includes(`revenue-${rev.period}`)).length).toBe(2);
    expect((await page('/performance')).body).toContain(`/data/revenue/${rev.period}.csv`);
    expect((await page(`/performance/indicators/CS04`)).body).toContain('Targets by year');

    // The read API gives the same figures as the download, and is in the OpenAPI document.
    const api = JSON.parse((await page(`/api/v1/data-sets/indicator-values/${slug}`)).body);
    expect(api).toEqual(json);
    const list = JSON.parse((await page('/api/v1/data-sets?kind=revenue&limit=50')).body);
    expect(list.items.map((d: { period: string }) => d.period)).toContain(rev.period);
    expect(JSON.parse((await page('/api/v1/indicators/CS04')).body).values.length).toBe(4);
    const openapi = JSON.parse((await page('/api/openapi.json')).body);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/data-sets', '/api/v1/data-sets/{kind}/{period}', '/api/v1/indicators/{ref}']));
    await page('/api/v1/data-sets/revenue/2031-01', 404);
  });

  it('the Cabinet pack carries the dashboard and budget tables and charts generated from the published figures', { timeout: 240_000 }, async (c) => {
    const { t } = await setup(c);
    const a = await t.store.db.selectFrom('agenda_item_data as a').innerJoin('agenda_item as i', 'i.id', 'a.agenda_item_id').innerJoin('meeting as m', 'm.id', 'i.meeting_id')
      .select(['m.slug', 'm.date']).executeTakeFirstOrThrow();
    const { input } = await packInputForMeeting(t.store.db, a.slug, '2000-01-01');
    const papers = input.sections.flatMap((s) => s.items.flatMap((i) => i.papers)).filter((p) => p.kind === 'data-report');
    expect(papers.map((p) => p.title).sort()).toEqual([expect.stringMatching(/^Capital budget monitoring: /), expect.stringMatching(/^Performance dashboard: Quarter /), expect.stringMatching(/^Revenue budget monitoring: /)]);
    const pack = await buildPack(input, { audience: 'public' });
    const text = (await readPack(pack.bytes)).pages.map((p) => p.text).join('\n');
    expect(text).toContain('Key Performance Indicators');
    expect(text).toMatch(/(Green|Amber|Red)/);
    expect(text).toMatch(/Trend of [A-Z]{2}\d{2} over \d periods/);
    expect(text).toContain("Revised variance by portfolio");
  });

  it('a new draft is not public until published, and an unpublished period is not found', { timeout: 240_000 }, async (c) => {
    const { t } = await setup(c);
    const csv = toCsv([['Portfolio', 'Budget line', 'Forecast variance', 'Narrative'], ['Adults', 'Direct Payments', '999', 'Secret draft figure']]);
    const r = await importDataFile(t.store.db, SYSTEM_ACTOR, { fileName: 'draft.csv', bytes: new TextEncoder().encode(csv), kind: 'revenue', period: '2030-01' });
    expect(r.saved?.saved[0].changed).toBe(true);
    await page('/budgets/revenue/2030-01', 404);
    await page('/data/revenue/2030-01.csv', 404);
    expect((await page('/performance')).body).not.toContain('2030');
  });

  it('the dashboard page, computed once per data version, follows a withdrawal and a republication at once', { timeout: 240_000 }, async (c) => {
    const { t } = await setup(c);
    const db = t.store.db;
    const ds = await db.selectFrom('data_set').select(['id', 'period']).where('kind', '=', 'indicator-values').where('published_version', 'is not', null).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const url = `/performance/${ds.period.toLowerCase().replace(/\s+/g, '-')}`;
    expect((await page(url)).body).toContain('Performance dashboard');
    expect((await page(url)).body).toContain('Performance dashboard');
    await unpublishDataSet(db, SYSTEM_ACTOR, ds.id);
    await page(url, 404);
    await publishDataSet(db, SYSTEM_ACTOR, ds.id);
    expect((await page(url)).body).toContain('Performance dashboard');
  });
});
