// The sources as plain JavaScript for benches that time what `moot` runs in production: transpiled (no type check)
// into a directory of bench/out, next to which node_modules still resolves. Under tsx, Node keeps source maps and
// compiles large dependencies slowly, and a worker thread started from a .ts module must load tsx itself, all of
// which would be measured as Moot's; the compiled modules also start their worker threads as production does.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Writes src/**.ts as .js under `outDir` (same layout: `outDir`/src/...). */
export async function transpileSources(outDir: string): Promise<void> {
  const ts = (await import('typescript')).default;
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []));
  for (const file of walk(join(repoRoot, 'src'))) {
    const js = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    }).outputText;
    const dest = join(outDir, file.slice(repoRoot.length + 1)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, js);
  }
}

/**
 * Bench modules (bench/NAME.ts) as .js under `outDir`/bench, beside the transpiled sources, for a plain node process
 * to run, and the files the compiled sources find beside themselves (views, static assets, the demo theme, SQLite
 * search's compiled ranking function) linked in.
 */
export async function transpileBenchFiles(outDir: string, names: string[]): Promise<void> {
  const ts = (await import('typescript')).default;
  mkdirSync(join(outDir, 'bench'), { recursive: true });
  for (const name of names) {
    const file = join(repoRoot, 'bench', `${name}.ts`);
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true }, fileName: file,
    });
    writeFileSync(join(outDir, 'bench', `${name}.js`), outputText);
  }
  for (const rel of [join('src', 'web', 'views'), join('src', 'web', 'assets'), 'themes', join('dist', 'native')]) {
    const link = join(outDir, rel);
    if (existsSync(link) || !existsSync(join(repoRoot, rel))) continue; // dist/native only where the library was built
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(repoRoot, rel), link, 'dir');
  }
}

/** The same in a child process, so that loading TypeScript does not count in the calling bench's peak memory. */
export function transpileSourcesApart(outDir: string): void {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), outDir], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`transpiling the sources failed (status ${r.status})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await transpileSources(process.argv[2]);
