// API tokens for integrations: create (the token is shown once and never again: only its hash is kept), list, revoke.
import type { FastifyPluginAsync } from 'fastify';
import { ValidationError } from '../../../errors.js';
import { requireAction } from '../../../http/guards.js';
import { field, postForm } from '../../forms.js';
import { actorOf, createApiToken, listApiTokens, revokeApiToken } from '../../../services/accounts.js';
import { type Store } from '../../../services/unit.js';

const apiTokens: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  // The guard of every page here, stated once: a hook on this (encapsulated) plugin.
  app.addHook('preHandler', requireAction('use-api-tokens'));
  const page = 'pages/account/api-tokens.njk';

  app.get('/account/api-tokens', async (request, reply) =>
    reply.render(page, { pageTitle: 'API tokens', tokens: await listApiTokens(store.db, request.account!.id) }));

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
        const created = await createApiToken(store.db, actorOf(account), account.id, field(form, 'name'), { scopes: access === 'write' ? ['read', 'write'] : ['read'], expiresAt });
        // Rendered, not redirected: the token must not end up in a URL or the browser history.
        reply.header('cache-control', 'no-store');
        return reply.render(page, { pageTitle: 'API tokens', created, createdName: field(form, 'name').trim(), tokens: await listApiTokens(store.db, account.id) });
      },
      rerender: async (_form, errors) => reply.render(page, { pageTitle: 'Error: API tokens', tokens: await listApiTokens(store.db, account.id), ...errors }),
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
