// `npm run bench -- store [--years N] [--sqlite-only]`: loads the demonstration archive (10 years by default) into
// SQLite in a temporary data directory and into a fresh PostgreSQL database, and prints how long each took.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemo, type DemoSummary } from '../src/demo/index.js';
import { openStore, type Store } from '../src/store/db.js';
import { rebuildSearchIndex } from '../src/store/search/index.js';
import { createPostgresTestDatabase, PG_ADMIN_URL, postgresReachable } from '../test/helpers/stores.js';

const TODAY = '2025-11-20';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

interface Times { load: number; index: number }

async function timed(label: string, store: Store, years: number): Promise<Times> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const s: DemoSummary = await loadDemo(store, { years, today: TODAY, progress: false, index: false });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(
    `${label.padEnd(10)} load ${seconds.toFixed(2).padStart(7)} s  (cpu ${((used.user + used.system) / 1e6).toFixed(2)} s)  ` +
      `${s.meetings} meetings  ${s.documents} documents (${s.pdfsRendered} PDFs rendered)  ${s.rows} rows  ${Math.round(s.rows / seconds)} rows/s`,
  );
  // The search index is derived from the record; its rebuild is timed on its own.
  const indexStarted = performance.now();
  const report = await rebuildSearchIndex(store);
  const indexSeconds = (performance.now() - indexStarted) / 1000;
  console.log(`${''.padEnd(10)} search index ${indexSeconds.toFixed(2)} s  ${report.entries} entries  ${Math.round(report.entries / indexSeconds)} entries/s`);
  return { load: seconds, index: indexSeconds };
}

export default async function bench(args: string[]): Promise<void> {
  const years = Number(option(args, '--years') ?? 10);
  console.log(`Store bench, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`Loading ${years} year(s) of Example County Council (today = ${TODAY})`);
  let sqlite: Times | null = null;

  const dataDir = mkdtempSync(join(tmpdir(), 'moot-bench-'));
  try {
    const store = await openStore({ dataDir, databaseUrl: null });
    try {
      sqlite = await timed('SQLite', store, years);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  if (args.includes('--sqlite-only')) return;
  if (!(await postgresReachable())) {
    console.log(`PostgreSQL skipped: no server at ${PG_ADMIN_URL}`);
    return;
  }
  const { url, drop } = await createPostgresTestDatabase();
  try {
    const store = await openStore({ dataDir: tmpdir(), databaseUrl: url });
    try {
      const pg = await timed('PostgreSQL', store, years);
      // Issue 17: PostgreSQL within 1.5× SQLite's time for both, measured side by side in this run.
      const mark = (r: number) => (r <= 1.5 ? 'PASS' : 'MISS');
      const load = pg.load / sqlite!.load;
      const index = pg.index / sqlite!.index;
      console.log(`PostgreSQL / SQLite: load ${load.toFixed(2)}× (target <= 1.5): ${mark(load)}; search index ${index.toFixed(2)}× (target <= 1.5): ${mark(index)}`);
    } finally {
      await store.close();
    }
  } finally {
    await drop();
  }
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
