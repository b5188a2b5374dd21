// After call-in outcome (c) the Cabinet Member reconsiders: the clerk enters the reconsidered decision as the
// Cabinet Member's (chosen from those holding a portfolio), and the record and the public timeline say it was
// entered on their behalf; a decision entered by the Cabinet Member's own account says nothing of the kind.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { registerPortal } from '../../../src/server.js';
import { recordCallInOutcome, requestCallIn, callInsWithSignatories } from '../../../src/services/executive/call-ins.js';
import { publishDecisionRecord, takeDecision } from '../../../src/services/executive/decisions.js';
import { createUser } from '../../../src/store/accounts.js';
import { addMembership } from '../../../src/store/bodies.js';
import { buildApp } from '../../../src/web/app.js';
import { Browser } from '../../api/fixture.js';
import { useTestStore } from '../../helpers/use-store.js';
import { cycleCouncil, DATES } from '../../services/executive/fixture.js';

describe('a reconsidered decision entered on the Cabinet Member\'s behalf', () => {
  const get = useTestStore('sqlite');
  let app: FastifyInstance | null = null;
  afterAll(async () => {
    await app?.close();
  });

  it('is recorded as the Cabinet Member\'s, entered by the clerk, and shown so on the timeline', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const c = await cycleCouncil(db);
    const hill = await addMembership(db, SYSTEM_ACTOR, { bodyId: c.cabinet, personId: c.cabinetMember, role: 'member', startsOn: '2025-06-01', portfolio: 'Environment, Highways and Waste' });
    expect(hill).toBeTruthy();
    const base = { takerKind: 'body' as const, takerName: 'Cabinet', subject: 'Highways term maintenance contract', key: false, text: 'Award the contract.', reasons: 'Best value.', alternatives: 'Extend the current contract.' };
    const taken = await takeDecision(db, SYSTEM_ACTOR, { ...base, takenOn: DATES.cabinet, meetingId: c.cabinetMeeting.id });
    await publishDecisionRecord(db, SYSTEM_ACTOR, taken.id, DATES.recordPublished);
    for (const m of c.members) await requestCallIn(db, SYSTEM_ACTOR, { decisionId: taken.id, personId: m, reasons: 'The evaluation was not shared.', on: DATES.fourthWorkingDay });
    const [callIn] = await callInsWithSignatories(db, { decisionId: taken.id });
    await recordCallInOutcome(db, SYSTEM_ACTOR, callIn.id, { outcome: 'c', notes: 'Share the evaluation first.', on: DATES.scrutiny });

    app = await buildApp({ store, today: () => DATES.reconsidered, routes: registerPortal() });
    const clerk = await Browser.signedIn(app, store, await createUser(db, SYSTEM_ACTOR, { email: 'clerk@example.org', displayName: 'Jo Clerk', role: 'clerk', personId: null, password: 'correct horse battery staple' }));
    const form = await clerk.get(`/workspace/decisions/new?reconsiders=${taken.id}`);
    expect(form.body).toContain(`<option value="${c.cabinetMember}">Mr M C Hill, Cabinet Member for Environment, Highways and Waste</option>`);
    const { key: _notKey, ...fields } = base;
    const saved = await clerk.post('/workspace/decisions/new', { ...fields, takerKind: 'cabinet-member', takerName: 'Mr M C Hill, Cabinet Member for Environment, Highways and Waste', takerPersonId: String(c.cabinetMember),
      reconsidersDecisionId: String(taken.id), 'takenOn-day': '25', 'takenOn-month': '2', 'takenOn-year': '2026', text: 'Confirm the award with a six-monthly report to the Scrutiny Committee.' });
    expect(saved.statusCode).toBe(303);
    const id = Number(/\/workspace\/decisions\/(\d+)/.exec(saved.headers.location as string)![1]);
    const row = await db.selectFrom('decision').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ taker_kind: 'cabinet-member', taker_person_id: c.cabinetMember, entered_by: 'Jo Clerk', reconsiders_decision_id: taken.id });
    expect((await clerk.get(`/workspace/decisions/${id}`)).body).toContain('(entered on their behalf by Jo Clerk)');
    await publishDecisionRecord(db, SYSTEM_ACTOR, id, DATES.reconsidered);
    const page = await new Browser(app).get(`/decisions/${row.slug}`);
    expect(page.body).toContain('Decision taken by Mr M C Hill, Cabinet Member for Environment, Highways and Waste. Entered in the record by Jo Clerk on the decision taker&#39;s behalf');

    // The Cabinet Member's own account: the record is simply theirs.
    const own = await createUser(db, SYSTEM_ACTOR, { email: 'mike.hill@example.org', displayName: 'Mike Hill', role: 'councillor', personId: c.cabinetMember, password: 'correct horse battery staple' });
    const mine = await takeDecision(db, { kind: 'user', id: own, name: 'Mike Hill' }, { ...base, takerKind: 'cabinet-member', takerName: 'Mr M C Hill', takerPersonId: c.cabinetMember, takenOn: '2026-03-02', subject: 'Grass cutting' });
    expect((await db.selectFrom('decision').select('entered_by').where('id', '=', mine.id).executeTakeFirstOrThrow()).entered_by).toBeNull();
    await expect(takeDecision(db, SYSTEM_ACTOR, { ...base, takerKind: 'cabinet-member', takerPersonId: 999999, takenOn: '2026-03-02' })).rejects.toMatchObject({ field: 'takerPersonId' });
  });
});
