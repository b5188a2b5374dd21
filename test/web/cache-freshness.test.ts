// Issue 16: the caches drop only what a change can alter (services/change-scope.ts), so they must never serve
// what a cold server would not. Two servers on one database: one warm (every page read before each write, so its
// page cache, read cache and render memo hold them), the other started afresh after each write. After each kind of
// write — an officer added, through the warm server and through another process; a councillor added; one meeting's
// attendance, minutes, declarations; a membership (a change the rules do not scope) — every page reads the same
// on both, for the public and for signed-in viewers, on SQLite and PostgreSQL.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { createSession, createUser } from '../../src/store/accounts.js';
import { addMembership, createBody } from '../../src/store/bodies.js';
import { openStore, type Store } from '../../src/store/db.js';
import { createPerson, ensureGroup } from '../../src/store/people.js';
import { recordAttendance, recordDeclarations, recordMinutes } from '../../src/store/proceedings.js';
import { scheduleMeetings } from '../../src/store/workspace/series.js';
import { registerPortal } from '../../src/server.js';
import { buildApp } from '../../src/web/app.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const TODAY = '2030-01-20';

async function server(store: Store): Promise<FastifyInstance> {
  const app = await buildApp({ store, today: () => TODAY, routes: registerPortal() });
  await app.ready();
  return app;
}

/** The page as a reader sees it, without what differs on every request (the CSP nonce). */
async function read(app: FastifyInstance, url: string, token: string | null): Promise<string> {
  const r = await app.inject({ method: 'GET', url, headers: token ? { cookie: `moot_session=${token}` } : {} });
  return `${r.statusCode} ${r.body.replace(/nonce-[A-Za-z0-9+/=_-]+/g, 'nonce-N').replace(/nonce="[^"]*"/g, 'nonce="N"')}`;
}

describe.each(STORE_KINDS)('caches after each kind of write, against a cold server, on %s', (kind) => {
  const get = useTestStore(kind);

  it('serves every page as a cold server does', { timeout: 180_000 }, async (ctx) => {
    const t = get(ctx);
    const db = t.store.db;
    const bodyId = await createBody(db, SYSTEM_ACTOR, { name: 'Planning Committee', kind: 'regulatory-committee', size: 3, agendaStyle: 'numbered' });
    const group = await ensureGroup(db, 'Independent', 'Ind');
    const members: number[] = [];
    for (const surname of ['Archer', 'Baker']) members.push(await createPerson(db, SYSTEM_ACTOR, { title: 'Cllr', forenames: 'Alex', surname, kind: 'councillor', groupId: group }));
    for (const personId of members) await addMembership(db, SYSTEM_ACTOR, { bodyId, personId, role: 'member', startsOn: '2029-05-01' });
    await scheduleMeetings(db, SYSTEM_ACTOR, { bodyId, dates: ['2030-01-15', '2030-02-12'], time: '10:00', venue: 'Council Chamber', contacts: [], withStandingItems: true });
    const meetings = await db.selectFrom('meeting').select(['id', 'slug']).orderBy('date').execute();
    // The first meeting held and its minutes approved: its attendance, minutes and declarations are on its pages.
    await db.updateTable('meeting').set({ status: 'minutes-approved' }).where('id', '=', meetings[0].id).execute();
    const body = await db.selectFrom('body').select('slug').where('id', '=', bodyId).executeTakeFirstOrThrow();
    const archer = await db.selectFrom('person').select('slug').where('id', '=', members[0]).executeTakeFirstOrThrow();
    const clerk = await createSession(db, await createUser(db, SYSTEM_ACTOR, { email: `clerk-${kind}@fresh.example`, displayName: 'Clerk', role: 'clerk' }));
    const cllr = await createSession(db, await createUser(db, SYSTEM_ACTOR, { email: `cllr-${kind}@fresh.example`, displayName: 'Cllr', role: 'councillor', personId: members[0] }));

    const publicPages = ['/', '/bodies', `/bodies/${body.slug}`, '/meetings', '/calendar', '/calendar?view=list&month=2030-01', '/people', `/people/${archer.slug}`,
      `/meetings/${meetings[0].slug}`, `/meetings/${meetings[1].slug}`];
    const pages: [string, string | null][] = [...publicPages.map((p): [string, null] => [p, null]),
      ['/account', clerk.token], ['/workspace/people', clerk.token], ['/workspace/meetings', clerk.token], ['/account', cllr.token], [`/meetings/${meetings[0].slug}`, cllr.token], [`/bodies/${body.slug}`, cllr.token]];

    // The other process: its own connection(s) and caches.
    const other = await openStore(t.location);
    const warm = await server(t.store);
    try {
      const readAll = async (app: FastifyInstance) => { const out: string[] = []; for (const [p, token] of pages) out.push(`${p} ${token ? 'signed in' : 'public'}\n${await read(app, p, token)}`); return out; };
      let n = 0;
      const officer = () => `Officer${++n}`;
      const writes: [string, () => Promise<unknown>][] = [
        ['an officer added through the warm server', async () => {
          const r = await warm.inject({ method: 'POST', url: '/workspace/people/new', headers: { cookie: `moot_session=${clerk.token}`, 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams({ _csrf: clerk.csrfToken, surname: officer(), kind: 'officer', jobTitle: 'Democratic services officer' }).toString() });
          expect(r.statusCode).toBe(303);
        }],
        ['an officer added by another process', () => createPerson(other.db, SYSTEM_ACTOR, { surname: officer(), kind: 'officer', jobTitle: 'Planning officer' })],
        ['a councillor added', () => createPerson(other.db, SYSTEM_ACTOR, { title: 'Cllr', forenames: 'Chris', surname: 'Cole', kind: 'councillor', groupId: group })],
        ['attendance at one meeting', () => recordAttendance(other.db, SYSTEM_ACTOR, meetings[0].id, [{ personId: members[0], name: 'Cllr Alex Archer', kind: 'present' }, { personId: members[1], name: 'Cllr Alex Baker', kind: 'apologies' }])],
        ['minutes of one meeting', () => recordMinutes(other.db, SYSTEM_ACTOR, meetings[0].id, [{ title: 'Apologies', paragraphs: ['Apologies were received from Cllr Baker.'] }])],
        ['declarations at one meeting', () => recordDeclarations(other.db, SYSTEM_ACTOR, meetings[0].id, [{ personId: members[0], personName: 'Cllr Alex Archer', kind: 'personal', nature: 'Member of the parish council' }])],
        ['an officer added, then a membership', async () => {
          await createPerson(other.db, SYSTEM_ACTOR, { surname: officer(), kind: 'officer', jobTitle: 'Solicitor' });
          const cole = await other.db.selectFrom('person').select('id').where('surname', '=', 'Cole').executeTakeFirstOrThrow();
          await addMembership(other.db, SYSTEM_ACTOR, { bodyId, personId: cole.id, role: 'member', startsOn: '2029-06-01' });
        }],
        ['a meeting scheduled by another process', () => scheduleMeetings(other.db, SYSTEM_ACTOR, { bodyId, dates: ['2030-03-12'], time: '14:00', venue: 'Committee Room 1', contacts: [], withStandingItems: false })],
        ['an officer added in the same moment as attendance', () => Promise.all([createPerson(t.store.db, SYSTEM_ACTOR, { surname: officer(), kind: 'officer', jobTitle: 'Clerk' }),
          recordAttendance(other.db, SYSTEM_ACTOR, meetings[1].id, [{ personId: members[1], name: 'Cllr Alex Baker', kind: 'present' }])])],
      ];
      await readAll(warm);
      for (const [what, write] of writes) {
        await readAll(warm); // every page in the warm server's caches, then the write
        await write();
        const fresh = await openStore(t.location);
        const cold = await server(fresh);
        try {
          const [seen, expected] = [await readAll(warm), await readAll(cold)];
          for (let i = 0; i < pages.length; i++) expect(seen[i], `${what}: ${pages[i][0]}`).toBe(expected[i]);
        } finally {
          await cold.close();
          await fresh.close();
        }
      }
    } finally {
      await warm.close();
      await other.close();
    }
  });
});
