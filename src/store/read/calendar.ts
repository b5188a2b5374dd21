// Meetings by date: the calendar (month grid and list), the iCalendar feeds, the archive by year and the home page.
import type { Queryable } from '../db.js';
import { executePrepared } from '../prepared.js';
import { sharedRead } from '../shared-read.js';

export interface CalendarFilter {
  from: string;
  to: string;
  bodySlug?: string;
  limit?: number;
}

export function meetingsBetween(db: Queryable, f: CalendarFilter) {
  let q = db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.slug', 'meeting.date', 'meeting.time', 'meeting.venue', 'meeting.status', 'meeting.status_reason',
      'meeting.updated_at', 'meeting.created_at', 'body.name as body_name', 'body.slug as body_slug'])
    .where('meeting.date', '>=', f.from).where('meeting.date', '<=', f.to);
  if (f.bodySlug) q = q.where('body.slug', '=', f.bodySlug);
  q = q.orderBy('meeting.date').orderBy('meeting.time').orderBy('meeting.id');
  if (f.limit) q = q.limit(f.limit);
  return q.execute();
}

/** One meeting's public facts for its own iCalendar file. */
export function meetingForCalendar(db: Queryable, slug: string) {
  return db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.slug', 'meeting.date', 'meeting.time', 'meeting.venue', 'meeting.status', 'meeting.status_reason',
      'meeting.updated_at', 'meeting.created_at', 'body.name as body_name', 'body.slug as body_slug'])
    .where('meeting.slug', '=', slug).executeTakeFirst();
}


// Every search page asks for it (and the archive's and calendar's): kept prepared (prepared.ts), and shared by the
// requests that come while it is being read (shared-read.ts): a search request sent PostgreSQL three statements, each
// a round trip whose sending was a fifth of Node's CPU (issue 17). Frozen: every caller gets the same rows.
const readBodyOptions = sharedRead(async (db: Queryable) => {
  const rows = await executePrepared(db, db.selectFrom('body').select(['slug', 'name']).orderBy('name'));
  return Object.freeze(rows.map((r) => Object.freeze(r)));
});

/** The committees, by name, for the filters of the search, archive and calendar pages. */
export function bodyOptions(db: Queryable): Promise<readonly Readonly<{ slug: string; name: string }>[]> {
  return readBodyOptions(db);
}

export async function archiveYears(db: Queryable) {
  const rows = await db.selectFrom('meeting').select((eb) => [eb.fn('substr', ['date', eb.val(1), eb.val(4)]).as('year'), eb.fn.countAll<number>().as('count')])
    .groupBy('year').orderBy('year', 'desc').execute();
  return rows.map((r) => ({ year: String(r.year), count: Number(r.count) }));
}

export async function readHome(db: Queryable, today: string) {
  const [upcoming, recent] = await Promise.all([
    meetingsBetween(db, { from: today, to: '9999-12-31', limit: 8 }),
    db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
      .select(['meeting.slug', 'meeting.date', 'meeting.time', 'meeting.status', 'body.name as body_name'])
      .where('meeting.date', '<', today).orderBy('meeting.date', 'desc').orderBy('meeting.time', 'desc').limit(6).execute(),
  ]);
  return { upcoming, recent };
}
