// Searches on SQLite run on worker threads, each with its own read-only connection to the database file (WAL lets
// readers run beside the writer and each other). Ranking is CPU-bound inside SQLite (bm25 over every match) and
// better-sqlite3 is synchronous: on the server's event loop one search holds every other request, and only one core
// works. On threads, the event loop renders pages while up to `size` searches run on the other cores.
//
// A thread answers what search() would answer in the calling thread: the same code over the same committed record
// (a write commits before the search that follows it starts). A thread is started on the first search and kept,
// unreferenced while idle so it never holds the process open. Where no thread can run (no compiled thread file and
// no tsx to load the source, or it fails to start or dies), the answer is null and the caller searches itself.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SearchQuery, SearchResults } from './types.js';

export interface SearchRequest {
  id: number;
  query: SearchQuery;
}

/** A thread's answer: the results, or failed when the search threw (the caller runs it itself for the real error). */
export type SearchAnswer = { id: number; results: SearchResults } | { id: number; failed: string };

export interface SearchThreads {
  /** The results from a thread, or null when none can run it. */
  search(query: SearchQuery): Promise<SearchResults | null>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker | null | undefined; // undefined: not started yet; null: cannot run here
  pending: Map<number, (a: SearchAnswer | null) => void>;
  failures: number;
}

/**
 * Threads per process: MOOT_SEARCH_THREADS (0: search on the calling thread), else one per core, at most four (each
 * holds its own connection and page cache). None under Vitest unless asked for: a thread started from the sources
 * compiles them first (some 0.8 s of CPU), which every test suite's first search would pay; test/store/search/
 * threads.test.ts starts its own and checks they answer as the calling thread does.
 */
export function defaultSearchThreads(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.MOOT_SEARCH_THREADS);
  if (env.MOOT_SEARCH_THREADS !== undefined && env.MOOT_SEARCH_THREADS !== '' && Number.isInteger(fromEnv) && fromEnv >= 0) return Math.min(fromEnv, 16);
  if (env.VITEST) return 0;
  return Math.min(4, availableParallelism());
}

/** The thread's entry: the compiled file, or the source through tsx's loader (development, tests, benches). */
function threadEntry(): URL | null {
  const compiled = new URL('./thread.js', import.meta.url);
  if (compiled.protocol !== 'file:') return null;
  if (existsSync(fileURLToPath(compiled))) return compiled;
  const source = new URL('./thread.ts', import.meta.url);
  if (!existsSync(fileURLToPath(source))) return null;
  let tsx: string;
  try {
    // The ES module build of tsx's API (require.resolve finds the CommonJS one, which cannot register from here).
    tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  } catch {
    return null;
  }
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(source.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

export function startSearchThreads(file: string, size = defaultSearchThreads()): SearchThreads | null {
  if (size < 1) return null;
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: undefined, pending: new Map(), failures: 0 }));
  let entry: URL | null | undefined;
  let nextId = 1;
  let closed = false;

  const workerOf = (slot: Slot): Worker | null => {
    if (slot.worker !== undefined) return slot.worker;
    if (entry === undefined) entry = threadEntry();
    if (!entry || closed || slot.failures >= 3) return (slot.worker = null);
    try {
      const w = new Worker(entry, { workerData: { file } });
      w.unref();
      w.on('message', (a: SearchAnswer) => {
        const done = slot.pending.get(a.id);
        slot.pending.delete(a.id);
        if (slot.pending.size === 0) w.unref();
        done?.(a);
      });
      const gone = () => {
        if (slot.worker === w) slot.worker = undefined;
        for (const done of slot.pending.values()) done(null);
        slot.pending.clear();
      };
      w.on('error', () => {
        slot.failures++;
        gone();
        void w.terminate();
      });
      w.on('exit', gone);
      slot.worker = w;
    } catch {
      slot.worker = null;
    }
    return slot.worker;
  };

  return {
    search(query) {
      // The thread with the fewest searches waiting (started on first use).
      let slot = slots[0];
      for (const s of slots) if (s.pending.size < slot.pending.size) slot = s;
      const w = workerOf(slot);
      if (!w) return Promise.resolve(null);
      const id = nextId++;
      return new Promise<SearchResults | null>((resolve) => {
        slot.pending.set(id, (a) => resolve(a && 'results' in a ? a.results : null));
        w.ref();
        try {
          w.postMessage({ id, query } satisfies SearchRequest);
        } catch {
          slot.pending.delete(id);
          resolve(null);
        }
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map(async (s) => {
        const w = s.worker;
        s.worker = null;
        if (w) await w.terminate();
      }));
    },
  };
}
