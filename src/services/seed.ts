// Loading a council's records in bulk (the demonstration council): the loader opens one transaction per event and
// calls the store's writers in it with per-row audit turned off; one audit entry records the whole load. Also
// whether the database holds a council yet, wiping every council record (user accounts survive), and counting rows.
import type { Actor } from '../domain/types.js';
import { recordAudit } from '../store/audit.js';
import { transaction, type Store } from '../store/db.js';
import { COUNCIL_RECORD_TABLES, councilRecordsEmpty, countRows, wipeCouncilRecords } from '../store/seed.js';
import type { Database } from '../store/schema.js';

export { bulkLoadSession, transaction, type Queryable, type Store } from '../store/db.js';
export { addMembership, createBody, setSeats } from '../store/bodies.js';
export { getCouncil, saveCouncil } from '../store/council.js';
export { createDecision, type NewDecision } from '../store/decisions.js';
export { addDocument, addDocuments, type NewDocument } from '../store/documents.js';
export { createMeeting, updateMeetingRow } from '../store/meetings.js';
export { createPerson, ensureGroup } from '../store/people.js';
export { addInterest, editInterest, removeInterest } from '../store/interests.js';
export { recordAttendance, recordDeclarations, recordMinutes, type AttendanceEntry, type DeclarationEntry, type MinuteEntry } from '../store/proceedings.js';
export { clearToFollow } from '../store/publications.js';
export { rebuildSearchIndex } from '../store/search/index.js';

/** No council, meeting or body is recorded yet. */
export function councilIsEmpty(store: Store): Promise<boolean> {
  return councilRecordsEmpty(store.db);
}

/** Deletes every council record in one transaction (user accounts stay, unlinked from people). */
export function wipeCouncil(store: Store): Promise<void> {
  return transaction(store.db, wipeCouncilRecords);
}

/** Rows in every council record table, and in the ones a summary names. */
export async function countCouncilRecords<T extends keyof Database>(store: Store, named: readonly T[]): Promise<{ rows: number } & Record<T, number>> {
  let rows = 0;
  for (const t of COUNCIL_RECORD_TABLES) rows += await countRows(store.db, t);
  const out = { rows } as { rows: number } & Record<T, number>;
  for (const t of named) (out as Record<string, number>)[t] = await countRows(store.db, t);
  return out;
}

/** The one audit entry of a bulk load. */
export async function recordLoad(store: Store, actor: Actor, summary: string): Promise<void> {
  await recordAudit(store.db, actor, { action: 'import', entity: 'council', entityId: null, summary });
}
