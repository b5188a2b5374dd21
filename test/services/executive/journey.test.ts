import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { decisionPhase } from '../../../src/domain/executive.js';
import { listAudit } from '../../../src/store/audit.js';
import { ValidationError } from '../../../src/errors.js';
import { callInsWithSignatories, recordCallInOutcome, requestCallIn } from '../../../src/services/executive/call-ins.js';
import { decisionTimeline, facts, noticeExceptionsReport, publishDecisionRecord, takeDecision, implementDecision } from '../../../src/services/executive/decisions.js';
import { addForwardPlanEntry, moveForwardPlanEntry, publishForwardPlan, readForwardPlan } from '../../../src/services/executive/forward-plan.js';
import { addFollowUp, addFollowUpResponse, followUpSchedule, markFollowUpResponse, addWorkProgrammeItem, workProgramme, startReview, advanceReview, addEvidenceSession } from '../../../src/services/executive/scrutiny.js';
import { PUBLIC_VIEWER } from '../../../src/domain/policy.js';
import { loadAgenda } from '../../../src/store/workspace/agenda.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { cycleCouncil, DATES } from './fixture.js';

const actor = SYSTEM_ACTOR;
const decisionBase = {
  takerKind: 'body' as const, takerName: 'Cabinet', subject: 'Highways term maintenance contract', key: true,
  text: 'Award the highways term maintenance contract to the preferred bidder.', reasons: 'Best value after tender.', alternatives: 'Extend the current contract; bring the service in house.',
};

async function fieldOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError) return e.field;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe.each(STORE_KINDS)('executive cycle on %s', (kind) => {
  const get = useTestStore(kind);

  it('forward plan → key decision 28 clear days later → call-in on the fourth working day → outcome (c) → reconsidered → implementable', async (ctx) => {
    const { db } = get(ctx).store;
    const c = await cycleCouncil(db);
    const entry = await addForwardPlanEntry(db, actor, { title: 'Highways term maintenance contract', takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, portfolio: 'Environment, Highways and Waste',
      expectedOn: DATES.cabinet, key: true, expenditurePence: 4_500_000_000, divisions: ['Ashford East', 'Dover North'], documents: 'Report of the Director of Highways', contact: 'highways@example.org' }, '2026-01-02');
    expect(await fieldOf(addForwardPlanEntry(db, actor, { title: 'x', takerKind: 'body', takerName: 'Cabinet', key: true, expectedOn: '2026-03-01' }, '2026-01-02'))).toBe('keyReason');
    const edition = await publishForwardPlan(db, actor, DATES.planPublished);
    expect(edition).toEqual({ edition: 1, entries: 1 });
    const plan = await readForwardPlan(db, PUBLIC_VIEWER);
    expect(plan.entries[0]).toMatchObject({ title: 'Highways term maintenance contract', firstPublishedOn: DATES.planPublished, key: true });
    expect(plan.unpublished).toEqual([]);

    // A day too early is refused, naming the date field.
    const itemId = c.cabinetMeeting.items[1].id;
    expect(await fieldOf(takeDecision(db, actor, { ...decisionBase, takenOn: '2026-02-02', forwardPlanEntryId: entry }))).toBe('takenOn');
    expect(await fieldOf(takeDecision(db, actor, { ...decisionBase, takenOn: DATES.cabinet, meetingId: c.cabinetMeeting.id, agendaItemId: itemId, forwardPlanEntryId: entry, alternatives: '' }))).toBe('alternatives');
    const taken = await takeDecision(db, actor, { ...decisionBase, takenOn: DATES.cabinet, meetingId: c.cabinetMeeting.id, agendaItemId: itemId, takerBodyId: c.cabinet, forwardPlanEntryId: entry });
    expect(taken.noticeBasis).toBe('forward-plan');
    expect((await publishDecisionRecord(db, actor, taken.id, DATES.recordPublished)).callInEndsOn).toBe(DATES.windowEnds);
    const second = await publishForwardPlan(db, actor, '2026-02-05');
    expect(second.edition).toBe(2);
    expect((await readForwardPlan(db, PUBLIC_VIEWER, 2)).entries[0].status).toBe('taken');
    expect((await readForwardPlan(db, PUBLIC_VIEWER)).editions.map((e) => e.edition)).toEqual([2, 1]);

    // Three councillors on the fourth working day; the Cabinet Member cannot sign.
    expect(await fieldOf(requestCallIn(db, actor, { decisionId: taken.id, personId: c.cabinetMember, reasons: 'x', on: DATES.fourthWorkingDay }))).toBe('signatories');
    const first = await requestCallIn(db, actor, { decisionId: taken.id, personId: c.members[0], reasons: 'The tender evaluation was not shared with Members.', on: DATES.fourthWorkingDay });
    expect(first.status).toBe('collecting');
    expect(first.message).toMatch(/2 more needed/);
    await requestCallIn(db, actor, { decisionId: taken.id, personId: c.members[1], on: DATES.fourthWorkingDay });
    const valid = await requestCallIn(db, actor, { decisionId: taken.id, personId: c.members[2], on: DATES.fourthWorkingDay });
    expect(valid.status).toBe('valid');
    expect(valid.meeting?.date).toBe(DATES.scrutiny);
    expect(valid.notifications.map((n) => n.to)).toEqual(['leader@example.org']);
    const agenda = await loadAgenda(db, c.scrutinyMeeting.id);
    expect(agenda.flatMap((s) => s.items).map((i) => i.title)).toContain(`Decision ${taken.number} – Highways term maintenance contract`);

    // Late request on another decision: refused after the window.
    const other = await takeDecision(db, actor, { ...decisionBase, key: false, subject: 'Minor works', takenOn: DATES.cabinet, meetingId: c.cabinetMeeting.id, takerBodyId: c.cabinet });
    await publishDecisionRecord(db, actor, other.id, DATES.recordPublished);
    expect(await fieldOf(requestCallIn(db, actor, { decisionId: other.id, personId: c.chair, reasons: 'Late', on: '2026-02-12' }))).toBe('requestedOn');

    // Outcome (c): back to the decision taker; the reconsidered decision is a new, linked record with its own window.
    const [callIn] = await callInsWithSignatories(db, { decisionId: taken.id });
    expect(callIn.signatories).toHaveLength(3);
    expect(await fieldOf(recordCallInOutcome(db, actor, callIn.id, { outcome: 'c', on: DATES.scrutiny }))).toBe('notes');
    expect((await recordCallInOutcome(db, actor, callIn.id, { outcome: 'c', notes: 'Share the evaluation with the Cabinet Member before reconsidering.', on: DATES.scrutiny })).decisionStatus).toBe('reconsidering');
    const again = await takeDecision(db, actor, { ...decisionBase, takerKind: 'cabinet-member', takerName: 'Mr M C Hill, Cabinet Member for Environment, Highways and Waste', takerPersonId: c.cabinetMember,
      takenOn: DATES.reconsidered, reconsidersDecisionId: taken.id, key: false, text: 'Confirm the award with a six-monthly report to the Scrutiny Committee.' });
    expect((await publishDecisionRecord(db, actor, again.id, DATES.reconsidered)).callInEndsOn).toBe(DATES.reconsideredWindowEnds);
    const t1 = await decisionTimeline(db, PUBLIC_VIEWER, taken.slug, '2026-03-10');
    expect(t1?.phase).toBe('superseded');
    expect(t1?.steps.map((s) => s.label)).toEqual(expect.arrayContaining(['Called in', 'Scrutiny outcome (c)', `Reconsidered: new decision ${again.number}`]));
    // The outcome reads once: the letter in the label, what the Committee resolved and its comments in the detail.
    const outcomeStep = t1!.steps.find((s) => s.label === 'Scrutiny outcome (c)')!;
    expect(outcomeStep.detail).toBe('The Committee resolved to require implementation of the decision to be postponed pending reconsideration of the matter by the decision-maker in the light of the Committee’s comments. Share the evaluation with the Cabinet Member before reconsidering.');
    expect(`${outcomeStep.label}. ${outcomeStep.detail}`.match(/\(c\)/g)).toHaveLength(1);
    const t2 = await decisionTimeline(db, PUBLIC_VIEWER, again.slug, DATES.reconsideredWindowEnds);
    expect(t2?.phase).toBe('open-for-call-in');
    const t3 = await decisionTimeline(db, PUBLIC_VIEWER, again.slug, '2026-03-05');
    expect(t3?.phase).toBe('implementable');
    await implementDecision(db, actor, again.id, '2026-03-05');
    const audit = await listAudit(db, { entity: 'decision', entityId: String(taken.id), limit: 50 });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['publish', 'call-in', 'outcome', 'reconsidered']));
  });

  it('general exception and special urgency are recorded, listed for the quarterly report, and urgent decisions are not called in', async (ctx) => {
    const { db } = get(ctx).store;
    const c = await cycleCouncil(db, ' (2)');
    expect(await fieldOf(takeDecision(db, actor, { ...decisionBase, takenOn: '2026-02-03', exception: { kind: 'general-exception', chairNotifiedOn: '2026-01-20', publishedOn: '2026-01-30', reason: 'Grant deadline' } }))).toBe('exception.publishedOn');
    const ge = await takeDecision(db, actor, { ...decisionBase, takenOn: '2026-02-03', exception: { kind: 'general-exception', chairNotifiedOn: '2026-01-20', publishedOn: '2026-01-28', reason: 'Grant deadline' } });
    expect(ge.noticeBasis).toBe('general-exception');
    const su = await takeDecision(db, actor, { ...decisionBase, subject: 'Emergency flood works', takenOn: '2026-02-10', urgent: true, exception: { kind: 'special-urgency', agreedOn: '2026-02-09', agreedBy: 'Mr A J King', reason: 'Flooding' } });
    await publishDecisionRecord(db, actor, su.id, '2026-02-10');
    const report = await noticeExceptionsReport(db, '2026-01-01', '2026-03-31');
    expect(report.map((r) => r.kind)).toEqual(['general-exception', 'special-urgency']);
    expect(await fieldOf(requestCallIn(db, actor, { decisionId: su.id, personId: c.chair, reasons: 'r', on: '2026-02-11' }))).toBe('decision');
    const row = await db.selectFrom('decision').selectAll().where('id', '=', su.id).executeTakeFirstOrThrow();
    expect(decisionPhase(facts(row), '2026-02-10')).toBe('implementable');
    // A forward plan entry moves with its history.
    const e = await addForwardPlanEntry(db, actor, { title: 'Libraries strategy', takerKind: 'cabinet-member', takerName: 'Cabinet Member for Communities', expectedOn: '2026-04-01', key: true, divisions: ['A', 'B', 'C'] }, '2026-01-02');
    await moveForwardPlanEntry(db, actor, e, { to: 'deferred', expectedOn: '2026-06-01', note: 'Awaiting consultation' }, '2026-02-01');
    expect(await fieldOf(moveForwardPlanEntry(db, actor, e, { to: 'withdrawn' }, '2026-02-02'))).toBe('note');
  });

  it('follow-up schedule rounds, work programme and a select committee review', async (ctx) => {
    const { db } = get(ctx).store;
    const c = await cycleCouncil(db, ' (3)');
    const f = await addFollowUp(db, actor, { bodyId: c.scrutiny, title: 'Highways term maintenance contract', portfolio: 'Environment, Highways and Waste', synopsis: 'Call-in of decision', reason: 'Tender evaluation', consideredOn: '2026-01-15',
      recommendations: [{ text: 'That the Cabinet Member:', parts: ['shares the evaluation;', 'reports in six months.'] }, { text: 'That Members are briefed.' }] });
    const [entry] = await followUpSchedule(db, PUBLIC_VIEWER, c.scrutiny, DATES.scrutiny);
    expect(entry.id).toBe(f);
    expect(entry.recommendations.map((r) => r.label)).toEqual(['1(a)', '1(b)', '2']);
    const recId = entry.recommendations[0].id;
    expect(await fieldOf(addFollowUpResponse(db, actor, recId, { text: 'Shared.', respondedOn: null, dateActioned: 'TBC' }))).toBe('respondedOn');
    expect(await fieldOf(addFollowUpResponse(db, actor, recId, { text: 'Shared.', respondedOn: '2026-02-01', dateActioned: 'soon' }))).toBe('dateActioned');
    await addFollowUpResponse(db, actor, recId, { text: 'Shared on 1 February.', respondedOn: '2026-02-01', dateActioned: '2026-02-01' });
    for (const r of entry.recommendations) {
      if (r.id !== recId) await addFollowUpResponse(db, actor, r.id, { text: 'Done.', respondedOn: '2026-02-01', dateActioned: 'Ongoing' });
      await markFollowUpResponse(db, actor, r.id, 'satisfactory', DATES.scrutiny);
    }
    const next = await (await import('../../../src/store/meetings.js')).createMeeting(db, actor, { bodyId: c.scrutiny, date: '2026-04-20' });
    expect((await followUpSchedule(db, PUBLIC_VIEWER, c.scrutiny, '2026-04-20')).length).toBe(1);
    expect((await followUpSchedule(db, PUBLIC_VIEWER, c.scrutiny, '2026-06-20')).length).toBe(0);
    await addWorkProgrammeItem(db, actor, { bodyId: c.scrutiny, title: 'Highways contract: six-month report', meetingId: next.id }, '2026-02-01');
    await addWorkProgrammeItem(db, actor, { bodyId: c.scrutiny, title: 'Home to school transport' }, '2026-02-01');
    const wp = await workProgramme(db, c.scrutiny, '2026-02-01');
    expect(wp.meetings.find((m) => m.id === next.id)?.items.map((i) => i.title)).toEqual(['Highways contract: six-month report']);
    expect(wp.unscheduled.map((i) => i.title)).toEqual(['Home to school transport']);
    const r = await startReview(db, actor, { bodyId: c.scrutiny, title: 'Flood risk', termsOfReference: 'How the council manages surface water flooding.', startedOn: '2026-01-10', members: [{ personId: c.chair, name: 'Mr A J King', role: 'Chairman' }] });
    expect(await fieldOf(addEvidenceSession(db, actor, r.id, { on: '2026-02-01', title: 'Environment Agency' }))).toBe('stage');
    await advanceReview(db, actor, r.id, { to: 'evidence', on: '2026-01-20' });
    await addEvidenceSession(db, actor, r.id, { on: '2026-02-01', title: 'Environment Agency', witnesses: 'Area manager' });
    expect(await fieldOf(advanceReview(db, actor, r.id, { to: 'report', on: '2026-03-01' }))).toBe('reportSummary');
  });
});
