// A Cabinet Member's own decisions: "Your decisions" (with those sent back to them after call-in outcome (c)), a form
// to record one (or, where the constitution publishes them, a proposed decision), taking a proposed decision and
// publishing the record. The same use-case and checks as Democratic Services' workspace form (takeDecision); the
// policy ('record-own-decision') limits the councillor to their own Cabinet Member decisions, so the record shows
// they entered it themselves.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../domain/policy.js';
import { formatDisplayDate } from '../../../domain/display.js';
import type { Store } from '../../../services/unit.js';
import { actorOf } from '../../../services/accounts.js';
import { ownDecisionFormChoices, ownDecisions, publishOwnDecision, recordOwnDecision, takeOwnProposedDecision } from '../../../services/executive/decisions.js';
import { errorPage, postForm, type ErrorSummary } from '../../forms.js';
import { checkbox, dateOf, dateParts, enteredDate, parseForm } from '../workspace/form.js';
import { decisionContentFields, decisionContentOf, exemptParagraphItems } from '../decision-fields.js';
import { notLinked } from './call-ins.js';

const schema = z.object({ ...decisionContentFields, proposed: checkbox });
const crumbs = [{ text: 'Your councillor area', href: '/my' }];

/** Guarded by the folder's hook (index.ts registers this plugin inside its scope); each route asks the policy too. */
const decisions: FastifyPluginAsync<{ store: Store; today?: () => string }> = async (app, { store, today }) => {
  const db = store.db;
  const todayIso = today ?? (() => new Date().toISOString().slice(0, 10));

  /** The councillor's person, or the refusal already sent. */
  function personOf(request: FastifyRequest, reply: FastifyReply): number | null {
    const v = request.viewer;
    if (v.kind !== 'user' || v.personId === null) {
      notLinked(reply);
      return null;
    }
    if (!can(v, 'record-own-decision')) {
      errorPage(reply, 403, { pageTitle: 'Not available', heading: 'Only a Cabinet Member records their own decisions', message: 'Democratic Services record decisions in the workspace.' });
      return null;
    }
    return v.personId;
  }

  const listPage = async (personId: number, extra: Record<string, unknown> = {}) => {
    const [own, choices] = await Promise.all([ownDecisions(db, personId, todayIso()), ownDecisionFormChoices(db, personId, todayIso())]);
    return { pageTitle: 'Your decisions', ...own, held: choices.held, today: todayIso(), breadcrumbs: crumbs, ...extra };
  };

  app.get('/my/decisions', async (request, reply) => {
    const personId = personOf(request, reply);
    if (personId === null) return reply;
    const q = request.query as Record<string, string>;
    const notice = q.recorded ? `Decision ${q.recorded} recorded` : q.published ? `Decision ${q.published} published: the call-in period is open` : q.taken ? `Decision ${q.taken} taken` : null;
    return reply.render('pages/councillor/decisions.njk', await listPage(personId, { notice }));
  });

  const formPage = async (personId: number, values: Record<string, unknown>, takenOn: { day: string; month: string; year: string }, errors?: ErrorSummary) => {
    const c = await ownDecisionFormChoices(db, personId, todayIso());
    const sel = (name: string) => String(values[name] ?? '');
    return {
      pageTitle: `${errors ? 'Error: ' : ''}Record your decision`, values, takenOn, held: c.held, proposedAllowed: c.proposedAllowed, paragraphItems: exemptParagraphItems(values),
      entryItems: [{ value: '', text: 'Not on the forward plan' }, ...c.entries.map((e) => ({ value: String(e.id), text: `${e.title} (expected ${e.expected_on ? formatDisplayDate(e.expected_on) : 'at a meeting'})`, selected: sel('forwardPlanEntryId') === String(e.id) }))],
      reconsiderItems: [{ value: '', text: 'No' }, ...c.awaiting.map((d) => ({ value: String(d.id), text: `${d.number}: ${d.subject}`, selected: sel('reconsidersDecisionId') === String(d.id) }))],
      breadcrumbs: [...crumbs, { text: 'Your decisions', href: '/my/decisions' }], ...errors,
    };
  };

  app.get('/my/decisions/new', async (request, reply) => {
    const personId = personOf(request, reply);
    if (personId === null) return reply;
    const q = request.query as Record<string, string>;
    return reply.render('pages/councillor/decision-form.njk', await formPage(personId, { reconsidersDecisionId: q.reconsiders ?? '' }, dateParts(todayIso())));
  });

  app.post('/my/decisions/new', async (request, reply) => {
    const personId = personOf(request, reply);
    if (personId === null) return reply;
    return postForm(request, reply, {
      schema: (form) => parseForm(schema, { ...form, takenOn: dateOf(form, 'takenOn') }),
      fallbackField: 'subject',
      dateFields: ['takenOn'],
      save: async (d, form) => {
        const created = await recordOwnDecision(db, request.viewer, actorOf(request.account!), { ...decisionContentOf(d, form), proposed: d.proposed });
        return `/my/decisions?recorded=${encodeURIComponent(created.number)}`;
      },
      rerender: async (form, errors) => reply.render('pages/councillor/decision-form.njk', await formPage(personId, form, enteredDate(form, 'takenOn'), errors)),
    });
  });

  // Taking a proposed decision, and publishing the record, happen on the day the button is pressed.
  for (const [path, act, done] of [
    ['take', (id: number, request: FastifyRequest) => takeOwnProposedDecision(db, request.viewer, actorOf(request.account!), id, todayIso()), 'taken'],
    ['publish', (id: number, request: FastifyRequest) => publishOwnDecision(db, request.viewer, actorOf(request.account!), id, todayIso()), 'published'],
  ] as const) {
    app.post<{ Params: { id: string } }>(`/my/decisions/:id/${path}`, async (request, reply) => {
      const personId = personOf(request, reply);
      if (personId === null) return reply;
      const id = Number(request.params.id);
      const own = (await ownDecisions(db, personId, todayIso())).decisions.find((d) => d.id === id);
      if (!own) return reply.callNotFound();
      return postForm(request, reply, {
        fallbackField: `d${id}`,
        // Whatever field the service names, the refusal is shown on this decision's row.
        refusal: (fe) => ({ field: `d${id}`, text: fe.text }),
        save: async () => {
          await act(id, request);
          return `/my/decisions?${done}=${encodeURIComponent(own.number)}`;
        },
        rerender: async (_form, errors) => reply.render('pages/councillor/decisions.njk', await listPage(personId, { ...errors, pageTitle: 'Error: Your decisions' })),
      });
    });
  }
};

export default decisions;
