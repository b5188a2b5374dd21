// Prometheus metrics (prom-client): requests by route, method and status, their latency, the database pool, the
// job queue and the public page cache. Served at /metrics only with `Authorization: Bearer $MOOT_METRICS_TOKEN`
// (404 otherwise), or on a port of their own with MOOT_METRICS_PORT (see cli/commands/serve.ts). The metrics live
// in prom-client's global registry, so `moot serve --workers N` can add up every worker's.
import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import client from 'prom-client';
import { jobRunnerStats } from '../../services/jobs.js';
import type { Store } from '../../services/unit.js';
import { PAGE_CACHE_COUNTS } from '../routes/public/page-cache.js';

let metrics: ReturnType<typeof createMetrics> | null = null;
const stores = new Set<Store>();

function createMetrics() {
  client.collectDefaultMetrics({ prefix: 'moot_' });
  const requests = new client.Counter({ name: 'moot_http_requests_total', help: 'HTTP requests answered, by route pattern, method and status', labelNames: ['route', 'method', 'status'] });
  const duration = new client.Histogram({
    name: 'moot_http_request_duration_seconds', help: 'Time to answer HTTP requests, by route pattern and method', labelNames: ['route', 'method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  new client.Gauge({
    name: 'moot_db_pool_connections', help: 'PostgreSQL pool connections by state (total, idle, waiting requests)', labelNames: ['state'],
    collect() {
      this.reset();
      for (const s of stores) {
        const p = s.pool?.();
        if (!p) continue;
        this.inc({ state: 'total' }, p.total);
        this.inc({ state: 'idle' }, p.idle);
        this.inc({ state: 'waiting' }, p.waiting);
      }
    },
  });
  new client.Gauge({ name: 'moot_job_queue_depth', help: 'Scheduled jobs due and not yet running anywhere, at the last check', collect() { this.set(jobRunnerStats().queueDepth); } });
  new client.Gauge({ name: 'moot_job_runs', help: 'Job runs by this process since it started, by outcome', labelNames: ['outcome'], collect() {
    const s = jobRunnerStats();
    this.set({ outcome: 'ok' }, s.runs);
    this.set({ outcome: 'failed' }, s.failures);
  } });
  new client.Gauge({ name: 'moot_page_cache_lookups', help: 'Public page cache lookups since start, by result', labelNames: ['result'], collect() {
    this.set({ result: 'hit' }, PAGE_CACHE_COUNTS.hits);
    this.set({ result: 'miss' }, PAGE_CACHE_COUNTS.misses);
  } });
  return { requests, duration };
}

function tokenMatches(given: string | undefined, expected: string): boolean {
  if (!given?.startsWith('Bearer ')) return false;
  const a = Buffer.from(given.slice(7));
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export default fp<{ store: Store }>(async (app, { store }) => {
  metrics ??= createMetrics();
  const m = metrics;
  stores.add(store);
  app.addHook('onClose', async () => { stores.delete(store); });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? (reply.statusCode === 404 ? '(not found)' : '(none)');
    m.requests.inc({ route, method: request.method, status: String(reply.statusCode) });
    m.duration.observe({ route, method: request.method }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (request, reply) => {
    const token = process.env.MOOT_METRICS_TOKEN;
    if (!token || !tokenMatches(request.headers.authorization, token)) return reply.callNotFound();
    reply.header('content-type', client.register.contentType).header('cache-control', 'no-store');
    return client.register.metrics();
  });
}, { name: 'moot-metrics' });

/** The metrics text for a port of their own (one process). */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  metrics ??= createMetrics();
  return { contentType: client.register.contentType, body: await client.register.metrics() };
}
