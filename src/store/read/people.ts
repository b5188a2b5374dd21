// Councillors and co-opted members: the directory and a person's page (group, memberships with dates, attendance
// record per body with the meetings behind it, declarations of interest).
import { DEFAULT_NAME_STYLE, styledPersonName, type NameStyle } from '../../domain/names.js';
import { membershipRoleText, membershipTitle } from '../../domain/types.js';
import type { Queryable } from '../db.js';
import { interestsOn, listInterests } from '../interests.js';
import { getCouncil } from '../council.js';

type NamedRow = { title: string | null; initials: string | null; forenames: string | null; surname: string; post_nominals: string | null; kind: string };

/** A person's name in the council's style. */
export function styledNameOf(p: NamedRow, style: NameStyle): string {
  return styledPersonName({ title: p.title, initials: p.initials, forenames: p.forenames, surname: p.surname, postNominals: p.post_nominals }, p.kind, style);
}

/** The name style the council chose in its settings (admin: "Names and areas"). */
export async function councilNameStyle(db: Queryable): Promise<NameStyle> {
  return (await getCouncil(db))?.settings.nameStyle ?? DEFAULT_NAME_STYLE;
}

/**
 * The names of these people as the council writes them, by id: what every page, pack and list that shows a person
 * of the record asks (attendance, declarations, membership lists, reviews), so a name reads the same everywhere.
 * Names recorded as text with no person behind them (a visitor, an imported name) are shown as recorded.
 */
export async function styledNamesOf(db: Queryable, ids: readonly (number | null | undefined)[], style?: NameStyle): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
  if (!wanted.length) return new Map();
  const [rows, chosen] = await Promise.all([
    db.selectFrom('person').select(['id', 'title', 'initials', 'forenames', 'surname', 'post_nominals', 'kind']).where('id', 'in', wanted).execute(),
    style ? Promise.resolve(style) : councilNameStyle(db),
  ]);
  return new Map(rows.map((p) => [p.id, styledNameOf(p, chosen)]));
}

type AttendanceNames = { person_id: number | null; name_as_recorded: string; substitute_for_person_id?: number | null; substitute_for_name: string | null };

/**
 * Attendance rows with the attendee and the member they substituted for named in the council's style (by
 * styledNamesOf), so "X attended as substitute for Y" reads the same on the meeting page, the printed minutes, the
 * apologies minute and the feeds. Names recorded as text with no person behind them stay as recorded.
 */
export async function styledAttendance<T extends AttendanceNames>(db: Queryable, rows: readonly T[], style?: NameStyle): Promise<T[]> {
  const names = await styledNamesOf(db, rows.flatMap((r) => [r.person_id, r.substitute_for_person_id]), style);
  const of = (id: number | null | undefined, recorded: string | null) => (id != null && names.has(id) ? names.get(id)! : recorded);
  return rows.map((r) => ({ ...r, name_as_recorded: of(r.person_id, r.name_as_recorded) ?? r.name_as_recorded, substitute_for_name: r.substitute_for_name === null && r.substitute_for_person_id == null ? null : of(r.substitute_for_person_id, r.substitute_for_name) }));
}

export async function readPeopleDirectory(db: Queryable, filter: { groupId?: number; kind?: 'councillor' | 'co-opted' } = {}, style: NameStyle = DEFAULT_NAME_STYLE) {
  let q = db.selectFrom('person').leftJoin('political_group', 'political_group.id', 'person.group_id')
    .select(['person.slug', 'person.title', 'person.initials', 'person.forenames', 'person.surname', 'person.post_nominals', 'person.kind',
      'person.division', 'person.photo_sha256', 'political_group.name as group_name'])
    .where('person.kind', 'in', filter.kind ? [filter.kind] : ['councillor', 'co-opted']);
  if (filter.groupId) q = q.where('person.group_id', '=', filter.groupId);
  const [people, groups] = await Promise.all([
    q.orderBy('person.surname').orderBy('person.initials').execute(),
    db.selectFrom('political_group').select(['id', 'name']).orderBy('name').execute(),
  ]);
  return { people: people.map((p) => ({ name: styledNameOf(p, style), slug: p.slug, kind: p.kind, division: p.division, group: p.group_name, hasPhoto: !!p.photo_sha256 })), groups };
}

const HELD = ['held', 'minutes-drafted', 'minutes-approved'];

export async function readPersonPage(db: Queryable, slug: string, style: NameStyle = DEFAULT_NAME_STYLE) {
  const person = await db.selectFrom('person').leftJoin('political_group', 'political_group.id', 'person.group_id')
    .select(['person.id', 'person.slug', 'person.title', 'person.initials', 'person.forenames', 'person.surname', 'person.post_nominals', 'person.kind',
      'person.division', 'person.job_title', 'person.email', 'person.phone', 'person.address', 'person.photo_sha256', 'political_group.name as group_name'])
    .where('person.slug', '=', slug).executeTakeFirst();
  if (!person) return null;
  const [memberships, expected, declarations, register] = await Promise.all([
    db.selectFrom('membership').innerJoin('body', 'body.id', 'membership.body_id')
      .select(['membership.role', 'membership.portfolio', 'membership.starts_on', 'membership.ends_on', 'membership.co_opted_category', 'body.id as body_id', 'body.name as body_name', 'body.slug as body_slug', 'body.kind as body_kind'])
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
    person.kind === 'officer' ? Promise.resolve([]) : listInterests(db, person.id, { includeHistory: true }),
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
  const current = memberships.filter((m) => m.ends_on === null);
  return {
    person: { ...person, name: styledNameOf(person, style), group: person.group_name, hasPhoto: !!person.photo_sha256 },
    memberships: memberships.map((m) => ({ ...m, roleLabel: membershipRoleText({ role: m.role, bodyKind: m.body_kind, portfolio: m.portfolio, coOptedCategory: m.co_opted_category }) })),
    /** Current roles that carry a title: Leader or Deputy Leader of the Council, Cabinet Member, a body's Chairman or Vice-Chairman. */
    roles: current.flatMap((m) => {
      const t = membershipTitle(m.role, m.body_kind);
      return t ? [{ label: t.title, bodyName: t.namesBody ? m.body_name : null, bodySlug: m.body_slug, bodyKind: m.body_kind }] : [];
    }),
    portfolios: current.filter((m) => m.portfolio).map((m) => m.portfolio as string),
    attendance,
    declarations,
    register: registerOf(register),
  };
}

type RegisterRow = { id: number; category: string; description: string; registered_on: string; removed_on: string | null };

/**
 * The register of interests as the public sees it: the entries in force, the date it last changed (an entry added,
 * changed or removed) and the earlier entries, with the dates on which the register changed (each an earlier version).
 */
export function registerOf(rows: RegisterRow[]) {
  const inForce = rows.filter((r) => r.removed_on === null);
  const earlier = rows.filter((r) => r.removed_on !== null).sort((a, b) => (b.removed_on as string).localeCompare(a.removed_on as string) || b.id - a.id);
  const changeDates = [...new Set(rows.flatMap((r) => [r.registered_on, ...(r.removed_on ? [r.removed_on] : [])]))].sort().reverse();
  return { inForce, earlier, lastUpdated: changeDates[0] ?? null, versions: changeDates };
}

/** A member's register of interests as it stood at the end of a day (an earlier version), or null for no such member. */
export async function readRegisterOn(db: Queryable, slug: string, date: string, style: NameStyle = DEFAULT_NAME_STYLE) {
  const person = await db.selectFrom('person').select(['id', 'slug', 'title', 'initials', 'forenames', 'surname', 'post_nominals', 'kind'])
    .where('slug', '=', slug).where('kind', '!=', 'officer').executeTakeFirst();
  if (!person) return null;
  const entries = await interestsOn(db, person.id, date);
  return { person: { slug: person.slug, name: styledNameOf(person, style) }, date, entries };
}
