// `npm run bench -- portal [--years N] [--data DIR] [--duration S]`: the public portal's speed on the 10-year demo
// archive (SQLite). Measures a meeting page, a body page and search (100 mixed queries, rotated) with autocannon,
// 20 connections for 10 s each, against the govuk-frontend stylesheet served by the same server as the reference.
// Targets: meeting page >= 1,000 requests/s with p99 <= 50 ms; search p95 <= 30 ms.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadDemo, isEmpty } from '../src/demo/load.js';
import { openStore } from '../src/store/db.js';
import { rebuildSearchIndex } from '../src/store/search/index.js';
import { buildApp } from '../src/web/app.js';
import publicPortal from '../src/web/routes/public/index.js';

const WORDS = ['budget', 'highways', 'school', 'contract', 'adult social care', 'library', 'waste', 'transport', 'planning', 'minutes',
  'council tax', 'pothole', 'children', 'consultation', 'capital', 'revenue', 'procurement', 'risk', 'flood', 'carers'];
const PREFIXES = ['high*', 'educ*', 'fin*', 'plan*', 'contr*'];

function queries(): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < 100; i++) {
    const w = WORDS[i % WORDS.length];
    const form = i % 5;
    if (form === 0) out.push(w);
    else if (form === 1) out.push(`"${w}"`);
    else if (form === 2) out.push(`${w} ${WORDS[(i * 7 + 3) % WORDS.length]}`);
    else if (form === 3) out.push(PREFIXES[i % PREFIXES.length]);
    else out.push(`${w}&type=page`);
  }
  return out.map((q) => `/search?q=${encodeURIComponent(q.split('&')[0])}${q.includes('&') ? '&' + q.split('&')[1] : ''}`);
}

// autocannon ships no types; the little of it used here.
interface AutocannonResult { requests: { average: number }; errors: number; non2xx: number }
interface AutocannonInstance { on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void }
type Autocannon = (opts: Record<string, unknown>, done: (err: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Figures { name: string; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number }

async function measure(name: string, url: string, paths: string[], duration: number, connections = 20): Promise<Figures> {
  let i = 0;
  const times: number[] = [];
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon({
      url, connections, duration,
      requests: [{ method: 'GET', setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[i++ % paths.length] }) }],
    }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  const r2 = (n: number) => Math.round(n * 100) / 100;
  return { name, rps: result.requests.average, p50: r2(percentile(times, 50)), p95: r2(percentile(times, 95)), p99: r2(percentile(times, 99)), errors: result.errors, non2xx: result.non2xx };
}

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

export default async function portal(args: string[]): Promise<void> {
  const years = Number(arg(args, '--years', '10'));
  const duration = Number(arg(args, '--duration', '10'));
  const dataDir = arg(args, '--data', join('bench', 'out', `portal-${years}y`));
  const today = '2012-03-01';
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
  const store = await openStore({ dataDir, databaseUrl: null });
  if (await isEmpty(store)) {
    process.stdout.write(`Loading the ${years}-year demo archive into ${dataDir} (first run only)…\n`);
    const t = Date.now();
    const s = await loadDemo(store, { years, today, progress: true });
    process.stdout.write(`Loaded ${s.meetings} meetings, ${s.documents} documents, ${s.decisions} decisions in ${((Date.now() - t) / 1000).toFixed(0)} s\n`);
  }
  const entries = await store.db.selectFrom('search_entry').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (!Number(entries.n)) {
    const r = await rebuildSearchIndex(store);
    process.stdout.write(`Built the search index: ${r.entries} entries in ${r.milliseconds} ms\n`);
  }
  // A meeting that was held, with its minutes; the busiest body.
  const meeting = await store.db.selectFrom('meeting').innerJoin('agenda_item', 'agenda_item.meeting_id', 'meeting.id')
    .select(['meeting.slug', (eb) => eb.fn.countAll<number>().as('n')]).where('meeting.status', '=', 'minutes-approved')
    .groupBy('meeting.slug').orderBy('n', 'desc').limit(1).executeTakeFirstOrThrow();
  const body = await store.db.selectFrom('body').innerJoin('meeting', 'meeting.body_id', 'body.id')
    .select(['body.slug', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('body.slug').orderBy('n', 'desc').limit(1).executeTakeFirstOrThrow();

  const app = await buildApp({
    store, logger: false, today: () => today,
    // The search rate limit stays registered (its cost is measured) but is raised above what one client sends here.
    routes: [{ plugin: async (a, o) => a.register(publicPortal, { ...o, searchRateLimitPerMinute: 1_000_000 }) }],
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  process.stdout.write(`Portal at ${url}; meeting /meetings/${meeting.slug}, body /bodies/${body.slug}; ${duration} s per run, 20 connections\n`);
  try {
    const results: Figures[] = [];
    // Warm up: templates compiled, statements prepared.
    await measure('warm-up', url, [`/meetings/${meeting.slug}`, `/bodies/${body.slug}`, ...queries().slice(0, 10), '/govuk/govuk-frontend.min.css'], 2);
    results.push(await measure('stylesheet', url, ['/govuk/govuk-frontend.min.css'], duration));
    results.push(await measure('meeting page', url, [`/meetings/${meeting.slug}`], duration));
    results.push(await measure('body page', url, [`/bodies/${body.slug}`], duration));
    results.push(await measure('search', url, queries(), duration));
    // The same queries with no page cache: every request runs the query and renders the page.
    const fresh = await buildApp({
      store, logger: false, today: () => today,
      routes: [{ plugin: async (a, o) => a.register(publicPortal, { ...o, searchRateLimitPerMinute: 1_000_000, pageCache: false }) }],
    });
    await fresh.listen({ port: 0, host: '127.0.0.1' });
    const freshAddress = fresh.server.address();
    const freshUrl = `http://127.0.0.1:${typeof freshAddress === 'object' && freshAddress ? freshAddress.port : 0}`;
    try {
      results.push(await measure('search, uncached', freshUrl, queries(), duration));
      results.push(await measure('search, uncached, 1 connection', freshUrl, queries(), duration, 1));
    } finally {
      await fresh.close();
    }
    const ref = results[0].rps;
    process.stdout.write('\n| route | requests/s | p50 ms | p95 ms | p99 ms | vs stylesheet | errors/non-2xx |\n|---|---:|---:|---:|---:|---:|---:|\n');
    for (const r of results) {
      process.stdout.write(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p95} | ${r.p99} | ${(r.rps / ref).toFixed(2)} | ${r.errors}/${r.non2xx} |\n`);
    }
    const m = results[1], s = results[3];
    process.stdout.write(`\nmeeting page: ${m.rps >= 1000 && m.p99 <= 50 ? 'meets' : 'MISSES'} the target (>= 1,000 requests/s, p99 <= 50 ms)\n`);
    process.stdout.write(`search: ${s.p95 <= 30 ? 'meets' : 'MISSES'} the target (p95 <= 30 ms) with the public page cache; uncached p95 ${results[4].p95} ms at 20 connections, ${results[5].p95} ms at 1\n`);
  } finally {
    await app.close();
    await store.close();
  }
}
