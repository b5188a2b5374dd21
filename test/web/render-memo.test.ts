// Issue 17: a rendered page is reused only for exactly the context it was rendered from.
import { describe, expect, it } from 'vitest';
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

  it('keeps at most its bound, least recently used dropped first', () => {
    const memo = new RenderMemo(2, 1024 * 1024);
    memo.set('a', 'A');
    memo.set('b', 'B');
    expect(memo.get('a')).toBe('A');
    memo.set('c', 'C');
    expect(memo.get('b')).toBeUndefined();
    expect(memo.get('a')).toBe('A');
    expect(memo.get('c')).toBe('C');
  });
});
