// The ranking function SQLite's searches call: moot_bm25 (sqlite-rank.c, compiled at install time by
// scripts/build-native.mjs) where it is built and agrees with FTS5's bm25, else bm25 itself. Both give the same scores;
// moot_bm25 reads each match's length from an array instead of a statement run per match.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { BODY_WEIGHT, TITLE_WEIGHT } from './ranked.js';

const EXTENSION = process.platform === 'darwin' ? 'dylib' : process.platform === 'win32' ? 'dll' : 'so';
/** Where scripts/build-native.mjs puts the compiled function (src/ and dist/ are both three levels below the root). */
export const RANK_LIBRARY = fileURLToPath(new URL(`../../../dist/native/mootrank.${EXTENSION}`, import.meta.url));
// SQLite finds the entry point by the file name: sqlite3_mootrank_init.

export type RankFunction = 'bm25' | 'moot_bm25';

let chosen: { fn: RankFunction; library: string | null; why?: string } | undefined;

/**
 * Scores every query of a small index with both functions and compares them bit for bit: the library was compiled
 * separately from SQLite, and a compiler that fuses the formula's multiply and add differently would change the last
 * bits of a score and with them the order of near ties. Null when they agree, else what differed.
 */
export function disagreement(library: string): string | null {
  const db = new BetterSqlite3(':memory:');
  try {
    db.loadExtension(library);
    db.exec(`create table search_entry(id integer primary key, title text, body text);
      create virtual table search_fts using fts5(title, body, content='search_entry', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
      create trigger search_entry_ai after insert on search_entry begin insert into search_fts(rowid, title, body) values (new.id, new.title, new.body); end;`);
    const words = ['budget', 'planning', 'school', 'road', 'care', 'adult', 'social', 'waste', 'parking', 'council', 'meeting', 'report', 'minutes', 'library'];
    let seed = 17;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const text = (n: number) => Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join(' ');
    const insert = db.prepare('insert into search_entry(title, body) values (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 200; i++) insert.run(text(1 + Math.floor(next() * 6)), text(Math.floor(next() * 120)));
    })();
    const compare = db.prepare(`select rowid as id, bm25(search_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) as a, moot_bm25(search_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) as b
      from search_fts where search_fts match ?`);
    for (const q of ['budget', 'school road', 'pla*', '"adult social"', 'waste OR parking', 'council NOT meeting', 'minutes library report']) {
      for (const r of compare.all(q) as { id: number; a: number; b: number }[]) {
        if (!Object.is(r.a, r.b)) return `"${q}", row ${r.id}: bm25 ${r.a}, moot_bm25 ${r.b}`;
      }
    }
    return null;
  } finally {
    db.close();
  }
}

/**
 * Which function searches call: moot_bm25 when `library` is there, loads and agrees with bm25; otherwise bm25 and why
 * (same answers, slower). MOOT_SQLITE_RANK=bm25 chooses bm25.
 */
export function chooseRankFunction(env: NodeJS.ProcessEnv, library: string): { fn: RankFunction; library: string | null; why?: string } {
  if (env.MOOT_SQLITE_RANK === 'bm25') return { fn: 'bm25', library: null };
  if (!existsSync(library)) return { fn: 'bm25', library: null, why: `${library} is not built (node scripts/build-native.mjs builds it)` };
  try {
    const differs = disagreement(library);
    if (differs === null) return { fn: 'moot_bm25', library };
    return { fn: 'bm25', library: null, why: `moot_bm25 disagrees with bm25 (${differs})` };
  } catch (e) {
    return { fn: 'bm25', library: null, why: `${library} does not load (${(e as Error).message})` };
  }
}

/**
 * Loads the ranking function into a connection the store opened (its own or a search thread's). The choice is made
 * once per thread, and said once on stderr when it is bm25 for want of the library.
 */
export function loadRankFunction(raw: BetterSqlite3.Database, env: NodeJS.ProcessEnv = process.env): void {
  if (!chosen) {
    chosen = chooseRankFunction(env, RANK_LIBRARY);
    if (chosen.why) process.stderr.write(`moot: search ranks with SQLite's bm25: ${chosen.why}; the results are the same, searches are slower\n`);
  }
  if (chosen.library) raw.loadExtension(chosen.library);
}

/** The function the ranking statements call: every connection of this thread has it (loadRankFunction). */
export function rankFunction(): RankFunction {
  return chosen?.fn ?? 'bm25';
}
