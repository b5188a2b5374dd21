// Performance indicators and budget monitoring (issue 14): the queries. Use-cases (import, publication, checks)
// live in src/services/data; this module only reads and writes rows.
import type { BudgetRowKind, CapitalRow, RevenueRow } from '../domain/budget.js';
import type { Indicator, IndicatorKind, IndicatorValue, YearStandard } from '../domain/indicators.js';
import type { Polarity } from '../domain/rag.js';
import { nowIso } from './audit.js';
import type { Queryable } from './db.js';
import { parseJson } from './json.js';

export type DataKind = 'indicators' | 'indicator-values' | 'revenue' | 'capital';
export const DATA_KINDS: readonly DataKind[] = ['indicators', 'indicator-values', 'revenue', 'capital'];

export interface StoredIndicator extends Indicator {
  id: number;
}

function toStandard(r: { year: string; target: number | null; floor: number | null; lower_bound: number | null; upper_bound: number | null; floor_lower: number | null; floor_upper: number | null }): YearStandard {
  return { year: r.year, target: r.target, floor: r.floor, lower: r.lower_bound, upper: r.upper_bound, floorLower: r.floor_lower, floorUpper: r.floor_upper };
}

/** Indicators (those named, or all) with their standards (for `years` only, when given: a dashboard needs its own). */
export async function listIndicators(db: Queryable, refs?: readonly string[], years?: readonly string[]): Promise<StoredIndicator[]> {
  let q = db.selectFrom('indicator').selectAll();
  if (refs) {
    if (!refs.length) return [];
    q = q.where('ref', 'in', [...refs]);
  }
  const rows = await q.orderBy('ref').execute();
  if (!rows.length) return [];
  let sq = db.selectFrom('indicator_standard').selectAll().where('indicator_id', 'in', rows.map((r) => r.id));
  if (years) sq = sq.where('year', 'in', years.length ? [...years] : ['']);
  const standards = await sq.orderBy('year').execute();
  const by = new Map<number, YearStandard[]>();
  for (const s of standards) {
    const list = by.get(s.indicator_id) ?? [];
    list.push(toStandard(s));
    by.set(s.indicator_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    ref: r.ref,
    description: r.description,
    serviceArea: r.service_area,
    director: r.director,
    cabinetMember: r.cabinet_member,
    kind: r.kind as IndicatorKind,
    polarity: r.polarity as Polarity,
    unit: r.unit,
    decimals: r.decimals,
    standards: by.get(r.id) ?? [],
  }));
}

export async function getIndicator(db: Queryable, ref: string): Promise<StoredIndicator | null> {
  return (await listIndicators(db, [ref]))[0] ?? null;
}

/** Inserts or replaces an indicator and its standards; returns its id. */
export async function saveIndicator(db: Queryable, i: Indicator, existingId: number | null): Promise<number> {
  const now = nowIso();
  const values = {
    description: i.description, service_area: i.serviceArea, director: i.director, cabinet_member: i.cabinetMember,
    kind: i.kind, polarity: i.polarity, unit: i.unit, decimals: i.decimals, updated_at: now,
  };
  let id = existingId;
  if (id === null) {
    id = (await db.insertInto('indicator').values({ ref: i.ref, ...values, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  } else {
    await db.updateTable('indicator').set(values).where('id', '=', id).execute();
    await db.deleteFrom('indicator_standard').where('indicator_id', '=', id).execute();
  }
  if (i.standards.length) {
    await db.insertInto('indicator_standard').values(i.standards.map((s) => ({
      indicator_id: id, year: s.year, target: s.target, floor: s.floor, lower_bound: s.lower, upper_bound: s.upper, floor_lower: s.floorLower, floor_upper: s.floorUpper,
    }))).execute();
  }
  return id;
}

// ---------------------------------------------------------------- data sets and versions

export interface DataSetRow {
  id: number;
  kind: DataKind;
  period: string;
  periodKind: string;
  periodOrdinal: number;
  title: string;
  currentVersion: number;
  publishedVersion: number | null;
  publishedAt: string | null;
  publishedBy: string | null;
  updatedAt: string;
}

type DataSetDb = { id: number; kind: string; period: string; period_kind: string; period_ordinal: number; title: string; current_version: number; published_version: number | null; published_at: string | null; published_by: string | null; updated_at: string };
const toDataSet = (r: DataSetDb): DataSetRow => ({
  id: r.id, kind: r.kind as DataKind, period: r.period, periodKind: r.period_kind, periodOrdinal: r.period_ordinal, title: r.title,
  currentVersion: r.current_version, publishedVersion: r.published_version, publishedAt: r.published_at, publishedBy: r.published_by, updatedAt: r.updated_at,
});

export async function findDataSet(db: Queryable, kind: DataKind, period: string): Promise<DataSetRow | null> {
  const r = await db.selectFrom('data_set').selectAll().where('kind', '=', kind).where('period', '=', period).executeTakeFirst();
  return r ? toDataSet(r) : null;
}

export async function getDataSet(db: Queryable, id: number): Promise<DataSetRow | null> {
  const r = await db.selectFrom('data_set').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toDataSet(r) : null;
}

export async function listDataSets(db: Queryable, q: { kind?: DataKind; publishedOnly?: boolean; periodKind?: string } = {}): Promise<DataSetRow[]> {
  let query = db.selectFrom('data_set').selectAll();
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.periodKind) query = query.where('period_kind', '=', q.periodKind);
  if (q.publishedOnly) query = query.where('published_version', 'is not', null);
  const rows = await query.orderBy('kind').orderBy('period_ordinal', 'desc').execute();
  return rows.map(toDataSet);
}

export async function createDataSet(db: Queryable, d: { kind: DataKind; period: string; periodKind: string; periodOrdinal: number; title: string }): Promise<number> {
  const now = nowIso();
  const r = await db.insertInto('data_set').values({
    kind: d.kind, period: d.period, period_kind: d.periodKind, period_ordinal: d.periodOrdinal, title: d.title,
    current_version: 0, published_version: null, published_at: null, published_by: null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export interface DataSetVersionRow {
  id: number;
  dataSetId: number;
  version: number;
  contentSha256: string;
  fileName: string | null;
  fileSha256: string | null;
  rowCount: number;
  settings: { narrativeThreshold?: number; tolerance?: number; years?: string[] };
  note: string | null;
  createdAt: string;
  createdBy: string;
}

export async function listVersions(db: Queryable, dataSetId: number): Promise<DataSetVersionRow[]> {
  const rows = await db.selectFrom('data_set_version').selectAll().where('data_set_id', '=', dataSetId).orderBy('version', 'desc').execute();
  return rows.map((r) => ({
    id: r.id, dataSetId: r.data_set_id, version: r.version, contentSha256: r.content_sha256, fileName: r.file_name, fileSha256: r.file_sha256,
    rowCount: r.row_count, settings: parseJson(r.settings_json, {}), note: r.note, createdAt: r.created_at, createdBy: r.created_by,
  }));
}

export async function getVersion(db: Queryable, dataSetId: number, version: number): Promise<DataSetVersionRow | null> {
  return (await listVersions(db, dataSetId)).find((v) => v.version === version) ?? null;
}

export async function addVersion(
  db: Queryable,
  dataSetId: number,
  v: { contentSha256: string; fileName: string | null; fileSha256: string | null; rowCount: number; settings: DataSetVersionRow['settings']; note: string | null; createdBy: string },
): Promise<{ id: number; version: number }> {
  const ds = await db.selectFrom('data_set').select('current_version').where('id', '=', dataSetId).executeTakeFirstOrThrow();
  const version = ds.current_version + 1;
  const now = nowIso();
  const r = await db.insertInto('data_set_version').values({
    data_set_id: dataSetId, version, content_sha256: v.contentSha256, file_name: v.fileName, file_sha256: v.fileSha256, row_count: v.rowCount,
    settings_json: JSON.stringify(v.settings), note: v.note, created_at: now, created_by: v.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('data_set').set({ current_version: version, updated_at: now }).where('id', '=', dataSetId).execute();
  return { id: r.id, version };
}

export async function setPublished(db: Queryable, dataSetId: number, version: number | null, by: string | null): Promise<void> {
  const now = nowIso();
  await db.updateTable('data_set').set({ published_version: version, published_at: version === null ? null : now, published_by: by, updated_at: now }).where('id', '=', dataSetId).execute();
}

// ---------------------------------------------------------------- indicator values

export async function insertIndicatorValues(db: Queryable, versionId: number, values: { indicatorId: number; value: number; reportedOn: string | null; note: string | null }[]): Promise<void> {
  for (let i = 0; i < values.length; i += 500) {
    await db.insertInto('indicator_value').values(values.slice(i, i + 500).map((v) => ({
      version_id: versionId, indicator_id: v.indicatorId, value: v.value, reported_on: v.reportedOn, note: v.note,
    }))).execute();
  }
}

/** Values of the given data-set versions (pairs of data set id and version number), with their period. */
export async function readIndicatorValues(db: Queryable, q: { state: 'published' | 'current'; periods?: readonly string[]; indicatorId?: number }): Promise<IndicatorValue[]> {
  let query = db.selectFrom('indicator_value as v')
    .innerJoin('data_set_version as dv', 'dv.id', 'v.version_id')
    .innerJoin('data_set as ds', 'ds.id', 'dv.data_set_id')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select(['i.ref', 'ds.period', 'v.value', 'v.reported_on', 'v.note'])
    .where('ds.kind', '=', 'indicator-values');
  query = q.state === 'published' ? query.whereRef('dv.version', '=', 'ds.published_version') : query.whereRef('dv.version', '=', 'ds.current_version');
  if (q.periods) {
    if (!q.periods.length) return [];
    query = query.where('ds.period', 'in', [...q.periods]);
  }
  if (q.indicatorId !== undefined) query = query.where('v.indicator_id', '=', q.indicatorId);
  const rows = await query.orderBy('ds.period_ordinal').orderBy('i.ref').execute();
  return rows.map((r) => ({ ref: r.ref, period: r.period, value: r.value, reportedOn: r.reported_on, note: r.note }));
}

export async function readVersionValues(db: Queryable, versionId: number): Promise<IndicatorValue[]> {
  const rows = await db.selectFrom('indicator_value as v').innerJoin('data_set_version as dv', 'dv.id', 'v.version_id')
    .innerJoin('data_set as ds', 'ds.id', 'dv.data_set_id').innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select(['i.ref', 'ds.period', 'v.value', 'v.reported_on', 'v.note']).where('v.version_id', '=', versionId).orderBy('i.ref').execute();
  return rows.map((r) => ({ ref: r.ref, period: r.period, value: r.value, reportedOn: r.reported_on, note: r.note }));
}

// ---------------------------------------------------------------- budget lines

export async function insertRevenueLines(db: Queryable, versionId: number, rows: readonly RevenueRow[]): Promise<void> {
  const values = rows.map((r, position) => ({
    version_id: versionId, position, kind: r.kind, portfolio: r.portfolio, line: r.line,
    gross: r.figures.gross, income: r.figures.income, net: r.figures.net, forecast_variance: r.figures.forecastVariance,
    management_action: r.figures.managementAction, revised_variance: r.figures.revisedVariance, last_reported: r.figures.lastReported,
    movement: r.figures.movement, narrative: r.narrative, source_row: r.sourceRow,
  }));
  for (let i = 0; i < values.length; i += 200) await db.insertInto('budget_line').values(values.slice(i, i + 200)).execute();
}

export async function insertCapitalLines(db: Queryable, versionId: number, rows: readonly CapitalRow[]): Promise<void> {
  const values = rows.map((r, position) => ({
    version_id: versionId, position, kind: r.kind, portfolio: r.portfolio, line: r.line,
    cash_limits_json: JSON.stringify(r.cashLimits), cash_limit_total: r.figures.cashLimitTotal, real_variance: r.figures.realVariance,
    rephasing: r.figures.rephasing, variance: r.figures.variance, last_reported: r.figures.lastReported, movement: r.figures.movement,
    narrative: r.narrative, source_row: r.sourceRow,
  }));
  for (let i = 0; i < values.length; i += 200) await db.insertInto('budget_line').values(values.slice(i, i + 200)).execute();
}

export async function readRevenueLines(db: Queryable, versionId: number): Promise<RevenueRow[]> {
  const rows = await db.selectFrom('budget_line').selectAll().where('version_id', '=', versionId).orderBy('position').execute();
  return rows.map((r) => ({
    kind: r.kind as BudgetRowKind, portfolio: r.portfolio, line: r.line, narrative: r.narrative, sourceRow: r.source_row,
    figures: {
      gross: r.gross, income: r.income, net: r.net, forecastVariance: r.forecast_variance, managementAction: r.management_action,
      revisedVariance: r.revised_variance, lastReported: r.last_reported, movement: r.movement,
    },
  }));
}

export async function readCapitalLines(db: Queryable, versionId: number): Promise<CapitalRow[]> {
  const rows = await db.selectFrom('budget_line').selectAll().where('version_id', '=', versionId).orderBy('position').execute();
  return rows.map((r) => ({
    kind: r.kind as BudgetRowKind, portfolio: r.portfolio, line: r.line, narrative: r.narrative, sourceRow: r.source_row,
    cashLimits: parseJson<Record<string, number | null>>(r.cash_limits_json, {}),
    figures: {
      cashLimitTotal: r.cash_limit_total, realVariance: r.real_variance, rephasing: r.rephasing, variance: r.variance,
      lastReported: r.last_reported, movement: r.movement,
    },
  }));
}

// ---------------------------------------------------------------- on agenda items

export async function attachToItem(db: Queryable, agendaItemId: number, dataSetId: number, by: string): Promise<boolean> {
  const existing = await db.selectFrom('agenda_item_data').select('id').where('agenda_item_id', '=', agendaItemId).where('data_set_id', '=', dataSetId).executeTakeFirst();
  if (existing) return false;
  const last = await db.selectFrom('agenda_item_data').select((eb) => eb.fn.max('position').as('p')).where('agenda_item_id', '=', agendaItemId).executeTakeFirst();
  await db.insertInto('agenda_item_data').values({ agenda_item_id: agendaItemId, data_set_id: dataSetId, position: Number(last?.p ?? 0) + 1, created_at: nowIso(), created_by: by }).execute();
  return true;
}

export async function detachFromItem(db: Queryable, agendaItemId: number, dataSetId: number): Promise<boolean> {
  const r = await db.deleteFrom('agenda_item_data').where('agenda_item_id', '=', agendaItemId).where('data_set_id', '=', dataSetId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Data sets attached to the given items, in their order. */
export async function listItemData(db: Queryable, agendaItemIds: readonly number[]): Promise<{ agendaItemId: number; dataSet: DataSetRow }[]> {
  if (!agendaItemIds.length) return [];
  const rows = await db.selectFrom('agenda_item_data as a').innerJoin('data_set as ds', 'ds.id', 'a.data_set_id')
    .select(['a.agenda_item_id', 'ds.id', 'ds.kind', 'ds.period', 'ds.period_kind', 'ds.period_ordinal', 'ds.title', 'ds.current_version', 'ds.published_version', 'ds.published_at', 'ds.published_by', 'ds.updated_at'])
    .where('a.agenda_item_id', 'in', [...agendaItemIds]).orderBy('a.agenda_item_id').orderBy('a.position').execute();
  return rows.map((r) => ({ agendaItemId: r.agenda_item_id, dataSet: toDataSet(r) }));
}

/** Agenda items that carry a data set: for the data set's page ("reported to Cabinet on ..."). */
export async function listItemsForDataSet(db: Queryable, dataSetId: number) {
  return db.selectFrom('agenda_item_data as a').innerJoin('agenda_item as i', 'i.id', 'a.agenda_item_id').innerJoin('meeting as m', 'm.id', 'i.meeting_id')
    .innerJoin('body as b', 'b.id', 'm.body_id')
    .select(['i.id as itemId', 'i.title', 'i.code', 'i.exempt', 'm.id as meetingId', 'm.slug as meetingSlug', 'm.date', 'b.id as bodyId', 'b.name as bodyName', 'm.agenda_published_at'])
    .where('a.data_set_id', '=', dataSetId).orderBy('m.date').execute();
}

/** Agenda items of meetings from `fromDate` not yet held (scheduled or agenda published), soonest first: where the
 * workspace offers to attach a dashboard or budget report. */
export async function itemsOpenForData(db: Queryable, fromDate: string, limit = 300) {
  return db.selectFrom('agenda_item as i').innerJoin('meeting as m', 'm.id', 'i.meeting_id').innerJoin('body as b', 'b.id', 'm.body_id')
    .select(['i.id', 'i.title', 'i.code', 'i.exempt', 'm.id as meetingId', 'm.date', 'b.name as bodyName'])
    .where('m.date', '>=', fromDate).where('m.status', 'in', ['scheduled', 'agenda-published']).where('i.withdrawn', '=', 0)
    .orderBy('m.date').orderBy('m.id').orderBy('i.position').limit(limit).execute();
}

/** Whether an agenda item can take figures: not withdrawn, of a meeting on or after `fromDate` still to be held. */
export async function isItemOpenForData(db: Queryable, itemId: number, fromDate: string): Promise<boolean> {
  const row = await db.selectFrom('agenda_item as i').innerJoin('meeting as m', 'm.id', 'i.meeting_id').select('i.id')
    .where('i.id', '=', itemId).where('m.date', '>=', fromDate).where('m.status', 'in', ['scheduled', 'agenda-published']).where('i.withdrawn', '=', 0)
    .executeTakeFirst();
  return row !== undefined;
}

/** Published, non-exempt agenda items of bodies of a kind, latest meeting first: where a report may be attached. */
export async function publishedItemsOfBodyKind(db: Queryable, bodyKind: string) {
  return db.selectFrom('agenda_item as i').innerJoin('meeting as m', 'm.id', 'i.meeting_id').innerJoin('body as b', 'b.id', 'm.body_id')
    .select(['i.id', 'i.title', 'i.code', 'm.date', 'm.slug']).where('b.kind', '=', bodyKind).where('i.exempt', '=', 0)
    .where('m.agenda_published_at', 'is not', null).orderBy('m.date', 'desc').orderBy('i.position').execute();
}
