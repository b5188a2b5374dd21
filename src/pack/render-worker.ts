// Worker thread side of laying out a pack's generated pages (render-parallel.ts): lays out the papers or renders the
// front sheet it is sent, exactly as the calling thread would, and answers with their objects or bytes (handed back,
// not copied).
import { parentPort } from 'node:worker_threads';
import { renderFrontSheetPlan, type FrontSheetPlan } from './front-sheet.js';
import type { LaidOut } from './laid-out.js';
import type { PackInput } from './model.js';
import { layOutForPack, type PaperContext, type StructuredPaper } from './papers.js';

/** Papers to lay out for a pack, or a front sheet to render. */
export type RenderJob = { papers: StructuredPaper[]; ctx: PaperContext } | { front: { input: PackInput; plan: FrontSheetPlan } };

export type RenderRequest = RenderJob & { id: number };

export type RenderAnswer = { id: number; laidOut: LaidOut } | { id: number; bytes: Uint8Array } | { id: number; failed: string };

parentPort?.on('message', (req: RenderRequest) => {
  const failed = (e: unknown) => parentPort?.postMessage({ id: req.id, failed: (e as { message?: string })?.message ?? String(e) } satisfies RenderAnswer);
  if ('front' in req) {
    renderFrontSheetPlan(req.front.input, req.front.plan).then(
      (bytes) => parentPort?.postMessage({ id: req.id, bytes } satisfies RenderAnswer, wholeBuffers([bytes])),
      failed,
    );
    return;
  }
  layOutForPack(req.papers, req.ctx).then(
    (laidOut) => parentPort?.postMessage({ id: req.id, laidOut } satisfies RenderAnswer, wholeBuffers(laidOut.objects.map((o) => o.stream))),
    failed,
  );
});

/** The memory of these arrays that can be handed over whole (each a buffer of its own: a stream, a document). */
function wholeBuffers(arrays: (Uint8Array | undefined)[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) buffers.add(a.buffer as ArrayBuffer);
  return [...buffers];
}
