// The workspace home: meetings coming up or recently held, each with what is still missing.
import type { FastifyPluginAsync } from 'fastify';
import { councilCalendar, todayOf, type WorkspaceOptions } from './common.js';
import { decisionsToDo, meetingsToDo } from '../../../services/meetings.js';

const home: FastifyPluginAsync<WorkspaceOptions> = async (app, options) => {
  const { store } = options;
  app.get('/workspace', async (_request, reply) => {
    const today = todayOf(options);
    const meetings = await meetingsToDo(store.db, today, await councilCalendar(store.db));
    const decisions = await decisionsToDo(store.db, today);
    // What is due, by kind, each with the meetings or decisions concerned and the nearest date it is due by.
    const count = (kind: string) => meetings.filter((m) => m.tasks.some((t) => t.kind === kind));
    const nextDue = (kind: string) => meetings.flatMap((m) => m.tasks.filter((t) => t.kind === kind && t.due).map((t) => t.due as string)).sort()[0] ?? null;
    const due = [
      { text: 'Agendas to publish', count: count('agenda').length, by: nextDue('agenda'), overdue: meetings.some((m) => m.tasks.some((t) => t.kind === 'agenda' && t.overdue)) },
      { text: 'Meetings with papers to follow or missing', count: count('papers').length, by: nextDue('papers') },
      { text: 'Meetings to mark as held', count: count('held').length },
      { text: 'Minutes to write', count: count('minutes-write').length },
      { text: 'Draft minutes to publish', count: count('minutes-publish').length },
      { text: 'Minutes awaiting approval', count: count('minutes-approve').length },
      { text: 'Decisions to publish', count: decisions.toPublish.length, href: '/workspace/decisions' },
      { text: 'Call-in periods running', count: decisions.callInRunning.length, by: decisions.callInRunning.map((d) => d.callInEndsOn as string).sort()[0] ?? null, href: '/workspace/call-ins', ends: true },
    ];
    return reply.render('pages/workspace/home.njk', { pageTitle: 'Democratic Services workspace', meetings, decisions, due, today, columnClass: 'govuk-grid-column-full' });
  });
};

export default home;
