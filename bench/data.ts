// `npm run bench -- data [--duration S]`: performance and budget figures on SQLite. Times (1) importing a 10-year
// indicator history, 25 indicators × 40 quarters, from one XLSX and (2) importing a 5,000-row revenue XLSX, each
// read, checked and stored in one transaction; prints peak RSS; then (3) the dashboard page uncached (no page
// cache) with autocannon at 20 connections. Targets: each import < 2 s, peak RSS < 300 MB, dashboard >= 500 req/s;
// each printed with PASS or MISS. Beside each wall-clock figure, the CPU time this process spent on it (steadier on
// a shared machine): for the dashboard, CPU ms a request measured in-process (app.inject, 200 requests) and the
// requests a second one core would serve at that cost.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SYSTEM_ACTOR } from '../src/domain/types.js';
import { financialYear, quarterPeriod } from '../src/domain/indicators.js';
import { importDataFile } from '../src/services/data-files.js';
import { listAllDataSets, publishDataSet } from '../src/services/data.js';
import { openStore } from '../src/store/db.js';
import { buildApp } from '../src/web/app.js';
import publicPortal from '../src/web/routes/public/index.js';

interface AutocannonResult { requests: { average: number }; latency: { p50: number; p99: number }; errors: number; non2xx: number }
type Autocannon = (opts: Record<string, unknown>, done: (err: Error | null, result: AutocannonResult) => void) => unknown;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const ADMIN = { kind: 'user', userId: 0, role: 'administrator', personId: null, bodyIds: [], grantedMeetingIds: [] } as const;

async function xlsx(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Figures');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

export default async function data(args: string[]): Promise<void> {
  const i = args.indexOf('--duration');
  const duration = i >= 0 ? Number(args[i + 1]) : 10;
  const dir = mkdtempSync(join(tmpdir(), 'moot-bench-data-'));
  const store = await openStore({ dataDir: dir, databaseUrl: null });
  const db = store.db;
  try {
    // Setup (untimed): 25 indicators with standards for 10 financial years.
    const firstFy = 2015;
    const years = Array.from({ length: 10 }, (_, k) => financialYear(firstFy + k));
    const catalogue: (string | number | null)[][] = [['Ref', 'Description', 'Service area', 'Kind', 'Polarity', 'Unit', 'Decimals', 'Year', 'Target', 'Floor']];
    for (let n = 0; n < 25; n++) for (const y of years) catalogue.push([`KP${String(n).padStart(2, '0')}`, `Indicator ${n}`, `Service ${n % 5}`, 'KPI', n % 3 ? 'Higher' : 'Lower', '%', 1, y, n % 3 ? 90 : 10, n % 3 ? 80 : 20]);
    const cat = await importDataFile(db, SYSTEM_ACTOR, { fileName: 'catalogue.xlsx', bytes: await xlsx(catalogue), kind: 'indicators', period: null });
    if (!cat.saved) throw new Error(cat.outcome.problems.map((p) => p.message).join('; '));

    const history: (string | number | null)[][] = [['Ref', 'Period', 'Value', 'Date reported', 'Note']];
    for (let q = 0; q < 40; q++) {
      const p = quarterPeriod(firstFy + Math.floor(q / 4), (q % 4) + 1);
      for (let n = 0; n < 25; n++) history.push([`KP${String(n).padStart(2, '0')}`, p.code, Math.round((70 + ((n * 7 + q * 13) % 30)) * 10) / 10, p.end, null]);
    }
    const historyBytes = await xlsx(history);

    const revenue: (string | number | null)[][] = [['Portfolio', 'Budget line', 'Row type', 'Cash limit gross', 'Cash limit income', 'Cash limit net', 'Forecast variance', 'Management action', 'Revised variance', 'Last reported', 'Movement', 'Narrative']];
    const sums = new Array(8).fill(0);
    for (let n = 0; n < 4999; n++) {
      const gross = 1000 + (n % 97) * 10, income = -(n % 53) * 5, net = gross + income;
      const fv = (n % 41) - 20, ma = n % 7 === 0 ? -3 : 0, rv = fv + ma, lr = (n % 17) - 8, mv = rv - lr;
      [gross, income, net, fv, ma, rv, lr, mv].forEach((v, k) => (sums[k] += v));
      revenue.push([`Portfolio ${Math.floor(n / 100)}`, `Line ${n}`, 'Line', gross, income, net, fv, ma, rv, lr, mv, null]);
    }
    revenue.push(['', 'Total', 'Total', ...sums, null]);
    const revenueBytes = await xlsx(revenue);
    process.stdout.write(`Files: history ${(historyBytes.byteLength / 1024).toFixed(0)} KB (${history.length - 1} rows), revenue ${(revenueBytes.byteLength / 1024).toFixed(0)} KB (${revenue.length - 1} rows)\n`);

    const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
    let t = performance.now();
    let c = cpuMs();
    const h = await importDataFile(db, SYSTEM_ACTOR, { fileName: 'history.xlsx', bytes: historyBytes, kind: 'indicator-values', period: null });
    const historyMs = performance.now() - t;
    const historyCpu = cpuMs() - c;
    if (!h.saved) throw new Error(h.outcome.problems.map((p) => p.message).join('; '));
    const rssAfterHistory = rssMb();

    t = performance.now();
    c = cpuMs();
    const r = await importDataFile(db, SYSTEM_ACTOR, { fileName: 'revenue.xlsx', bytes: revenueBytes, kind: 'revenue', period: '2024-06' });
    const revenueMs = performance.now() - t;
    const revenueCpu = cpuMs() - c;
    if (!r.saved) throw new Error(r.outcome.problems.map((p) => p.message).join('; '));
    const rssAfterRevenue = rssMb();

    for (const ds of await listAllDataSets(db, ADMIN, 'indicator-values')) await publishDataSet(db, SYSTEM_ACTOR, ds.id);
    const app = await buildApp({ store, logger: false, routes: [{ plugin: async (a, o) => a.register(publicPortal, { ...o, pageCache: false }) }] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/performance/2024-25-q4`;
    let result: AutocannonResult;
    // In-process first: the CPU one page costs, with no client in the way.
    for (let k = 0; k < 20; k++) await app.inject({ url: url.replace(/^http:\/\/[^/]+/, '') });
    c = cpuMs();
    for (let k = 0; k < 200; k++) await app.inject({ url: url.replace(/^http:\/\/[^/]+/, '') });
    const pageCpu = (cpuMs() - c) / 200;
    try {
      await new Promise((res, rej) => autocannon({ url, connections: 20, duration: 2 }, (e, x) => (e ? rej(e) : res(x))));
      result = await new Promise<AutocannonResult>((res, rej) => autocannon({ url, connections: 20, duration }, (e, x) => (e ? rej(e) : res(x))));
    } finally {
      await app.close();
    }
    const ok = (b: boolean) => (b ? 'PASS' : 'MISS');
    const rss = Math.max(rssAfterHistory, rssAfterRevenue);
    process.stdout.write(`\n| measure | figure | CPU | target | |\n|---|---:|---:|---|---|\n`);
    process.stdout.write(`| 10-year history XLSX (25 × 40 quarters, 40 data sets) | ${historyMs.toFixed(0)} ms | ${historyCpu.toFixed(0)} ms | < 2,000 ms | ${ok(historyMs < 2000)} |\n`);
    process.stdout.write(`| 5,000-row revenue XLSX | ${revenueMs.toFixed(0)} ms | ${revenueCpu.toFixed(0)} ms | < 2,000 ms | ${ok(revenueMs < 2000)} |\n`);
    process.stdout.write(`| peak RSS after the imports | ${rss} MB | | < 300 MB | ${ok(rss < 300)} |\n`);
    process.stdout.write(`| dashboard page, uncached, 20 connections | ${result.requests.average.toFixed(0)} req/s (p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.errors}/${result.non2xx} errors/non-2xx) | ${pageCpu.toFixed(2)} ms a request in-process (one core: ${(1000 / pageCpu).toFixed(0)} req/s) | >= 500 req/s | ${ok(result.requests.average >= 500)} |\n`);
    process.stdout.write(`\nPublication problems found in the revenue file: ${r.saved.publicationProblems.length}; load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
