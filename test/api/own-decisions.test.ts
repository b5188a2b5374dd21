// A Cabinet Member's own API token records, takes and publishes their own Cabinet Member decision (issue 13's
// follow-up), on both databases: the same service functions and policy check as "Your decisions" — reasons required,
// the 28 clear days on the date, the record names them as taker with nothing "on their behalf". Another councillor,
// a councillor without a portfolio, a clerk (their decisions go through /api/v1/decisions), a token limited to
// committees and the public are refused; nobody acts on someone else's decision.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { registerPortal } from '../../src/server.js';
import { addForwardPlanEntry, publishForwardPlan } from '../../src/services/executive/forward-plan.js';
import { createApiToken, createUser } from '../../src/store/accounts.js';
import { addMembership } from '../../src/store/bodies.js';
import { buildApp } from '../../src/web/app.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';
import { cycleCouncil, DATES } from '../services/executive/fixture.js';

const PORTFOLIO = 'Environment, Highways and Waste';

describe.each(STORE_KINDS)('a Cabinet Member\u2019s own decisions through the API on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | null = null;
  afterAll(async () => app?.close());

  it('records, takes and publishes their own decision with their token; everyone else is refused', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const c = await cycleCouncil(db);
    await addMembership(db, SYSTEM_ACTOR, { bodyId: c.cabinet, personId: c.cabinetMember, role: 'member', startsOn: '2025-06-01', portfolio: PORTFOLIO });
    const entry = await addForwardPlanEntry(db, SYSTEM_ACTOR, { title: 'Highways term maintenance contract', takerKind: 'cabinet-member', takerName: `Cabinet Member for ${PORTFOLIO}`, takerPersonId: c.cabinetMember,
      expectedOn: DATES.cabinet, key: true, keyReason: 'Expenditure above £1m' }, DATES.planPublished);
    await publishForwardPlan(db, SYSTEM_ACTOR, DATES.planPublished);
    const today: string = DATES.cabinet;
    app = await buildApp({ store, today: () => today, routes: registerPortal() });
    const tokenOf = async (email: string, role: 'councillor' | 'clerk', personId: number | null, bodyIds?: number[]) => {
      const userId = await createUser(db, SYSTEM_ACTOR, { email: `${kind}-${email}`, displayName: email, role, personId, password: 'correct horse battery staple' });
      return { authorization: `Bearer ${(await createApiToken(db, SYSTEM_ACTOR, userId, 'tests', bodyIds ? { bodyIds } : undefined)).token}` };
    };
    const hill = await tokenOf('hill@example.org', 'councillor', c.cabinetMember);
    const dean = await tokenOf('dean@example.org', 'councillor', c.members[0]);
    const clerk = await tokenOf('clerk@example.org', 'clerk', null);
    const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) => app!.inject({ method: 'POST', url, headers, payload });

    const decision = { takenOn: DATES.cabinet, subject: 'Highways term maintenance contract', text: 'Award the contract to the preferred bidder.', key: true,
      reasons: 'Best value after tender.', alternatives: 'Extend the current contract.', forwardPlanEntryId: entry, proposed: true };
    // The same checks as the form, each naming its field.
    const noReasons = await post('/api/v1/my/decisions', { ...decision, reasons: null }, hill);
    expect(noReasons.statusCode).toBe(400);
    expect(noReasons.json().field).toBe('reasons');
    const early = await post('/api/v1/my/decisions', { ...decision, proposed: false, takenOn: '2026-01-20' }, hill);
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ field: 'takenOn' });
    expect(early.json().message ?? early.json().detail).toMatch(/28 clear days/);

    // Refused: the public, a clerk (not their decision to take), a councillor without a portfolio, a committee-limited token.
    expect((await post('/api/v1/my/decisions', decision)).statusCode).toBe(401);
    expect((await post('/api/v1/my/decisions', decision, clerk)).statusCode).toBe(403);
    const noPortfolio = await post('/api/v1/my/decisions', decision, dean);
    expect(noPortfolio.statusCode).toBe(400);
    expect(noPortfolio.json().field).toBe('takenOn');
    const limited = await tokenOf('hill-limited@example.org', 'councillor', c.cabinetMember, [c.scrutiny]);
    expect((await post('/api/v1/my/decisions', decision, limited)).statusCode).toBeGreaterThanOrEqual(400);

    // Recorded as a proposed decision, then taken and published, by the Cabinet Member's own token.
    const created = await post('/api/v1/my/decisions', decision, hill);
    expect(created.statusCode).toBe(201);
    const { slug, number } = created.json();
    expect(created.json()).toMatchObject({ status: 'proposed', url: `/api/v1/decisions/${slug}` });
    expect(created.headers.location).toBe(`/api/v1/decisions/${slug}`);
    // Nobody else takes or publishes it.
    expect((await post(`/api/v1/my/decisions/${slug}/take`, {}, dean)).statusCode).toBe(400);
    expect((await post(`/api/v1/my/decisions/${slug}/take`, {}, clerk)).statusCode).toBe(403);
    expect((await post('/api/v1/my/decisions/no-such-decision/take', {}, hill)).statusCode).toBe(404);
    expect((await post(`/api/v1/my/decisions/${slug}/take`, {}, hill)).json()).toMatchObject({ number, status: 'draft', takenOn: DATES.cabinet });
    const published = await post(`/api/v1/my/decisions/${slug}/publication`, { publishedOn: DATES.recordPublished }, hill);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedOn: DATES.recordPublished, callInEndsOn: DATES.windowEnds });

    // The public record names the Cabinet Member as taker, entered by themselves.
    const record = (await app.inject({ url: `/api/v1/decisions/${slug}` })).json();
    expect(record.decision.taker_name).toBe(`Mr M C Hill, Cabinet Member for ${PORTFOLIO}`);
    expect(record.decision.entered_by ?? null).toBeNull();
    expect(record.standing.phase).toBe('open-for-call-in');
  });
});
