// The Popolo export of `npm run bench -- feeds`, in a process of its own so its peak resident set is its own: runs
// `moot export popolo` (the CLI's own code, through tsx) on the archive and reports the wall time and peak RSS.
//   MOOT_BENCH_POPOLO = { dataDir, out, baseUrl }   → IPC { ms, maxRssBytes, output }
import { main } from '../src/cli/main.js';

const c = JSON.parse(process.env.MOOT_BENCH_POPOLO ?? '{}') as { dataDir: string; out: string; baseUrl: string };
const lines: string[] = [];
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array) => {
  lines.push(String(chunk));
  return true;
}) as typeof process.stdout.write;
const started = performance.now();
await main(['node', 'moot', '--data', c.dataDir, 'export', 'popolo', '--out', c.out, '--base-url', c.baseUrl]);
const ms = performance.now() - started;
process.stdout.write = write;
// resourceUsage().maxRSS is the process's peak resident set in kilobytes.
process.send!({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, output: lines.join('').trim() }, () => process.exit(process.exitCode ?? 0));
