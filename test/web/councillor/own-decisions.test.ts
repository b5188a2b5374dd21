// A Cabinet Member signs in and records their own decision in the councillors' area (issue 13): the same use-case and
// checks as the workspace form (reasons and alternatives, the forward plan link, 28 clear days on the date field),
// publishes it, and after call-in outcome (c) records the reconsidered decision as a new linked decision. The record
// says nothing of "on their behalf"; a councillor without a portfolio, or another Cabinet Member, is refused.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { can } from '../../../src/domain/policy.js';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { registerPortal } from '../../../src/server.js';
import { callInsWithSignatories, recordCallInOutcome, requestCallIn } from '../../../src/services/executive/call-ins.js';
import { addForwardPlanEntry, publishForwardPlan } from '../../../src/services/executive/forward-plan.js';
import { createUser } from '../../../src/store/accounts.js';
import { addMembership } from '../../../src/store/bodies.js';
import { buildApp } from '../../../src/web/app.js';
import { Browser } from '../../api/fixture.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { cycleCouncil, DATES } from '../../services/executive/fixture.js';

const PASSWORD = 'correct horse battery staple';
const PORTFOLIO = 'Environment, Highways and Waste';
const date = (iso: string) => { const [y, m, d] = iso.split('-'); return { 'takenOn-day': String(Number(d)), 'takenOn-month': String(Number(m)), 'takenOn-year': y }; };

describe('the policy for recording one\'s own decision', () => {
  const councillor = { kind: 'user' as const, userId: 1, role: 'councillor' as const, personId: 7, bodyIds: [], grantedMeetingIds: [] };
  const mine = { bodyId: null, meetingId: null, exempt: false, decisionTaker: { kind: 'cabinet-member', personId: 7, holdsPortfolio: true } };
  it('lets a Cabinet Member record only their own Cabinet Member decision, while holding a portfolio', () => {
    expect(can(councillor, 'record-own-decision')).toBe(true);
    expect(can(councillor, 'record-own-decision', mine)).toBe(true);
    expect(can(councillor, 'record-own-decision', { ...mine, decisionTaker: { ...mine.decisionTaker, personId: 8 } })).toBe(false);
    expect(can(councillor, 'record-own-decision', { ...mine, decisionTaker: { ...mine.decisionTaker, holdsPortfolio: false } })).toBe(false);
    expect(can(councillor, 'record-own-decision', { ...mine, decisionTaker: { ...mine.decisionTaker, kind: 'body' } })).toBe(false);
    expect(can(councillor, 'record-own-decision', { ...mine, meetingId: 3 })).toBe(false);
    expect(can({ ...councillor, personId: null }, 'record-own-decision')).toBe(false);
    expect(can({ ...councillor, role: 'clerk' }, 'record-own-decision', mine)).toBe(false);
    expect(can({ ...councillor, tokenBodyIds: [1] }, 'record-own-decision', mine)).toBe(false);
    expect(can({ kind: 'public' }, 'record-own-decision')).toBe(false);
  });
});

describe.each(STORE_KINDS)('a Cabinet Member records their own decision on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | null = null;
  afterAll(async () => {
    await app?.close();
  });

  it('records, publishes and reconsiders their own decision; others are refused', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const c = await cycleCouncil(db);
    await addMembership(db, SYSTEM_ACTOR, { bodyId: c.cabinet, personId: c.cabinetMember, role: 'member', startsOn: '2025-06-01', portfolio: PORTFOLIO });
    await addMembership(db, SYSTEM_ACTOR, { bodyId: c.cabinet, personId: c.leader, role: 'member', startsOn: '2025-06-01', portfolio: 'Finance' });
    const entry = await addForwardPlanEntry(db, SYSTEM_ACTOR, { title: 'Highways term maintenance contract', takerKind: 'cabinet-member', takerName: `Cabinet Member for ${PORTFOLIO}`, takerPersonId: c.cabinetMember,
      expectedOn: DATES.cabinet, key: true, keyReason: 'Expenditure above £1m' }, DATES.planPublished);
    await publishForwardPlan(db, SYSTEM_ACTOR, DATES.planPublished);
    let today: string = DATES.cabinet;
    app = await buildApp({ store, today: () => today, routes: registerPortal() });
    const user = (email: string, personId: number) => createUser(db, SYSTEM_ACTOR, { email, displayName: email.split('@')[0], role: 'councillor', personId, password: PASSWORD });
    const hillId = await user('mike.hill@example.org', c.cabinetMember);
    const hill = await Browser.signedIn(app, store, hillId);
    const dean = await Browser.signedIn(app, store, await user('t.dean@example.org', c.members[0]));
    const carter = await Browser.signedIn(app, store, await user('p.carter@example.org', c.leader));

    const home = await hill.get('/my');
    expect(home.body).toContain('href="/my/decisions"');
    const list = await hill.get('/my/decisions');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`You are the Cabinet Member for ${PORTFOLIO}`);
    const form = await hill.get('/my/decisions/new');
    expect(form.body).toContain(`<option value="${entry}">Highways term maintenance contract`);

    // The same checks as the workspace, each on its field.
    const fields = { subject: 'Highways term maintenance contract', text: 'Award the contract to the preferred bidder.', reasons: 'Best value.', alternatives: 'Extend the current contract.', forwardPlanEntryId: String(entry) };
    const noReasons = await hill.post('/my/decisions/new', { ...fields, ...date(DATES.cabinet), reasons: '' });
    expect(noReasons.statusCode).toBe(400);
    expect(noReasons.body).toContain('href="#reasons"');
    const early = await hill.post('/my/decisions/new', { ...fields, ...date('2026-01-20') });
    expect(early.statusCode).toBe(400);
    expect(early.body).toMatch(/href="#takenOn(-day)?"[^>]*>[^<]*28 clear days/);

    // Not a Cabinet Member: refused on the date; not a councillor account linked to a person: refused.
    expect((await dean.get('/my/decisions')).body).toContain('You do not hold a Cabinet portfolio today');
    const notHeld = await dean.post('/my/decisions/new', { ...fields, forwardPlanEntryId: '', ...date(DATES.cabinet) });
    expect(notHeld.statusCode).toBe(400);
    expect(notHeld.body).toContain('You do not hold a Cabinet portfolio on Tuesday 3 February 2026');
    expect(await db.selectFrom('decision').select('id').execute()).toEqual([]);

    // Recorded as his, entered by him: nothing "on his behalf".
    const saved = await hill.post('/my/decisions/new', { ...fields, ...date(DATES.cabinet) });
    expect(saved.statusCode, saved.body).toBe(303);
    const original = await db.selectFrom('decision').selectAll().executeTakeFirstOrThrow();
    expect(original).toMatchObject({ taker_kind: 'cabinet-member', taker_person_id: c.cabinetMember, taker_name: `Mr M C Hill, Cabinet Member for ${PORTFOLIO}`, entered_by: null, forward_plan_entry_id: entry, meeting_id: null, status: 'draft' });
    expect((await hill.get(saved.headers.location as string)).body).toContain(`Decision ${original.number} recorded`);
    // Another Cabinet Member cannot publish it.
    expect((await carter.post(`/my/decisions/${original.id}/publish`, {})).statusCode).toBe(404);
    today = DATES.recordPublished;
    const published = await hill.post(`/my/decisions/${original.id}/publish`, {});
    expect(published.statusCode, published.body).toBe(303);
    expect((await db.selectFrom('decision').select(['status', 'call_in_ends_on']).where('id', '=', original.id).executeTakeFirstOrThrow())).toEqual({ status: 'published', call_in_ends_on: DATES.windowEnds });

    // Called in; the scrutiny committee's outcome (c) puts it back to him.
    for (const m of c.members) await requestCallIn(db, SYSTEM_ACTOR, { decisionId: original.id, personId: m, reasons: 'The evaluation was not shared.', on: DATES.fourthWorkingDay });
    const [callIn] = await callInsWithSignatories(db, { decisionId: original.id });
    await recordCallInOutcome(db, SYSTEM_ACTOR, callIn.id, { outcome: 'c', notes: 'Share the evaluation first.', on: DATES.scrutiny });
    today = DATES.reconsidered;
    const back = await hill.get('/my/decisions');
    expect(back.body).toContain('Back to you for reconsideration');
    expect(back.body).toContain(`href="/my/decisions/new?reconsiders=${original.id}"`);
    const reform = await hill.get(`/my/decisions/new?reconsiders=${original.id}`);
    expect(reform.body).toContain(`<option value="${original.id}" selected>${original.number}: Highways term maintenance contract</option>`);

    // Only the decision taker reconsiders it.
    const reconsidered = { ...fields, forwardPlanEntryId: '', reconsidersDecisionId: String(original.id), text: 'Confirm the award with a six-monthly report to the Scrutiny Committee.', ...date(DATES.reconsidered) };
    const notHis = await carter.post('/my/decisions/new', reconsidered);
    expect(notHis.statusCode).toBe(400);
    expect(notHis.body).toContain(`href="#reconsidersDecisionId">Decision ${original.number} was not taken by you`);
    const again = await hill.post('/my/decisions/new', reconsidered);
    expect(again.statusCode, again.body).toBe(303);
    const fresh = await db.selectFrom('decision').selectAll().where('reconsiders_decision_id', '=', original.id).executeTakeFirstOrThrow();
    expect(fresh).toMatchObject({ taker_person_id: c.cabinetMember, entered_by: null });
    expect((await db.selectFrom('decision').select('status').where('id', '=', original.id).executeTakeFirstOrThrow()).status).toBe('superseded');
    expect((await hill.post(`/my/decisions/${fresh.id}/publish`, {})).statusCode).toBe(303);

    // The public timeline: taken by him, with no "entered on behalf"; linked to the original.
    const page = (await new Browser(app).get(`/decisions/${fresh.slug}`)).body;
    expect(page).toContain(`Decision taken by Mr M C Hill, Cabinet Member for ${PORTFOLIO}`);
    expect(page).not.toContain('behalf');
    expect(page).toContain(`Reconsideration of decision ${original.number} after call-in`);

    // A proposed decision (the constitution publishes them), then taken from his list.
    const proposed = await hill.post('/my/decisions/new', { ...fields, forwardPlanEntryId: '', subject: 'Winter gritting routes', proposed: 'yes', ...date(DATES.reconsidered) });
    expect(proposed.statusCode, proposed.body).toBe(303);
    const p = await db.selectFrom('decision').selectAll().where('subject', '=', 'Winter gritting routes').executeTakeFirstOrThrow();
    expect(p.status).toBe('proposed');
    expect((await hill.post(`/my/decisions/${p.id}/take`, {})).statusCode).toBe(303);
    expect((await db.selectFrom('decision').select('status').where('id', '=', p.id).executeTakeFirstOrThrow()).status).toBe('draft');

    // Every change audited as his.
    const audit = await db.selectFrom('audit_log').select(['entity', 'action']).where('actor_id', '=', hillId).execute();
    const actions = audit.map((a) => `${a.entity} ${a.action}`);
    for (const a of ['decision create', 'decision publish', 'decision reconsidered', 'decision take']) expect(actions, a).toContain(a);
  });
});
