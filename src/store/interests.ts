// A councillor's register of interests, kept with its history: nothing is deleted. Removing an entry sets its
// removed_on; editing one ends the old row (removed_on) and adds a new row with the changed text, so the register
// as it stood on any date can be read back.
import type { Actor } from '../domain/types.js';
import { ValidationError } from '../errors.js';
import { recordAudit } from './audit.js';
import type { Queryable } from './db.js';

/** The categories of the register (Relevant Authorities (Disclosable Pecuniary Interests) Regulations 2012, and other registrable interests). */
export const INTEREST_CATEGORIES = [
  'Employment, office, trade, profession or vocation',
  'Sponsorship',
  'Contracts',
  'Land and property',
  'Licences',
  'Corporate tenancies',
  'Securities',
  'Other registrable interests',
] as const;

export interface InterestEntry {
  category: string;
  description: string;
}

function check(e: InterestEntry): InterestEntry {
  const category = e.category.trim();
  const description = e.description.trim();
  if (!(INTEREST_CATEGORIES as readonly string[]).includes(category)) throw new ValidationError('Choose the category of the interest', 'category');
  if (!description) throw new ValidationError('Describe the interest', 'description');
  if (description.length > 2000) throw new ValidationError('The description must be 2,000 characters or fewer', 'description');
  return { category, description };
}

/** The register in force (no removed_on), or every row ever entered with includeHistory. */
export function listInterests(db: Queryable, personId: number, options: { includeHistory?: boolean } = {}) {
  let q = db.selectFrom('interest_register').selectAll().where('person_id', '=', personId);
  if (!options.includeHistory) q = q.where('removed_on', 'is', null);
  return q.orderBy('category').orderBy('registered_on').orderBy('id').execute();
}

/** The register as it stood on a date. */
export function interestsOn(db: Queryable, personId: number, date: string) {
  return db.selectFrom('interest_register').selectAll().where('person_id', '=', personId).where('registered_on', '<=', date)
    .where((eb) => eb.or([eb('removed_on', 'is', null), eb('removed_on', '>', date)]))
    .orderBy('category').orderBy('id').execute();
}

async function current(db: Queryable, personId: number, id: number) {
  const row = await db.selectFrom('interest_register').selectAll().where('id', '=', id).where('person_id', '=', personId).executeTakeFirst();
  if (!row || row.removed_on !== null) throw new ValidationError('That entry is not on your register', 'id');
  return row;
}

export async function addInterest(db: Queryable, actor: Actor, personId: number, e: InterestEntry, today: string): Promise<number> {
  const entry = check(e);
  const values = { person_id: personId, category: entry.category, description: entry.description, registered_on: today, removed_on: null };
  const row = await db.insertInto('interest_register').values(values).returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'create', entity: 'interest_register', entityId: row.id, summary: `Interest registered: ${entry.category}`, after: values });
  return row.id;
}

/** Ends the entry and registers its replacement; returns the new row's id. */
export async function editInterest(db: Queryable, actor: Actor, personId: number, id: number, e: InterestEntry, today: string): Promise<number> {
  const before = await current(db, personId, id);
  const entry = check(e);
  if (entry.category === before.category && entry.description === before.description) return id;
  await db.updateTable('interest_register').set({ removed_on: today }).where('id', '=', id).execute();
  const values = { person_id: personId, category: entry.category, description: entry.description, registered_on: today, removed_on: null };
  const row = await db.insertInto('interest_register').values(values).returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'update', entity: 'interest_register', entityId: row.id, summary: `Interest changed: ${entry.category} (replaces entry ${id})`, before, after: { ...values, replaces: id } });
  return row.id;
}

export async function removeInterest(db: Queryable, actor: Actor, personId: number, id: number, today: string): Promise<void> {
  const before = await current(db, personId, id);
  await db.updateTable('interest_register').set({ removed_on: today }).where('id', '=', id).execute();
  await recordAudit(db, actor, { action: 'delete', entity: 'interest_register', entityId: id, summary: `Interest removed: ${before.category}`, before, after: { ...before, removed_on: today } });
}
