// The column layout of the figures files (docs/data-import.md): which headings each kind of file has, and how
// each cell is read. Reading a file finds every problem at once — sheet, row, column — and gives no figures at
// all when there is one, so nothing is written.
import {
  emptyCapitalFigures,
  emptyRevenueFigures,
  type BudgetRowKind,
  type BudgetRules,
  type CapitalColumn,
  type CapitalRow,
  type RevenueColumn,
  type RevenueRow,
} from '../../domain/budget.js';
import {
  checkIndicator,
  parseFinancialYear,
  parsePeriod,
  type Indicator,
  type IndicatorKind,
  type IndicatorValue,
  type Period,
  type YearStandard,
} from '../../domain/indicators.js';
import { tryParseMoney, type Pence } from '../../domain/money.js';
import type { Polarity } from '../../domain/rag.js';
import { columnLetter, type Cell, type Sheet } from './sheets.js';

export type DataFileKind = 'indicators' | 'indicator-values' | 'revenue' | 'capital';
export const DATA_FILE_KINDS: readonly DataFileKind[] = ['indicators', 'indicator-values', 'revenue', 'capital'];

export interface ColumnSpec {
  key: string;
  heading: string;
  aliases?: string[];
  required: boolean;
  help: string;
  example: string | number | null;
}

const money = (key: string, heading: string, help: string, example: number | null, aliases: string[] = []): ColumnSpec => ({ key, heading, aliases, required: false, help: `${help} (£'000s)`, example });

export const LAYOUTS: Readonly<Record<DataFileKind, ColumnSpec[]>> = {
  indicators: [
    { key: 'ref', heading: 'Ref', aliases: ['reference', 'indicator ref'], required: true, help: 'The indicator reference, e.g. CS04', example: 'CS04' },
    { key: 'description', heading: 'Description', aliases: ['indicator', 'indicator description'], required: true, help: 'What is measured', example: 'Percentage of calls to Contact Point answered' },
    { key: 'serviceArea', heading: 'Service area', required: true, help: 'The service area the dashboard groups it under', example: 'Customer Services' },
    { key: 'director', heading: 'Director', required: false, help: 'The owning Director', example: 'Amanda Beer' },
    { key: 'cabinetMember', heading: 'Cabinet Member', required: false, help: 'The responsible Cabinet Member', example: 'Susan Carey' },
    { key: 'kind', heading: 'Kind', aliases: ['type'], required: true, help: 'KPI (rated Red/Amber/Green) or Activity (expected range only)', example: 'KPI' },
    { key: 'polarity', heading: 'Polarity', required: false, help: 'Higher (is better), Lower (is better) or Range (within a range); default Higher', example: 'Higher' },
    { key: 'unit', heading: 'Unit', required: false, help: '%, days, number, £, or a short word; default number', example: '%' },
    { key: 'decimals', heading: 'Decimals', aliases: ['decimal places'], required: false, help: 'Decimal places printed; default 0', example: 0 },
    { key: 'year', heading: 'Year', aliases: ['financial year'], required: true, help: 'The financial year the standards apply to, e.g. 2025-26 (one row per indicator per year)', example: '2025-26' },
    { key: 'target', heading: 'Target', required: false, help: 'KPIs rated Higher or Lower: the target', example: 95 },
    { key: 'floor', heading: 'Floor', aliases: ['floor standard'], required: false, help: 'KPIs rated Higher or Lower: the floor standard (below it is Red)', example: 80 },
    { key: 'lower', heading: 'Lower', aliases: ['lower threshold', 'expected lower'], required: false, help: 'Range KPIs: bottom of the target band; activity indicators: lower expected threshold', example: null },
    { key: 'upper', heading: 'Upper', aliases: ['upper threshold', 'expected upper'], required: false, help: 'Range KPIs: top of the target band; activity indicators: upper expected threshold', example: null },
    { key: 'floorLower', heading: 'Floor lower', required: false, help: 'Range KPIs: bottom of the floor band', example: null },
    { key: 'floorUpper', heading: 'Floor upper', required: false, help: 'Range KPIs: top of the floor band', example: null },
  ],
  'indicator-values': [
    { key: 'ref', heading: 'Ref', aliases: ['reference', 'indicator ref'], required: true, help: 'The indicator reference, as imported with the indicators', example: 'CS04' },
    { key: 'period', heading: 'Period', required: false, help: 'Month 2025-06, quarter 2025-26 Q1, or year 2025-26; may be left out when the import names the period', example: '2025-26 Q1' },
    { key: 'value', heading: 'Value', aliases: ['result', 'latest'], required: true, help: 'The figure for the period (blank or n/a: no result)', example: 95 },
    { key: 'reportedOn', heading: 'Date reported', aliases: ['reported', 'reported on'], required: false, help: 'When the figure was reported, YYYY-MM-DD', example: '2025-07-15' },
    { key: 'note', heading: 'Note', aliases: ['commentary', 'comment'], required: false, help: 'Commentary printed under the dashboard', example: null },
  ],
  revenue: [
    { key: 'portfolio', heading: 'Portfolio', aliases: ['directorate'], required: true, help: 'The portfolio; left blank, the one above carries down', example: 'Adult Social Care and Public Health' },
    { key: 'line', heading: 'Budget line', aliases: ['line', 'budget book heading', 'service'], required: true, help: 'The budget line, or a subtotal/total\'s label', example: 'Learning Disability Direct Payments' },
    { key: 'rowType', heading: 'Row type', aliases: ['type'], required: false, help: 'Line, Subtotal (of its portfolio) or Total (of all lines); when left out, a line starting "Total" is a subtotal, or the total when it has no portfolio', example: 'Line' },
    money('gross', 'Cash limit gross', 'Gross cash limit', 12000, ['gross']),
    money('income', 'Cash limit income', 'Income cash limit, negative', -1500, ['income']),
    money('net', 'Cash limit net', 'Net cash limit = gross + income', 10500, ['net', 'net budget']),
    money('forecastVariance', 'Forecast variance', 'Forecast variance before management action', 250, ['net forecast variance', 'variance']),
    money('managementAction', 'Management action', 'Management action (negative reduces the variance)', -100, ['corporate director adjustment']),
    money('revisedVariance', 'Revised variance', 'Forecast variance + management action', 150, ['revised net variance']),
    money('lastReported', 'Last reported', 'The revised variance in the last report', 120, ['last reported position']),
    money('movement', 'Movement', 'Revised variance − last reported', 30),
    { key: 'narrative', heading: 'Narrative', aliases: ['explanation', 'commentary'], required: false, help: 'Explanation; required for variances or movements over the threshold (£100k unless the import says otherwise)', example: 'Higher take-up than budgeted' },
  ],
  capital: [
    { key: 'portfolio', heading: 'Portfolio', aliases: ['directorate'], required: true, help: 'The portfolio; left blank, the one above carries down', example: 'Environment, Highways and Waste' },
    { key: 'line', heading: 'Project', aliases: ['scheme', 'programme', 'line'], required: true, help: 'The project or programme, or a subtotal/total\'s label', example: 'Victoria Way' },
    { key: 'rowType', heading: 'Row type', aliases: ['type'], required: false, help: 'Line, Subtotal or Total (as for revenue)', example: 'Line' },
    { key: 'cashLimit:YEAR', heading: 'Cash limit 2025-26', required: false, help: 'One column per financial year, headed "Cash limit YYYY-YY" (£\'000s)', example: 1000 },
    money('cashLimitTotal', 'Cash limit total', 'Sum of the years\' cash limits', 1000, ['total cash limit']),
    money('realVariance', 'Real variance', 'Variance in the project\'s total cost', 50),
    money('rephasing', 'Re-phasing', 'Spend moved between years', -300, ['rephasing', 're-phasing variance']),
    money('variance', 'Total variance', 'Real variance + re-phasing', -250, ['real and re-phasing variance', 'variance']),
    money('lastReported', 'Last reported', 'Total variance in the last report', -200, ['last reported variance']),
    money('movement', 'Movement', 'Total variance − last reported', -50),
    { key: 'narrative', heading: 'Narrative', aliases: ['explanation', 'commentary'], required: false, help: 'Explanation; required for real variance or re-phasing over the threshold, and for a changed cash limit', example: 'Delayed by a land ownership dispute' },
  ],
};

export interface DataProblem {
  sheet: string;
  /** Spreadsheet row (1-based) and column letter, when the problem is in a cell or row. */
  row: number | null;
  column: string | null;
  heading: string | null;
  message: string;
}

export function formatProblem(p: DataProblem): string {
  const at = [p.sheet && `sheet ${JSON.stringify(p.sheet)}`, p.row !== null && `row ${p.row}`, p.column && `column ${p.column}${p.heading ? ` (${p.heading})` : ''}`].filter(Boolean).join(', ');
  return at ? `${at}: ${p.message}` : p.message;
}

export type ParsedData =
  | { kind: 'indicators'; indicators: Indicator[] }
  | { kind: 'indicator-values'; values: IndicatorValue[] }
  | { kind: 'revenue'; period: Period; rows: RevenueRow[]; rules: BudgetRules }
  | { kind: 'capital'; period: Period; years: string[]; rows: CapitalRow[]; rules: BudgetRules };

export interface SheetPreview {
  sheet: string;
  headerRow: number;
  headings: string[];
  rows: { row: number; cells: string[] }[];
}

export interface ParseOutcome {
  /** Null when there is any problem: nothing may be written. */
  data: ParsedData | null;
  problems: DataProblem[];
  /** Data rows read. */
  rowCount: number;
  preview: SheetPreview | null;
}

export interface ParseOptions {
  /** The period the import names (--period): required for budget files, the default for indicator values. */
  period?: Period | null;
  /** Indicator references already in Moot: values for others are refused. */
  knownRefs?: ReadonlySet<string>;
  rules: BudgetRules;
  /** Rows read so far, for a progress count. */
  onRow?: (n: number) => void;
}

function norm(h: string): string {
  return h.toLowerCase().replace(/\(.*?\)/g, ' ').replace(/£\s*'?\s*0+s?|£k|£m/g, ' ').replace(/[^a-z0-9]+/g, ' ').trim();
}

const cellText = (c: Cell | undefined): string => (c === null || c === undefined ? '' : String(c).trim());

interface Located {
  sheet: Sheet;
  headerIndex: number;
  columns: Map<string, number>;
  years: { year: string; index: number }[];
}

function locate(sheets: readonly Sheet[], kind: DataFileKind): { found: Located | null; problems: DataProblem[] } {
  const specs = LAYOUTS[kind];
  let best: { located: Located; missing: ColumnSpec[] } | null = null;
  for (const sheet of sheets) {
    for (let r = 0; r < Math.min(sheet.rows.length, 15); r++) {
      const cells = sheet.rows[r] ?? [];
      if (!cells.some((c) => cellText(c) !== '')) continue;
      const columns = new Map<string, number>();
      const years: { year: string; index: number }[] = [];
      cells.forEach((c, i) => {
        const h = norm(cellText(c));
        if (!h) return;
        const y = /^cash limit (\d{4}) (\d{2})$/.exec(h);
        if (kind === 'capital' && y) {
          years.push({ year: `${y[1]}-${y[2]}`, index: i });
          return;
        }
        for (const s of specs) {
          if (columns.has(s.key)) continue;
          if ([s.heading, ...(s.aliases ?? [])].some((a) => norm(a) === h)) {
            columns.set(s.key, i);
            break;
          }
        }
      });
      const missing = specs.filter((s) => s.required && !columns.has(s.key));
      const located = { sheet, headerIndex: r, columns, years };
      if (!missing.length) return { found: located, problems: [] };
      // The header row is the first of the top rows with every required heading (titles may sit above it).
      if (!best || missing.length < best.missing.length) best = { located, missing };
    }
  }
  if (!best) return { found: null, problems: [{ sheet: sheets[0]?.name ?? '', row: null, column: null, heading: null, message: 'the file has no rows' }] };
  return {
    found: null,
    problems: best.missing.map((s) => ({
      sheet: best!.located.sheet.name,
      row: best!.located.headerIndex + 1,
      column: null,
      heading: s.heading,
      message: `no column headed "${s.heading}" (the ${kind} layout needs ${LAYOUTS[kind].filter((x) => x.required).map((x) => `"${x.heading}"`).join(', ')}; see docs/data-import.md)`,
    })),
  };
}

/** Reads the figures of one kind from the sheets of a file. */
export function parseDataSheets(sheets: readonly Sheet[], kind: DataFileKind, options: ParseOptions): ParseOutcome {
  const { found, problems } = locate(sheets, kind);
  if (!found) return { data: null, problems, rowCount: 0, preview: null };
  const { sheet, headerIndex, columns } = found;
  const headings = (sheet.rows[headerIndex] ?? []).map(cellText);
  const headingOf = (i: number) => headings[i] ?? null;
  const dataRows: { row: number; cells: Cell[] }[] = [];
  for (let r = headerIndex + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    if (cells.some((c) => cellText(c) !== '')) dataRows.push({ row: r + 1, cells });
  }
  const out: DataProblem[] = [];
  const problem = (row: number | null, col: number | null, message: string) =>
    out.push({ sheet: sheet.name, row, column: col === null ? null : columnLetter(col), heading: col === null ? null : headingOf(col), message });

  const ctx: Ctx = { columns, years: found.years, problem, options };
  let data: ParsedData | null = null;
  if (kind === 'indicators') data = { kind, indicators: readIndicators(dataRows, ctx) };
  else if (kind === 'indicator-values') data = { kind, values: readValues(dataRows, ctx) };
  else {
    if (!options.period) problem(null, null, `a ${kind} budget report needs the period it covers (--period, e.g. 2025-06)`);
    if (kind === 'revenue') {
      const rows = readBudgetRows(dataRows, ctx, 'revenue') as RevenueRow[];
      data = options.period ? { kind, period: options.period, rows, rules: options.rules } : null;
    } else {
      if (!found.years.length) problem(headerIndex + 1, null, 'no "Cash limit YYYY-YY" column: give at least one year\'s cash limit');
      const rows = readBudgetRows(dataRows, ctx, 'capital') as CapitalRow[];
      data = options.period ? { kind, period: options.period, years: found.years.map((y) => y.year), rows, rules: options.rules } : null;
    }
  }
  if (!dataRows.length) problem(headerIndex + 1, null, 'there are no rows of figures under the header row');
  const preview: SheetPreview = { sheet: sheet.name, headerRow: headerIndex + 1, headings, rows: dataRows.map((d) => ({ row: d.row, cells: headings.map((_, i) => cellText(d.cells[i])) })) };
  return { data: out.length ? null : data, problems: out, rowCount: dataRows.length, preview };
}

interface Ctx {
  columns: Map<string, number>;
  years: { year: string; index: number }[];
  problem: (row: number | null, col: number | null, message: string) => void;
  options: ParseOptions;
}

function text(ctx: Ctx, cells: Cell[], key: string): string {
  const i = ctx.columns.get(key);
  return i === undefined ? '' : cellText(cells[i]);
}

function numberCell(ctx: Ctx, row: number, cells: Cell[], key: string, what: string): number | null {
  const i = ctx.columns.get(key);
  if (i === undefined) return null;
  const c = cells[i];
  if (c === null || c === undefined || /^(n\/?a|-|–|—)$/i.test(String(c).trim())) return null;
  if (typeof c === 'number') return Number.isFinite(c) ? c : (ctx.problem(row, i, `${what} is not a number`), null);
  const t = c.replace(/[,%\s]/g, '').replace(/^\((.*)\)$/, '-$1');
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(n)) {
    ctx.problem(row, i, `${what} ${JSON.stringify(c)} is not a number`);
    return null;
  }
  return n;
}

function moneyCell(ctx: Ctx, row: number, cells: Cell[], index: number | undefined, what: string): Pence | null {
  if (index === undefined) return null;
  const c = cells[index];
  if (c === null || c === undefined) return null;
  const p = tryParseMoney(typeof c === 'number' ? String(Number(c.toFixed(6))) : c, { unit: 'thousands' });
  if (p === null) ctx.problem(row, index, `${what} ${JSON.stringify(c)} is not an amount in £'000s such as 1,234.5 or (250)`);
  return p;
}

function readIndicators(rows: { row: number; cells: Cell[] }[], ctx: Ctx): Indicator[] {
  const byRef = new Map<string, { indicator: Indicator; row: number }>();
  const order: string[] = [];
  for (const { row, cells } of rows) {
    ctx.options.onRow?.(1);
    const ref = text(ctx, cells, 'ref');
    const kindText = text(ctx, cells, 'kind').toLowerCase();
    const kind: IndicatorKind | null = /^(kpi|key)/.test(kindText) ? 'kpi' : /^activity/.test(kindText) ? 'activity' : null;
    if (!kind) ctx.problem(row, ctx.columns.get('kind')!, `kind ${JSON.stringify(text(ctx, cells, 'kind'))} must be KPI or Activity`);
    const polText = text(ctx, cells, 'polarity').toLowerCase();
    const polarity: Polarity | null = polText === '' || polText.startsWith('high') ? 'higher' : polText.startsWith('low') ? 'lower' : /range/.test(polText) ? 'range' : null;
    if (!polarity) ctx.problem(row, ctx.columns.get('polarity')!, `polarity ${JSON.stringify(text(ctx, cells, 'polarity'))} must be Higher, Lower or Range`);
    const decimals = numberCell(ctx, row, cells, 'decimals', 'decimal places') ?? 0;
    const yearText = text(ctx, cells, 'year');
    const year = parseFinancialYear(yearText);
    if (!year) ctx.problem(row, ctx.columns.get('year')!, `year ${JSON.stringify(yearText)} must be a financial year such as 2025-26`);
    const standard: YearStandard = {
      year: year ?? '',
      target: numberCell(ctx, row, cells, 'target', 'target'),
      floor: numberCell(ctx, row, cells, 'floor', 'floor'),
      lower: numberCell(ctx, row, cells, 'lower', 'lower'),
      upper: numberCell(ctx, row, cells, 'upper', 'upper'),
      floorLower: numberCell(ctx, row, cells, 'floorLower', 'floor lower'),
      floorUpper: numberCell(ctx, row, cells, 'floorUpper', 'floor upper'),
    };
    const indicator: Indicator = {
      ref, description: text(ctx, cells, 'description'), serviceArea: text(ctx, cells, 'serviceArea'),
      director: text(ctx, cells, 'director') || null, cabinetMember: text(ctx, cells, 'cabinetMember') || null,
      kind: kind ?? 'kpi', polarity: polarity ?? 'higher', unit: text(ctx, cells, 'unit') || 'number', decimals: Math.round(decimals), standards: [standard],
    };
    const before = byRef.get(ref);
    if (!before) {
      byRef.set(ref, { indicator, row });
      order.push(ref);
      if (year) for (const p of checkIndicator(indicator)) ctx.problem(row, ctx.columns.get(p.field) ?? ctx.columns.get('floor') ?? null, p.message);
      continue;
    }
    for (const f of ['description', 'serviceArea', 'director', 'cabinetMember', 'kind', 'polarity', 'unit', 'decimals'] as const) {
      if (before.indicator[f] !== indicator[f] && !(f === 'director' || f === 'cabinetMember' ? indicator[f] === null : false)) {
        ctx.problem(row, ctx.columns.get(f) ?? null, `${ref} is defined on row ${before.row} with ${f} ${JSON.stringify(before.indicator[f])}, here ${JSON.stringify(indicator[f])}`);
      }
    }
    before.indicator.standards.push(standard);
    if (year) for (const p of checkIndicator({ ...before.indicator, standards: [standard] })) ctx.problem(row, ctx.columns.get(p.field) ?? null, p.message);
    if (before.indicator.standards.filter((s) => s.year === standard.year).length > 1) ctx.problem(row, ctx.columns.get('year')!, `${ref} already has standards for ${standard.year} (row ${before.row} or later)`);
  }
  return order.map((r) => byRef.get(r)!.indicator);
}

function readValues(rows: { row: number; cells: Cell[] }[], ctx: Ctx): IndicatorValue[] {
  const values: IndicatorValue[] = [];
  const seen = new Map<string, number>();
  const periods = new Map<string, Period>();
  for (const { row, cells } of rows) {
    ctx.options.onRow?.(1);
    const ref = text(ctx, cells, 'ref');
    if (!ref) ctx.problem(row, ctx.columns.get('ref')!, 'the indicator reference is missing');
    else if (ctx.options.knownRefs && !ctx.options.knownRefs.has(ref)) ctx.problem(row, ctx.columns.get('ref')!, `no indicator ${JSON.stringify(ref)}: import it with --kind indicators first`);
    const periodText = text(ctx, cells, 'period');
    let period: Period | null = ctx.options.period ?? null;
    if (periodText) {
      try {
        period = periods.get(periodText) ?? parsePeriod(periodText);
        periods.set(periodText, period);
      } catch (e) {
        ctx.problem(row, ctx.columns.get('period')!, (e as Error).message);
        period = null;
      }
    } else if (!period) ctx.problem(row, ctx.columns.get('period') ?? null, 'no period: fill the Period column or name one with --period');
    const value = numberCell(ctx, row, cells, 'value', 'value');
    const reportedOn = dateCell(ctx, row, cells);
    if (value === null || !period || !ref) continue;
    const key = `${ref}\u0000${period.code}`;
    if (seen.has(key)) ctx.problem(row, ctx.columns.get('ref')!, `${ref} already has a value for ${period.code} on row ${seen.get(key)}`);
    seen.set(key, row);
    values.push({ ref, period: period.code, value, reportedOn, note: text(ctx, cells, 'note') || null });
  }
  return values;
}

function dateCell(ctx: Ctx, row: number, cells: Cell[]): string | null {
  const t = text(ctx, cells, 'reportedOn');
  if (!t) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(t);
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  ctx.problem(row, ctx.columns.get('reportedOn')!, `date ${JSON.stringify(t)} must be YYYY-MM-DD or DD/MM/YYYY`);
  return null;
}

const REVENUE_KEYS: RevenueColumn[] = ['gross', 'income', 'net', 'forecastVariance', 'managementAction', 'revisedVariance', 'lastReported', 'movement'];
const CAPITAL_KEYS: CapitalColumn[] = ['cashLimitTotal', 'realVariance', 'rephasing', 'variance', 'lastReported', 'movement'];

function readBudgetRows(rows: { row: number; cells: Cell[] }[], ctx: Ctx, table: 'revenue' | 'capital'): (RevenueRow | CapitalRow)[] {
  const out: (RevenueRow | CapitalRow)[] = [];
  let portfolio = '';
  for (const { row, cells } of rows) {
    ctx.options.onRow?.(1);
    const given = text(ctx, cells, 'portfolio');
    const line = text(ctx, cells, 'line');
    const typeText = text(ctx, cells, 'rowType').toLowerCase();
    let kind: BudgetRowKind;
    if (typeText) {
      if (typeText.startsWith('line')) kind = 'line';
      else if (typeText.startsWith('sub')) kind = 'subtotal';
      else if (typeText.startsWith('total') || typeText === 'grand total') kind = 'total';
      else {
        ctx.problem(row, ctx.columns.get('rowType')!, `row type ${JSON.stringify(text(ctx, cells, 'rowType'))} must be Line, Subtotal or Total`);
        kind = 'line';
      }
    } else kind = /^total\b/i.test(line) ? (given ? 'subtotal' : 'total') : 'line';
    if (given) portfolio = given;
    if (!line) ctx.problem(row, ctx.columns.get('line')!, 'the line has no name');
    if (kind !== 'total' && !portfolio) ctx.problem(row, ctx.columns.get('portfolio')!, 'the portfolio is missing');
    const narrative = text(ctx, cells, 'narrative') || null;
    const rowPortfolio = kind === 'total' ? '' : portfolio;
    if (table === 'revenue') {
      const figures = emptyRevenueFigures();
      for (const k of REVENUE_KEYS) figures[k] = moneyCell(ctx, row, cells, ctx.columns.get(k), LAYOUTS.revenue.find((s) => s.key === k)!.heading);
      out.push({ kind, portfolio: rowPortfolio, line, figures, narrative, sourceRow: row });
    } else {
      const figures = emptyCapitalFigures();
      for (const k of CAPITAL_KEYS) figures[k] = moneyCell(ctx, row, cells, ctx.columns.get(k), LAYOUTS.capital.find((s) => s.key === k)!.heading);
      const cashLimits: Record<string, Pence | null> = {};
      for (const y of ctx.years) cashLimits[y.year] = moneyCell(ctx, row, cells, y.index, `cash limit ${y.year}`);
      out.push({ kind, portfolio: rowPortfolio, line, cashLimits, figures, narrative, sourceRow: row });
    }
  }
  return out;
}

/** The headings of a template, in order (capital gets the given years' cash-limit columns). */
export function templateHeadings(kind: DataFileKind, years: readonly string[] = []): string[] {
  return LAYOUTS[kind].flatMap((s) => (s.key === 'cashLimit:YEAR' ? years.map((y) => `Cash limit ${y}`) : [s.heading]));
}
