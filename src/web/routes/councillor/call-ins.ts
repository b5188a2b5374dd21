// A councillor's call-in: decisions open for call-in today, a request with reasons, or a signature added to a
// request another councillor started. The constitution's rule (scrutiny chair, or N members) and the window are
// checked by the service; a refusal says why, on the field it is about.
import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../../../services/unit.js';
import { actorOf } from '../../../services/accounts.js';
import { openForCallIn, requestCallIn } from '../../../services/executive/call-ins.js';
import { createMailer } from '../../../services/accounts.js';
import { requireAction } from '../../../http/guards.js';
import { fieldErrorOf, type FieldError } from '../../forms.js';

const callIns: FastifyPluginAsync<{ store: Store; today?: () => string }> = async (app, { store, today }) => {
  const todayIso = today ?? (() => new Date().toISOString().slice(0, 10));
  const guard = requireAction('declare-interests');
  const mailer = createMailer();
  app.addHook('onClose', async () => mailer.close());

  const page = async (request: import('fastify').FastifyRequest, extra: Record<string, unknown> = {}) => ({
    pageTitle: 'Call in a decision', decisions: await openForCallIn(store.db, request.viewer, todayIso()), today: todayIso(),
    breadcrumbs: [{ text: 'Your councillor area', href: '/my' }], ...extra,
  });

  const notLinked = (reply: import('fastify').FastifyReply) => reply.code(403).render('pages/error.njk', {
    pageTitle: 'Your account is not linked to a councillor', heading: 'Your account is not linked to a councillor', message: 'Ask Democratic Services to link your account to your entry in the record.',
  });

  app.get('/my/call-ins', { preHandler: guard }, async (request, reply) => {
    if (request.viewer.kind !== 'user' || request.viewer.personId === null) return notLinked(reply);
    const q = request.query as Record<string, string>;
    return reply.render('pages/councillor/call-ins.njk', await page(request, { notice: q.done ?? null }));
  });

  app.post<{ Params: { id: string } }>('/my/call-ins/:id', { preHandler: guard }, async (request, reply) => {
    const v = request.viewer;
    const body = (request.body ?? {}) as Record<string, string>;
    const decisionId = Number(request.params.id);
    if (v.kind !== 'user' || v.personId === null) return notLinked(reply);
    try {
      const r = await requestCallIn(store.db, actorOf(request.account!), { decisionId, personId: v.personId, reasons: body.reasons ?? null, on: todayIso() });
      if (mailer.configured) for (const m of r.notifications) await mailer.send(m).catch((e: Error) => request.log.warn({ err: e }, 'call-in notification not sent'));
      else if (r.notifications.length) request.log.info(`call-in notifications not sent (email not configured): ${r.notifications.length}`);
      return reply.redirect(`/my/call-ins?done=${encodeURIComponent(r.status === 'valid' ? `${r.message}: implementation is stopped and it goes to the scrutiny committee` : `Your name is added. ${r.message}`)}`, 303);
    } catch (e) {
      const fe: FieldError | null = fieldErrorOf(e, 'reasons');
      if (!fe) throw e;
      const field = `d${decisionId}-${fe.field}`;
      reply.code(400);
      return reply.render('pages/councillor/call-ins.njk', await page(request, { errorList: [{ text: fe.text, href: `#d${decisionId}-reasons` }], fieldErrors: { [field]: { text: fe.text }, [`d${decisionId}-reasons`]: { text: fe.text } }, values: body }));
    }
  });
};

export default callIns;
