// Issue 17: every search page reads the committee list. Requests that come while it is being read share the next
// read instead of sending their own (a search request was three statements, each a round trip), but never the read
// already in flight: it may have taken its snapshot before a change a later caller must see.
import { describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { createBody } from '../../../src/store/bodies.js';
import type { Store } from '../../../src/store/db.js';
import { bodyOptions } from '../../../src/store/read/calendar.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';

/** The store's statements counted, and their answers held back on request (a spy on the handle the reads go through). */
function counted(store: Store): { sent: () => number; hold: () => () => void; restore: () => void } {
  const execute = store.db.executeQuery.bind(store.db);
  let sent = 0;
  let gate: Promise<void> | null = null;
  const spy = vi.spyOn(store.db, 'executeQuery').mockImplementation((async (...args: Parameters<Store['db']['executeQuery']>) => {
    sent++;
    const waitFor = gate;
    const result = await execute(...args); // the snapshot is taken now; the answer may be held back
    if (waitFor) await waitFor;
    return result;
  }) as Store['db']['executeQuery']);
  return {
    sent: () => sent,
    hold: () => {
      let release!: () => void;
      gate = new Promise((r) => { release = r; });
      return () => { gate = null; release(); };
    },
    restore: () => spy.mockRestore(),
  };
}

describe.each(STORE_KINDS)('the committee list on %s', (kind) => {
  const get = useTestStore(kind);

  it('is read once for callers that come while it is being read, and is the same as a read of its own', async (ctx) => {
    const { store } = get(ctx);
    await createBody(store.db, SYSTEM_ACTOR, { name: 'Shared Read Cabinet', kind: 'cabinet' });
    await createBody(store.db, SYSTEM_ACTOR, { name: 'Shared Read Audit Committee', kind: 'regulatory-committee' });
    const q = counted(store);
    const lists = await Promise.all(Array.from({ length: 20 }, () => bodyOptions(store.db)));
    q.restore();
    // The first caller's read, then one for the 19 that came while it was in flight.
    expect(q.sent()).toBe(2);
    const own = await store.db.selectFrom('body').select(['slug', 'name']).orderBy('name').execute();
    expect(own.map((r) => r.slug)).toEqual(expect.arrayContaining(['shared-read-cabinet', 'shared-read-audit-committee']));
    for (const list of lists) expect(list).toEqual(own);
    // One caller cannot change what the others were given.
    expect(Object.isFrozen(lists[0]) && Object.isFrozen(lists[0][0])).toBe(true);
  });

  it('never gives a caller a read sent before it came', async (ctx) => {
    const { store } = get(ctx);
    const q = counted(store);
    const release = q.hold();
    const early = bodyOptions(store.db); // sent now, its answer held back
    await new Promise((r) => setTimeout(r, 50));
    // A committee created (on another connection, as another process would) after that read was sent
    q.restore();
    await createBody(store.db, SYSTEM_ACTOR, { name: 'Shared Read Scrutiny Committee', kind: 'scrutiny-committee' });
    const q2 = counted(store);
    const late = bodyOptions(store.db); // came after the commit, while the early read is still in flight
    release();
    const [a, b] = await Promise.all([early, late]);
    q2.restore();
    expect(q.sent() + q2.sent()).toBe(2);
    expect(a.map((r) => r.name)).not.toContain('Shared Read Scrutiny Committee');
    expect(b.map((r) => r.name)).toContain('Shared Read Scrutiny Committee');
  });
});
