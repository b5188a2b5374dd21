import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import {
  authenticate, consumePasswordReset, createApiToken, createPasswordReset, createSession, createUser, getUser, grantExemptAccess, hashPassword,
  hashSecret, loadApiToken, loadSession, LOCKOUT_AFTER, passwordProblem, revokeApiToken, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, setUserDisabled,
  verifyPassword, viewerFor,
} from '../../src/store/accounts.js';
import { addMembership, createBody } from '../../src/store/bodies.js';
import { createMeeting } from '../../src/store/meetings.js';
import { createPerson } from '../../src/store/people.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const actor = SYSTEM_ACTOR;
const PW = 'a long enough passphrase';
const minutes = (n: number) => n * 60 * 1000;

describe('password hashing and rules', () => {
  it('hashes with scrypt and a random salt, storing the parameters, and verifies', async () => {
    const a = await hashPassword(PW);
    const b = await hashPassword(PW);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(PW, a)).toBe(true);
    expect(await verifyPassword(PW + 'x', a)).toBe(false);
    expect(await verifyPassword(PW, null)).toBe(false);
    expect(await verifyPassword(PW, 'garbage')).toBe(false);
  });

  it('keeps verifying hashes made with other stored parameters', async () => {
    // A hash made with a lower cost (as an older release might have) still verifies: the parameters travel with it.
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const key = scryptSync(PW, salt, 32, { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword(PW, `scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`)).toBe(true);
  });

  it('applies the length rules and refuses the email and common passwords', () => {
    expect(passwordProblem('short')).toMatch(/12 characters or more/);
    expect(passwordProblem('x'.repeat(11) + 'y')).toBeNull();
    expect(passwordProblem('ab'.repeat(129))).toMatch(/256 characters or fewer/);
    expect(passwordProblem('jane.smith@example.org', 'Jane.Smith@example.org')).toMatch(/email/);
    expect(passwordProblem('password1234')).toMatch(/too common/);
    expect(passwordProblem('aaaaaaaaaaaaaaa')).toMatch(/too common/);
    expect(passwordProblem(PW, 'jane@example.org')).toBeNull();
  });
});

describe.each(STORE_KINDS)('accounts on %s', (kind) => {
  const get = useTestStore(kind);

  it('creates users with normalised email and refuses bad input with the field named', async (ctx) => {
    const { db } = get(ctx).store;
    const id = await createUser(db, actor, { email: ' Clerk@Example.ORG ', displayName: 'Clerk', role: 'clerk', password: PW });
    expect((await getUser(db, id))?.email).toBe('clerk@example.org');
    await expect(createUser(db, actor, { email: 'clerk@example.org', displayName: 'Again', role: 'clerk' })).rejects.toMatchObject({ field: 'email' });
    await expect(createUser(db, actor, { email: 'not-an-email', displayName: 'X', role: 'clerk' })).rejects.toMatchObject({ field: 'email' });
    await expect(createUser(db, actor, { email: 'x@example.org', displayName: 'X', role: 'wizard' })).rejects.toMatchObject({ field: 'role' });
    await expect(createUser(db, actor, { email: 'y@example.org', displayName: 'Y', role: 'clerk', password: 'short' })).rejects.toMatchObject({ field: 'password' });
    // No hash ever leaves the store through getUser.
    expect(await getUser(db, id)).not.toHaveProperty('password_hash');
  });

  it(`locks an account for 15 minutes after ${LOCKOUT_AFTER} failed sign-ins, even against the right password`, async (ctx) => {
    const { db } = get(ctx).store;
    await createUser(db, actor, { email: 'lock@example.org', displayName: 'L', role: 'clerk', password: PW });
    const t0 = new Date('2024-06-01T10:00:00Z');
    for (let i = 1; i < LOCKOUT_AFTER; i++) expect(await authenticate(db, 'lock@example.org', 'wrong password!', t0)).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate(db, 'lock@example.org', 'wrong password!', t0)).toEqual({ ok: false, reason: 'locked' });
    expect(await authenticate(db, 'lock@example.org', PW, new Date(t0.getTime() + minutes(14)))).toEqual({ ok: false, reason: 'locked' });
    const later = await authenticate(db, 'LOCK@example.org', PW, new Date(t0.getTime() + minutes(15) + 1));
    expect(later.ok).toBe(true);
    // A success clears the count: four more failures do not lock.
    for (let i = 1; i < LOCKOUT_AFTER; i++) await authenticate(db, 'lock@example.org', 'wrong password!', new Date(t0.getTime() + minutes(16)));
    expect((await authenticate(db, 'lock@example.org', PW, new Date(t0.getTime() + minutes(16)))).ok).toBe(true);
    expect(await authenticate(db, 'nobody@example.org', PW, t0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses disabled accounts and ends their sessions and tokens', async (ctx) => {
    const { db } = get(ctx).store;
    const id = await createUser(db, actor, { email: 'gone@example.org', displayName: 'G', role: 'clerk', password: PW });
    const s = await createSession(db, id);
    const t = await createApiToken(db, actor, id, 'export');
    await setUserDisabled(db, actor, id, true);
    expect(await authenticate(db, 'gone@example.org', PW)).toEqual({ ok: false, reason: 'disabled' });
    expect(await loadSession(db, s.token)).toBeNull();
    expect(await loadApiToken(db, t.token)).toBeNull();
  });

  it('stores only the hash of a session token, rotates, and expires sessions when idle or too old', async (ctx) => {
    const { db } = get(ctx).store;
    const id = await createUser(db, actor, { email: 'sess@example.org', displayName: 'S', role: 'councillor', password: PW });
    const t0 = new Date('2024-06-01T09:00:00Z');
    const s1 = await createSession(db, id, { now: t0 });
    const row = await db.selectFrom('user_session').selectAll().where('user_id', '=', id).executeTakeFirstOrThrow();
    expect(row.id).toBe(hashSecret(s1.token));
    expect(row.id).not.toContain(s1.token);
    expect(s1.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    const s2 = await createSession(db, id, { now: t0, replacing: s1.id });
    expect(await loadSession(db, s1.token, t0)).toBeNull();
    expect((await loadSession(db, s2.token, t0))?.user.id).toBe(id);
    // Kept alive by use every 20 minutes until the absolute limit, then gone.
    let t = t0.getTime();
    while (t + minutes(20) < t0.getTime() + SESSION_ABSOLUTE_MS) {
      t += minutes(20);
      expect(await loadSession(db, s2.token, new Date(t))).not.toBeNull();
    }
    expect(await loadSession(db, s2.token, new Date(t0.getTime() + SESSION_ABSOLUTE_MS))).toBeNull();
    // Idle for 30 minutes: gone, and deleted.
    const s3 = await createSession(db, id, { now: t0 });
    expect(await loadSession(db, s3.token, new Date(t0.getTime() + SESSION_IDLE_MS - 1000))).not.toBeNull();
    expect(await loadSession(db, s3.token, new Date(t0.getTime() + SESSION_IDLE_MS * 2))).toBeNull();
    expect(await db.selectFrom('user_session').select('id').where('id', '=', s3.id).executeTakeFirst()).toBeUndefined();
  });

  it('builds the viewer from memberships in force and exempt grants', async (ctx) => {
    const { db } = get(ctx).store;
    const person = await createPerson(db, actor, { surname: 'Viewer', forenames: 'Vera', kind: 'councillor' });
    const cabinet = await createBody(db, actor, { name: 'Viewer Cabinet', kind: 'cabinet' });
    const planning = await createBody(db, actor, { name: 'Viewer Planning', kind: 'regulatory-committee' });
    const old = await createBody(db, actor, { name: 'Viewer Old Panel', kind: 'regulatory-committee' });
    await addMembership(db, actor, { bodyId: cabinet, personId: person, role: 'member', startsOn: '2023-05-01' });
    await addMembership(db, actor, { bodyId: planning, personId: person, role: 'member', startsOn: '2024-05-01', endsOn: '2025-05-01' });
    await addMembership(db, actor, { bodyId: old, personId: person, role: 'member', startsOn: '2020-05-01', endsOn: '2022-05-01' });
    const meeting = await createMeeting(db, actor, { bodyId: old, date: '2024-07-01' });
    await grantExemptAccess(db, actor, person, meeting.id, 'called as a witness');
    const uid = await createUser(db, actor, { email: 'vera@example.org', displayName: 'Vera', role: 'councillor', personId: person, password: PW });
    const v = await viewerFor(db, { id: uid, role: 'councillor', person_id: person }, '2024-06-01');
    expect(v).toMatchObject({ kind: 'user', userId: uid, role: 'councillor', personId: person, grantedMeetingIds: [meeting.id] });
    expect(v.kind === 'user' && [...v.bodyIds].sort()).toEqual([cabinet, planning].sort());
    const before = await viewerFor(db, { id: uid, role: 'councillor', person_id: person }, '2024-04-30');
    expect(before.kind === 'user' && before.bodyIds).toEqual([cabinet]);
    expect(await viewerFor(db, { id: uid, role: 'clerk', person_id: null }, '2024-06-01')).toMatchObject({ bodyIds: [], grantedMeetingIds: [] });
  });

  it('authenticates API tokens by hash and stops when revoked', async (ctx) => {
    const { db } = get(ctx).store;
    const id = await createUser(db, actor, { email: 'api@example.org', displayName: 'A', role: 'clerk', password: PW });
    const t = await createApiToken(db, actor, id, 'Open data');
    expect(t.token).toMatch(/^moot_[A-Za-z0-9_-]{43}$/);
    const stored = await db.selectFrom('api_token').select('token_hash').where('id', '=', t.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashSecret(t.token));
    expect((await loadApiToken(db, t.token))?.id).toBe(id);
    expect(await loadApiToken(db, t.token + 'x')).toBeNull();
    const other = await createUser(db, actor, { email: 'api2@example.org', displayName: 'B', role: 'clerk', password: PW });
    expect(await revokeApiToken(db, actor, other, t.id)).toBe(false); // not theirs
    expect(await revokeApiToken(db, actor, id, t.id)).toBe(true);
    expect(await loadApiToken(db, t.token)).toBeNull();
  });

  it('resets a password once with an unexpired token, ending every session', async (ctx) => {
    const { db } = get(ctx).store;
    const id = await createUser(db, actor, { email: 'reset@example.org', displayName: 'R', role: 'clerk', password: PW });
    const session = await createSession(db, id);
    expect(await createPasswordReset(db, 'nobody@example.org')).toBeNull();
    const t0 = new Date();
    const r = await createPasswordReset(db, 'Reset@example.org', t0);
    expect(r).not.toBeNull();
    expect(await db.selectFrom('password_reset').select('token_hash').where('user_id', '=', id).executeTakeFirstOrThrow()).toEqual({ token_hash: hashSecret(r!.token) });
    await expect(consumePasswordReset(db, r!.token, 'short', t0)).rejects.toMatchObject({ field: 'password' });
    await consumePasswordReset(db, r!.token, 'a brand new passphrase', t0);
    expect((await authenticate(db, 'reset@example.org', 'a brand new passphrase')).ok).toBe(true);
    expect(await loadSession(db, session.token)).toBeNull();
    await expect(consumePasswordReset(db, r!.token, 'another new passphrase', t0)).rejects.toMatchObject({ field: 'token' });
    const late = await createPasswordReset(db, 'reset@example.org', t0);
    await expect(consumePasswordReset(db, late!.token, 'another new passphrase', new Date(t0.getTime() + minutes(61)))).rejects.toMatchObject({ field: 'token' });
  });
});
