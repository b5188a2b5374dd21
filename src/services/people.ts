// People (councillors, officers, co-opted members) and political groups.
import * as people from '../store/people.js';
import * as records from '../store/workspace/records.js';
import { atomicWrite, unitOfWork } from './unit.js';

export { getPerson, listGroups, listPeople, personDisplayName, personFullName, type NewPerson } from '../store/people.js';
export { readPeopleDirectory, readPersonPage } from '../store/read/people.js';
import { readPeopleDirectory, readPersonPage, readRegisterOn } from '../store/read/people.js';
import type { Store } from '../store/db.js';
import { councilNaming } from './council.js';
import { type ChangeCounts, versionedRead } from './read-cache.js';

/**
 * A person's page (the same for every viewer) with names in the council's style, read once per data version; `counts`:
 * the counters the request read with its session, if it did.
 */
export function personPage(store: Store, slug: string, counts?: ChangeCounts | null): Promise<(Awaited<ReturnType<typeof readPersonPage>> & { areaLabel: string }) | null> {
  return versionedRead(store, `person:${slug}`, async () => {
    const naming = await councilNaming(store.db);
    const page = await readPersonPage(store.db, slug, naming.nameStyle);
    return page ? { ...page, areaLabel: naming.areaLabel } : null;
  }, { counts });
}

/** The councillors and co-opted members, named in the council's style. */
export async function peopleDirectory(store: Store, filter: Parameters<typeof readPeopleDirectory>[1] = {}) {
  const naming = await councilNaming(store.db);
  return { ...(await readPeopleDirectory(store.db, filter, naming.nameStyle)), areaLabel: naming.areaLabel };
}

/** A member's register of interests as it stood on a date. */
export async function registerOn(store: Store, slug: string, date: string) {
  return readRegisterOn(store.db, slug, date, (await councilNaming(store.db)).nameStyle);
}
export { getGroup } from '../store/workspace/pages.js';
export type { GroupFields, PersonChanges } from '../store/workspace/records.js';

// One statement on PostgreSQL: the person with the audit entry (the clerk's commonest addition to the record).
export const addPerson = atomicWrite(people.createPerson);
export const updatePerson = unitOfWork(records.updatePerson);
export const addGroup = unitOfWork(records.createGroup);
export const updateGroup = unitOfWork(records.updateGroup);
