// Uploading papers to an agenda item: PDF only, at most 20 MB, checked with the pack builder's validateUploadedPdf
// so a corrupt, encrypted or empty file is refused at upload with a message saying what is wrong with it.
//
// The multipart body is parsed by a content-type parser in this plugin's scope only. It has to be: the CSRF check
// runs in the root preValidation hook, before @fastify/multipart's own preValidation hook (attachFieldsToBody)
// would have read the `_csrf` field, so every browser upload would be refused. A parser runs before both.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { DOCUMENT_KIND_LABELS } from '../../../domain/types.js';
import { itemOr404, selectItems, type WorkspaceOptions } from './common.js';
import { actor, choice, optionalText, parseForm, postForm, requiredText, type FieldError, type Parsed } from './form.js';
import { acceptMultipart, type UploadedFile } from '../../../http/multipart.js';
import { attachPaper, itemPapers, validateUploadedPdf } from '../../../services/documents.js';

export const MAX_PAPER_BYTES = 20 * 1024 * 1024;
const PAPER_KINDS = ['report', 'appendix', 'briefing-note', 'other'] as const;


const paperSchema = z.object({
  title: requiredText('Enter the title of the paper', 300),
  kind: choice(PAPER_KINDS, 'Select what kind of paper it is'),
  replaces: z.string().optional().transform((s) => (s ? Number(s) : null)),
  note: optionalText('Reason for the new version', 500),
});

/** The form's typed fields (not the file). */
const typedFields = (form: Record<string, unknown>) => Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string'));

/** The upload form read: the paper's details and a PDF the pack builder accepts, or an error on each field wrong. */
async function readPaper(form: Record<string, unknown>): Promise<Parsed<{ paper: z.infer<typeof paperSchema>; file: UploadedFile; pageCount: number }>> {
  const parsed = parseForm(paperSchema, typedFields(form));
  const errors: FieldError[] = parsed.ok ? [] : [...parsed.errors];
  const file = form.file as UploadedFile | undefined;
  let pageCount = 0;
  if (!file || typeof file !== 'object' || !file.bytes) errors.push({ field: 'file', text: 'Select a PDF file to upload' });
  else if (file.bytes.byteLength > MAX_PAPER_BYTES) errors.push({ field: 'file', text: `"${file.fileName}" is ${(file.bytes.byteLength / 1048576).toFixed(1)} MB; the largest paper accepted is 20 MB` });
  else if (!/\.pdf$/i.test(file.fileName)) errors.push({ field: 'file', text: `"${file.fileName}" is not a PDF: the file name must end in .pdf` });
  else {
    const check = await validateUploadedPdf(file.bytes, file.fileName);
    if (check.problems.length) errors.push({ field: 'file', text: check.problems[0].message });
    pageCount = check.pageCount;
  }
  return parsed.ok && !errors.length && file ? { ok: true, data: { paper: parsed.data, file, pageCount } } : { ok: false, errors };
}

const papers: FastifyPluginAsync<WorkspaceOptions> = async (app, { store }) => {
  // Headroom over the file limit for the other fields and the multipart framing; the file itself is checked below.
  acceptMultipart(app, MAX_PAPER_BYTES + 1024 * 1024);

  const context = async (found: NonNullable<Awaited<ReturnType<typeof itemOr404>>>, values: Record<string, unknown>) => {
    const existing = await itemPapers(store.db, found.item.id);
    return {
      ...found, values, papers: existing, pageTitle: `Papers for item ${found.item.code}`,
      kindItems: PAPER_KINDS.map((k) => ({ value: k, text: DOCUMENT_KIND_LABELS[k], checked: values.kind === k })),
      replaceItems: selectItems(existing.map((p) => ({ value: p.id, text: `${p.title} (version ${p.current_version})` })), values.replaces as string, 'No, this is a new paper'),
    };
  };

  app.get('/workspace/items/:id/papers', async (request, reply) => {
    const found = await itemOr404(store.db, request, reply);
    if (!found) return reply;
    const notice = (request.query as Record<string, string>).uploaded ? 'Paper uploaded' : null;
    return reply.render('pages/workspace/papers.njk', { ...(await context(found, { kind: 'report' })), notice });
  });

  app.post('/workspace/items/:id/papers', async (request, reply) => {
    const found = await itemOr404(store.db, request, reply);
    if (!found) return reply;
    return postForm(request, reply, {
      schema: readPaper,
      fallbackField: 'file',
      save: async ({ paper, file, pageCount }) => {
        await attachPaper(store, actor(request), found.item.id, {
          title: paper.title, kind: paper.kind, fileName: file.fileName, bytes: file.bytes, pageCount, replacesDocumentId: paper.replaces, note: paper.note,
        });
        return `/workspace/items/${found.item.id}/papers?uploaded=1`;
      },
      rerender: async (form, errors) => reply.render('pages/workspace/papers.njk', { ...(await context(found, typedFields(form))), pageTitle: `Error: Papers for item ${found.item.code}`, ...errors }),
    });
  });
};

export default papers;
