// The calendar of meetings (month grid and list, filter by committee) and the iCalendar feeds. The feeds carry
// only public facts of meetings, the same for every viewer, so they may be cached publicly.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { MEETING_STATUS_LABELS, type MeetingStatus } from '../../../domain/types.js';
import { ValidationError } from '../../../errors.js';
import { formatDisplayDate } from '../../format.js';
import { meetingForCalendar } from '../../../services/feeds.js';
import { feedLinks } from './feeds.js';
import { origin, publicCache, str, tagCachedPage, todayIso } from './http.js';
import { renderCalendar, type CalendarEvent } from './ical.js';
import { getBody } from '../../../services/bodies.js';
import { RECORD_OUTLINE_TAG } from '../../../services/change-scope.js';
import { bodyOptions, meetingsBetween } from '../../../services/meetings.js';
import { type Store } from '../../../services/unit.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function monthParam(value: string | undefined, today: string): { year: number; month: number } {
  const v = value ?? today.slice(0, 7);
  const m = /^(\d{4})-(\d{2})$/.exec(v);
  if (!m || +m[2] < 1 || +m[2] > 12) throw new ValidationError(`month must look like 2012-01, not "${v.slice(0, 20)}"`, 'month');
  return { year: +m[1], month: +m[2] };
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function shift(y: number, m: number, by: number) {
  const t = y * 12 + (m - 1) + by;
  return { year: Math.floor(t / 12), month: (t % 12) + 1 };
}

type Row = Awaited<ReturnType<typeof meetingsBetween>>[number];

function toEvents(request: FastifyRequest, rows: Row[]): CalendarEvent[] {
  const base = origin(request);
  const host = new URL(base).host;
  return rows.map((m) => ({
    uid: `meeting-${m.id}@${host}`,
    date: m.date, time: m.time,
    summary: `${m.status === 'cancelled' ? 'CANCELLED: ' : ''}${m.body_name}`,
    location: m.venue, url: `${base}/meetings/${m.slug}`,
    description: `${m.body_name}. ${MEETING_STATUS_LABELS[m.status as MeetingStatus] ?? m.status}. Agenda and papers: ${base}/meetings/${m.slug}`,
    status: m.status === 'cancelled' ? 'CANCELLED' : m.status === 'postponed' ? 'TENTATIVE' : 'CONFIRMED',
    stamp: m.updated_at,
  }));
}

const calendar: FastifyPluginAsync<{ store: Store; today?: () => string }> = async (app, { store, today }) => {
  const page = async (request: FastifyRequest<{ Querystring: Record<string, string> }>, reply: import('fastify').FastifyReply) => {
    const now = todayIso(today);
    const { year, month } = monthParam(str(request.query.month), now);
    const view = request.query.view === 'list' ? 'list' : 'grid';
    const bodySlug = str(request.query.body);
    const first = iso(year, month, 1);
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const last = iso(year, month, daysInMonth);
    const [rows, bodies] = await Promise.all([meetingsBetween(store.db, { from: first, to: last, bodySlug }), bodyOptions(store.db)]);
    if (bodySlug && !bodies.some((b) => b.slug === bodySlug)) throw new ValidationError(`there is no committee "${bodySlug.slice(0, 60)}"`, 'body');
    tagCachedPage(request, RECORD_OUTLINE_TAG); // meetings as listed and committees: no person, nothing recorded at a meeting
    // Weeks Monday to Sunday; days outside the month are blank cells.
    const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
    const cells: ({ day: number; date: string; meetings: Row[]; today: boolean } | null)[] = Array(lead).fill(null);
    for (let d = 1; d <= daysInMonth; d++) {
      const date = iso(year, month, d);
      cells.push({ day: d, date, meetings: rows.filter((r) => r.date === date), today: date === now });
    }
    while (cells.length % 7) cells.push(null);
    const weeks = [];
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
    const prev = shift(year, month, -1), next = shift(year, month, 1);
    const link = (y: number, m: number) => `/calendar?month=${iso(y, m, 1).slice(0, 7)}${bodySlug ? `&body=${encodeURIComponent(bodySlug)}` : ''}${view === 'list' ? '&view=list' : ''}`;
    const bodyName = bodies.find((b) => b.slug === bodySlug)?.name;
    return reply.render('pages/public/calendar.njk', {
      pageTitle: `Meetings in ${MONTHS[month - 1]} ${year}${bodyName ? `: ${bodyName}` : ''}`,
      canonicalUrl: `${origin(request)}${link(year, month)}`,
      monthLabel: `${MONTHS[month - 1]} ${year}`, month: first.slice(0, 7), view, weeks, rows, bodySlug, bodyName,
      bodyItems: [{ value: '', text: 'All committees' }, ...bodies.map((b) => ({ value: b.slug, text: b.name, selected: b.slug === bodySlug }))],
      prevLink: link(prev.year, prev.month), prevLabel: `${MONTHS[prev.month - 1]} ${prev.year}`,
      nextLink: link(next.year, next.month), nextLabel: `${MONTHS[next.month - 1]} ${next.year}`,
      gridLink: link(year, month).replace('&view=list', ''), listLink: `${link(year, month).replace('&view=list', '')}&view=list`,
      feeds: bodySlug ? feedLinks(`/bodies/${bodySlug}/feed`, `${bodyName}: agendas and minutes`) : feedLinks('/meetings/feed', 'Agendas and minutes'),
      feedUrl: bodySlug ? `/bodies/${bodySlug}/calendar.ics` : '/calendar.ics',
      breadcrumbs: [{ text: 'Home', href: '/' }],
    });
  };
  app.get('/calendar', page);
  app.get('/meetings', page);

  // Feeds: a year back and everything ahead.
  const feedWindow = () => {
    const now = todayIso(today);
    return { from: `${Number(now.slice(0, 4)) - 1}${now.slice(4)}`, to: '9999-12-31' };
  };
  app.get('/calendar.ics', async (request, reply) => {
    const rows = await meetingsBetween(store.db, feedWindow());
    publicCache(reply);
    return reply.type('text/calendar; charset=utf-8').send(renderCalendar('Council meetings', toEvents(request, rows)));
  });
  app.get<{ Params: { slug: string } }>('/bodies/:slug/calendar.ics', async (request, reply) => {
    const body = await getBody(store.db, request.params.slug);
    if (!body) return reply.callNotFound();
    const rows = await meetingsBetween(store.db, { ...feedWindow(), bodySlug: body.slug });
    publicCache(reply);
    return reply.type('text/calendar; charset=utf-8').send(renderCalendar(`${body.name} meetings`, toEvents(request, rows)));
  });
  // One meeting, to add to a calendar from its page.
  app.get<{ Params: { slug: string } }>('/meetings/:slug/calendar.ics', async (request, reply) => {
    const meeting = await meetingForCalendar(store.db, request.params.slug);
    if (!meeting) return reply.callNotFound();
    publicCache(reply);
    reply.header('content-disposition', `attachment; filename="${meeting.slug}.ics"`);
    return reply.type('text/calendar; charset=utf-8').send(renderCalendar(`${meeting.body_name}, ${formatDisplayDate(meeting.date)}`, toEvents(request, [meeting])));
  });
};

export default calendar;
