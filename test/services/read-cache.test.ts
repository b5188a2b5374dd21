// Issue 17: viewer-independent rows kept per data version. A write, from this connection or another, is seen at
// once; concurrent readers share one load; kept values cannot be changed by a caller; a signed-out session or a
// changed membership is never served from the cache.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { sessionViewer } from '../../src/services/accounts.js';
import { versionedRead } from '../../src/services/read-cache.js';
import { createSession, createUser, deleteSession } from '../../src/store/accounts.js';
import { createBody } from '../../src/store/bodies.js';
import { openStore } from '../../src/store/db.js';
import { STORE_KINDS } from '../helpers/stores.js';
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

  it('never serves a session that has ended', async (ctx) => {
    const t = get(ctx);
    const userId = await createUser(t.store.db, SYSTEM_ACTOR, { email: `cache-${kind}@example.gov.uk`, displayName: 'Cache', role: 'clerk', password: 'a long enough password 1' });
    const s = await createSession(t.store.db, userId);
    expect((await sessionViewer(t.store, s.token, '2025-01-01'))?.viewer).toMatchObject({ kind: 'user', role: 'clerk' });
    expect((await sessionViewer(t.store, s.token, '2025-01-01'))?.session.id).toBe(s.id);
    await deleteSession(t.store.db, s.id);
    expect(await sessionViewer(t.store, s.token, '2025-01-01')).toBeNull();
  });
});
