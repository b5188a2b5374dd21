// People (councillors, officers, co-opted members) and political groups.
import { sql } from 'kysely';
import { formatPersonName, initialsOf, parsePersonName, personMatchKey } from '../domain/names.js';
import { slugify, uniqueSlug } from '../domain/slugs.js';
import type { Actor, PersonKind } from '../domain/types.js';
import { insertAudited, nowIso, recordAudit } from './audit.js';
import type { Queryable } from './db.js';
import type { Row } from './schema.js';
import { checkNames } from './input.js';
import { getBlob, putBlob } from './documents.js';
import { ValidationError } from '../errors.js';

export async function ensureGroup(db: Queryable, name: string, shortName: string | null = null): Promise<number> {
  const found = await db.selectFrom('political_group').select('id').where('name', '=', name).executeTakeFirst();
  if (found) return found.id;
  const row = await db.insertInto('political_group').values({ name, short_name: shortName, colour: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function listGroups(db: Queryable) {
  return db.selectFrom('political_group').selectAll().orderBy('name').execute();
}

export interface NewPerson {
  title?: string | null;
  forenames?: string | null;
  initials?: string | null;
  surname: string;
  postNominals?: string | null;
  kind: PersonKind;
  groupId?: number | null;
  jobTitle?: string | null;
  division?: string | null;
  email?: string | null;
  phone?: string | null;
  /** A postal address for constituents, lines separated by newlines. */
  address?: string | null;
}

/** A postal address: up to 8 lines of 100 characters, no control characters but the line breaks. */
export function checkAddress(address: string | null | undefined): void {
  if (!address) return;
  const lines = address.split('\n');
  if (lines.length > 8) throw new ValidationError('The postal address must have 8 lines or fewer', 'address');
  for (const line of lines) checkNames(['address', 'The postal address', line]);
  if (lines.some((l) => l.length > 100)) throw new ValidationError('Each line of the postal address must be 100 characters or fewer', 'address');
}

export function personDisplayName(p: Pick<Row<'person'>, 'title' | 'initials' | 'forenames' | 'surname' | 'post_nominals'>): string {
  return formatPersonName({ title: p.title, initials: p.initials, forenames: p.forenames, surname: p.surname, postNominals: p.post_nominals });
}

/** "Cllr Jane Smith": forenames where known, else initials. */
export function personFullName(p: Pick<Row<'person'>, 'title' | 'initials' | 'forenames' | 'surname' | 'post_nominals'>): string {
  return formatPersonName({ title: p.title, initials: p.initials, forenames: p.forenames, surname: p.surname, postNominals: p.post_nominals }, 'full');
}

/** The initials (from the forenames when none are given) and the matching key kept with a person's name. */
export function nameKeys(p: { forenames?: string | null; initials?: string | null; surname: string }): { initials: string | null; match_key: string } {
  const initials = p.initials ?? (p.forenames ? initialsOf(p.forenames) : null);
  return { initials, match_key: personMatchKey(`${initials ?? ''} ${p.surname}`) };
}

/** Names and titles of a person: one line each, no control characters. */
export function checkPersonNames(p: { title?: string | null; forenames?: string | null; initials?: string | null; surname: string; postNominals?: string | null; jobTitle?: string | null; division?: string | null }): void {
  checkNames(['title', 'The title', p.title], ['forenames', 'The forenames', p.forenames], ['initials', 'The initials', p.initials], ['surname', 'The surname', p.surname],
    ['postNominals', 'The post-nominal letters', p.postNominals], ['jobTitle', 'The job title', p.jobTitle], ['division', 'The division', p.division]);
}

export async function createPerson(db: Queryable, actor: Actor, p: NewPerson): Promise<number> {
  checkPersonNames(p);
  checkAddress(p.address);
  const given = p.forenames ?? p.initials ?? '';
  const base = slugify(`${given} ${p.surname}`) || 'person';
  const fields = {
    title: p.title ?? null,
    forenames: p.forenames ?? null,
    ...nameKeys(p),
    surname: p.surname,
    post_nominals: p.postNominals ?? null,
    kind: p.kind,
    group_id: p.groupId ?? null,
    job_title: p.jobTitle ?? null,
    division: p.division ?? null,
    email: p.email ?? null,
    phone: p.phone ?? null,
    address: p.address ?? null,
    created_at: nowIso(),
  };
  // The name's own slug when it is free (the insert says so), else the next free "base-N"; another writer may take
  // that one first, so ask again (each clash means another writer got an address, so namesakes added at once all
  // get theirs within as many rounds as there are of them).
  let slug = base;
  for (let attempt = 1; ; attempt++) {
    const values = { slug, ...fields };
    const id = await insertAudited(db, actor, 'person', values, 'slug', { action: 'create', entity: 'person', summary: `Added ${personDisplayName(values)}`, after: values });
    if (id !== null) return id;
    if (attempt >= 100) throw new Error(`no free address for ${base} after ${attempt} tries`);
    const taken = new Set((await db.selectFrom('person').select('slug').where('slug', 'like', `${base}%`).execute()).map((r) => r.slug));
    slug = uniqueSlug(base, (s) => taken.has(s));
  }
}

/** People whose printed name matches (by initials and surname), best candidates first. */
export async function findPeopleByName(db: Queryable, printed: string) {
  const key = personMatchKey(printed);
  if (!key) return [];
  return db.selectFrom('person').selectAll().where('match_key', '=', key).orderBy('id').execute();
}

/** The person a printed name refers to, adding them when nobody matches. */
export async function findOrCreatePerson(db: Queryable, actor: Actor, printed: string, kind: PersonKind, extra: Partial<NewPerson> = {}): Promise<number> {
  const found = await findPeopleByName(db, printed);
  if (found.length) {
    const sameKind = found.find((f) => f.kind === kind);
    return (sameKind ?? found[0]).id;
  }
  const n = parsePersonName(printed);
  return createPerson(db, actor, { ...n, kind, ...extra, surname: n.surname || printed.trim() || 'Unknown' });
}

export async function getPerson(db: Queryable, idOrSlug: number | string) {
  const q = db.selectFrom('person').leftJoin('political_group', 'political_group.id', 'person.group_id').selectAll('person').select('political_group.name as group_name');
  return (typeof idOrSlug === 'number' ? q.where('person.id', '=', idOrSlug) : q.where('person.slug', '=', idOrSlug)).executeTakeFirst();
}

/**
 * People in surname order; `name` keeps those whose surname or forenames contain it (any case); `limit` and `offset`
 * take one page of them (the workspace's list: a county council keeps thousands of officers).
 */
export async function listPeople(db: Queryable, filter: { kind?: PersonKind; groupId?: number; name?: string; limit?: number; offset?: number } = {}) {
  let q = db.selectFrom('person').leftJoin('political_group', 'political_group.id', 'person.group_id').selectAll('person').select('political_group.name as group_name');
  if (filter.kind) q = q.where('person.kind', '=', filter.kind);
  if (filter.groupId) q = q.where('person.group_id', '=', filter.groupId);
  if (filter.name) {
    const pattern = `%${filter.name.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([
      sql<boolean>`lower(person.surname) like ${pattern} escape '\\'`,
      sql<boolean>`lower(coalesce(person.forenames, '')) like ${pattern} escape '\\'`,
    ]));
  }
  q = q.orderBy('person.surname').orderBy('person.initials').orderBy('person.id');
  if (filter.limit !== undefined) q = q.limit(filter.limit).offset(filter.offset ?? 0);
  return q.execute();
}

/** Sets (or with null clears) a person's photo: the blob is stored content-addressed and kept when cleared. */
export async function setPersonPhoto(db: Queryable, actor: Actor, personId: number, photo: { bytes: Uint8Array; type: string } | null): Promise<void> {
  const before = await db.selectFrom('person').select(['id', 'title', 'initials', 'forenames', 'surname', 'post_nominals', 'photo_sha256', 'photo_type']).where('id', '=', personId).executeTakeFirst();
  if (!before) throw new ValidationError(`there is no person ${personId}`, 'person');
  const after = photo ? { photo_sha256: await putBlob(db, photo.bytes), photo_type: photo.type } : { photo_sha256: null, photo_type: null };
  await db.updateTable('person').set(after).where('id', '=', personId).execute();
  await recordAudit(db, actor, { action: 'update', entity: 'person', entityId: personId, summary: `Photo of ${personDisplayName(before)} ${photo ? 'uploaded' : 'removed'}`,
    before: { photo_sha256: before.photo_sha256, photo_type: before.photo_type }, after });
}

/** A councillor's or co-opted member's photo, for the public page (officers' photos are not published). */
export async function getPersonPhoto(db: Queryable, slug: string): Promise<{ sha256: string; type: string; bytes: Uint8Array } | null> {
  const row = await db.selectFrom('person').select(['photo_sha256', 'photo_type']).where('slug', '=', slug).where('kind', '!=', 'officer').executeTakeFirst();
  if (!row?.photo_sha256 || !row.photo_type) return null;
  const bytes = await getBlob(db, row.photo_sha256);
  return bytes ? { sha256: row.photo_sha256, type: row.photo_type, bytes } : null;
}
