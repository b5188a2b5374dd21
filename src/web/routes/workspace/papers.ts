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
import { attachPaper, itemPapers, reinstatePaper, validateUploadedPdf, withdrawalHistory, withdrawPaper } from '../../../services/documents.js';
import { PublicationError } from '../../../services/publication/publish.js';

export const MAX_PAPER_BYTES = 20 * 1024 * 1024;
const PAPER_KINDS = ['report', 'appendix', 'briefing-note', 'other'] as const;


const paperSchema = z.object({
  title: requiredText('Enter the title of the paper', 300),
  kind: choice(PAPER_KINDS, 'Select what kind of paper it is'),
  replaces: z.string().optional().transform((s) => (s ? Number(s) : null)),
  note: optionalText('Reason for the new version', 500),
});

/** Withdrawing a paper and reinstating it: each a confirm page with the reason, then the service in one transaction. */
const STANDING_CHANGES = {
  withdraw: { done: 'withdrawn', page: 'pages/workspace/withdraw-paper.njk', title: 'Withdraw', service: withdrawPaper, packs: 'without it', needsWithdrawn: false },
  reinstate: { done: 'reinstated', page: 'pages/workspace/reinstate-paper.njk', title: 'Reinstate', service: reinstatePaper, packs: 'with it', needsWithdrawn: true },
} as const;

/** What the papers page says after a withdrawal or reinstatement: which packs were reissued without or with the paper. */
function standingNotice(q: Record<string, string>): string | null {
  const how = q.withdrawn ? STANDING_CHANGES.withdraw : q.reinstated ? STANDING_CHANGES.reinstate : null;
  if (!how) return null;
  const packs = [q.agenda && `the agenda reports pack (version ${q.agenda})`, q.supplementary && `the supplementary agenda (version ${q.supplementary})`].filter(Boolean);
  return `Paper ${how.done}${packs.length ? `: ${packs.join(' and ')} reissued ${how.packs}` : ''}`;
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
    // Each paper's earlier withdrawals and reinstatements (staff see every step).
    const history = await withdrawalHistory(store.db, existing.map((p) => p.id), false);
    return {
      ...found, values, papers: existing.map((p) => ({ ...p, history: history.filter((h) => h.document_id === p.id && h.reinstated_at) })), pageTitle: `Papers for item ${found.item.code}`,
      kindItems: PAPER_KINDS.map((k) => ({ value: k, text: DOCUMENT_KIND_LABELS[k], checked: values.kind === k })),
      // A withdrawn paper is history: a new paper is uploaded as new, not as its next version.
      replaceItems: selectItems(existing.filter((p) => !p.withdrawn_at).map((p) => ({ value: p.id, text: `${p.title} (version ${p.current_version})` })), values.replaces as string, 'No, this is a new paper'),
    };
  };

  app.get('/workspace/items/:id/papers', async (request, reply) => {
    const found = await itemOr404(store.db, request, reply);
    if (!found) return reply;
    const q = request.query as Record<string, string>;
    const notice = q.uploaded ? 'Paper uploaded' : standingNotice(q);
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

  // Withdrawing or reinstating a paper: a page of its own to confirm, with the reason the public will read.
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
  for (const [action, how] of Object.entries(STANDING_CHANGES)) {
    const schema = z.object({ reason: requiredText(`Enter why the paper is ${how.done}`, 1000) });
    const confirmPage = (found: NonNullable<Awaited<ReturnType<typeof paperOf>>>, values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      ...found, values, pageTitle: `${extra.errorList ? 'Error: ' : ''}${how.title} "${found.paper.title}"`,
      published: !!found.meeting.agenda_published_at, ...extra,
    });
    // Only a paper in the other state has this page (a withdrawn paper is reinstated, not withdrawn again, and so on).
    const paperToChange = async (request: Parameters<typeof paperOf>[0], reply: Parameters<typeof paperOf>[1]) => {
      const found = await paperOf(request, reply);
      if (found && !!found.paper.withdrawn_at === how.needsWithdrawn) return found;
      if (found) reply.callNotFound();
      return null;
    };

    app.get(`/workspace/items/:id/papers/:paperId/${action}`, async (request, reply) => {
      const found = await paperToChange(request, reply);
      if (!found) return reply;
      return reply.render(how.page, confirmPage(found, {}));
    });

    app.post(`/workspace/items/:id/papers/:paperId/${action}`, async (request, reply) => {
      const found = await paperOf(request, reply);
      if (!found) return reply;
      return postForm(request, reply, {
        schema,
        fallbackField: 'reason',
        save: async ({ reason }) => {
          const done = await how.service(store, actor(request), found.paper.id, reason);
          const reissued = [done.agenda && `agenda=${done.agenda}`, done.supplementary && `supplementary=${done.supplementary}`].filter(Boolean).join('&');
          return `/workspace/items/${found.item.id}/papers?${how.done}=1${reissued ? `&${reissued}` : ''}`;
        },
        // The packs could not be rebuilt (another item's problem): nothing changed; say why.
        refused: (e) => (e instanceof PublicationError ? { field: 'reason', text: `The paper was not ${how.done}: ${e.message}` } : null),
        rerender: (form, errors) => reply.render(how.page, confirmPage(found, form, { ...errors })),
      });
    });
  }
};

export default papers;
