// The account pages: sign in and out, forgotten and changed passwords, your account, API tokens. Sign-in and reset
// requests are rate-limited per IP address (in this plugin's scope only; the rest of the site is not limited here).
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import { rateLimitBackend } from '../../../services/rate-limits.js';
import apiTokens from './api-tokens.js';
import passwordReset from './password-reset.js';
import signIn from './sign-in.js';
import yourAccount from './your-account.js';
import { createMailer, type Mailer } from '../../../services/accounts.js';
import { type Store } from '../../../services/unit.js';

export interface AccountRoutesOptions {
  store: Store;
  /** Defaults to SMTP_URL / MAIL_FROM from the environment. */
  mailer?: Mailer;
  /** Sign-in and reset attempts allowed per IP address per minute (default 10). */
  attemptsPerMinute?: number;
  baseUrl?: string | null;
}

const account: FastifyPluginAsync<AccountRoutesOptions> = async (app, options) => {
  const { store } = options;
  const mailer = options.mailer ?? createMailer();
  if (!options.mailer) app.addHook('onClose', async () => mailer.close());
  await app.register(rateLimit, { global: false, ...rateLimitBackend(store) });
  const limit = { max: options.attemptsPerMinute ?? 10, timeWindow: 60_000 };
  await app.register(signIn, { store, rateLimit: limit });
  await app.register(passwordReset, { store, mailer, rateLimit: limit, baseUrl: options.baseUrl ?? 'http://localhost' });
  await app.register(yourAccount, { store });
  await app.register(apiTokens, { store });
};

export default account;
