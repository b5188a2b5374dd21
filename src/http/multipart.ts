// multipart/form-data read whole into request.body before any hook runs, so the CSRF check (a root preValidation
// hook) sees the form's `_csrf` field like any other form. @fastify/multipart parses only in its own (later) hook,
// too late for that check. Parsing is Node's own (the fetch Response's formData(), from undici); uploads are small
// PDFs and the body limit caps what is buffered.
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../errors.js';

export interface UploadedFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

export type MultipartBody = Record<string, string | UploadedFile>;

export const UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

export function isUploadedFile(v: unknown): v is UploadedFile {
  return !!v && typeof v === 'object' && (v as UploadedFile).bytes instanceof Uint8Array;
}

/** Splits a multipart body into text fields and files (the last value wins for repeated names; empty file inputs are left out). */
export async function parseMultipart(body: Buffer, contentType: string): Promise<MultipartBody> {
  if (!/boundary=/i.test(contentType)) throw new ValidationError('the multipart request has no boundary', 'content-type');
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new ValidationError('the multipart request is empty, damaged or truncated', 'body');
  }
  const out: MultipartBody = {};
  for (const [name, value] of form) {
    if (typeof value === 'string') out[name] = value;
    else if (value.size > 0 || value.name) {
      out[name] = { fileName: value.name.split(/[\\/]/).pop() ?? value.name, contentType: value.type || 'application/octet-stream', bytes: new Uint8Array(await value.arrayBuffer()) };
    }
  }
  return out;
}

/** Registers the parser in this plugin's scope. */
export function acceptMultipart(app: FastifyInstance, limit = UPLOAD_LIMIT_BYTES): void {
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: limit }, async (request: { headers: Record<string, unknown> }, body: Buffer) => {
    try {
      return await parseMultipart(body, String(request.headers['content-type'] ?? ''));
    } catch (e) {
      (e as Error & { statusCode?: number }).statusCode = 400;
      throw e;
    }
  });
}
