// sitemap.xml, robots.txt and the accessibility statement. The sitemap lists only public URLs (the same for
// everyone) and is rebuilt when the data changes.
import type { FastifyPluginAsync } from 'fastify';
import { origin, publicCache } from './http.js';
import { dataVersion, publicUrls } from '../../../services/site.js';
import { type Store } from '../../../services/unit.js';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const site: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  let cached: { key: string; xml: string } | null = null;

  app.get('/sitemap.xml', async (request, reply) => {
    const base = origin(request);
    const key = `${await dataVersion(store)}|${base}`;
    if (cached?.key !== key) {
      const urls = await publicUrls(store.db);
      const body = urls.map((u) => `<url><loc>${xmlEscape(base + u.path)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`).join('\n');
      cached = { key, xml: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n` };
    }
    publicCache(reply, 3600);
    return reply.type('application/xml; charset=utf-8').send(cached.xml);
  });

  app.get('/robots.txt', async (request, reply) => {
    publicCache(reply, 86400);
    return reply.type('text/plain; charset=utf-8').send(`User-agent: *\nDisallow: /search\nAllow: /\n\nSitemap: ${origin(request)}/sitemap.xml\n`);
  });

  app.get('/accessibility', async (request, reply) => {
    return reply.render('pages/public/accessibility.njk', { pageTitle: 'Accessibility statement', canonicalUrl: `${origin(request)}/accessibility`,
      breadcrumbs: [{ text: 'Home', href: '/' }] });
  });
};

export default site;
