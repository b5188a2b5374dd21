// Forgotten passwords: an emailed link with a single-use token that expires after an hour. The request page always
// gives the same answer, and the email is sent after the response, so neither words nor timing reveal accounts.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../errors.js';
import { issuePreSessionCsrf } from '../../plugins/auth.js';
import { errorPage, field, postForm, type Parsed } from '../../forms.js';
import { consumePasswordReset, createPasswordReset, type Mailer, PASSWORD_MIN, peekPasswordReset } from '../../../services/accounts.js';
import { type Store } from '../../../services/unit.js';

export interface PasswordResetOptions {
  store: Store;
  mailer: Mailer;
  rateLimit: { max: number; timeWindow: number };
  /** The site's own address for links in emails (MOOT_BASE_URL). Never the request's Host or X-Forwarded-Host. */
  baseUrl: string;
}

const passwordReset: FastifyPluginAsync<PasswordResetOptions> = async (app, { store, mailer, rateLimit, baseUrl }) => {
  // Links in emails come only from configuration: a forged Host or X-Forwarded-Host cannot poison them.
  const linkBase = (_request: FastifyRequest) => baseUrl.replace(/\/+$/, '');

  app.get('/account/forgot-password', { preHandler: issuePreSessionCsrf }, async (_request, reply) =>
    reply.render('pages/account/forgot-password.njk', { pageTitle: 'Reset your password', values: {} }));

  app.post('/account/forgot-password', { config: { rateLimit } }, async (request, reply) => {
    return postForm(request, reply, {
      schema: (form): Parsed<string> => {
        const email = field(form, 'email').trim();
        return email ? { ok: true, data: email } : { ok: false, errors: [{ field: 'email', text: 'Enter your email address' }] };
      },
      fallbackField: 'email',
      save: async (email) => sendReset(request, reply, email),
      rerender: (_form, errors) => reply.render('pages/account/forgot-password.njk', { pageTitle: 'Error: Reset your password', values: {}, ...errors }),
    });
  });

  /** Answers at once and sends the email (if the account exists) after the response. */
  const sendReset = (request: FastifyRequest, reply: FastifyReply, email: string) => {
    const base = linkBase(request);
    const log = request.log;
    // Not awaited: the answer must take the same time whether or not the account exists.
    void (async () => {
      const reset = await createPasswordReset(store.db, email);
      if (!reset) return;
      if (!mailer.configured) {
        log.warn('a password reset was asked for, but email is not configured (SMTP_URL)');
        return;
      }
      await mailer.send({
        to: reset.user.email,
        subject: 'Reset your password',
        text: [
          `Dear ${reset.user.display_name},`, '',
          'Someone (probably you) asked to reset the password of your account. To choose a new password, open this link within an hour:', '',
          `${base}/account/reset-password?token=${encodeURIComponent(reset.token)}`, '',
          'The link works once. If you did not ask for this, you can ignore this email: your password has not changed.',
        ].join('\n'),
      });
    })().catch((e: unknown) => log.error({ err: e }, 'could not send the password reset email'));
    return reply.render('pages/account/forgot-password-sent.njk', { pageTitle: 'Check your email' });
  };

  const expired = { pageTitle: 'This link has expired', heading: 'This link has expired', message: 'Password reset links work once and for an hour. Ask for a new one from the sign-in page.' };

  app.get('/account/reset-password', { preHandler: issuePreSessionCsrf }, async (request, reply) => {
    const token = String((request.query as Record<string, unknown>).token ?? '');
    if (!token || !(await peekPasswordReset(store.db, token))) return errorPage(reply, 400, expired);
    return reply.render('pages/account/reset-password.njk', { pageTitle: 'Choose a new password', token, minLength: PASSWORD_MIN });
  });

  app.post('/account/reset-password', { config: { rateLimit } }, async (request, reply) => {
    const token = field(request.body, 'token');
    return postForm(request, reply, {
      schema: (form): Parsed<string> => (field(form, 'password') === field(form, 'confirm') ? { ok: true, data: field(form, 'password') } : { ok: false, errors: [{ field: 'confirm', text: 'The passwords do not match' }] }),
      fallbackField: 'password',
      save: async (password) => {
        try {
          await consumePasswordReset(store.db, token, password);
        } catch (e) {
          // A used or expired link is not a field to put right.
          if (e instanceof ValidationError && e.field === 'token') return errorPage(reply, 400, expired);
          throw e;
        }
        return reply.render('pages/account/reset-password-done.njk', { pageTitle: 'Your password has been changed' });
      },
      rerender: (_form, errors) => reply.render('pages/account/reset-password.njk', { pageTitle: 'Error: Choose a new password', token, minLength: PASSWORD_MIN, ...errors }),
    });
  });
};

export default passwordReset;
