// Issue 17: a meeting's page read with the counters its request already read (with the session) instead of reading
// them again: the page kept at those counters is served while they are current; a request holding counters older
// than the cache's gets a page of its own, never the newer version's.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { deepFreeze } from '../../src/services/frozen.js';
import { meetingPage } from '../../src/services/meetings.js';
import { changeCounts } from '../../src/services/read-cache.js';
import { createBody } from '../../src/store/bodies.js';
import { createMeeting } from '../../src/store/meetings.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

describe.each(STORE_KINDS)('meeting page with the request\'s counters on %s', (kind) => {
  const get = useTestStore(kind);

  it('serves the page kept at the counters given, and a page of its own at older ones', async (ctx) => {
    const t = get(ctx);
    const bodyId = await createBody(t.store.db, SYSTEM_ACTOR, { name: 'Counters Committee', kind: 'regulatory-committee' });
    const { slug } = await createMeeting(t.store.db, SYSTEM_ACTOR, { bodyId, date: '2026-03-10', status: 'held', sections: [{ title: 'Items', items: [{ code: '1', title: 'Budget' }] }] });
    const viewer = deepFreeze({ kind: 'public' as const });
    const before = await changeCounts(t.store);
    const kept = await meetingPage(t.store, slug, viewer, before);
    expect(kept?.items.map((i) => i.title)).toEqual(['Budget']);
    expect(await meetingPage(t.store, slug, viewer, before)).toBe(kept);
    expect(await meetingPage(t.store, slug, viewer)).toBe(kept);
    await createBody(t.store.db, SYSTEM_ACTOR, { name: 'Another Committee', kind: 'regulatory-committee' });
    const fresh = await meetingPage(t.store, slug, viewer);
    expect(fresh).not.toBe(kept);
    // Read with the counters from before the change: its own load, not the newer version's page.
    const older = await meetingPage(t.store, slug, viewer, before);
    expect(older).not.toBe(fresh);
    expect(older).toEqual(fresh);
    expect(await meetingPage(t.store, slug, viewer)).toBe(fresh);
  });
});
