// The home page: upcoming meetings, recent meetings and the council's bodies.
import type { FastifyPluginAsync } from 'fastify';
import { listBodies } from '../../store/bodies.js';
import type { Store } from '../../store/db.js';
import { listMeetings } from '../../store/meetings.js';

const home: FastifyPluginAsync<{ store: Store; today?: () => string }> = async (app, { store, today }) => {
  const todayIso = today ?? (() => new Date().toISOString().slice(0, 10));
  app.get('/', async (_request, reply) => {
    const now = todayIso();
    const [bodies, upcoming, recent] = await Promise.all([
      listBodies(store.db),
      listMeetings(store.db, { from: now, order: 'asc', limit: 10 }),
      listMeetings(store.db, { to: now, order: 'desc', limit: 10 }),
    ]);
    return reply.render('pages/home.njk', { bodies, upcoming, recent });
  });
};

export default home;
