// Issue 16: the change counters read before every request. Callers that come while a read is in flight share the
// next one instead of each sending their own, but never the read already in flight: it may have taken its snapshot
// before a change a later caller must see (a write acknowledged to that caller by another process).
import { describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { recordAudit } from '../../src/store/audit.js';
import type { Store } from '../../src/store/db.js';
import { changeCounts } from '../../src/store/read/version.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

/** The store without SQLite's read at once, so every read of the counters goes through a query. */
function throughQueries(store: Store): { store: Store; sent: () => number; hold: () => () => void } {
  const db = Object.create(store.db) as Store['db'];
  let sent = 0;
  let gate: Promise<void> | null = null;
  db.executeQuery = (async (...args: Parameters<Store['db']['executeQuery']>) => {
    sent++;
    const waitFor = gate;
    const result = await store.db.executeQuery(...args); // the snapshot is taken now; the answer may be held back
    if (waitFor) await waitFor;
    return result;
  }) as Store['db']['executeQuery'];
  return {
    store: { ...store, db, readNow: undefined },
    sent: () => sent,
    // Holds back the answers of the reads sent from now until the returned function is called.
    hold: () => {
      let release!: () => void;
      gate = new Promise((r) => { release = r; });
      return () => { gate = null; release(); };
    },
  };
}

describe.each(STORE_KINDS)('change counters read on %s', (kind) => {
  const get = useTestStore(kind);

  it('lets concurrent callers share a read, one sent after they all came', async (ctx) => {
    const q = throughQueries(get(ctx).store);
    const reads = await Promise.all(Array.from({ length: 20 }, () => changeCounts(q.store)));
    // The first caller's read, then one for the 19 that came while it was in flight.
    expect(q.sent()).toBe(2);
    expect(new Set(reads.map((r) => r.record)).size).toBe(1);
    expect(reads[0]).toEqual(await changeCounts(get(ctx).store));
  });

  it('never gives a caller a read sent before it came', async (ctx) => {
    const { store } = get(ctx);
    const q = throughQueries(store);
    const release = q.hold();
    const early = changeCounts(q.store); // sent now, its answer held back
    await new Promise((r) => setTimeout(r, 50));
    // A change committed (by another connection, as another process would) after that read was sent
    await recordAudit(store.db, SYSTEM_ACTOR, { action: 'update', entity: 'attendance', entityId: 1, summary: 'Attendance' });
    const late = changeCounts(q.store); // came after the commit, while the early read is still in flight
    release();
    const [a, b] = await Promise.all([early, late]);
    expect(q.sent()).toBe(2);
    expect(b.record).not.toBe(a.record);
    expect(b).toEqual(await changeCounts(store));
  });

  it('a failed read fails its callers, and the next caller reads again', async (ctx) => {
    const { store } = get(ctx);
    const q = throughQueries(store);
    const spy = vi.spyOn(store.db, 'executeQuery').mockRejectedValueOnce(new Error('connection terminated'));
    try {
      const first = changeCounts(q.store);
      const joined = changeCounts(q.store);
      await expect(first).rejects.toThrow('connection terminated');
      // The caller who joined got a read of its own, sent after the failed one.
      expect((await joined).record).toBe((await changeCounts(store)).record);
      expect((await changeCounts(q.store)).record).toBe((await changeCounts(store)).record);
    } finally {
      spy.mockRestore();
    }
  });
});
