// Performance and budget figures on the portal: a page per published dashboard and budget report, a page per
// indicator (its history against its targets), and the open data (CSV and JSON of every published period).
import type { FastifyPluginAsync } from 'fastify';
import { dashboardModel, trendChart, type DataReportModel } from '../../../domain/data-report.js';
import type { Viewer } from '../../../domain/policy.js';
import { DIRECTION_WORDS, formatIndicatorValue, parsePeriod, periodFromSlug, previousPeriod, rateIndicator, RAG_WORDS, standardFor, type IndicatorValue } from '../../../domain/indicators.js';
import { NotFoundError } from '../../../errors.js';
import { exportDataSet, toCsv } from '../../../services/data-files.js';
import {
  dashboardView,
  dataReportModel,
  dataSetFor,
  dataSetHref,
  DATA_KIND_LABELS,
  indicatorHistory,
  listItemsForDataSet,
  listPublishedDataSets,
  publicIndicators,
  type DashboardView,
  type DataKind,
} from '../../../services/data.js';
import type { Store } from '../../../services/unit.js';
import { origin } from './http.js';
import { dataVersion } from '../../../services/site.js';

interface PublicDashboard { view: DashboardView; model: DataReportModel; items: Awaited<ReturnType<typeof listItemsForDataSet>> }

const DOWNLOAD = /^(.+)\.(csv|json)$/;
const BUDGET_KINDS = new Set(['revenue', 'capital']);

const data: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  const downloads = (kind: DataKind, period: string) => {
    const base = `/data/${kind}/${period.toLowerCase().replace(/\s+/g, '-')}`;
    return { csv: `${base}.csv`, json: `${base}.json` };
  };

  app.get('/performance', async (request, reply) => {
    const sets = await listPublishedDataSets(store.db, 'indicator-values');
    const indicators = await publicIndicators(store.db, request.viewer);
    const budgets = [...(await listPublishedDataSets(store.db, 'revenue')), ...(await listPublishedDataSets(store.db, 'capital'))].sort((a, b) => b.periodOrdinal - a.periodOrdinal);
    return reply.render('pages/public/performance.njk', {
      pageTitle: 'Performance and budgets', canonicalUrl: `${origin(request)}/performance`,
      dashboards: sets.map((d) => ({ ...d, label: parsePeriod(d.period).label, href: dataSetHref(d), downloads: downloads(d.kind, d.period) })),
      budgets: budgets.map((d) => ({ ...d, label: `${DATA_KIND_LABELS[d.kind]}: ${parsePeriod(d.period).label}`, href: dataSetHref(d), downloads: downloads(d.kind, d.period) })),
      indicators,
      breadcrumbs: [{ text: 'Home', href: '/' }],
    });
  });

  // The public's dashboards, computed once per data version: what the public sees of a published period depends
  // only on the record, and the version moves with every committed write (as for the page cache), so an unchanged
  // dashboard is not read and rebuilt on every request. One map per app (per store); cleared when the version moves.
  const dashboards = { version: '', byPeriod: new Map<string, Promise<PublicDashboard>>() };
  const publicDashboard = async (code: string, viewer: Viewer): Promise<PublicDashboard> => {
    const load = async () => {
      const view = await dashboardView(store.db, viewer, code);
      const model = dashboardModel(view.dashboard, view.history);
      const items = (await listItemsForDataSet(store.db, view.dataSet.id)).filter((i) => i.agenda_published_at && !i.exempt);
      return { view, model, items };
    };
    if (viewer.kind !== 'public') return load();
    const version = await dataVersion(store);
    if (version !== dashboards.version) dashboards.byPeriod = new Map();
    dashboards.version = version;
    let hit = dashboards.byPeriod.get(code);
    if (!hit) {
      hit = load();
      dashboards.byPeriod.set(code, hit);
      if (dashboards.byPeriod.size > 200) dashboards.byPeriod.delete(dashboards.byPeriod.keys().next().value as string);
      hit.catch(() => { if (dashboards.byPeriod.get(code) === hit) dashboards.byPeriod.delete(code); });
    }
    return hit;
  };

  app.get<{ Params: { period: string } }>('/performance/:period', async (request, reply) => {
    const period = periodOf(request.params.period);
    const { view, model, items } = await publicDashboard(period.code, request.viewer);
    return reply.render('pages/public/data-set.njk', {
      pageTitle: model.title, canonicalUrl: `${origin(request)}${dataSetHref(view.dataSet)}`, model, dataSet: view.dataSet, version: view.version,
      downloads: downloads('indicator-values', view.dataSet.period), items,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Performance and budgets', href: '/performance' }],
    });
  });

  app.get<{ Params: { ref: string } }>('/performance/indicators/:ref', async (request, reply) => {
    const h = await indicatorHistory(store.db, request.viewer, request.params.ref);
    const i = h.indicator;
    const byPeriod = new Map(h.values.map((v) => [v.period, v]));
    const rows = h.values.map((v) => {
      const p = parsePeriod(v.period);
      const prev = previousOf(byPeriod, p.code);
      const r = rateIndicator(i, p, v, prev);
      return {
        period: p.label, href: `/performance/${p.code.toLowerCase().replace(/\s+/g, '-')}`, value: formatIndicatorValue(v.value, i),
        target: r.standard?.target == null ? '' : formatIndicatorValue(r.standard.target, i), floor: r.standard?.floor == null ? '' : formatIndicatorValue(r.standard.floor, i),
        rag: r.rag, ragWord: r.rag ? RAG_WORDS[r.rag] : i.kind === 'activity' ? (r.range ?? '') : 'Not rated',
        direction: r.direction ? DIRECTION_WORDS[r.direction] : '', note: v.note,
      };
    });
    const latest = h.values[h.values.length - 1];
    const chart = latest ? trendChart({ indicator: i, standard: standardFor(i, parsePeriod(latest.period).year) }, h.values.map((v) => ({ period: v.period, value: v.value }))) : null;
    return reply.render('pages/public/indicator.njk', {
      pageTitle: `${i.ref}: ${i.description}`, canonicalUrl: `${origin(request)}/performance/indicators/${encodeURIComponent(i.ref)}`,
      indicator: i, rows, chart,
      standards: i.standards.map((s) => ({ year: s.year, target: s.target == null ? '' : formatIndicatorValue(s.target, i), floor: s.floor == null ? '' : formatIndicatorValue(s.floor, i), lower: s.lower == null ? '' : formatIndicatorValue(s.lower, i), upper: s.upper == null ? '' : formatIndicatorValue(s.upper, i) })),
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Performance and budgets', href: '/performance' }],
    });
  });

  app.get<{ Params: { kind: string; period: string } }>('/budgets/:kind/:period', async (request, reply) => {
    if (!BUDGET_KINDS.has(request.params.kind)) return reply.callNotFound();
    const period = periodOf(request.params.period);
    const ds = await dataSetFor(store.db, request.viewer, request.params.kind as DataKind, period.code);
    if (ds.publishedVersion === null) throw new NotFoundError(ds.title);
    const model = await dataReportModel(store.db, request.viewer, ds);
    const items = (await listItemsForDataSet(store.db, ds.id)).filter((i) => i.agenda_published_at && !i.exempt);
    return reply.render('pages/public/data-set.njk', {
      pageTitle: model.title, canonicalUrl: `${origin(request)}${dataSetHref(ds)}`, model, dataSet: ds, version: ds.publishedVersion,
      downloads: downloads(ds.kind, ds.period), items,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Performance and budgets', href: '/performance' }],
    });
  });

  app.get<{ Params: { kind: string; file: string } }>('/data/:kind/:file', async (request, reply) => {
    const m = DOWNLOAD.exec(request.params.file);
    const kind = request.params.kind;
    if (!m || !['indicator-values', 'revenue', 'capital'].includes(kind)) return reply.callNotFound();
    const ds = await dataSetFor(store.db, request.viewer, kind as DataKind, periodOf(m[1]).code);
    if (ds.publishedVersion === null) throw new NotFoundError(ds.title);
    const out = await exportDataSet(store.db, request.viewer, ds);
    reply.header('cache-control', 'public, max-age=300');
    if (m[2] === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(out.json, null, 2));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${out.fileBase}.csv"`).send(toCsv(out.csvRows));
  });
};

function periodOf(slug: string) {
  try {
    return periodFromSlug(slug);
  } catch {
    throw new NotFoundError(`the period ${JSON.stringify(slug)}`);
  }
}

function previousOf(byPeriod: Map<string, IndicatorValue>, code: string): IndicatorValue | null {
  return byPeriod.get(previousPeriod(parsePeriod(code)).code) ?? null;
}

export default data;
