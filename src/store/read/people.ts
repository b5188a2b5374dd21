// Councillors and co-opted members: the directory and a person's page (group, memberships with dates, attendance
// record per body with the meetings behind it, declarations of interest).
import { membershipRoleLabel } from '../../domain/types.js';
import type { Queryable } from '../db.js';
import { nameOf } from './meeting-page.js';

export async function readPeopleDirectory(db: Queryable, filter: { groupId?: number; kind?: 'councillor' | 'co-opted' } = {}) {
  let q = db.selectFrom('person').leftJoin('political_group', 'political_group.id', 'person.group_id')
    .select(['person.slug', 'person.title', 'person.initials', 'person.forenames', 'person.surname', 'person.post_nominals', 'person.kind',
      'person.division', 'political_group.name as group_name'])
    .where('person.kind', 'in', filter.kind ? [filter.kind] : ['councillor', 'co-opted']);
  if (filter.groupId) q = q.where('person.group_id', '=', filter.groupId);
  const [people, groups] = await Promise.all([
    q.orderBy('person.surname').orderBy('person.initials').execute(),
    db.selectFrom('political_group').select(['id', 'name']).orderBy('name').execute(),
  ]);
  return { people: people.map((p) => ({ name: nameOf(p), slug: p.slug, kind: p.kind, division: p.division, group: p.group_name })), groups };
}

const HELD = ['held', 'minutes-drafted', 'minutes-approved'];

export async function readPersonPage(db: Queryable, slug: string) {
  const person = await db.selectFrom('person').leftJoin('political_group', 'political_group.id', 'person.group_id')
    .select(['person.id', 'person.slug', 'person.title', 'person.initials', 'person.forenames', 'person.surname', 'person.post_nominals', 'person.kind',
      'person.division', 'person.job_title', 'person.email', 'person.phone', 'political_group.name as group_name'])
    .where('person.slug', '=', slug).executeTakeFirst();
  if (!person) return null;
  const [memberships, expected, declarations] = await Promise.all([
    db.selectFrom('membership').innerJoin('body', 'body.id', 'membership.body_id')
      .select(['membership.role', 'membership.starts_on', 'membership.ends_on', 'membership.co_opted_category', 'body.id as body_id', 'body.name as body_name', 'body.slug as body_slug', 'body.kind as body_kind'])
      .where('membership.person_id', '=', person.id).orderBy('membership.starts_on', 'desc').execute(),
    // Meetings held while the person sat on the body (not as a substitute), with what the record says of them.
    db.selectFrom('membership')
      .innerJoin('meeting', (j) => j.onRef('meeting.body_id', '=', 'membership.body_id').onRef('meeting.date', '>=', 'membership.starts_on'))
      .innerJoin('body', 'body.id', 'meeting.body_id')
      .leftJoin('attendance', (j) => j.onRef('attendance.meeting_id', '=', 'meeting.id').on('attendance.person_id', '=', person.id).on('attendance.for_item_id', 'is', null))
      .select(['meeting.id', 'meeting.slug', 'meeting.date', 'body.id as body_id', 'body.name as body_name', 'body.slug as body_slug', 'attendance.kind as attendance'])
      .where('membership.person_id', '=', person.id).where('membership.role', '!=', 'substitute')
      .where((eb) => eb.or([eb('membership.ends_on', 'is', null), eb('meeting.date', '<=', eb.ref('membership.ends_on'))]))
      .where('meeting.status', 'in', HELD)
      .orderBy('meeting.date', 'desc').execute(),
    db.selectFrom('declaration').innerJoin('meeting', 'meeting.id', 'declaration.meeting_id').innerJoin('body', 'body.id', 'meeting.body_id')
      .leftJoin('agenda_item', 'agenda_item.id', 'declaration.agenda_item_id')
      .select(['declaration.kind', 'declaration.nature', 'declaration.dispensation', 'meeting.slug as meeting_slug', 'meeting.date', 'body.name as body_name',
        'agenda_item.code as item_code', 'agenda_item.title as item_title'])
      .where('declaration.person_id', '=', person.id).where('meeting.status', 'in', HELD).orderBy('meeting.date', 'desc').execute(),
  ]);
  // Substitutes attending for others count as attendance at that meeting, but not towards the expected total.
  const seen = new Set<number>();
  const byBody = new Map<number, { bodyName: string; bodySlug: string; meetings: { slug: string; date: string; attendance: string }[] }>();
  for (const m of expected) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    const entry = byBody.get(m.body_id) ?? { bodyName: m.body_name, bodySlug: m.body_slug, meetings: [] };
    entry.meetings.push({ slug: m.slug, date: m.date, attendance: m.attendance === 'present' ? 'Present' : m.attendance === 'apologies' ? 'Apologies' : 'Absent' });
    byBody.set(m.body_id, entry);
  }
  const attendance = [...byBody.values()].map((b) => {
    const present = b.meetings.filter((m) => m.attendance === 'Present').length;
    return { ...b, expected: b.meetings.length, present, percent: b.meetings.length ? Math.round((100 * present) / b.meetings.length) : 0 };
  }).sort((a, b) => a.bodyName.localeCompare(b.bodyName));
  return {
    person: { ...person, name: nameOf(person), group: person.group_name },
    memberships: memberships.map((m) => ({ ...m, roleLabel: membershipRoleLabel(m.role, m.body_kind) })),
    attendance,
    declarations,
  };
}
