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
import { actor, choice, optionalText, paramId, parseForm, postForm, requiredText, type FieldError, type Parsed } from './form.js';
import { acceptMultipart, type UploadedFile } from '../../../http/multipart.js';
import { attachPaper, itemPapers, validateUploadedPdf, withdrawPaper } from '../../../services/documents.js';
import { PublicationError } from '../../../services/publication/publish.js';

export const MAX_PAPER_BYTES = 20 * 1024 * 1024;
const PAPER_KINDS = ['report', 'appendix', 'briefing-note', 'other'] as const;


const paperSchema = z.object({
  title: requiredText('Enter the title of the paper', 300),
  kind: choice(PAPER_KINDS, 'Select what kind of paper it is'),
  replaces: z.string().optional().transform((s) => (s ? Number(s) : null)),
  note: optionalText('Reason for the new version', 500),
});

const withdrawSchema = z.object({ reason: requiredText('Enter why the paper is withdrawn', 1000) });

/** What the papers page says after a withdrawal: which packs were reissued without the paper. */
function withdrawnNotice(q: Record<string, string>): string | null {
  if (!q.withdrawn) return null;
  const packs = [q.agenda && `the agenda reports pack (version ${q.agenda})`, q.supplementary && `the supplementary agenda (version ${q.supplementary})`].filter(Boolean);
  return `Paper withdrawn${packs.length ? `: ${packs.join(' and ')} reissued without it` : ''}`;
}

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
      // A withdrawn paper is history: a new paper is uploaded as new, not as its next version.
      replaceItems: selectItems(existing.filter((p) => !p.withdrawn_at).map((p) => ({ value: p.id, text: `${p.title} (version ${p.current_version})` })), values.replaces as string, 'No, this is a new paper'),
    };
  };

  app.get('/workspace/items/:id/papers', async (request, reply) => {
    const found = await itemOr404(store.db, request, reply);
    if (!found) return reply;
    const q = request.query as Record<string, string>;
    const notice = q.uploaded ? 'Paper uploaded' : withdrawnNotice(q);
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

  // Withdrawing a paper: a page of its own to confirm, with the reason the public will read.
  const paperOf = async (request: Parameters<typeof itemOr404>[1], reply: Parameters<typeof itemOr404>[2]) => {
    const found = await itemOr404(store.db, request, reply);
    if (!found) return null;
    const paper = (await itemPapers(store.db, found.item.id)).find((p) => p.id === paramId(request, 'paperId'));
    if (!paper) {
      reply.callNotFound();
      return null;
    }
    return { ...found, paper };
  };
  const withdrawPage = (found: NonNullable<Awaited<ReturnType<typeof paperOf>>>, values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    ...found, values, pageTitle: `${extra.errorList ? 'Error: ' : ''}Withdraw "${found.paper.title}"`,
    published: !!found.meeting.agenda_published_at, ...extra,
  });

  app.get('/workspace/items/:id/papers/:paperId/withdraw', async (request, reply) => {
    const found = await paperOf(request, reply);
    if (!found) return reply;
    return reply.render('pages/workspace/withdraw-paper.njk', withdrawPage(found, {}));
  });

  app.post('/workspace/items/:id/papers/:paperId/withdraw', async (request, reply) => {
    const found = await paperOf(request, reply);
    if (!found) return reply;
    return postForm(request, reply, {
      schema: withdrawSchema,
      fallbackField: 'reason',
      save: async ({ reason }) => {
        const done = await withdrawPaper(store, actor(request), found.paper.id, reason);
        const reissued = [done.agenda && `agenda=${done.agenda}`, done.supplementary && `supplementary=${done.supplementary}`].filter(Boolean).join('&');
        return `/workspace/items/${found.item.id}/papers?withdrawn=1${reissued ? `&${reissued}` : ''}`;
      },
      // The packs could not be rebuilt without it (another item's problem): nothing was withdrawn; say why.
      refused: (e) => (e instanceof PublicationError ? { field: 'reason', text: `The paper was not withdrawn: ${e.message}` } : null),
      rerender: (form, errors) => reply.render('pages/workspace/withdraw-paper.njk', withdrawPage(found, form, { ...errors })),
    });
  });
};

export default papers;
