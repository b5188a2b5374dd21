// Bodies (Council, Cabinet, committees, panels), their seats by political group, and memberships with dates.
import { looseBodyKey, normaliseName } from '../domain/names.js';
import { slugify, uniqueSlug } from '../domain/slugs.js';
import type { Actor, AgendaStyle, BodyKind, MembershipRole } from '../domain/types.js';
import { nowIso, recordAudit } from './audit.js';
import type { Queryable } from './db.js';
import { checkNames } from './input.js';
import { addDays, type IsoDate } from '../domain/dates.js';
import { formatDisplayDate } from '../domain/display.js';
import { ValidationError } from '../errors.js';

export interface NewBody {
  name: string;
  kind: BodyKind;
  size?: number | null;
  agendaStyle?: AgendaStyle;
  purpose?: string | null;
}

export function bodyMatchKey(name: string): string {
  return normaliseName(name);
}

export async function createBody(db: Queryable, actor: Actor, b: NewBody): Promise<number> {
  checkNames(['name', 'The body\'s name', b.name]);
  const taken = new Set((await db.selectFrom('body').select('slug').execute()).map((r) => r.slug));
  const values = {
    slug: uniqueSlug(slugify(b.name) || 'body', (s) => taken.has(s)),
    name: b.name,
    match_key: bodyMatchKey(b.name),
    kind: b.kind,
    size: b.size ?? null,
    agenda_style: b.agendaStyle ?? 'numbered',
    purpose: b.purpose ?? null,
    last_minute_number: 0,
    created_at: nowIso(),
  };
  const row = await db.insertInto('body').values(values).returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'create', entity: 'body', entityId: row.id, summary: `Added body ${b.name}`, after: values });
  return row.id;
}

export async function findBodyByName(db: Queryable, name: string) {
  return db.selectFrom('body').selectAll().where('match_key', '=', bodyMatchKey(name)).executeTakeFirst();
}

/** Guesses a body's kind from its name, for bodies first met in imported packs. */
export function guessBodyKind(name: string): BodyKind {
  const n = name.toLowerCase();
  if (/cabinet committee/.test(n)) return 'cabinet-committee';
  if (/^cabinet$|^the cabinet$/.test(n.trim())) return 'cabinet';
  if (/cabinet member/.test(n)) return 'cabinet-member';
  if (/select committee/.test(n)) return 'select-committee';
  if (/overview and scrutiny|overview & scrutiny|posc/.test(n)) return 'overview-scrutiny-committee';
  if (/scrutiny/.test(n)) return 'scrutiny-committee';
  if (/panel|board/.test(n)) return 'panel-or-board';
  if (/informal member group|img\b/.test(n)) return 'informal-member-group';
  if (/planning|licensing|standards|regulation|regulatory|appeals|audit/.test(n)) return 'regulatory-committee';
  if (/council$/.test(n)) return 'full-council';
  return 'panel-or-board';
}

/**
 * The one body whose name differs from `name` only in word forms or punctuation (see looseBodyKey), or undefined
 * when there is none or more than one.
 */
export async function findBodyLoosely(db: Queryable, name: string): Promise<{ id: number; name: string } | undefined> {
  const key = looseBodyKey(name);
  const hits = (await db.selectFrom('body').select(['id', 'name']).execute()).filter((b) => looseBodyKey(b.name) === key);
  return hits.length === 1 ? hits[0] : undefined;
}

export async function findOrCreateBody(db: Queryable, actor: Actor, name: string, defaults: Partial<NewBody> = {}): Promise<number> {
  const found = await findBodyByName(db, name);
  if (found) return found.id;
  return createBody(db, actor, { name, kind: defaults.kind ?? guessBodyKind(name), ...defaults });
}

export async function getBody(db: Queryable, idOrSlug: number | string) {
  const q = db.selectFrom('body').selectAll();
  return (typeof idOrSlug === 'number' ? q.where('id', '=', idOrSlug) : q.where('slug', '=', idOrSlug)).executeTakeFirst();
}

export function listBodies(db: Queryable) {
  return db.selectFrom('body').selectAll().orderBy('name').execute();
}

export async function setSeats(db: Queryable, actor: Actor, bodyId: number, seats: { groupId: number; seats: number }[]): Promise<void> {
  const before = await db.selectFrom('body_seat').select(['group_id', 'seats']).where('body_id', '=', bodyId).execute();
  await db.deleteFrom('body_seat').where('body_id', '=', bodyId).execute();
  if (seats.length) await db.insertInto('body_seat').values(seats.map((s) => ({ body_id: bodyId, group_id: s.groupId, seats: s.seats }))).execute();
  await recordAudit(db, actor, { action: 'update', entity: 'body_seat', entityId: bodyId, summary: 'Seat allocation changed', before, after: seats });
}

export function getSeats(db: Queryable, bodyId: number) {
  return db.selectFrom('body_seat').innerJoin('political_group', 'political_group.id', 'body_seat.group_id')
    .select(['body_seat.group_id', 'body_seat.seats', 'political_group.name as group_name'])
    .where('body_seat.body_id', '=', bodyId).orderBy('body_seat.seats', 'desc').orderBy('political_group.name').execute();
}

export interface NewMembership {
  bodyId: number;
  personId: number;
  role: MembershipRole;
  groupId?: number | null;
  coOptedCategory?: string | null;
  votingNote?: string | null;
  /** A Cabinet member's portfolio. */
  portfolio?: string | null;
  startsOn: string;
  endsOn?: string | null;
}

export async function addMembership(db: Queryable, actor: Actor, m: NewMembership): Promise<number> {
  checkNames(['portfolio', 'The Cabinet portfolio', m.portfolio]);
  const values = {
    body_id: m.bodyId,
    person_id: m.personId,
    role: m.role,
    group_id: m.groupId ?? null,
    co_opted_category: m.coOptedCategory ?? null,
    voting_note: m.votingNote ?? null,
    portfolio: m.portfolio ?? null,
    starts_on: m.startsOn,
    ends_on: m.endsOn ?? null,
  };
  const row = await db.insertInto('membership').values(values).returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'create', entity: 'membership', entityId: row.id, after: values });
  return row.id;
}

export async function endMembership(db: Queryable, actor: Actor, membershipId: number, endsOn: string): Promise<void> {
  const before = await db.selectFrom('membership').selectAll().where('id', '=', membershipId).executeTakeFirst();
  await db.updateTable('membership').set({ ends_on: endsOn }).where('id', '=', membershipId).execute();
  await recordAudit(db, actor, { action: 'update', entity: 'membership', entityId: membershipId, summary: `Membership ended ${endsOn}`, before, after: { ...before, ends_on: endsOn } });
}

/**
 * A Cabinet member's new portfolio from a date. The membership row that carried the old portfolio ends the day
 * before and a row with the new one starts that day, so the councillor's page and the body's history keep showing
 * which portfolio was held when; a change on the day the membership started corrects it in place. Returns the id
 * of the membership that now carries the portfolio.
 */
export async function changePortfolio(db: Queryable, actor: Actor, membershipId: number, portfolio: string | null, fromDate: string): Promise<number> {
  checkNames(['portfolio', 'The Cabinet portfolio', portfolio]);
  const before = await db.selectFrom('membership').selectAll().where('id', '=', membershipId).executeTakeFirst();
  if (!before) throw new ValidationError(`there is no membership ${membershipId}`, 'membership');
  if (before.ends_on) throw new ValidationError(`this membership ended on ${formatDisplayDate(before.ends_on)}: its portfolio can no longer change`, 'fromDate');
  if (fromDate < before.starts_on) throw new ValidationError(`the new portfolio cannot start before the membership did (${formatDisplayDate(before.starts_on)})`, 'fromDate');
  if ((portfolio ?? null) === before.portfolio) throw new ValidationError('enter a portfolio different from the current one', 'portfolio');
  const from = before.portfolio ? `"${before.portfolio}"` : 'no portfolio';
  const to = portfolio ? `"${portfolio}"` : 'no portfolio';
  if (fromDate === before.starts_on) {
    await db.updateTable('membership').set({ portfolio }).where('id', '=', membershipId).execute();
    await recordAudit(db, actor, { action: 'change-portfolio', entity: 'membership', entityId: membershipId, summary: `Portfolio corrected from ${from} to ${to} (from the start of the membership, ${fromDate})`, before, after: { ...before, portfolio } });
    return membershipId;
  }
  const endsOn = addDays(fromDate as IsoDate, -1);
  await db.updateTable('membership').set({ ends_on: endsOn }).where('id', '=', membershipId).execute();
  const { id: _id, ...rest } = before;
  const values = { ...rest, portfolio, starts_on: fromDate, ends_on: null };
  const row = await db.insertInto('membership').values(values).returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'change-portfolio', entity: 'membership', entityId: membershipId, summary: `Portfolio changed from ${from} to ${to} on ${fromDate}: ${from} held until ${endsOn}`, before, after: { ...before, ends_on: endsOn } });
  await recordAudit(db, actor, { action: 'create', entity: 'membership', entityId: row.id, summary: `Holds ${to} from ${fromDate} (continuing membership ${membershipId})`, after: values });
  return row.id;
}

/** Memberships of a body in force on a date (all current ones when no date), with the person and group. */
export function membershipOn(db: Queryable, bodyId: number, onDate: string | null = null) {
  let q = db.selectFrom('membership')
    .innerJoin('person', 'person.id', 'membership.person_id')
    .leftJoin('political_group', 'political_group.id', 'membership.group_id')
    .select([
      'membership.id', 'membership.role', 'membership.group_id', 'membership.co_opted_category', 'membership.voting_note',
      'membership.starts_on', 'membership.ends_on', 'person.id as person_id', 'person.slug as person_slug', 'person.title',
      'person.initials', 'person.forenames', 'person.surname', 'person.post_nominals', 'person.kind as person_kind',
      'political_group.name as group_name',
    ])
    .where('membership.body_id', '=', bodyId);
  if (onDate) {
    q = q.where('membership.starts_on', '<=', onDate).where((eb) => eb.or([eb('membership.ends_on', 'is', null), eb('membership.ends_on', '>=', onDate)]));
  } else {
    q = q.where('membership.ends_on', 'is', null);
  }
  return q.orderBy('person.surname').execute();
}

export function membershipsOfPerson(db: Queryable, personId: number) {
  return db.selectFrom('membership').innerJoin('body', 'body.id', 'membership.body_id')
    .select(['membership.id', 'membership.role', 'membership.starts_on', 'membership.ends_on', 'membership.co_opted_category',
      'body.id as body_id', 'body.name as body_name', 'body.slug as body_slug', 'body.kind as body_kind'])
    .where('membership.person_id', '=', personId).orderBy('membership.starts_on', 'desc').execute();
}

/** Cabinet Members on a day: people holding a portfolio on a Cabinet body then (the takers of Cabinet Member decisions). */
export function cabinetMembersOn(db: Queryable, on: IsoDate) {
  return db.selectFrom('membership').innerJoin('person', 'person.id', 'membership.person_id').innerJoin('body', 'body.id', 'membership.body_id')
    .select(['person.id as person_id', 'person.title', 'person.initials', 'person.forenames', 'person.surname', 'person.post_nominals', 'membership.portfolio'])
    .where('body.kind', 'in', ['cabinet', 'cabinet-member', 'cabinet-committee']).where('membership.portfolio', 'is not', null)
    .where('membership.starts_on', '<=', on).where((eb) => eb.or([eb('membership.ends_on', 'is', null), eb('membership.ends_on', '>=', on)]))
    .orderBy('person.surname').orderBy('person.id').execute();
}
