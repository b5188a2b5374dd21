// API tokens for integrations: create (the token is shown once and never again: only its hash is kept), list, revoke.
// A token that may write can be limited to some committees (the policy refuses its writes anywhere else).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { list } from '../workspace/form.js';
import { ValidationError } from '../../../errors.js';
import { requireAction } from '../../../http/guards.js';
import { field, postForm } from '../../forms.js';
import { actorOf, createApiToken, listApiTokens, revokeApiToken } from '../../../services/accounts.js';
import { listBodies } from '../../../services/bodies.js';
import { can } from '../../../domain/policy.js';
import { type Store } from '../../../services/unit.js';

const apiTokens: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  // The guard of every page here, stated once: a hook on this (encapsulated) plugin.
  app.addHook('preHandler', requireAction('use-api-tokens'));
  const page = 'pages/account/api-tokens.njk';
  // The tokens with the names of the committees each is limited to; and the committees to choose from (for those who may write).
  const data = async (request: FastifyRequest, chosen: string[] = []) => {
    const bodies = await listBodies(store.db);
    const name = new Map(bodies.map((b) => [b.id, b.name]));
    const tokens = (await listApiTokens(store.db, request.account!.id)).map((t) => ({
      ...t, bodyNames: t.body_ids ? (JSON.parse(t.body_ids) as number[]).map((id) => name.get(id) ?? `Body ${id}`) : null,
    }));
    const bodyItems = can(request.viewer, 'manage-record') ? bodies.map((b) => ({ value: String(b.id), text: b.name, checked: chosen.includes(String(b.id)) })) : [];
    return { tokens, bodyItems };
  };

  app.get('/account/api-tokens', async (request, reply) =>
    reply.render(page, { pageTitle: 'API tokens', ...(await data(request)) }));

  app.post('/account/api-tokens', async (request, reply) => {
    const account = request.account!;
    return postForm(request, reply, {
      fallbackField: 'name',
      save: async (form) => {
        const access = field(form, 'access') || 'read';
        if (access !== 'read' && access !== 'write') throw new ValidationError('Choose what the token may do', 'access');
        const expires = field(form, 'expires') || '90';
        if (!['30', '90', '365', 'never'].includes(expires)) throw new ValidationError('Choose when the token should stop working', 'expires');
        const expiresAt = expires === 'never' ? null : new Date(Date.now() + Number(expires) * 86_400_000).toISOString();
        const chosen = list(form, 'bodies');
        if (chosen.some((b) => !/^\d+$/.test(b))) throw new ValidationError('Choose committees from the list', 'bodies');
        // Committees limit only what a token may change: a read-only token ignores them.
        const bodyIds = access === 'write' ? chosen.map(Number) : [];
        const created = await createApiToken(store.db, actorOf(account), account.id, field(form, 'name'), { scopes: access === 'write' ? ['read', 'write'] : ['read'], expiresAt, bodyIds });
        // Rendered, not redirected: the token must not end up in a URL or the browser history.
        reply.header('cache-control', 'no-store');
        return reply.render(page, { pageTitle: 'API tokens', created, createdName: field(form, 'name').trim(), ...(await data(request)) });
      },
      rerender: async (form, errors) => reply.render(page, { pageTitle: 'Error: API tokens', ...(await data(request, list(form, 'bodies'))), ...errors }),
    });
  });

  app.post('/account/api-tokens/:id/revoke', async (request, reply) => {
    const id = Number((request.params as { id: string }).id);
    const account = request.account!;
    if (!Number.isInteger(id) || !(await revokeApiToken(store.db, actorOf(account), account.id, id))) {
      reply.code(404);
      return reply.render('pages/error-404.njk', { pageTitle: 'Page not found' });
    }
    return reply.redirect('/account/api-tokens', 303);
  });
};

export default apiTokens;
