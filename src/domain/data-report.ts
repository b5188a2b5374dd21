// What a dashboard or budget report looks like on paper and on screen: tables of cells (RAG always as a word as
// well as a colour; arrows always with words) and charts with a text equivalent. One model, so the pack (src/pack)
// and the web pages (src/web) print the same figures.
import {
  CAPITAL_HEADINGS,
  formatThousands,
  REVENUE_COLUMNS,
  REVENUE_HEADINGS,
  CAPITAL_COLUMNS,
  type BudgetRules,
  type CapitalRow,
  type CapitalTotals,
  type RevenueRow,
  type RevenueTotals,
} from './budget.js';
import {
  dashboardSentences,
  DIRECTION_WORDS,
  formatIndicatorValue,
  parsePeriod,
  RAG_WORDS,
  type Dashboard,
  type DashboardRow,
} from './indicators.js';
import { formatMoney } from './money.js';
import { DIRECTION_SYMBOLS, type Rag } from './rag.js';

export interface ReportCell {
  text: string;
  /** A RAG cell: the word is the text, the colour is extra. */
  rag?: Rag;
  /** Right-aligned figure. */
  numeric?: boolean;
  /** The arrow printed before the text of a direction-of-travel cell. */
  arrow?: string;
  strong?: boolean;
}

export interface ReportTable {
  caption: string;
  headers: string[];
  rows: ReportCell[][];
  /** Last row is a total (printed bold, with a rule above). */
  totalRow?: boolean;
  notes?: string[];
}

export interface LineChart {
  kind: 'line';
  title: string;
  unit: string;
  points: { label: string; value: number }[];
  target: number | null;
  floor: number | null;
  /** The chart in words, for a screen reader and the pack's alternative text. */
  description: string;
}

export interface BarChart {
  kind: 'bars';
  title: string;
  unit: string;
  bars: { label: string; value: number }[];
  description: string;
}

export type ReportChart = LineChart | BarChart;

export interface DataReportModel {
  title: string;
  subtitle: string;
  sentences: string[];
  tables: ReportTable[];
  charts: ReportChart[];
  draft: boolean;
}

const cell = (text: string, extra: Partial<ReportCell> = {}): ReportCell => ({ text, ...extra });

function directionCell(r: DashboardRow): ReportCell {
  if (!r.direction) return cell(r.value === null ? 'No data' : 'No previous result');
  return cell(DIRECTION_WORDS[r.direction], { arrow: DIRECTION_SYMBOLS[r.direction] });
}

function targetText(r: DashboardRow): string {
  const s = r.standard;
  if (!s) return 'None set';
  if (r.indicator.polarity === 'range' && s.lower !== null && s.upper !== null) {
    return `${formatIndicatorValue(s.lower, r.indicator)} to ${formatIndicatorValue(s.upper, r.indicator)}`;
  }
  return s.target === null ? 'None set' : formatIndicatorValue(s.target, r.indicator);
}

function floorText(r: DashboardRow): string {
  const s = r.standard;
  if (!s) return 'None set';
  if (r.indicator.polarity === 'range') {
    return s.floorLower !== null || s.floorUpper !== null ? `${formatIndicatorValue(s.floorLower ?? s.lower, r.indicator)} to ${formatIndicatorValue(s.floorUpper ?? s.upper, r.indicator)}` : 'None set';
  }
  return s.floor === null ? 'None set' : formatIndicatorValue(s.floor, r.indicator);
}

/** The dashboard of a period: a KPI table per service area, an activity table, and a trend chart per KPI. */
export function dashboardModel(d: Dashboard, history: ReadonlyMap<string, readonly { period: string; value: number }[]>, options: { draft?: boolean } = {}): DataReportModel {
  const tables: ReportTable[] = [];
  const areas = [...new Set([...d.kpis, ...d.activity].map((r) => r.indicator.serviceArea))];
  for (const area of areas) {
    const kpis = d.kpis.filter((r) => r.indicator.serviceArea === area);
    if (kpis.length) {
      const owner = kpis[0].indicator;
      tables.push({
        caption: `${area}: Key Performance Indicators, ${d.period.label}`,
        headers: ['Ref', 'Indicator', 'Result', 'RAG', 'Direction of travel', 'Previous', 'Target', 'Floor standard'],
        rows: kpis.map((r) => [
          cell(r.indicator.ref, { strong: true }),
          cell(r.indicator.description),
          cell(formatIndicatorValue(r.value, r.indicator), { numeric: true }),
          r.rag ? cell(RAG_WORDS[r.rag], { rag: r.rag }) : cell(r.value === null ? 'No data' : 'Not rated'),
          directionCell(r),
          cell(formatIndicatorValue(r.previousValue, r.indicator), { numeric: true }),
          cell(targetText(r), { numeric: true }),
          cell(floorText(r), { numeric: true }),
        ]),
        notes: [
          ...(owner.director || owner.cabinetMember ? [`Director: ${owner.director ?? 'not named'}; Cabinet Member: ${owner.cabinetMember ?? 'not named'}.`] : []),
          ...kpis.filter((r) => r.note).map((r) => `${r.indicator.ref}: ${r.note}`),
        ],
      });
    }
  }
  if (d.activity.length) {
    tables.push({
      caption: `Activity indicators, ${d.period.label}`,
      headers: ['Ref', 'Indicator', 'Result', 'In expected range', 'Lower threshold', 'Upper threshold', 'Previous'],
      rows: d.activity.map((r) => [
        cell(r.indicator.ref, { strong: true }),
        cell(r.indicator.description),
        cell(formatIndicatorValue(r.value, r.indicator), { numeric: true }),
        cell(r.range === 'In expected range' ? 'Yes' : r.range ?? (r.value === null ? 'No data' : 'No thresholds')),
        cell(r.standard?.lower == null ? '' : formatIndicatorValue(r.standard.lower, r.indicator), { numeric: true }),
        cell(r.standard?.upper == null ? '' : formatIndicatorValue(r.standard.upper, r.indicator), { numeric: true }),
        cell(formatIndicatorValue(r.previousValue, r.indicator), { numeric: true }),
      ]),
      notes: d.activity.filter((r) => r.note).map((r) => `${r.indicator.ref}: ${r.note}`),
    });
  }
  const s = d.kpiSummary;
  tables.unshift({
    caption: `Summary, ${d.period.label}`,
    headers: ['', 'Green', 'Amber', 'Red', 'Improving', 'Stable', 'Falling'],
    rows: [[cell('Key Performance Indicators', { strong: true }), ...[s.green, s.amber, s.red, s.improving, s.stable, s.falling].map((n) => cell(String(n), { numeric: true }))]],
  });
  const charts: ReportChart[] = d.kpis.filter((r) => (history.get(r.indicator.ref)?.length ?? 0) > 0).map((r) => trendChart(r, history.get(r.indicator.ref)!));
  return { title: `Performance dashboard: ${d.period.label}`, subtitle: `${s.total} Key Performance Indicators and ${d.activitySummary.total} activity indicators`, sentences: dashboardSentences(d), tables, charts, draft: !!options.draft };
}

function shortPeriod(code: string): string {
  const p = parsePeriod(code);
  if (p.kind === 'quarter') return code.replace(/^(\d{4})-(\d{2}) Q(\d)$/, 'Q$3 $1-$2');
  if (p.kind === 'month') return p.label.replace(/^(\w{3})\w* /, '$1 ');
  return code;
}

export function trendChart(r: Pick<DashboardRow, 'indicator' | 'standard'>, points: readonly { period: string; value: number }[]): LineChart {
  const i = r.indicator;
  const pts = points.map((p) => ({ label: shortPeriod(p.period), value: p.value }));
  const target = r.standard?.target ?? null;
  const floor = r.standard?.floor ?? null;
  const words = pts.map((p) => `${p.label}: ${formatIndicatorValue(p.value, i)}`).join('; ');
  return {
    kind: 'line',
    title: `${i.ref} ${i.description}`,
    unit: i.unit,
    points: pts,
    target,
    floor,
    description: `Trend of ${i.ref} over ${pts.length} period${pts.length === 1 ? '' : 's'} (${i.polarity === 'lower' ? 'lower' : 'higher'} is better${target !== null ? `; target ${formatIndicatorValue(target, i)}` : ''}${floor !== null ? `, floor ${formatIndicatorValue(floor, i)}` : ''}): ${words}.`,
  };
}

const k = (p: number | null) => formatThousands(p);
const money = (p: number) => formatMoney(p, { unit: 'thousands', decimals: Math.abs(p) % 100_000 === 0 ? 0 : 1 });

export function revenueModel(title: string, periodLabel: string, rows: readonly RevenueRow[], totals: RevenueTotals, rules: BudgetRules, options: { draft?: boolean } = {}): DataReportModel {
  const cols = REVENUE_COLUMNS.filter((c) => rows.some((r) => r.kind === 'line' && r.figures[c] !== null));
  const tableRows: ReportCell[][] = [];
  for (const p of totals.portfolios) {
    for (const r of p.lines) tableRows.push([cell(p.portfolio), cell(r.line), ...cols.map((c) => cell(k(r.figures[c]), { numeric: true }))]);
    if (totals.portfolios.length > 1) tableRows.push([cell(p.portfolio, { strong: true }), cell(`Total ${p.portfolio}`, { strong: true }), ...cols.map((c) => cell(k(p.total[c]), { numeric: true, strong: true }))]);
  }
  tableRows.push([cell('All portfolios', { strong: true }), cell('Total', { strong: true }), ...cols.map((c) => cell(k(totals.total[c]), { numeric: true, strong: true }))]);
  const explain = rows.filter((r) => r.kind === 'line' && r.narrative?.trim());
  const tv = totals.total.revisedVariance ?? totals.total.forecastVariance;
  const sentences = [
    `${totals.total.net !== null ? `Against a net revenue budget of ${money(totals.total.net)}, the` : 'The'} forecast variance after management action is ${tv === null ? 'not given' : `${money(tv)} (${tv > 0 ? 'an overspend' : tv < 0 ? 'an underspend' : 'balanced'})`}${totals.total.movement !== null ? `, a movement of ${money(totals.total.movement)} since the last report` : ''}.`,
    `Variances and movements over ${formatMoney(rules.narrativeThreshold, { unit: 'thousands' })} are explained below. Figures are in £'000s; totals are computed from the lines.`,
  ];
  const byPortfolio = new Map<string, number>();
  for (const p of totals.portfolios) byPortfolio.set(p.portfolio, p.total.revisedVariance ?? p.total.forecastVariance ?? 0);
  const bars = [...byPortfolio].map(([label, value]) => ({ label, value: value / 100_000 }));
  return {
    title,
    subtitle: periodLabel,
    sentences,
    draft: !!options.draft,
    tables: [
      {
        caption: `Revenue budget monitoring, ${periodLabel} (£'000s)`,
        headers: ['Portfolio', 'Budget line', ...cols.map((c) => REVENUE_HEADINGS[c])],
        rows: tableRows,
        totalRow: true,
        notes: explain.map((r) => `${r.line} (${k(r.figures.revisedVariance ?? r.figures.forecastVariance)}): ${r.narrative}`),
      },
    ],
    charts: [
      {
        kind: 'bars',
        title: `Revised variance by portfolio, ${periodLabel} (£'000s)`,
        unit: "£'000s",
        bars,
        description: `Revised variance by portfolio in £'000s (positive is an overspend): ${bars.map((b) => `${b.label} ${formatThousands(Math.round(b.value * 100_000))}`).join('; ')}.`,
      },
    ],
  };
}

export function capitalModel(title: string, periodLabel: string, rows: readonly CapitalRow[], years: readonly string[], totals: CapitalTotals, rules: BudgetRules, options: { draft?: boolean } = {}): DataReportModel {
  const cols = CAPITAL_COLUMNS.filter((c) => rows.some((r) => r.kind === 'line' && r.figures[c] !== null));
  const tableRows: ReportCell[][] = [];
  for (const p of totals.portfolios) {
    for (const r of p.lines) tableRows.push([cell(p.portfolio), cell(r.line), ...years.map((y) => cell(k(r.cashLimits[y] ?? null), { numeric: true })), ...cols.map((c) => cell(k(r.figures[c]), { numeric: true }))]);
    if (totals.portfolios.length > 1) tableRows.push([cell(p.portfolio, { strong: true }), cell(`Total ${p.portfolio}`, { strong: true }), ...years.map((y) => cell(k(p.cashLimits[y] ?? null), { numeric: true, strong: true })), ...cols.map((c) => cell(k(p.total[c]), { numeric: true, strong: true }))]);
  }
  tableRows.push([cell('All portfolios', { strong: true }), cell('Total', { strong: true }), ...years.map((y) => cell(k(totals.cashLimits[y] ?? null), { numeric: true, strong: true })), ...cols.map((c) => cell(k(totals.total[c]), { numeric: true, strong: true }))]);
  const explain = rows.filter((r) => r.kind === 'line' && r.narrative?.trim());
  const t = totals.total;
  const bars = totals.portfolios.map((p) => ({ label: p.portfolio, value: (p.total.variance ?? 0) / 100_000 }));
  return {
    title,
    subtitle: periodLabel,
    draft: !!options.draft,
    sentences: [
      `The capital programme shows a total variance of ${t.variance === null ? 'not given' : money(t.variance)}${t.realVariance !== null ? `, of which ${money(t.realVariance)} is real variance` : ''}${t.rephasing !== null ? ` and ${money(t.rephasing)} re-phasing between years` : ''}.`,
      `Projects with real variance or re-phasing over ${formatMoney(rules.narrativeThreshold, { unit: 'thousands' })}, or a changed cash limit, are explained below. Figures are in £'000s; totals are computed from the lines.`,
    ],
    tables: [
      {
        caption: `Capital budget monitoring, ${periodLabel} (£'000s)`,
        headers: ['Portfolio', 'Project', ...years.map((y) => `Cash limit ${y}`), ...cols.map((c) => CAPITAL_HEADINGS[c])],
        rows: tableRows,
        totalRow: true,
        notes: explain.map((r) => `${r.line} (real ${k(r.figures.realVariance)}, re-phasing ${k(r.figures.rephasing)}): ${r.narrative}`),
      },
    ],
    charts: [
      {
        kind: 'bars',
        title: `Capital variance by portfolio, ${periodLabel} (£'000s)`,
        unit: "£'000s",
        bars,
        description: `Total capital variance by portfolio in £'000s (negative is an underspend or spend moved to later years): ${bars.map((b) => `${b.label} ${formatThousands(Math.round(b.value * 100_000))}`).join('; ')}.`,
      },
    ],
  };
}
