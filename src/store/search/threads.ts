// Searches on SQLite run on worker threads, each with its own read-only connection to the database file (WAL lets
// readers run beside the writer and each other). Ranking is CPU-bound inside SQLite (bm25 over every match) and
// better-sqlite3 is synchronous: on the server's event loop one search holds every other request, and only one core
// works. On threads, the event loop renders pages while up to `size` searches run on the other cores.
//
// A thread answers what search() would answer in the calling thread: the same code over the same committed record
// (a write commits before the search that follows it starts). Each thread is a WorkerSlot (src/threads.ts): started
// on the first search and kept, unreferenced while idle; where none can run (no compiled thread file and no tsx to
// load the source, or it fails to start or dies) the answer is null and the caller searches itself.
import { availableParallelism } from 'node:os';
import { WorkerSlot } from '../../threads.js';
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

/**
 * Threads per process: MOOT_SEARCH_THREADS (0: search on the calling thread), else the cores shared among the server's
 * processes (`moot serve --workers N` gives each MOOT_WORKERS=N), at most four (each holds its own connection and page
 * cache). With as many processes as cores or more (the deploy guide's `--workers 2` on two cores, or one process on
 * one core) none: each process searches on its event loop. The processes already keep every core busy, so a thread
 * adds no parallelism, only its own isolate compiling the same code and a hand-off each way (the request to the
 * thread, the results back, each waking the other thread): on the portal bench with `--workers 2` on two cores, CPU a
 * search 1,986 / 2,067 µs inline against 2,117 / 2,458 with two threads a process (docs/benchmarks.md, 2026-12-08).
 * A search then holds its own process's other requests for its few milliseconds, as it would hold a core anyway.
 * With fewer processes than cores, searches go to threads so that one process can use the idle cores.
 * None under Vitest unless asked for: a thread started from the sources compiles them first (some 0.8 s of CPU),
 * which every test suite's first search would pay; test/store/search/threads.test.ts starts its own and checks they
 * answer as the calling thread does.
 */
export function defaultSearchThreads(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const fromEnv = Number(env.MOOT_SEARCH_THREADS);
  if (env.MOOT_SEARCH_THREADS !== undefined && env.MOOT_SEARCH_THREADS !== '' && Number.isInteger(fromEnv) && fromEnv >= 0) return Math.min(fromEnv, 16);
  if (env.VITEST) return 0;
  const workers = Number(env.MOOT_WORKERS);
  const processes = Number.isInteger(workers) && workers > 1 ? workers : 1;
  if (processes >= cores) return 0;
  return Math.min(4, Math.floor(cores / processes));
}

/**
 * Searches a thread may hold at once: one running and the next already waiting there, so a thread never idles while
 * its answer travels back; the rest wait in one queue for whichever thread frees first.
 */
const HELD_PER_THREAD = 2;

export function startSearchThreads(file: string, size = defaultSearchThreads()): SearchThreads | null {
  if (size < 1) return null;
  const slots = Array.from({ length: size }, () => new WorkerSlot<Omit<SearchRequest, 'id'>, SearchAnswer>(import.meta.url, 'thread', undefined, { file }));
  // One queue in arrival order rather than a queue per thread: a search's cost varies thirtyfold (a rare name
  // against a word in thousands of papers), and a search queued behind a long one on its thread would wait while
  // the other thread is free.
  const queue: { query: SearchQuery; done: (results: SearchResults | null) => void }[] = [];
  const dispatch = () => {
    while (queue.length) {
      let slot = slots[0];
      for (const s of slots) if (s.waiting < slot.waiting) slot = s;
      if (slot.waiting >= HELD_PER_THREAD) return;
      const { query, done } = queue.shift()!;
      void slot.run({ query }).then((a) => {
        dispatch(); // the thread's next search goes out before this answer is rendered
        done(a && 'results' in a ? a.results : null);
      });
    }
  };
  return {
    search(query) {
      return new Promise((done) => {
        queue.push({ query, done });
        dispatch();
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.close()));
      dispatch(); // closed slots answer null at once: the caller searches itself
    },
  };
}
