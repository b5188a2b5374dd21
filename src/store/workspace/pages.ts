// Read models for the workspace's pages: what a clerk sees of bodies, memberships, groups and an agenda.
import type { Queryable } from '../db.js';

/** A body's members (current and past) with their political group, latest first. */
export function bodyMembers(db: Queryable, bodyId: number) {
  return db.selectFrom('membership').innerJoin('person', 'person.id', 'membership.person_id').leftJoin('political_group', 'political_group.id', 'membership.group_id')
    .select(['membership.id', 'membership.role', 'membership.starts_on', 'membership.ends_on', 'membership.co_opted_category', 'membership.portfolio', 'person.title', 'person.initials',
      'person.surname', 'person.post_nominals', 'person.forenames', 'political_group.name as group_name'])
    .where('membership.body_id', '=', bodyId).orderBy('membership.ends_on', 'desc').orderBy('person.surname').execute();
}

/** A body's most recent meetings. */
export function recentMeetingsOfBody(db: Queryable, bodyId: number, limit = 10) {
  return db.selectFrom('meeting').select(['id', 'date', 'status']).where('body_id', '=', bodyId).orderBy('date', 'desc').limit(limit).execute();
}

/** One membership with the body's and the person's names. */
export function getMembership(db: Queryable, membershipId: number) {
  return db.selectFrom('membership').innerJoin('person', 'person.id', 'membership.person_id').innerJoin('body', 'body.id', 'membership.body_id')
    .select(['membership.id', 'membership.body_id', 'membership.role', 'membership.starts_on', 'membership.ends_on', 'membership.portfolio', 'body.name as body_name', 'body.kind as body_kind',
      'person.title', 'person.initials', 'person.forenames', 'person.surname', 'person.post_nominals'])
    .where('membership.id', '=', membershipId).executeTakeFirst();
}

export function getGroup(db: Queryable, groupId: number) {
  return db.selectFrom('political_group').selectAll().where('id', '=', groupId).executeTakeFirst();
}

export interface ItemPaperLine { id: number; title: string; withdrawn_at: string | null; withdrawn_reason: string | null }

/** The papers on each agenda item of a meeting, in pack order, with any withdrawal (when and why). */
export async function papersByItem(db: Queryable, meetingId: number): Promise<Map<number, ItemPaperLine[]>> {
  const papers = await db.selectFrom('document').select(['id', 'title', 'agenda_item_id', 'withdrawn_at', 'withdrawn_reason'])
    .where('meeting_id', '=', meetingId).where('agenda_item_id', 'is not', null).orderBy('position').orderBy('id').execute();
  const byItem = new Map<number, ItemPaperLine[]>();
  for (const { agenda_item_id: itemId, ...p } of papers) byItem.set(itemId!, [...(byItem.get(itemId!) ?? []), p]);
  return byItem;
}

/** The dates of the given meetings. */
export function meetingDates(db: Queryable, meetingIds: number[]) {
  return db.selectFrom('meeting').select(['id', 'date']).where('id', 'in', [0, ...meetingIds]).execute();
}

/** Meetings of the body after this date still open for items (scheduled or with the agenda published), soonest first. */
export function meetingsOpenForItems(db: Queryable, bodyId: number, after: string) {
  return db.selectFrom('meeting').select(['id', 'date']).where('body_id', '=', bodyId)
    .where('date', '>', after).where('status', 'in', ['scheduled', 'agenda-published']).orderBy('date').execute();
}
