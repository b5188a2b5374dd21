// Records of Decision: recorded with a number allocated in the same transaction, then published with the end of
// the call-in window from the council's working calendar (none for urgent decisions).
import type { FastifyPluginAsync } from 'fastify';
import type { Viewer } from '../../../domain/policy.js';
import { z } from 'zod';
import { DECISION_TAKER_KINDS } from '../../../domain/types.js';
import { todayOf, type WorkspaceOptions } from './common.js';
import { actor, choice, dateOf, dateParts, isoDate, paramId, parseForm, postForm, requiredText, str } from './form.js';
import { decisionExemptPartFor, getDecision, listDecisions, withStanding } from '../../../services/decisions.js';
import { decisionTimeline, publishDecisionRecord, takeDecision } from '../../../services/executive/decisions.js';
import { callInsWithSignatories } from '../../../services/executive/call-ins.js';
import { formChoices } from './cycle.js';
import { decisionContentFields, decisionContentOf, exemptParagraphItems } from '../decision-fields.js';

const TAKER_LABELS = { body: 'A body (Cabinet or a committee)', 'cabinet-member': 'A Cabinet Member', officer: 'An officer under delegated authority' } as const;

const schema = z.object({
  takerKind: choice(DECISION_TAKER_KINDS, 'Select who took the decision'),
  takerName: requiredText('Enter the decision taker, for example Cabinet or Mr J Smith, Cabinet Member for Finance', 300),
  ...decisionContentFields,
});

const decisions: FastifyPluginAsync<WorkspaceOptions> = async (app, options) => {
  const { store } = options;
  const takerItems = (v: unknown) => DECISION_TAKER_KINDS.map((k) => ({ value: k, text: TAKER_LABELS[k], checked: v === k }));

  app.get('/workspace/decisions', async (_request, reply) =>
    reply.render('pages/workspace/decisions.njk', { pageTitle: 'Records of Decision', decisions: withStanding(await listDecisions(store.db, { limit: 100 }), todayOf(options)), columnClass: 'govuk-grid-column-full' }));

  app.get('/workspace/decisions/new', async (_request, reply) =>
    reply.render('pages/workspace/decision-form.njk', {
      pageTitle: 'Record a decision', values: { reconsidersDecisionId: (_request.query as Record<string, string>).reconsiders ?? '' }, takenOn: dateParts(todayOf(options)), takerItems: takerItems(null), paragraphItems: exemptParagraphItems({}),
      ...(await formChoices(store.db, todayOf(options), (_request.query as Record<string, string>))), chairNotifiedOn: dateParts(null), exceptionPublishedOn: dateParts(null), agreedOn: dateParts(null),
    }));

  app.post('/workspace/decisions/new', (request, reply) => postForm(request, reply, {
    schema: (form) => parseForm(schema, { ...form, takenOn: dateOf(form, 'takenOn') }),
    fallbackField: 'subject',
    dateFields: ['takenOn', 'chairNotifiedOn', 'exceptionPublishedOn', 'agreedOn'],
    save: async (d, form) => {
      const num = (name: string) => (/^\d+$/.test(str(form, name)) ? Number(str(form, name)) : null);
      const exceptionKind = str(form, 'exceptionKind');
      const created = await takeDecision(store.db, actor(request), {
        ...decisionContentOf(d, form), takerKind: d.takerKind, takerName: d.takerName,
        meetingId: num('meetingId'), agendaItemId: num('agendaItemId'), takerPersonId: num('takerPersonId'),
        exception: exceptionKind === 'general-exception'
          ? { kind: 'general-exception', chairNotifiedOn: dateOf(form, 'chairNotifiedOn') || null, publishedOn: dateOf(form, 'exceptionPublishedOn') || null, reason: str(form, 'exceptionReason') }
          : exceptionKind === 'special-urgency'
            ? { kind: 'special-urgency', agreedOn: dateOf(form, 'agreedOn') || null, agreedBy: str(form, 'agreedBy'), reason: str(form, 'exceptionReason') }
            : null,
      });
      return `/workspace/decisions/${created.id}?created=1`;
    },
    rerender: async (form, errors) => reply.render('pages/workspace/decision-form.njk', {
      pageTitle: 'Error: Record a decision', values: form, takerItems: takerItems(str(form, 'takerKind')), paragraphItems: exemptParagraphItems(form), ...(await formChoices(store.db, todayOf(options), form)),
      takenOn: { day: str(form, 'takenOn-day'), month: str(form, 'takenOn-month'), year: str(form, 'takenOn-year') }, ...errors,
      ...Object.fromEntries(['chairNotifiedOn', 'exceptionPublishedOn', 'agreedOn'].map((n) => [n, { day: str(form, `${n}-day`), month: str(form, `${n}-month`), year: str(form, `${n}-year`) }])),
    }),
  }));

  const show = async (viewer: Viewer, id: number | null, extra: Record<string, unknown>) => {
    const decision = id ? await getDecision(store.db, id) : undefined;
    if (!decision) return null;
    const exemptPart = await decisionExemptPartFor(store.db, viewer, decision);
    const today = todayOf(options);
    const timeline = await decisionTimeline(store.db, { kind: 'user', userId: 0, role: 'clerk', personId: null, bodyIds: [], grantedMeetingIds: [] }, decision.slug, today);
    const callIns = await callInsWithSignatories(store.db, { decisionId: decision.id });
    return { pageTitle: `Record of Decision ${decision.number}`, decision, exemptPart, timeline, callIns, today: dateParts(today), publishedOn: dateParts(today), takerLabels: TAKER_LABELS, ...extra };
  };

  app.get('/workspace/decisions/:id', async (request, reply) => {
    const q = request.query as Record<string, string>;
    const ctx = await show(request.viewer, paramId(request), { notice: q.created ? 'Decision recorded' : q.published ? 'Decision published' : null });
    if (!ctx) return reply.callNotFound();
    return reply.render('pages/workspace/decision.njk', ctx);
  });

  app.post('/workspace/decisions/:id/publish', async (request, reply) => {
    const id = paramId(request);
    if (!id) return reply.callNotFound();
    return postForm(request, reply, {
      schema: (form) => parseForm(z.object({ publishedOn: isoDate('publication date') }), { publishedOn: dateOf(form, 'publishedOn') }),
      fallbackField: 'publishedOn',
      dateFields: ['publishedOn'],
      save: async (data) => {
        await publishDecisionRecord(store.db, actor(request), id, data.publishedOn);
        return `/workspace/decisions/${id}?published=1`;
      },
      rerender: async (form, errors) => {
        const ctx = await show(request.viewer, id, { ...errors, publishedOn: { day: str(form, 'publishedOn-day'), month: str(form, 'publishedOn-month'), year: str(form, 'publishedOn-year') } });
        if (!ctx) return reply.callNotFound();
        return reply.render('pages/workspace/decision.njk', { ...ctx, pageTitle: `Error: ${ctx.pageTitle}` });
      },
    });
  });
};

export default decisions;
