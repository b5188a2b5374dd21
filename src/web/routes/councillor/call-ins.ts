// A councillor's call-in: decisions open for call-in today, a request with reasons, or a signature added to a
// request another councillor started. The constitution's rule (scrutiny chair, or N members) and the window are
// checked by the service; a refusal says why, on the field it is about.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Store } from '../../../services/unit.js';
import { actorOf } from '../../../services/accounts.js';
import { openForCallIn, requestCallIn } from '../../../services/executive/call-ins.js';
import { createMailer } from '../../../services/accounts.js';
import { errorPage, postForm } from '../../forms.js';

/** The refusal for an account with no councillor to act as. */
export const notLinked = (reply: FastifyReply) => errorPage(reply, 403, {
  pageTitle: 'Your account is not linked to a councillor', heading: 'Your account is not linked to a councillor', message: 'Ask Democratic Services to link your account to your entry in the record.',
});

/** Guarded by the folder's hook (index.ts registers this plugin inside its scope). */
const callIns: FastifyPluginAsync<{ store: Store; today?: () => string }> = async (app, { store, today }) => {
  const todayIso = today ?? (() => new Date().toISOString().slice(0, 10));
  const mailer = createMailer();
  app.addHook('onClose', async () => mailer.close());

  const page = async (request: import('fastify').FastifyRequest, extra: Record<string, unknown> = {}) => ({
    pageTitle: 'Call in a decision', decisions: await openForCallIn(store.db, request.viewer, todayIso()), today: todayIso(),
    breadcrumbs: [{ text: 'Your councillor area', href: '/my' }], ...extra,
  });

  app.get('/my/call-ins', async (request, reply) => {
    if (request.viewer.kind !== 'user' || request.viewer.personId === null) return notLinked(reply);
    const q = request.query as Record<string, string>;
    return reply.render('pages/councillor/call-ins.njk', await page(request, { notice: q.done ?? null }));
  });

  app.post<{ Params: { id: string } }>('/my/call-ins/:id', async (request, reply) => {
    const v = request.viewer;
    const decisionId = Number(request.params.id);
    if (v.kind !== 'user' || v.personId === null) return notLinked(reply);
    const personId = v.personId;
    return postForm(request, reply, {
      fallbackField: 'reasons',
      // Each decision has its own reasons box: the refusal is shown on this one's.
      refusal: (fe) => ({ field: `d${decisionId}-reasons`, text: fe.text }),
      save: async (form) => {
        const r = await requestCallIn(store.db, actorOf(request.account!), { decisionId, personId, reasons: (form.reasons as string | undefined) ?? null, on: todayIso() });
        if (mailer.configured) for (const m of r.notifications) await mailer.send(m).catch((e: Error) => request.log.warn({ err: e }, 'call-in notification not sent'));
        else if (r.notifications.length) request.log.info(`call-in notifications not sent (email not configured): ${r.notifications.length}`);
        return `/my/call-ins?done=${encodeURIComponent(r.status === 'valid' ? `${r.message}: implementation is stopped and it goes to the scrutiny committee` : `Your name is added. ${r.message}`)}`;
      },
      rerender: async (form, errors) => reply.render('pages/councillor/call-ins.njk', await page(request, { ...errors, values: form })),
    });
  });
};

export default callIns;
