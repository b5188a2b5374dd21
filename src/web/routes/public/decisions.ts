// The decisions register (filter by decision taker, key decisions, date, status and call-in) and a page per Record of Decision.
import type { FastifyPluginAsync } from 'fastify';
import { ValidationError } from '../../../errors.js';
import {
  DECISION_CALL_IN_FILTER_LABELS, DECISION_CALL_IN_FILTERS, DECISION_PHASE_LABELS, PUBLIC_DECISION_PHASES, type DecisionCallInFilter, type DecisionPhase,
} from '../../../domain/executive.js';
import { feedLinks } from './feeds.js';
import { dateFromParts, origin, pageParam, pagination, str, todayIso, withQuery } from './http.js';
import { decisionPageFor, readDecisionRegister } from '../../../services/decisions.js';
import { type Store } from '../../../services/unit.js';

const decisions: FastifyPluginAsync<{ store: Store; today?: () => string }> = async (app, { store, today }) => {
  app.get<{ Querystring: Record<string, string> }>('/decisions', async (request, reply) => {
    const q = request.query;
    const taker = str(q.taker);
    const key = q.key === 'yes' ? true : q.key === 'no' ? false : undefined;
    // "Status" is where a decision stands today, as its page says (a record published before today's call-in
    // deadline is open for call-in; after it, implementable); "published" from older links means both.
    const status = str(q.status);
    const phase = PUBLIC_DECISION_PHASES.find((p) => p === status);
    if (status && !phase && status !== 'published') throw new ValidationError(`status must be one of ${PUBLIC_DECISION_PHASES.join(', ')}`, 'status');
    const callIn = str(q.callIn) as DecisionCallInFilter | undefined;
    if (callIn && !DECISION_CALL_IN_FILTERS.includes(callIn)) throw new ValidationError(`callIn must be one of ${DECISION_CALL_IN_FILTERS.join(', ')}`, 'callIn');
    const from = dateFromParts(q, 'from', 'The "from" date');
    const to = dateFromParts(q, 'to', 'The "to" date');
    const page = pageParam(q.page);
    const reg = await readDecisionRegister(store.db, request.viewer, { taker, key, phase, status: phase ? undefined : status, callIn, today: todayIso(today), from, to, page });
    const pages = Math.max(1, Math.ceil(reg.total / reg.perPage));
    const filters = { taker, key: q.key === 'yes' || q.key === 'no' ? q.key : undefined, status, callIn, from, to };
    const dateParts = (iso: string | undefined, name: string) => {
      const [y, m, d] = iso ? iso.split('-') : ['', '', ''];
      void name;
      return [{ name: 'day', value: d, classes: 'govuk-input--width-2' }, { name: 'month', value: m, classes: 'govuk-input--width-2' },
        { name: 'year', value: y, classes: 'govuk-input--width-4' }];
    };
    return reply.render('pages/public/decisions.njk', {
      pageTitle: page > 1 ? `Decisions (page ${page})` : 'Decisions', canonicalUrl: `${origin(request)}${withQuery('/decisions', { ...filters, page: page > 1 ? page : undefined })}`,
      reg, pages, filters, alertsHref: `/alerts?decisions=${key === true ? 'key' : 'all'}${taker ? `&taker=${encodeURIComponent(taker)}` : ''}`, alertsLabel: 'about decisions',
      feeds: feedLinks('/decisions/feed', key === true ? 'Key decisions' : 'Decisions', new URLSearchParams({ ...(taker ? { taker } : {}), ...(filters.key ? { key: filters.key } : {}) }).toString()),
      takerItems: [{ value: '', text: 'Any decision taker' }, ...reg.takers.map((t) => ({ value: t, text: t, selected: t === taker }))],
      keyItems: [{ value: '', text: 'All decisions' }, { value: 'yes', text: 'Key decisions only', selected: key === true }, { value: 'no', text: 'Non-key decisions only', selected: key === false }],
      statusItems: [{ value: '', text: 'Any status' }, ...PUBLIC_DECISION_PHASES.map((p: DecisionPhase) => ({ value: p, text: DECISION_PHASE_LABELS[p], selected: p === phase }))],
      callInItems: [{ value: '', text: 'Any' }, ...DECISION_CALL_IN_FILTERS.map((v) => ({ value: v, text: DECISION_CALL_IN_FILTER_LABELS[v], selected: v === callIn }))],
      fromItems: dateParts(from, 'from'), toItems: dateParts(to, 'to'),
      pagination: pagination(page, pages, (p) => withQuery('/decisions', { ...filters, page: p })),
      breadcrumbs: [{ text: 'Home', href: '/' }],
    });
  });

  app.get<{ Params: { slug: string } }>('/decisions/:slug', async (request, reply) => {
    const read = await decisionPageFor(store, request.params.slug, request.viewer, todayIso(today), request.changeCounts);
    if (!read) return reply.callNotFound();
    const { page, timeline } = read;
    return reply.render('pages/public/decision.njk', {
      pageTitle: `Record of Decision ${page.decision.number}`, canonicalUrl: `${origin(request)}/decisions/${page.decision.slug}`, page, timeline,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Decisions', href: '/decisions' }],
    });
  });
};

export default decisions;
