// The agenda pack's PDF code (src/pack, over pdf-lib, pdfkit and fontkit) is loaded when a PDF is first built or
// checked, not with the server: imported at start it was some 8 MB of JS heap in every server process (each worker
// of `moot serve --workers N`), most of which serve pages and never touch a PDF (docs/benchmarks.md, issue 17).
// The services reach the pack's code only through here; its types are imported statically as usual.
import type { UploadedPdfCheck } from '../pack/upload.js';

export type PackModule = typeof import('../pack/index.js');

/** The pack's modules, loaded on first use (the module loader keeps them: later calls cost nothing). */
export function loadPack(): Promise<PackModule> {
  return import('../pack/index.js');
}

/** The pack builder's check of an uploaded PDF (pack/upload.ts): sound, not encrypted, its page count. */
export async function validateUploadedPdf(bytes: Uint8Array, fileName: string): Promise<UploadedPdfCheck> {
  return (await loadPack()).validateUploadedPdf(bytes, fileName);
}
