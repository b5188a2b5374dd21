// Reports in the council's template (primer §5) as StructuredReport data, with performance dashboards and budget
// monitoring held as figures, and their layout as PDF blocks.
import { directionOfTravel, ragRating } from '../domain/rag.js';
import type { ExemptParagraph, StructuredReport } from '../domain/types.js';
import type { Block } from './pdf.js';
import { Rng } from './random.js';
import { lowerFirst } from './wording.js';
import type { Topic, TopicCost } from './topics.js';

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

export interface ReportTable {
  caption: string;
  head: string[];
  rows: string[][];
  widths?: number[];
}

/** The stored report: the template fields, tables printed after a section's paragraphs, and any figures it carries. */
export interface DemoReport extends StructuredReport {
  sections: { heading: string; paragraphs: string[]; tables?: ReportTable[] }[];
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
  sections: DemoReport['sections'];
  exemptParagraphs: ExemptParagraph[];
  electoralDivisions: string | null;
  pathway: string | null;
  backgroundDocuments: string[];
  contact: { name: string; title: string; phone: string; email: string };
}

export function structuredReport(r: ReportInput): DemoReport {
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

/** The council's name across the top of a paper, as every paper the council prints begins. */
export function councilHeading(councilName: string): Block {
  return { text: councilName.toUpperCase(), style: 'title' };
}

/** The report laid out as the council's template prints it. */
export function reportBlocks(r: DemoReport, councilName: string): Block[] {
  const blocks: Block[] = [councilHeading(councilName)];
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
    for (const tb of s.tables ?? []) blocks.push({ text: tb.caption, table: { head: tb.head, rows: tb.rows, widths: tb.widths } });
  });
  // The template repeats the recommendations at the end of the report, where the decision-maker reads them last.
  blocks.push({ text: `${r.sections.length + 1}. Recommendation(s)`, style: 'heading' });
  r.recommendations.forEach((rec, i) => blocks.push({ text: rec, label: `(${String.fromCharCode(97 + i)})` }));
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

export interface SectionContext {
  topic: Topic;
  rng: Rng;
  summary: string;
  title: string;
  /** The meeting's date in the recent year; null in the older archive, whose papers carry no dates. */
  meetingDate: string | null;
  bodyName: string;
  authorTitle: string;
  portfolioTitle: string;
  /** Receives the figures a dashboard or budget report carries. */
  report: Partial<DemoReport>;
}

const pct = (n: number) => `${n}%`;
const k = (n: number) => `£${money(n)}k`;
/** An amount in £'000s as a report writes it in prose: "£400k", "£2.4m", "£48m", "£336m". */
export function cash(thousands: number): string {
  if (thousands < 1000) return `£${thousands}k`;
  const m = thousands / 1000;
  return `£${Number.isInteger(m) || m >= 100 ? Math.round(m) : m.toFixed(1).replace(/\.0$/, '')}m`;
}
/** "over three years", "in a full year": the period a cost is stated for. */
export function costPeriod(cost: TopicCost): string {
  return cost.period ?? (cost.years === 1 ? 'in one year' : `over ${NUMBER_WORDS[cost.years] ?? cost.years} years`);
}
const NUMBER_WORDS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A total split in proportion to weights, in whole numbers that add up to it. */
function shares(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((total * w) / sum));
  out[out.length - 1] += total - out.reduce((a, b) => a + b, 0);
  return out;
}
/** The cost's profile by year (front-loaded, as a programme spends, or even, as a contract is paid), split into capital and revenue. */
function costProfile(cost: TopicCost): { capital: number[]; revenue: number[] } {
  const weights = Array.from({ length: cost.years }, (_, i) => (cost.even ? 1 : cost.years - i + 1));
  const years = shares(cost.amount, weights);
  const capital = years.map((y) => Math.round(y * cost.capitalShare));
  return { capital, revenue: years.map((y, i) => y - capital[i]) };
}
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "March 2026" some months after the meeting, or "Month 3" in the undated archive. */
function monthAfter(date: string | null, months: number): string {
  if (!date) return `Month ${months}`;
  const m = Number(date.slice(5, 7)) - 1 + months;
  return `${MONTH_NAMES[m % 12]} ${Number(date.slice(0, 4)) + Math.floor(m / 12)}`;
}

const COMMENTARY: Record<KpiRow['rag'], string[]> = {
  GREEN: ['Performance has been sustained above target for the last four quarters.', 'The service expects to remain on target for the rest of the year.', 'This reflects the changes to the process introduced last year.'],
  AMBER: ['The service expects to return to target next quarter as vacancies are filled.', 'Seasonal demand explains part of the shortfall; the trend is being watched.', 'A review of the process has been commissioned and will report next quarter.'],
  RED: ['A recovery plan is in place and progress is reported monthly to the Corporate Director.', 'The shortfall reflects a sharp rise in demand; additional staff have been agreed.', 'The Cabinet Member has asked for a detailed report to the next Cabinet Committee.'],
};

// Measures reported over three years in reports for information, by portfolio (PORTFOLIOS' order).
const MEASURES: [string, number, string][][] = [
  [['Residents satisfied with the Council (%)', 61, '%'], ['Complaints upheld by the Ombudsman', 71, ''], ['Freedom of Information requests answered on time (%)', 90, '%'], ['Online transactions (thousands)', 1840, '']],
  [['Net revenue budget (£m)', 1096, ''], ['Savings delivered (£m)', 42, ''], ['Council tax collected (%)', 97.8, '%'], ['Invoices paid within 30 days (%)', 89, '%']],
  [['Children in care', 1642, ''], ['Education, Health and Care Plans', 16900, ''], ['Plans issued within 20 weeks (%)', 41, '%'], ['Pupils offered first-preference school (%)', 89, '%']],
  [['People receiving long-term support', 15840, ''], ['Care Act assessments completed', 11300, ''], ['People receiving direct payments (%)', 27, '%'], ['Delayed discharges per day', 58, '']],
  [['Pothole repairs completed', 41300, ''], ['Repairs within 28 days (%)', 88, '%'], ['Bus passenger journeys (millions)', 31, ''], ['Killed or seriously injured on roads', 612, '']],
  [['Household waste recycled (%)', 47.6, '%'], ['Residual waste per household (kg)', 512, ''], ['Rights of way easy to use (%)', 84, '%'], ['Properties better protected from flooding', 640, '']],
  [['Businesses supported', 312, ''], ['Jobs created or safeguarded', 1450, ''], ['Premises with gigabit broadband (%)', 81, '%'], ['Adults in skills programmes', 6240, '']],
  [['Staff (full-time equivalent)', 5968, ''], ['Sickness absence (days per employee)', 8.4, ''], ['Library visits (thousands)', 3920, ''], ['Council buildings (number)', 1140, '']],
];

// How each portfolio's business serves the Council's Strategic Statement (PORTFOLIOS' order).
const POLICY_CONTEXT = [
  'The Council\'s Strategic Statement commits it to securing the services residents rely on within a balanced budget, to working with partners across the county and to listening to residents before decisions are taken.',
  'The Medium Term Financial Plan requires the Council to set a balanced budget each year and to keep general reserves within the range the Corporate Director of Finance advises as prudent; every proposal is tested against it.',
  'The Strategic Statement\'s priority for children is that every child has a good school place and the support to achieve, and that children in care grow up safe, close to home and well prepared for adult life.',
  'The Council has statutory duties under the Care Act 2014 to meet eligible needs and to shape a sustainable market for care; its priority is to help people live independently at home for as long as possible.',
  'The Local Transport Plan sets the Council\'s priorities for highways and transport: a safe, well-maintained network, reliable journeys and better choices for travelling without a car.',
  'The Council is the waste disposal authority and lead local flood authority for the county, and has committed to net zero emissions from its own estate by 2030 and to support the county to reach net zero by 2050.',
  'The Strategic Statement\'s priority for the economy is more and better-paid jobs across the county, with the infrastructure and skills that businesses need to grow.',
  'The Council\'s Organisation Strategy aims for an efficient, modern council: fewer buildings used better, digital services residents can use at any time and a workforce that is well led and well supported.',
];

const REMIT: Record<string, RegExp> = { 'et-budget': /Highways|Environment|Economic/, 'pr-budget': /Corporate|Finance/ };

const LIKELIHOOD = ['Unlikely', 'Possible', 'Likely'];
const IMPACT = ['Minor', 'Moderate', 'Major'];
const MITIGATIONS = [
  'Monthly monitoring by the programme board, with exceptions reported to the Cabinet Member',
  'A contingency of 10 per cent held within the budget and released only by the Corporate Director',
  'Early engagement with partners and a named lead officer for each district',
  'Quarterly reports to the relevant Cabinet Committee and escalation through the corporate risk register',
  'Contract terms that share the risk with the provider and allow review after the first year',
];

/** The sections of a report, with tables, from its topic's facts and figures: several pages, as councils write them. */
export function topicSections(c: SectionContext): DemoReport['sections'] {
  const { topic, rng } = c;
  const facts = topic.facts;
  const sections: DemoReport['sections'] = [];
  if (topic.kind === 'dashboard') {
    const rows = makeDashboard(rng, 10);
    c.report.dashboard = rows;
    const [first] = dashboardParagraphs(rows);
    const reds = rows.filter((r) => r.rag === 'RED');
    sections.push({ heading: 'Introduction', paragraphs: [`${c.summary} Indicators are rated against their target (Green), their floor standard (Amber between the two) and below the floor (Red).`] });
    sections.push({ heading: 'Performance this quarter', paragraphs: [first, ...(reds.length ? reds.map((r) => `${r.ref} (${lowerFirst(r.description)}) is below its floor standard at ${kpiValue(r.actual, r.unit)}; the service has a recovery plan and reports monthly to the Corporate Director.`) : ['No indicator is below its floor standard this quarter.'])],
      tables: [{ caption: 'Table 1: Key performance indicators', head: ['Indicator', 'Target', 'Floor', 'Previous', 'Latest', 'RAG', 'Direction'], rows: rows.map((r) => [`${r.ref} ${r.description}`, kpiValue(r.target, r.unit), kpiValue(r.floor, r.unit), kpiValue(r.previous, r.unit), kpiValue(r.actual, r.unit), r.rag, r.direction]), widths: [0.37, 0.1, 0.1, 0.1, 0.1, 0.1, 0.13] }] });
    sections.push({ heading: 'Commentary on each indicator', paragraphs: rows.map((r) => `${r.ref} ${r.description}: ${kpiValue(r.actual, r.unit)} against a target of ${kpiValue(r.target, r.unit)} (${r.rag}, ${r.direction.toLowerCase()}). ${rng.pick(COMMENTARY[r.rag])}`) });
  } else if (topic.kind === 'budget') {
    // A Cabinet Committee's report covers the portfolios in its remit; the Cabinet's and the Council's, all of them.
    const remit = REMIT[topic.key];
    const lines = makeBudget(rng).filter((l) => !remit || remit.test(l.portfolio));
    c.report.budget = lines;
    const [first, , ...explained] = budgetParagraphs(lines);
    const total = lines.reduce((s, l) => s + l.revisedVariance, 0);
    sections.push({ heading: 'Introduction', paragraphs: [c.summary, ...(facts?.background ?? [])] });
    sections.push({ heading: 'Revenue budget', paragraphs: [first, ...lines.filter((l) => Math.abs(l.revisedVariance) > 100).slice(0, 3).map((l) => explained.find((e) => e.includes(l.portfolio)) ?? '')].filter(Boolean),
      tables: [{ caption: "Table 1: Revenue forecast by portfolio (£'000s)", head: ['Portfolio', 'Net budget', 'Forecast variance', 'Management action', 'Revised variance', 'Last reported', 'Movement'],
        rows: [...lines.map((l) => [l.portfolio, money(l.net), money(l.variance), money(l.managementAction), money(l.revisedVariance), money(l.lastReported), money(l.movement)]),
          ['Total', money(lines.reduce((s, l) => s + l.net, 0)), money(lines.reduce((s, l) => s + l.variance, 0)), money(lines.reduce((s, l) => s + l.managementAction, 0)), money(total), money(lines.reduce((s, l) => s + l.lastReported, 0)), money(lines.reduce((s, l) => s + l.movement, 0))]],
        widths: [0.22, 0.125, 0.125, 0.145, 0.13, 0.125, 0.13] }] });
    const projects = ['Highway structural maintenance', 'Basic Need: new primary places', 'Special school expansion', 'Waste transfer station', 'Modernisation of council buildings', 'Flood alleviation schemes'];
    const capRows = projects.map((p) => {
      const budget = rng.int(20, 420) * 100;
      const real = rng.chance(0.3) ? rng.int(-6, 9) * 10 : 0;
      const reph = rng.chance(0.5) ? -rng.int(1, 40) * 25 : 0;
      return [p, money(budget), money(real), money(reph), money(real + reph)];
    });
    sections.push({ heading: 'Capital programme', paragraphs: [`The capital programme for the year totals ${k(capRows.reduce((s, r) => s + Number(r[1].replace(/,/g, '')), 0))}. Re-phasing of projects into later years is shown separately from real variances, which are over- or underspends on a project as a whole; cash limits are adjusted for projects re-phased by more than £0.1m.`],
      tables: [{ caption: "Table 2: Capital programme variances (£'000s)", head: ['Project', 'Cash limit', 'Real variance', 'Re-phasing', 'Total variance'], rows: capRows, widths: [0.36, 0.16, 0.16, 0.16, 0.16] }] });
    const savings = rng.sample(['Review of learning disability packages', 'Home to school transport efficiencies', 'Office accommodation rationalisation', 'Digital customer services', 'Contract renegotiation', 'Income from fees and charges', 'Reduction in agency staff', 'Energy efficiency in buildings'], 6).map((name) => {
      const target = rng.int(4, 40) * 100;
      const forecast = Math.round(target * (0.6 + rng.next() * 0.4));
      return [name, money(target), money(forecast), forecast >= target * 0.95 ? 'GREEN' : forecast >= target * 0.75 ? 'AMBER' : 'RED'];
    });
    sections.push({ heading: 'Delivery of savings', paragraphs: ['The budget includes savings which are tracked each month; those forecast to fall short are reported below with the action being taken.'],
      tables: [{ caption: "Table 3: Savings delivery (£'000s)", head: ['Saving', 'Target', 'Forecast', 'RAG'], rows: savings, widths: [0.46, 0.18, 0.18, 0.18] }] });
    sections.push({ heading: 'Reserves and risks', paragraphs: [`General reserves stand at ${k(rng.int(36, 48) * 1000)}. The main risks to the forecast are demand for placements and care packages, the pay award and the inflation built into contracts.`] });
  } else if (topic.kind === 'work-programme') {
    const items = rng.sample(['Cabinet Member questions', 'Annual complaints report', 'School place planning', 'Home to school transport', 'Highways maintenance contract: first year', 'Flood risk management', 'Recruitment of social workers', 'Energy costs', 'Libraries service model', 'Children\'s mental health select committee: progress'], 6);
    sections.push({ heading: 'Introduction', paragraphs: [`${c.summary} Members may suggest items at any time; the Chairman, Vice-Chairman and group spokesmen agree the programme between meetings.`] });
    sections.push({ heading: 'The programme', paragraphs: ['Items are scheduled to meetings where the information will be available; the others are listed for a date to be agreed.'],
      tables: [{ caption: 'Table 1: Forthcoming items', head: ['Meeting', 'Item', 'Lead officer'], rows: items.map((it, i) => [i < 4 ? monthAfter(c.meetingDate, 1 + i * 2) : 'To be scheduled', it, rng.pick(['Corporate Director', 'Director of Highways and Transportation', 'Head of Performance and Analytics', 'Scrutiny Research Officer'])]), widths: [0.22, 0.5, 0.28] }] });
  } else if (topic.kind === 'application') {
    const site = c.title.replace(/^.* at /, '');
    sections.push(
      { heading: 'The site and the proposal', paragraphs: [`${site} lies ${rng.int(1, 4)} km from the nearest village. ${c.summary}`, `The applicant proposes working hours of 07:00 to 18:00 on weekdays and ${rng.int(60, 180)} heavy goods vehicle movements a day.`] },
      { heading: 'Consultations and representations', paragraphs: ['The local Member, the district council and the parish council have been consulted. National Highways raises no objection subject to a routeing agreement.'],
        tables: [{ caption: 'Table 1: Consultation responses', head: ['Consultee', 'Response'], rows: [['District council', rng.pick(['No objection', 'No objection subject to conditions', 'Objection: noise'])], ['Parish council', rng.pick(['Objection: traffic', 'No objection', 'Objection: hours of working'])], ['Environment Agency', 'No objection subject to conditions'], ['County highways', 'No objection subject to a routeing agreement'], ['Letters of objection', String(rng.int(3, 40))], ['Letters of support', String(rng.int(0, 6))]], widths: [0.4, 0.6] }] },
      { heading: 'Planning policy', paragraphs: ['The development plan comprises the Minerals and Waste Local Plan and the district local plan; the National Planning Policy Framework is a material consideration.'],
        tables: [{ caption: 'Table 2: Relevant policies', head: ['Policy', 'Subject', 'Assessment'], rows: rng.sample([['CSM 2', 'Supply of land-won minerals', 'Complies'], ['CSW 4', 'Strategy for waste management capacity', 'Complies'], ['DM 1', 'Sustainable design', 'Complies subject to conditions'], ['DM 11', 'Health and amenity', 'Complies subject to conditions'], ['DM 13', 'Transportation of minerals and waste', 'Complies with a routeing agreement'], ['DM 19', 'Restoration, aftercare and after-use', 'Complies'], ['NPPF 11', 'Making effective use of land', 'Complies'], ['NPPF 15', 'Conserving the natural environment', 'Complies; biodiversity net gain of 10 per cent']], 5), widths: [0.15, 0.45, 0.4] }] },
      { heading: 'Discussion', paragraphs: ['The proposal accords with the Minerals and Waste Local Plan. The impacts on amenity can be controlled by conditions on hours, noise limits and dust suppression.', `A noise limit of ${rng.int(45, 55)} dB LAeq at the nearest dwellings is proposed, with monitoring reported to the Council every quarter.`, 'The objections raised have been considered; none outweighs the need for the development or the compliance of the proposal with the development plan, subject to the conditions below.'] },
      { heading: 'Conditions', paragraphs: ['Permission is recommended subject to conditions covering:', ...rng.sample(['the standard time limit of three years', 'development in accordance with the approved plans', 'hours of operation', 'noise limits at the nearest dwellings and monitoring', 'a dust management scheme', 'the number and routeing of heavy goods vehicles', 'wheel washing and the cleaning of the highway', 'external lighting', 'a scheme of landscaping and its maintenance', 'protection of nesting birds and a biodiversity net gain plan', 'a surface water drainage scheme', 'archaeological investigation before works begin'], 8)] },
    );
  } else if (topic.key === 'internal-audit') {
    const audits = rng.sample(['Direct payments', 'Payroll', 'Schools financial value standard', 'Fleet fuel cards', 'Highways contract payments', 'Cyber security', 'Blue badge scheme', 'Care leavers\' allowances', 'Procurement cards', 'Business continuity'], 6);
    sections.push({ heading: 'Progress against the plan', paragraphs: [`${c.summary} ${rng.int(45, 70)} per cent of the plan has been delivered at this point of the year.`],
      tables: [{ caption: 'Table 1: Audits completed since the last meeting', head: ['Audit', 'Assurance', 'High priority issues', 'Agreed actions'], rows: audits.map((a) => [a, rng.pick(['Substantial', 'Adequate', 'Adequate', 'Limited']), String(rng.int(0, 3)), String(rng.int(2, 9))]), widths: [0.4, 0.2, 0.2, 0.2] }] });
  } else if (topic.key === 'enforcement') {
    const sites = rng.sample(['Foxley Quarry', 'Redwater Sand Pit', 'Lowmoor scrapyard', 'Northwold Gravel Workings', 'Saltmarsh Landfill', 'Ickfield farm'], 4);
    sections.push({ heading: 'Cases', paragraphs: [c.summary],
      tables: [{ caption: 'Table 1: Enforcement cases', head: ['Site', 'Breach', 'Action'], rows: sites.map((s2) => [s2, rng.pick(['Working outside permitted hours', 'Stockpiles above permitted height', 'Unauthorised waste imports', 'Restoration behind schedule']), rng.pick(['Breach of condition notice served', 'Monitoring visits monthly', 'Resolved', 'Enforcement notice under appeal'])]), widths: [0.3, 0.35, 0.35] }] });
  } else {
    sections.push({ heading: 'Introduction', paragraphs: [c.summary, `This report has been prepared by the ${c.authorTitle} in consultation with the ${c.portfolioTitle}.`] });
    sections.push({ heading: 'Background', paragraphs: facts?.background.length ? facts.background : ['Members asked for this report when the matter was last considered.'] });
    sections.push({ heading: 'Policy context', paragraphs: [POLICY_CONTEXT[topic.portfolio] ?? POLICY_CONTEXT[0], rng.pick(['The proposals have been discussed with the Corporate Management Team and with the Cabinet Member, whose comments are reflected in the report.', 'Partners, including the district councils, the NHS and the voluntary sector, have been involved in developing the proposals.', 'The report responds to the issues raised by Members when the matter was last considered.'])] });
  }
  // Options, consultation, risks and a timetable, for business on which the body decides or comments.
  if (facts && topic.kind === 'report' && !/NOTE/.test(topic.recommendation.slice(0, 4))) {
    // Costs and their period come from the topic's facts (which the background states); a proposal without one is
    // met within budget, never given a made-up figure.
    const cost = facts.cost;
    const period = cost ? costPeriod(cost) : '';
    sections.push({ heading: 'Options considered', paragraphs: ['Three options were appraised against the Council\'s priorities, their cost and their deliverability.'],
      tables: [cost ? { caption: 'Table 1: Options appraisal', head: ['Option', `Cost ${period}`, 'Assessment'], rows: [
        ['1. Do nothing: continue the present arrangements', '-', 'Not recommended: the pressures described above would continue to grow'],
        ['2. The proposal in this report', cash(cost.amount), 'Recommended: meets the objectives at the lowest whole-life cost'],
        [`3. A phased approach over ${cost.years + rng.int(1, 3)} years`, cash(Math.round(cost.amount * (1.1 + rng.next() * 0.2))), 'Not recommended: costs more in total and delays the benefits'],
      ], widths: [0.38, 0.2, 0.42] } : { caption: 'Table 1: Options appraisal', head: ['Option', 'Assessment'], rows: [
        ['1. Do nothing: continue the present arrangements', 'Not recommended: the pressures described above would continue to grow'],
        ['2. The proposal in this report', 'Recommended: meets the objectives within the approved budget'],
        ['3. A phased approach over two or three years', 'Not recommended: delays the benefits without saving money'],
      ], widths: [0.45, 0.55] }] });
    const groups = ['Residents', 'Parish and town councils', 'Businesses and employers', 'Voluntary and community groups', 'Staff'];
    // Where the facts give the number of consultation responses, the table adds up to it.
    const stated = /drew ([\d,]+) responses/.exec(facts.background.join(' '));
    const weights = groups.map(() => rng.int(8, 900));
    const counts = stated ? shares(Number(stated[1].replace(/,/g, '')), weights) : weights;
    const responses = counts.reduce((a, b) => a + b, 0);
    sections.push({ heading: 'Consultation and engagement', paragraphs: [`Consultation ran for ${rng.int(6, 12)} weeks and drew ${responses.toLocaleString('en-GB')} responses. The responses by group are shown below; the full analysis is available from the contact officer.`],
      tables: [{ caption: 'Table 2: Consultation responses', head: ['Respondent', 'Responses', 'Agree', 'Disagree'], rows: groups.map((g, i) => { const a = rng.int(35, 80); return [g, counts[i].toLocaleString('en-GB'), pct(a), pct(rng.int(5, 100 - a))]; }), widths: [0.4, 0.2, 0.2, 0.2] }] });
    const risks = [...facts.risks, rng.pick(['Delay in procurement or recruitment pushes back the timetable', 'Costs rise with inflation beyond the contingency'])];
    sections.push({ heading: 'Risks', paragraphs: ['The main risks and the measures to manage them are set out below; they are recorded in the directorate risk register.'],
      tables: [{ caption: 'Table 3: Risks', head: ['Risk', 'Likelihood', 'Impact', 'Mitigation'], rows: risks.map((r) => [r, rng.pick(LIKELIHOOD), rng.pick(IMPACT), rng.pick(MITIGATIONS)]), widths: [0.32, 0.13, 0.12, 0.43] }] });
    sections.push({ heading: 'Timetable', paragraphs: ['Subject to the decision, the work would proceed as follows.'],
      tables: [{ caption: 'Table 4: Timetable', head: ['Milestone', 'By'], rows: [['Decision published and call-in period ends', monthAfter(c.meetingDate, 0)], ['Detailed plans agreed with partners', monthAfter(c.meetingDate, 2)], ['Implementation begins', monthAfter(c.meetingDate, 4)], ['First progress report to the Cabinet Committee', monthAfter(c.meetingDate, 9)]], widths: [0.65, 0.35] }] });
    if (cost) {
      const profile = costProfile(cost);
      const funded = cost.capitalShare >= 1 ? 'met from the capital programme' : cost.capitalShare <= 0 ? 'met from the approved revenue budget of the portfolio' : 'met from the approved budget of the portfolio and the capital programme';
      const heads = cost.years > 1 ? profile.capital.map((_, i) => `Year ${i + 1}`) : [cost.period ? capitalise(cost.period.replace(/^(in|over) (the )?/, '')) : 'Year 1'];
      const row = (label: string, values: number[]) => [label, ...values.map(money), ...(cost.years > 1 ? [money(values.reduce((a, b) => a + b, 0))] : [])];
      const rows = [...(cost.capitalShare > 0 ? [row('Capital', profile.capital)] : []), ...(cost.capitalShare < 1 ? [row('Revenue', profile.revenue)] : [])];
      const n = heads.length + (cost.years > 1 ? 1 : 0);
      sections.push({ heading: 'Financial Implications', paragraphs: [`The proposal costs ${cash(cost.amount)} ${period}, profiled as below and ${funded}.`],
        tables: [{ caption: "Table 5: Cost profile (£'000s)", head: ['', ...heads, ...(cost.years > 1 ? ['Total'] : [])], rows, widths: [0.2, ...Array.from({ length: n }, () => 0.8 / n)] }] });
    } else {
      sections.push({ heading: 'Financial Implications', paragraphs: ['The proposals are met within the approved budget of the portfolio; they need no additional money.'] });
    }
  } else if (topic.kind !== 'budget') {
    if (topic.kind === 'report') {
      const measures = MEASURES[topic.portfolio] ?? MEASURES[0];
      const fmt = (n: number, unit: string) => (unit === '%' || n < 100 ? `${n.toFixed(1)}${unit}` : Math.round(n).toLocaleString('en-GB'));
      const rows = measures.map(([name, base, unit]) => {
        const drift = () => 1 + (rng.next() - 0.5) * 0.12;
        const two = base * drift();
        const one = two * drift();
        return [name, fmt(two, unit), fmt(one, unit), fmt(base * drift(), unit)];
      });
      sections.push({ heading: 'The position in figures', paragraphs: [`The table shows the measures of the ${c.portfolioTitle.replace(/^.*Cabinet Member for /, '').replace(/^Leader of the Council$/, 'Council as a whole')} portfolio most relevant to this report over the last three years.`],
        tables: [{ caption: 'Table 1: Key measures', head: ['Measure', 'Two years ago', 'Last year', 'This year'], rows, widths: [0.46, 0.18, 0.18, 0.18] }] });
      if (facts?.risks.length) {
        sections.push({ heading: 'Risks', paragraphs: ['The main risks are recorded in the directorate risk register.'],
          tables: [{ caption: 'Table 2: Risks', head: ['Risk', 'Likelihood', 'Impact', 'Mitigation'], rows: facts.risks.map((r) => [r, rng.pick(LIKELIHOOD), rng.pick(IMPACT), rng.pick(MITIGATIONS)]), widths: [0.32, 0.13, 0.12, 0.43] }] });
      }
      sections.push({ heading: 'Next steps', paragraphs: [rng.pick([`A further report will come to the ${c.bodyName} in twelve months.`, 'Progress will be reported through the quarterly performance report.', 'Members\' comments will be reported to the Cabinet Member before any decision is taken.'])] });
    }
    sections.push({ heading: 'Financial Implications', paragraphs: ['There are no financial implications arising directly from this report.'] });
  }
  sections.push(
    { heading: 'Legal Implications', paragraphs: [rng.pick(['The General Counsel has been consulted and there are no legal implications beyond those set out in the report.', 'The Council has the powers it needs under the general power of competence (Localism Act 2011, section 1) and the specific duties described in the report.', 'Legal advice has been taken on the procurement and on the Council\'s statutory duties; it is reflected in the recommendations.'])] },
    { heading: 'Equality Implications', paragraphs: [rng.pick(['An Equality Impact Assessment has been completed and no adverse impact was identified.', 'An Equality Impact Assessment is available from the contact officer; mitigation is proposed for older residents and disabled people.', 'The Equality Impact Assessment identifies a possible adverse impact on people on low incomes, which the proposal mitigates as described in the report.'])] },
  );
  return sections;
}
