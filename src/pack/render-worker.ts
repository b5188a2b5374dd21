// Worker thread side of laying out a pack's generated papers on two threads (render-parallel.ts): lays out the
// papers it is sent, exactly as the calling thread would, and answers with the PDF's bytes (handed back, not copied).
import { parentPort } from 'node:worker_threads';
import { renderPapers, type PaperContext, type StructuredPaper } from './papers.js';

export interface RenderRequest {
  id: number;
  papers: StructuredPaper[];
  ctx: PaperContext;
}

export type RenderAnswer = { id: number; bytes: Uint8Array; starts: number[] } | { id: number; failed: string };

parentPort?.on('message', (req: RenderRequest) => {
  renderPapers(req.papers, req.ctx).then(
    ({ bytes, starts }) => parentPort?.postMessage({ id: req.id, bytes, starts } satisfies RenderAnswer, [bytes.buffer as ArrayBuffer]),
    (e: unknown) => parentPort?.postMessage({ id: req.id, failed: (e as { message?: string })?.message ?? String(e) } satisfies RenderAnswer),
  );
});
