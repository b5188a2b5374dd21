// A meeting's page, its items' pages, and its pack downloads (public, supplementary, earlier versions).
import type { FastifyPluginAsync } from 'fastify';
import { formatDisplayDate } from '../../format.js';
import { BODY_KIND_LABELS, MEETING_STATUS_LABELS, type BodyKind, type MeetingStatus } from '../../../domain/types.js';
import { itemDataReports } from '../../../services/data.js';
import { feedLinks } from './feeds.js';
import { origin, tagCachedPage } from './http.js';
import { packForViewer } from '../../../services/documents.js';
import { getMeeting, meetingPage, PACK_FILE_BASES, type MeetingPage } from '../../../services/meetings.js';
import { type Store } from '../../../services/unit.js';
import { errorPage } from '../../forms.js';
import { scriptJson } from '../../render/html.js';
import { isDeepFrozen } from '../../../services/frozen.js';

const STATUS_COLOURS: Record<string, string> = {
  scheduled: 'grey', 'agenda-published': 'blue', held: 'turquoise', 'minutes-drafted': 'yellow', 'minutes-approved': 'green', cancelled: 'red', postponed: 'orange',
};

export function statusTag(status: string) {
  return { text: MEETING_STATUS_LABELS[status as MeetingStatus] ?? status, classes: `govuk-tag--${STATUS_COLOURS[status] ?? 'grey'}` };
}

/** Each frozen page's JSON-LD at its address (issue 17): made from the page's meeting and body, which never change. */
const jsonLdOf = new WeakMap<MeetingPage, { url: string; json: string }>();

/** schema.org Event for search engines; only public facts. */
function eventJsonLd(page: MeetingPage, url: string): string {
  const kept = jsonLdOf.get(page);
  if (kept?.url === url) return kept.json;
  const json = eventJson(page, url);
  if (isDeepFrozen(page)) jsonLdOf.set(page, { url, json });
  return json;
}

function eventJson(page: MeetingPage, url: string): string {
  const m = page.meeting;
  const start = m.time ? `${m.date}T${m.time}:00` : m.date;
  const status = m.status === 'cancelled' ? 'https://schema.org/EventCancelled' : m.status === 'postponed' ? 'https://schema.org/EventPostponed' : 'https://schema.org/EventScheduled';
  const data = {
    '@context': 'https://schema.org', '@type': 'Event', name: `${page.body.name}, ${formatDisplayDate(m.date)}`, startDate: start, eventStatus: status,
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode', url,
    location: m.venue ? { '@type': 'Place', name: m.venue, address: m.venue } : undefined,
    organizer: { '@type': 'Organization', name: page.body.name },
  };
  return scriptJson(data);
}

const PACK_KIND: Record<string, string> = Object.fromEntries(Object.entries(PACK_FILE_BASES).map(([kind, base]) => [base, kind]));
const PACK_FILE = new RegExp(`^(${Object.keys(PACK_KIND).join('|')})(?:-(confidential))?(?:-v(\\d+))?\\.pdf$`);

const meetings: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.get<{ Params: { slug: string } }>('/meetings/:slug', async (request, reply) => {
    const page = await meetingPage(store, request.params.slug, request.viewer, request.changeCounts);
    if (!page) return reply.callNotFound();
    tagCachedPage(request, `meeting:${page.meeting.id}`);
    const url = `${origin(request)}/meetings/${page.meeting.slug}`;
    return reply.render('pages/public/meeting.njk', {
      pageTitle: `${page.body.name}, ${formatDisplayDate(page.meeting.date)}`,
      canonicalUrl: url,
      page,
      statusTag: statusTag(page.meeting.status),
      bodyKindLabel: BODY_KIND_LABELS[page.body.kind as BodyKind] ?? page.body.kind,
      jsonLd: eventJsonLd(page, url),
      feeds: feedLinks(`/bodies/${page.body.slug}/feed`, `${page.body.name}: agendas and minutes`), alertsHref: `/alerts?body=${page.body.slug}`, alertsLabel: `about ${page.body.name}`,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Committees', href: '/bodies' }, { text: page.body.name, href: `/bodies/${page.body.slug}` }],
    });
  });

  app.get<{ Params: { slug: string; code: string } }>('/meetings/:slug/items/:code', async (request, reply) => {
    const page = await meetingPage(store, request.params.slug, request.viewer, request.changeCounts);
    const item = page?.items.find((i) => i.code === request.params.code);
    if (!page || !item) return reply.callNotFound();
    tagCachedPage(request, `meeting:${page.meeting.id}`);
    const url = `${origin(request)}/meetings/${page.meeting.slug}/items/${encodeURIComponent(item.code)}`;
    return reply.render('pages/public/item.njk', {
      pageTitle: `${item.code}: ${item.title} – ${page.body.name}, ${formatDisplayDate(page.meeting.date)}`,
      canonicalUrl: url,
      page,
      item,
      minutes: page.minutes.filter((m) => m.itemCode === item.code),
      decisions: page.decisions.filter((d) => d.itemCode === item.code),
      declarations: page.declarations.filter((d) => d.itemCode === item.code),
      dataReports: await itemDataReports(store.db, request.viewer, item.id, item.restricted),
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: page.body.name, href: `/bodies/${page.body.slug}` },
        { text: `Meeting on ${formatDisplayDate(page.meeting.date)}`, href: `/meetings/${page.meeting.slug}` }],
    });
  });

  app.get<{ Params: { slug: string; file: string } }>('/meetings/:slug/:file', async (request, reply) => {
    const m = PACK_FILE.exec(request.params.file);
    if (!m) return reply.callNotFound();
    const meeting = await getMeeting(store.db, request.params.slug);
    if (!meeting) return reply.callNotFound();
    const audience = m[2] ?? 'public';
    const file = await packForViewer(store.db, request.viewer, meeting, PACK_KIND[m[1]], audience, m[3] ? Number(m[3]) : null);
    if (file === 'restricted') {
      reply.header('cache-control', 'private, no-store');
      return errorPage(reply, 403, audience === 'public'
        ? { pageTitle: 'This pack was withdrawn', heading: 'This pack was withdrawn', message: 'An item in this pack has since been made exempt (Schedule 12A of the Local Government Act 1972). The current public pack is on the meeting page.' }
        : { pageTitle: 'This pack is restricted', heading: 'This pack is restricted', message: 'The confidential pack contains exempt information (Schedule 12A of the Local Government Act 1972). The public pack is on the meeting page.' });
    }
    if (!file) return reply.callNotFound();
    // Always revalidated against the ETag the public scope puts on every response (a corrected or withdrawn pack must
    // never be served from a cache): no max-age.
    reply.header('cache-control', file.exempt ? 'private, no-cache' : 'public, no-cache').header('x-content-type-options', 'nosniff');
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${meeting.slug}-${request.params.file}"`).send(Buffer.from(file.bytes));
  });
};

export default meetings;
