// Performance indicators and budget monitoring (issue 14): the use-cases. Figures go in once (a file read by
// src/importer/read/data-layout.ts, or made in code), are kept as versioned data sets, are checked before
// publication, and are read back as dashboards, budget reports, indicator histories and open data.
import { createHash } from 'node:crypto';
import {
  BUDGET_TABLE_NAMES,
  capitalTotals,
  checkCapitalAgainstLast,
  checkRevenueAgainstLast,
  DEFAULT_BUDGET_RULES,
  reconcileCapital,
  reconcileRevenue,
  revenueTotals,
  type BudgetProblem,
  type BudgetRules,
  type CapitalRow,
  type CapitalTotals,
  type RevenueRow,
  type RevenueTotals,
} from '../domain/budget.js';
import {
  buildDashboard,
  checkIndicator,
  parsePeriod,
  periodSlug,
  previousPeriod,
  type Dashboard,
  type Indicator,
  type IndicatorValue,
  type Period,
} from '../domain/indicators.js';
import { capitalModel, dashboardModel, revenueModel, type DataReportModel } from '../domain/data-report.js';
import { can, type Viewer } from '../domain/policy.js';
import type { Actor } from '../domain/types.js';
import { MootError, NotFoundError, ValidationError } from '../errors.js';
import { recordAudit } from '../store/audit.js';
import {
  addVersion,
  attachToItem,
  createDataSet,
  detachFromItem,
  findDataSet,
  getDataSet,
  getIndicator,
  getVersion,
  isItemOpenForData,
  insertCapitalLines,
  insertIndicatorValues,
  insertRevenueLines,
  listDataSets,
  listIndicators,
  listItemData,
  itemsOpenForData,
  listItemsForDataSet,
  listVersions,
  publishedItemsOfBodyKind,
  readCapitalLines,
  readIndicatorValues,
  readRevenueLines,
  readVersionValues,
  saveIndicator,
  setPublished,
  type DataKind,
  type DataSetRow,
  type DataSetVersionRow,
  type StoredIndicator,
} from '../store/data.js';
import { transaction, type Db, type Queryable } from '../store/db.js';
import { putBlob, sha256Hex } from '../store/documents.js';

export type { DataKind, DataSetRow, DataSetVersionRow, StoredIndicator };

/** The figures a file (or code) supplies. Indicator values may span periods: each period is its own data set. */
export type DataContent =
  | { kind: 'indicators'; indicators: Indicator[] }
  | { kind: 'indicator-values'; values: IndicatorValue[] }
  | { kind: 'revenue'; period: Period; rows: RevenueRow[]; rules: BudgetRules }
  | { kind: 'capital'; period: Period; years: string[]; rows: CapitalRow[]; rules: BudgetRules };

export const DATA_KIND_LABELS: Readonly<Record<DataKind, string>> = {
  indicators: 'Performance indicators',
  'indicator-values': 'Performance dashboard',
  revenue: 'Revenue budget monitoring',
  capital: 'Capital budget monitoring',
};

export interface SavedDataSet {
  dataSetId: number;
  kind: DataKind;
  period: string;
  version: number;
  /** False when the figures were the same as the current version's: nothing was written. */
  changed: boolean;
  rows: number;
}

export interface SaveResult {
  saved: SavedDataSet[];
  /** For the indicator catalogue: indicators added and changed. */
  indicatorsAdded: number;
  indicatorsChanged: number;
  /** Problems publication will refuse on (reconciliation, narrative, last report): the draft is kept. */
  publicationProblems: BudgetProblem[];
}

function hash(v: unknown): string {
  return createHash('sha256').update(JSON.stringify(v)).digest('hex');
}

/** An indicator with its keys in one order, so equal definitions hash equal wherever they came from. */
function canonicalIndicator(i: Indicator): Indicator {
  return {
    ref: i.ref, description: i.description, serviceArea: i.serviceArea, director: i.director, cabinetMember: i.cabinetMember,
    kind: i.kind, polarity: i.polarity, unit: i.unit, decimals: i.decimals,
    standards: [...i.standards].sort((a, b) => a.year.localeCompare(b.year)).map((s) => ({
      year: s.year, target: s.target, floor: s.floor, lower: s.lower, upper: s.upper, floorLower: s.floorLower, floorUpper: s.floorUpper,
    })),
  };
}

const stripRow = <T extends { sourceRow: number | null }>(r: T) => ({ ...r, sourceRow: null });

function dataSetTitle(kind: DataKind, period: Period | null): string {
  return period ? `${DATA_KIND_LABELS[kind]}: ${period.label}` : DATA_KIND_LABELS[kind];
}

/**
 * Stores the figures as a new version of each data set they touch, in one transaction. A data set whose figures
 * are the same as its current version gets no new version (re-importing a file changes nothing).
 */
export async function saveDataContent(
  db: Db,
  actor: Actor,
  content: DataContent,
  source: { fileName: string; bytes: Uint8Array } | null = null,
  note: string | null = null,
): Promise<SaveResult> {
  return transaction(db, async (tx) => {
    const result: SaveResult = { saved: [], indicatorsAdded: 0, indicatorsChanged: 0, publicationProblems: [] };
    const fileSha = source ? await putBlob(tx, source.bytes) : null;
    const version = async (kind: DataKind, period: Period | null, contentSha: string, rows: number, settings: DataSetVersionRow['settings'], write: (versionId: number) => Promise<void>) => {
      const code = period?.code ?? '';
      let ds = await findDataSet(tx, kind, code);
      if (!ds) {
        const id = await createDataSet(tx, { kind, period: code, periodKind: period?.kind ?? '', periodOrdinal: period?.ordinal ?? 0, title: dataSetTitle(kind, period) });
        ds = (await getDataSet(tx, id))!;
      }
      const current = ds.currentVersion ? await getVersion(tx, ds.id, ds.currentVersion) : null;
      if (current && current.contentSha256 === contentSha) {
        result.saved.push({ dataSetId: ds.id, kind, period: code, version: current.version, changed: false, rows });
        return;
      }
      const v = await addVersion(tx, ds.id, { contentSha256: contentSha, fileName: source?.fileName ?? null, fileSha256: fileSha, rowCount: rows, settings, note, createdBy: actor.name });
      await write(v.id);
      await recordAudit(tx, actor, {
        action: 'data.version', entity: 'data_set', entityId: ds.id,
        summary: `${ds.title}: version ${v.version}${source ? ` from ${source.fileName}` : ''} (${rows} rows)`,
        after: { version: v.version, contentSha256: contentSha, fileSha256: fileSha },
      });
      result.saved.push({ dataSetId: ds.id, kind, period: code, version: v.version, changed: true, rows });
    };

    if (content.kind === 'indicators') {
      const existing = new Map((await listIndicators(tx)).map((i) => [i.ref, i]));
      for (const ind of content.indicators) {
        const problems = checkIndicator(ind);
        if (problems.length) throw new MootError(problems.map((p) => p.message).join('; '));
        const was = existing.get(ind.ref) ?? null;
        if (was && hash(canonicalIndicator(was)) === hash(canonicalIndicator(ind))) continue;
        const id = await saveIndicator(tx, ind, was?.id ?? null);
        if (was) result.indicatorsChanged++;
        else result.indicatorsAdded++;
        await recordAudit(tx, actor, {
          action: was ? 'indicator.update' : 'indicator.create', entity: 'indicator', entityId: id, summary: `${ind.ref} ${ind.description}`,
          before: was ? canonicalIndicator(was) : undefined, after: canonicalIndicator(ind),
        });
      }
      const sorted = [...content.indicators].sort((a, b) => a.ref.localeCompare(b.ref)).map(canonicalIndicator);
      await version('indicators', null, hash(sorted), content.indicators.length, {}, async () => undefined);
      return result;
    }

    if (content.kind === 'indicator-values') {
      const refs = [...new Set(content.values.map((v) => v.ref))];
      const ids = new Map((await listIndicators(tx, refs)).map((i) => [i.ref, i.id]));
      const missing = refs.filter((r) => !ids.has(r));
      if (missing.length) throw new MootError(`no indicator ${missing.map((m) => JSON.stringify(m)).join(', ')}: import the indicators first`);
      const byPeriod = new Map<string, IndicatorValue[]>();
      for (const v of content.values) {
        const code = parsePeriod(v.period).code;
        const list = byPeriod.get(code) ?? [];
        list.push({ ...v, period: code });
        byPeriod.set(code, list);
      }
      for (const [code, values] of [...byPeriod].sort((a, b) => parsePeriod(a[0]).ordinal - parsePeriod(b[0]).ordinal)) {
        const sorted = [...values].sort((a, b) => a.ref.localeCompare(b.ref));
        await version('indicator-values', parsePeriod(code), hash(sorted), values.length, {}, (versionId) =>
          insertIndicatorValues(tx, versionId, values.map((v) => ({ indicatorId: ids.get(v.ref)!, value: v.value, reportedOn: v.reportedOn, note: v.note }))),
        );
      }
      return result;
    }

    const settings = { narrativeThreshold: content.rules.narrativeThreshold, tolerance: content.rules.tolerance, ...(content.kind === 'capital' ? { years: content.years } : {}) };
    if (content.kind === 'revenue') {
      await version('revenue', content.period, hash({ rows: content.rows.map(stripRow), settings }), content.rows.length, settings, (id) => insertRevenueLines(tx, id, content.rows));
    } else {
      await version('capital', content.period, hash({ rows: content.rows.map(stripRow), settings }), content.rows.length, settings, (id) => insertCapitalLines(tx, id, content.rows));
    }
    const ds = await findDataSet(tx, content.kind, content.period.code);
    result.publicationProblems = await budgetProblems(tx, ds!, ds!.currentVersion);
    return result;
  });
}

// ---------------------------------------------------------------- reading

export type DataState = 'published' | 'current';

/** Drafts (the current version when it is not the published one) follow the one visibility rule. */
export function mayReadDrafts(viewer: Viewer): boolean {
  return can(viewer, 'view', { bodyId: null, meetingId: null, exempt: false, published: false });
}

/** The version a viewer gets: the published one, or for those allowed drafts and asking for them, the latest. */
function versionFor(ds: DataSetRow, viewer: Viewer, state: DataState): number | null {
  if (state === 'current' && mayReadDrafts(viewer)) return ds.currentVersion || null;
  return ds.publishedVersion;
}

export async function listPublishedDataSets(db: Queryable, kind?: DataKind): Promise<DataSetRow[]> {
  return listDataSets(db, { kind, publishedOnly: true });
}

export async function listAllDataSets(db: Queryable, viewer: Viewer, kind?: DataKind): Promise<DataSetRow[]> {
  return listDataSets(db, { kind, publishedOnly: !mayReadDrafts(viewer) });
}

export async function dataSetById(db: Queryable, viewer: Viewer, id: number): Promise<DataSetRow> {
  const ds = await getDataSet(db, id);
  if (!ds || (ds.publishedVersion === null && !mayReadDrafts(viewer))) throw new NotFoundError(`data set ${id}`);
  return ds;
}

export async function dataSetFor(db: Queryable, viewer: Viewer, kind: DataKind, period: string): Promise<DataSetRow> {
  const ds = await findDataSet(db, kind, period);
  if (!ds || (ds.publishedVersion === null && !mayReadDrafts(viewer))) throw new NotFoundError(`${DATA_KIND_LABELS[kind]} for ${period}`);
  return ds;
}

export { findDataSet, listVersions };

export interface DashboardView {
  dataSet: DataSetRow;
  version: number;
  draft: boolean;
  dashboard: Dashboard;
  /** Up to `history` periods of values per indicator, oldest first, for trend charts. */
  history: Map<string, { period: string; value: number }[]>;
}

/** The dashboard of a period as the viewer may see it: published figures, or the draft for those entitled. */
export async function dashboardView(db: Queryable, viewer: Viewer, period: string, options: { state?: DataState; history?: number } = {}): Promise<DashboardView> {
  const p = parsePeriod(period);
  const ds = await dataSetFor(db, viewer, 'indicator-values', p.code);
  const v = versionFor(ds, viewer, options.state ?? 'published');
  if (v === null) throw new NotFoundError(`the dashboard for ${p.label}`);
  const draft = v !== ds.publishedVersion;
  const version = (await getVersion(db, ds.id, v))!;
  const values = await readVersionValues(db, version.id);
  // Only the period's year of standards: the RAG rating and the charts' target lines use no other.
  const indicators = await listIndicators(db, [...new Set(values.map((x) => x.ref))], [p.year]);
  // Earlier periods: always published figures (a draft compares with what was published before it).
  const want = options.history ?? 8;
  const periods: string[] = [];
  let q = p;
  for (let i = 0; i < want; i++) {
    q = previousPeriod(q);
    periods.push(q.code);
  }
  const earlier = await readIndicatorValues(db, { state: 'published', periods });
  const dashboard = buildDashboard(indicators, [...earlier, ...values], p);
  const history = new Map<string, { period: string; value: number }[]>();
  const ordinal = new Map([...periods, p.code].map((code) => [code, parsePeriod(code).ordinal]));
  const ordinalOf = (code: string) => ordinal.get(code) ?? parsePeriod(code).ordinal;
  for (const x of [...earlier, ...values].sort((a, b) => ordinalOf(a.period) - ordinalOf(b.period))) {
    const list = history.get(x.ref) ?? [];
    list.push({ period: x.period, value: x.value });
    history.set(x.ref, list);
  }
  return { dataSet: ds, version: v, draft, dashboard, history };
}

export interface IndicatorHistory {
  indicator: StoredIndicator;
  values: IndicatorValue[];
}

/** Every published value of an indicator (drafts too for those entitled and asking). */
export async function indicatorHistory(db: Queryable, viewer: Viewer, ref: string, state: DataState = 'published'): Promise<IndicatorHistory> {
  const indicator = await getIndicator(db, ref);
  if (!indicator) throw new NotFoundError(`indicator ${ref}`);
  const values = await readIndicatorValues(db, { state: state === 'current' && mayReadDrafts(viewer) ? 'current' : 'published', indicatorId: indicator.id });
  if (!values.length && !mayReadDrafts(viewer)) throw new NotFoundError(`indicator ${ref}`);
  return { indicator, values };
}

export async function publicIndicators(db: Queryable, viewer: Viewer): Promise<StoredIndicator[]> {
  const all = await listIndicators(db);
  if (mayReadDrafts(viewer)) return all;
  const published = new Set((await readIndicatorValues(db, { state: 'published' })).map((v) => v.ref));
  return all.filter((i) => published.has(i.ref));
}

export interface BudgetView {
  dataSet: DataSetRow;
  version: DataSetVersionRow;
  draft: boolean;
  period: Period;
  rules: BudgetRules;
  revenue: { rows: RevenueRow[]; totals: RevenueTotals } | null;
  capital: { rows: CapitalRow[]; years: string[]; totals: CapitalTotals } | null;
}

export async function budgetView(db: Queryable, viewer: Viewer, kind: 'revenue' | 'capital', period: string, state: DataState = 'published'): Promise<BudgetView> {
  const p = parsePeriod(period);
  const ds = await dataSetFor(db, viewer, kind, p.code);
  return budgetViewOf(db, viewer, ds, state);
}

export async function budgetViewOf(db: Queryable, viewer: Viewer, ds: DataSetRow, state: DataState = 'published'): Promise<BudgetView> {
  const v = versionFor(ds, viewer, state);
  if (v === null) throw new NotFoundError(`${ds.title}`);
  const version = (await getVersion(db, ds.id, v))!;
  const rules = { ...DEFAULT_BUDGET_RULES, ...pickRules(version.settings) };
  const base = { dataSet: ds, version, draft: v !== ds.publishedVersion, period: parsePeriod(ds.period), rules, revenue: null, capital: null };
  if (ds.kind === 'revenue') {
    const rows = await readRevenueLines(db, version.id);
    return { ...base, revenue: { rows, totals: revenueTotals(rows) } };
  }
  const rows = await readCapitalLines(db, version.id);
  const years = version.settings.years ?? [];
  return { ...base, capital: { rows, years, totals: capitalTotals(rows, years) } };
}

function pickRules(s: DataSetVersionRow['settings']): Partial<BudgetRules> {
  const out: Partial<BudgetRules> = {};
  if (typeof s.narrativeThreshold === 'number') out.narrativeThreshold = s.narrativeThreshold;
  if (typeof s.tolerance === 'number') out.tolerance = s.tolerance;
  return out;
}

// ---------------------------------------------------------------- publication

/** The previous published report of the same kind and period kind, for "last reported" and cash-limit checks. */
async function previousPublished(db: Queryable, ds: DataSetRow): Promise<DataSetRow | null> {
  const all = await listDataSets(db, { kind: ds.kind, periodKind: ds.periodKind, publishedOnly: true });
  return all.filter((d) => d.periodOrdinal < ds.periodOrdinal).sort((a, b) => b.periodOrdinal - a.periodOrdinal)[0] ?? null;
}

async function budgetProblems(db: Queryable, ds: DataSetRow, versionNumber: number): Promise<BudgetProblem[]> {
  const version = (await getVersion(db, ds.id, versionNumber))!;
  const rules = { ...DEFAULT_BUDGET_RULES, ...pickRules(version.settings) };
  const prev = await previousPublished(db, ds);
  const prevVersion = prev ? await getVersion(db, prev.id, prev.publishedVersion!) : null;
  const prevLabel = prev ? parsePeriod(prev.period).label : '';
  if (ds.kind === 'revenue') {
    const rows = await readRevenueLines(db, version.id);
    const out = reconcileRevenue(rows, rules);
    if (prevVersion) out.push(...checkRevenueAgainstLast(rows, await readRevenueLines(db, prevVersion.id), prevLabel, rules));
    return out;
  }
  if (ds.kind === 'capital') {
    const rows = await readCapitalLines(db, version.id);
    const out = reconcileCapital(rows, version.settings.years ?? [], rules);
    if (prevVersion) out.push(...checkCapitalAgainstLast(rows, await readCapitalLines(db, prevVersion.id), prevLabel, rules));
    return out;
  }
  return [];
}

export interface PublicationProblem {
  message: string;
  table: string | null;
  row: number | null;
  column: string | null;
}

/** What stops the current version of a data set being published (empty: it may be). */
export async function publicationProblems(db: Queryable, dataSetId: number): Promise<PublicationProblem[]> {
  const ds = await getDataSet(db, dataSetId);
  if (!ds) throw new NotFoundError(`data set ${dataSetId}`);
  if (ds.kind === 'revenue' || ds.kind === 'capital') {
    return (await budgetProblems(db, ds, ds.currentVersion)).map((p) => ({ message: p.message, table: BUDGET_TABLE_NAMES[p.table], row: p.row, column: p.column }));
  }
  if (ds.kind === 'indicator-values') {
    const version = (await getVersion(db, ds.id, ds.currentVersion))!;
    const values = await readVersionValues(db, version.id);
    const indicators = await listIndicators(db, values.map((v) => v.ref));
    const year = parsePeriod(ds.period).year;
    return indicators
      .filter((i) => i.kind === 'kpi' && !i.standards.some((s) => s.year === year))
      .map((i) => ({ message: `${i.ref} has no target or floor for ${year}, so its RAG rating cannot be worked out`, table: 'Indicators', row: null, column: 'Target' }));
  }
  return [];
}

export class PublicationRefused extends MootError {
  constructor(readonly problems: PublicationProblem[], what: string) {
    super(`${what} cannot be published: ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'PublicationRefused';
  }
}

/** Publishes the current version after its checks; refuses with every problem otherwise. */
export async function publishDataSet(db: Db, actor: Actor, dataSetId: number): Promise<DataSetRow> {
  return transaction(db, async (tx) => {
    const ds = await getDataSet(tx, dataSetId);
    if (!ds) throw new NotFoundError(`data set ${dataSetId}`);
    if (ds.kind === 'indicators') throw new MootError('the indicator catalogue is not published on its own: publish the dashboards that use it');
    if (ds.publishedVersion === ds.currentVersion) return ds;
    const problems = await publicationProblems(tx, dataSetId);
    if (problems.length) throw new PublicationRefused(problems, ds.title);
    await setPublished(tx, ds.id, ds.currentVersion, actor.name);
    await recordAudit(tx, actor, {
      action: 'data.publish', entity: 'data_set', entityId: ds.id, summary: `${ds.title}: version ${ds.currentVersion} published`,
      before: { publishedVersion: ds.publishedVersion }, after: { publishedVersion: ds.currentVersion },
    });
    return (await getDataSet(tx, ds.id))!;
  });
}

/** Withdraws a data set from the public (its versions stay). */
export async function unpublishDataSet(db: Db, actor: Actor, dataSetId: number): Promise<void> {
  await transaction(db, async (tx) => {
    const ds = await getDataSet(tx, dataSetId);
    if (!ds) throw new NotFoundError(`data set ${dataSetId}`);
    if (ds.publishedVersion === null) return;
    await setPublished(tx, ds.id, null, null);
    await recordAudit(tx, actor, { action: 'data.unpublish', entity: 'data_set', entityId: ds.id, summary: `${ds.title} withdrawn`, before: { publishedVersion: ds.publishedVersion } });
  });
}

// ---------------------------------------------------------------- agenda items

export async function attachDataSet(db: Db, actor: Actor, agendaItemId: number, dataSetId: number): Promise<boolean> {
  return transaction(db, async (tx) => {
    const ds = await getDataSet(tx, dataSetId);
    if (!ds) throw new NotFoundError(`data set ${dataSetId}`);
    if (ds.kind === 'indicators') throw new MootError('attach a dashboard or budget report for a period, not the indicator catalogue');
    const added = await attachToItem(tx, agendaItemId, dataSetId, actor.name);
    if (added) await recordAudit(tx, actor, { action: 'data.attach', entity: 'agenda_item', entityId: agendaItemId, summary: `${ds.title} added to the item`, after: { dataSetId } });
    return added;
  });
}

/**
 * The clerk adds a report's figures to an agenda item: the item must be live and its meeting still to be held
 * (`today` or later, agenda not yet past). Loading an archive attaches to past meetings with attachDataSet.
 */
export async function attachDataSetToComingItem(db: Db, actor: Actor, agendaItemId: number, dataSetId: number, today: string): Promise<boolean> {
  if (!(await isItemOpenForData(db, agendaItemId, today))) throw new ValidationError('Choose the agenda item of a meeting still to be held', 'item');
  return attachDataSet(db, actor, agendaItemId, dataSetId);
}

export async function detachDataSet(db: Db, actor: Actor, agendaItemId: number, dataSetId: number): Promise<boolean> {
  return transaction(db, async (tx) => {
    const removed = await detachFromItem(tx, agendaItemId, dataSetId);
    if (removed) await recordAudit(tx, actor, { action: 'data.detach', entity: 'agenda_item', entityId: agendaItemId, summary: `data set ${dataSetId} removed from the item`, before: { dataSetId } });
    return removed;
  });
}

export { itemsOpenForData, listItemData, listItemsForDataSet, publishedItemsOfBodyKind as itemsForReports };

export function fileSha256(bytes: Uint8Array): string {
  return sha256Hex(bytes);
}

// ---------------------------------------------------------------- report models (pack and pages)

/** A data set as the table-and-chart model the pack and the pages print (published figures unless asked). */
export async function dataReportModel(db: Queryable, viewer: Viewer, ds: DataSetRow, state: DataState = 'published'): Promise<DataReportModel> {
  if (ds.kind === 'indicator-values') {
    const v = await dashboardView(db, viewer, ds.period, { state });
    return dashboardModel(v.dashboard, v.history, { draft: v.draft });
  }
  const b = await budgetViewOf(db, viewer, ds, state);
  if (b.revenue) return revenueModel(ds.title, b.period.label, b.revenue.rows, b.revenue.totals, b.rules, { draft: b.draft });
  return capitalModel(ds.title, b.period.label, b.capital!.rows, b.capital!.years, b.capital!.totals, b.rules, { draft: b.draft });
}

export interface ItemDataReport {
  dataSet: DataSetRow;
  model: DataReportModel;
  /** The period's page on the portal. */
  href: string;
}

export function dataSetHref(ds: Pick<DataSetRow, 'kind' | 'period'>): string {
  const slug = periodSlug(ds.period);
  return ds.kind === 'indicator-values' ? `/performance/${slug}` : `/budgets/${ds.kind}/${slug}`;
}

/**
 * The dashboards and budget reports on an agenda item that this viewer may see: published figures only for the
 * public, the latest draft for those entitled to drafts. `restricted`: the item is exempt and the viewer not
 * entitled, so nothing is shown.
 */
export async function itemDataReports(db: Queryable, viewer: Viewer, agendaItemId: number, restricted: boolean): Promise<ItemDataReport[]> {
  if (restricted) return [];
  const out: ItemDataReport[] = [];
  for (const { dataSet } of await listItemData(db, [agendaItemId])) {
    const state: DataState = mayReadDrafts(viewer) ? 'current' : 'published';
    if (state === 'published' && dataSet.publishedVersion === null) continue;
    out.push({ dataSet, model: await dataReportModel(db, viewer, dataSet, state), href: dataSetHref(dataSet) });
  }
  return out;
}
