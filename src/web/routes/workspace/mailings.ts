// The clerk's record of papers emailed to members for a meeting: who, what, when, and whether it arrived.
import type { FastifyPluginAsync } from 'fastify';
import { papersSent } from '../../../services/mailings.js';
import { meetingOr404, meetingLabel, type WorkspaceOptions } from './common.js';

const mailings: FastifyPluginAsync<WorkspaceOptions> = async (app, options) => {
  const { store } = options;
  app.get('/workspace/meetings/:id/papers-sent', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    const rows = await papersSent(store, meeting.id);
    return reply.render('pages/workspace/papers-sent.njk', { pageTitle: `Papers sent to members: ${meetingLabel(meeting)}`, meeting, rows });
  });
};

export default mailings;
