// Worker thread side of laying out a pack's generated papers on two threads (render-parallel.ts): lays out the
// papers it is sent, exactly as the calling thread would, and answers with their objects (streams handed back, not
// copied).
import { parentPort } from 'node:worker_threads';
import type { LaidOut } from './laid-out.js';
import { layOutForPack, type PaperContext, type StructuredPaper } from './papers.js';

export interface RenderRequest {
  id: number;
  papers: StructuredPaper[];
  ctx: PaperContext;
}

export type RenderAnswer = { id: number; laidOut: LaidOut } | { id: number; failed: string };

parentPort?.on('message', (req: RenderRequest) => {
  layOutForPack(req.papers, req.ctx).then(
    (laidOut) => parentPort?.postMessage({ id: req.id, laidOut } satisfies RenderAnswer, streamBuffers(laidOut)),
    (e: unknown) => parentPort?.postMessage({ id: req.id, failed: (e as { message?: string })?.message ?? String(e) } satisfies RenderAnswer),
  );
});

/** The streams' memory, handed over whole (each stream is a buffer of its own: deflated, or made for it). */
function streamBuffers(laidOut: LaidOut): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const o of laidOut.objects) if (o.stream && o.stream.byteOffset === 0 && o.stream.byteLength === o.stream.buffer.byteLength) buffers.add(o.stream.buffer as ArrayBuffer);
  return [...buffers];
}
