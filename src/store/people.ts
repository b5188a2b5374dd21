// People (councillors, officers, co-opted members) and political groups.
import { formatPersonName, parsePersonName, personMatchKey } from '../domain/names.js';
import { slugify, uniqueSlug } from '../domain/slugs.js';
import type { Actor, PersonKind } from '../domain/types.js';
import { nowIso, recordAudit } from './audit.js';
import type { Queryable } from './db.js';
import type { Row } from './schema.js';
import { checkNames } from './input.js';

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
}

export function personDisplayName(p: Pick<Row<'person'>, 'title' | 'initials' | 'forenames' | 'surname' | 'post_nominals'>): string {
  return formatPersonName({ title: p.title, initials: p.initials, forenames: p.forenames, surname: p.surname, postNominals: p.post_nominals });
}

/** "Cllr Jane Smith": forenames where known, else initials. */
export function personFullName(p: Pick<Row<'person'>, 'title' | 'initials' | 'forenames' | 'surname' | 'post_nominals'>): string {
  return formatPersonName({ title: p.title, initials: p.initials, forenames: p.forenames, surname: p.surname, postNominals: p.post_nominals }, 'full');
}

async function slugTaken(db: Queryable, slug: string): Promise<boolean> {
  return !!(await db.selectFrom('person').select('id').where('slug', '=', slug).executeTakeFirst());
}

/** Names and titles of a person: one line each, no control characters. */
export function checkPersonNames(p: { title?: string | null; forenames?: string | null; initials?: string | null; surname: string; postNominals?: string | null; jobTitle?: string | null; division?: string | null }): void {
  checkNames(['title', 'The title', p.title], ['forenames', 'The forenames', p.forenames], ['initials', 'The initials', p.initials], ['surname', 'The surname', p.surname],
    ['postNominals', 'The post-nominal letters', p.postNominals], ['jobTitle', 'The job title', p.jobTitle], ['division', 'The division', p.division]);
}

export async function createPerson(db: Queryable, actor: Actor, p: NewPerson): Promise<number> {
  checkPersonNames(p);
  const given = p.forenames ?? p.initials ?? '';
  const base = slugify(`${given} ${p.surname}`) || 'person';
  let slug = base;
  if (await slugTaken(db, slug)) {
    const taken = new Set((await db.selectFrom('person').select('slug').where('slug', 'like', `${base}%`).execute()).map((r) => r.slug));
    slug = uniqueSlug(base, (s) => taken.has(s));
  }
  const initials = p.initials ?? (p.forenames ? p.forenames.split(/\s+/).map((w) => w.charAt(0).toUpperCase()).join(' ') : null);
  const values = {
    slug,
    title: p.title ?? null,
    forenames: p.forenames ?? null,
    initials,
    surname: p.surname,
    post_nominals: p.postNominals ?? null,
    match_key: personMatchKey(`${initials ?? ''} ${p.surname}`),
    kind: p.kind,
    group_id: p.groupId ?? null,
    job_title: p.jobTitle ?? null,
    division: p.division ?? null,
    email: p.email ?? null,
    phone: p.phone ?? null,
    created_at: nowIso(),
  };
  const row = await db.insertInto('person').values(values).returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'create', entity: 'person', entityId: row.id, summary: `Added ${personDisplayName(values)}`, after: values });
  return row.id;
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

export async function listPeople(db: Queryable, filter: { kind?: PersonKind; groupId?: number } = {}) {
  let q = db.selectFrom('person').leftJoin('political_group', 'political_group.id', 'person.group_id').selectAll('person').select('political_group.name as group_name');
  if (filter.kind) q = q.where('person.kind', '=', filter.kind);
  if (filter.groupId) q = q.where('person.group_id', '=', filter.groupId);
  return q.orderBy('person.surname').orderBy('person.initials').execute();
}
