// Money as printed in agenda packs, and the arithmetic of budget-monitoring tables (primer §5, §7).
// Amounts are held as a whole number of PENCE (a JavaScript number, exact up to about £90 trillion),
// so sums of parsed figures never pick up binary floating-point error.

export type Pence = number;

/** The unit a bare figure is printed in, e.g. a table headed "£'000s" is 'thousands'. */
export type MoneyUnit = 'pounds' | 'thousands' | 'millions' | 'billions';

const UNIT_EXPONENT: Readonly<Record<MoneyUnit, number>> = { pounds: 0, thousands: 3, millions: 6, billions: 9 };
const SUFFIX_UNIT: Readonly<Record<string, MoneyUnit>> = {
  k: 'thousands',
  m: 'millions',
  mn: 'millions',
  million: 'millions',
  bn: 'billions',
  billion: 'billions',
};

/** Thrown for a figure that cannot be read as money; the message quotes it. */
export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

export interface ParseMoneyOptions {
  /** Unit of a figure with no k/m/bn suffix (default 'pounds'); a suffix always wins. */
  unit?: MoneyUnit;
}

/**
 * The unit a table column heading declares: "£'000s", "£000", "£k" → thousands; "£m", "£ million" →
 * millions; "£bn" → billions; "£" → pounds. Null when the heading names no unit.
 */
export function moneyUnitFromHeading(heading: string): MoneyUnit | null {
  const h = heading.toLowerCase().replace(/['\u2018\u2019`]/g, '');
  const m = /£\s*(000s?|0,000s?|k|thousands?|m|mn|millions?|bn|billions?)?(?![a-z0-9])/.exec(h);
  if (!m) return null;
  const word = m[1] ?? '';
  if (word === '') return 'pounds';
  if (/^(0|k|t)/.test(word)) return 'thousands';
  if (word.startsWith('m')) return 'millions';
  return 'billions';
}

const DASHES = /[\u2010-\u2015\u2212]/g; // hyphens, en/em dashes and the minus sign, as PDFs print them
const MONEY_RE =
  /^([+-])?\s*(?:£\s*([+-])?)?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(k|m|mn|million|bn|billion)?$/i;
const NUMBER_RE = /^(\d+)(?:\.(\d+))?$/;

/**
 * Reads "£0.199m", "-£0.547m", "£-3.745m", "(-1.048m)" and "(1.048m)" (brackets mean negative),
 * "£4,118k", "£11m", "+0.440", or "336,806" with `unit: 'thousands'`. A lone dash means nil.
 * Returns pence, rounding half away from zero below a penny. Returns null when unreadable.
 */
export function tryParseMoney(s: string, options: ParseMoneyOptions = {}): Pence | null {
  let t = s.trim().replace(DASHES, '-');
  if (/^-+$/.test(t) || /^nil$/i.test(t)) return 0;
  let negative = false;
  const bracketed = /^\((.*)\)$/.exec(t);
  if (bracketed) {
    negative = true;
    t = bracketed[1].trim();
  }
  const m = MONEY_RE.exec(t);
  if (!m) return null;
  if (m[1] && m[2]) return null; // "-£-3m": two signs
  const sign = m[1] ?? m[2];
  if (sign === '-') negative = true;
  const unit = m[4] ? SUFFIX_UNIT[m[4].toLowerCase()] : (options.unit ?? 'pounds');
  const pence = toPence(m[3].replace(/,/g, ''), UNIT_EXPONENT[unit] + 2);
  if (pence === null) return null;
  return negative && pence !== 0 ? -pence : pence;
}

export function parseMoney(s: string, options: ParseMoneyOptions = {}): Pence {
  const p = tryParseMoney(s, options);
  if (p === null) {
    throw new MoneyError(`${JSON.stringify(s)} is not an amount of money such as "£0.199m", "(1.048m)" or "336,806"`);
  }
  return p;
}

/** Decimal digits × 10^shift, rounded half away from zero, with integer arithmetic throughout. */
function toPence(digits: string, shift: number): number | null {
  const m = NUMBER_RE.exec(digits.startsWith('.') ? `0${digits}` : digits);
  if (!m) return null;
  const whole = m[1];
  const frac = m[2] ?? '';
  const kept = frac.slice(0, shift).padEnd(shift, '0');
  const dropped = frac.slice(shift);
  let n = BigInt(whole + kept);
  if (dropped !== '' && Number(dropped[0]) >= 5) n += 1n;
  const out = Number(n);
  return Number.isSafeInteger(out) ? out : null;
}

export interface FormatMoneyOptions {
  /** 'pounds' → "£1,234.56", 'thousands' → "£4,118k", 'millions' → "£0.199m" (default 'pounds'). */
  unit?: MoneyUnit;
  /** Decimal places (default: 2 for pounds with pence, else 0; 0 for thousands; 3 for millions and billions). */
  decimals?: number;
  /** "-£0.547m" (default) or "(£0.547m)". */
  negative?: 'minus' | 'brackets';
  /** Print the £ sign and unit suffix (default true); false gives a bare table figure such as "336,806". */
  symbol?: boolean;
}

const UNIT_SUFFIX: Readonly<Record<MoneyUnit, string>> = { pounds: '', thousands: 'k', millions: 'm', billions: 'bn' };

export function formatMoney(pence: Pence, options: FormatMoneyOptions = {}): string {
  if (!Number.isSafeInteger(pence)) throw new MoneyError(`amount must be a whole number of pence, got ${pence}`);
  const unit = options.unit ?? 'pounds';
  if (!(unit in UNIT_EXPONENT)) throw new MoneyError(`unknown money unit ${JSON.stringify(unit)}`);
  const exp = UNIT_EXPONENT[unit] + 2; // pence per unit = 10^exp
  const decimals =
    options.decimals ?? (unit === 'pounds' ? (pence % 100 === 0 ? 0 : 2) : unit === 'thousands' ? 0 : 3);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12) {
    throw new MoneyError(`decimals must be a whole number from 0 to 12, got ${decimals}`);
  }
  // Scale to an integer count of the last printed decimal place, rounding half away from zero.
  let scaled = BigInt(Math.abs(pence));
  const drop = exp - decimals;
  if (drop > 0) {
    const div = 10n ** BigInt(drop);
    scaled = (scaled * 2n + div) / (div * 2n);
  } else if (drop < 0) {
    scaled *= 10n ** BigInt(-drop);
  }
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  const body = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (decimals > 0 ? `.${frac}` : '');
  const isNegative = pence < 0 && scaled !== 0n;
  const symbol = options.symbol ?? true;
  const text = symbol ? `£${body}${UNIT_SUFFIX[unit]}` : body;
  if (!isNegative) return text;
  return options.negative === 'brackets' ? `(${text})` : `-${text}`;
}

// ---------------------------------------------------------------- budget monitoring tables

export const BUDGET_COLUMNS = [
  'cashLimit',
  'forecastVariance',
  'managementAction',
  'revisedVariance',
  'lastReported',
  'movement',
] as const;
export type BudgetColumn = (typeof BUDGET_COLUMNS)[number];

/** One line of a revenue table, in the table's own unit (usually £'000s or £m). null = not printed. */
export type BudgetFigures = Partial<Record<BudgetColumn, number | null>>;
export interface BudgetRow extends BudgetFigures {
  line: string;
}

export interface BudgetTable {
  rows: BudgetRow[];
  totals: BudgetFigures & { line?: string };
}

export type BudgetCheck = 'revised-variance' | 'movement' | 'column-total';

export interface BudgetIssue {
  check: BudgetCheck;
  /** The line whose figure is wrong, or the totals line. */
  line: string;
  column: BudgetColumn;
  /** What the arithmetic gives. */
  expected: number;
  /** What the table prints. */
  actual: number;
  difference: number;
  message: string;
}

export interface BudgetCheckOptions {
  /**
   * Largest difference accepted as rounding, in the table's unit. Default: one unit of the
   * finest decimal place printed in the table (0.001 for a £m table to three places, 1 for £'000s).
   */
  tolerance?: number;
}

export interface BudgetCheckResult {
  ok: boolean;
  tolerance: number;
  issues: BudgetIssue[];
}

function decimalPlaces(n: number): number {
  const s = String(Math.abs(n));
  if (s.includes('e')) return 0;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

function round(n: number, places: number): number {
  return Number(n.toFixed(Math.min(places + 2, 12)));
}

/**
 * Checks that each line (and the totals line) has revised variance = forecast variance + management
 * action and movement = revised variance − last reported, and that each printed total is the sum of
 * its lines (an unprinted cell counts as nil). Checks with a missing operand are skipped.
 */
export function checkBudgetTable(table: BudgetTable, options: BudgetCheckOptions = {}): BudgetCheckResult {
  const all: BudgetFigures[] = [...table.rows, table.totals];
  let places = 0;
  all.forEach((r, i) => {
    for (const c of BUDGET_COLUMNS) {
      const v = r[c];
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        const line = i < table.rows.length ? `line "${table.rows[i].line}"` : 'totals line';
        throw new MoneyError(`${line}, column ${c}: ${JSON.stringify(v)} is not a number`);
      }
      places = Math.max(places, decimalPlaces(v));
    }
  });
  const tolerance = options.tolerance ?? 10 ** -places;
  if (!(tolerance >= 0)) throw new MoneyError(`tolerance must be a non-negative number, got ${tolerance}`);
  const slack = 1e-9; // absorbs binary error in sums of decimal figures
  const issues: BudgetIssue[] = [];

  const report = (check: BudgetCheck, line: string, column: BudgetColumn, expected: number, actual: number, why: string) => {
    const difference = round(actual - expected, places);
    if (Math.abs(actual - expected) <= tolerance + slack) return;
    const e = round(expected, places);
    issues.push({
      check,
      line,
      column,
      expected: e,
      actual,
      difference,
      message: `${line}: ${column} is ${actual} but ${why} gives ${e} (difference ${difference})`,
    });
  };

  const checkLine = (r: BudgetFigures, line: string) => {
    const { forecastVariance: f, managementAction: a, revisedVariance: rv, lastReported: l, movement: mv } = r;
    if (isNum(f) && isNum(a) && isNum(rv)) {
      report('revised-variance', line, 'revisedVariance', f + a, rv, 'forecast variance + management action');
    }
    if (isNum(rv) && isNum(l) && isNum(mv)) {
      report('movement', line, 'movement', rv - l, mv, 'revised variance − last reported');
    }
  };

  table.rows.forEach((r) => checkLine(r, r.line));
  const totalsLine = table.totals.line ?? 'Total';
  checkLine(table.totals, totalsLine);
  for (const c of BUDGET_COLUMNS) {
    const total = table.totals[c];
    if (!isNum(total)) continue;
    const sum = table.rows.reduce((acc, r) => acc + (isNum(r[c]) ? (r[c] as number) : 0), 0);
    report('column-total', totalsLine, c, sum, total, `the sum of the ${table.rows.length} lines`);
  }
  return { ok: issues.length === 0, tolerance, issues };
}

function isNum(v: number | null | undefined): v is number {
  return typeof v === 'number';
}
