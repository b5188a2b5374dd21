// The demonstration council's performance and budget figures (issue 14): about 25 indicators over four quarters,
// and a year of monthly revenue budget monitoring (with capital at each quarter's end). They go in through the same
// import as a council's files. One month's first file has a total that does not add up: publication refuses it,
// and the clerk's corrected file becomes version 2 and is published. The latest quarter's dashboard and the latest
// budget report are attached to the Cabinet items that present them.
import { formatThousands } from '../domain/budget.js';
import { financialYear, monthPeriod, quarterPeriod, type Period } from '../domain/indicators.js';
import type { Actor } from '../domain/types.js';
import { importDataFile, toCsv } from '../services/data-files.js';
import { attachDataSet, itemsForReports, publishDataSet, PublicationRefused } from '../services/data.js';
import type { Store } from '../services/seed.js';
import { Rng } from './random.js';
import { TOPICS } from './topics.js';

interface Def {
  ref: string;
  description: string;
  area: string;
  director: string;
  member: string;
  kind: 'kpi' | 'activity';
  polarity: 'higher' | 'lower';
  unit: string;
  decimals: number;
  target: number;
  floor: number;
  base: number;
  spread: number;
}

const AREAS: Record<string, [string, string]> = {
  'Customer Services': ['Amanda Price', 'Cllr Susan Hale'],
  'Children, Young People and Education': ['Matthew Dunn', 'Cllr Roger Gough'],
  'Adult Social Care': ['Richard Smith', 'Cllr Clair Bell'],
  'Highways and Transport': ['Barbara Cooper', 'Cllr David Brazier'],
  'Environment and Waste': ['Barbara Cooper', 'Cllr Susan Carey'],
  'Finance and Corporate Services': ['Zena Cooke', 'Cllr Peter Oakford'],
};

const k = (ref: string, description: string, area: string, polarity: 'higher' | 'lower', unit: string, target: number, floor: number, base: number, spread: number, decimals = 0): Def => ({
  ref, description, area, director: AREAS[area][0], member: AREAS[area][1], kind: 'kpi', polarity, unit, decimals, target, floor, base, spread,
});
const a = (ref: string, description: string, area: string, unit: string, lower: number, upper: number, base: number, spread: number): Def => ({
  ref, description, area, director: AREAS[area][0], member: AREAS[area][1], kind: 'activity', polarity: 'higher', unit, decimals: 0, target: lower, floor: upper, base, spread,
});

const DEFS: Def[] = [
  k('CS04', 'Percentage of calls to Contact Point answered', 'Customer Services', 'higher', '%', 95, 80, 94, 4),
  k('CS05', 'Percentage of calls to Contact Point answered in 40 seconds', 'Customer Services', 'higher', '%', 80, 70, 78, 6),
  k('CS07', 'Percentage of complaints responded to within timescale', 'Customer Services', 'higher', '%', 85, 75, 84, 5),
  a('CS08', 'Number of calls answered by Contact Point (000s)', 'Customer Services', 'calls (000s)', 170, 215, 190, 25),
  a('CS12', 'Number of visits to the council website (000s)', 'Customer Services', 'visits (000s)', 1100, 1300, 1220, 120),
  k('CY01', 'Percentage of pupils offered their first-preference primary school', 'Children, Young People and Education', 'higher', '%', 90, 85, 89, 3),
  k('CY04', 'Percentage of Education, Health and Care Plans issued within 20 weeks', 'Children, Young People and Education', 'higher', '%', 60, 45, 52, 10),
  k('CY07', 'Percentage of children in care in family-based placements', 'Children, Young People and Education', 'higher', '%', 85, 80, 83, 3),
  k('CY09', 'Percentage of child protection plans lasting two years or more', 'Children, Young People and Education', 'lower', '%', 3, 5, 3.5, 1.5, 1),
  a('CY12', 'Number of children in care', 'Children, Young People and Education', 'children', 1550, 1750, 1660, 90),
  k('AS01', 'Percentage of adults in receipt of direct payments', 'Adult Social Care', 'higher', '%', 28, 24, 26.5, 2.5, 1),
  k('AS03', 'Percentage of older people at home 91 days after reablement', 'Adult Social Care', 'higher', '%', 85, 80, 83, 4),
  k('AS05', 'Permanent admissions to residential care per 100,000 people aged 65+', 'Adult Social Care', 'lower', 'per 100,000', 550, 620, 580, 60),
  a('AS08', 'Number of contacts resolved at first point of contact', 'Adult Social Care', 'contacts', 9000, 11000, 10200, 1200),
  k('HT01', 'Percentage of routine pothole repairs completed within 28 days', 'Highways and Transport', 'higher', '%', 90, 80, 88, 6),
  k('HT02', 'Percentage of emergency highway incidents attended within 2 hours', 'Highways and Transport', 'higher', '%', 98, 95, 97.5, 1.5, 1),
  k('HT04', 'Average days to repair a street light fault', 'Highways and Transport', 'lower', 'days', 7, 10, 8, 2.5, 1),
  a('HT08', 'Number of highway enquiries raised for action', 'Highways and Transport', 'enquiries', 20000, 26000, 23500, 3500),
  k('EW01', 'Percentage of household waste recycled or composted', 'Environment and Waste', 'higher', '%', 50, 45, 48, 3, 1),
  k('EW02', 'Percentage of municipal waste sent to landfill', 'Environment and Waste', 'lower', '%', 2, 5, 2.5, 1.5, 1),
  a('EW05', 'Tonnes of household waste collected (000s)', 'Environment and Waste', 'tonnes (000s)', 160, 190, 176, 14),
  k('FC01', 'Percentage of undisputed invoices paid within 30 days', 'Finance and Corporate Services', 'higher', '%', 90, 85, 89, 4),
  k('FC02', 'Percentage of council tax collected (year to date against profile)', 'Finance and Corporate Services', 'higher', '%', 98, 96, 97.8, 1, 1),
  k('FC04', 'Freedom of Information requests completed within 20 working days', 'Finance and Corporate Services', 'higher', '%', 92, 85, 90, 5),
  k('FC06', 'Average working days lost to sickness per employee (rolling year)', 'Finance and Corporate Services', 'lower', 'days', 7.5, 9, 8, 1, 1),
];

const PORTFOLIOS: { name: string; lines: [string, number][] }[] = [
  { name: 'Children, Young People and Education', lines: [['Children in Care placements', 98_400], ['Special Educational Needs transport', 46_200], ['Early Help and Preventative Services', 31_800]] },
  { name: 'Adult Social Care and Public Health', lines: [['Older People residential care', 142_600], ['Learning Disability supported living', 118_300], ['Direct Payments', 61_900], ['Public Health', 2_100]] },
  { name: 'Highways and Transport', lines: [['Highway maintenance', 52_700], ['Concessionary fares', 17_400], ['Street lighting energy', 8_900]] },
  { name: 'Environment and Waste', lines: [['Waste disposal', 61_200], ['Household Waste Recycling Centres', 12_800]] },
  { name: 'Finance and Corporate Services', lines: [['Finance', 14_300], ['ICT', 22_600], ['Property and Corporate Landlord', 29_100], ['Democratic Services', 5_400]] },
];

const PROJECTS: { portfolio: string; name: string; cost: number }[] = [
  { portfolio: 'Children, Young People and Education', name: 'Basic Need: new primary places', cost: 64_000 },
  { portfolio: 'Children, Young People and Education', name: 'Special school expansion, Kingsmere', cost: 18_500 },
  { portfolio: 'Highways and Transport', name: 'Highway structural maintenance', cost: 42_000 },
  { portfolio: 'Highways and Transport', name: 'Victoria Way junction improvements', cost: 9_800 },
  { portfolio: 'Environment and Waste', name: 'North Kingsmere waste transfer station', cost: 12_400 },
  { portfolio: 'Finance and Corporate Services', name: 'Modernisation of council buildings', cost: 7_600 },
];

const rounded = (n: number, decimals: number) => Number(n.toFixed(decimals));
const th = (pence: number) => formatThousands(pence).replace(/,/g, '');
const P = (thousands: number) => Math.round(thousands) * 100_000;

export interface DemoDataSummary {
  indicators: number;
  values: number;
  budgetReports: number;
  refusedThenCorrected: string;
}

/** The last `n` whole quarters and months ending before `today`. */
function recentQuarters(today: string, n: number): Period[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const fy = m >= 4 ? y : y - 1;
  const current = quarterPeriod(fy, Math.floor(((m + 8) % 12) / 3) + 1);
  const out: Period[] = [];
  let ord = current.ordinal - 1;
  for (let i = 0; i < n; i++, ord--) out.unshift(quarterPeriod(Math.floor(ord / 4), (ord % 4) + 1));
  return out;
}

function recentMonths(today: string, n: number): Period[] {
  const current = monthPeriod(Number(today.slice(0, 4)), Number(today.slice(5, 7)));
  const out: Period[] = [];
  for (let o = current.ordinal - n; o < current.ordinal; o++) out.push(monthPeriod(Math.floor(o / 12), (o % 12) + 1));
  return out;
}

const enc = (rows: (string | number | null)[][]) => new TextEncoder().encode(toCsv(rows));

export async function loadDemoData(store: Store, actor: Actor, today: string, seed: number): Promise<DemoDataSummary> {
  const db = store.db;
  const rng = new Rng(seed).fork('performance-and-budgets');
  const quarters = recentQuarters(today, 4);
  const years = [...new Set(quarters.map((q) => q.year))];

  // Indicators, with standards for every financial year the quarters touch.
  const indicatorRows: (string | number | null)[][] = [['Ref', 'Description', 'Service area', 'Director', 'Cabinet Member', 'Kind', 'Polarity', 'Unit', 'Decimals', 'Year', 'Target', 'Floor', 'Lower', 'Upper']];
  for (const d of DEFS) {
    for (const y of years) {
      indicatorRows.push(d.kind === 'kpi'
        ? [d.ref, d.description, d.area, d.director, d.member, 'KPI', d.polarity === 'higher' ? 'Higher' : 'Lower', d.unit, d.decimals, y, d.target, d.floor, null, null]
        : [d.ref, d.description, d.area, d.director, d.member, 'Activity', '', d.unit, d.decimals, y, null, null, d.target, d.floor]);
    }
  }
  await mustImport(db, actor, 'indicators-catalogue.csv', enc(indicatorRows), 'indicators', null);

  // Four quarters of values, one file per quarter, each published after its checks.
  let values = 0;
  let level = new Map(DEFS.map((d) => [d.ref, d.base]));
  const valueSets: number[] = [];
  for (const q of quarters) {
    const rows: (string | number | null)[][] = [['Ref', 'Value', 'Date reported', 'Note']];
    level = new Map(DEFS.map((d) => {
      const drift = (rng.next() - 0.45) * d.spread * 0.8;
      let v = (level.get(d.ref) ?? d.base) + drift;
      if (d.unit === '%') v = Math.min(100, Math.max(0, v));
      return [d.ref, rounded(v, d.decimals)];
    }));
    for (const d of DEFS) {
      const v = level.get(d.ref)!;
      const short = d.kind === 'kpi' && (d.polarity === 'higher' ? v < d.floor : v > d.floor);
      rows.push([d.ref, v, addDaysIso(q.end, 21), short ? `${d.ref} is below its floor standard this quarter; a recovery plan is reported to the Cabinet Committee.` : null]);
      values++;
    }
    const r = await mustImport(db, actor, `performance-${q.code.replace(/\s+/g, '-')}.csv`, enc(rows), 'indicator-values', q.code);
    for (const s of r) {
      await publishDataSet(db, actor, s);
      valueSets.push(s);
    }
  }

  // Twelve months of revenue monitoring; capital at each quarter's end. Each month's "last reported" is the
  // previous month's revised variance, so the checks against the last report pass.
  const months = recentMonths(today, 12);
  const budgetItem = (await cabinetItems(store)).find((i) => i.title === BUDGET_MONITORING);
  const faultyMonth = [...months].reverse().find((m) => !budgetItem || m.end < budgetItem.date)?.code ?? months[months.length - 1].code;
  const last = new Map<string, number>();
  const lastCapital = new Map<string, number>();
  let refused = '';
  let budgetReports = 0;
  const revenueSets: number[] = [];
  const capitalSets: number[] = [];
  for (const [mi, month] of months.entries()) {
    const head = ['Portfolio', 'Budget line', 'Row type', 'Cash limit gross', 'Cash limit income', 'Cash limit net', 'Forecast variance', 'Management action', 'Revised variance', 'Last reported', 'Movement', 'Narrative'];
    const body: (string | number | null)[][] = [];
    const sums = new Array(8).fill(0);
    for (const p of PORTFOLIOS) {
      for (const [line, net] of p.lines) {
        const gross = Math.round(net * 1.35);
        const income = net - gross;
        const forecast = Math.round(net * (rng.next() * 0.03 - 0.01) * (0.5 + mi / 12));
        const action = forecast > 150 ? -Math.round(forecast * rng.next() * 0.5) : 0;
        const revised = forecast + action;
        const key = `${p.name}|${line}`;
        const lastReported = mi === 0 ? 0 : last.get(key)!;
        last.set(key, revised);
        const movement = revised - lastReported;
        const figures = [gross, income, net, forecast, action, revised, lastReported, movement];
        figures.forEach((f, i) => (sums[i] += f));
        const big = Math.abs(revised) > 100 || Math.abs(movement) > 100;
        body.push([p.name, line, 'Line', ...figures.map((f) => th(P(f))), big ? narrative(line, revised, rng) : null]);
      }
    }
    const totalRow: (string | number | null)[] = ['', 'Total', 'Total', ...sums.map((s) => th(P(s))), null];
    // The month reported to the Cabinet: the finance team's first spreadsheet carries a transposed movement total.
    const faulty = month.code === faultyMonth;
    const file = `revenue-${month.code}.csv`;
    if (faulty) {
      const wrong = [...totalRow];
      wrong[10] = th(P(transpose(sums[7])));
      const ds = (await mustImport(db, actor, file, enc([head, ...body, wrong]), 'revenue', month.code))[0];
      try {
        await publishDataSet(db, actor, ds);
      } catch (e) {
        if (!(e instanceof PublicationRefused)) throw e;
        refused = e.problems[0]?.message ?? '';
      }
    }
    const ds = (await mustImport(db, actor, faulty ? `revenue-${month.code}-corrected.csv` : file, enc([head, ...body, totalRow]), 'revenue', month.code))[0];
    await publishDataSet(db, actor, ds);
    revenueSets.push(ds);
    budgetReports++;

    if (month.code.endsWith('-06') || month.code.endsWith('-09') || month.code.endsWith('-12') || month.code.endsWith('-03')) {
      const fy = Number(month.year.slice(0, 4));
      const yrs = [financialYear(fy), financialYear(fy + 1), financialYear(fy + 2)];
      const capHead = ['Portfolio', 'Project', 'Row type', ...yrs.map((y) => `Cash limit ${y}`), 'Cash limit total', 'Real variance', 'Re-phasing', 'Total variance', 'Last reported', 'Movement', 'Narrative'];
      const capBody: (string | number | null)[][] = [];
      const capSums = new Array(yrs.length + 6).fill(0);
      for (const pr of PROJECTS) {
        const limits = [Math.round(pr.cost * 0.5), Math.round(pr.cost * 0.35), pr.cost - Math.round(pr.cost * 0.5) - Math.round(pr.cost * 0.35)];
        const total = limits.reduce((s, x) => s + x, 0);
        const real = rng.chance(0.3) ? Math.round((rng.next() - 0.4) * pr.cost * 0.03) : 0;
        const reph = rng.chance(0.5) ? -Math.round(rng.next() * limits[0] * 0.08) : 0;
        const variance = real + reph;
        const lastRep = lastCapital.get(pr.name) ?? 0;
        lastCapital.set(pr.name, variance);
        const figs = [...limits, total, real, reph, variance, lastRep, variance - lastRep];
        figs.forEach((f, i) => (capSums[i] += f));
        const big = Math.abs(real) > 100 || Math.abs(reph) > 100;
        capBody.push([pr.portfolio, pr.name, 'Line', ...figs.map((f) => th(P(f))), big ? capitalNarrative(pr.name, real, reph) : null]);
      }
      const capTotal = ['', 'Total', 'Total', ...capSums.map((s) => th(P(s))), null];
      const cds = (await mustImport(db, actor, `capital-${month.code}.csv`, enc([capHead, ...capBody, capTotal]), 'capital', month.code))[0];
      await publishDataSet(db, actor, cds);
      capitalSets.push(cds);
      budgetReports++;
    }
  }

  // On the Cabinet's agenda: the latest quarter's dashboard and the latest budget reports, on the items presenting them.
  await attachToCabinet(store, actor, quarters, valueSets, months, revenueSets, capitalSets);
  return { indicators: DEFS.length, values, budgetReports, refusedThenCorrected: refused };
}

function transpose(n: number): number {
  const s = String(Math.abs(n));
  if (s.length < 2 || s[s.length - 1] === s[s.length - 2]) return n + 9;
  const t = s.slice(0, -2) + s[s.length - 1] + s[s.length - 2];
  return Math.sign(n || 1) * Number(t);
}

function narrative(line: string, revised: number, rng: Rng): string {
  if (revised > 0) return rng.pick([`Pressure on ${line.toLowerCase()} from higher demand than budgeted and price increases from providers.`, `${line}: more clients than the budget assumed; management action is reviewing packages of care.`]);
  return rng.pick([`Underspend on ${line.toLowerCase()} from vacancies held pending a restructure.`, `${line}: additional grant income and lower take-up than budgeted.`]);
}

function capitalNarrative(project: string, real: number, reph: number): string {
  const parts: string[] = [];
  if (Math.abs(reph) > 100) parts.push(`re-phasing of ${formatThousands(reph * 100_000)} into later years as the start on site was delayed`);
  if (Math.abs(real) > 100) parts.push(`a real variance of ${formatThousands(real * 100_000)} from ${real > 0 ? 'higher tender prices' : 'savings at tender'}`);
  return `${project}: ${parts.join(' and ')}.`;
}

function addDaysIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function mustImport(db: Store['db'], actor: Actor, fileName: string, bytes: Uint8Array, kind: 'indicators' | 'indicator-values' | 'revenue' | 'capital', period: string | null): Promise<number[]> {
  const r = await importDataFile(db, actor, { fileName, bytes, kind, period });
  if (!r.saved) throw new Error(`demo figures ${fileName} did not import: ${r.outcome.problems.map((p) => p.message).join('; ')}`);
  return r.saved.saved.map((s) => s.dataSetId);
}

// The Cabinet's standing items that present the figures, by their topics' titles (a topic's title is its item's).
const cabinetTitle = (key: string) => TOPICS.cabinet.find((t) => t.key === key)!.title;
const BUDGET_MONITORING = cabinetTitle('budget-monitoring');
const PERFORMANCE = cabinetTitle('performance');

/** The Cabinet's published, non-exempt items, latest meeting first. */
function cabinetItems(store: Store) {
  return itemsForReports(store.db, 'cabinet');
}

async function attachToCabinet(store: Store, actor: Actor, quarters: Period[], valueSets: number[], months: Period[], revenueSets: number[], capitalSets: number[]): Promise<void> {
  const db = store.db;
  const items = await cabinetItems(store);
  const latestBefore = <T>(periods: Period[], sets: T[], date: string): T | null => {
    let found: T | null = null;
    periods.forEach((p, i) => {
      if (p.end < date && sets[i] !== undefined) found = sets[i];
    });
    return found;
  };
  const perf = items.find((i) => i.title === PERFORMANCE);
  if (perf) {
    const ds = latestBefore(quarters, valueSets, perf.date);
    if (ds !== null) await attachDataSet(db, actor, perf.id, ds);
  }
  const budget = items.find((i) => i.title === BUDGET_MONITORING);
  if (budget) {
    const rev = latestBefore(months, revenueSets, budget.date);
    if (rev !== null) await attachDataSet(db, actor, budget.id, rev);
    const capMonths = months.filter((m) => /-(03|06|09|12)$/.test(m.code));
    const cap = latestBefore(capMonths, capitalSets, budget.date);
    if (cap !== null) await attachDataSet(db, actor, budget.id, cap);
  }
}
