#!/usr/bin/env node
// The `moot` command. Runs the compiled CLI (built by `npm ci` / `npm install` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(compiled)) {
  process.stderr.write('moot: the CLI is not built yet. Run `npm install` (or `npm run build`) in ' + root + ' first.\n');
  process.exit(2);
}
const { main } = await import(pathToFileURL(compiled).href);
await main(process.argv);
