// People (councillors, officers, co-opted members) and political groups.
import * as people from '../store/people.js';
import * as records from '../store/workspace/records.js';
import { unitOfWork } from './unit.js';

export { getPerson, listGroups, listPeople, personDisplayName, personFullName, type NewPerson } from '../store/people.js';
export { readPeopleDirectory, readPersonPage } from '../store/read/people.js';
import { readPersonPage } from '../store/read/people.js';
import type { Store } from '../store/db.js';
import { versionedRead } from './read-cache.js';

/** A person's page (the same for every viewer), read once per data version. */
export function personPage(store: Store, slug: string): ReturnType<typeof readPersonPage> {
  return versionedRead(store, `person:${slug}`, () => readPersonPage(store.db, slug));
}
export { getGroup } from '../store/workspace/pages.js';
export type { GroupFields, PersonChanges } from '../store/workspace/records.js';

export const addPerson = unitOfWork(people.createPerson);
export const updatePerson = unitOfWork(records.updatePerson);
export const addGroup = unitOfWork(records.createGroup);
export const updateGroup = unitOfWork(records.updateGroup);
