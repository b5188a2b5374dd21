// The councillors' area: their meetings and papers (as the policy lets them see), declarations and register of interests.
import * as interests from '../store/interests.js';
import { unitOfWork } from './unit.js';

export { meetingsOfBodiesOrGranted, papersOfMeetings, declarationsOfPerson } from '../store/read/councillor.js';
export { INTEREST_CATEGORIES, listInterests, interestsOn, type InterestEntry } from '../store/interests.js';

export const addInterest = unitOfWork(interests.addInterest);
export const editInterest = unitOfWork(interests.editInterest);
export const removeInterest = unitOfWork(interests.removeInterest);
