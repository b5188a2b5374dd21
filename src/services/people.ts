// People (councillors, officers, co-opted members) and political groups.
import * as people from '../store/people.js';
import * as records from '../store/workspace/records.js';
import { unitOfWork } from './unit.js';

export { getPerson, listGroups, listPeople, personDisplayName, personFullName, type NewPerson } from '../store/people.js';
export { readPeopleDirectory, readPersonPage } from '../store/read/people.js';
export { getGroup } from '../store/workspace/pages.js';
export type { GroupFields, PersonChanges } from '../store/workspace/records.js';

export const addPerson = unitOfWork(people.createPerson);
export const updatePerson = unitOfWork(records.updatePerson);
export const addGroup = unitOfWork(records.createGroup);
export const updateGroup = unitOfWork(records.updateGroup);
