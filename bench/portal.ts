// `npm run bench -- portal [--years N] [--data DIR] [--duration S] [--samples N] [--workers N] [--pg URL] [--only a,b]`: the portal's speed on
// the 10-year demo archive (issue 17), everything measured against `/healthz` on the same server in the same run.
//
// - rendered pages: meeting, body, councillor and decision pages, signed in as a councillor (never page-cached),
//   rendered on every request (the render memo off), then as served with the memo on (for comparison only), and the
//   meeting and body pages for the public (page cache). Targets: signed-in rendered >= 0.30x /healthz each, p99 <=
//   50 ms; cached public >= 0.8x /healthz.
// - search: 100 mixed queries, no page cache, 20 connections, after 4,000 searches a server process to warm up (V8
//   optimises each process's code as it runs): p95 <= 30 ms on SQLite, <= 60 ms on PostgreSQL (with
//   --pg URL: that database created if missing and the same archive loaded into it, on the first run).
// - writes: public meeting and body pages under load while a clerk records attendance and saves a minute every
//   250 ms: public p99 <= 50 ms (a write invalidates what changed, not the whole cache).
// - memory: the server's RSS after the bench <= 300 MB.
// autocannon, 20 connections for --duration seconds (default 10) per route, every request with a browser's headers
// (BROWSER_HEADERS: a browser always sends Accept-Encoding, and a cached public page goes out gzipped). Figures under
// load are worthless; the ratios, measured side by side in one run, are the point. Each line ends PASS or MISS. Every
// page (signed in, rendered or from the memo, and cached public) is measured --samples times (default 5), each sample
// right after one of `/healthz`, and its ratio is the median of those pairs (the load generator shares the two cores,
// so one pair alone swings); a page's p99 is over all its samples' requests. Each route also shows the server's and
// the load generator's CPU per request. The server runs in a process of its own
// (bench/_portal-server.ts); --cpu-prof DIR profiles it. --workers N (N > 1) runs it as `moot serve --workers N` does:
// a node:cluster primary and N worker processes on the one port, each with its own database connection (and search
// threads, where the processes leave cores to spare); the server's CPU a request is then that of every process added up, and its memory is every process's RSS
// added up (PSS beside it). Each printed line says the configuration.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProcessMemory, ServerConfig, ServerReady } from './_portal-server.js';
import { defaultSearchThreads } from '../src/store/search/threads.js';
import { transpileBenchFiles, transpileSourcesApart } from './_js.js';
import { median } from './_stats.js';

// The search mix: 100 distinct searches of the kind a council's public search gets, over the demo archive's own
// vocabulary: topics and policies (single words and quoted phrases), places, people, committee names, prefixes,
// a few with OR / NOT, a decision and an application number, and searches filtered by type, committee, dates, sorted
// by date or on a second page. Common and rare terms alike, and a few that find nothing (as real searches do); the
// bench cycles through them in this order. (Until 2026-12-07 the mix was 17 searches repeated, a fifth `plan*`.)
const SEARCHES: (string | [string, string])[] = [
  'budget', 'highways', 'libraries', 'recycling', 'potholes', 'flooding', 'fostering', 'adoption', 'apprenticeships',
  'parking', 'broadband', 'academy', 'allotments', 'quarry', 'landfill', 'pensions', 'safeguarding', 'consultation',
  'procurement', 'overspend', '"adult social care"', '"council tax"', '"special educational needs"',
  '"medium term financial plan"', '"household support fund"', '"net zero"', '"bus service improvement plan"',
  '"children in care"', '"statement of accounts"', '"internal audit"', '"care leavers"',
  '"home to school transport"', '"electric vehicle charging"', '"winter service"', '"polling districts"',
  'Kingsmere', '"Westgate Depot"', 'Foxley', '"Ickfield Farm"', '"Redwater Sand Pit"', '"Saltmarsh Landfill"',
  '"Fenwick Green"', '"Kingsmere General Hospital"', '"Larkspur Academy"', 'Holloway', '"Barry Holloway"',
  'Pemberton', '"Rosemary Lacey"', 'councillor Kendrick', 'Fenwick', 'Winslow', '"Judith Winslow"', 'Colebrook',
  'Warrender', '"Corporate Parenting Panel"', '"Governance and Audit Committee"',
  '"Planning Applications Committee"', '"Scrutiny Committee"', '"Cabinet Member" finance',
  '"select committee" mental health', 'Leader of the Council', '"Environment and Transport Cabinet Committee"',
  'plan*', 'educ*', 'transp*', 'recycl*', 'safeguard*', 'contr*', 'high*', 'fin*', 'environ*', 'apprentic*',
  'school transport policy', 'waste strategy', 'supported bus services', 'recruitment social workers',
  'data centre contract', 'mental health schools', 'delayed discharges', 'anaerobic digestion',
  'treasury management', 'libraries OR museums', 'parking -permits', 'EX/AR/0159', '11/00038',
  ['budget', 'type=decision'], ['highways', 'body=cabinet'],
  ['"council tax"', 'from-day=1&from-month=1&from-year=2009'], ['flood', 'type=minute'], ['school', 'sort=date'],
  ['contract', 'type=decision&from-day=1&from-month=4&from-year=2008&to-day=31&to-month=3&to-year=2011'],
  ['procurement', 'body=governance-and-audit-committee'],
  ['application', 'body=planning-applications-committee&sort=date'],
  ['"children in care"', 'body=corporate-parenting-panel'], ['Fenwick', 'type=person'],
  ['risk', 'body=governance-and-audit-committee&type=page'], ['budget', 'page=2'],
  ['"adult social care"', 'type=page&from-day=1&from-month=1&from-year=2010'],
  ['waste', 'body=environment-and-transport-cabinet-committee&type=minute'],
  ['declarations of interest', 'type=minute&from-day=1&from-month=9&from-year=2011'],
];

export function searchQueries(): string[] {
  return SEARCHES.map((s) => {
    const [text, filters] = typeof s === 'string' ? [s, ''] : s;
    return `/search?q=${encodeURIComponent(text)}${filters ? `&${filters}` : ''}`;
  });
}

// autocannon ships no types; the little of it used here.
interface AutocannonResult { requests: { average: number }; errors: number; non2xx: number }
interface AutocannonInstance { on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void }
type Autocannon = (opts: Record<string, unknown>, done: (err: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
// autocannon decodes every response body into a JavaScript string (for its verifyBody and expectBody options, which
// these benches do not use): on the same two cores as the server, that cost per byte (about 4 µs/KB of text, more
// for gzip bytes) was the larger part of the load generator's CPU on a page and set the cached pages' ratio. The
// bytes are still read from the socket, parsed by its HTTP parser and counted.
(createRequire(import.meta.url)('autocannon/lib/pipelinedRequestsQueue.js') as { prototype: { addBody(data: Buffer): void } }).prototype.addBody = () => {};

/** What a browser sends with every request: measured on every route, `/healthz` included. */
export const BROWSER_HEADERS: Record<string, string> = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br, zstd',
  'accept-language': 'en-GB,en;q=0.9',
};

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Figures { name: string; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number;
  /** CPU time per request (µs): the server's (when its process was given) and the load generator's. */
  serverUs?: number; clientUs?: number;
  /** Every request's latency (ms), sorted: for a percentile over several runs. */
  times?: number[] }

/** The CPU time the processes used so far, added up, in µs (Linux: /proc), or null where one cannot be read. */
function cpuOf(pids: number[] | undefined): number | null {
  if (!pids) return null;
  let us = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      us += ((Number(f[11]) + Number(f[12])) / 100) * 1e6; // utime + stime (every thread's), in clock ticks of 1/100 s
    } catch {
      return null;
    }
  }
  return us;
}

export async function measure(name: string, url: string, paths: string[], duration: number, options: { connections?: number; headers?: Record<string, string>; server?: number[]; amount?: number } = {}): Promise<Figures> {
  let i = 0;
  const times: number[] = [];
  const server0 = cpuOf(options.server);
  const client0 = process.cpuUsage();
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon({
      url, connections: options.connections ?? 20, duration, amount: options.amount, headers: { ...BROWSER_HEADERS, ...options.headers },
      requests: [{ method: 'GET', setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[i++ % paths.length] }) }],
    }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  const client = process.cpuUsage(client0);
  const server1 = cpuOf(options.server);
  const perRequest = (us: number) => (times.length ? Math.round(us / times.length) : undefined);
  times.sort((a, b) => a - b);
  const r2 = (n: number) => Math.round(n * 100) / 100;
  return { name, rps: result.requests.average, p50: r2(percentile(times, 50)), p95: r2(percentile(times, 95)), p99: r2(percentile(times, 99)), errors: result.errors, non2xx: result.non2xx, times,
    serverUs: server0 !== null && server1 !== null ? perRequest(server1 - server0) : undefined, clientUs: perRequest(client.user + client.system) };
}

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

let compiled: Promise<string> | undefined;

/**
 * bench/_portal-server.ts and the sources as plain JavaScript (bench/_js.ts), once per run: the server runs as
 * `moot serve` does, from compiled modules in plain node, so that tsx's loader (some 65 MB, and a copy in every search
 * thread) is not measured as Moot's memory or time.
 */
function compiledServer(): Promise<string> {
  compiled ??= (async () => {
    const js = join(dirname(fileURLToPath(import.meta.url)), 'out', 'portal-js');
    transpileSourcesApart(js);
    await transpileBenchFiles(js, ['_portal-server']);
    return join(js, 'bench', '_portal-server.js');
  })();
  return compiled;
}

/** Starts the server in a process of its own (bench/_portal-server.ts) and waits until it listens. */
export async function startServer(config: ServerConfig, cpuProf: string | null): Promise<{ child: ChildProcess; ready: ServerReady; ask: <T>(msg: object) => Promise<T> }> {
  const file = await compiledServer();
  const child = fork(file, [], {
    execArgv: cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] : [],
    env: { ...process.env, MOOT_BENCH_SERVER: JSON.stringify(config) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    child.once('message', (m) => resolve(m as ServerReady));
    child.once('exit', (code) => reject(new Error(`the bench server stopped (exit ${code})`)));
  });
  const ask = <T>(msg: object) => new Promise<T>((resolve) => { child.once('message', (m) => resolve(m as T)); child.send(msg); });
  return { child, ready, ask };
}

export async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.send({ cmd: 'exit' });
  await exited;
}

/**
 * Server processes by default: as docs/deploy.md recommends, about one per core (two here). Measured on 2026-12-07
 * evening: the signed-in pages' ratios rose with two (docs/benchmarks.md); `--workers 1` is the one process of before.
 */
const DEFAULT_WORKERS = availableParallelism();

const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/**
 * Searches each server process answers before search is measured: V8 optimises a process's code as it runs, and each
 * of N processes sees 1/N of the requests. After 2 s of warm-up (some 500 searches a process with two on PostgreSQL)
 * each worker was still compiling (TurboFan's threads 0.44 perf samples a request against 0.045 after 45 s) and its
 * main thread used 1.6x the CPU a search; its CPU a search settled after some 3,500 (docs/benchmarks.md, issue 17).
 * A council's server runs for days: the target is on the warm server.
 */
const SEARCH_WARM_UP = 4000;

/** Creates the database of a --pg URL when it does not exist yet (connecting to the server's `postgres` database). */
export async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`--pg: the database name "${name}" must be letters, digits and underscores`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) {
      await client.query(`CREATE DATABASE ${name}`);
      process.stdout.write(`Created the PostgreSQL database ${name}\n`);
    }
  } finally {
    await client.end();
  }
}

export default async function portal(args: string[]): Promise<void> {
  const years = Number(arg(args, '--years', '10'));
  const duration = Number(arg(args, '--duration', '10'));
  const dataDir = arg(args, '--data', join('bench', 'out', `portal-${years}y`));
  const pgUrl = arg(args, '--pg', process.env.MOOT_BENCH_PG_URL ?? '');
  const only = new Set(arg(args, '--only', 'pages,writes,search').split(','));
  const cpuProf = arg(args, '--cpu-prof', '') || null;
  const samples = Math.max(1, Number(arg(args, '--samples', '5')));
  const workers = Number(arg(args, '--workers', String(DEFAULT_WORKERS)));
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error(`--workers must be a whole number from 1 to 64, not "${arg(args, '--workers', '')}"`);
  const today = '2012-03-01';
  const config: ServerConfig = { years, dataDir, databaseUrl: null, today, uncached: false, workers };
  // as each server process works it out (with --workers N, N > 1, each is given MOOT_WORKERS=N)
  const searchThreads = defaultSearchThreads(workers > 1 ? { ...process.env, MOOT_WORKERS: String(workers) } : process.env);
  const threadsText = searchThreads ? `${searchThreads} search threads` : 'no search threads (searches on the event loop)';
  const processes = workers === 1 ? 'one server process' : `--workers ${workers}`;
  const setup = workers === 1
    ? `server: one process (--workers 1), ${threadsText}`
    : `server: --workers ${workers} (a node:cluster primary and ${workers} workers, each its own database connection and ${threadsText})`;
  const load0 = loadavg();
  process.stdout.write(`Portal bench, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${load0.map((l) => l.toFixed(2)).join(' ')}\n`);
  const lines: string[] = [];
  const table: Figures[] = [];
  const { child, ready, ask } = await startServer(config, cpuProf);
  const { url, targets: t } = ready;
  const signedIn = { cookie: ready.cookie };
  process.stdout.write(`Server (pids ${ready.pids.join(', ')}; ${setup}) at ${url}; ${t.meeting}, ${t.body}, ${t.person}, ${t.decision}; ${duration} s per run, 20 connections\n`);
  try {
    const pages = [t.meeting, t.body, t.person, t.decision];
    await measure('warm-up', url, ['/healthz', ...pages], 2, { headers: signedIn });
    await measure('warm-up', url, pages, 1);
    if (only.has('pages')) {
      // Every page row is the median of `samples` pairs, each of `/healthz` then the page, of a third of --duration
      // each (at least 2 s): the load generator shares the two cores, so one reference run at the start alone swung
      // the signed-in meeting page's ratio from 0.22 to 0.35 between quiet runs. The samples go round the pages
      // (sample 1 of each, then sample 2 of each…) so a change of load falls on all of them alike.
      const pair = Math.max(2, Math.round(duration / 3));
      const paired = async (kind: string, list: string[][], headers?: Record<string, string>) => {
        const runs = new Map<string, { ref: Figures; page: Figures }[]>(list.map(([name]) => [name, []]));
        for (let s = 0; s < samples; s++) {
          for (const [name, path] of list) {
            const r = await measure(`/healthz (before the ${name}, ${kind}, sample ${s + 1})`, url, ['/healthz'], pair, { server: ready.pids });
            const f = await measure(`${name}, ${kind}, sample ${s + 1}`, url, [path], pair, { server: ready.pids, headers });
            runs.get(name)!.push({ ref: r, page: f });
          }
        }
        return list.map(([name]) => {
          const ps = runs.get(name)!;
          const ratios = ps.map((p) => p.page.rps / p.ref.rps);
          const mid = ps[ratios.indexOf([...ratios].sort((a, b) => a - b)[Math.floor((ratios.length - 1) / 2)])];
          table.push(mid.ref, mid.page);
          const cpu = median(ps.map((p) => (p.page.serverUs ?? NaN) / (p.ref.serverUs ?? NaN)));
          // p99 of every request to the page in all its samples together.
          const p99 = percentile(ps.flatMap((p) => p.page.times ?? []).sort((a, b) => a - b), 99);
          return { name: `${name}, ${kind}`, ratio: median(ratios), p99: Math.round(p99 * 100) / 100,
            figures: `median of ${ps.length} pairs (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}); `
              + `server CPU a request ${Number.isNaN(cpu) ? 'not measured' : `${cpu.toFixed(2)}× /healthz's`}` };
        });
      };
      // Rendered: the render memo off, so each request renders its page, as on a meeting day when writes keep
      // changing the record (the memo would otherwise answer the same viewer's repeated request from a page it
      // kept). Then as served, the memo on, for comparison.
      const signedInPages = [['meeting page', t.meeting], ['body page', t.body], ['councillor page', t.person], ['decision page', t.decision]];
      await ask({ cmd: 'memo', on: false });
      for (const r of await paired('signed in (rendered)', signedInPages, signedIn)) {
        lines.push(`${r.name}, ${processes}: ${r.ratio.toFixed(3)}× /healthz (target >= 0.30), ${r.figures}; p99 ${r.p99} ms over the samples (target <= 50): ${mark(r.ratio >= 0.3 && r.p99 <= 50)}`);
      }
      await ask({ cmd: 'memo', on: true });
      for (const r of await paired('signed in (render memo, same viewer again)', signedInPages, signedIn)) {
        lines.push(`${r.name}, ${processes}: ${r.ratio.toFixed(3)}× /healthz, ${r.figures}; p99 ${r.p99} ms (for comparison)`);
      }
      for (const r of await paired('public (cached)', [['meeting page', t.meeting], ['body page', t.body]])) {
        lines.push(`${r.name}, ${processes}: ${r.ratio.toFixed(3)}× /healthz, ${r.figures} (target >= 0.80): ${mark(r.ratio >= 0.8)}`);
      }
    }
    if (only.has('writes') && t.writable) {
      const paths = [...t.publicPaths, t.writable];
      await measure('warm-up', url, paths, 2);
      const quiet = await measure('public pages, no writes', url, paths, duration, { server: ready.pids });
      child.send({ cmd: 'writes', on: true });
      const during = await measure('public pages, clerk writing every 250 ms', url, paths, duration, { server: ready.pids });
      const w = await ask<{ writes: number; failed: number; error: string | null }>({ cmd: 'writes', on: false });
      table.push(quiet, during);
      if (w.error) lines.push(`a write failed: ${w.error}`);
      lines.push(`public p99 while a clerk writes, ${processes} (${w.writes} writes, ${w.failed} failed; ${paths.length} pages): ${during.p99} ms, quiet ${quiet.p99} ms (target <= 50): ${mark(during.p99 <= 50 && w.failed === 0 && w.writes > 0)}`);
    }
    const { processes: memories } = await ask<{ processes: ProcessMemory[] }>({ cmd: 'rss' });
    const mb = (n: number) => (n / 2 ** 20).toFixed(0);
    const sum = (f: (p: ProcessMemory) => number) => memories.reduce((a, p) => a + f(p), 0);
    // The target is on the server's resident memory with the pages its processes share counted once: each process's
    // own pages (RSS less what it shares) added up, plus the shared pages of the process that shares most (node's
    // code and libraries, mapped by every process from the same files). For one process that is its RSS. The RSS
    // added up counts those shared pages once a process; PSS divides them among every process on the machine that
    // maps them, other node programs included, so it falls as other programs run.
    const known = memories.every((p) => p.shared !== null && p.pss !== null);
    const once = known ? (sum((p) => p.rss - p.shared!) + Math.max(...memories.map((p) => p.shared!))) / 2 ** 20 : sum((p) => p.rss) / 2 ** 20;
    const each = memories.map((p) => `pid ${p.pid} RSS ${mb(p.rss)} MB${p.shared !== null ? ` (shared ${mb(p.shared)})` : ''}${p.pss !== null ? `, PSS ${mb(p.pss)}` : ''}, JS heap ${mb(p.heapUsed)} of ${mb(p.heapTotal)}, external ${mb(p.external)}`).join('; ');
    const label = memories.length === 1 ? 'one process' : `${memories.length} processes (the primary and ${memories.length - 1} workers)`;
    const figures = !known ? `RSS added up ${once.toFixed(0)} MB`
      : memories.length === 1 ? `RSS ${once.toFixed(0)} MB`
        : `RSS with shared pages counted once ${once.toFixed(0)} MB (RSS added up ${mb(sum((p) => p.rss))} MB, PSS added up ${mb(sum((p) => p.pss!))} MB)`;
    lines.push(`server memory after the page runs, ${label}: ${figures} [${each}] (target <= 300): ${mark(once <= 300)}`);
  } finally {
    await stopServer(child);
  }
  if (only.has('search')) {
    for (const databaseUrl of [null, pgUrl || undefined]) {
      if (databaseUrl === undefined) {
        lines.push('search on PostgreSQL: not measured (give --pg postgres://… or MOOT_BENCH_PG_URL)');
        continue;
      }
      if (databaseUrl) await ensurePostgresDatabase(databaseUrl);
      const label = databaseUrl ? 'PostgreSQL' : 'SQLite';
      const target = databaseUrl ? 60 : 30;
      // No page cache: every request runs the query and renders the page.
      const s = await startServer({ ...config, databaseUrl, uncached: true }, cpuProf);
      try {
        await measure('warm-up', s.ready.url, searchQueries(), 2, { amount: SEARCH_WARM_UP * workers });
        const ref = await measure(`/healthz (${label} search server)`, s.ready.url, ['/healthz'], duration);
        const f = await measure(`search, uncached, ${label}`, s.ready.url, searchQueries(), duration, { server: s.ready.pids });
        const f1 = await measure(`search, uncached, ${label}, 1 connection`, s.ready.url, searchQueries(), duration, { connections: 1 });
        table.push(ref, f, f1);
        lines.push(`search, uncached, ${label}, 100 mixed queries, 20 connections, ${processes}${databaseUrl ? '' : `, ${searchThreads ? `${searchThreads} search threads a process` : 'searching on each event loop'}`}, after ${SEARCH_WARM_UP} searches a process to warm up: p95 ${f.p95} ms (target <= ${target}), ${(f.rps / ref.rps).toFixed(3)}× /healthz; 1 connection p95 ${f1.p95} ms: ${mark(f.p95 <= target)}`);
      } finally {
        await stopServer(s.child);
      }
    }
  }
  process.stdout.write('\n| route | requests/s | p50 ms | p95 ms | p99 ms | errors/non-2xx | server CPU µs/request | load generator CPU µs/request |\n|---|---:|---:|---:|---:|---:|---:|---:|\n');
  for (const r of table) process.stdout.write(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors}/${r.non2xx} | ${r.serverUs ?? ''} | ${r.clientUs ?? ''} |\n`);
  process.stdout.write(`\n${setup}\n${lines.join('\n')}\n\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
}
