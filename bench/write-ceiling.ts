// `npm run bench -- write-ceiling [--writers N] [--seconds S] [--rounds R]`: how many clerk writes a second one PostgreSQL takes
// with the record's counter as it is (migration 036: a deferred trigger bumps one of 8 stripes at each commit), with
// the counter in one row as it was (migrations 021/032), and with its trigger disabled, in turn, on a database of its
// own (dropped afterwards). Each write is the ops bench's "person added" through the service. A counter row is locked
// from the bump until the commit has reached the disk, so writers on one row take turns at it, one disk flush each,
// where without it PostgreSQL flushes the commits waiting together at once: the ratios say how much the counter
// costs writes. (One row and the trigger off are for measuring only: the caches of every process rely on it.)
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../src/domain/types.js';
import { addPerson } from '../src/services/people.js';
import { openStore } from '../src/store/db.js';
import { countChangeFunction, RECORD_STRIPES } from '../src/store/migrations/036-record-counter-stripes.js';

const PG_ADMIN_URL = process.env.MOOT_BENCH_PG_URL ?? process.env.MOOT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

export default async function writeCeiling(args: string[]): Promise<void> {
  const writers = Number(arg(args, '--writers', '10'));
  const seconds = Number(arg(args, '--seconds', '4'));
  const rounds = Number(arg(args, '--rounds', '2'));
  const dbName = `moot_bench_writes_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${dbName}`;
  const store = await openStore({ dataDir: '/nonexistent', databaseUrl: url.toString() });
  try {
    let n = 0;
    const run = async (label: string | null) => {
      const ms: number[] = [];
      const end = performance.now() + seconds * 1000;
      // What the writers' backends wait on, sampled every 20 ms: a row lock (another writer's counter row) or the flush.
      const waits = { active: 0, lock: 0, wal: 0 };
      const sampling = (async () => {
        while (performance.now() < end) {
          const rows = (await sql<{ type: string | null; event: string | null }>`select wait_event_type as type, wait_event as event from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and state = 'active'`.execute(store.db)).rows;
          for (const r of rows) {
            waits.active++;
            if (r.type === 'Lock') waits.lock++;
            else if (r.event === 'WALSync' || r.event === 'WALWrite' || r.event === 'WalSync') waits.wal++;
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      await Promise.all(Array.from({ length: writers }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          await addPerson(store, SYSTEM_ACTOR, { surname: `Writer-${++n}-${randomBytes(3).toString('hex')}`, kind: 'officer' });
          ms.push(performance.now() - t);
        }
      }));
      await sampling;
      ms.sort((x, y) => x - y);
      const q = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)].toFixed(1);
      if (label === null) return; // the warm-up (the first run on a new database and process is slower)
      const share = (k: number) => (waits.active ? k / waits.active : 0).toFixed(2);
      process.stdout.write(`| ${label} | ${(ms.length / seconds).toFixed(0)} | ${q(0.5)} | ${q(0.99)} | ${share(waits.lock)} | ${share(waits.wal)} | ${loadavg()[0].toFixed(1)} |\n`);
    };
    const trigger = (on: boolean) => sql.raw(`ALTER TABLE audit_log ${on ? 'ENABLE' : 'DISABLE'} TRIGGER audit_log_counts_change`).execute(store.db);
    const stripes = (k: number) => sql.raw(countChangeFunction(k)).execute(store.db);
    process.stdout.write(`${writers} writers, ${seconds} s a run\n\n| record counter | writes/s | p50 ms | p99 ms | active backends waiting on a lock | on the WAL flush | load |\n|---|---:|---:|---:|---:|---:|---:|\n`);
    await run(null);
    for (let i = 0; i < rounds; i++) {
      await run(`${RECORD_STRIPES} stripes`);
      await stripes(1);
      await run('one row');
      await stripes(RECORD_STRIPES);
      await trigger(false);
      await run('off');
      await trigger(true);
    }
  } finally {
    await store.close();
    const drop = new pg.Client({ connectionString: PG_ADMIN_URL });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await drop.end();
  }
}
