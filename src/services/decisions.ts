// Records of Decision: recorded with a number (YY/NNNNN) allocated in the same transaction, published with the end
// of their call-in window (services/executive/decisions.ts publishDecisionRecord, with the domain's callInWindowEnd),
// and the register and pages that read them.
import type { Viewer } from '../domain/policy.js';
import * as decisions from '../store/decisions.js';
import type { Store } from '../store/db.js';
import { readDecisionPage } from '../store/read/decisions.js';
import { decisionTimeline } from './executive/decisions.js';
import { versionedRead } from './read-cache.js';
import { unitOfWork } from './unit.js';

export { getDecision, listDecisions, type NewDecision } from '../store/decisions.js';
export { decisionExemptPartFor, readDecisionPage, readDecisionRegister, latestDecisions } from '../store/read/decisions.js';
export { pageOfDecisions, type DecisionListFilter } from '../store/read/lists.js';

export const recordDecision = unitOfWork(decisions.createDecision);

/**
 * A Record of Decision's page and its timeline as this viewer may see them, read once per data version for each
 * viewer (issue 17). Both reads are functions of the record, the slug, the day and the viewer alone, and the key holds
 * the whole viewer (role, bodies, granted meetings), so a viewer is only ever given what was read for exactly their
 * entitlements; none: no such decision, or not one this viewer may see.
 */
export async function decisionPageFor(store: Store, slug: string, viewer: Viewer, today: string) {
  return versionedRead(store, `decision:${slug}:${today}:${JSON.stringify(viewer)}`, async () => {
    const page = await readDecisionPage(store.db, slug, viewer);
    return page ? { page, timeline: await decisionTimeline(store.db, viewer, slug, today) } : null;
  });
}

