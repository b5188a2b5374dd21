// Accounts: users, roles, sessions, API tokens, password resets (mailed through src/mail) and sign-in with its audit.
import * as accounts from '../store/accounts.js';
import { recordAudit } from '../store/audit.js';
import type { Store } from '../store/db.js';
import type { Viewer } from '../domain/policy.js';
import type { Actor } from '../domain/types.js';
import { ValidationError } from '../errors.js';
import { getPerson } from '../store/people.js';
import { RECORD_TAG } from './change-scope.js';
import { changeCounts, changeCountsNow, type ChangeCounts, versionedReadAt, versionedReadNow } from './read-cache.js';
import { deepFreeze } from './frozen.js';

export {
  actorOf, authenticate, consumePasswordReset, createApiToken, createPasswordReset, createSession, createUser, deleteSession, getUser, listApiTokens, listUsers,
  loadApiToken, loadSession, LOCKOUT_AFTER, newSecret, PASSWORD_MIN, peekPasswordReset, revokeApiToken, SESSION_ABSOLUTE_MS, setPassword, setUserDisabled,
  setUserPerson, setUserRole, findUserByEmail, viewerFor, type LoadedSession, type PublicUser,
} from '../store/accounts.js';
export { listAudit, type AuditQuery } from '../store/audit.js';
export { createMailer, type Mailer } from '../mail/index.js';

/**
 * Who a session cookie signs in, and the Viewer the policy decides on, for one request. The session's row and the
 * user's memberships and grants are read once per data version (sign-out, a disabled account, a new role or
 * membership are all writes, which move the version on); the timeouts are checked against `now` on every call.
 */
export async function sessionViewer(store: Store, token: string, today: string, now: Date = new Date()): Promise<SessionViewer | null> {
  const id = accounts.hashSecret(token);
  const counts = await changeCounts(store);
  const row = await versionedReadAt(store, counts, sessionKey(id), () => accounts.sessionRow(store.db, id), { scope: 'access' });
  const session = await accounts.checkSession(store.db, row ?? undefined, now);
  if (!session) return null;
  const user = session.user;
  // A user's memberships and grants: a person added is nobody's account and has none yet (RECORD_TAG).
  const viewer = await versionedReadAt(store, counts, viewerKey(user, today), () => accounts.viewerFor(store.db, user, today), { tags: [RECORD_TAG] });
  return { session, viewer, counts };
}

export interface SessionViewer { session: accounts.LoadedSession; viewer: Viewer; counts: ChangeCounts }

const sessionKey = (id: string) => `session:${id}`;
const viewerKey = (user: accounts.LoadedSession['user'], today: string) => `viewer:${user.id}:${user.role}:${user.person_id}:${today}`;
/** The session of each kept row (deep-frozen, so shared by the requests that row serves). */
const sessionsOfRows = new WeakMap<accounts.SessionRow, accounts.LoadedSession>();

/**
 * sessionViewer's answer without a promise, where it needs no waiting (issue 17: every signed-in request asks): the
 * counters read at once (SQLite), the session's row and its viewer kept in the read cache at those counters, and no
 * write due (a session to end, or its last_seen_at to touch). The same checks as sessionViewer, on every call;
 * undefined when any of that is not so: then ask sessionViewer.
 */
export function sessionViewerNow(store: Store, token: string, today: string, nowMs: number = Date.now()): SessionViewer | undefined {
  const counts = changeCountsNow(store);
  if (!counts) return undefined;
  const row = versionedReadNow<accounts.SessionRow | undefined>(store, counts, sessionKey(accounts.hashSecret(token)), 'access')?.value;
  if (!row || accounts.sessionWriteDue(row, nowMs) !== null) return undefined;
  let session = sessionsOfRows.get(row);
  if (!session) sessionsOfRows.set(row, (session = deepFreeze(accounts.loadedSession(row))));
  const viewer = versionedReadNow<Viewer>(store, counts, viewerKey(session.user, today));
  return viewer && { session, viewer: viewer.value, counts };
}

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

/** An administrator adds an account with a one-time password (shown once, changed after signing in); the person it belongs to named by their web address name. */
export async function addUserWithPassword(store: Store, actor: Actor, u: { email: string; displayName: string; role: string; person: string | null }): Promise<{ id: number; password: string }> {
  let personId: number | null = null;
  if (u.person) {
    const person = await getPerson(store.db, u.person);
    if (!person) throw new ValidationError(`There is no person with the web address name "${u.person}"`, 'person');
    personId = person.id;
  }
  const password = accounts.newSecret(12);
  const id = await accounts.createUser(store.db, actor, { email: u.email, displayName: u.displayName, role: u.role, personId, password });
  return { id, password };
}

/** An administrator changes another account's role; never their own: there must always be one left to put things right. */
export async function changeUserRole(store: Store, actor: Actor, userId: number, role: string): Promise<void> {
  if (actor.id === userId) throw new ValidationError('You cannot change your own role: ask another administrator to do it', 'role');
  await accounts.setUserRole(store.db, actor, userId, role);
}

/** An administrator disables (signing it out and revoking its API tokens) or enables another account; never their own. */
export async function changeUserDisabled(store: Store, actor: Actor, userId: number, disabled: boolean): Promise<void> {
  if (actor.id === userId) throw new ValidationError(`You cannot ${disabled ? 'disable' : 'enable'} your own account: ask another administrator to do it`, 'disabled');
  await accounts.setUserDisabled(store.db, actor, userId, disabled);
}
