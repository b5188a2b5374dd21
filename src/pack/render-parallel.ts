// Lays out a pack's generated papers (reports, minutes, Records of Decision) on two threads. pdfkit's layout is most
// of a first build's time and runs on one thread; the papers are independent, so on two cores the later ones are laid
// out on a worker thread while this one lays out the earlier ones and reads the uploaded PDFs. Which papers go where
// depends on the papers alone, and each part is laid out as a document of its own whichever thread lays it out, so a pack's bytes are the
// same with or without the worker (and a worker that cannot run or fails only costs time).
import { WorkerSlot } from '../threads.js';
import type { LaidOut } from './laid-out.js';
import { layOutForPack, type PaperContext, type StructuredPaper } from './papers.js';
import type { RenderAnswer, RenderRequest } from './render-worker.js';

// A larger young generation than the default: laying out allocates many short-lived arrays (glyph runs, content
// stream fragments) and would otherwise spend a fifth of its time collecting them. A bounded old generation: without
// one the idle-between-builds worker never ran a full collection and its heap grew by what each build promoted (18 to
// 50 MB over seven first builds, +60-80 MB of the process's RSS); live, it holds ~10 MB. Papers that would need more
// than the bound stop the worker, and this thread lays them out itself (see WorkerSlot).
const slot = new WorkerSlot<Omit<RenderRequest, 'id'>, RenderAnswer>(import.meta.url, 'render-worker', { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 });

/** Below this much content (characters of the papers' data), handing papers to another thread costs more than it saves. */
const SPLIT_FROM = 12_000;

/**
 * The share of the content laid out on the calling thread, which also reads and copies the uploaded PDFs and parses
 * and copies its own part before it waits for the worker's. The worker lays out a little slower; measured per thread
 * on the bench pack (CPU per build), 38% here: 61 ms here before waiting, 77 ms on the worker; 48%: 74 and 63 ms.
 */
const HERE = 0.45;

/**
 * Where the papers, in the order given, are cut in two: those before the returned index are laid out on the calling
 * thread, the rest on the worker; `papers.length` when splitting would not pay.
 */
export function splitPoint(papers: StructuredPaper[]): number {
  const weights = papers.map((p) => JSON.stringify(p).length);
  const total = weights.reduce((a, b) => a + b, 0);
  if (papers.length < 2 || total < SPLIT_FROM) return papers.length;
  let k = 0;
  let here = 0;
  // whole papers to this thread while that brings its share nearer HERE
  while (k < papers.length - 1 && Math.abs(here + weights[k] - total * HERE) < Math.abs(here - total * HERE)) here += weights[k++];
  return Math.max(k, 1);
}

/** Lays out the papers on the worker thread, or on this one where no worker can. */
export async function layOutElsewhere(papers: StructuredPaper[], ctx: PaperContext): Promise<LaidOut> {
  const answer = await slot.run({ papers, ctx });
  if (answer && 'laidOut' in answer) return answer.laidOut;
  return layOutForPack(papers, ctx);
}
