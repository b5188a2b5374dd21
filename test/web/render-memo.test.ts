// Issue 17: a rendered page is reused only for exactly the context it was rendered from.
import { describe, expect, it } from 'vitest';
import { deepFreeze, isDeepFrozen } from '../../src/services/frozen.js';
import { RenderMemo } from '../../src/web/plugins/views.js';

const viewerA = { kind: 'user', userId: 1, role: 'councillor', personId: 3, bodyIds: [1], grantedMeetingIds: [] };
const viewerB = { ...viewerA, userId: 2, bodyIds: [] };

describe('render memo keys', () => {
  it('gives the same key for the same context whatever the nonce, and another for any other input', () => {
    const ctx = (viewer: object, nonce: string, extra: object = {}) => ({ cspNonce: nonce, viewer, csrfToken: 't1', page: { title: 'x', items: [1, 2] }, ...extra });
    const k = RenderMemo.keyOf('a.njk', ctx(viewerA, 'n1'), 'n1');
    expect(k).not.toBeNull();
    expect(RenderMemo.keyOf('a.njk', ctx(viewerA, 'n2'), 'n2')).toBe(k);
    expect(RenderMemo.keyOf('b.njk', ctx(viewerA, 'n1'), 'n1')).not.toBe(k);
    expect(RenderMemo.keyOf('a.njk', ctx(viewerB, 'n1'), 'n1')).not.toBe(k);
    expect(RenderMemo.keyOf('a.njk', ctx(viewerA, 'n1', { csrfToken: 't2' }), 'n1')).not.toBe(k);
    expect(RenderMemo.keyOf('a.njk', ctx(viewerA, 'n1', { page: { title: 'x', items: [1, 3] } }), 'n1')).not.toBe(k);
  });

  it('refuses contexts JSON cannot represent exactly', () => {
    expect(RenderMemo.keyOf('a.njk', { f: () => 1 }, undefined)).toBeNull();
    expect(RenderMemo.keyOf('a.njk', { m: new Map([[1, 2]]) }, undefined)).toBeNull();
    expect(RenderMemo.keyOf('a.njk', { d: new Date(0) }, undefined)).not.toBe(RenderMemo.keyOf('a.njk', { d: new Date(1) }, undefined));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(RenderMemo.keyOf('a.njk', cyclic, undefined)).toBeNull();
  });

  it('keys a deep-frozen value by its identity: the same object the same key, an equal new one another', () => {
    const page = deepFreeze({ title: 'x', items: [{ n: 1 }, { n: 2 }] });
    const k = RenderMemo.keyOf('a.njk', { viewer: viewerA, page }, undefined);
    expect(RenderMemo.keyOf('a.njk', { viewer: viewerA, page }, undefined)).toBe(k);
    expect(RenderMemo.keyOf('a.njk', { viewer: viewerB, page }, undefined)).not.toBe(k);
    expect(RenderMemo.keyOf('a.njk', { viewer: viewerA, page: deepFreeze({ title: 'x', items: [{ n: 1 }, { n: 2 }] }) }, undefined)).not.toBe(k);
    // Frozen but holding something whose contents can change: serialised as before, never keyed by identity.
    const withDate = deepFreeze({ d: new Date(0) });
    expect(isDeepFrozen(withDate)).toBe(false);
    const before = RenderMemo.keyOf('a.njk', { withDate }, undefined);
    withDate.d.setTime(1);
    expect(RenderMemo.keyOf('a.njk', { withDate }, undefined)).not.toBe(before);
    // A string cannot pass for a frozen object's identity.
    expect(RenderMemo.keyOf('a.njk', { page: 'moot-frozen-000000000000000000#1' }, undefined)).not.toBe(RenderMemo.keyOf('a.njk', { page: deepFreeze({}) }, undefined));
  });

  it('keeps at most its bound, least recently used dropped first', () => {
    const memo = new RenderMemo(2, 1024 * 1024);
    const p = (html: string) => ({ html, etag: `W/"${html}"` });
    memo.set('a', p('A'));
    memo.set('b', p('B'));
    expect(memo.get('a')?.html).toBe('A');
    memo.set('c', p('C'));
    expect(memo.get('b')).toBeUndefined();
    expect(memo.get('a')?.html).toBe('A');
    expect(memo.get('c')?.html).toBe('C');
  });
});
