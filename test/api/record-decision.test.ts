// The clerk's POST /api/v1/decisions makes the same checks as the workspace form, because both call takeDecision: an
// executive decision needs its reasons and the alternatives considered; a key decision needs 28 clear days' notice
// on the forward plan, or a general exception or special urgency recorded; a decision taken in private needs its
// Schedule 12A paragraphs. Each refusal is the API's error naming the field; nothing is recorded.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { registerPortal } from '../../src/server.js';
import { addForwardPlanEntry, publishForwardPlan } from '../../src/services/executive/forward-plan.js';
import { createApiToken, createUser } from '../../src/store/accounts.js';
import { buildApp } from '../../src/web/app.js';
import { cycleCouncil, DATES } from '../services/executive/fixture.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const actor = SYSTEM_ACTOR;

describe.each(STORE_KINDS)('POST /api/v1/decisions on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | undefined;
  afterAll(async () => app?.close());

  it('refuses what the workspace form refuses, naming the field, and records what it accepts', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const c = await cycleCouncil(db);
    app = await buildApp({ store, today: () => DATES.cabinet, routes: registerPortal() });
    const clerkId = await createUser(db, actor, { email: `clerk-${kind}@example.org`, displayName: 'Clerk', role: 'clerk', personId: null, password: 'correct horse battery staple' });
    const { token } = await createApiToken(db, actor, clerkId, 'tests');
    const post = async (payload: Record<string, unknown>) => {
      const res = await app!.inject({ method: 'POST', url: '/api/v1/decisions', headers: { authorization: `Bearer ${token}` }, payload });
      return { status: res.statusCode, json: res.json() as Record<string, unknown> };
    };
    const count = async () => Number((await db.selectFrom('decision').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    const base = { takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, meetingId: c.cabinetMeeting.id, takenOn: DATES.cabinet, subject: 'Highways term maintenance contract',
      text: 'Award the contract to the preferred bidder.', reasons: 'The best value for money of the bids received.', alternatives: 'Extending the current contract (rejected: it cannot be extended again).' };
    // An executive decision with no reasons, then no alternatives: refused on the field.
    const noReasons = await post({ ...base, reasons: null });
    expect(noReasons.status).toBe(400);
    expect(noReasons.json).toMatchObject({ field: 'reasons' });
    expect(String(noReasons.json.detail)).toMatch(/reasons/);
    expect((await post({ ...base, alternatives: '' })).json).toMatchObject({ field: 'alternatives' });
    // A key decision not on the forward plan: refused on the date, naming the 28 clear days.
    const unnoticed = await post({ ...base, key: true });
    expect(unnoticed.status).toBe(400);
    expect(unnoticed.json).toMatchObject({ field: 'takenOn' });
    expect(String(unnoticed.json.detail)).toMatch(/28 clear days/);
    // On the forward plan fewer than 28 clear days before: refused; a general exception recorded: accepted.
    const late = await addForwardPlanEntry(db, actor, { title: 'Highways term maintenance contract', takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, expectedOn: DATES.cabinet,
      key: true, expenditurePence: 4_500_000_000 }, '2026-01-20');
    await publishForwardPlan(db, actor, '2026-01-20');
    const tooSoon = await post({ ...base, key: true, forwardPlanEntryId: late });
    expect(tooSoon.json).toMatchObject({ field: 'takenOn' });
    expect(String(tooSoon.json.detail)).toMatch(/inside the 28 clear days/);
    // Taken in private with no Schedule 12A paragraph: refused on the paragraphs.
    expect((await post({ ...base, subject: 'Depot', exempt: true })).json).toMatchObject({ field: 'exemptParagraphs' });
    // An unknown field is the API's own refusal, naming it.
    expect((await post({ ...base, publishedOn: DATES.cabinet })).json).toMatchObject({ field: 'publishedOn' });
    expect(await count()).toBe(0);

    const accepted = await post({ ...base, key: true, forwardPlanEntryId: late,
      exception: { kind: 'general-exception', chairNotifiedOn: '2026-01-21', publishedOn: '2026-01-22', reason: 'The tenders came back after the plan was published and the current contract ends in March.' } });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(201);
    const row = await db.selectFrom('decision').selectAll().where('id', '=', accepted.json.id as number).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'draft', key_decision: 1, notice_basis: 'general-exception', forward_plan_entry_id: late });
    // A committee's (non-executive) decision needs no reasons, as on the form.
    const committee = await post({ takerKind: 'body', takerName: 'Scrutiny Committee', takerBodyId: c.scrutiny, takenOn: DATES.scrutiny, subject: 'Work programme', text: 'Agree the work programme.' });
    expect(committee.status, JSON.stringify(committee.json)).toBe(201);
    expect(await count()).toBe(2);
  });
});
