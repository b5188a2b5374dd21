// The server side of `npm run bench -- portal`, in a process of its own so the load generator neither shares its
// event loop nor counts in its memory. Started by bench/portal.ts with IPC; answers its messages:
//   → { url, cookie, targets }            once listening (cookie: a councillor of the busiest body, signed in)
//   ← { cmd: 'writes', on: true|false }   a clerk records attendance and saves a minute every 250 ms while on
//   → { writes, failed, error }           when writes stop
//   ← { cmd: 'rss' } → { rss, heapUsed, heapTotal, external }   memory in bytes
//   ← { cmd: 'memo', on: true|false } → { memo }   the render memo on or off (off: every page rendered afresh)
//   ← { cmd: 'exit' }                     closes the server and the store
import { existsSync, mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { loadDemo, isEmpty } from '../src/demo/load.js';
import { openStore, type Store } from '../src/store/db.js';
import { rebuildSearchIndex } from '../src/store/search/index.js';
import { buildApp } from '../src/web/app.js';
import { registerPortal } from '../src/server.js';
import publicPortal from '../src/web/routes/public/index.js';
import { createSession, createUser } from '../src/services/accounts.js';
import { getAttendance, recordAttendance, saveMinute } from '../src/services/proceedings.js';
import type { Actor } from '../src/domain/types.js';

export interface ServerConfig {
  years: number;
  dataDir: string;
  databaseUrl: string | null;
  today: string;
  /** true: the public portal alone without its page cache (search, uncached). */
  uncached: boolean;
}

export interface ServerReady {
  url: string;
  cookie: string;
  targets: { meeting: string; body: string; person: string; decision: string; publicPaths: string[]; writable: string | null };
}

async function openArchive(c: ServerConfig): Promise<Store> {
  if (!existsSync(c.dataDir)) mkdirSync(c.dataDir, { recursive: true });
  const store = await openStore({ dataDir: c.dataDir, databaseUrl: c.databaseUrl });
  if (await isEmpty(store)) {
    process.stdout.write(`Loading the ${c.years}-year demo archive into ${c.databaseUrl ? 'PostgreSQL' : c.dataDir} (first run only)…\n`);
    const t = Date.now();
    const s = await loadDemo(store, { years: c.years, today: c.today, progress: false });
    process.stdout.write(`Loaded ${s.meetings} meetings, ${s.documents} documents, ${s.decisions} decisions in ${((Date.now() - t) / 1000).toFixed(0)} s\n`);
  }
  const entries = await store.db.selectFrom('search_entry').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (!Number(entries.n)) {
    const r = await rebuildSearchIndex(store);
    process.stdout.write(`Built the search index: ${r.entries} entries in ${r.milliseconds} ms\n`);
  }
  return store;
}

/** The pages the bench reads: a held meeting with the most items, its body, a member of it, a decision. */
async function targets(store: Store) {
  const meeting = await store.db.selectFrom('meeting').innerJoin('agenda_item', 'agenda_item.meeting_id', 'meeting.id')
    .select(['meeting.slug', 'meeting.body_id', (eb) => eb.fn.countAll<number>().as('n')]).where('meeting.status', '=', 'minutes-approved')
    .groupBy(['meeting.slug', 'meeting.body_id']).orderBy('n', 'desc').orderBy('meeting.slug').limit(1).executeTakeFirstOrThrow();
  const body = await store.db.selectFrom('body').select(['id', 'slug']).where('id', '=', meeting.body_id).executeTakeFirstOrThrow();
  const member = await store.db.selectFrom('membership').innerJoin('person', 'person.id', 'membership.person_id')
    .select(['person.id', 'person.slug']).where('membership.body_id', '=', body.id).where('membership.role', '!=', 'substitute')
    .orderBy('membership.starts_on', 'desc').orderBy('person.slug').limit(1).executeTakeFirstOrThrow();
  const decision = await store.db.selectFrom('decision').select('slug').where('meeting_id', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  // For the public's side of the write test: many pages, the written meeting's among them.
  const others = await store.db.selectFrom('meeting').select('slug').where('status', '=', 'minutes-approved').orderBy('date', 'desc').limit(40).execute();
  const bodies = await store.db.selectFrom('body').select('slug').execute();
  const writable = await store.db.selectFrom('meeting').innerJoin('agenda_item', 'agenda_item.meeting_id', 'meeting.id')
    .select(['meeting.id', 'meeting.slug', 'agenda_item.id as item_id']).where('meeting.status', 'in', ['held', 'minutes-drafted'])
    .orderBy('meeting.date', 'desc').orderBy('agenda_item.position').limit(1).executeTakeFirst();
  return {
    paths: { meeting: `/meetings/${meeting.slug}`, body: `/bodies/${body.slug}`, person: `/people/${member.slug}`, decision: `/decisions/${decision.slug}`,
      publicPaths: [...others.map((m) => `/meetings/${m.slug}`), ...bodies.map((b) => `/bodies/${b.slug}`)], writable: writable ? `/meetings/${writable.slug}` : null },
    personId: member.id, writable,
  };
}

async function main(): Promise<void> {
  const c = JSON.parse(process.env.MOOT_BENCH_SERVER ?? '{}') as ServerConfig;
  const store = await openArchive(c);
  const t = await targets(store);
  const cli: Actor = { kind: 'cli', id: null, name: 'bench' };
  const app: FastifyInstance = await buildApp({
    store, logger: false, today: () => c.today,
    // The search rate limit stays registered (its cost is measured) but is raised above what one client sends here.
    routes: c.uncached
      ? [{ plugin: async (a, o) => a.register(publicPortal, { ...o, searchRateLimitPerMinute: 1_000_000, pageCache: false }) }]
      : registerPortal().map((r) => (r.plugin === publicPortal ? { plugin: async (a, o) => a.register(publicPortal, { ...o, searchRateLimitPerMinute: 1_000_000 }) } : r)),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // A councillor of the busiest body, signed in: their pages are rendered for them every time.
  const email = `bench-${process.pid}-${Date.now()}@example.gov.uk`;
  const userId = await createUser(store.db, cli, { email, displayName: 'Bench Councillor', role: 'councillor', personId: t.personId });
  const session = await createSession(store.db, userId);
  const ready: ServerReady = { url, cookie: `moot_session=${session.token}`, targets: t.paths };
  process.send!(ready);

  let writing = false;
  let writer: Promise<{ writes: number; failed: number; error: string | null }> | null = null;
  process.on('message', async (m: { cmd: string; on?: boolean }) => {
    if (m.cmd === 'rss') {
      const u = process.memoryUsage();
      process.send!({ rss: u.rss, heapUsed: u.heapUsed, heapTotal: u.heapTotal, external: u.external });
    }
    if (m.cmd === 'memo') {
      app.renderMemo.enabled = m.on !== false;
      process.send!({ memo: app.renderMemo.enabled });
    }
    if (m.cmd === 'writes' && m.on && t.writable) {
      const w = t.writable;
      const before = (await getAttendance(store.db, w.id)).map((a) => ({ personId: a.person_id, name: a.name_as_recorded, kind: a.kind as 'present', role: a.role }));
      writing = true;
      writer = (async () => {
        let writes = 0, failed = 0, error: string | null = null;
        while (writing) {
          await new Promise((r) => setTimeout(r, 250));
          try {
            if (writes % 2 === 0) await recordAttendance(store, cli, w.id, before.length ? before.slice(0, before.length - (writes % 4 ? 1 : 0)) : [{ name: 'Cllr Bench', kind: 'present' }]);
            else await saveMinute(store, cli, w.id, w.item_id, { title: 'Bench minute', paragraphs: [`Written ${writes}`], resolution: null, votes: [], postMeetingNote: null });
            writes++;
          } catch (e) {
            failed++;
            error ??= (e as Error).message;
          }
        }
        if (before.length) await recordAttendance(store, cli, w.id, before);
        return { writes, failed, error };
      })();
    }
    if (m.cmd === 'writes' && !m.on) {
      writing = false;
      process.send!(writer ? await writer : { writes: 0, failed: 0, error: 'no meeting to write to' });
    }
    if (m.cmd === 'exit') {
      await app.close();
      await store.close();
      process.exit(0);
    }
  });
}

await main();
