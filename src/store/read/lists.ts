// Lists that page in SQL (meetings and decisions can run to thousands), with the same visibility rules as the
// pages: exempt records of decision and drafts stay out unless the policy lets the viewer see them.
import type { Viewer } from '../../domain/policy.js';
import type { Queryable } from '../db.js';
import { filteredDecisions, type DecisionFilter } from './decisions.js';
import { decisionVisible } from './visibility.js';

export interface MeetingListFilter {
  body?: string;
  from?: string;
  to?: string;
  status?: string;
  limit: number;
  offset: number;
}

export async function pageOfMeetings(db: Queryable, f: MeetingListFilter) {
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
  return { rows, total: Number(count.n) };
}

export interface DecisionListFilter extends DecisionFilter {
  limit: number;
  offset: number;
}

export async function pageOfDecisions(db: Queryable, viewer: Viewer, f: DecisionListFilter) {
  const q = filteredDecisions(db, viewer, f);
  const [rows, count] = await Promise.all([
    q.select(['decision.slug', 'decision.number', 'decision.subject', 'decision.taker_kind', 'decision.taker_name', 'decision.taken_on', 'decision.status',
      'decision.key_decision', 'decision.urgent', 'decision.classification', 'decision.taker_body_id', 'decision.meeting_id', 'decision.published_on', 'decision.call_in_ends_on',
      'decision.contains_exempt_information', 'decision.exempt_paragraphs'])
      .orderBy('decision.taken_on', 'desc').orderBy('decision.year', 'desc').orderBy('decision.seq', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  // The SQL filter above is the policy's exempt scope; asking the policy again per row keeps the two from drifting.
  return { rows: rows.filter((d) => decisionVisible(viewer, d)), total: Number(count.n) };
}
