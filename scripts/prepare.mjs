// Runs on `npm ci` / `npm install`: compiles the TypeScript sources (and the search ranking function in C) and links the `moot` bin into
// node_modules/.bin so that `npx moot` and `node_modules/.bin/moot` work in the project itself.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, unlinkSync, lstatSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  // `npm ci --omit=dev` leaves out TypeScript, which builds dist/: say how to install instead of a stack trace.
  process.stderr.write('moot: TypeScript is not installed, so the sources cannot be built (npm ci --omit=dev leaves it out).\n'
    + 'Install with `npm ci`, then `npm prune --omit=dev` to drop the development packages once dist/ is built (docs/deploy.md).\n');
  process.exit(1);
}
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
// SQLite search's ranking function in C; without a compiler search ranks with SQLite's bm25 (same results, slower).
execFileSync(process.execPath, [join(root, 'scripts', 'build-native.mjs')], { stdio: 'inherit', cwd: root });

const binDir = join(root, 'node_modules', '.bin');
const link = join(binDir, 'moot');
mkdirSync(binDir, { recursive: true });
try { if (lstatSync(link)) unlinkSync(link); } catch { /* not there yet */ }
if (!existsSync(link)) symlinkSync(join('..', '..', 'bin', 'moot.js'), link);
