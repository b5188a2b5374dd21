// Performance indicators as data (primer §5): the indicator, its per-year target and floor (or expected range),
// its values per reporting period, and the dashboard a period produces. RAG, direction of travel and expected-range
// position always come from rag.ts; nothing here lets a rating be typed in.
import {
  directionOfTravel,
  expectedRange,
  ragRating,
  summariseDashboard,
  type Direction,
  type DashboardSummary,
  type Polarity,
  type Rag,
  type RangePosition,
} from './rag.js';

export type IndicatorKind = 'kpi' | 'activity';
export const INDICATOR_KINDS: readonly IndicatorKind[] = ['kpi', 'activity'];
export const POLARITIES: readonly Polarity[] = ['higher', 'lower', 'range'];
export const POLARITY_LABELS: Readonly<Record<Polarity, string>> = {
  higher: 'Higher is better',
  lower: 'Lower is better',
  range: 'Within a range',
};

/** The target and floor standard set at the start of one financial year ("2025-26"). */
export interface YearStandard {
  year: string;
  /** KPIs with "higher"/"lower" polarity. */
  target: number | null;
  floor: number | null;
  /** Target band for "range" KPIs; expected lower/upper thresholds for activity indicators. */
  lower: number | null;
  upper: number | null;
  /** Floor band around the target band for "range" KPIs. */
  floorLower: number | null;
  floorUpper: number | null;
}

export interface Indicator {
  ref: string;
  description: string;
  serviceArea: string;
  director: string | null;
  cabinetMember: string | null;
  kind: IndicatorKind;
  /** For activity indicators, the direction that counts as "more": kept for ordering, never rated. */
  polarity: Polarity;
  /** "%", "days", "number", "£", or a short word ("calls (000s)"). */
  unit: string;
  /** Decimal places printed. */
  decimals: number;
  standards: YearStandard[];
}

export interface IndicatorValue {
  ref: string;
  period: string;
  value: number;
  reportedOn: string | null;
  note: string | null;
}

// ---------------------------------------------------------------- reporting periods

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  /** Canonical code: "2025-06" (month), "2025-26 Q1" (quarter of a financial year), "2025-26" (year). */
  code: string;
  kind: PeriodKind;
  /** The financial year it falls in, "2025-26" (April to March). */
  year: string;
  /** First and last days, ISO. */
  start: string;
  end: string;
  /** "June 2025", "Quarter 1 2025-26 (April to June 2025)", "2025-26". */
  label: string;
  /** Orders periods of one kind: months since year 0, etc. */
  ordinal: number;
}

export class PeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeriodError';
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function financialYear(startYear: number): string {
  return `${startYear}-${pad((startYear + 1) % 100)}`;
}

function fyStart(code: string): number | null {
  const m = /^(\d{4})[-/](\d{2}|\d{4})$/.exec(code);
  if (!m) return null;
  const y = Number(m[1]);
  const ok = m[2].length === 4 ? Number(m[2]) === y + 1 : Number(m[2]) === (y + 1) % 100;
  return ok ? y : null;
}

/**
 * Reads a period as councils write it: "2025-06" or "Jun 2025" (a month); "2025-26 Q1" or "Q1 2025-26" (a quarter of
 * the financial year, Q1 = April to June); "2025-26" or "2025/26" (a financial year).
 */
export function parsePeriod(input: string): Period {
  // Pages read the same few period codes thousands of times a second (sorting a dashboard's history): a parsed
  // period is kept, by the text it was read from. Periods are values, never changed once made.
  const known = parsedPeriods.get(input);
  if (known) return known;
  const p = readPeriod(input);
  if (parsedPeriods.size >= 10_000) parsedPeriods.clear();
  parsedPeriods.set(input, p);
  return p;
}

const parsedPeriods = new Map<string, Period>();

function readPeriod(input: string): Period {
  const s = input.trim().replace(/\s+/g, ' ');
  // "2011-12" could be December 2011 or the financial year 2011-12: it is read as the month, and such a year is
  // written "FY2011-12" (its canonical code). From 2012-13 to 2098-99 a year and a month never look alike.
  let m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return monthPeriod(Number(m[1]), Number(m[2]));
  m = /^([A-Za-z]{3,9}) (\d{4})$/.exec(s);
  if (m) {
    const i = MONTHS.findIndex((n) => n.toLowerCase().startsWith(m![1].toLowerCase()) && m![1].length >= 3);
    if (i >= 0) return monthPeriod(Number(m[2]), i + 1);
  }
  m = /^(?:FY ?)?(\d{4}[-/]\d{2,4}) ?Q([1-4])$/i.exec(s) ?? null;
  const q2 = /^Q([1-4]) (\d{4}[-/]\d{2,4})$/i.exec(s);
  if (m || q2) {
    const fy = fyStart(m ? m[1] : q2![2]);
    const q = Number(m ? m[2] : q2![1]);
    if (fy !== null) return quarterPeriod(fy, q);
  }
  const fy = fyStart(s.replace(/^FY ?/i, ''));
  if (fy !== null) return yearPeriod(fy);
  throw new PeriodError(
    `${JSON.stringify(input)} is not a reporting period: write a month as 2025-06, a quarter as 2025-26 Q1, or a financial year as 2025-26`,
  );
}

export function monthPeriod(y: number, mo: number): Period {
  const fy = mo >= 4 ? y : y - 1;
  return {
    code: `${y}-${pad(mo)}`,
    kind: 'month',
    year: financialYear(fy),
    start: `${y}-${pad(mo)}-01`,
    end: `${y}-${pad(mo)}-${pad(lastDay(y, mo))}`,
    label: `${MONTHS[mo - 1]} ${y}`,
    ordinal: y * 12 + mo - 1,
  };
}

export function quarterPeriod(fy: number, q: number): Period {
  const firstMonth = 4 + (q - 1) * 3; // 4, 7, 10, 13
  const sy = fy + (firstMonth > 12 ? 1 : 0);
  const sm = ((firstMonth - 1) % 12) + 1;
  const em = sm + 2;
  return {
    code: `${financialYear(fy)} Q${q}`,
    kind: 'quarter',
    year: financialYear(fy),
    start: `${sy}-${pad(sm)}-01`,
    end: `${sy}-${pad(em)}-${pad(lastDay(sy, em))}`,
    label: `Quarter ${q} ${financialYear(fy)} (${MONTHS[sm - 1]} to ${MONTHS[em - 1]} ${sy})`,
    ordinal: fy * 4 + q - 1,
  };
}

/** A financial year as written in a Year column: "2025-26", "2025/26", "2025/2026" or "FY2011-12". */
export function parseFinancialYear(input: string): string | null {
  const fy = fyStart(input.trim().replace(/^FY ?/i, ''));
  return fy === null ? null : financialYear(fy);
}

function yearLooksLikeMonth(fy: number): boolean {
  const next = (fy + 1) % 100;
  return next >= 1 && next <= 12;
}

export function yearPeriod(fy: number): Period {
  return {
    code: yearLooksLikeMonth(fy) ? `FY${financialYear(fy)}` : financialYear(fy),
    kind: 'year',
    year: financialYear(fy),
    start: `${fy}-04-01`,
    end: `${fy + 1}-03-31`,
    label: `${financialYear(fy)} (April ${fy} to March ${fy + 1})`,
    ordinal: fy,
  };
}

/** The period of the same kind immediately before. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'month') {
    const o = p.ordinal - 1;
    return monthPeriod(Math.floor(o / 12), (o % 12) + 1);
  }
  if (p.kind === 'quarter') {
    const o = p.ordinal - 1;
    return quarterPeriod(Math.floor(o / 4), (o % 4) + 1);
  }
  return yearPeriod(p.ordinal - 1);
}

/** A URL-safe form of the code: "2025-26-q1". */
export function periodSlug(code: string): string {
  return code.toLowerCase().replace(/\s+/g, '-');
}

export function periodFromSlug(slug: string): Period {
  const q = /^(\d{4}-\d{2})-q([1-4])$/i.exec(slug);
  return parsePeriod(q ? `${q[1]} Q${q[2]}` : slug);
}

// ---------------------------------------------------------------- indicator rules

export interface IndicatorProblem {
  ref: string;
  field: string;
  message: string;
}

/** Checks an indicator's standards are coherent for its kind and polarity (via the RAG rule itself). */
export function checkIndicator(i: Indicator): IndicatorProblem[] {
  const out: IndicatorProblem[] = [];
  const p = (field: string, message: string) => out.push({ ref: i.ref, field, message: `${i.ref}: ${message}` });
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,19}$/.test(i.ref)) p('ref', `reference ${JSON.stringify(i.ref)} must be 1–20 letters, digits, spaces, dots, slashes or hyphens`);
  if (!i.description.trim()) p('description', 'description is missing');
  if (!i.serviceArea.trim()) p('serviceArea', 'service area is missing');
  if (!Number.isInteger(i.decimals) || i.decimals < 0 || i.decimals > 6) p('decimals', 'decimal places must be 0 to 6');
  const seen = new Set<string>();
  for (const s of i.standards) {
    if (seen.has(s.year)) p('year', `year ${s.year} is given twice`);
    seen.add(s.year);
    try {
      if (i.kind === 'activity') {
        if ((s.lower === null) !== (s.upper === null)) p('lower', `${s.year}: give both expected thresholds or neither`);
        else if (s.lower !== null && s.upper !== null) expectedRange(s.lower, s.lower, s.upper);
      } else if (i.polarity === 'range') {
        if (s.lower === null || s.upper === null) p('lower', `${s.year}: a "within a range" KPI needs a lower and upper target`);
        else ragRating({ polarity: 'range', value: s.lower, lower: s.lower, upper: s.upper, floorLower: s.floorLower, floorUpper: s.floorUpper, ref: i.ref });
      } else {
        if (s.target === null) p('target', `${s.year}: a KPI needs a target`);
        else ragRating({ polarity: i.polarity, value: s.target, target: s.target, floor: s.floor, ref: i.ref });
      }
    } catch (e) {
      p('floor', `${s.year}: ${(e as Error).message.replace(`${i.ref}: `, '')}`);
    }
  }
  return out;
}

export function standardFor(i: Indicator, year: string): YearStandard | null {
  return i.standards.find((s) => s.year === year) ?? null;
}

export interface DashboardRow {
  indicator: Indicator;
  period: Period;
  value: number | null;
  previousValue: number | null;
  note: string | null;
  reportedOn: string | null;
  standard: YearStandard | null;
  /** KPIs only; null when there is no value or no standard for the year. */
  rag: Rag | null;
  direction: Direction | null;
  /** Activity indicators with thresholds only. */
  range: RangePosition | null;
}

/** Rates one indicator for a period from its value and the previous period's (same kind). */
export function rateIndicator(
  indicator: Indicator,
  period: Period,
  value: IndicatorValue | null,
  previous: IndicatorValue | null,
): DashboardRow {
  const standard = standardFor(indicator, period.year);
  const row: DashboardRow = {
    indicator,
    period,
    value: value?.value ?? null,
    previousValue: previous?.value ?? null,
    note: value?.note ?? null,
    reportedOn: value?.reportedOn ?? null,
    standard,
    rag: null,
    direction: null,
    range: null,
  };
  if (value === null) return row;
  if (indicator.kind === 'activity') {
    if (standard && standard.lower !== null && standard.upper !== null) row.range = expectedRange(value.value, standard.lower, standard.upper);
    return row;
  }
  if (standard) {
    if (indicator.polarity === 'range') {
      if (standard.lower !== null && standard.upper !== null) {
        row.rag = ragRating({ polarity: 'range', value: value.value, lower: standard.lower, upper: standard.upper, floorLower: standard.floorLower, floorUpper: standard.floorUpper, ref: indicator.ref });
      }
    } else if (standard.target !== null) {
      row.rag = ragRating({ polarity: indicator.polarity, value: value.value, target: standard.target, floor: standard.floor, ref: indicator.ref });
    }
  }
  // Compare at the precision printed, so "100%" twice is stable however it was stored.
  const scale = 10 ** indicator.decimals;
  const r = (n: number) => Math.round(n * scale) / scale;
  row.direction = directionOfTravel(r(value.value), previous ? r(previous.value) : null, indicator.polarity, {
    lower: standard?.lower ?? undefined,
    upper: standard?.upper ?? undefined,
  });
  if (indicator.polarity === 'range' && (standard?.lower == null || standard?.upper == null)) row.direction = null;
  return row;
}

export interface Dashboard {
  period: Period;
  kpis: DashboardRow[];
  activity: DashboardRow[];
  /** Counts over the KPIs: Green/Amber/Red and improving/stable/falling, as the dashboards print them. */
  kpiSummary: DashboardSummary;
  /** Counts over the activity indicators: in expected range, above, below (and those without thresholds). */
  activitySummary: DashboardSummary;
}

// One collator each, made once: localeCompare with options builds a new one on every call (profiled: the
// dashboard page spent more time sorting 25 indicators than reading them).
const SERVICE_ORDER = new Intl.Collator();
const REF_ORDER = new Intl.Collator('en', { numeric: true });

function byRef(a: Indicator, b: Indicator): number {
  return SERVICE_ORDER.compare(a.serviceArea, b.serviceArea) || REF_ORDER.compare(a.ref, b.ref);
}

/** The dashboard for a period: every indicator rated from the values given (any periods; those needed are picked). */
export function buildDashboard(indicators: readonly Indicator[], values: readonly IndicatorValue[], period: Period): Dashboard {
  const prev = previousPeriod(period);
  const at = new Map<string, IndicatorValue>();
  for (const v of values) at.set(`${v.ref}\u0000${v.period}`, v);
  const rows = [...indicators].sort(byRef).map((i) =>
    rateIndicator(i, period, at.get(`${i.ref}\u0000${period.code}`) ?? null, at.get(`${i.ref}\u0000${prev.code}`) ?? null),
  );
  const kpis = rows.filter((r) => r.indicator.kind === 'kpi');
  const activity = rows.filter((r) => r.indicator.kind === 'activity');
  return { period, kpis, activity, kpiSummary: summariseDashboard(kpis), activitySummary: summariseDashboard(activity) };
}

const NUMBER_WORDS = ['none', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const count = (n: number) => (n <= 10 ? NUMBER_WORDS[n] : String(n));
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

/** The summary sentences a dashboard report opens with (Kent's wording, §2.6–2.7 of its dashboard reports). */
export function dashboardSentences(d: Dashboard): string[] {
  const k = d.kpiSummary;
  const out: string[] = [];
  const rated = k.green + k.amber + k.red;
  out.push(
    `Of the ${plural(k.total, 'Key Performance Indicator', 'Key Performance Indicators')} (KPIs), ${rated === k.total ? 'latest' : `${count(rated)} have results and latest`} performance is Green for ${count(k.green)}, Amber for ${count(k.amber)} and Red for ${count(k.red)}.`,
  );
  const dirTotal = k.improving + k.stable + k.falling;
  if (dirTotal > 0) {
    out.push(`Direction of travel shows ${count(k.improving)} improving, ${count(k.stable)} stable and ${count(k.falling)} showing lower results.`);
  }
  const a = d.activitySummary;
  const tracked = a.inExpectedRange + a.above + a.below;
  if (a.total > 0) {
    out.push(
      `Of the ${plural(a.total, 'activity indicator', 'activity indicators')}, ${tracked === 0 ? 'none has expected thresholds' : `${count(a.inExpectedRange)} ${a.inExpectedRange === 1 ? 'is' : 'are'} in the expected range, ${count(a.above)} above and ${count(a.below)} below`}.`,
    );
  }
  return out;
}

const FORMATS = new Map<number, Intl.NumberFormat>();
/** One formatter per number of decimals: building an Intl.NumberFormat per call is slow. */
export function numberFormat(decimals: number): Intl.NumberFormat {
  let f = FORMATS.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    FORMATS.set(decimals, f);
  }
  return f;
}

/** Formats a value as the dashboard prints it: "95%", "8.5 days", "1,312". */
export function formatIndicatorValue(value: number | null, indicator: Pick<Indicator, 'unit' | 'decimals'>): string {
  if (value === null) return 'No data';
  const n = numberFormat(indicator.decimals).format(value);
  const u = indicator.unit.trim();
  if (u === '%') return `${n}%`;
  if (u === '£') return `£${n}`;
  if (u === '' || u === 'number') return n;
  return `${n} ${u}`;
}

export const RAG_WORDS: Readonly<Record<Rag, string>> = { GREEN: 'Green', AMBER: 'Amber', RED: 'Red' };
export const DIRECTION_WORDS: Readonly<Record<Direction, string>> = { improving: 'Improving', stable: 'Stable', falling: 'Falling' };
