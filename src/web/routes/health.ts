// Liveness and readiness for load balancers and monitoring: /livez answers while the process runs; /readyz (and
// the older /healthz) say 503 while the database is unreachable, so a proxy sends requests elsewhere.
import type { FastifyPluginAsync } from 'fastify';
import { databaseReady } from '../../services/health.js';
import type { Store } from '../../services/unit.js';

const health: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.get('/livez', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok', pid: process.pid, uptimeSeconds: Math.round(process.uptime()) };
  });
  const ready = async (_request: unknown, reply: import('fastify').FastifyReply) => {
    reply.header('cache-control', 'no-store');
    const r = await databaseReady(store);
    if (!r.ok) {
      reply.code(503).header('retry-after', '5');
      return { status: 'unavailable', database: store.dialect, error: r.error };
    }
    return { status: 'ok', database: store.dialect, ms: r.ms };
  };
  app.get('/readyz', ready);
  app.get('/healthz', ready);
};

export default health;
