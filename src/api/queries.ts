// List queries of the API that page in SQL (meetings and decisions can run to thousands), with the same visibility
// rules as the pages: exempt records of decision and drafts stay out unless the policy lets the viewer see them.
import type { Viewer } from '../domain/policy.js';
import type { Queryable } from '../store/db.js';
import { filteredDecisions } from '../store/read/decisions.js';
import { decisionVisible, exemptFilter } from '../store/read/visibility.js';
import type { SearchViewer } from '../store/search/index.js';

export interface MeetingListFilter {
  body?: string;
  from?: string;
  to?: string;
  status?: string;
  limit: number;
  offset: number;
}

export async function listMeetingsPage(db: Queryable, f: MeetingListFilter) {
  let q = db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id');
  if (f.body) q = q.where('body.slug', '=', f.body);
  if (f.from) q = q.where('meeting.date', '>=', f.from);
  if (f.to) q = q.where('meeting.date', '<=', f.to);
  if (f.status) q = q.where('meeting.status', '=', f.status);
  const [rows, count] = await Promise.all([
    q.select(['meeting.id', 'meeting.slug', 'meeting.date', 'meeting.time', 'meeting.venue', 'meeting.status', 'meeting.historic',
      'body.id as body_id', 'body.slug as body_slug', 'body.name as body_name'])
      .orderBy('meeting.date', 'desc').orderBy('meeting.time', 'desc').orderBy('meeting.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((m) => ({ id: m.id, slug: m.slug, date: m.date, time: m.time, venue: m.venue, status: m.status, historic: !!m.historic,
      body: { id: m.body_id, slug: m.body_slug, name: m.body_name }, url: `/api/v1/meetings/${m.slug}` })),
    total: Number(count.n), limit: f.limit, offset: f.offset,
  };
}

export interface DecisionListFilter {
  taker?: string;
  key?: boolean;
  from?: string;
  to?: string;
  status?: string;
  limit: number;
  offset: number;
}

export async function listDecisionsPage(db: Queryable, viewer: Viewer, f: DecisionListFilter) {
  const q = filteredDecisions(db, viewer, f);
  const [rows, count] = await Promise.all([
    q.select(['decision.slug', 'decision.number', 'decision.subject', 'decision.taker_kind', 'decision.taker_name', 'decision.taken_on', 'decision.status',
      'decision.key_decision', 'decision.urgent', 'decision.classification', 'decision.taker_body_id', 'decision.meeting_id', 'decision.published_on', 'decision.call_in_ends_on'])
      .orderBy('decision.taken_on', 'desc').orderBy('decision.year', 'desc').orderBy('decision.seq', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  // The SQL filter above is the policy's exempt scope; asking the policy again per row keeps the two from drifting.
  const items = rows.filter((d) => decisionVisible(viewer, d)).map((d) => ({
    slug: d.slug, number: d.number, subject: d.subject, takerKind: d.taker_kind, takerName: d.taker_name, takenOn: d.taken_on, status: d.status,
    key: !!d.key_decision, urgent: !!d.urgent, classification: d.classification, publishedOn: d.published_on, callInEndsOn: d.call_in_ends_on,
    url: `/api/v1/decisions/${d.slug}`,
  }));
  return { items, total: Number(count.n), limit: f.limit, offset: f.offset };
}

/** The viewer as search sees it: the meetings whose exempt entries they may find. */
export async function searchViewerOf(db: Queryable, viewer: Viewer): Promise<SearchViewer> {
  const scope = exemptFilter(viewer);
  if (scope.all) return { exemptMeetingIds: 'all' };
  if (!scope.bodyIds.length && !scope.meetingIds.length) return { exemptMeetingIds: 'none' };
  const ids = new Set(scope.meetingIds);
  if (scope.bodyIds.length) {
    for (const r of await db.selectFrom('meeting').select('id').where('body_id', 'in', scope.bodyIds).execute()) ids.add(r.id);
  }
  return { exemptMeetingIds: [...ids] };
}
