// The one error view: every page that says "there is a problem" (a refused action, an expired link or form, a
// paper not available, the error handler's 4xx and 503 answers) is pages/error.njk with a heading saying what
// happened and a message saying what to do, sent with its status. In src/http because the guards' refusal is one
// of them; pages import it from src/web/forms.ts.
import type { FastifyReply } from 'fastify';

export interface ErrorView {
  heading: string;
  message: string;
  /** The page's title; "There is a problem" when it is not given. */
  pageTitle?: string;
}

export function errorPage(reply: FastifyReply, status: number, view: ErrorView): FastifyReply {
  reply.code(status);
  return reply.render('pages/error.njk', { pageTitle: view.pageTitle ?? 'There is a problem', heading: view.heading, message: view.message });
}
