// Liveness, readiness, request ids and metrics; and on PostgreSQL, a database that goes away gives clean 503s
// (not 500s) and the service recovers by itself when it is back.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { registerPortal } from '../../src/server.js';
import { buildApp } from '../../src/web/app.js';
import { createPostgresTestDatabase, postgresReachable, PG_REQUIRED, STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

describe.each(STORE_KINDS)('health and metrics on %s', (kind) => {
  const get = useTestStore(kind);

  it('answers /livez and /readyz, tags each response with a request id, and serves metrics only with the token', async (ctx) => {
    const t = get(ctx);
    const app = await buildApp({ store: t.store });
    try {
      const live = await app.inject('/livez');
      expect(live.statusCode).toBe(200);
      expect(live.json()).toMatchObject({ status: 'ok' });
      const ready = await app.inject('/readyz');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ok', database: kind });
      expect(ready.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect((await app.inject({ url: '/livez', headers: { 'x-request-id': 'proxy-abc.123' } })).headers['x-request-id']).toBe('proxy-abc.123');
      expect((await app.inject({ url: '/livez', headers: { 'x-request-id': 'bad id <script>' } })).headers['x-request-id']).not.toContain('<');

      process.env.MOOT_METRICS_TOKEN = 'secret-metrics-token';
      expect((await app.inject('/metrics')).statusCode).toBe(404);
      expect((await app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).not.toBe(200);
      const m = await app.inject({ url: '/metrics', headers: { authorization: 'Bearer secret-metrics-token' } });
      expect(m.statusCode).toBe(200);
      expect(m.body).toMatch(/moot_http_requests_total\{route="\/readyz",method="GET",status="200"\} \d+/);
      expect(m.body).toMatch(/moot_http_request_duration_seconds_bucket\{le="0.1",route="\/livez",method="GET"\} \d+/);
      expect(m.body).toContain('moot_job_queue_depth');
      expect(m.body).toContain('moot_page_cache_lookups{result="hit"}');
      if (kind === 'postgres') expect(m.body).toMatch(/moot_db_pool_connections\{state="total"\} [1-9]/);
    } finally {
      delete process.env.MOOT_METRICS_TOKEN;
      await app.close();
    }
  });
});

/** A TCP relay to PostgreSQL that the test can cut and restore, as if the server restarted. */
async function relay(): Promise<{ port: number; cut(): void; restore(): Promise<void>; close(): void }> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () => new Promise<void>((resolve) => {
    server = createServer((client) => {
      const upstream = connect(5432, '127.0.0.1');
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const end = () => { client.destroy(); upstream.destroy(); };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    server.listen(port, '127.0.0.1', () => {
      port = (server?.address() as { port: number }).port;
      resolve();
    });
  });
  await listen();
  const cut = () => {
    server?.close();
    server = null;
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return { port, cut, restore: listen, close: cut };
}

describe('PostgreSQL going away', () => {
  it('gives 503 with Retry-After while the database is unreachable, and recovers by itself', async (ctx) => {
    if (!(await postgresReachable())) {
      if (PG_REQUIRED) throw new Error('PostgreSQL is required');
      ctx.skip('no PostgreSQL server');
    }
    const pgdb = await createPostgresTestDatabase();
    const r = await relay();
    const url = new URL(pgdb.url);
    url.port = String(r.port);
    const store = await openStore({ dataDir: '/nonexistent', databaseUrl: url.toString() });
    const app = await buildApp({ store, routes: registerPortal() });
    try {
      expect((await app.inject('/readyz')).statusCode).toBe(200);
      expect((await app.inject('/account/sign-in')).statusCode).toBe(200);
      r.cut();
      const ready = await app.inject('/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['retry-after']).toBe('5');
      const page = await app.inject({ url: '/account/sign-in', headers: { cookie: 'moot_session=abc' } });
      expect([200, 503]).toContain(page.statusCode); // a page that needs no database may still render
      const api = await app.inject({ url: '/api/v1/bodies', headers: { accept: 'application/json' } });
      expect(api.statusCode).toBe(503);
      expect((await app.inject('/livez')).statusCode).toBe(200);
      await r.restore();
      const started = Date.now();
      let status = 0;
      while (Date.now() - started < 5000) {
        status = (await app.inject('/readyz')).statusCode;
        if (status === 200) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      expect(status).toBe(200);
    } finally {
      await app.close();
      await store.close();
      r.close();
      await pgdb.drop();
    }
  }, 60_000);
});
