// Issue 17: a clerk's write to one meeting's attendance or minutes drops that meeting's pages and every page not
// tagged with a meeting; anything else, or a change the audit log does not explain, empties the cache.
import { describe, expect, it } from 'vitest';
import { PageCache, staleTags, type Change } from '../../src/web/routes/public/page-cache.js';

const page = (body: string, tags?: string[]) => ({ body, etag: body, contentType: 'text/html', tags });

async function cacheAt(version: string): Promise<PageCache> {
  const c = new PageCache();
  await c.moveTo(version, async () => ({ mark: 10, changes: null }));
  c.set(version, '/meetings/a', page('A', ['meeting:1']));
  c.set(version, '/meetings/b', page('B', ['meeting:2']));
  c.set(version, '/bodies/x', page('X'));
  return c;
}

const explained = (changes: Change[] | null) => async () => ({ mark: 11, changes });

describe('page cache invalidation', () => {
  it('keeps the pages of other meetings when one meeting\'s attendance or minutes change', async () => {
    const c = await cacheAt('v1');
    await c.moveTo('v2', explained([{ entity: 'attendance', entityId: '1' }, { entity: 'minutes', entityId: '1' }]));
    expect(c.get('v2', '/meetings/a')).toBeUndefined();
    expect(c.get('v2', '/bodies/x')).toBeUndefined();
    expect(c.get('v2', '/meetings/b')?.body).toBe('B');
  });

  it('empties the cache for any other change, for a new version no audit entry explains, and when the log cannot be read', async () => {
    for (const explain of [explained([{ entity: 'attendance', entityId: '1' }, { entity: 'person', entityId: '7' }]), explained([]), explained(null),
      async () => { throw new Error('database gone'); }]) {
      const c = await cacheAt('v1');
      await c.moveTo('v2', explain);
      expect(c.get('v2', '/meetings/b')).toBeUndefined();
      expect(c.size).toBe(0);
    }
  });

  it('never serves or keeps a page for another version than its own', async () => {
    const c = await cacheAt('v1');
    expect(c.get('v0', '/meetings/b')).toBeUndefined();
    c.set('v0', '/late', page('L'));
    expect(c.get('v1', '/late')).toBeUndefined();
  });

  it('reads stale tags only from meeting-scoped changes with a meeting id', () => {
    expect(staleTags([{ entity: 'attendance', entityId: '4' }])).toEqual(new Set(['meeting:4']));
    expect(staleTags([{ entity: 'attendance', entityId: null }])).toBeNull();
    expect(staleTags([])).toBeNull();
  });

  it('reads a declaration\'s meeting from its row, and keeps meeting pages when a person is added', async () => {
    // A clerk's one declaration: the entity id is the declaration's; the meeting is in the row it recorded.
    expect(staleTags([{ entity: 'declaration', entityId: '90', action: 'create', meetingId: '4' }])).toEqual(new Set(['meeting:4']));
    expect(staleTags([{ entity: 'declaration', entityId: '90', action: 'delete', meetingId: '4' }])).toEqual(new Set(['meeting:4']));
    // A meeting's declarations recorded together: the entity id is the meeting's.
    expect(staleTags([{ entity: 'declaration', entityId: '4', action: 'update', meetingId: null }])).toEqual(new Set(['meeting:4']));
    expect(staleTags([{ entity: 'declaration', entityId: '90', action: 'create', meetingId: null }])).toBeNull();
    expect(staleTags([{ entity: 'person', entityId: '7', action: 'create' }])).toEqual(new Set());
    expect(staleTags([{ entity: 'person', entityId: '7', action: 'update' }])).toBeNull();
    const c = await cacheAt('v1');
    await c.moveTo('v2', explained([{ entity: 'person', entityId: '7', action: 'create' }, { entity: 'declaration', entityId: '90', action: 'create', meetingId: '1' }]));
    expect(c.get('v2', '/meetings/a')).toBeUndefined();
    expect(c.get('v2', '/bodies/x')).toBeUndefined();
    expect(c.get('v2', '/meetings/b')?.body).toBe('B');
  });
});
