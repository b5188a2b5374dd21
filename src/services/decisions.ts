// Records of Decision: recorded with a number (YY/NNNNN) allocated in the same transaction, published with the end
// of their call-in window (services/executive/decisions.ts publishDecisionRecord, with the domain's callInWindowEnd),
// and the register and pages that read them.
import * as decisions from '../store/decisions.js';
import { unitOfWork } from './unit.js';

export { getDecision, listDecisions, type NewDecision } from '../store/decisions.js';
export { readDecisionPage, readDecisionRegister, latestDecisions } from '../store/read/decisions.js';
export { pageOfDecisions, type DecisionListFilter } from '../store/read/lists.js';

export const recordDecision = unitOfWork(decisions.createDecision);
