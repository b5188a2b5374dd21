// `npm run bench -- import [--n N]`: `moot import DIR` of N made-up text packs (bench/_packs.ts; 1,000 by default,
// issue 18's target: <= 60 s on SQLite with a resumable report) into a fresh SQLite database, through the same
// archive import the CLI runs (src/importer/archive.ts), with the search indexing the CLI does after each pack.
// Then the same directory again (the resume case: every file skipped by checksum), and, in the same run, reading +
// extracting the same packs without storing them, so the figures printed are ratios measured together:
// storing's share of the import, and a re-run's cost relative to the import. Under load the absolute times are
// inflated; the ratios much less so. Use --n 50 for a quick check that it works.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../src/domain/types.js';
import { importArchive } from '../src/importer/archive.js';
import { readPackFile } from '../src/importer/read/index.js';
import { extractPack } from '../src/importer/text/index.js';
import { openStore } from '../src/store/db.js';
import { indexMeeting } from '../src/store/search/index.js';
import { writeTextPacks } from './_packs.js';

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export default async function importBench(args: string[]): Promise<void> {
  const at = args.indexOf('--n');
  const n = at >= 0 ? Math.max(1, Number(args[at + 1]) || 1000) : 1000;
  const dir = mkdtempSync(join(tmpdir(), 'moot-bench-import-'));
  try {
    let t = performance.now();
    const files = writeTextPacks(join(dir, 'packs'), n);
    const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
    console.log(`import benchmark: ${n} text packs (${(bytes / 1024 / 1024).toFixed(1)} MB, made in ${s(performance.now() - t)}) into a fresh SQLite database`);
    const load0 = loadavg()[0];

    // reading + extracting alone, the same files
    t = performance.now();
    for (const f of files) {
      const text = await readPackFile(f);
      extractPack({ source: text.source, pages: text.pages });
    }
    const extractMs = performance.now() - t;

    const store = await openStore({ dataDir: join(dir, 'data'), databaseUrl: null });
    try {
      const report = join(dir, 'report.jsonl');
      const afterImport = async (db: Parameters<typeof indexMeeting>[0], ids: number[]) => { for (const id of ids) await indexMeeting(db, id); };
      t = performance.now();
      const first = await importArchive(store, SYSTEM_ACTOR, files, { report, afterImport });
      const importMs = performance.now() - t;
      t = performance.now();
      const again = await importArchive(store, SYSTEM_ACTOR, files, { report, afterImport });
      const resumeMs = performance.now() - t;
      const lines = readFileSync(report, 'utf8').trim().split('\n').length;

      const f = first.summary;
      console.log(`first run:  ${f.imported} imported, ${f.updated} updated, ${f.duplicate} duplicates, ${f.refused} refused in ${s(importMs)} = ${(importMs / n).toFixed(1)} ms a pack, ${(n / (importMs / 1000)).toFixed(0)} packs/s`);
      console.log(`  projected for 1,000 packs: ${s((importMs / n) * 1000)} (target <= 60 s): ${(importMs / n) * 1000 <= 60_000 ? 'PASS' : 'FAIL'}`);
      console.log(`  reading + extracting the same packs without storing: ${s(extractMs)}; storing (transactions, search index) is ${(((importMs - extractMs) / importMs) * 100).toFixed(0)}% of the import (import / extract = ${(importMs / extractMs).toFixed(2)}x)`);
      const a = again.summary;
      console.log(`second run (resume over a finished archive): ${a.duplicate} skipped as duplicates, ${a.imported} imported in ${s(resumeMs)} = ${((resumeMs / importMs) * 100).toFixed(1)}% of the first run's time: ${a.imported === 0 && a.duplicate === n ? 'PASS (nothing repeated)' : 'FAIL'}`);
      console.log(`report: ${lines} lines (a line per file per run, a header and a summary per run)`);
      if (f.refused) console.log(`  refused: ${first.entries.filter((e) => e.status === 'refused').slice(0, 3).map((e) => e.reason).join('; ')}`);
    } finally {
      await store.close();
    }
    const load = Math.max(load0, loadavg()[0]);
    if (load > 2) console.log(`(load average ${load.toFixed(1)} on this machine while measuring: absolute times are inflated; the ratios were measured in the same run)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
