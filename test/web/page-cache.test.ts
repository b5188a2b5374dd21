// Issues 16 and 17: a change drops the pages it can alter. One meeting's attendance or minutes: that meeting's pages
// and every page showing the record generally; a person added: only untagged pages (the people lists); anything
// else, or a move of the record's counter no audit entry explains, empties the cache.
import { describe, expect, it } from 'vitest';
import { COUNCILLORS_TAG, RECORD_OUTLINE_TAG, RECORD_TAG, staleTags, type Change } from '../../src/services/change-scope.js';
import { cutAtNonce, joinAtNonce, PAGE_CACHE_COUNTS, PageCache } from '../../src/web/routes/public/page-cache.js';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { addMembership, createBody } from '../../src/store/bodies.js';
import { createPerson } from '../../src/store/people.js';
import { recordAttendance, recordDeclarations, recordMinutes } from '../../src/store/proceedings.js';
import { scheduleMeetings } from '../../src/store/workspace/series.js';
import { registerPortal } from '../../src/server.js';
import { buildApp } from '../../src/web/app.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const page = (body: string, tags?: string[]) => ({ pieces: [Buffer.from(body)], etag: body, contentType: 'text/html', tags });

async function cacheAt(version: string): Promise<PageCache> {
  const c = new PageCache();
  await c.moveTo(version, async () => null);
  c.set(version, '/meetings/a', page('A', ['meeting:1']));
  c.set(version, '/meetings/b', page('B', ['meeting:2']));
  c.set(version, '/bodies/x', page('X', [RECORD_TAG]));
  c.set(version, '/people', page('P'));
  return c;
}

const explained = (changes: Change[] | null) => async () => (changes ? staleTags(changes) : null);
const kept = (c: PageCache, version: string) => ['/meetings/a', '/meetings/b', '/bodies/x', '/people'].filter((k) => c.get(version, k));

describe('page cache invalidation', () => {
  it('keeps the pages of other meetings when one meeting\'s attendance or minutes change', async () => {
    const c = await cacheAt('1');
    await c.moveTo('2', explained([{ entity: 'attendance', entityId: '1' }, { entity: 'minutes', entityId: '1' }]));
    expect(kept(c, '2')).toEqual(['/meetings/b']);
  });

  it('keeps a committee\'s page (its outline) when a meeting\'s attendance or minutes are recorded, not when they are approved', async () => {
    const c = await cacheAt('1');
    c.set('1', '/bodies/y', page('Y', [RECORD_OUTLINE_TAG]));
    await c.moveTo('2', explained([{ entity: 'attendance', entityId: '1', action: 'update' }, { entity: 'minutes', entityId: '1', action: 'update' }, { entity: 'declaration', entityId: '9', action: 'create', meetingId: '1' }]));
    expect(kept(c, '2')).toEqual(['/meetings/b']);
    expect(c.get('2', '/bodies/y')).toBeDefined();
    await c.moveTo('3', explained([{ entity: 'person', entityId: '7', action: 'create', personKind: 'councillor' }]));
    expect(c.get('3', '/bodies/y')).toBeDefined();
    await c.moveTo('4', explained([{ entity: 'minutes', entityId: '1', action: 'approve' }]));
    expect(c.get('4', '/bodies/y')).toBeUndefined();
  });

  it('keeps every page but the people lists when a person is added', async () => {
    const c = await cacheAt('1');
    await c.moveTo('2', explained([{ entity: 'person', entityId: '7', action: 'create', personKind: 'officer' }]));
    expect(kept(c, '2')).toEqual(['/meetings/a', '/meetings/b', '/bodies/x']);
  });

  it('empties the cache for any other change, for a new version no audit entry explains, and when the log cannot be read', async () => {
    for (const explain of [explained([{ entity: 'attendance', entityId: '1' }, { entity: 'person', entityId: '7' }]), explained([]), explained(null),
      async () => { throw new Error('database gone'); }]) {
      const c = await cacheAt('1');
      await c.moveTo('2', explain);
      expect(c.size).toBe(0);
    }
  });

  it('never serves or keeps a page for another version than its own, and is not moved back by a request that read an older one', async () => {
    const c = await cacheAt('5');
    expect(c.get('4', '/meetings/b')).toBeUndefined();
    c.set('4', '/late', page('L'));
    expect(c.get('5', '/late')).toBeUndefined();
    await c.moveTo('4', async () => null);
    expect(c.version).toBe('5');
    expect(c.get('5', '/meetings/b')?.pieces.join('')).toBe('B');
  });

  it('reads stale tags only from meeting-scoped changes with a meeting id', () => {
    expect(staleTags([{ entity: 'attendance', entityId: '4', action: 'update' }])).toEqual(new Set(['meeting:4', RECORD_TAG]));
    expect(staleTags([{ entity: 'minutes', entityId: '4', action: 'update' }])).toEqual(new Set(['meeting:4', RECORD_TAG]));
    // Minutes published or approved come with the meeting's status and papers: its outline goes too.
    expect(staleTags([{ entity: 'minutes', entityId: '4', action: 'approve' }])).toEqual(new Set(['meeting:4', RECORD_TAG, RECORD_OUTLINE_TAG]));
    expect(staleTags([{ entity: 'attendance', entityId: '4' }])).toEqual(new Set(['meeting:4', RECORD_TAG, RECORD_OUTLINE_TAG]));
    expect(staleTags([{ entity: 'attendance', entityId: null }])).toBeNull();
    expect(staleTags([])).toBeNull();
  });

  it('reads a declaration\'s meeting from its row', async () => {
    // A clerk's one declaration: the entity id is the declaration's; the meeting is in the row it recorded.
    expect(staleTags([{ entity: 'declaration', entityId: '90', action: 'create', meetingId: '4' }])).toEqual(new Set(['meeting:4', RECORD_TAG]));
    expect(staleTags([{ entity: 'declaration', entityId: '90', action: 'delete', meetingId: '4' }])).toEqual(new Set(['meeting:4', RECORD_TAG]));
    // A meeting's declarations recorded together: the entity id is the meeting's.
    expect(staleTags([{ entity: 'declaration', entityId: '4', action: 'update', meetingId: null }])).toEqual(new Set(['meeting:4', RECORD_TAG]));
    expect(staleTags([{ entity: 'declaration', entityId: '90', action: 'create', meetingId: null }])).toBeNull();
    expect(staleTags([{ entity: 'person', entityId: '7', action: 'create', personKind: 'officer' }])).toEqual(new Set());
    expect(staleTags([{ entity: 'person', entityId: '7', action: 'create', personKind: 'councillor' }])).toEqual(new Set([COUNCILLORS_TAG]));
    expect(staleTags([{ entity: 'person', entityId: '7', action: 'create' }])).toEqual(new Set([COUNCILLORS_TAG]));
    expect(staleTags([{ entity: 'person', entityId: '7', action: 'update' }])).toBeNull();
    const c = await cacheAt('1');
    await c.moveTo('2', explained([{ entity: 'person', entityId: '7', action: 'create' }, { entity: 'declaration', entityId: '90', action: 'create', meetingId: '1' }]));
    expect(kept(c, '2')).toEqual(['/meetings/b']);
  });
});

describe('a kept page\'s bytes', () => {
  it('are the page with each response\'s nonce where the first response had its own', () => {
    const body = '<script nonce="abc1">x</script><p>£5 – “quoted”</p><style nonce="abc1"></style>';
    const pieces = cutAtNonce(body, 'abc1');
    expect(pieces).toHaveLength(3);
    expect(joinAtNonce(pieces, 'zz9').toString('utf8')).toBe(body.replaceAll('abc1', 'zz9'));
    expect(joinAtNonce(cutAtNonce(body, undefined), 'zz9').toString('utf8')).toBe(body);
  });
});

// The home page, /meetings and /calendar list meetings (date, time, status, committee), decisions and the forward
// plan, never what was recorded at a meeting: a clerk's attendance, minutes and declarations leave them kept
// (record-outline), as a committee's page; a change the rules do not scope still drops them.
describe.each(STORE_KINDS)('the portal\'s lists of meetings while a clerk records proceedings, on %s', (kind) => {
  const get = useTestStore(kind);

  it('are served from the cache after attendance, minutes and declarations, and rendered again after other changes', { timeout: 60_000 }, async (ctx) => {
    const t = get(ctx);
    const db = t.store.db;
    const bodyId = await createBody(db, SYSTEM_ACTOR, { name: 'Licensing Committee', kind: 'regulatory-committee', size: 3, agendaStyle: 'numbered' });
    const personId = await createPerson(db, SYSTEM_ACTOR, { title: 'Cllr', forenames: 'Sam', surname: 'Dale', kind: 'councillor' });
    await scheduleMeetings(db, SYSTEM_ACTOR, { bodyId, dates: ['2030-01-15', '2030-02-12'], time: '10:00', venue: 'Council Chamber', contacts: [], withStandingItems: true });
    const meeting = await db.selectFrom('meeting').select('id').orderBy('date').executeTakeFirstOrThrow();
    const app = await buildApp({ store: t.store, today: () => '2030-01-20', routes: registerPortal() });
    const lists = ['/', '/meetings', '/calendar', '/calendar?view=list&month=2030-01'];
    const readAll = async () => Promise.all(lists.map(async (url) => {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(200);
      return r.body.replace(/nonce="[^"]*"/g, 'nonce="N"');
    }));
    try {
      // The process learns the record's changes from its first move on (services/change-scope.ts): one write first.
      await readAll();
      await recordAttendance(db, SYSTEM_ACTOR, meeting.id, []);
      const first = await readAll();
      for (const write of [
        () => recordAttendance(db, SYSTEM_ACTOR, meeting.id, [{ personId, name: 'Cllr Sam Dale', kind: 'present' }]),
        () => recordMinutes(db, SYSTEM_ACTOR, meeting.id, [{ title: 'Apologies', paragraphs: ['None.'] }]),
        () => recordDeclarations(db, SYSTEM_ACTOR, meeting.id, [{ personId, personName: 'Cllr Sam Dale', kind: 'personal', nature: 'Licence holder' }]),
      ]) {
        await write();
        const hits = PAGE_CACHE_COUNTS.hits;
        expect(await readAll()).toEqual(first);
        expect(PAGE_CACHE_COUNTS.hits - hits).toBe(lists.length);
      }
      await addMembership(db, SYSTEM_ACTOR, { bodyId, personId, role: 'member', startsOn: '2029-05-01' });
      const hits = PAGE_CACHE_COUNTS.hits;
      await readAll();
      expect(PAGE_CACHE_COUNTS.hits - hits).toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe('the public address', () => {
  const get = useTestStore('sqlite');

  it('is each app\'s own: two apps in one process name their own address in links (and in their cache keys)', async (ctx) => {
    const t = get(ctx);
    const apps = await Promise.all(['https://a.example.gov.uk/', 'https://b.example.gov.uk'].map((publicUrl) => buildApp({ store: t.store, publicUrl, routes: registerPortal() })));
    const fromHost = await buildApp({ store: t.store, publicUrl: null, routes: registerPortal() });
    try {
      for (let round = 0; round < 2; round++) {
        expect((await apps[0].inject({ url: '/bodies' })).body).toContain('href="https://a.example.gov.uk/bodies"');
        expect((await apps[1].inject({ url: '/bodies' })).body).toContain('href="https://b.example.gov.uk/bodies"');
        expect((await fromHost.inject({ url: '/bodies', headers: { host: 'c.example:8080' } })).body).toContain('href="http://c.example:8080/bodies"');
      }
      // The open-data API's links come from the same address (moot serve gives it MOOT_BASE_URL).
      await createBody(t.store.db, SYSTEM_ACTOR, { name: 'Audit Committee', kind: 'regulatory-committee', size: 3, agendaStyle: 'numbered' });
      const organizations = async (app: (typeof apps)[number], headers?: Record<string, string>) => (await app.inject({ url: '/api/v1/export/popolo/organizations', headers })).body;
      expect(await organizations(apps[0])).toContain('https://a.example.gov.uk/bodies/audit-committee');
      expect(await organizations(apps[1])).toContain('https://b.example.gov.uk/bodies/audit-committee');
      expect(await organizations(fromHost, { host: 'c.example:8080' })).toContain('http://c.example:8080/bodies/audit-committee');
    } finally {
      await Promise.all([...apps, fromHost].map((a) => a.close()));
    }
  });
});

// A hit is answered in onRequest (routes/public/http.ts), before the route's own hooks and the handler: it goes out
// through the same reply, so what the hooks before it set (an expired session's cookie cleared, the security headers)
// and what is set on sending (ETag, Vary, 304) are as for a page just rendered.
describe('a page served from the cache', () => {
  const get = useTestStore('sqlite');

  it('has the headers of the page as rendered, clears an expired session\'s cookie, and answers If-None-Match', async (ctx) => {
    const t = get(ctx);
    await createBody(t.store.db, SYSTEM_ACTOR, { name: 'Audit Committee', kind: 'regulatory-committee', size: 3, agendaStyle: 'numbered' });
    const app = await buildApp({ store: t.store, routes: registerPortal() });
    try {
      const headers = { 'accept-encoding': 'gzip' };
      const rendered = await app.inject({ url: '/bodies', headers });
      const hits = PAGE_CACHE_COUNTS.hits;
      const hit = await app.inject({ url: '/bodies', headers });
      expect(PAGE_CACHE_COUNTS.hits - hits).toBe(1);
      const names = (r: typeof hit) => Object.keys(r.headers).filter((h) => h !== 'date').sort();
      expect(names(hit)).toEqual(names(rendered));
      for (const h of ['etag', 'vary', 'cache-control', 'content-type', 'content-encoding']) expect(hit.headers[h], h).toBe(rendered.headers[h]);
      expect(hit.headers['content-security-policy']).not.toBe(rendered.headers['content-security-policy']); // its own nonces
      const expired = await app.inject({ url: '/bodies', headers: { ...headers, cookie: 'moot_session=no-such-session' } });
      expect(PAGE_CACHE_COUNTS.hits - hits).toBe(2);
      expect(expired.statusCode).toBe(200);
      expect(String(expired.headers['set-cookie'])).toMatch(/^moot_session=;/);
      const again = await app.inject({ url: '/bodies', headers: { ...headers, 'if-none-match': String(rendered.headers.etag) } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    } finally {
      await app.close();
    }
  });
});

// A render that ends in the not-found handler (a route's callNotFound) answers from the 404 handler's context, whose
// hooks are not the public scope's: the next request for the same address must not wait for a page never coming.
describe('an address the public asks for that does not exist', () => {
  const get = useTestStore('sqlite');

  it('answers 404 every time, not only the first', async (ctx) => {
    const t = get(ctx);
    const app = await buildApp({ store: t.store, routes: registerPortal() });
    try {
      for (const url of ['/bodies/no-such-body', '/people/no-such-person', '/meetings/no-such-meeting', '/decisions/no-such-decision']) {
        for (let round = 0; round < 3; round++) {
          const answer = await Promise.race([app.inject({ url }), new Promise<null>((r) => setTimeout(() => r(null), 5_000))]);
          expect(answer?.statusCode, `${url}, request ${round + 1}`).toBe(404);
        }
      }
    } finally {
      await app.close();
    }
  });
});
