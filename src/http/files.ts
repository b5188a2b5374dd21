// Serving a file someone uploaded (a paper, a version of it): always as a download, never as active content. A PDF
// can carry JavaScript, and a polyglot can be read as HTML; so the type is fixed (PDF, or an opaque byte stream),
// the browser may not sniff another, the response is sandboxed, and the browser saves it rather than opening it in
// the portal's origin. Packs Moot builds itself are served inline by their own routes.
import type { FastifyReply } from 'fastify';

export interface UploadedFile {
  bytes: Uint8Array;
  contentType: string | null;
  fileName: string | null;
}

/** A file name safe inside a Content-Disposition header (letters, digits and a few marks). */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^\w.() -]/g, '_').replace(/^[.\s]+/, '').slice(0, 150);
  return cleaned || 'download';
}

export function sendUpload(reply: FastifyReply, file: UploadedFile, fallbackName: string, cacheControl?: string): FastifyReply {
  const type = file.contentType === 'application/pdf' ? 'application/pdf' : 'application/octet-stream';
  if (cacheControl) reply.header('cache-control', cacheControl);
  return reply.type(type)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('content-disposition', `attachment; filename="${safeFileName(file.fileName ?? fallbackName)}"`)
    .send(Buffer.from(file.bytes));
}
