// The rows the open-data exports are made of (Popolo / Open Civic Data, bulk datasets, voting and attendance
// records): whole tables read in a few queries, optionally for one year of meetings. No rule is decided here; the
// service (services/open-data.ts) asks the one visibility rule about every row before anything leaves.
import type { Queryable } from '../db.js';
import { PACK_DOCUMENT_KINDS } from '../../domain/visibility.js';

export interface OpenDataScope {
  /** Meetings (and what hangs off them) dated in this calendar year only. */
  year?: number;
  /** One person's meetings only (their voting and attendance record). */
  personId?: number;
}

function meetingQuery(db: Queryable, s: OpenDataScope) {
  let q = db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.slug', 'meeting.body_id', 'meeting.date', 'meeting.time', 'meeting.venue', 'meeting.status', 'meeting.historic',
      'meeting.agenda_published_at', 'meeting.webcast_url', 'meeting.published_on', 'meeting.created_at', 'meeting.updated_at', 'body.slug as body_slug', 'body.name as body_name']);
  if (s.year !== undefined) q = q.where('meeting.date', '>=', `${s.year}-01-01`).where('meeting.date', '<=', `${s.year}-12-31`);
  return q;
}

export function openDataMeetings(db: Queryable, s: OpenDataScope = {}) {
  return meetingQuery(db, s).orderBy('meeting.date').orderBy('meeting.id').execute();
}

export function openDataCouncil(db: Queryable) {
  return db.selectFrom('council').select(['id', 'name', 'short_name']).orderBy('id').executeTakeFirst();
}

export function openDataGroups(db: Queryable) {
  return db.selectFrom('political_group').select(['id', 'name', 'short_name']).orderBy('id').execute();
}

export function openDataBodies(db: Queryable) {
  return db.selectFrom('body').select(['id', 'slug', 'name', 'kind', 'purpose', 'created_at']).orderBy('id').execute();
}

/** Councillors and co-opted members: the people of the public record (officers are not exported). */
export function openDataPeople(db: Queryable) {
  return db.selectFrom('person')
    .select(['id', 'slug', 'title', 'forenames', 'initials', 'surname', 'post_nominals', 'match_key', 'kind', 'group_id', 'division', 'created_at'])
    .where('kind', 'in', ['councillor', 'co-opted']).orderBy('id').execute();
}

export function openDataMemberships(db: Queryable) {
  return db.selectFrom('membership').innerJoin('person', 'person.id', 'membership.person_id')
    .select(['membership.id', 'membership.body_id', 'membership.person_id', 'membership.role', 'membership.group_id', 'membership.co_opted_category',
      'membership.starts_on', 'membership.ends_on'])
    .where('person.kind', 'in', ['councillor', 'co-opted']).orderBy('membership.id').execute();
}

/** Agenda sections, items, papers (with their current version), attendance and minutes of the given meetings. */
export async function openDataMeetingContents(db: Queryable, meetingIds: number[]) {
  if (!meetingIds.length) return { sections: [], items: [], papers: [], attendance: [], minutes: [], packs: [] };
  // Chunks keep the IN lists within both databases' limits on a long archive.
  const chunks: number[][] = [];
  for (let i = 0; i < meetingIds.length; i += 500) chunks.push(meetingIds.slice(i, i + 500));
  const each = async <T>(f: (ids: number[]) => Promise<T[]>) => (await Promise.all(chunks.map(f))).flat();
  const [sections, items, papers, attendance, minutes, packs] = await Promise.all([
    each((ids) => db.selectFrom('agenda_section').select(['id', 'meeting_id', 'exempt']).where('meeting_id', 'in', ids).execute()),
    each((ids) => db.selectFrom('agenda_item')
      .select(['id', 'meeting_id', 'section_id', 'position', 'code', 'title', 'purpose', 'exempt', 'exempt_paragraphs', 'withdrawn', 'deferred_to_meeting_id'])
      .where('meeting_id', 'in', ids).orderBy('meeting_id').orderBy('position').execute()),
    each((ids) => db.selectFrom('document')
      .innerJoin('document_version', (j) => j.onRef('document_version.document_id', '=', 'document.id').onRef('document_version.version', '=', 'document.current_version'))
      .select(['document.id', 'document.slug', 'document.meeting_id', 'document.agenda_item_id', 'document.kind', 'document.title', 'document.workflow_status',
        'document.current_version', 'document_version.classification', 'document_version.sha256', 'document_version.size', 'document_version.content_type',
        'document_version.page_count', 'document_version.created_at', 'document.withdrawn_at', 'document.withdrawn_reason', 'document.withdrawn_public'])
      .where('document.meeting_id', 'in', ids).where('document.kind', 'not in', PACK_DOCUMENT_KINDS)
      .orderBy('document.meeting_id').orderBy('document.position').execute()),
    each((ids) => db.selectFrom('attendance').select(['id', 'meeting_id', 'person_id', 'name_as_recorded', 'kind', 'role', 'substitute_for_name', 'for_item_id'])
      .where('meeting_id', 'in', ids).orderBy('meeting_id').orderBy('id').execute()),
    each((ids) => db.selectFrom('minute').select(['id', 'meeting_id', 'agenda_item_id', 'position', 'number', 'title', 'exempt', 'votes_json', 'resolutions_json'])
      .where('meeting_id', 'in', ids).orderBy('meeting_id').orderBy('position').execute()),
    each((ids) => db.selectFrom('publication').select(['meeting_id', 'kind', 'version', 'sha256', 'size', 'published_at', 'withheld_at'])
      .where('meeting_id', 'in', ids).where('audience', '=', 'public').orderBy('meeting_id').orderBy('kind').orderBy('version').execute()),
  ]);
  return { sections, items, papers, attendance, minutes, packs };
}

/**
 * The ids of meetings that may hold a person's record: those of the bodies they sat on, those they attended, and
 * any with a recorded vote (a vote names members as printed, so it may be theirs wherever it was).
 */
export async function meetingIdsOfPerson(db: Queryable, personId: number): Promise<number[]> {
  const attended = db.selectFrom('attendance').select('meeting_id').where('person_id', '=', personId);
  const member = db.selectFrom('membership').select('body_id').where('person_id', '=', personId);
  const voted = db.selectFrom('minute').select('meeting_id').where('votes_json', '!=', '[]');
  const rows = await db.selectFrom('meeting').select('id')
    .where((eb) => eb.or([eb('meeting.id', 'in', attended), eb('meeting.body_id', 'in', member), eb('meeting.id', 'in', voted)])).execute();
  return rows.map((r) => r.id);
}

export function openDataPerson(db: Queryable, slug: string) {
  return db.selectFrom('person').select(['id', 'slug', 'title', 'forenames', 'initials', 'surname', 'post_nominals', 'match_key', 'kind'])
    .where('slug', '=', slug).where('kind', 'in', ['councillor', 'co-opted']).executeTakeFirst();
}

/** Years that have meetings, newest first (for the yearly downloads). */
export async function openDataYears(db: Queryable): Promise<number[]> {
  const rows = await db.selectFrom('meeting').select('date').execute();
  return [...new Set(rows.map((r) => Number(r.date.slice(0, 4))))].sort((a, b) => b - a);
}
