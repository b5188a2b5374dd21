// Liveness and readiness for load balancers and monitoring.
import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../../store/db.js';

const health: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.get('/healthz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(store.db);
      return { status: 'ok', database: store.dialect };
    } catch {
      reply.code(503);
      return { status: 'unavailable', database: store.dialect };
    }
  });
};

export default health;
