// Bodies (committees, the Council, the Cabinet…), their seats and memberships.
import type { Actor } from '../domain/types.js';
import { ValidationError } from '../errors.js';
import * as bodies from '../store/bodies.js';
import type { Store } from '../store/db.js';
import { getPerson, listGroups } from '../store/people.js';
import * as records from '../store/workspace/records.js';
import { unitOfWork } from './unit.js';

export { getBody, listBodies, getSeats, membershipOn, membershipsOfPerson, type NewBody, type NewMembership } from '../store/bodies.js';
export { readBodiesByKind, readBodyPage } from '../store/read/bodies.js';
import { readBodyPage } from '../store/read/bodies.js';
import { RECORD_TAG } from './change-scope.js';
import { versionedRead } from './read-cache.js';

/** A committee's page on a day (the same for every viewer), read once per data version. */
export function bodyPage(store: Store, slug: string, today: string): ReturnType<typeof readBodyPage> {
  return versionedRead(store, `body:${slug}:${today}`, () => readBodyPage(store.db, slug, today), { tags: [RECORD_TAG] });
}
export type { BodyChanges } from '../store/workspace/records.js';
export { bodyMembers, recentMeetingsOfBody, getMembership } from '../store/workspace/pages.js';

export const addBody = unitOfWork(bodies.createBody);
export const updateBody = unitOfWork(records.updateBody);

/**
 * A body's seats by political group (replacing the allocation): each group exists and is named once, and together
 * they hold no more than the body's seats. Groups with no seats are left out.
 */
export const allocateSeats = unitOfWork(async (tx, actor, bodyId: number, seats: { groupId: number; seats: number }[]) => {
  const body = await bodies.getBody(tx, bodyId);
  if (!body) throw new ValidationError(`there is no body ${bodyId}`, 'body');
  const groups = new Set((await listGroups(tx)).map((g) => g.id));
  const seen = new Set<number>();
  for (const s of seats) {
    if (!groups.has(s.groupId)) throw new ValidationError(`there is no political group ${s.groupId}`, 'seats');
    if (seen.has(s.groupId)) throw new ValidationError(`political group ${s.groupId} is given seats twice`, 'seats');
    if (!Number.isInteger(s.seats) || s.seats < 0) throw new ValidationError('seats must be whole numbers, 0 or more', 'seats');
    seen.add(s.groupId);
  }
  const total = seats.reduce((n, s) => n + s.seats, 0);
  if (body.size !== null && total > body.size) throw new ValidationError(`the groups' seats add up to ${total}, more than the body's ${body.size} seats`, 'seats');
  await bodies.setSeats(tx, actor, bodyId, seats.filter((s) => s.seats > 0));
});
export const endMembership = unitOfWork(bodies.endMembership);

/** Adds a body whose name no other body has. */
export const addBodyWithNewName = unitOfWork(async (tx, actor, b: bodies.NewBody) => {
  await records.assertBodyNameFree(tx, b.name);
  return bodies.createBody(tx, actor, b);
});

/** Adds a membership after checking the body and person exist and the dates are in order (each error names its field). */
export async function addMembership(store: Store, actor: Actor, m: bodies.NewMembership): Promise<number> {
  if (!(await bodies.getBody(store.db, m.bodyId))) throw new ValidationError(`There is no body with id ${m.bodyId}`, 'bodyId');
  if (!(await getPerson(store.db, m.personId))) throw new ValidationError(`There is no person with id ${m.personId}`, 'personId');
  if (m.endsOn && m.endsOn < m.startsOn) throw new ValidationError('The membership cannot end before it starts', 'endsOn');
  return unitOfWork(bodies.addMembership)(store, actor, m);
}

/** A person joins a body (in their own political group unless another is given), from the workspace. */
export const joinBody = unitOfWork(async (tx, actor, bodyId: number, m: Omit<bodies.NewMembership, 'bodyId'>) => {
  const person = await getPerson(tx, m.personId);
  if (!person) throw new ValidationError('select the person joining the body', 'personId');
  return bodies.addMembership(tx, actor, { ...m, bodyId, groupId: m.groupId ?? person.group_id });
});

/** Ends a membership on a date that is not before it started. */
export const endMembershipOn = unitOfWork(async (tx, actor, membershipId: number, endsOn: string) => {
  await records.checkMembershipDates(tx, membershipId, endsOn);
  await bodies.endMembership(tx, actor, membershipId, endsOn);
});

/** A Cabinet member's portfolio changes from a date; the old one stays in the history with its dates. */
export const changeMembershipPortfolio = unitOfWork(bodies.changePortfolio);
