// Accounts and API tokens through the API, for administrators ('manage-users'), by the services the admin pages
// call: list and add users (a one-time password, answered once), change a role, disable or enable an account
// (never one's own), and a user's API tokens: made with scopes (read; read and write), an expiry and, for a token
// that may write, the committees it may change (as on the token page; the policy's tokenMayWriteTo enforces it),
// listed without their secrets, revoked. Every change is audited by the store.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ROLES } from '../domain/policy.js';
import type { Actor } from '../domain/types.js';
import { ValidationError } from '../errors.js';
import { requireAction } from '../http/guards.js';
import { actorOf, addUserWithPassword, changeUserDisabled, changeUserRole, createApiToken, getUser, listApiTokens, listUsers, revokeApiToken } from '../services/accounts.js';
import { notFound } from './http.js';
import type { ApiRouteOptions } from './read.js';
import { readResponses, writeResponses } from './schemas.js';
import { idParams, requiredText, zodRoute } from './zod.js';

const bearer: { [name: string]: string[] }[] = [{ bearerAuth: [] }];
const actor = (request: FastifyRequest): Actor => actorOf(request.account!);
const TAG = 'accounts';

const newUser = z.strictObject({
  email: z.email().max(320),
  displayName: requiredText(200),
  role: z.enum(ROLES),
  person: z.string().regex(/^[a-z0-9-]+$/).max(200).nullish().describe('The person the account belongs to (their web address name), for councillors and report authors'),
});
const userChanges = z.strictObject({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional().describe('Disabling signs the user out and revokes their API tokens') });
const newToken = z.strictObject({
  name: requiredText(100).describe('What the token is for'),
  scopes: z.array(z.enum(['read', 'write'])).min(1).max(2).default(['read']).describe('read; or read and write'),
  expiresAt: z.iso.datetime({ offset: true }).nullish().describe('When it stops working (an ISO instant in the future); null: never'),
  bodyIds: z.array(z.number().int().positive().max(2 ** 31 - 1)).min(1).max(200).nullish()
    .describe('The only committees (ids, as /api/v1/bodies lists them) whose record the token may change; only for a token that may write. Absent or null: no limit'),
});
const tokenParams = z.strictObject({ id: idParams.shape.id, tokenId: idParams.shape.id });

type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
const userView = (u: Pick<UserRow, 'id' | 'email' | 'display_name' | 'role' | 'disabled' | 'created_at'> & { person_slug?: string | null }) => ({
  id: u.id, email: u.email, displayName: u.display_name, role: u.role, person: u.person_slug ?? null, disabled: u.disabled === 1, createdAt: u.created_at, url: `/api/v1/users/${u.id}`,
});

type TokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
const tokenView = (t: TokenRow) => ({
  id: t.id, name: t.name, scopes: t.scopes.split(' '), bodyIds: t.body_ids ? (JSON.parse(t.body_ids) as number[]) : null,
  createdAt: t.created_at, lastUsedAt: t.last_used_at, expiresAt: t.expires_at, revokedAt: t.revoked_at,
});

const admin: FastifyPluginAsync<ApiRouteOptions> = async (app, { store }) => {
  const guard = requireAction('manage-users');
  const db = store.db;
  const userOf = async (id: number) => (await listUsers(db)).find((u) => u.id === id);

  app.get('/v1/users', {
    preValidation: guard, schema: { tags: [TAG], summary: 'Accounts (administrators only)', security: bearer, response: readResponses('The accounts') },
  }, async () => ({ items: (await listUsers(db)).map(userView) }));

  app.post<{ Body: z.output<typeof newUser> }>('/v1/users', {
    preValidation: guard, ...zodRoute({ body: newUser }, { tags: [TAG], summary: 'Add an account; the answer carries its one-time password, given once', security: bearer, response: writeResponses('The account and its one-time password') }),
  }, async (request, reply) => {
    const b = request.body;
    const { id, password } = await addUserWithPassword(store, actor(request), { email: b.email, displayName: b.displayName, role: b.role, person: b.person ?? null });
    reply.code(201).header('cache-control', 'no-store').header('location', `/api/v1/users/${id}`);
    return { ...userView((await userOf(id))!), password };
  });

  app.patch<{ Params: { id: number }; Body: z.output<typeof userChanges> }>('/v1/users/:id', {
    preValidation: guard, ...zodRoute({ params: idParams, body: userChanges }, { tags: [TAG], summary: 'Change an account\u2019s role, or disable or enable it (never one\u2019s own)', security: bearer, response: writeResponses('The account', 200) }),
  }, async (request, reply) => {
    const u = await getUser(db, request.params.id);
    if (!u) return notFound(reply, `The user ${request.params.id}`);
    if (request.body.role !== undefined) await changeUserRole(store, actor(request), u.id, request.body.role);
    if (request.body.disabled !== undefined) await changeUserDisabled(store, actor(request), u.id, request.body.disabled);
    return userView((await userOf(u.id))!);
  });

  app.get<{ Params: { id: number } }>('/v1/users/:id/tokens', {
    preValidation: guard, ...zodRoute({ params: idParams }, { tags: [TAG], summary: 'An account\u2019s API tokens (never their secrets)', security: bearer, response: readResponses('The tokens') }),
  }, async (request, reply) => {
    if (!(await getUser(db, request.params.id))) return notFound(reply, `The user ${request.params.id}`);
    const tokens = await listApiTokens(db, request.params.id);
    return { items: tokens.map(tokenView) };
  });

  app.post<{ Params: { id: number }; Body: z.output<typeof newToken> }>('/v1/users/:id/tokens', {
    preValidation: guard, ...zodRoute({ params: idParams, body: newToken }, { tags: [TAG], summary: 'Make an API token for an account, with its scopes, expiry and (for a token that may write) the committees it may change; the answer carries the token, given once', security: bearer, response: writeResponses('The token') }),
  }, async (request, reply) => {
    const u = await getUser(db, request.params.id);
    if (!u) return notFound(reply, `The user ${request.params.id}`);
    const b = request.body;
    const { id, token } = await createApiToken(db, actor(request), u.id, b.name, { scopes: b.scopes, expiresAt: b.expiresAt ?? null, bodyIds: b.bodyIds ?? null })
      .catch((e: unknown) => {
        // The store names the committee list as the token page does ('bodies'); here the field is bodyIds.
        throw e instanceof ValidationError && e.field === 'bodies' ? new ValidationError(e.message, 'bodyIds') : e;
      });
    reply.code(201).header('cache-control', 'no-store');
    return { ...tokenView((await listApiTokens(db, u.id)).find((t) => t.id === id)!), token };
  });

  app.delete<{ Params: { id: number; tokenId: number } }>('/v1/users/:id/tokens/:tokenId', {
    preValidation: guard, ...zodRoute({ params: tokenParams }, { tags: [TAG], summary: 'Revoke an API token: it stops working at once', security: bearer, response: writeResponses('Revoked', 200) }),
  }, async (request, reply) => {
    if (!(await revokeApiToken(db, actor(request), request.params.id, request.params.tokenId))) return notFound(reply, `A live token ${request.params.tokenId} of user ${request.params.id}`);
    return { id: request.params.tokenId, revoked: true };
  });
};

export default admin;
