// Accounts: users and their passwords, sessions, API tokens, password resets, exempt grants, and loading the
// Viewer the authorisation policy works on. Secrets (session tokens, API tokens, reset tokens) are stored only as
// SHA-256 hashes, so a copy of the database does not let anyone sign in.
import { hash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { sql } from 'kysely';
import { ROLES, type Role, type Viewer } from '../domain/policy.js';
import type { Actor } from '../domain/types.js';
import { ValidationError } from '../errors.js';
import { nowIso, recordAudit } from './audit.js';
import type { Queryable } from './db.js';
import type { Row } from './schema.js';
import { checkNames } from './input.js';

// ---------------------------------------------------------------------------------------------------------------
// Passwords

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
/** scrypt cost: N=2^15, r=8, p=1 (about 32 MB and ~50 ms per hash), stored with the hash so it can be raised later. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLen: 64 };

/** Passwords that meet the length rule but are among the first an attacker tries. */
const COMMON_PASSWORDS = new Set([
  'password1234', 'password12345', 'password123456', 'passwordpassword', '123456789012', '1234567890123',
  'qwertyuiop12', 'qwertyuiopasdf', 'iloveyou1234', 'letmein12345', 'welcome12345', 'welcome123456',
  'administrator', 'administrator1', 'changeme1234', 'changemenow1', 'football1234', 'monkey123456',
  'abc123456789', 'aaaaaaaaaaaa', '111111111111', '000000000000', 'trustno11234', 'sunshine1234',
  'councillor12', 'committee123', 'password1!23', 'p@ssw0rd1234', 'passw0rd1234', 'qwerty123456',
]);

function scrypt(password: string, salt: Buffer, keyLen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFKC'), salt, keyLen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** "scrypt$N$r$p$salt$hash" (salt and hash base64): everything needed to verify, and to tell an old cost apart. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p, keyLen } = SCRYPT;
  const key = await scrypt(password, salt, keyLen, { N, r, p, maxmem: 128 * N * r * 2 });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt' || password.length > PASSWORD_MAX) {
    // Spend the same time as a real check so a missing account or password cannot be told apart by timing.
    await hashPassword(password.slice(0, PASSWORD_MAX));
    return false;
  }
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const key = await scrypt(password, salt, expected.length, { N, r, p, maxmem: 128 * N * r * 2 });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Why a new password is not acceptable, in words for the person choosing it; null when it is fine. */
export function passwordProblem(password: string, email: string | null = null): string | null {
  if (!password) return 'Enter a password';
  if ([...password].length < PASSWORD_MIN) return `Password must be ${PASSWORD_MIN} characters or more`;
  if ([...password].length > PASSWORD_MAX) return `Password must be ${PASSWORD_MAX} characters or fewer`;
  const lower = password.toLowerCase();
  if (email && (lower === email.toLowerCase() || lower === email.toLowerCase().split('@')[0])) return 'Password must not be your email address';
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) return 'Password is too common: choose one that is harder to guess';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

/** A random secret for a cookie, URL or Authorization header: 32 bytes, base64url. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** What the database keeps of a secret. Node's one-shot hash: every signed-in request hashes its cookie (issue 17). */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

function addMs(d: Date, ms: number): string {
  return new Date(d.getTime() + ms).toISOString();
}

// ---------------------------------------------------------------------------------------------------------------
// Users

export type UserRow = Row<'user_account'>;
export type PublicUser = Omit<UserRow, 'password_hash'>;

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

export interface NewUser {
  email: string;
  displayName: string;
  role: string;
  personId?: number | null;
  /** Omit to create an account that cannot sign in until a password is set (reset link or `moot user add`). */
  password?: string | null;
}

const PUBLIC_COLUMNS = ['id', 'email', 'display_name', 'role', 'person_id', 'failed_logins', 'locked_until', 'disabled', 'created_at', 'password_changed_at'] as const;

export async function createUser(db: Queryable, actor: Actor, u: NewUser): Promise<number> {
  const email = normaliseEmail(u.email);
  if (!EMAIL.test(email)) throw new ValidationError(`"${u.email}" is not an email address`, 'email');
  const displayName = u.displayName.trim();
  if (!displayName) throw new ValidationError('Enter the name', 'name');
  checkNames(['name', 'The name', displayName]);
  if (!isRole(u.role)) throw new ValidationError(`role must be one of ${ROLES.join(', ')}, not "${u.role}"`, 'role');
  if (await findUserByEmail(db, email)) throw new ValidationError(`an account with the email ${email} already exists`, 'email');
  if (u.password != null) {
    const problem = passwordProblem(u.password, email);
    if (problem) throw new ValidationError(problem, 'password');
  }
  const now = nowIso();
  const row = await db
    .insertInto('user_account')
    .values({
      email,
      display_name: displayName,
      password_hash: u.password != null ? await hashPassword(u.password) : null,
      role: u.role,
      person_id: u.personId ?? null,
      failed_logins: 0,
      locked_until: null,
      disabled: 0,
      created_at: now,
      password_changed_at: u.password != null ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'create', entity: 'user_account', entityId: row.id, summary: `Added ${email} as ${u.role}`, after: { email, displayName, role: u.role, personId: u.personId ?? null } });
  return row.id;
}

export function getUser(db: Queryable, id: number): Promise<PublicUser | undefined> {
  return db.selectFrom('user_account').select(PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Queryable, email: string): Promise<PublicUser | undefined> {
  return db.selectFrom('user_account').select(PUBLIC_COLUMNS).where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export function listUsers(db: Queryable) {
  return db
    .selectFrom('user_account')
    .leftJoin('person', 'person.id', 'user_account.person_id')
    .select(['user_account.id', 'user_account.email', 'user_account.display_name', 'user_account.role', 'user_account.person_id',
      'user_account.disabled', 'user_account.locked_until', 'user_account.created_at', 'person.slug as person_slug'])
    .orderBy('user_account.display_name')
    .execute();
}

export async function setUserRole(db: Queryable, actor: Actor, userId: number, role: string): Promise<void> {
  if (!isRole(role)) throw new ValidationError(`role must be one of ${ROLES.join(', ')}, not "${role}"`, 'role');
  const before = await getUser(db, userId);
  if (!before) throw new ValidationError(`there is no user ${userId}`, 'user');
  if (before.role === role) return;
  await db.updateTable('user_account').set({ role }).where('id', '=', userId).execute();
  // A new role takes effect at once: sessions load the role on every request.
  await recordAudit(db, actor, { action: 'update', entity: 'user_account', entityId: userId, summary: `Changed the role of ${before.email} from ${before.role} to ${role}`, before: { role: before.role }, after: { role } });
}

/** Links an account to its person in the record (a councillor's, a report author's), or unlinks it (null). */
export async function setUserPerson(db: Queryable, actor: Actor, userId: number, personId: number | null): Promise<void> {
  const before = await db.selectFrom('user_account').select(['email', 'person_id']).where('id', '=', userId).executeTakeFirst();
  if (!before) throw new ValidationError(`there is no user ${userId}`, 'user');
  if (before.person_id === personId) return;
  await db.updateTable('user_account').set({ person_id: personId }).where('id', '=', userId).execute();
  await recordAudit(db, actor, { action: 'update', entity: 'user_account', entityId: userId, summary: `${personId === null ? 'Unlinked' : 'Linked'} ${before.email} ${personId === null ? 'from its person' : `to person ${personId}`}`, before: { person_id: before.person_id }, after: { person_id: personId } });
}

export async function setUserDisabled(db: Queryable, actor: Actor, userId: number, disabled: boolean): Promise<void> {
  const before = await getUser(db, userId);
  if (!before) throw new ValidationError(`there is no user ${userId}`, 'user');
  await db.updateTable('user_account').set({ disabled: disabled ? 1 : 0, failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
  if (disabled) {
    await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
    await db.updateTable('api_token').set({ revoked_at: nowIso() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  }
  await recordAudit(db, actor, { action: disabled ? 'disable' : 'enable', entity: 'user_account', entityId: userId, summary: `${disabled ? 'Disabled' : 'Enabled'} ${before.email}` });
}

/**
 * Sets a new password after checking the rules. Every session of the user ends except `keepSessionId` (the one
 * changing it), so a stolen session does not survive a password change.
 */
export async function setPassword(db: Queryable, actor: Actor, userId: number, password: string, keepSessionId: string | null = null): Promise<void> {
  const user = await getUser(db, userId);
  if (!user) throw new ValidationError(`there is no user ${userId}`, 'user');
  const problem = passwordProblem(password, user.email);
  if (problem) throw new ValidationError(problem, 'password');
  await db.updateTable('user_account').set({ password_hash: await hashPassword(password), password_changed_at: nowIso(), failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
  let del = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keepSessionId) del = del.where('id', '!=', keepSessionId);
  await del.execute();
  await recordAudit(db, actor, { action: 'change-password', entity: 'user_account', entityId: userId, summary: `Password changed for ${user.email}` });
}

export function actorOf(user: Pick<UserRow, 'id' | 'email'>): Actor {
  return { kind: 'user', id: user.id, name: user.email };
}

// ---------------------------------------------------------------------------------------------------------------
// Signing in

export const LOCKOUT_AFTER = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export type SignInResult = { ok: true; user: PublicUser } | { ok: false; reason: 'invalid' | 'locked' | 'disabled' };

/**
 * Checks an email and password. After LOCKOUT_AFTER failures in a row the account is locked for LOCKOUT_MS; while
 * locked, even the right password is refused. Callers show one message for every failure (no user enumeration).
 */
export async function authenticate(db: Queryable, email: string, password: string, now: Date = new Date()): Promise<SignInResult> {
  const row = await db.selectFrom('user_account').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
  if (!row) {
    await verifyPassword(password, null);
    return { ok: false, reason: 'invalid' };
  }
  if (row.locked_until && row.locked_until > now.toISOString()) {
    await verifyPassword(password, null);
    return { ok: false, reason: 'locked' };
  }
  const good = await verifyPassword(password, row.password_hash);
  if (row.disabled) return { ok: false, reason: 'disabled' };
  if (!good) {
    const failures = (row.locked_until ? 0 : row.failed_logins) + 1;
    const lock = failures >= LOCKOUT_AFTER;
    await db.updateTable('user_account')
      .set({ failed_logins: lock ? 0 : failures, locked_until: lock ? addMs(now, LOCKOUT_MS) : null })
      .where('id', '=', row.id).execute();
    if (lock) await recordAudit(db, actorOf(row), { action: 'lock', entity: 'user_account', entityId: row.id, summary: `Locked ${row.email} for 15 minutes after ${LOCKOUT_AFTER} failed sign-ins` });
    return { ok: false, reason: lock ? 'locked' : 'invalid' };
  }
  if (row.failed_logins || row.locked_until) await db.updateTable('user_account').set({ failed_logins: 0, locked_until: null }).where('id', '=', row.id).execute();
  const { password_hash: _hash, ...user } = row;
  return { ok: true, user: { ...user, failed_logins: 0, locked_until: null } };
}

// ---------------------------------------------------------------------------------------------------------------
// Sessions

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so a busy session is not a write per request. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface NewSession {
  /** The cookie value: only its hash is stored. */
  token: string;
  /** user_session.id: the hash of the token. */
  id: string;
  csrfToken: string;
}

/** Starts a session; `replacing` (the session id the browser had) is deleted, so sign-in always rotates the id. */
export async function createSession(db: Queryable, userId: number, options: { now?: Date; replacing?: string | null } = {}): Promise<NewSession> {
  const now = options.now ?? new Date();
  if (options.replacing) await db.deleteFrom('user_session').where('id', '=', options.replacing).execute();
  const token = newSecret();
  const id = hashSecret(token);
  const csrfToken = newSecret();
  await db.insertInto('user_session').values({
    id, user_id: userId, created_at: now.toISOString(), last_seen_at: now.toISOString(), expires_at: addMs(now, SESSION_ABSOLUTE_MS), csrf_token: csrfToken,
  }).execute();
  return { token, id, csrfToken };
}

export async function deleteSession(db: Queryable, sessionId: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', sessionId).execute();
}

export interface LoadedSession {
  id: string;
  csrfToken: string;
  user: Pick<UserRow, 'id' | 'email' | 'display_name' | 'role' | 'person_id'>;
}

/**
 * The session for a cookie token, or null when there is none, it has passed its idle or absolute timeout (then it
 * is deleted), or its user is disabled. One query, plus a write at most once a minute to keep it alive.
 */
export async function loadSession(db: Queryable, token: string, now: Date = new Date()): Promise<LoadedSession | null> {
  return checkSession(db, await sessionRow(db, hashSecret(token)), now);
}

/** The stored row of a session by its id (the token's hash), with its user; undefined when there is none. */
export function sessionRow(db: Queryable, id: string) {
  return db
    .selectFrom('user_session')
    .innerJoin('user_account', 'user_account.id', 'user_session.user_id')
    .select(['user_session.id', 'user_session.csrf_token', 'user_session.last_seen_at', 'user_session.expires_at',
      'user_account.id as user_id', 'user_account.email', 'user_account.display_name', 'user_account.role', 'user_account.person_id', 'user_account.disabled'])
    .where('user_session.id', '=', id)
    .executeTakeFirst();
}

/**
 * The session a stored row stands for at `now`, or null when it has passed its idle or absolute timeout (then it is
 * deleted) or its user is disabled; keeps it alive with a write at most once a minute. The row is not changed.
 */
export async function checkSession(db: Queryable, row: SessionRow | undefined, now: Date = new Date()): Promise<LoadedSession | null> {
  if (!row) return null;
  const due = sessionWriteDue(row, now.getTime());
  if (due === 'end') {
    await deleteSession(db, row.id);
    return null;
  }
  if (due === 'touch') await db.updateTable('user_session').set({ last_seen_at: now.toISOString() }).where('id', '=', row.id).execute();
  return loadedSession(row);
}

export type SessionRow = NonNullable<Awaited<ReturnType<typeof sessionRow>>>;

/**
 * The write a session's row needs at `nowMs`: 'end' when it has passed its idle or absolute timeout or its user is
 * disabled (or has no known role), 'touch' when last_seen_at is due to be written, null when none.
 */
export function sessionWriteDue(row: SessionRow, nowMs: number): 'end' | 'touch' | null {
  const { lastSeen, expires } = sessionTimes(row);
  if (row.disabled || nowMs >= expires || nowMs - lastSeen >= SESSION_IDLE_MS || !isRole(row.role)) return 'end';
  return nowMs - lastSeen >= TOUCH_EVERY_MS ? 'touch' : null;
}

/** A frozen row's times, parsed once (issue 17: the read cache's row serves every request of its session). */
const rowTimes = new WeakMap<SessionRow, { lastSeen: number; expires: number }>();

function sessionTimes(row: SessionRow): { lastSeen: number; expires: number } {
  let times = rowTimes.get(row);
  if (!times) {
    times = { lastSeen: Date.parse(row.last_seen_at), expires: Date.parse(row.expires_at) };
    if (Object.isFrozen(row)) rowTimes.set(row, times);
  }
  return times;
}

/** The session a row stands for (when sessionWriteDue says it is not ended). */
export function loadedSession(row: SessionRow): LoadedSession {
  return { id: row.id, csrfToken: row.csrf_token, user: { id: row.user_id, email: row.email, display_name: row.display_name, role: row.role, person_id: row.person_id } };
}

export function listSessions(db: Queryable, userId: number) {
  return db.selectFrom('user_session').select(['id', 'created_at', 'last_seen_at', 'expires_at']).where('user_id', '=', userId).execute();
}

// ---------------------------------------------------------------------------------------------------------------
// The Viewer

/**
 * The Viewer the policy decides on: the user's role, and for a person, the bodies they sit on today and the
 * meetings a clerk granted them. One query (memberships and grants together); none for a user with no person.
 */
export async function viewerFor(db: Queryable, user: { id: number; role: string; person_id: number | null }, today: string): Promise<Viewer> {
  if (!isRole(user.role)) throw new Error(`user ${user.id} has an unknown role "${user.role}"`);
  const bodyIds: number[] = [];
  const grantedMeetingIds: number[] = [];
  if (user.person_id !== null) {
    const rows = await db
      .selectFrom('membership')
      .select(['body_id as ref', sql.lit('body').as('kind')])
      .where('person_id', '=', user.person_id)
      .where('starts_on', '<=', today)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
      .unionAll((eb) => eb.selectFrom('exempt_grant').select(['meeting_id as ref', sql.lit('meeting').as('kind')]).where('person_id', '=', user.person_id))
      .execute();
    for (const r of rows) {
      const list = r.kind === 'body' ? bodyIds : grantedMeetingIds;
      if (!list.includes(Number(r.ref))) list.push(Number(r.ref));
    }
  }
  return { kind: 'user', userId: user.id, role: user.role, personId: user.person_id, bodyIds, grantedMeetingIds };
}

// ---------------------------------------------------------------------------------------------------------------
// API tokens

export const API_TOKEN_PREFIX = 'moot_';

/** What a token may do: read only, or read and write (writing still needs a role that may write). */
export const API_TOKEN_SCOPES = ['read', 'write'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export interface ApiTokenOptions {
  /** Default: read and write. */
  scopes?: readonly ApiTokenScope[];
  /** ISO instant after which the token stops working; null or absent: never. */
  expiresAt?: string | null;
  /** The only bodies whose record it may change (a token that may write); null or absent: no limit. */
  bodyIds?: readonly number[] | null;
}

export async function createApiToken(db: Queryable, actor: Actor, userId: number, name: string, options: ApiTokenOptions = {}): Promise<{ id: number; token: string }> {
  const label = name.trim();
  if (!label) throw new ValidationError('Enter a name for the token', 'name');
  if (label.length > 100) throw new ValidationError('Token name must be 100 characters or fewer', 'name');
  const scopes = options.scopes ?? ['read', 'write'];
  if (!scopes.length || scopes.some((s) => !(API_TOKEN_SCOPES as readonly string[]).includes(s))) throw new ValidationError('Choose what the token may do: read, or read and write', 'scopes');
  const expiresAt = options.expiresAt ?? null;
  if (expiresAt !== null && (Number.isNaN(Date.parse(expiresAt)) || Date.parse(expiresAt) <= Date.now())) throw new ValidationError('The expiry must be in the future', 'expiresAt');
  const scopeText = [...new Set(['read', ...scopes])].sort().join(' ');
  const bodyIds = options.bodyIds?.length ? [...new Set(options.bodyIds)].sort((x, y) => x - y) : null;
  if (bodyIds && !scopes.includes('write')) throw new ValidationError('A read-only token changes nothing: choose committees only for a token that may read and write', 'bodies');
  if (bodyIds) {
    const known = await db.selectFrom('body').select('id').where('id', 'in', bodyIds).execute();
    const missing = bodyIds.filter((id) => !known.some((k) => k.id === id));
    if (missing.length) throw new ValidationError(`There is no committee ${missing[0]}`, 'bodies');
  }
  const token = API_TOKEN_PREFIX + newSecret();
  const row = await db.insertInto('api_token').values({ user_id: userId, name: label, token_hash: hashSecret(token), created_at: nowIso(), last_used_at: null, revoked_at: null,
    scopes: scopeText, expires_at: expiresAt === null ? null : new Date(expiresAt).toISOString(), body_ids: bodyIds ? JSON.stringify(bodyIds) : null })
    .returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'create', entity: 'api_token', entityId: row.id,
    summary: `API token "${label}" created for user ${userId} (${scopeText}${bodyIds ? `, writing only to bodies ${bodyIds.join(', ')}` : ''}${expiresAt ? `, expires ${new Date(expiresAt).toISOString()}` : ''})` });
  return { id: row.id, token };
}

export function listApiTokens(db: Queryable, userId: number) {
  return db.selectFrom('api_token').select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at', 'scopes', 'expires_at', 'body_ids']).where('user_id', '=', userId).orderBy('id', 'desc').execute();
}

/** Revokes one of the user's own tokens; false when there is no such live token. */
export async function revokeApiToken(db: Queryable, actor: Actor, userId: number, tokenId: number): Promise<boolean> {
  const res = await db.updateTable('api_token').set({ revoked_at: nowIso() }).where('id', '=', tokenId).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  const done = Number(res.numUpdatedRows) > 0;
  if (done) await recordAudit(db, actor, { action: 'revoke', entity: 'api_token', entityId: tokenId, summary: `API token ${tokenId} revoked` });
  return done;
}

/** The user behind a bearer token (with the token's scopes and body limit), or null when it is unknown, revoked, expired or its user disabled. */
export async function loadApiToken(db: Queryable, token: string, now: Date = new Date()) {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom('api_token')
    .innerJoin('user_account', 'user_account.id', 'api_token.user_id')
    .select(['api_token.id as token_id', 'api_token.last_used_at', 'api_token.scopes', 'api_token.expires_at', 'api_token.body_ids', 'user_account.id', 'user_account.email', 'user_account.display_name', 'user_account.role', 'user_account.person_id', 'user_account.disabled'])
    .where('api_token.token_hash', '=', hashSecret(token))
    .where('api_token.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.disabled || !isRole(row.role)) return null;
  if (row.expires_at && Date.parse(row.expires_at) <= now.getTime()) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
    await db.updateTable('api_token').set({ last_used_at: now.toISOString() }).where('id', '=', row.token_id).execute();
  }
  return { id: row.id, email: row.email, display_name: row.display_name, role: row.role, person_id: row.person_id,
    scopes: row.scopes.split(/\s+/).filter(Boolean) as ApiTokenScope[], bodyIds: row.body_ids ? (JSON.parse(row.body_ids) as number[]) : null };
}

// ---------------------------------------------------------------------------------------------------------------
// Password resets

export const RESET_TTL_MS = 60 * 60 * 1000;

/** A single-use reset token for the account with this email, or null when there is no usable account. */
export async function createPasswordReset(db: Queryable, email: string, now: Date = new Date()): Promise<{ token: string; user: PublicUser } | null> {
  const user = await findUserByEmail(db, email);
  if (!user || user.disabled) return null;
  const token = newSecret();
  await db.insertInto('password_reset').values({ token_hash: hashSecret(token), user_id: user.id, created_at: now.toISOString(), expires_at: addMs(now, RESET_TTL_MS), used_at: null }).execute();
  return { token, user };
}

/** Whether a reset token can still be used (for showing the form); consumePasswordReset checks again. */
export async function peekPasswordReset(db: Queryable, token: string, now: Date = new Date()): Promise<boolean> {
  const row = await db.selectFrom('password_reset').select(['expires_at', 'used_at']).where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  return !!row && !row.used_at && row.expires_at > now.toISOString();
}

/**
 * Uses a reset token to set a new password. The token is marked used by a conditional update first, so of two
 * concurrent uses only one succeeds. All the user's sessions end, and all their API tokens are revoked. Throws ValidationError('…', 'password') for a
 * password that breaks the rules (the token stays usable), and ('…', 'token') for a bad, used or expired token.
 */
export async function consumePasswordReset(db: Queryable, token: string, password: string, now: Date = new Date()): Promise<PublicUser> {
  const hash = hashSecret(token);
  const row = await db.selectFrom('password_reset').innerJoin('user_account', 'user_account.id', 'password_reset.user_id')
    .select(['password_reset.user_id', 'password_reset.expires_at', 'password_reset.used_at', 'user_account.email', 'user_account.disabled'])
    .where('password_reset.token_hash', '=', hash).executeTakeFirst();
  if (!row || row.used_at || row.expires_at <= now.toISOString() || row.disabled) throw new ValidationError('This password reset link has expired or has already been used', 'token');
  const problem = passwordProblem(password, row.email);
  if (problem) throw new ValidationError(problem, 'password');
  const claimed = await db.updateTable('password_reset').set({ used_at: now.toISOString() }).where('token_hash', '=', hash).where('used_at', 'is', null).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw new ValidationError('This password reset link has expired or has already been used', 'token');
  // Other outstanding links for this account die with this one.
  await db.updateTable('password_reset').set({ used_at: now.toISOString() }).where('user_id', '=', row.user_id).where('used_at', 'is', null).execute();
  const actor: Actor = { kind: 'user', id: row.user_id, name: row.email };
  await setPassword(db, actor, row.user_id, password);
  // Whoever reset the password may be recovering the account from someone else: their API tokens end too (ASVS V3).
  const revoked = await db.updateTable('api_token').set({ revoked_at: now.toISOString() }).where('user_id', '=', row.user_id).where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(revoked.numUpdatedRows)) {
    await recordAudit(db, actor, { action: 'revoke', entity: 'api_token', entityId: null, summary: `${Number(revoked.numUpdatedRows)} API token(s) of user ${row.user_id} revoked by a password reset` });
  }
  const user = await getUser(db, row.user_id);
  return user!;
}

// ---------------------------------------------------------------------------------------------------------------
// Exempt grants: a clerk lets a councillor see one meeting's exempt papers beyond the bodies they sit on.

export async function grantExemptAccess(db: Queryable, actor: Actor, personId: number, meetingId: number, reason: string | null = null): Promise<number> {
  const existing = await db.selectFrom('exempt_grant').select('id').where('person_id', '=', personId).where('meeting_id', '=', meetingId).executeTakeFirst();
  if (existing) return existing.id;
  const row = await db.insertInto('exempt_grant').values({ person_id: personId, meeting_id: meetingId, granted_by: actor.name, granted_at: nowIso(), reason })
    .returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'grant', entity: 'exempt_grant', entityId: row.id, summary: `Exempt papers of meeting ${meetingId} granted to person ${personId}`, after: { personId, meetingId, reason } });
  return row.id;
}

export async function revokeExemptGrant(db: Queryable, actor: Actor, grantId: number): Promise<void> {
  const before = await db.selectFrom('exempt_grant').selectAll().where('id', '=', grantId).executeTakeFirst();
  if (!before) return;
  await db.deleteFrom('exempt_grant').where('id', '=', grantId).execute();
  await recordAudit(db, actor, { action: 'revoke', entity: 'exempt_grant', entityId: grantId, summary: `Exempt grant of meeting ${before.meeting_id} to person ${before.person_id} revoked`, before });
}

export function listExemptGrants(db: Queryable, filter: { meetingId?: number; personId?: number } = {}) {
  let q = db.selectFrom('exempt_grant').selectAll();
  if (filter.meetingId !== undefined) q = q.where('meeting_id', '=', filter.meetingId);
  if (filter.personId !== undefined) q = q.where('person_id', '=', filter.personId);
  return q.orderBy('id').execute();
}
