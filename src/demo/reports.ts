// Reports in the council's template (primer §5) as StructuredReport data, with performance dashboards and budget
// monitoring held as figures, and their layout as PDF blocks.
import { directionOfTravel, ragRating } from '../domain/rag.js';
import type { ExemptParagraph, StructuredReport } from '../domain/types.js';
import type { Block } from './pdf.js';
import { Rng } from './random.js';

export interface KpiRow {
  ref: string;
  description: string;
  polarity: 'higher' | 'lower';
  target: number;
  floor: number;
  previous: number;
  actual: number;
  rag: 'GREEN' | 'AMBER' | 'RED';
  direction: 'Improving' | 'Stable' | 'Falling';
  unit: '%' | 'days';
}

export interface BudgetLine {
  portfolio: string;
  /** £'000s */
  gross: number;
  income: number;
  net: number;
  variance: number;
  managementAction: number;
  revisedVariance: number;
  lastReported: number;
  movement: number;
}

/** The stored report: the template fields plus any figures it carries. */
export interface DemoReport extends StructuredReport {
  dashboard?: KpiRow[];
  budget?: BudgetLine[];
}

const KPI_DEFS: { ref: string; description: string; polarity: 'higher' | 'lower'; base: number; unit: '%' | 'days' }[] = [
  { ref: 'CS04', description: 'Percentage of child protection plans lasting two years or more', polarity: 'lower', base: 4, unit: '%' },
  { ref: 'CS08', description: 'Percentage of children in care in family-based placements', polarity: 'higher', base: 82, unit: '%' },
  { ref: 'EY12', description: 'Percentage of pupils offered their first-preference primary school', polarity: 'higher', base: 89, unit: '%' },
  { ref: 'ASC03', description: 'Percentage of adults in receipt of direct payments', polarity: 'higher', base: 27, unit: '%' },
  { ref: 'HT01', description: 'Percentage of routine pothole repairs completed within 28 days', polarity: 'higher', base: 88, unit: '%' },
  { ref: 'HT04', description: 'Average days to repair a street light fault', polarity: 'lower', base: 9, unit: 'days' },
  { ref: 'WM02', description: 'Percentage of household waste recycled or composted', polarity: 'higher', base: 47, unit: '%' },
  { ref: 'HR08', description: 'Average working days lost to sickness per employee (rolling year)', polarity: 'lower', base: 8, unit: 'days' },
  { ref: 'CC05', description: 'Percentage of complaints answered within 20 working days', polarity: 'higher', base: 84, unit: '%' },
  { ref: 'FN02', description: 'Percentage of undisputed invoices paid within 30 days', polarity: 'higher', base: 93, unit: '%' },
];

const round1 = (n: number) => Math.round(n * 10) / 10;

/** RAG against target and floor, honouring polarity: the domain's rule (primer §5). */
export function ragOf(k: Pick<KpiRow, 'polarity' | 'target' | 'floor' | 'actual'>): KpiRow['rag'] {
  return ragRating({ polarity: k.polarity, value: k.actual, target: k.target, floor: k.floor });
}

const DIRECTION_LABEL = { improving: 'Improving', stable: 'Stable', falling: 'Falling' } as const;

export function makeDashboard(rng: Rng, count: number): KpiRow[] {
  return rng.sample(KPI_DEFS, count).map((d) => {
    const sign = d.polarity === 'higher' ? 1 : -1;
    const spread = d.unit === '%' ? Math.max(2, d.base * 0.06) : Math.max(1, d.base * 0.15);
    const target = round1(d.base);
    const floor = round1(d.base - sign * spread);
    const actual = round1(d.base + sign * (rng.next() * 2.6 - 1.8) * spread);
    const previous = round1(actual + (rng.chance(0.25) ? 0 : (rng.next() - 0.5) * spread));
    const row = { ref: d.ref, description: d.description, polarity: d.polarity, target, floor, previous, actual, unit: d.unit };
    const direction = directionOfTravel(actual, previous, d.polarity, { tolerance: 0.05 }) ?? 'stable';
    return { ...row, rag: ragOf(row), direction: DIRECTION_LABEL[direction] };
  });
}

const PORTFOLIO_BUDGETS: [string, number][] = [
  ['Children, Young People and Education', 312_400],
  ['Adult Social Care and Public Health', 428_900],
  ['Highways and Transport', 118_700],
  ['Environment and Waste', 86_300],
  ['Economic Development', 24_600],
  ['Corporate and Democratic Services', 71_200],
  ['Finance and Business Support', 52_800],
];

/** Budget lines whose figures reconcile: net = gross − income; revised = variance + action; movement = revised − last. */
export function makeBudget(rng: Rng): BudgetLine[] {
  return PORTFOLIO_BUDGETS.map(([portfolio, base]) => {
    const gross = Math.round(base * (1.3 + rng.next() * 0.2));
    const net = Math.round(base * (0.97 + rng.next() * 0.06));
    const variance = Math.round(net * (rng.next() * 0.05 - 0.015));
    const managementAction = variance > 0 ? -Math.round(variance * rng.next() * 0.6) : 0;
    const revisedVariance = variance + managementAction;
    const lastReported = revisedVariance + Math.round((rng.next() - 0.5) * 900);
    return { portfolio, gross, income: gross - net, net, variance, managementAction, revisedVariance, lastReported, movement: revisedVariance - lastReported };
  });
}

const money = (n: number) => (n < 0 ? `-${Math.abs(n).toLocaleString('en-GB')}` : n.toLocaleString('en-GB'));
const kpiValue = (n: number, unit: KpiRow['unit']) => (unit === '%' ? `${n.toFixed(1)}%` : `${n.toFixed(1)} days`);

export function dashboardParagraphs(rows: KpiRow[]): string[] {
  const count = (rag: string) => rows.filter((r) => r.rag === rag).length;
  const dir = (d: string) => rows.filter((r) => r.direction === d).length;
  return [
    `Of the ${rows.length} indicators, ${count('GREEN')} are Green, ${count('AMBER')} Amber and ${count('RED')} Red; ${dir('Improving')} are improving, ${dir('Stable')} stable and ${dir('Falling')} falling compared with the previous quarter.`,
    ...rows.map((r) => `${r.ref} ${r.description}: target ${kpiValue(r.target, r.unit)}, floor ${kpiValue(r.floor, r.unit)}, previous ${kpiValue(r.previous, r.unit)}, latest ${kpiValue(r.actual, r.unit)} - ${r.rag}, ${r.direction}.`),
  ];
}

export function budgetParagraphs(lines: BudgetLine[]): string[] {
  const total = lines.reduce((s, l) => s + l.revisedVariance, 0);
  const net = lines.reduce((s, l) => s + l.net, 0);
  return [
    `Against a net revenue budget of £${money(net)}k the forecast variance after management action is £${money(total)}k (figures in £'000s).`,
    ...lines.map((l) => `${l.portfolio}: cash limit gross ${money(l.gross)}, income ${money(l.income)}, net ${money(l.net)}; forecast variance ${money(l.variance)}; management action ${money(l.managementAction)}; revised variance ${money(l.revisedVariance)}; last reported ${money(l.lastReported)}; movement ${money(l.movement)}.`),
    ...lines.filter((l) => Math.abs(l.revisedVariance) > 100).slice(0, 3).map((l) => `The variance of £${money(l.revisedVariance)}k in ${l.portfolio} is mainly due to ${l.revisedVariance > 0 ? 'higher than budgeted demand and price inflation in commissioned services' : 'vacancies held pending a restructure and additional grant income'}.`),
  ];
}

export interface ReportInput {
  subject: string;
  to: string;
  toDate: string | null;
  from: string[];
  summary: string;
  recommendations: string[];
  sections: { heading: string; paragraphs: string[] }[];
  exemptParagraphs: ExemptParagraph[];
  electoralDivisions: string | null;
  pathway: string | null;
  backgroundDocuments: string[];
  contact: { name: string; title: string; phone: string; email: string };
}

export function structuredReport(r: ReportInput): StructuredReport {
  return {
    from: r.from,
    to: r.to,
    toDate: r.toDate,
    subject: r.subject,
    classification: r.exemptParagraphs.length ? 'exempt' : 'unrestricted',
    exemptParagraphs: r.exemptParagraphs,
    pathway: r.pathway,
    electoralDivisions: r.electoralDivisions,
    summary: r.summary,
    recommendations: r.recommendations,
    sections: r.sections,
    backgroundDocuments: r.backgroundDocuments,
    contacts: [{ name: r.contact.name, title: r.contact.title, phone: r.contact.phone, email: r.contact.email }],
  };
}

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export function longDate(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${LONG_MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

export function classificationText(paragraphs: readonly number[]): string {
  if (!paragraphs.length) return 'Unrestricted';
  const list = paragraphs.join(' and ');
  return `Exempt - NOT FOR PUBLICATION by virtue of paragraph${paragraphs.length > 1 ? 's' : ''} ${list} of Part 1 of Schedule 12A of the Local Government Act 1972`;
}

/** The report laid out as the council's template prints it. */
export function reportBlocks(r: StructuredReport, councilName: string): Block[] {
  const blocks: Block[] = [{ text: councilName.toUpperCase(), style: 'title' }];
  blocks.push({ text: `From: ${r.from.join('; ')}`, style: 'body' });
  blocks.push({ text: `To: ${r.to}${r.toDate ? ` - ${longDate(r.toDate)}` : ''}`, style: 'body' });
  blocks.push({ text: `Subject: ${r.subject}`, style: 'bold' });
  blocks.push({ text: `Classification: ${classificationText(r.exemptParagraphs)}`, style: 'body' });
  if (r.pathway) blocks.push({ text: `Past Pathway of Paper: ${r.pathway}`, style: 'body' });
  if (r.electoralDivisions) blocks.push({ text: `Electoral Division: ${r.electoralDivisions}`, style: 'body' });
  blocks.push({ text: 'Summary:', style: 'heading' }, { text: r.summary });
  blocks.push({ text: 'Recommendation(s):', style: 'heading' });
  r.recommendations.forEach((rec, i) => blocks.push({ text: rec, label: `(${String.fromCharCode(97 + i)})` }));
  r.sections.forEach((s, i) => {
    blocks.push({ text: `${i + 1}. ${s.heading}`, style: 'heading' });
    s.paragraphs.forEach((p, j) => blocks.push({ text: p, label: `${i + 1}.${j + 1}` }));
  });
  blocks.push({ text: 'Background Documents', style: 'heading' });
  for (const d of r.backgroundDocuments.length ? r.backgroundDocuments : ['None']) blocks.push({ text: d });
  blocks.push({ text: 'Contact details', style: 'heading' });
  for (const c of r.contacts) blocks.push({ text: [c.name, c.title, c.phone, c.email].filter(Boolean).join(', ') });
  return blocks;
}

/** An appendix: a heading and paragraphs on pages of its own. */
export function appendixBlocks(title: string, paragraphs: string[]): Block[] {
  return [{ text: title, style: 'title' }, ...paragraphs.map((p) => ({ text: p }))];
}

/** A generator for one report's figures: the same seed gives the same report. */
export function reportRng(parts: (string | number)[]): Rng {
  let h = 2166136261;
  for (const ch of parts.join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return new Rng(h >>> 0);
}
