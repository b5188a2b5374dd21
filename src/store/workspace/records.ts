// Edits to the standing record the clerk keeps: bodies, political groups and people. Each command writes its
// change and its audit entry on the handle it is given; callers run it inside one transaction.
import type { Actor, AgendaStyle, BodyKind, PersonKind } from '../../domain/types.js';
import { ValidationError } from '../../errors.js';
import { recordAudit } from '../audit.js';
import { bodyMatchKey } from '../bodies.js';
import type { Queryable } from '../db.js';
import { checkNames } from '../input.js';
import { checkAddress, checkPersonNames, nameKeys, personDisplayName } from '../people.js';
import { formatDisplayDate } from '../../domain/display.js';

export interface BodyChanges {
  name: string;
  kind: BodyKind;
  size: number | null;
  agendaStyle: AgendaStyle;
  purpose: string | null;
}

export async function updateBody(db: Queryable, actor: Actor, bodyId: number, c: BodyChanges): Promise<void> {
  checkNames(['name', 'The body\'s name', c.name]);
  const before = await db.selectFrom('body').selectAll().where('id', '=', bodyId).executeTakeFirst();
  if (!before) throw new ValidationError(`there is no body ${bodyId}`, 'body');
  const clash = await db.selectFrom('body').select('id').where('match_key', '=', bodyMatchKey(c.name)).where('id', '!=', bodyId).executeTakeFirst();
  if (clash) throw new ValidationError(`another body is already called "${c.name}"`, 'name');
  const after = { name: c.name, match_key: bodyMatchKey(c.name), kind: c.kind, size: c.size, agenda_style: c.agendaStyle, purpose: c.purpose };
  await db.updateTable('body').set(after).where('id', '=', bodyId).execute();
  await recordAudit(db, actor, { action: 'update', entity: 'body', entityId: bodyId, summary: `Changed body ${c.name}`, before, after });
}

/** A body name must be unique (by its match key) before createBody is called. */
export async function assertBodyNameFree(db: Queryable, name: string): Promise<void> {
  const clash = await db.selectFrom('body').select('id').where('match_key', '=', bodyMatchKey(name)).executeTakeFirst();
  if (clash) throw new ValidationError(`a body called "${name}" already exists`, 'name');
}

export interface GroupFields {
  name: string;
  shortName: string | null;
}

export async function createGroup(db: Queryable, actor: Actor, g: GroupFields): Promise<number> {
  checkNames(['name', 'The group\'s name', g.name], ['shortName', 'The group\'s short name', g.shortName]);
  const clash = await db.selectFrom('political_group').select('id').where('name', '=', g.name).executeTakeFirst();
  if (clash) throw new ValidationError(`a group called "${g.name}" already exists`, 'name');
  const values = { name: g.name, short_name: g.shortName, colour: null };
  const row = await db.insertInto('political_group').values(values).returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'create', entity: 'political_group', entityId: row.id, summary: `Added group ${g.name}`, after: values });
  return row.id;
}

export async function updateGroup(db: Queryable, actor: Actor, groupId: number, g: GroupFields): Promise<void> {
  checkNames(['name', 'The group\'s name', g.name], ['shortName', 'The group\'s short name', g.shortName]);
  const before = await db.selectFrom('political_group').selectAll().where('id', '=', groupId).executeTakeFirst();
  if (!before) throw new ValidationError(`there is no group ${groupId}`, 'group');
  const clash = await db.selectFrom('political_group').select('id').where('name', '=', g.name).where('id', '!=', groupId).executeTakeFirst();
  if (clash) throw new ValidationError(`another group is already called "${g.name}"`, 'name');
  const after = { name: g.name, short_name: g.shortName };
  await db.updateTable('political_group').set(after).where('id', '=', groupId).execute();
  await recordAudit(db, actor, { action: 'update', entity: 'political_group', entityId: groupId, summary: `Changed group ${g.name}`, before, after });
}

export interface PersonChanges {
  title: string | null;
  forenames: string | null;
  initials: string | null;
  surname: string;
  postNominals: string | null;
  kind: PersonKind;
  groupId: number | null;
  jobTitle: string | null;
  division: string | null;
  email: string | null;
  phone: string | null;
  /** Left as it is when not given. */
  address?: string | null;
}

export async function updatePerson(db: Queryable, actor: Actor, personId: number, p: PersonChanges): Promise<void> {
  checkPersonNames(p);
  checkAddress(p.address);
  const before = await db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirst();
  if (!before) throw new ValidationError(`there is no person ${personId}`, 'person');
  const after = {
    title: p.title, forenames: p.forenames, ...nameKeys(p), surname: p.surname, post_nominals: p.postNominals, kind: p.kind, group_id: p.groupId, job_title: p.jobTitle,
    division: p.division, email: p.email, phone: p.phone, address: p.address === undefined ? before.address : p.address,
  };
  await db.updateTable('person').set(after).where('id', '=', personId).execute();
  await recordAudit(db, actor, { action: 'update', entity: 'person', entityId: personId, summary: `Changed ${personDisplayName(after)}`, before, after });
}

/** A membership can be ended once, on or after the day it started: the history stays as it was. */
export async function checkMembershipDates(db: Queryable, membershipId: number, endsOn: string): Promise<void> {
  const m = await db.selectFrom('membership').select(['starts_on', 'ends_on']).where('id', '=', membershipId).executeTakeFirst();
  if (!m) throw new ValidationError(`there is no membership ${membershipId}`, 'membership');
  if (m.ends_on) throw new ValidationError(`this membership already ended on ${formatDisplayDate(m.ends_on)}`, 'endsOn');
  if (endsOn < m.starts_on) throw new ValidationError(`the end date must be on or after the start date (${formatDisplayDate(m.starts_on)})`, 'endsOn');
}
