// The yearly zip of PDFs of `npm run bench -- feeds --only pdfs`, in a process of its own so its peak resident set is
// its own: finds the year whose zip is largest, then writes that zip to a file through bulkPdfZip (the code of
// `moot export bulk --with-pdfs` and of /open-data/pdfs-YEAR.zip), and reports the time, size and peak RSS. With
// all: true, the whole archive's zip instead (year null), to show the peak does not grow with the zip.
//   MOOT_BENCH_PDFS = { dataDir, out, baseUrl, all? }   → IPC { year, files, bytes, zipBytes, ms, rssBeforeBytes, maxRssBytes }
import { createWriteStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { bulkPdfFiles, bulkPdfZip } from '../src/services/open-data.js';
import { openStore } from '../src/store/db.js';

const c = JSON.parse(process.env.MOOT_BENCH_PDFS ?? '{}') as { dataDir: string; out: string; baseUrl: string; all?: boolean };
const store = await openStore({ dataDir: c.dataDir, databaseUrl: null });
const perYear = new Map<number, number>();
for (const f of await bulkPdfFiles(store, { baseUrl: c.baseUrl })) perYear.set(Number(f.date.slice(0, 4)), (perYear.get(Number(f.date.slice(0, 4))) ?? 0) + f.size);
const year = c.all ? undefined : [...perYear.entries()].sort((a, b) => b[1] - a[1])[0][0];
// What the process holds before the zip (the store open, the listing done), against its peak after.
const rssBeforeBytes = process.memoryUsage().rss;
const started = performance.now();
const { chunks, summary } = await bulkPdfZip(store, { baseUrl: c.baseUrl, year });
await pipeline(Readable.from(chunks), createWriteStream(c.out));
const ms = performance.now() - started;
await store.close();
process.send!({ year: year ?? null, files: summary.files, bytes: summary.bytes, zipBytes: statSync(c.out).size, ms, rssBeforeBytes, maxRssBytes: process.resourceUsage().maxRSS * 1024 },
  () => process.exit(0));
