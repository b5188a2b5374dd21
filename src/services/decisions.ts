// Records of Decision: recorded through takeDecision (services/executive/decisions.ts) with a number (YY/NNNNN), published with the end
// of their call-in window (services/executive/decisions.ts publishDecisionRecord, with the domain's callInWindowEnd),
// and the register and pages that read them.
import { decisionStanding, withStanding } from '../domain/executive.js';
import type { Viewer } from '../domain/policy.js';
import type { Store } from '../store/db.js';
import { readDecisionPage as readPage, readDecisionRegister as readRegister, type DecisionRegisterFilter } from '../store/read/decisions.js';
import { pageOfDecisions as pageOf, type DecisionListFilter } from '../store/read/lists.js';
import { decisionTimeline } from './executive/decisions.js';
import { isDeepFrozen } from './frozen.js';
import { type ChangeCounts, versionedRead } from './read-cache.js';

export { getDecision, listDecisions, type NewDecision } from '../store/decisions.js';
export { decisionExemptPartFor, latestDecisions } from '../store/read/decisions.js';
export type { DecisionListFilter };
export { withStanding };

/** A Record of Decision as this viewer may see it, with where it stands today; none: no such decision, or not one this viewer may see. */
export async function readDecisionPage(db: Store['db'], slug: string, viewer: Viewer, today: string) {
  const page = await readPage(db, slug, viewer);
  return page ? { ...page, standing: decisionStanding(page.decision, today) } : null;
}

/** The register's page of decisions, each with where it stands today (open for call-in, implementable…). */
export async function readDecisionRegister(db: Store['db'], viewer: Viewer, f: DecisionRegisterFilter & { today: string }) {
  const reg = await readRegister(db, viewer, f);
  return { ...reg, decisions: withStanding(reg.decisions, f.today) };
}

/** A page of decisions for the API, each with where it stands today. */
export async function pageOfDecisions(db: Store['db'], viewer: Viewer, f: DecisionListFilter & { today: string }) {
  const page = await pageOf(db, viewer, f);
  return { ...page, rows: withStanding(page.rows, f.today) };
}

/**
 * A Record of Decision's page and its timeline as this viewer may see them, read once per data version for each
 * viewer (issue 17). Both reads are functions of the record, the slug, the day and the viewer alone, and the key holds
 * the whole viewer (role, bodies, granted meetings), so a viewer is only ever given what was read for exactly their
 * entitlements; none: no such decision, or not one this viewer may see.
 */
export async function decisionPageFor(store: Store, slug: string, viewer: Viewer, today: string, counts?: ChangeCounts | null) {
  return versionedRead(store, `decision:${slug}:${today}:${viewerKey(viewer)}`, async () => {
    const page = await readDecisionPage(store.db, slug, viewer, today);
    return page ? { page, timeline: await decisionTimeline(store.db, viewer, slug, today) } : null;
  }, { counts });
}

const viewerKeys = new WeakMap<Viewer, string>();

/** The whole viewer as a key: a deep-frozen one (the session's, from the read cache) can never change, so its JSON is made once. */
function viewerKey(viewer: Viewer): string {
  if (!isDeepFrozen(viewer)) return JSON.stringify(viewer);
  let key = viewerKeys.get(viewer);
  if (key === undefined) viewerKeys.set(viewer, (key = JSON.stringify(viewer)));
  return key;
}

