// Budget monitoring as data (primer §5): revenue lines by portfolio in £'000s and capital lines with cash limits by
// year, real variance and re-phasing. Amounts are whole pence (money.ts), so sums are exact. Totals are computed
// from lines; a total or derived figure the council supplies is checked, and every mismatch is a problem naming the
// table, row, column and both figures.
import { formatMoney, type Pence } from './money.js';

export type BudgetTableKind = 'revenue' | 'capital';
export const BUDGET_TABLE_NAMES: Readonly<Record<BudgetTableKind, string>> = { revenue: 'Revenue', capital: 'Capital' };

/** A line of the table, a portfolio subtotal (sums the lines of its portfolio), or the grand total (all lines). */
export type BudgetRowKind = 'line' | 'subtotal' | 'total';
export const BUDGET_ROW_KINDS: readonly BudgetRowKind[] = ['line', 'subtotal', 'total'];

export const REVENUE_COLUMNS = [
  'gross',
  'income',
  'net',
  'forecastVariance',
  'managementAction',
  'revisedVariance',
  'lastReported',
  'movement',
] as const;
export type RevenueColumn = (typeof REVENUE_COLUMNS)[number];

export const REVENUE_HEADINGS: Readonly<Record<RevenueColumn, string>> = {
  gross: 'Cash limit gross',
  income: 'Cash limit income',
  net: 'Cash limit net',
  forecastVariance: 'Forecast variance',
  managementAction: 'Management action',
  revisedVariance: 'Revised variance',
  lastReported: 'Last reported position',
  movement: 'Movement',
};

export const CAPITAL_COLUMNS = ['cashLimitTotal', 'realVariance', 'rephasing', 'variance', 'lastReported', 'movement'] as const;
export type CapitalColumn = (typeof CAPITAL_COLUMNS)[number];

export const CAPITAL_HEADINGS: Readonly<Record<CapitalColumn, string>> = {
  cashLimitTotal: 'Cash limit total',
  realVariance: 'Real variance',
  rephasing: 'Re-phasing',
  variance: 'Total variance',
  lastReported: 'Last reported variance',
  movement: 'Movement',
};

export interface RevenueRow {
  kind: BudgetRowKind;
  portfolio: string;
  /** Budget line ("Contact Centre"), or the subtotal/total's own label ("Total S&CS"). */
  line: string;
  figures: Record<RevenueColumn, Pence | null>;
  narrative: string | null;
  /** Where it came from (spreadsheet row number), for problems; null for rows made in Moot. */
  sourceRow: number | null;
}

export interface CapitalRow {
  kind: BudgetRowKind;
  portfolio: string;
  /** Project or programme. */
  line: string;
  /** Cash limit per financial year ("2025-26" → pence). */
  cashLimits: Record<string, Pence | null>;
  figures: Record<CapitalColumn, Pence | null>;
  narrative: string | null;
  sourceRow: number | null;
}

export interface BudgetProblem {
  table: BudgetTableKind;
  /** Spreadsheet row, when known. */
  row: number | null;
  line: string;
  /** The column heading as printed. */
  column: string;
  check: 'arithmetic' | 'total' | 'narrative' | 'last-report' | 'cash-limit-change' | 'structure';
  /** What the arithmetic (or the last report) gives, and what the table has. */
  expected: Pence | null;
  actual: Pence | null;
  message: string;
}

export interface BudgetRules {
  /** Variances larger than this (in pence) need narrative. Default £100,000. */
  narrativeThreshold: Pence;
  /** Largest difference accepted as rounding, in pence. Default 0: the figures must add up exactly. */
  tolerance: Pence;
}

export const DEFAULT_BUDGET_RULES: BudgetRules = { narrativeThreshold: 100_000_00, tolerance: 0 };

/** A £'000s figure as the tables print it: "5,174", "-893.1", "0.25". */
export function formatThousands(p: Pence | null): string {
  if (p === null) return '';
  let decimals = 0;
  while (decimals < 5 && p % 10 ** (5 - decimals) !== 0) decimals++;
  return formatMoney(p, { unit: 'thousands', decimals, symbol: false });
}

const add = (a: Pence | null, b: Pence | null): Pence | null => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));

function where(table: BudgetTableKind, row: { sourceRow: number | null; line: string }, column: string): string {
  return `${BUDGET_TABLE_NAMES[table]} table, ${row.sourceRow !== null ? `row ${row.sourceRow} ` : ''}(${JSON.stringify(row.line)}), column ${column}`;
}

function mismatch(
  table: BudgetTableKind,
  row: { sourceRow: number | null; line: string },
  column: string,
  check: BudgetProblem['check'],
  expected: Pence,
  actual: Pence,
  why: string,
): BudgetProblem {
  return {
    table,
    row: row.sourceRow,
    line: row.line,
    column,
    check,
    expected,
    actual,
    message: `${where(table, row, column)}: the table has ${formatThousands(actual)} but ${why} gives ${formatThousands(expected)} (£'000s)`,
  };
}

const negate = (p: Pence | null): Pence | null => (p === null ? null : -p);

/** `printed` should be a + b: the problem when all three are in the table and differ by more than the tolerance. */
function sumProblem(table: BudgetTableKind, row: { sourceRow: number | null; line: string }, column: string, a: Pence | null, b: Pence | null, printed: Pence | null, why: string, rules: BudgetRules): BudgetProblem[] {
  if (a === null || b === null || printed === null) return [];
  return Math.abs(a + b - printed) > rules.tolerance ? [mismatch(table, row, column, 'arithmetic', a + b, printed, why)] : [];
}

/** Members of a subtotal or total: the lines it sums. */
function membersOf<R extends { kind: BudgetRowKind; portfolio: string }>(rows: readonly R[], total: R): R[] {
  return rows.filter((r) => r.kind === 'line' && (total.kind === 'total' || r.portfolio === total.portfolio));
}

function checkStructure<R extends { kind: BudgetRowKind; portfolio: string; line: string; sourceRow: number | null }>(
  table: BudgetTableKind,
  rows: readonly R[],
): BudgetProblem[] {
  const out: BudgetProblem[] = [];
  const seen = new Map<string, R>();
  for (const r of rows) {
    const problem = (message: string) =>
      out.push({ table, row: r.sourceRow, line: r.line, column: 'Line', check: 'structure', expected: null, actual: null, message: `${where(table, r, 'Line')}: ${message}` });
    if (!r.line.trim()) problem('the line has no name');
    if (r.kind !== 'total' && !r.portfolio.trim()) problem('the portfolio is missing');
    const key = `${r.kind}\u0000${r.portfolio}\u0000${r.line}`;
    if (seen.has(key)) problem(`the same ${r.kind === 'line' ? 'line' : r.kind} appears twice in portfolio ${JSON.stringify(r.portfolio)}`);
    seen.set(key, r);
    if (r.kind === 'subtotal' && !rows.some((l) => l.kind === 'line' && l.portfolio === r.portfolio)) {
      problem(`a subtotal for portfolio ${JSON.stringify(r.portfolio)}, which has no lines`);
    }
  }
  return out;
}

/** The arithmetic of a revenue table: net = gross + income (income negative), revised = forecast + action, movement = revised − last reported, and every supplied subtotal/total = the sum of its lines. Narrative is needed for a line whose revised variance or movement is over the threshold. */
export function reconcileRevenue(rows: readonly RevenueRow[], rules: BudgetRules = DEFAULT_BUDGET_RULES): BudgetProblem[] {
  const out = checkStructure('revenue', rows);
  const off = (a: Pence, b: Pence) => Math.abs(a - b) > rules.tolerance;
  const h = REVENUE_HEADINGS;
  for (const r of rows) {
    const f = r.figures;
    out.push(
      ...sumProblem('revenue', r, h.net, f.gross, f.income, f.net, 'gross + income', rules),
      ...sumProblem('revenue', r, h.revisedVariance, f.forecastVariance, f.managementAction, f.revisedVariance, 'forecast variance + management action', rules),
      ...sumProblem('revenue', r, h.movement, f.revisedVariance, negate(f.lastReported), f.movement, 'revised variance − last reported', rules),
    );
    if (r.kind !== 'line') {
      const members = membersOf(rows, r);
      for (const c of REVENUE_COLUMNS) {
        const actual = f[c];
        if (actual === null) continue;
        const sum = members.reduce((s, m) => s + (m.figures[c] ?? 0), 0);
        if (off(sum, actual)) out.push(mismatch('revenue', r, h[c], 'total', sum, actual, `the sum of its ${members.length} lines`));
      }
    } else {
      const needs = [f.revisedVariance ?? f.forecastVariance, f.movement].some((v) => v !== null && Math.abs(v) > rules.narrativeThreshold);
      if (needs && !r.narrative?.trim()) out.push(narrativeProblem('revenue', r, rules, f.revisedVariance ?? f.forecastVariance ?? f.movement));
    }
  }
  return out;
}

/** Capital: cash limit total = sum of its years, total variance = real + re-phasing, movement = total − last reported, supplied totals = sums. Narrative is needed over the threshold for real variance or re-phasing. */
export function reconcileCapital(rows: readonly CapitalRow[], years: readonly string[], rules: BudgetRules = DEFAULT_BUDGET_RULES): BudgetProblem[] {
  const out = checkStructure('capital', rows);
  const off = (a: Pence, b: Pence) => Math.abs(a - b) > rules.tolerance;
  const h = CAPITAL_HEADINGS;
  for (const r of rows) {
    const f = r.figures;
    const limits = years.map((y) => r.cashLimits[y] ?? null);
    if (f.cashLimitTotal !== null && limits.some((v) => v !== null)) {
      const sum = limits.reduce<Pence>((s, v) => s + (v ?? 0), 0);
      if (off(sum, f.cashLimitTotal)) out.push(mismatch('capital', r, h.cashLimitTotal, 'arithmetic', sum, f.cashLimitTotal, `the cash limits for ${years.join(', ')}`));
    }
    out.push(
      ...sumProblem('capital', r, h.variance, f.realVariance, f.rephasing, f.variance, 'real variance + re-phasing', rules),
      ...sumProblem('capital', r, h.movement, f.variance, negate(f.lastReported), f.movement, 'total variance − last reported', rules),
    );
    if (r.kind !== 'line') {
      const members = membersOf(rows, r);
      for (const y of years) {
        const actual = r.cashLimits[y] ?? null;
        if (actual === null) continue;
        const sum = members.reduce((s, m) => s + (m.cashLimits[y] ?? 0), 0);
        if (off(sum, actual)) out.push(mismatch('capital', r, `Cash limit ${y}`, 'total', sum, actual, `the sum of its ${members.length} lines`));
      }
      for (const c of CAPITAL_COLUMNS) {
        const actual = f[c];
        if (actual === null) continue;
        const sum = members.reduce((s, m) => s + (m.figures[c] ?? 0), 0);
        if (off(sum, actual)) out.push(mismatch('capital', r, h[c], 'total', sum, actual, `the sum of its ${members.length} lines`));
      }
    } else {
      const big = [f.realVariance, f.rephasing].find((v) => v !== null && Math.abs(v) > rules.narrativeThreshold) ?? null;
      if (big !== null && !r.narrative?.trim()) out.push(narrativeProblem('capital', r, rules, big));
    }
  }
  return out;
}

function narrativeProblem(table: BudgetTableKind, r: { sourceRow: number | null; line: string }, rules: BudgetRules, amount: Pence | null): BudgetProblem {
  const limit = formatMoney(rules.narrativeThreshold, { unit: 'thousands' });
  return {
    table,
    row: r.sourceRow,
    line: r.line,
    column: 'Narrative',
    check: 'narrative',
    expected: null,
    actual: amount,
    message: `${where(table, r, 'Narrative')}: a variance of ${formatThousands(amount)} (£'000s) is over ${limit} and needs an explanation`,
  };
}

const key = (r: { portfolio: string; line: string }) => `${r.portfolio}\u0000${r.line}`;

/** Last reported position must be what the previous report gave as the revised variance (lines and totals). */
export function checkRevenueAgainstLast(rows: readonly RevenueRow[], previous: readonly RevenueRow[], previousLabel: string, rules: BudgetRules = DEFAULT_BUDGET_RULES): BudgetProblem[] {
  const before = new Map(previous.filter((r) => r.kind === 'line').map((r) => [key(r), r]));
  const out: BudgetProblem[] = [];
  for (const r of rows) {
    if (r.kind !== 'line' || r.figures.lastReported === null) continue;
    const p = before.get(key(r));
    const was = p?.figures.revisedVariance ?? null;
    if (was === null || Math.abs(was - r.figures.lastReported) <= rules.tolerance) continue;
    out.push(mismatch('revenue', r, REVENUE_HEADINGS.lastReported, 'last-report', was, r.figures.lastReported, `the revised variance in the ${previousLabel} report`));
  }
  return out;
}

/** Capital: last reported = the previous report's total variance; a changed cash limit needs narrative. */
export function checkCapitalAgainstLast(rows: readonly CapitalRow[], previous: readonly CapitalRow[], previousLabel: string, rules: BudgetRules = DEFAULT_BUDGET_RULES): BudgetProblem[] {
  const before = new Map(previous.filter((r) => r.kind === 'line').map((r) => [key(r), r]));
  const out: BudgetProblem[] = [];
  for (const r of rows) {
    if (r.kind !== 'line') continue;
    const p = before.get(key(r));
    if (!p) continue;
    const was = p.figures.variance;
    if (was !== null && r.figures.lastReported !== null && Math.abs(was - r.figures.lastReported) > rules.tolerance) {
      out.push(mismatch('capital', r, CAPITAL_HEADINGS.lastReported, 'last-report', was, r.figures.lastReported, `the total variance in the ${previousLabel} report`));
    }
    const a = p.figures.cashLimitTotal;
    const b = r.figures.cashLimitTotal;
    if (a !== null && b !== null && a !== b && !r.narrative?.trim()) {
      out.push({
        table: 'capital',
        row: r.sourceRow,
        line: r.line,
        column: 'Narrative',
        check: 'cash-limit-change',
        expected: a,
        actual: b,
        message: `${where('capital', r, 'Narrative')}: the cash limit changed from ${formatThousands(a)} to ${formatThousands(b)} (£'000s) since the ${previousLabel} report and needs an explanation`,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- computed totals

export interface RevenueTotals {
  portfolios: { portfolio: string; lines: RevenueRow[]; total: Record<RevenueColumn, Pence | null> }[];
  total: Record<RevenueColumn, Pence | null>;
}

function sumColumns<C extends string>(columns: readonly C[], rows: readonly { figures: Record<C, Pence | null> }[]): Record<C, Pence | null> {
  const out = {} as Record<C, Pence | null>;
  for (const c of columns) out[c] = rows.reduce<Pence | null>((s, r) => add(s, r.figures[c]), null);
  return out;
}

function groupLines<R extends { kind: BudgetRowKind; portfolio: string }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    if (r.kind !== 'line') continue;
    const g = groups.get(r.portfolio) ?? [];
    g.push(r);
    groups.set(r.portfolio, g);
  }
  return groups;
}

/** Totals per portfolio and overall, from the lines alone (supplied totals are only ever checked, never shown). */
export function revenueTotals(rows: readonly RevenueRow[]): RevenueTotals {
  const lines = rows.filter((r) => r.kind === 'line');
  return {
    portfolios: [...groupLines(rows)].map(([portfolio, ls]) => ({ portfolio, lines: ls, total: sumColumns(REVENUE_COLUMNS, ls) })),
    total: sumColumns(REVENUE_COLUMNS, lines),
  };
}

export interface CapitalTotals {
  portfolios: { portfolio: string; lines: CapitalRow[]; total: Record<CapitalColumn, Pence | null>; cashLimits: Record<string, Pence | null> }[];
  total: Record<CapitalColumn, Pence | null>;
  cashLimits: Record<string, Pence | null>;
}

function sumYears(years: readonly string[], rows: readonly CapitalRow[]): Record<string, Pence | null> {
  const out: Record<string, Pence | null> = {};
  for (const y of years) out[y] = rows.reduce<Pence | null>((s, r) => add(s, r.cashLimits[y] ?? null), null);
  return out;
}

export function capitalTotals(rows: readonly CapitalRow[], years: readonly string[]): CapitalTotals {
  const lines = rows.filter((r) => r.kind === 'line');
  return {
    portfolios: [...groupLines(rows)].map(([portfolio, ls]) => ({
      portfolio,
      lines: ls,
      total: sumColumns(CAPITAL_COLUMNS, ls),
      cashLimits: sumYears(years, ls),
    })),
    total: sumColumns(CAPITAL_COLUMNS, lines),
    cashLimits: sumYears(years, lines),
  };
}

/** Lines whose variance needs explaining, largest first: the itemised list under a budget table. */
export function revenueVariancesToExplain(rows: readonly RevenueRow[], rules: BudgetRules = DEFAULT_BUDGET_RULES): RevenueRow[] {
  const v = (r: RevenueRow) => Math.abs(r.figures.revisedVariance ?? r.figures.forecastVariance ?? 0);
  return rows.filter((r) => r.kind === 'line' && (v(r) > rules.narrativeThreshold || Math.abs(r.figures.movement ?? 0) > rules.narrativeThreshold)).sort((a, b) => v(b) - v(a));
}

export function capitalVariancesToExplain(rows: readonly CapitalRow[], rules: BudgetRules = DEFAULT_BUDGET_RULES): CapitalRow[] {
  const v = (r: CapitalRow) => Math.max(Math.abs(r.figures.realVariance ?? 0), Math.abs(r.figures.rephasing ?? 0));
  return rows.filter((r) => r.kind === 'line' && (v(r) > rules.narrativeThreshold || !!r.narrative?.trim())).sort((a, b) => v(b) - v(a));
}

export function emptyRevenueFigures(): Record<RevenueColumn, Pence | null> {
  return Object.fromEntries(REVENUE_COLUMNS.map((c) => [c, null])) as Record<RevenueColumn, Pence | null>;
}

export function emptyCapitalFigures(): Record<CapitalColumn, Pence | null> {
  return Object.fromEntries(CAPITAL_COLUMNS.map((c) => [c, null])) as Record<CapitalColumn, Pence | null>;
}
