// Lays out a pack's generated pages (reports, minutes, Records of Decision, the front sheet) on a worker thread, while
// the calling thread reads and copies the uploaded PDFs. All of pdfkit's (and fontkit's) work is done there and
// pdf-lib's here: V8 compiles each library's hot functions in the one isolate that runs them, where two threads both
// laying out papers had it compiled twice (in a first build, V8's compiler threads used as much CPU as either thread).
// The papers go as two documents, the later laid out while this thread takes the earlier into the pack. Which papers
// go in which document depends on the papers alone, and each is laid out as a document of its own whichever thread
// lays it out, so a pack's bytes are the same with or without the worker (and a worker that cannot run or fails only
// costs time: this thread does the work itself).
import { WorkerSlot } from '../threads.js';
import { renderFrontSheetPlan, type FrontSheetPlan } from './front-sheet.js';
import type { LaidOut } from './laid-out.js';
import type { PackInput } from './model.js';
import { layOutForPack, type PaperContext, type StructuredPaper } from './papers.js';
import type { RenderAnswer, RenderJob } from './render-worker.js';

// A larger young generation than the default: laying out allocates many short-lived arrays (glyph runs, content
// stream fragments) and would otherwise spend a fifth of its time collecting them. A bounded old generation: without
// one the idle-between-builds worker never ran a full collection and its heap grew by what each build promoted (18 to
// 50 MB over seven first builds, +60-80 MB of the process's RSS); live, it holds ~10 MB. Papers that would need more
// than the bound stop the worker, and this thread lays them out itself (see WorkerSlot).
const slot = new WorkerSlot<RenderJob, RenderAnswer>(import.meta.url, 'render-worker', { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 });

/** Below this much content (characters of the papers' data), a second document costs more than it saves. */
const SPLIT_FROM = 12_000;

/**
 * The share of the content in the first document. This thread splices it into the pack while the worker lays out the
 * second; the share also decides the two documents' font subsets, so a new share gives new bytes.
 */
const FIRST = 0.45;

/**
 * Where the papers, in the order given, are cut in two documents: those before the returned index are laid out first,
 * the rest second; `papers.length` when splitting would not pay.
 */
export function splitPoint(papers: StructuredPaper[]): number {
  const weights = papers.map((p) => JSON.stringify(p).length);
  const total = weights.reduce((a, b) => a + b, 0);
  if (papers.length < 2 || total < SPLIT_FROM) return papers.length;
  let k = 0;
  let first = 0;
  // whole papers to the first document while that brings its share nearer FIRST
  while (k < papers.length - 1 && Math.abs(first + weights[k] - total * FIRST) < Math.abs(first - total * FIRST)) first += weights[k++];
  return Math.max(k, 1);
}

/**
 * Lays out the papers on the worker thread, or on this one where no worker can. Their streams come raw: the pack
 * deflates them (deflateStreams) while the worker goes on with the next document or the front sheet.
 */
export async function layOutElsewhere(papers: StructuredPaper[], ctx: PaperContext): Promise<LaidOut> {
  const answer = await slot.run({ papers, ctx });
  if (answer && 'laidOut' in answer) return answer.laidOut;
  return layOutForPack(papers, ctx);
}

/** Renders the front sheet on the worker thread, or on this one where no worker can. */
export async function renderFrontSheetElsewhere(input: PackInput, plan: FrontSheetPlan): Promise<Uint8Array> {
  // The front sheet reads no paper's content: the uploads' bytes are not copied to the worker.
  const listed: PackInput = { ...input, sections: input.sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, papers: [] })) })) };
  const answer = await slot.run({ front: { input: listed, plan } });
  if (answer && 'bytes' in answer) return answer.bytes;
  return renderFrontSheetPlan(input, plan);
}
