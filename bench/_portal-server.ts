// The server side of `npm run bench -- portal`, in a process of its own so the load generator neither shares its
// event loop nor counts in its memory. With `workers` > 1 this process is a node:cluster primary as in `moot serve
// --workers N` (startWorkers, src/cli/commands/serve.ts): it loads the archive, builds the search index and signs the
// councillor in once, closes its connection and forks the workers, each opening the same database with its own
// connection (and search threads); it relays the bench's messages to them. Started by bench/portal.ts with IPC:
//   → { url, cookie, targets, pids }      once every process listens (cookie: a councillor of the busiest body)
//   ← { cmd: 'writes', on: true|false }   a clerk records attendance and saves a minute every 250 ms while on (in the
//                                         first worker; the others see each write as any other process would)
//   → { writes, failed, error }           when writes stop
//   ← { cmd: 'rss' } → { processes: [{ pid, rss, pss, shared, heapUsed, heapTotal, external }] }   bytes, each process
//   ← { cmd: 'memo', on: true|false } → { memo }   the render memo on or off in every worker (off: pages rendered afresh)
//   ← { cmd: 'exit' }                     closes the servers and the stores
import cluster, { type Worker } from 'node:cluster';
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../src/store/db.js';
import { startWorkers } from '../src/cli/workers.js';
import type { Actor } from '../src/domain/types.js';
// Moot's own modules are imported where they are used, not here: the cluster's primary loads none of them (the demo
// loader alone takes some 90 MB), so it stays a bare node process of ~40 MB that only relays messages.

export interface ServerConfig {
  years: number;
  dataDir: string;
  databaseUrl: string | null;
  today: string;
  /** true: the public portal alone without its page cache (search, uncached). */
  uncached: boolean;
  /** Server processes: 1 (default) one process; N > 1 a node:cluster primary and N workers, as `moot serve --workers N`. */
  workers?: number;
}

export interface ServerReady {
  url: string;
  cookie: string;
  targets: { meeting: string; body: string; person: string; decision: string; publicPaths: string[]; writable: string | null };
  /** The server's processes (with --workers N the primary first, then the workers): their CPU is the server's. */
  pids: number[];
}

async function openArchive(c: ServerConfig): Promise<Store> {
  const [{ openStore }, { loadDemo, isEmpty }, { rebuildSearchIndex }] = await Promise.all([import('../src/store/db.js'), import('../src/demo/load.js'), import('../src/store/search/index.js')]);
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

type Targets = Awaited<ReturnType<typeof targets>>;
type Message = { cmd: 'rss' | 'memo' | 'writes' | 'exit'; on?: boolean };

/**
 * A process's memory: RSS and the V8 heap; from /proc/self/smaps_rollup (Linux) PSS (each shared page divided among
 * the processes mapping it) and the resident pages it shares with other processes (Shared_Clean + Shared_Dirty).
 */
export interface ProcessMemory { pid: number; rss: number; pss: number | null; shared: number | null; heapUsed: number; heapTotal: number; external: number }

function memory(): ProcessMemory {
  const u = process.memoryUsage();
  let rollup = '';
  try {
    rollup = readFileSync('/proc/self/smaps_rollup', 'utf8');
  } catch {
    // Not Linux: PSS and shared pages unknown.
  }
  const kb = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup);
    return m ? Number(m[1]) * 1024 : null;
  };
  const [pss, sharedClean, sharedDirty] = [kb('Pss'), kb('Shared_Clean'), kb('Shared_Dirty')];
  const shared = sharedClean !== null && sharedDirty !== null ? sharedClean + sharedDirty : null;
  return { pid: process.pid, rss: u.rss, pss, shared, heapUsed: u.heapUsed, heapTotal: u.heapTotal, external: u.external };
}

/**
 * The portal on `store`, listening on port 0 (in a cluster worker, the port the primary chose), and the answers to
 * the bench's messages in this process.
 */
async function serve(store: Store, c: ServerConfig, t: Targets): Promise<{ port: number; answer: (m: Message) => Promise<object | null> }> {
  const [{ buildApp }, { registerPortal }, { default: publicPortal }, { getAttendance, recordAttendance, saveMinute }] = await Promise.all([
    import('../src/web/app.js'), import('../src/server.js'), import('../src/web/routes/public/index.js'), import('../src/services/proceedings.js')]);
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
  let writing = false;
  let writer: Promise<{ writes: number; failed: number; error: string | null }> | null = null;
  const answer = async (m: Message): Promise<object | null> => {
    if (m.cmd === 'rss') return memory();
    if (m.cmd === 'memo') {
      app.renderMemo.enabled = m.on !== false;
      return { memo: app.renderMemo.enabled };
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
      return null;
    }
    if (m.cmd === 'writes' && !m.on) {
      writing = false;
      return writer ? await writer : { writes: 0, failed: 0, error: 'no meeting to write to' };
    }
    if (m.cmd === 'exit') {
      await app.close();
      await store.close();
      process.exit(0);
    }
    return null;
  };
  return { port: typeof address === 'object' && address ? address.port : 0, answer };
}

/** Answers the messages of the process that started this one (the bench, or the cluster's primary). */
function answerMessages(answer: (m: Message) => Promise<object | null>): void {
  process.on('message', (m: Message) => {
    void answer(m).then((a) => {
      if (a) process.send!(a);
    });
  });
}

/** A worker of --workers N: the archive the primary had prepared, its own connection (and search threads). */
async function worker(): Promise<void> {
  const { config, targets: t } = JSON.parse(process.env.MOOT_BENCH_WORKER ?? '{}') as { config: ServerConfig; targets: Targets };
  const { openStore } = await import('../src/store/db.js');
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const { answer } = await serve(store, config, t);
  answerMessages(answer);
}

/** The archive loaded (first run) and indexed, the pages to measure, and a councillor of the busiest body signed in. */
async function prepare(c: ServerConfig): Promise<{ store: Store; t: Targets; cookie: string }> {
  const store = await openArchive(c);
  const t = await targets(store);
  const { createSession, createUser } = await import('../src/services/accounts.js');
  const cli: Actor = { kind: 'cli', id: null, name: 'bench' };
  const email = `bench-${process.pid}-${Date.now()}@example.gov.uk`;
  const userId = await createUser(store.db, cli, { email, displayName: 'Bench Councillor', role: 'councillor', personId: t.personId });
  const session = await createSession(store.db, userId);
  return { store, t, cookie: `moot_session=${session.token}` };
}

/** For --workers N, prepare() once, in a process of its own (the same configuration) that answers and exits. */
async function prepareApart(): Promise<{ t: Targets; cookie: string }> {
  const child = fork(process.argv[1], [], { env: { ...process.env, MOOT_BENCH_PREPARE: '1' }, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as { t: Targets; cookie: string }));
    child.once('exit', (code) => { if (code) reject(new Error(`preparing the archive failed (exit ${code})`)); });
  });
}

async function main(): Promise<void> {
  const c = JSON.parse(process.env.MOOT_BENCH_SERVER ?? '{}') as ServerConfig;
  const workers = c.workers ?? 1;
  if (process.env.MOOT_BENCH_PREPARE) {
    const { store, t, cookie } = await prepare(c);
    await store.close();
    process.send!({ t, cookie }, () => process.exit(0));
    return;
  }
  if (workers === 1) {
    const { store, t, cookie } = await prepare(c);
    const { port, answer } = await serve(store, c, t);
    const ready: ServerReady = { url: `http://127.0.0.1:${port}`, cookie, targets: t.paths, pids: [process.pid] };
    process.send!(ready);
    answerMessages((m) => (m.cmd === 'rss' ? Promise.resolve({ processes: [memory()] }) : answer(m)));
    return;
  }
  // As `moot serve --workers N`: the database prepared once before the workers start; then the primary only relays
  // the bench's messages, and the workers serve, each on its own connection.
  const { t, cookie } = await prepareApart();
  const { listening } = startWorkers(workers, { MOOT_BENCH_WORKER: JSON.stringify({ config: c, targets: t }) });
  let exiting = false;
  cluster.on('exit', (w, code, signal) => {
    if (exiting) return;
    process.stderr.write(`bench server: worker ${w.process.pid} stopped (${signal ?? `exit ${code}`})\n`);
    process.exit(1);
  });
  const port = await listening;
  const all = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
  const ask = (w: Worker, m: Message) => new Promise<object>((resolve) => { w.once('message', resolve); w.send(m); });
  const ready: ServerReady = { url: `http://127.0.0.1:${port}`, cookie, targets: t.paths, pids: [process.pid, ...all.map((w) => w.process.pid!)] };
  process.send!(ready);
  process.on('message', async (m: Message) => {
    if (m.cmd === 'memo') {
      const answers = await Promise.all(all.map((w) => ask(w, m)));
      process.send!(answers[0]);
    }
    // One clerk writes, through the first worker; the others learn of each write as any other process would.
    if (m.cmd === 'writes' && m.on) all[0].send(m);
    if (m.cmd === 'writes' && !m.on) process.send!(await ask(all[0], m));
    if (m.cmd === 'rss') process.send!({ processes: [memory(), ...(await Promise.all(all.map((w) => ask(w, m))))] });
    if (m.cmd === 'exit') {
      exiting = true;
      await Promise.all(all.map((w) => new Promise((r) => { w.once('exit', r); w.send(m); })));
      process.exit(0);
    }
  });
}

if (cluster.isWorker) await worker();
else await main();
