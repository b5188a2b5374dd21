// The archive: every year with meetings, and a year's meetings month by month (imported ones look like any other).
import type { FastifyPluginAsync } from 'fastify';
import { ValidationError } from '../../../errors.js';
import { origin, str } from './http.js';
import { archiveYears, bodyOptions, meetingsBetween } from '../../../services/meetings.js';
import { type Store } from '../../../services/unit.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const archive: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.get('/archive', async (request, reply) => {
    const years = await archiveYears(store.db);
    return reply.render('pages/public/archive.njk', { pageTitle: 'Archive of meetings', canonicalUrl: `${origin(request)}/archive`, years,
      breadcrumbs: [{ text: 'Home', href: '/' }] });
  });

  app.get<{ Params: { year: string }; Querystring: Record<string, string> }>('/archive/:year', async (request, reply) => {
    if (!/^\d{4}$/.test(request.params.year)) return reply.callNotFound();
    const year = request.params.year;
    const bodySlug = str(request.query.body);
    const [rows, bodies] = await Promise.all([meetingsBetween(store.db, { from: `${year}-01-01`, to: `${year}-12-31`, bodySlug }), bodyOptions(store.db)]);
    const body = bodySlug ? bodies.find((b) => b.slug === bodySlug) : undefined;
    if (bodySlug && !body) throw new ValidationError(`there is no committee "${bodySlug.slice(0, 60)}"`, 'body');
    const months = MONTHS.map((name, i) => ({ name, meetings: rows.filter((r) => Number(r.date.slice(5, 7)) === i + 1) })).filter((m) => m.meetings.length);
    return reply.render('pages/public/archive-year.njk', {
      pageTitle: `Meetings in ${year}${body ? `: ${body.name}` : ''}`, canonicalUrl: `${origin(request)}/archive/${year}${body ? `?body=${body.slug}` : ''}`,
      year, months, body, total: rows.length,
      bodyItems: [{ value: '', text: 'All committees' }, ...bodies.map((b) => ({ value: b.slug, text: b.name, selected: b.slug === bodySlug }))],
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Archive', href: '/archive' }],
    });
  });
};

export default archive;
