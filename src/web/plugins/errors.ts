// 404 and 500 pages in the service's design; JSON for API clients. Never a stack trace to the user.
import fp from 'fastify-plugin';
import { MootError, NotFoundError, ValidationError } from '../../errors.js';
import { isDatabaseUnavailable } from '../../services/health.js';
import { errorPage } from '../../http/error-page.js';

function wantsJson(url: string, accept: string | undefined): boolean {
  return url.startsWith('/api/') || (!!accept && accept.includes('application/json') && !accept.includes('text/html'));
}

export default fp(async (app) => {
  app.setNotFoundHandler((request, reply) => {
    reply.code(404);
    if (wantsJson(request.url, request.headers.accept)) return reply.send({ error: 'not-found', message: 'Page not found' });
    return reply.render('pages/error-404.njk', { pageTitle: 'Page not found' });
  });

  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
    let status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (error instanceof NotFoundError) status = 404;
    else if (error instanceof ValidationError) status = 400;
    else if (error instanceof MootError && status === 500) status = 400;
    if (status === 500 && isDatabaseUnavailable(error)) {
      // The database is down or restarting: a clean 503 the client may retry, and a warning rather than a fault.
      request.log.warn({ err: { code: (error as { code?: string }).code, message: error.message } }, 'database unavailable');
      reply.code(503).header('retry-after', '5');
      if (wantsJson(request.url, request.headers.accept)) return reply.send({ error: 'unavailable', message: 'The service is briefly unavailable; try again in a few seconds' });
      return errorPage(reply, 503, { pageTitle: 'Sorry, the service is unavailable', heading: 'Sorry, the service is unavailable', message: 'Try again in a few seconds.' });
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const message = status >= 500 ? 'Sorry, there is a problem with the service' : error.message;
    reply.code(status);
    if (wantsJson(request.url, request.headers.accept)) return reply.send({ error: status >= 500 ? 'server-error' : 'bad-request', message });
    if (status === 404) return reply.render('pages/error-404.njk', { pageTitle: 'Page not found' });
    if (status === 429) return errorPage(reply, 429, { pageTitle: 'Too many requests', heading: 'Too many requests', message: 'You have made too many requests. Wait a minute and try again.' });
    if (status >= 500) return reply.render('pages/error-500.njk', { pageTitle: 'Sorry, there is a problem with the service' });
    return errorPage(reply, status, { heading: 'There is a problem', message });
  });
}, { name: 'moot-errors', dependencies: ['moot-views'] });
