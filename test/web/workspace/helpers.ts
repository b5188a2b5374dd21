// Shared by the workspace tests: an app with the workspace, a clerk's client, real PDFs and multipart bodies.
import PDFDocument from 'pdfkit';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../../src/store/db.js';
import workspace from '../../../src/web/routes/workspace/index.js';
import { addUser, appOn, sessionClient } from '../auth/helpers.js';

export async function workspaceApp(store: Store, today: () => string): Promise<FastifyInstance> {
  return appOn(store, { today, routes: [{ plugin: workspace }] });
}

export async function clerkClient(app: FastifyInstance, store: Store) {
  const user = await addUser(store, 'clerk');
  return { ...(await sessionClient(app, store, user.id)), user };
}

/** A real one-page PDF made with pdfkit. */
export function makePdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(14).text(text);
    doc.end();
  });
}

/** A multipart/form-data body with text fields and one file. */
export function multipart(fields: Record<string, string>, file: { name: string; fileName: string; type: string; bytes: Buffer }) {
  const boundary = `----moot${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.fileName}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Ids in a page's links: /workspace/meetings/12 → 12. */
export function idsIn(html: string, pattern: RegExp): number[] {
  return [...html.matchAll(pattern)].map((m) => Number(m[1]));
}
