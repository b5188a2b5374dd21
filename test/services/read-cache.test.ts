// Issue 17: viewer-independent rows kept per data version. A write, from this connection or another, is seen at
// once; concurrent readers share one load; kept values cannot be changed by a caller; a signed-out session or a
// changed membership is never served from the cache.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { sessionViewer, sessionViewerNow } from '../../src/services/accounts.js';
import { versionedRead } from '../../src/services/read-cache.js';
import { createSession, createUser, deleteSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/store/accounts.js';
import { createBody } from '../../src/store/bodies.js';
import { openStore } from '../../src/store/db.js';
import { hitRateLimit, takeJobLease } from '../../src/store/operations.js';
import { changeCounts, dataVersion } from '../../src/store/read/version.js';
import { rebuildSearchIndex } from '../../src/store/search/index.js';
import { PG_ADMIN_URL, STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

describe.each(STORE_KINDS)('versioned read cache on %s', (kind) => {
  const get = useTestStore(kind);

  it('loads once per data version, shares concurrent loads, and reloads after a write from another connection', async (ctx) => {
    const t = get(ctx);
    let loads = 0;
    const load = async () => { loads++; return { names: (await t.store.db.selectFrom('body').select('name').orderBy('name').execute()).map((b) => b.name) }; };
    const [a, b] = await Promise.all([versionedRead(t.store, 'bodies', load), versionedRead(t.store, 'bodies', load)]);
    expect(loads).toBe(1);
    expect(a).toBe(b);
    expect(await versionedRead(t.store, 'bodies', load)).toBe(a);
    expect(loads).toBe(1);
    expect(() => (a.names as string[]).push('x')).toThrow();
    const other = await openStore(t.location);
    try {
      await createBody(other.db, SYSTEM_ACTOR, { name: 'Read Cache Committee', kind: 'regulatory-committee' });
    } finally {
      await other.close();
    }
    const after = await versionedRead(t.store, 'bodies', load);
    expect(loads).toBe(2);
    expect(after.names).toContain('Read Cache Committee');
  });

  it('reads with the counters a request already read: the cached value at that version, its own load at an older one', async (ctx) => {
    const t = get(ctx);
    let loads = 0;
    const load = async () => ({ n: ++loads });
    const before = await changeCounts(t.store);
    const kept = await versionedRead(t.store, 'with-counts', load, { counts: before });
    expect(await versionedRead(t.store, 'with-counts', load, { counts: before })).toBe(kept);
    expect(await versionedRead(t.store, 'with-counts', load)).toBe(kept);
    expect(loads).toBe(1);
    await createBody(t.store.db, SYSTEM_ACTOR, { name: 'Counts Committee', kind: 'regulatory-committee' });
    // The cache moves on with a read of the new version; a request holding the counts from before is not served
    // the new version's value, nor is its own kept.
    const fresh = await versionedRead(t.store, 'with-counts', load);
    expect(fresh).toEqual({ n: 2 });
    expect(await versionedRead(t.store, 'with-counts', load, { counts: before })).toEqual({ n: 3 });
    expect(await versionedRead(t.store, 'with-counts', load)).toBe(fresh);
  });

  it('never serves a session that has ended', async (ctx) => {
    const t = get(ctx);
    const userId = await createUser(t.store.db, SYSTEM_ACTOR, { email: `cache-${kind}@example.gov.uk`, displayName: 'Cache', role: 'clerk', password: 'a long enough password 1' });
    const s = await createSession(t.store.db, userId);
    expect((await sessionViewer(t.store, s.token, '2025-01-01'))?.viewer).toMatchObject({ kind: 'user', role: 'clerk' });
    expect((await sessionViewer(t.store, s.token, '2025-01-01'))?.session.id).toBe(s.id);
    await deleteSession(t.store.db, s.id);
    expect(await sessionViewer(t.store, s.token, '2025-01-01')).toBeNull();
  });

  it('answers a kept session without a promise only while it needs no write, and never once it has ended', async (ctx) => {
    const t = get(ctx);
    const userId = await createUser(t.store.db, SYSTEM_ACTOR, { email: `now-${kind}@example.gov.uk`, displayName: 'Now', role: 'clerk', password: 'a long enough password 1' });
    const s = await createSession(t.store.db, userId);
    const today = '2025-01-01';
    // Nothing kept yet: the request waits for sessionViewer.
    expect(sessionViewerNow(t.store, s.token, today)).toBeUndefined();
    const read = await sessionViewer(t.store, s.token, today);
    const now = sessionViewerNow(t.store, s.token, today);
    if (kind === 'postgres') {
      expect(now).toBeUndefined(); // the counters cannot be read at once
      return;
    }
    expect(now?.session).toEqual(read?.session);
    expect(now?.viewer).toBe(read?.viewer);
    expect(now?.counts).toEqual(read?.counts);
    expect(sessionViewerNow(t.store, s.token, today)?.session).toBe(now?.session);
    expect(sessionViewerNow(t.store, 'another token', today)).toBeUndefined();
    // A "last seen" touch due, an idle session and one past its lifetime all go to sessionViewer (which writes).
    expect(sessionViewerNow(t.store, s.token, today, Date.now() + 2 * 60_000)).toBeUndefined();
    expect(sessionViewerNow(t.store, s.token, today, Date.now() + SESSION_IDLE_MS)).toBeUndefined();
    expect(sessionViewerNow(t.store, s.token, today, Date.now() + SESSION_ABSOLUTE_MS)).toBeUndefined();
    // Signed out from another connection: the counters move, so the kept row is never used again.
    const other = await openStore(t.location);
    try {
      await deleteSession(other.db, s.id);
    } finally {
      await other.close();
    }
    expect(sessionViewerNow(t.store, s.token, today)).toBeUndefined();
    expect(await sessionViewer(t.store, s.token, today)).toBeNull();
    expect(sessionViewerNow(t.store, s.token, today)).toBeUndefined();
  });

  it('moves the record version with changes to the record only: not rate limits, job leases or sessions', async (ctx) => {
    const t = get(ctx);
    let loads = 0;
    const load = async () => { loads++; return { bodies: (await t.store.db.selectFrom('body').select('name').execute()).length }; };
    const v0 = await dataVersion(t.store);
    await versionedRead(t.store, 'bodies', load);
    // A search under database rate limits, a job's lease, a sign-in and its "last seen" touch: none is the record.
    await hitRateLimit(t.store.db, t.store.dialect, 'search:127.0.0.1', 60_000);
    await takeJobLease(t.store.db, 'purge', 'test', 1000, 5000);
    const userId = await createUser(t.store.db, SYSTEM_ACTOR, { email: `version-${kind}@example.gov.uk`, displayName: 'Version', role: 'clerk', password: 'a long enough password 1' });
    const access = (await changeCounts(t.store)).access;
    const v1 = await dataVersion(t.store);
    expect(v1).not.toBe(v0); // adding the account wrote an audit entry
    await versionedRead(t.store, 'bodies', load);
    expect(loads).toBe(2);
    const s = await createSession(t.store.db, userId);
    await sessionViewer(t.store, s.token, '2025-01-01', new Date(Date.now() + 2 * 60_000)); // touches last_seen_at
    await hitRateLimit(t.store.db, t.store.dialect, 'search:127.0.0.1', 60_000);
    expect(await dataVersion(t.store)).toBe(v1);
    expect((await changeCounts(t.store)).access).not.toBe(access);
    await versionedRead(t.store, 'bodies', load);
    expect(loads).toBe(2);
    if (kind === 'postgres') {
      // Other databases' transactions on the same server (the snapshot the version used to be) do not move it.
      const other = new pg.Client({ connectionString: PG_ADMIN_URL });
      await other.connect();
      try {
        await other.query('begin; create temporary table moot_version_probe (a integer); insert into moot_version_probe values (1); commit');
      } finally {
        await other.end();
      }
      expect(await dataVersion(t.store)).toBe(v1);
    }
    // The search index, rebuilt, writes no audit entry but is counted.
    await rebuildSearchIndex(t.store);
    expect(await dataVersion(t.store)).not.toBe(v1);
  });
});
