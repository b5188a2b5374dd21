// Accounts: users, roles, sessions, API tokens, password resets (mailed through src/mail) and sign-in with its audit.
import * as accounts from '../store/accounts.js';
import { recordAudit } from '../store/audit.js';
import type { Store } from '../store/db.js';

export {
  actorOf, authenticate, consumePasswordReset, createApiToken, createPasswordReset, createSession, createUser, deleteSession, getUser, listApiTokens, listUsers,
  loadApiToken, loadSession, LOCKOUT_AFTER, newSecret, PASSWORD_MIN, peekPasswordReset, revokeApiToken, SESSION_ABSOLUTE_MS, setPassword, setUserDisabled,
  setUserRole, viewerFor, type LoadedSession, type PublicUser,
} from '../store/accounts.js';
export { listAudit, type AuditQuery } from '../store/audit.js';
export { createMailer, type Mailer } from '../mail/index.js';

export type SignedIn = { ok: true; user: accounts.PublicUser; session: accounts.NewSession } | { ok: false; reason: 'invalid' | 'locked' | 'disabled' };

/** Checks the password; on success a new session (replacing the browser's old one) and an audit entry naming the address. */
export async function signIn(store: Store, email: string, password: string, options: { replacing: string | null; ip: string }): Promise<SignedIn> {
  const result = await accounts.authenticate(store.db, email, password);
  if (!result.ok) return result;
  const session = await accounts.createSession(store.db, result.user.id, { replacing: options.replacing });
  await recordAudit(store.db, accounts.actorOf(result.user), { action: 'sign-in', entity: 'user_account', entityId: result.user.id, summary: `Signed in from ${options.ip}` });
  return { ok: true, user: result.user, session };
}

/** Ends the session, audited. */
export async function signOut(store: Store, session: { id: string; user: { id: number; email: string } }): Promise<void> {
  await accounts.deleteSession(store.db, session.id);
  await recordAudit(store.db, accounts.actorOf(session.user), { action: 'sign-out', entity: 'user_account', entityId: session.user.id });
}
