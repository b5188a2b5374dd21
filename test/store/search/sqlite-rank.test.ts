// moot_bm25 (src/store/search/sqlite-rank.c) must score every match exactly as FTS5's bm25 does — the order of near
// ties depends on the last bits — whatever has happened to the index since a connection read its row lengths: writes
// on this connection or another, uncommitted writes inside a transaction, a rollback. Without a compiler the build
// says so and search ranks with bm25.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { transaction } from '../../../src/store/db.js';
import { rebuildSearchIndex } from '../../../src/store/search/index.js';
import { parseQuery } from '../../../src/store/search/query.js';
import { toFts5 } from '../../../src/store/search/sqlite.js';
import { chooseRankFunction, disagreement, loadRankFunction, RANK_LIBRARY, rankFunction } from '../../../src/store/search/sqlite-rank.js';
import { useTestStore } from '../../helpers/use-store.js';
import { buildFixture } from './fixture.js';

const built = existsSync(RANK_LIBRARY);

describe('moot_bm25 on SQLite', () => {
  const get = useTestStore('sqlite');

  it('is what searches call where the library is built', (ctx) => {
    get(ctx);
    expect(rankFunction()).toBe(built ? 'moot_bm25' : 'bm25');
  });

  it.skipIf(!built)('scores every match as bm25 does, across writes, transactions and other connections', async (ctx) => {
    const { store } = get(ctx);
    await buildFixture(store.db);
    await rebuildSearchIndex(store);
    const texts = ['budget', 'budgets', '"revenue budget"', 'consult*', 'museums OR depot', 'budget -capital', 'council', 'meeting', 'tied OR budget'];
    let scored = 0;
    const compare = async (db: typeof store.db, when: string) => {
      for (const text of texts) {
        const match = toFts5(parseQuery(text)!);
        const rows = (await sql<{ id: number; a: number; b: number }>`select rowid as id, bm25(search_fts, 4, 1) as a, moot_bm25(search_fts, 4, 1) as b
          from search_fts where search_fts match ${match}`.execute(db)).rows;
        for (const r of rows) expect(Object.is(r.a, r.b), `${when}: ${text}, entry ${r.id}: ${r.a} against ${r.b}`).toBe(true);
        scored += rows.length;
      }
    };
    const entry = (i: number, words: string) => ({ kind: 'item', ref_id: 9500 + i, page: null, meeting_id: null, body_id: null, date: '2013-01-01', exempt: 0,
      title: `Written entry ${i}`, url: `/written/${i}`, body: words });
    await compare(store.db, 'after the rebuild');
    // Entries already in the index whose lengths change (the array holds the old ones until it is read again).
    const budget = (await sql<{ id: number }>`select rowid as id from search_fts where search_fts match 'budget' order by rowid`.execute(store.db)).rows.map((r) => r.id);
    expect(budget.length).toBeGreaterThan(3);
    const [first, second, third] = budget;
    // A committed write changes lengths, the row count and the average length.
    await store.db.insertInto('search_entry').values([entry(1, 'budget budget budget council'), entry(2, 'a budget and a long paper on the council meeting '.repeat(40))]).execute();
    await store.db.updateTable('search_entry').set({ body: 'budget' }).where('id', '=', first).execute();
    await compare(store.db, 'after committed writes');
    // Inside a transaction its own uncommitted writes count; after the rollback they do not.
    await transaction(store.db, async (tx) => {
      await tx.updateTable('search_entry').set({ body: 'council budget '.repeat(200) }).where('id', '=', second).execute();
      await tx.deleteFrom('search_entry').where('id', '=', third).execute();
      await compare(tx, 'inside a transaction');
      throw new Error('roll back');
    }).catch((e: Error) => expect(e.message).toBe('roll back'));
    await compare(store.db, 'after a rollback');
    // Another connection's commit (a search thread reads while the server writes).
    const other = new BetterSqlite3(store.file!);
    try {
      other.prepare(`update search_entry set body = ? where id = ?`).run('budget '.repeat(7), second);
      other.prepare(`delete from search_entry where id = ?`).run(third);
    } finally {
      other.close();
    }
    await compare(store.db, "after another connection's commit");
    expect(scored).toBeGreaterThan(200);
  });

  it.skipIf(!built)('agrees with bm25 on the check made before it is used', () => {
    expect(disagreement(RANK_LIBRARY)).toBeNull();
  });

  it('falls back to bm25, saying why, when the library is not built or not wanted', () => {
    const missing = chooseRankFunction({}, join(tmpdir(), 'no-such-dir', 'mootrank.so'));
    expect(missing).toMatchObject({ fn: 'bm25', library: null });
    expect(missing.why).toMatch(/not built/);
    expect(chooseRankFunction({ MOOT_SQLITE_RANK: 'bm25' }, RANK_LIBRARY)).toEqual({ fn: 'bm25', library: null });
    // A connection opened by a thread that chose bm25 is left as it is; bm25 needs nothing loaded.
    const db = new BetterSqlite3(':memory:');
    try {
      expect(() => loadRankFunction(db)).not.toThrow();
    } finally {
      db.close();
    }
  });

  it('is built by the install step, or the step says why not and succeeds', () => {
    const out = mkdtempSync(join(tmpdir(), 'moot-native-'));
    try {
      const script = fileURLToPath(new URL('../../../scripts/build-native.mjs', import.meta.url));
      const failed = execFileSync(process.execPath, [script], { env: { ...process.env, CC: join(out, 'no-such-cc'), MOOT_NATIVE_OUT: out }, encoding: 'utf8' });
      expect(failed).toMatch(/could not build the search ranking function \(no C compiler .*\); search ranks with SQLite's bm25/);
      expect(existsSync(join(out, 'mootrank.so'))).toBe(false);
      if (built) {
        const ok = execFileSync(process.execPath, [script], { env: { ...process.env, MOOT_NATIVE_OUT: out }, encoding: 'utf8' });
        expect(ok).toMatch(/built the search ranking function/);
        expect(disagreement(join(out, process.platform === 'darwin' ? 'mootrank.dylib' : 'mootrank.so'))).toBeNull();
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
