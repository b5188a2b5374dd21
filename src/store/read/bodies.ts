// Bodies for the public pages: the directory by kind, and a body's page (purpose, seats by group, chairmen,
// co-opted members, vacancies, its meetings past and upcoming).
import { BODY_KINDS, BODY_KIND_LABELS, membershipRoleLabel, membershipRoleText, type BodyKind } from '../../domain/types.js';
import type { Queryable } from '../db.js';
import { councilNameStyle, styledNameOf } from './people.js';

export async function readBodiesByKind(db: Queryable) {
  const rows = await db.selectFrom('body').select(['id', 'slug', 'name', 'kind', 'purpose']).orderBy('name').execute();
  return BODY_KINDS.map((kind) => ({ kind, label: BODY_KIND_LABELS[kind], bodies: rows.filter((r) => r.kind === kind) }))
    .filter((g) => g.bodies.length > 0);
}

const SEATED_ROLES = ['chairman', 'vice-chairman', 'member'];

export async function readBodyPage(db: Queryable, slug: string, today: string) {
  const body = await db.selectFrom('body').select(['id', 'slug', 'name', 'kind', 'size', 'purpose']).where('slug', '=', slug).executeTakeFirst();
  if (!body) return null;
  const [seats, members, upcoming, past, years] = await Promise.all([
    db.selectFrom('body_seat').innerJoin('political_group', 'political_group.id', 'body_seat.group_id')
      .select(['body_seat.seats', 'political_group.name as group_name', 'political_group.id as group_id'])
      .where('body_seat.body_id', '=', body.id).orderBy('body_seat.seats', 'desc').orderBy('political_group.name').execute(),
    db.selectFrom('membership').innerJoin('person', 'person.id', 'membership.person_id')
      .leftJoin('political_group as mg', 'mg.id', 'membership.group_id').leftJoin('political_group as pg', 'pg.id', 'person.group_id')
      .select(['membership.role', 'membership.portfolio', 'membership.co_opted_category', 'membership.voting_note', 'membership.starts_on', 'person.slug', 'person.title', 'person.kind',
        'person.initials', 'person.forenames', 'person.surname', 'person.post_nominals', 'mg.name as m_group_name', 'mg.id as m_group_id',
        'pg.name as p_group_name', 'pg.id as p_group_id'])
      .where('membership.body_id', '=', body.id).where('membership.starts_on', '<=', today)
      .where((eb) => eb.or([eb('membership.ends_on', 'is', null), eb('membership.ends_on', '>=', today)]))
      .orderBy('person.surname').orderBy('person.initials').execute(),
    db.selectFrom('meeting').select(['slug', 'date', 'time', 'venue', 'status']).where('body_id', '=', body.id).where('date', '>=', today)
      .orderBy('date').orderBy('time').limit(12).execute(),
    db.selectFrom('meeting').select(['slug', 'date', 'time', 'venue', 'status']).where('body_id', '=', body.id).where('date', '<', today)
      .orderBy('date', 'desc').orderBy('time', 'desc').limit(12).execute(),
    db.selectFrom('meeting').select((eb) => [eb.fn('substr', ['date', eb.val(1), eb.val(4)]).as('year'), eb.fn.countAll<number>().as('count')])
      .where('body_id', '=', body.id).groupBy('year').orderBy('year', 'desc').execute(),
  ]);
  const style = await councilNameStyle(db);
  // The role as the body's own page writes it (the Cabinet's Leader), and after a seated member's name when it says more than "Member".
  const people = members.map((m) => ({ name: styledNameOf(m, style), slug: m.slug, role: m.role, roleLabel: membershipRoleLabel(m.role, body.kind), portfolio: m.portfolio,
    roleNote: SEATED_ROLES.includes(m.role) && (m.role !== 'member' || m.portfolio) ? membershipRoleText({ role: m.role, bodyKind: body.kind, portfolio: m.portfolio }) : null,
    group: m.m_group_name ?? m.p_group_name, groupId: m.m_group_id ?? m.p_group_id, category: m.co_opted_category, votingNote: m.voting_note, since: m.starts_on }));
  const seated = people.filter((p) => SEATED_ROLES.includes(p.role));
  const seatTotal = seats.reduce((n, s) => n + s.seats, 0);
  const size = body.size ?? (seatTotal || null);
  // Seat counts by group: as allocated, or as the membership shows when no allocation is recorded.
  const groups = seats.length
    ? seats.map((s) => ({ name: s.group_name, seats: s.seats, filled: seated.filter((p) => p.groupId === s.group_id).length }))
    : [...new Set(seated.map((p) => p.group ?? 'Independent'))].map((g) => ({ name: g, seats: seated.filter((p) => (p.group ?? 'Independent') === g).length, filled: seated.filter((p) => (p.group ?? 'Independent') === g).length }));
  const membersByGroup = groups.map((g) => ({ ...g, members: seated.filter((p) => (p.group ?? 'Independent') === g.name) }));
  const ungrouped = seated.filter((p) => !groups.some((g) => g.name === (p.group ?? 'Independent')));
  if (ungrouped.length) membersByGroup.push({ name: 'Other members', seats: ungrouped.length, filled: ungrouped.length, members: ungrouped });
  return {
    body: { ...body, kindLabel: BODY_KIND_LABELS[body.kind as BodyKind] ?? body.kind },
    size,
    chairman: people.find((p) => p.role === 'chairman') ?? null,
    viceChairman: people.find((p) => p.role === 'vice-chairman') ?? null,
    membersByGroup,
    coOpted: people.filter((p) => p.role.startsWith('co-opted')),
    substitutes: people.filter((p) => p.role === 'substitute'),
    vacancies: size !== null ? Math.max(0, size - seated.length) : 0,
    upcoming,
    past,
    years: years.map((y) => ({ year: String(y.year), count: Number(y.count) })),
  };
}
