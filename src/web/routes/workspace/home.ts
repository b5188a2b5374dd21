// The workspace home: meetings coming up or recently held, each with what is still missing.
import type { FastifyPluginAsync } from 'fastify';
import { councilCalendar, guard, todayOf, type WorkspaceOptions } from './common.js';
import { meetingsToDo } from '../../../services/meetings.js';

const home: FastifyPluginAsync<WorkspaceOptions> = async (app, options) => {
  const { store } = options;
  app.get('/workspace', { preHandler: guard }, async (_request, reply) => {
    const today = todayOf(options);
    const meetings = await meetingsToDo(store.db, today, await councilCalendar(store.db));
    return reply.render('pages/workspace/home.njk', { pageTitle: 'Democratic Services workspace', meetings, today, columnClass: 'govuk-grid-column-full' });
  });
};

export default home;
