// Static assets: the GOV.UK Frontend stylesheet and script, Moot's own small stylesheet and icon, and the council's
// theme (its colours, logo, favicon and stylesheet). GOV.UK Frontend's own assets folder is not served: its
// images are the Crown's and its GDS Transport typeface is for central government only.
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { PLAIN_THEME, THEME_CONTENT_TYPES, themeColoursCss, type Theme } from '../theme.js';
import { GOVUK_FRONTEND_DIST, VIEWS_DIR } from './views.js';

export default fp<{ theme?: Theme }>(async (app, options) => {
  const theme = options.theme ?? PLAIN_THEME;
  const govuk = join(GOVUK_FRONTEND_DIST, 'govuk');
  const cache = { maxAge: '7d', immutable: false, etag: true, lastModified: true };
  await app.register(fastifyStatic, {
    root: govuk,
    prefix: '/govuk/',
    decorateReply: false,
    allowedPath: (path) => /^\/govuk-frontend\.min\.(css|js)(\.map)?$/.test(path),
    ...cache,
  });
  await app.register(fastifyStatic, { root: join(VIEWS_DIR, '..', 'assets'), prefix: '/static/', decorateReply: false, ...cache });

  const colours = themeColoursCss(theme.colours);
  app.get('/theme/colours.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(colours));
  // Only the files theme.json names are served, never anything else in the folder.
  const files = new Set([theme.logo?.file, theme.favicon, theme.stylesheet].filter((f): f is string => !!f));
  app.get<{ Params: { file: string } }>('/theme/:file', async (request, reply) => {
    const { file } = request.params;
    if (!theme.dir || !files.has(file)) return reply.callNotFound();
    const bytes = await readFile(join(theme.dir, file));
    return reply.type(THEME_CONTENT_TYPES[extname(file).toLowerCase()]).header('cache-control', 'public, max-age=3600').send(bytes);
  });
}, { name: 'moot-assets' });
