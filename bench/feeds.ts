// `npm run bench -- feeds [--years N] [--data DIR] [--duration S] [--emails N] [--only feeds,popolo,mail,pdfs] [--cpu-prof DIR]`:
// open data at scale (issue 15), on the 10-year demo archive (loaded once into bench/out/portal-10y, shared with the
// portal bench).
//
// - feeds: a body's Atom feed and the search feed (100 mixed queries) at 20 connections. Target: >= 1,000
//   requests/s and p99 <= 50 ms each, as served (feeds are the same for everyone, so the public page cache keeps
//   them until the record changes). The same routes with no page cache (every request builds the feed) are printed
//   too, so what a cache miss costs is in view.
// - popolo: `moot export popolo` of the whole archive in a process of its own. Target: <= 10 s, <= 300 MB peak RSS.
// - mail: N (default 10,000) confirmed subscribers to one committee; an agenda is published; the alert emails are
//   queued from the publication event (the mail worker's own code) and delivered through the outbox to an SMTP server
//   (smtp-server) in another process, which checks each message. Target: delivered in <= 60 s.
// - pdfs (asked for by --only): the largest year's zip of PDFs, written by bulkPdfZip in a process of its own (time,
//   size, peak RSS), then downloaded from /open-data/pdfs-YEAR.zip of the bench server, whose RSS is sampled every
//   50 ms meanwhile. No target: the zip streams, so the peak should stay near the process's resting size whatever
//   the year's size (one PDF in memory at a time).
// Each line ends PASS or MISS. The server runs in a process of its own (bench/_portal-server.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { SYSTEM_ACTOR } from '../src/domain/types.js';
import { createMailer } from '../src/mail/index.js';
import { processPublicationEvents } from '../src/services/alerts.js';
import { startCursor } from '../src/services/events.js';
import { drainOutbox } from '../src/services/outbox.js';
import { publishAgenda } from '../src/services/publication/publish.js';
import { createSubscriber, insertSubscription, markConfirmed } from '../src/store/alerts.js';
import { createBody } from '../src/store/bodies.js';
import { saveCouncil } from '../src/store/council.js';
import { openStore, transaction } from '../src/store/db.js';
import { createMeeting } from '../src/store/meetings.js';
import { outboxCounts } from '../src/store/outbox.js';
import type { ServerConfig } from './_portal-server.js';
import { measure, searchQueries, startServer, stopServer } from './portal.js';

const here = dirname(fileURLToPath(import.meta.url));
const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const la = () => loadavg().map((l) => l.toFixed(2)).join(' ');

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

function child<T>(file: string, env: Record<string, string>): { proc: ChildProcess; first: Promise<T> } {
  const proc = fork(join(here, file), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const first = new Promise<T>((resolve, reject) => {
    proc.once('message', (m) => resolve(m as T));
    proc.once('exit', (code) => reject(new Error(`${file} stopped (exit ${code})`)));
  });
  return { proc, first };
}

/** The search feed's paths: the portal bench's 100 mixed queries, as feeds. */
function searchFeedPaths(): string[] {
  return searchQueries().map((p) => p.replace(/^\/search\?/, '/search/feed.atom?'));
}

async function feedRuns(config: ServerConfig, duration: number, cpuProf: string | null, lines: string[], table: string[]): Promise<void> {
  for (const cached of [true, false]) {
    const s = await startServer({ ...config, uncached: !cached }, cpuProf);
    const label = cached ? 'as served (page cache)' : 'no page cache';
    try {
      const body = `/bodies/${s.ready.targets.body.split('/').pop()}/feed.atom`;
      const search = searchFeedPaths();
      await measure('warm-up', s.ready.url, [body, ...search], 3);
      const ref = await measure('/healthz', s.ready.url, ['/healthz'], duration);
      table.push(`| /healthz (reference, ${label}) | ${ref.rps.toFixed(0)} | ${ref.p50} | ${ref.p99} | ${ref.errors}/${ref.non2xx} |`);
      for (const [name, paths] of [[`body Atom feed ${body}`, [body]], ['search feed, 100 mixed queries', search]] as const) {
        const f = await measure(name, s.ready.url, [...paths], duration);
        table.push(`| ${name}, ${label} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p99} | ${f.errors}/${f.non2xx} |`);
        const ok = f.rps >= 1000 && f.p99 <= 50 && f.errors === 0 && f.non2xx === 0;
        lines.push(`${name}, ${label}: ${f.rps.toFixed(0)} req/s (target >= 1,000), p99 ${f.p99} ms (target <= 50), ${(f.rps / ref.rps).toFixed(3)}× /healthz${f.non2xx ? `, ${f.non2xx} non-2xx` : ''}: ${cached ? mark(ok) : `${ok ? 'meets' : 'short of'} the target (for information)`}`);
      }
    } finally {
      await stopServer(s.child);
    }
  }
}

async function popoloRun(dataDir: string, lines: string[]): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'moot-popolo-'));
  try {
    const started = performance.now();
    const { proc, first } = child<{ ms: number; maxRssBytes: number; output: string }>('_popolo-export.ts', {
      MOOT_BENCH_POPOLO: JSON.stringify({ dataDir, out, baseUrl: 'https://democracy.example.gov.uk' }),
    });
    const r = await first;
    await new Promise((resolve) => (proc.exitCode !== null ? resolve(null) : proc.once('exit', resolve)));
    const wall = (performance.now() - started) / 1000;
    const rss = r.maxRssBytes / 2 ** 20;
    lines.push(`Popolo export: ${r.output}`);
    lines.push(`Popolo export of the archive: ${(r.ms / 1000).toFixed(2)} s (process with start-up ${wall.toFixed(2)} s; target <= 10), peak RSS ${rss.toFixed(0)} MB (target <= 300): ${mark(r.ms <= 10_000 && rss <= 300)}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function pdfsRun(config: ServerConfig, lines: string[]): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'moot-pdfs-'));
  const mb = (b: number) => (b / 2 ** 20).toFixed(0);
  try {
    const zipRun = async (all: boolean) => {
      const { proc, first } = child<{ year: number | null; files: number; bytes: number; zipBytes: number; ms: number; rssBeforeBytes: number; maxRssBytes: number }>('_pdf-zip.ts', {
        MOOT_BENCH_PDFS: JSON.stringify({ dataDir: config.dataDir, out: join(out, 'pdfs.zip'), baseUrl: 'https://democracy.example.gov.uk', all }),
      });
      const z = await first;
      await new Promise((resolve) => (proc.exitCode !== null ? resolve(null) : proc.once('exit', resolve)));
      lines.push(`PDF zip of ${z.year === null ? 'every year' : `${z.year} (the largest year)`}: ${z.files} PDFs, ${mb(z.bytes)} MB of PDFs, zip ${mb(z.zipBytes)} MB, written in ${(z.ms / 1000).toFixed(2)} s; `
        + `RSS ${mb(z.rssBeforeBytes)} MB before, peak ${mb(z.maxRssBytes)} MB (bulkPdfZip to a file, as moot export bulk --with-pdfs)`);
      return z;
    };
    const r = await zipRun(false);
    await zipRun(true);
    const s = await startServer(config, null);
    try {
      const rss = async () => (await s.ask<{ rss: number }>({ cmd: 'rss' })).rss;
      const before = await rss();
      let peak = before;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          peak = Math.max(peak, await rss());
          await new Promise((done) => setTimeout(done, 50));
        }
      })();
      const t = performance.now();
      const res = await fetch(`${s.ready.url}/open-data/pdfs-${r.year}.zip`);
      let got = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) got += chunk.length;
      const ms = performance.now() - t;
      sampling = false;
      await sampler;
      lines.push(`/open-data/pdfs-${r.year}.zip: ${res.status}, ${mb(got)} MB in ${(ms / 1000).toFixed(2)} s; the server's RSS ${mb(before)} MB before, peak ${mb(peak)} MB while sending (sampled every 50 ms)`
        + `${got === r.zipBytes ? '' : ` (the file was ${r.zipBytes} bytes)`}`);
    } finally {
      await stopServer(s.child);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function mailRun(emails: number, lines: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'moot-mail-bench-'));
  const sink = child<{ url: string }>('_smtp-sink.ts', {});
  const { url } = await sink.first;
  const ask = <T>(msg: object) => new Promise<T>((resolve) => { sink.proc.once('message', (m) => resolve(m as T)); sink.proc.send(msg); });
  const store = await openStore({ dataDir: dir, databaseUrl: null });
  const mailer = createMailer({ smtpUrl: url, from: 'Example County Council <democracy@example.gov.uk>' });
  try {
    const actor = SYSTEM_ACTOR;
    await saveCouncil(store.db, 'Example County Council', 'ECC', { signatoryName: 'Jo Clerk', signatoryTitle: 'Head of Democratic Services' });
    const bodyId = await createBody(store.db, actor, { name: 'Planning Committee', kind: 'regulatory-committee', agendaStyle: 'numbered' });
    const meeting = await createMeeting(store.db, actor, {
      bodyId, date: '2030-03-20', time: '10:00', venue: 'Council Chamber', contacts: [{ name: 'Jo Clerk', phone: '01234 567890', email: null }],
      sections: [{ title: 'Items', items: [{ code: '1', title: 'Apologies' }, { code: '2', title: 'Land at Mill Lane: outline planning application', purpose: 'To determine the application', toFollow: true }] }],
    });
    await startCursor(store, 'mail-and-webhooks');
    const now = new Date().toISOString();
    await transaction(store.db, async (tx) => {
      for (let i = 0; i < emails; i++) {
        const token = randomBytes(18).toString('base64url');
        const subscriber = await createSubscriber(tx, `resident${i}@example.org`, token, now);
        const id = await insertSubscription(tx, { subscriberId: subscriber, kind: 'body', targetJson: JSON.stringify({ bodyId }), label: 'agendas and minutes of Planning Committee',
          frequency: 'immediate', confirmToken: randomBytes(18).toString('base64url'), now });
        await markConfirmed(tx, id, now);
      }
    });
    await publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-03-08' });
    const later = new Date(Date.now() + 3600_000); // the publication's audit entry counts as settled
    let t = performance.now();
    await processPublicationEvents(store, { baseUrl: 'https://democracy.example.gov.uk', councilName: 'Example County Council', now: later });
    const queueS = (performance.now() - t) / 1000;
    const queued = (await outboxCounts(store.db)).pending ?? 0;
    t = performance.now();
    const cpu0 = process.cpuUsage();
    const report = await drainOutbox(store, { mailer, now: () => later });
    const deliverS = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const got = await ask<{ received: number; recipients: number; withoutUnsubscribe: number; repeated: number }>({ cmd: 'count' });
    const ok = deliverS <= 60 && got.received === queued && got.recipients === emails && got.withoutUnsubscribe === 0 && got.repeated === 0 && report.failed === 0;
    lines.push(`alert emails: ${emails} subscribers; queued ${queued} from the publication event in ${queueS.toFixed(2)} s; delivered ${report.sent} (${report.retried} retried, ${report.failed} failed) in ${deliverS.toFixed(2)} s = ${(report.sent / deliverS).toFixed(0)}/s (the sender's CPU ${cpuS.toFixed(2)} s)`);
    lines.push(`  the SMTP server received ${got.received} messages for ${got.recipients} recipients, ${got.withoutUnsubscribe} without one-click unsubscribe, ${got.repeated} repeated`);
    lines.push(`${emails} queued alert emails delivered in ${deliverS.toFixed(2)} s (target <= 60): ${mark(ok)}`);
  } finally {
    mailer.close();
    await store.close();
    sink.proc.send({ cmd: 'exit' });
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function feeds(args: string[]): Promise<void> {
  const years = Number(arg(args, '--years', '10'));
  const duration = Number(arg(args, '--duration', '10'));
  const emails = Number(arg(args, '--emails', '10000'));
  const dataDir = arg(args, '--data', join('bench', 'out', `portal-${years}y`));
  const only = new Set(arg(args, '--only', 'feeds,popolo,mail').split(','));
  const cpuProf = arg(args, '--cpu-prof', '') || null;
  const config: ServerConfig = { years, dataDir, databaseUrl: null, today: '2012-03-01', uncached: false };
  process.stdout.write(`Feeds bench, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${la()}\n`);
  const lines: string[] = [];
  const table: string[] = [];
  if (only.has('feeds') || only.has('popolo') || only.has('pdfs')) {
    // Loads the archive on the first run (the bench server does it) even when only the exports are measured.
    if (only.has('feeds')) await feedRuns(config, duration, cpuProf, lines, table);
    else await stopServer((await startServer(config, null)).child);
    lines.push(`(load average after the feed runs: ${la()})`);
  }
  if (only.has('popolo')) {
    await popoloRun(dataDir, lines);
    lines.push(`(load average after the export: ${la()})`);
  }
  if (only.has('pdfs')) {
    await pdfsRun(config, lines);
    lines.push(`(load average after the PDF zips: ${la()})`);
  }
  if (only.has('mail')) await mailRun(emails, lines);
  if (table.length) process.stdout.write(`\n| route | requests/s | p50 ms | p99 ms | errors/non-2xx |\n|---|---:|---:|---:|---:|\n${table.join('\n')}\n`);
  process.stdout.write(`\n${lines.join('\n')}\n\nload average at the end: ${la()}\n`);
}
