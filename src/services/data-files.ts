// Figures files in and out: importing a CSV/XLSX of one kind (every problem at once, nothing written on error),
// the downloadable template for each kind, and the open-data CSV/JSON of a published data set (in the import
// layout, so a download can be corrected and imported again).
import { stringify } from 'csv-stringify/sync';
import { DEFAULT_BUDGET_RULES, formatThousands, REVENUE_COLUMNS, CAPITAL_COLUMNS, type BudgetRules } from '../domain/budget.js';
import { parsePeriod, type Period } from '../domain/indicators.js';
import type { Viewer } from '../domain/policy.js';
import type { Actor } from '../domain/types.js';
import { MootError } from '../errors.js';
import { LAYOUTS, parseDataSheets, templateHeadings, type DataFileKind, type DataProblem, type ParseOutcome } from '../importer/read/data-layout.js';
import { readSheets, SheetError } from '../importer/read/sheets.js';
import { listIndicators } from '../store/data.js';
import type { Db, Queryable } from '../store/db.js';
import { budgetViewOf, dashboardView, saveDataContent, type DataSetRow, type SaveResult } from './data.js';

export interface ImportRequest {
  fileName: string;
  bytes: Uint8Array;
  kind: DataFileKind;
  /** Period code or null (indicator values may carry their own per row). */
  period: string | null;
  /** £ threshold over which variances need narrative (budget files), in pence. */
  narrativeThreshold?: number;
  /** Read and check only. */
  dryRun?: boolean;
  onRow?: (n: number) => void;
}

export interface ImportResult {
  outcome: ParseOutcome;
  /** Null when there were problems or on a dry run. */
  saved: SaveResult | null;
}

export const MAX_DATA_FILE_BYTES = 20 * 1024 * 1024;

/** Reads, checks and (unless dry run or any problem) stores a figures file. */
export async function importDataFile(db: Db, actor: Actor, req: ImportRequest): Promise<ImportResult> {
  if (req.bytes.byteLength > MAX_DATA_FILE_BYTES) throw new MootError(`${req.fileName} is larger than ${MAX_DATA_FILE_BYTES / 1024 / 1024} MB`);
  let period: Period | null = null;
  if (req.period) {
    try {
      period = parsePeriod(req.period);
    } catch (e) {
      throw new MootError(`--period: ${(e as Error).message}`);
    }
  }
  let sheets;
  try {
    sheets = await readSheets(req.fileName, req.bytes);
  } catch (e) {
    if (e instanceof SheetError) {
      const problem: DataProblem = { sheet: req.fileName, row: null, column: null, heading: null, message: e.message };
      return { outcome: { data: null, problems: [problem], rowCount: 0, preview: null }, saved: null };
    }
    throw e;
  }
  const rules: BudgetRules = { ...DEFAULT_BUDGET_RULES, ...(req.narrativeThreshold !== undefined ? { narrativeThreshold: req.narrativeThreshold } : {}) };
  const knownRefs = req.kind === 'indicator-values' ? new Set((await listIndicators(db)).map((i) => i.ref)) : undefined;
  const outcome = parseDataSheets(sheets, req.kind, { period, knownRefs, rules, onRow: req.onRow });
  if (!outcome.data || req.dryRun) return { outcome, saved: null };
  const saved = await saveDataContent(db, actor, outcome.data, { fileName: req.fileName, bytes: req.bytes });
  return { outcome, saved };
}

// ---------------------------------------------------------------- templates

const DEFAULT_TEMPLATE_YEARS = ['2025-26', '2026-27', '2027-28'];

function exampleRow(kind: DataFileKind, years: readonly string[]): (string | number | null)[] {
  return LAYOUTS[kind].flatMap((s) => (s.key === 'cashLimit:YEAR' ? years.map((_, i) => (i === 0 ? 1000 : 0)) : [s.example]));
}

/** A template for one kind of file: the header row and an example row, with notes on each column (XLSX). */
export async function dataTemplate(kind: DataFileKind, format: 'csv' | 'xlsx', years: readonly string[] = DEFAULT_TEMPLATE_YEARS): Promise<Uint8Array> {
  const headings = templateHeadings(kind, years);
  const example = exampleRow(kind, years);
  if (format === 'csv') return new TextEncoder().encode(stringify([headings, example]));
  const { default: ExcelJS } = await import('exceljs'); // loaded when first used: see sheets.ts
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Moot';
  const ws = wb.addWorksheet(kind);
  ws.addRow(headings).font = { bold: true };
  ws.addRow(example);
  ws.columns.forEach((c) => {
    c.width = 22;
  });
  const notes = wb.addWorksheet('Notes');
  notes.addRow(['Column', 'Required', 'What to put in it']).font = { bold: true };
  for (const s of LAYOUTS[kind]) notes.addRow([s.heading, s.required ? 'Yes' : 'No', s.help]);
  notes.getColumn(1).width = 24;
  notes.getColumn(3).width = 100;
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

// ---------------------------------------------------------------- open data

const thousands = (p: number | null) => (p === null ? '' : formatThousands(p).replace(/,/g, ''));

export interface ExportedData {
  fileBase: string;
  json: unknown;
  csvRows: (string | number | null)[][];
}

/** A data set's figures as the viewer may see them, in the import layout (CSV) and as JSON. */
export async function exportDataSet(db: Queryable, viewer: Viewer, ds: DataSetRow, state: 'published' | 'current' = 'published'): Promise<ExportedData> {
  const fileBase = `${ds.kind}-${ds.period.toLowerCase().replace(/\s+/g, '-')}`;
  if (ds.kind === 'indicator-values') {
    const v = await dashboardView(db, viewer, ds.period, { state, history: 1 });
    const rows = [...v.dashboard.kpis, ...v.dashboard.activity].filter((r) => r.value !== null);
    const json = {
      kind: ds.kind, period: ds.period, periodLabel: v.dashboard.period.label, version: v.version, draft: v.draft, publishedAt: ds.publishedAt,
      summary: { kpis: v.dashboard.kpiSummary, activity: v.dashboard.activitySummary },
      indicators: rows.map((r) => ({
        ref: r.indicator.ref, description: r.indicator.description, serviceArea: r.indicator.serviceArea, director: r.indicator.director,
        cabinetMember: r.indicator.cabinetMember, kind: r.indicator.kind, polarity: r.indicator.polarity, unit: r.indicator.unit,
        value: r.value, previousValue: r.previousValue, target: r.standard?.target ?? null, floor: r.standard?.floor ?? null,
        lower: r.standard?.lower ?? null, upper: r.standard?.upper ?? null, rag: r.rag, direction: r.direction, expectedRange: r.range,
        reportedOn: r.reportedOn, note: r.note,
      })),
    };
    const csvRows: (string | number | null)[][] = [
      ['Ref', 'Period', 'Value', 'Date reported', 'Note', 'Description', 'Service area', 'Kind', 'Polarity', 'Unit', 'Target', 'Floor', 'Lower', 'Upper', 'RAG', 'Direction of travel', 'Expected range'],
      ...json.indicators.map((i) => [i.ref, ds.period, i.value, i.reportedOn, i.note, i.description, i.serviceArea, i.kind, i.polarity, i.unit, i.target, i.floor, i.lower, i.upper, i.rag, i.direction, i.expectedRange]),
    ];
    return { fileBase, json, csvRows };
  }
  if (ds.kind !== 'revenue' && ds.kind !== 'capital') throw new MootError('the indicator catalogue has no period to download');
  const view = await budgetViewOf(db, viewer, ds, state);
  const meta = { kind: ds.kind, period: ds.period, periodLabel: view.period.label, version: view.version.version, draft: view.draft, publishedAt: ds.publishedAt, unit: "£'000s", narrativeThreshold: formatThousands(view.rules.narrativeThreshold) };
  if (view.revenue) {
    const lines = view.revenue.rows.filter((r) => r.kind === 'line');
    const json = {
      ...meta,
      lines: lines.map((r) => ({ portfolio: r.portfolio, line: r.line, ...Object.fromEntries(REVENUE_COLUMNS.map((c) => [c, r.figures[c] === null ? null : r.figures[c]! / 100_000])), narrative: r.narrative })),
      totals: Object.fromEntries(REVENUE_COLUMNS.map((c) => [c, view.revenue!.totals.total[c] === null ? null : view.revenue!.totals.total[c]! / 100_000])),
    };
    const csvRows = [
      templateHeadings('revenue'),
      ...lines.map((r) => [r.portfolio, r.line, 'Line', ...REVENUE_COLUMNS.map((c) => thousands(r.figures[c])), r.narrative ?? '']),
      ['', 'Total', 'Total', ...REVENUE_COLUMNS.map((c) => thousands(view.revenue!.totals.total[c])), ''],
    ];
    return { fileBase, json, csvRows };
  }
  const cap = view.capital!;
  const lines = cap.rows.filter((r) => r.kind === 'line');
  const json = {
    ...meta,
    years: cap.years,
    lines: lines.map((r) => ({
      portfolio: r.portfolio, line: r.line,
      cashLimits: Object.fromEntries(cap.years.map((y) => [y, r.cashLimits[y] == null ? null : r.cashLimits[y]! / 100_000])),
      ...Object.fromEntries(CAPITAL_COLUMNS.map((c) => [c, r.figures[c] === null ? null : r.figures[c]! / 100_000])),
      narrative: r.narrative,
    })),
    totals: Object.fromEntries(CAPITAL_COLUMNS.map((c) => [c, cap.totals.total[c] === null ? null : cap.totals.total[c]! / 100_000])),
  };
  const csvRows = [
    templateHeadings('capital', cap.years),
    ...lines.map((r) => [r.portfolio, r.line, 'Line', ...cap.years.map((y) => thousands(r.cashLimits[y] ?? null)), ...CAPITAL_COLUMNS.map((c) => thousands(r.figures[c])), r.narrative ?? '']),
    ['', 'Total', 'Total', ...cap.years.map((y) => thousands(cap.totals.cashLimits[y] ?? null)), ...CAPITAL_COLUMNS.map((c) => thousands(cap.totals.total[c])), ''],
  ];
  return { fileBase, json, csvRows };
}

export function toCsv(rows: (string | number | null)[][]): string {
  return stringify(rows.map((r) => r.map((c) => (c === null ? '' : c))));
}
export { DATA_FILE_KINDS, formatProblem, type DataFileKind } from '../importer/read/data-layout.js';
