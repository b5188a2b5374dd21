// What the Atom and RSS feeds are made of: published agendas (and supplementary packs) and minutes, decisions,
// and a councillor's meetings, recorded votes and declarations. The queries fetch candidates newest first; the
// service (services/feeds.ts) asks the one policy which of them the public may see.
import type { Queryable } from '../db.js';

export interface FeedScope {
  bodyId?: number;
  meetingId?: number;
  limit: number;
}

/** Meetings whose agenda or minutes may have been published, newest first (the policy decides which have). */
export function feedMeetings(db: Queryable, f: FeedScope) {
  let q = db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.slug', 'meeting.date', 'meeting.time', 'meeting.venue', 'meeting.status', 'meeting.historic', 'meeting.agenda_published_at',
      'meeting.published_on', 'meeting.created_at', 'meeting.updated_at', 'meeting.body_id', 'body.name as body_name', 'body.slug as body_slug'])
    // Candidates only: a meeting still "scheduled" with no publication recorded has nothing published.
    .where((eb) => eb.or([eb('meeting.status', '!=', 'scheduled'), eb('meeting.agenda_published_at', 'is not', null), eb('meeting.historic', '=', 1)]));
  if (f.bodyId !== undefined) q = q.where('meeting.body_id', '=', f.bodyId);
  if (f.meetingId !== undefined) q = q.where('meeting.id', '=', f.meetingId);
  return q.orderBy('meeting.date', 'desc').orderBy('meeting.id', 'desc').limit(f.limit).execute();
}

/** The public supplementary packs of some meetings (their dates make feed entries before anything else is read). */
export function feedSupplements(db: Queryable, meetingIds: number[]) {
  if (!meetingIds.length) return Promise.resolve([]);
  return db.selectFrom('publication').select(['meeting_id', 'version', 'published_at', 'items_json'])
    .where('meeting_id', 'in', meetingIds).where('kind', '=', 'supplementary').where('audience', '=', 'public').orderBy('version').execute();
}

/**
 * What the entries that made a feed are about: the agenda sections and items of the meetings whose agenda (or
 * supplementary) entries are in it, and the minutes of those whose minutes entries are (items too: a minute of an
 * exempt item is exempt).
 */
export async function feedMeetingContents(db: Queryable, agendaMeetingIds: number[], minutesMeetingIds: number[]) {
  const both = [...new Set([...agendaMeetingIds, ...minutesMeetingIds])];
  if (!both.length) return { sections: [], items: [], minutes: [] };
  const [sections, items, minutes] = await Promise.all([
    db.selectFrom('agenda_section').select(['id', 'meeting_id', 'exempt']).where('meeting_id', 'in', both).execute(),
    db.selectFrom('agenda_item').select(['id', 'meeting_id', 'section_id', 'position', 'code', 'title', 'exempt', 'withdrawn'])
      .where('meeting_id', 'in', both).orderBy('meeting_id').orderBy('position').execute(),
    minutesMeetingIds.length
      ? db.selectFrom('minute').select(['id', 'meeting_id', 'agenda_item_id', 'position', 'number', 'title', 'exempt'])
        .where('meeting_id', 'in', minutesMeetingIds).orderBy('meeting_id').orderBy('position').execute()
      : Promise.resolve([]),
  ]);
  return { sections, items, minutes };
}

export function feedBody(db: Queryable, slug: string) {
  return db.selectFrom('body').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

export function feedPerson(db: Queryable, slug: string) {
  return db.selectFrom('person').select(['id', 'slug', 'title', 'initials', 'forenames', 'surname', 'post_nominals', 'match_key', 'kind'])
    .where('slug', '=', slug).where('kind', 'in', ['councillor', 'co-opted']).executeTakeFirst();
}

/** Held meetings of the bodies a person sat on (or attended), newest first, with their attendance if recorded. */
export async function personMeetings(db: Queryable, personId: number, limit: number) {
  const attended = db.selectFrom('attendance').select('meeting_id').where('person_id', '=', personId);
  const member = db.selectFrom('membership').select('body_id').where('person_id', '=', personId);
  const meetings = await db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.slug', 'meeting.date', 'meeting.status', 'meeting.historic', 'meeting.agenda_published_at', 'meeting.updated_at', 'meeting.body_id',
      'body.name as body_name'])
    .where((eb) => eb.or([eb('meeting.id', 'in', attended), eb('meeting.body_id', 'in', member)]))
    .where('meeting.status', 'in', ['held', 'minutes-drafted', 'minutes-approved'])
    .orderBy('meeting.date', 'desc').orderBy('meeting.id', 'desc').limit(limit).execute();
  const ids = meetings.map((m) => m.id);
  const attendance = ids.length
    ? await db.selectFrom('attendance').select(['meeting_id', 'kind', 'role', 'substitute_for_name', 'substitute_for_person_id']).where('person_id', '=', personId).where('meeting_id', 'in', ids)
      .where('for_item_id', 'is', null).execute()
    : [];
  return { meetings, attendance };
}

export function personDeclarations(db: Queryable, personId: number, limit: number) {
  return db.selectFrom('declaration').innerJoin('meeting', 'meeting.id', 'declaration.meeting_id').innerJoin('body', 'body.id', 'meeting.body_id')
    .leftJoin('agenda_item', 'agenda_item.id', 'declaration.agenda_item_id').leftJoin('agenda_section', 'agenda_section.id', 'agenda_item.section_id')
    .select(['declaration.id', 'declaration.kind', 'declaration.nature', 'declaration.dispensation', 'meeting.id as meeting_id', 'meeting.slug as meeting_slug',
      'meeting.date', 'meeting.status', 'meeting.historic', 'meeting.agenda_published_at', 'meeting.updated_at', 'meeting.body_id', 'body.name as body_name',
      'agenda_item.code as item_code', 'agenda_item.title as item_title', 'agenda_item.exempt as item_exempt', 'agenda_section.exempt as section_exempt'])
    .where('declaration.person_id', '=', personId).orderBy('meeting.date', 'desc').orderBy('declaration.id', 'desc').limit(limit).execute();
}

/** Minutes with recorded votes at meetings of the bodies a person sat on or attended, newest first. */
export function minutesWithVotes(db: Queryable, personId: number, limit: number) {
  const attended = db.selectFrom('attendance').select('meeting_id').where('person_id', '=', personId);
  const member = db.selectFrom('membership').select('body_id').where('person_id', '=', personId);
  return db.selectFrom('minute').innerJoin('meeting', 'meeting.id', 'minute.meeting_id').innerJoin('body', 'body.id', 'meeting.body_id')
    .leftJoin('agenda_item', 'agenda_item.id', 'minute.agenda_item_id').leftJoin('agenda_section', 'agenda_section.id', 'agenda_item.section_id')
    .select(['minute.id', 'minute.number', 'minute.title', 'minute.exempt', 'minute.votes_json', 'meeting.id as meeting_id', 'meeting.slug as meeting_slug',
      'meeting.date', 'meeting.status', 'meeting.historic', 'meeting.agenda_published_at', 'meeting.updated_at', 'meeting.body_id', 'body.name as body_name',
      'agenda_item.code as item_code', 'agenda_item.exempt as item_exempt', 'agenda_section.exempt as section_exempt'])
    .where('minute.votes_json', '!=', '[]')
    .where((eb) => eb.or([eb('meeting.id', 'in', attended), eb('meeting.body_id', 'in', member)]))
    .orderBy('meeting.date', 'desc').orderBy('minute.position').limit(limit).execute();
}
