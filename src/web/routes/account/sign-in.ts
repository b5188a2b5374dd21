// Signing in and out. One message for every failure (wrong email, wrong password, locked, disabled) so the page
// never says whether an account exists; the route is rate-limited per IP address on top of the account lock-out.
import type { FastifyPluginAsync } from 'fastify';
import { LOCKOUT_AFTER, signIn as signInUser, signOut } from '../../../services/accounts.js';
import type { Store } from '../../../services/unit.js';
import { issuePreSessionCsrf } from '../../plugins/auth.js';
import { safeLocalPath } from '../../plugins/safe-redirect.js';
import { clearPreSessionCsrfCookie, clearSessionCookie, setSessionCookie } from '../../plugins/session-cookie.js';
import { field, postForm, type ErrorSummary, type FieldError, type Parsed } from '../../forms.js';
import { ValidationError } from '../../../errors.js';

export const SIGN_IN_FAILED = `Enter a correct email address and password. After ${LOCKOUT_AFTER} wrong attempts an account is locked for 15 minutes.`;

export interface SignInOptions {
  store: Store;
  rateLimit: { max: number; timeWindow: number };
}

const signIn: FastifyPluginAsync<SignInOptions> = async (app, { store, rateLimit }) => {
  const page = 'pages/account/sign-in.njk';
  const context = (next: string, values: Record<string, string>, errors?: ErrorSummary) => ({
    pageTitle: errors ? 'Error: Sign in' : 'Sign in', next, values, ...errors,
  });

  app.get('/account/sign-in', { preHandler: issuePreSessionCsrf }, async (request, reply) => {
    const next = safeLocalPath((request.query as Record<string, unknown>).next);
    return reply.render(page, context(next, {}));
  });

  app.post('/account/sign-in', { config: { rateLimit } }, async (request, reply) => {
    const next = safeLocalPath(field(request.body, 'next'));
    return postForm(request, reply, {
      schema: (form): Parsed<{ email: string; password: string }> => {
        const email = field(form, 'email').trim();
        const password = field(form, 'password');
        const errors: FieldError[] = [];
        if (!email) errors.push({ field: 'email', text: 'Enter your email address' });
        if (!password) errors.push({ field: 'password', text: 'Enter your password' });
        return errors.length ? { ok: false, errors } : { ok: true, data: { email, password } };
      },
      fallbackField: 'email',
      save: async ({ email, password }) => {
        // Rotation: whatever session id the browser had is dropped and a new one issued.
        const result = await signInUser(store, email, password, { replacing: request.session?.id ?? null, ip: request.ip });
        if (!result.ok) {
          request.log.info({ reason: result.reason, ip: request.ip }, 'sign-in refused');
          throw new ValidationError(SIGN_IN_FAILED, 'email');
        }
        setSessionCookie(request, reply, result.session.token);
        clearPreSessionCsrfCookie(request, reply);
        return next;
      },
      rerender: (form, errors) => reply.render(page, context(next, { email: field(form, 'email').trim() }, errors)),
    });
  });

  app.post('/account/sign-out', async (request, reply) => {
    if (request.session) {
      await signOut(store, request.session);
    }
    clearSessionCookie(request, reply);
    return reply.redirect('/account/signed-out', 303);
  });

  app.get('/account/signed-out', async (_request, reply) => reply.render('pages/account/signed-out.njk', { pageTitle: 'You have signed out' }));
};

export default signIn;
