// Issue 16: the log of changes the caches follow (migration 032). Each move of the record's counter lists the audit
// entries of the transaction behind it, in commit order, even when audit ids are not (PostgreSQL takes an id at the
// insert and the counter at the commit); a move with nothing listed (a derived change) is "not known".
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { recordChanges } from '../../src/services/change-scope.js';
import { recordAudit } from '../../src/store/audit.js';
import { transaction } from '../../src/store/db.js';
import { purgeRecordChanges } from '../../src/store/operations.js';
import { createPerson } from '../../src/store/people.js';
import { countDerivedChange, dataVersion, recordChangesAfter } from '../../src/store/read/version.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

describe.each(STORE_KINDS)('record changes on %s', (kind) => {
  const get = useTestStore(kind);

  it('lists the entries behind each move of the counter, and none for a derived change', async (ctx) => {
    const { store } = get(ctx);
    const v0 = Number(await dataVersion(store));
    const personId = await createPerson(store.db, SYSTEM_ACTOR, { surname: 'Listed', kind: 'officer', jobTitle: 'Officer' });
    await transaction(store.db, async (tx) => {
      await recordAudit(tx, SYSTEM_ACTOR, { action: 'update', entity: 'attendance', entityId: 41, summary: 'Attendance' });
      await recordAudit(tx, SYSTEM_ACTOR, { action: 'update', entity: 'minutes', entityId: 41, summary: 'Minutes' });
    });
    await countDerivedChange(store.db);
    const { version, changes } = await recordChangesAfter(store, v0);
    expect(version).toBe(Number(await dataVersion(store)));
    const moves = [...changes!.values()];
    // SQLite moves the counter once an entry, PostgreSQL once a transaction.
    expect(moves.at(-1)).toBeNull();
    const listed = moves.slice(0, -1).flatMap((m) => m ?? []);
    expect(listed).toEqual([
      { entity: 'person', entityId: String(personId), action: 'create', meetingId: null, personKind: 'officer' },
      { entity: 'attendance', entityId: '41', action: 'update', meetingId: null, personKind: null },
      { entity: 'minutes', entityId: '41', action: 'update', meetingId: null, personKind: null },
    ]);
    expect(moves).toHaveLength(kind === 'sqlite' ? 4 : 3);
    // What the caches make of them: the officer keeps the councillors' lists; the derived change drops everything.
    const tracker = recordChanges(store);
    await tracker.between(String(v0), String(v0 + 1)); // its first read only learns where the counter is
    const v1 = Number(await dataVersion(store));
    await createPerson(store.db, SYSTEM_ACTOR, { surname: 'Second', kind: 'officer', jobTitle: 'Officer' });
    expect(await tracker.between(String(v1), await dataVersion(store))).toEqual(new Set());
    const v2 = Number(await dataVersion(store));
    await createPerson(store.db, SYSTEM_ACTOR, { surname: 'Third', kind: 'councillor' });
    expect(await tracker.between(String(v2), await dataVersion(store))).toEqual(new Set(['councillors']));
    await countDerivedChange(store.db);
    expect(await tracker.between(String(v2), await dataVersion(store))).toBeNull();
  });

  it('trims the log to its last moves', async (ctx) => {
    const { store } = get(ctx);
    await createPerson(store.db, SYSTEM_ACTOR, { surname: 'Trimmed', kind: 'officer', jobTitle: 'Officer' });
    const v = Number(await dataVersion(store));
    expect(await purgeRecordChanges(store.db, 1)).toBeGreaterThan(0);
    const left = await store.db.selectFrom('record_change').select('n').execute();
    expect(left.map((r) => Number(r.n))).toEqual([v]);
  });

  it('lists a change that committed after a later one, though its audit id is lower', async (ctx) => {
    const { store } = get(ctx);
    if (kind === 'sqlite') return; // one writer at a time: ids are commit order
    const tracker = recordChanges(store);
    const v0 = await dataVersion(store);
    await tracker.between(v0, String(Number(v0) + 1));
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let inserted!: () => void;
    const hasId = new Promise<void>((r) => { inserted = r; });
    // The slow transaction takes its audit id first and commits last.
    const slow = transaction(store.db, async (tx) => {
      await recordAudit(tx, SYSTEM_ACTOR, { action: 'update', entity: 'body', entityId: 7, summary: 'Slow' });
      inserted();
      await gate;
    });
    await hasId;
    await createPerson(store.db, SYSTEM_ACTOR, { surname: 'Quick', kind: 'officer', jobTitle: 'Officer' });
    const v1 = await dataVersion(store);
    expect(await tracker.between(v0, v1)).toEqual(new Set()); // only the officer so far
    release();
    await slow;
    const v2 = await dataVersion(store);
    // An entry id above the quick one's is not what marks the slow change: its move of the counter does.
    expect(await tracker.between(v1, v2)).toBeNull();
    const { changes } = await recordChangesAfter(store, Number(v1));
    expect([...changes!.values()]).toEqual([[{ entity: 'body', entityId: '7', action: 'update', meetingId: null, personKind: null }]]);
  });
});
