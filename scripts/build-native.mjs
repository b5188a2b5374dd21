// Compiles SQLite search's ranking function (src/store/search/sqlite-rank.c) into dist/native/, against the SQLite
// headers better-sqlite3 ships. Run by scripts/prepare.mjs on `npm ci` / `npm install`, or by hand. Without a C
// compiler (or if it fails) it says so in one line and exits 0: search then ranks with SQLite's own bm25, with the
// same results, more slowly. CC chooses the compiler (default cc).
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const source = join(root, 'src', 'store', 'search', 'sqlite-rank.c');
const ext = process.platform === 'darwin' ? 'dylib' : process.platform === 'win32' ? 'dll' : 'so';
const outDir = process.env.MOOT_NATIVE_OUT ?? join(root, 'dist', 'native');
const out = join(outDir, `mootrank.${ext}`);
const cc = process.env.CC || 'cc';

try {
  const headers = join(dirname(require.resolve('better-sqlite3/package.json')), 'deps', 'sqlite3');
  mkdirSync(outDir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  // -ffp-contract=off: the formula's multiplies and adds rounded one by one, as SQLite's own bm25 is compiled on x86-64
  // (the store checks the two agree bit for bit before using this one).
  const shared = process.platform === 'darwin' ? ['-dynamiclib', '-undefined', 'dynamic_lookup'] : ['-shared'];
  execFileSync(cc, ['-O2', '-fPIC', '-ffp-contract=off', ...shared, '-I', headers, source, '-o', tmp, '-lm'], { stdio: ['ignore', 'ignore', 'pipe'] });
  renameSync(tmp, out); // a server already running keeps the file it loaded
  process.stdout.write(`moot: built the search ranking function ${out}\n`);
} catch (e) {
  rmSync(`${out}.${process.pid}.tmp`, { force: true });
  const why = e.code === 'ENOENT' ? `no C compiler (${cc})` : (String(e.stderr ?? '').trim().split('\n')[0] || e.message);
  process.stdout.write(`moot: could not build the search ranking function (${why}); search ranks with SQLite's bm25: the same results, slower\n`);
}
