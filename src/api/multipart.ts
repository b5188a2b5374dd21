// multipart/form-data read whole into request.body before any hook runs, so the CSRF check (a root preValidation
// hook) sees the form's `_csrf` field like any other form. @fastify/multipart parses only in its own (later)
// hook, too late for that check. Uploads are small PDFs; the body limit caps what is buffered.
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

function boundaryOf(contentType: string): string {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) throw new ValidationError('the multipart request has no boundary', 'content-type');
  return m[1] ?? m[2];
}

function headerParam(header: string, name: string): string | null {
  const m = new RegExp(`${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header) ?? new RegExp(`${name}=([^;\\s]+)`, 'i').exec(header);
  return m ? m[1].replace(/\\(.)/g, '$1') : null;
}

/** Splits a multipart body into text fields and files (the last value wins for repeated names). */
export function parseMultipart(body: Buffer, contentType: string): MultipartBody {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const out: MultipartBody = {};
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new ValidationError('the multipart request is empty or damaged', 'body');
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing --boundary--
    pos += 2; // CRLF
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new ValidationError('a part of the multipart request has no headers', 'body');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next < 0) throw new ValidationError('the multipart request is truncated', 'body');
    const content = body.subarray(headerEnd + 4, next - 2); // the CRLF before the delimiter is not content
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = headerParam(disposition, 'name');
    const fileName = headerParam(disposition, 'filename');
    if (name !== null) {
      if (fileName !== null) {
        const type = /content-type:\s*([^\r\n;]*)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
        if (fileName || content.length) out[name] = { fileName: fileName.split(/[\\/]/).pop() ?? fileName, contentType: type, bytes: new Uint8Array(content) };
      } else {
        out[name] = content.toString('utf8');
      }
    }
    pos = next;
  }
  return out;
}

/** Registers the parser in this plugin's scope. */
export function acceptMultipart(app: FastifyInstance, limit = UPLOAD_LIMIT_BYTES): void {
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: limit }, (request, body, done) => {
    try {
      done(null, parseMultipart(body as Buffer, String(request.headers['content-type'] ?? '')));
    } catch (e) {
      (e as Error & { statusCode?: number }).statusCode = 400;
      done(e as Error, undefined);
    }
  });
}
