// Issue 17: the change counters read at once on SQLite (Store.readNow) are the counters a query through the store
// reads: never a transaction's writes not yet committed (inside one, readNow declines and the read waits its turn),
// and a commit by another connection (another process) is seen by the next read.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { recordAudit } from '../../src/store/audit.js';
import { openStore, transaction } from '../../src/store/db.js';
import { changeCounts, changeCountsNow, dataVersionNow } from '../../src/store/read/version.js';
import { useTestStore } from '../helpers/use-store.js';

describe('change counters read at once on SQLite', () => {
  const get = useTestStore('sqlite');

  it('reads what a query reads, declines inside a transaction and sees another connection\'s commit', async (ctx) => {
    const { store, location } = get(ctx);
    expect(store.readNow).toBeDefined();
    const before = changeCountsNow(store);
    expect(before).toEqual(await changeCounts(store));
    await transaction(store.db, async (tx) => {
      await recordAudit(tx, SYSTEM_ACTOR, { action: 'update', entity: 'attendance', entityId: 1, summary: 'Attendance' });
      // The counter moved inside this transaction, not yet committed: not read at once.
      expect(dataVersionNow(store)).toBeNull();
    });
    const after = dataVersionNow(store);
    expect(after).not.toBeNull();
    expect(after).not.toBe(before!.record);
    // Another connection to the same file, as another process would be.
    const other = await openStore(location);
    try {
      await recordAudit(other.db, SYSTEM_ACTOR, { action: 'update', entity: 'minutes', entityId: 1, summary: 'Minutes' });
    } finally {
      await other.close();
    }
    const third = dataVersionNow(store);
    expect(third).not.toBe(after);
    expect(third).toBe((await changeCounts(store)).record);
  });

  it('keeps the counters until something is committed, by this connection or another', async (ctx) => {
    const { store, location } = get(ctx);
    const first = changeCountsNow(store)!;
    // Nothing committed since: the same counters, without reading the table again.
    const readNow = store.readNow!;
    let reads = 0;
    const counted: typeof store = { ...store, readNow: (text) => { reads++; return readNow(text); } };
    const again = changeCountsNow(counted)!;
    expect(again).toEqual(first);
    expect(changeCountsNow(counted)).toBe(again);
    expect(reads).toBe(1);
    // A write on this connection outside a transaction (autocommit), which PRAGMA data_version does not count.
    await recordAudit(store.db, SYSTEM_ACTOR, { action: 'update', entity: 'attendance', entityId: 1, summary: 'Attendance' });
    const own = changeCountsNow(counted)!;
    expect(reads).toBe(2);
    expect(own.record).not.toBe(first.record);
    expect(own).toEqual(await changeCounts(store));
    // A commit by another connection to the same file, as another process would make.
    const other = await openStore(location);
    try {
      await recordAudit(other.db, SYSTEM_ACTOR, { action: 'update', entity: 'minutes', entityId: 1, summary: 'Minutes' });
      const seen = changeCountsNow(counted)!;
      expect(reads).toBe(3);
      expect(seen.record).not.toBe(own.record);
      expect(seen).toEqual(await changeCounts(other));
    } finally {
      await other.close();
    }
    expect(changeCountsNow(counted)).toEqual(await changeCounts(store));
  });

  it('throws a statement\'s own failure instead of hiding it as "read later"', async (ctx) => {
    const { store } = get(ctx);
    // Prepares fine, fails when run (SQLite raises an integer overflow): a real error, not a busy connection.
    expect(() => store.readNow!('select abs(-9223372036854775808) as n')).toThrow(/overflow/);
  });
});
