// The clerk's workspace (Democratic Services): the folder's one guard, requireAction('manage-record'), is a hook
// on this plugin, so it runs before every route the files below register (none states it again); every
// form posts the CSRF token, and every change is written with its audit entry in one transaction.
import type { FastifyPluginAsync } from 'fastify';
import agenda from './agenda.js';
import attendance from './attendance.js';
import bodies from './bodies.js';
import { addWorkspaceFilters, guard, type WorkspaceOptions } from './common.js';
import cycle from './cycle.js';
import data from './data.js';
import decisions from './decisions.js';
import declarations from './declarations.js';
import groups from './groups.js';
import home from './home.js';
import mailings from './mailings.js';
import webhooks from './webhooks.js';
import meetings from './meetings.js';
import memberships from './memberships.js';
import minutes from './minutes.js';
import papers from './papers.js';
import people from './people.js';
import publish from './publish.js';
import reviews from './reviews.js';

const workspace: FastifyPluginAsync<WorkspaceOptions> = async (app, options) => {
  addWorkspaceFilters(app.views);
  // Encapsulated (not fastify-plugin): the hook covers this folder's routes and nothing outside it.
  app.addHook('preHandler', guard);
  for (const plugin of [home, bodies, groups, people, memberships, meetings, agenda, papers, publish, attendance, declarations, minutes, decisions, mailings, cycle, reviews, data, webhooks]) {
    await app.register(plugin, options);
  }
};

export default workspace;
