// Static assets: the GOV.UK Frontend stylesheet, script, fonts and images, and Moot's own small stylesheet.
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { GOVUK_FRONTEND_DIST, VIEWS_DIR } from './views.js';

export default fp(async (app) => {
  const govuk = join(GOVUK_FRONTEND_DIST, 'govuk');
  const cache = { maxAge: '7d', immutable: false, etag: true, lastModified: true };
  await app.register(fastifyStatic, { root: join(govuk, 'assets'), prefix: '/assets/', decorateReply: false, ...cache });
  await app.register(fastifyStatic, {
    root: govuk,
    prefix: '/govuk/',
    decorateReply: false,
    allowedPath: (path) => /^\/govuk-frontend\.min\.(css|js)(\.map)?$/.test(path),
    ...cache,
  });
  await app.register(fastifyStatic, { root: join(VIEWS_DIR, '..', 'assets'), prefix: '/static/', decorateReply: false, ...cache });
}, { name: 'moot-assets' });
