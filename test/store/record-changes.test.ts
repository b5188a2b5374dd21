// Issue 16: the log of changes the caches follow (migrations 032, 036). Each move of the record's counter lists the
// audit entries of the transaction behind it, in commit order within its stripe, even when audit ids are not
// (PostgreSQL takes an id at the insert and the counter at the commit); a move with nothing listed (a derived change)
// is "not known". On PostgreSQL the counter is in stripes: writers on different stripes commit together, and a reader
// following the stripes still misses no committed change.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { recordChanges } from '../../src/services/change-scope.js';
import { recordAudit } from '../../src/store/audit.js';
import { transaction } from '../../src/store/db.js';
import { purgeRecordChanges } from '../../src/store/operations.js';
import { createPerson } from '../../src/store/people.js';
import { countDerivedChange, dataVersion, recordChangesAfter, recordStripes } from '../../src/store/read/version.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

describe.each(STORE_KINDS)('record changes on %s', (kind) => {
  const get = useTestStore(kind);

  it('lists the entries behind each move of the counter, and none for a derived change', async (ctx) => {
    const { store } = get(ctx);
    const start = await dataVersion(store);
    const v0 = recordStripes(start)!;
    const personId = await createPerson(store.db, SYSTEM_ACTOR, { surname: 'Listed', kind: 'officer', jobTitle: 'Officer' });
    await transaction(store.db, async (tx) => {
      await recordAudit(tx, SYSTEM_ACTOR, { action: 'update', entity: 'attendance', entityId: 41, summary: 'Attendance' });
      await recordAudit(tx, SYSTEM_ACTOR, { action: 'update', entity: 'minutes', entityId: 41, summary: 'Minutes' });
    });
    await countDerivedChange(store.db);
    const { version, changes } = await recordChangesAfter(store, v0);
    expect(version.join('.')).toBe(await dataVersion(store));
    expect(version).toHaveLength(kind === 'sqlite' ? 1 : 8);
    const moves = [...changes!.values()];
    // SQLite moves the counter once an entry, PostgreSQL once a transaction (each on one stripe).
    expect(moves.filter((m) => m === null)).toHaveLength(1);
    const listed = moves.filter((m) => m !== null);
    expect(listed.flat()).toEqual(expect.arrayContaining([
      { entity: 'person', entityId: String(personId), action: 'create', meetingId: null, personKind: 'officer' },
      { entity: 'attendance', entityId: '41', action: 'update', meetingId: null, personKind: null },
      { entity: 'minutes', entityId: '41', action: 'update', meetingId: null, personKind: null },
    ]));
    expect(listed.flat()).toHaveLength(3);
    if (kind === 'postgres') expect(listed.map((m) => m!.map((e) => e.entity))).toEqual(expect.arrayContaining([['attendance', 'minutes']]));
    expect(moves).toHaveLength(kind === 'sqlite' ? 4 : 3);
    // What the caches make of them: the officer keeps the councillors' lists; the derived change drops everything.
    const tracker = recordChanges(store);
    await tracker.between(start, await dataVersion(store)); // its first read only learns where the counter is
    const v1 = await dataVersion(store);
    await createPerson(store.db, SYSTEM_ACTOR, { surname: 'Second', kind: 'officer', jobTitle: 'Officer' });
    expect(await tracker.between(v1, await dataVersion(store))).toEqual(new Set());
    const v2 = await dataVersion(store);
    await createPerson(store.db, SYSTEM_ACTOR, { surname: 'Third', kind: 'councillor' });
    expect(await tracker.between(v2, await dataVersion(store))).toEqual(new Set(['councillors']));
    await countDerivedChange(store.db);
    expect(await tracker.between(v2, await dataVersion(store))).toBeNull();
  });

  it('trims the log to its last moves', async (ctx) => {
    const { store } = get(ctx);
    // More moves than stripes, so some stripe has more than its last.
    for (let i = 0; i < 9; i++) await createPerson(store.db, SYSTEM_ACTOR, { surname: `Trimmed ${i}`, kind: 'officer', jobTitle: 'Officer' });
    const v = recordStripes(await dataVersion(store))!;
    const last = await store.db.selectFrom('record_change').select(['stripe', 'n']).where('audit_id', 'is not', null).orderBy('audit_id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(await purgeRecordChanges(store.db, 1)).toBeGreaterThan(0);
    // Each stripe keeps its last move (SQLite has one stripe).
    const left = (await store.db.selectFrom('record_change').select(['stripe', 'n']).execute()).map((r) => ({ stripe: Number(r.stripe), n: Number(r.n) }));
    expect(left.every((r) => Number(r.n) === v[r.stripe])).toBe(true);
    expect(left).toContainEqual({ stripe: Number(last.stripe), n: v[Number(last.stripe)] });
    if (kind === 'sqlite') expect(left).toHaveLength(1);
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
    const { changes } = await recordChangesAfter(store, recordStripes(v1));
    expect([...changes!.values()]).toEqual([[{ entity: 'body', entityId: '7', action: 'update', meetingId: null, personKind: null }]]);
  });

  it('misses no committed change while writers on different stripes commit together', async (ctx) => {
    const { store } = get(ctx);
    const tracker = recordChanges(store);
    let seen = await dataVersion(store);
    // Its first read only learns where the counter is (asked about a version one ahead, so it reads).
    await tracker.between(seen, recordStripes(seen)!.map((n, s) => (s === 0 ? n + 1 : n)).join('.'));
    // Each write is one meeting's attendance, so the tags a reader is told of name exactly the writes it saw.
    const committed = new Set<string>();
    const told = new Set<string>();
    let writing = true;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 25; i++) {
        const meeting = String(1_000_000 + w * 1000 + i);
        await transaction(store.db, async (tx) => {
          await recordAudit(tx, SYSTEM_ACTOR, { action: 'update', entity: 'attendance', entityId: meeting, summary: 'Attendance' });
        });
        committed.add(`meeting:${meeting}`);
      }
    });
    const reader = (async () => {
      let reads = 0;
      while (writing || reads === 0) {
        // Every write acknowledged before this read began must be among what the reader has been told of after it.
        const acknowledged = [...committed];
        const now = await dataVersion(store);
        if (now !== seen) {
          const stale = await tracker.between(seen, now);
          expect(stale).not.toBeNull();
          for (const t of stale!) told.add(t);
          seen = now;
        }
        for (const t of acknowledged) expect(told.has(t), `${t} committed before the read at ${now}`).toBe(true);
        reads++;
      }
      return reads;
    })();
    await Promise.all(writers);
    writing = false;
    expect(await reader).toBeGreaterThan(1);
    const end = await dataVersion(store);
    if (end !== seen) for (const t of (await tracker.between(seen, end))!) told.add(t);
    expect([...told].filter((t) => t.startsWith('meeting:1')).sort()).toEqual([...committed].sort());
    if (kind === 'postgres') {
      // The writes did land on several stripes.
      const stripes = await store.db.selectFrom('record_change').select('stripe').distinct().execute();
      expect(stripes.length).toBeGreaterThan(1);
    }
  });
});
