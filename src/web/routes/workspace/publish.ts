// Publishing the agenda and supplementary agenda through the pack builder: the clerk sees validatePack's problems
// (errors stop publication, warnings are shown), gives a reason when publication is late, and publishes.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { checkAgenda, listPublications, previewAgendaPack, PublicationError, publishAgenda, publishSupplementary } from '../../../services/publication/publish.js';
import { packFileName } from '../../../services/visibility.js';
import { meetingOr404, todayOf, meetingLabel, type WorkspaceOptions } from './common.js';
import { actor, errorSummary, list, optionalText, parseForm, postForm, str, type Parsed } from './form.js';
import { loadAgenda } from '../../../services/agenda.js';

/**
 * The latest public agenda pack, when it was withheld because an item in it was made exempt after publication: the
 * public read nothing of it until Democratic Services publish a new version.
 */
export function withheldAgenda<P extends { kind: string; audience: string; version: number; withheld_at: string | null; withheld_reason: string | null }>(publications: P[]): P | null {
  const latest = publications.filter((p) => p.kind === 'agenda' && p.audience === 'public').sort((a, b) => b.version - a.version)[0];
  return latest?.withheld_at ? latest : null;
}

const publish: FastifyPluginAsync<WorkspaceOptions> = async (app, options) => {
  const { store } = options;
  const context = async (meeting: NonNullable<Awaited<ReturnType<typeof meetingOr404>>>, lateReason: string | null, extra: Record<string, unknown> = {}) => {
    const publishedOn = todayOf(options);
    const problems = await checkAgenda(store, meeting.id, { publishedOn, lateReason });
    const agenda = await loadAgenda(store.db, meeting.id);
    const publications = (await listPublications(store.db, meeting.id, 'newest'))
      .map((p) => ({ ...p, url: `/meetings/${meeting.slug}/${packFileName(p.kind, p.version, p.audience, false)}` }));
    return {
      pageTitle: `Publish the agenda: ${meetingLabel(meeting)}`, meeting, publishedOn, publications, withheld: withheldAgenda(publications),
      errors: problems.filter((p) => p.severity === 'error'), warnings: problems.filter((p) => p.severity === 'warning'), values: { lateReason: lateReason ?? '' },
      toFollowItems: agenda.flatMap((s) => s.items).filter((i) => i.to_follow && !i.withdrawn).map((i) => ({ value: i.code, text: `${i.code} ${i.title}` })),
      ...extra,
    };
  };

  // The pack as it would be published today, marked as a preview on every page and never stored.
  app.get('/workspace/meetings/:id/publish/preview.pdf', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    const audience = (request.query as Record<string, string>).audience === 'confidential' ? 'confidential' : 'public';
    try {
      const preview = await previewAgendaPack(store, meeting.id, audience, todayOf(options));
      return reply.type('application/pdf').header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="${preview.slug}-${audience === 'public' ? 'pack' : 'pack-confidential'}-preview.pdf"`).send(Buffer.from(preview.bytes));
    } catch (e) {
      if (!(e instanceof PublicationError)) throw e;
      reply.code(400);
      return reply.render('pages/workspace/publish.njk', await context(meeting, null, errorSummary([{ field: 'preview', text: 'The preview could not be built: put right the problems that stop publication first' }])));
    }
  });

  app.get('/workspace/meetings/:id/publish', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    const q = request.query as Record<string, string>;
    return reply.render('pages/workspace/publish.njk', await context(meeting, null, { notice: q.published ? 'Agenda published' : q.supplementary ? 'Supplementary agenda published' : null }));
  });

  const lateSchema = z.object({ lateReason: optionalText('Reason for late publication', 1000) });
  app.post('/workspace/meetings/:id/publish', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    return postForm(request, reply, {
      schema: lateSchema,
      fallbackField: 'lateReason',
      refused: (e) => (e instanceof PublicationError
        ? { field: 'lateReason', text: `The agenda was not published: ${e.problems.filter((p) => p.severity === 'error').length} problem(s) below must be put right first` } : null),
      save: async ({ lateReason }) => {
        await publishAgenda(store, actor(request), meeting.id, { publishedOn: todayOf(options), lateReason });
        return `/workspace/meetings/${meeting.id}/publish?published=1`;
      },
      rerender: async (form, errors) => {
        const parsed = parseForm(lateSchema, form);
        return reply.render('pages/workspace/publish.njk', await context(meeting, parsed.ok ? parsed.data.lateReason : null, errors));
      },
    });
  });

  app.post('/workspace/meetings/:id/publish-supplementary', async (request, reply) => {
    const meeting = await meetingOr404(store.db, request, reply);
    if (!meeting) return reply;
    return postForm(request, reply, {
      schema: (form): Parsed<string[]> => {
        const codes = list(form, 'items');
        return codes.length ? { ok: true, data: codes } : { ok: false, errors: [{ field: 'items', text: 'Select the items whose papers the supplementary agenda carries' }] };
      },
      fallbackField: 'items',
      refused: (e) => {
        const message = e instanceof Error && 'line' in e ? (e as { line: string }).line : null;
        return message ? { field: 'items', text: `The supplementary agenda was not published: ${message}` } : null;
      },
      save: async (codes, form) => {
        await publishSupplementary(store, actor(request), meeting.id, codes, { publishedOn: todayOf(options), lateReason: str(form, 'lateReason') || null });
        return `/workspace/meetings/${meeting.id}/publish?supplementary=1`;
      },
      rerender: async (_form, errors) => reply.render('pages/workspace/publish.njk', await context(meeting, null, errors)),
    });
  });
};

export default publish;
