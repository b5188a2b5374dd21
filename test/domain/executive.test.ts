import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../src/domain/calendar.js';
import { addDays, daysBetween } from '../../src/domain/dates.js';
import { formatMoney } from '../../src/domain/money.js';
import {
  checkCallIn,
  checkKeyDecisionNotice,
  checkPrivateMeetingNotice,
  clearDaysBetween,
  DECISION_LIFECYCLE_STATUSES,
  decisionPhase,
  earliestDecisionDate,
  ExecutiveRuleError,
  executiveRules,
  followUpOnSchedule,
  isImplementable,
  keyDecisionTest,
  nextDecisionStatus,
  nextForwardPlanStatus,
  nextPartLetter,
  nextReviewStage,
  noticeDeadline,
  parseDateActioned,
  type CallInSignatory,
  type DecisionEvent,
  type LifecycleFacts,
} from '../../src/domain/executive.js';
import { closuresNear, isoDateArb } from './arbitraries.js';

const cal = createWorkingCalendar();
const rules = executiveRules();
const member = (personId: number, extra: Partial<CallInSignatory> = {}): CallInSignatory => ({ personId, name: `Cllr ${personId}`, councillor: true, scrutinyChair: false, executive: false, ...extra });

describe('key decisions', () => {
  it('expenditure or savings at the threshold, or two or more divisions', () => {
    expect(keyDecisionTest({ expenditurePence: 100_000_000 }).grounds).toEqual(['expenditure']);
    expect(keyDecisionTest({ expenditurePence: 99_999_999 }).key).toBe(false);
    expect(keyDecisionTest({ savingsPence: -150_000_000 }).key).toBe(true);
    expect(keyDecisionTest({ divisionsAffected: ['Ashford East', 'Ashford East'] }).key).toBe(false);
    const both = keyDecisionTest({ expenditurePence: 120_000_000, divisionsAffected: ['A', 'B', 'C'] });
    expect(both.grounds).toEqual(['expenditure', 'divisions']);
    expect(both.explanation).toMatch(/£1,200,000.*3 electoral divisions/);
  });
  it('a decision to be taken in private: the notice gives the ground, never the figure', () => {
    fc.assert(fc.property(fc.integer({ min: 100_000_001, max: 10_000_000_000_000 }), fc.boolean(), (pence, saving) => {
      const facts = saving ? { savingsPence: -pence } : { expenditurePence: pence };
      const open = keyDecisionTest(facts);
      const held = keyDecisionTest(facts, rules, { withholdAmount: true });
      expect(held.key).toBe(open.key);
      expect(held.grounds).toEqual(open.grounds);
      expect(open.explanation).toContain(formatMoney(pence));
      expect(held.explanation).not.toContain(formatMoney(pence));
      expect(held.explanation).toContain('above the threshold');
    }));
  });
  it('the threshold and number of divisions are configurable', () => {
    const r = executiveRules({ keyDecisionThreshold: 50_000_000, keyDecisionMinDivisions: 3 });
    expect(keyDecisionTest({ expenditurePence: 60_000_000 }, r).key).toBe(true);
    expect(keyDecisionTest({ divisionsAffected: ['A', 'B'] }, r).key).toBe(false);
    expect(() => executiveRules({ callIn: { membersRequired: 0 } })).toThrow(/callIn.membersRequired/);
  });
});

describe('28 clear days of notice (property)', () => {
  it('a key decision is allowed exactly when 28 clear calendar days separate first publication and decision', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 0, max: 80 }), (published, gap) => {
        const decisionOn = addDays(published, gap);
        const check = checkKeyDecisionNotice({ firstPublishedOn: published, decisionOn }, rules);
        expect(check.ok).toBe(clearDaysBetween(published, decisionOn) >= 28);
        expect(check.ok).toBe(decisionOn >= earliestDecisionDate(published, 28));
        if (!check.ok) expect(check.problems[0].field).toBe('decisionOn');
      }),
    );
  });
  it('the deadline and the earliest date are inverse', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 0, max: 60 }), (d, n) => {
        expect(earliestDecisionDate(noticeDeadline(d, n), n)).toBe(d);
        expect(clearDaysBetween(noticeDeadline(d, n), d)).toBe(n);
      }),
    );
  });
  it('general exception: chair told, notice published 5 clear days before; special urgency: chair agreed', () => {
    const decisionOn = '2012-03-20';
    const ge = (publishedOn: string) => checkKeyDecisionNotice({ firstPublishedOn: null, decisionOn, exception: { kind: 'general-exception', chairNotifiedOn: '2012-03-10', publishedOn, reason: 'Grant deadline' } });
    expect(ge('2012-03-14')).toEqual({ ok: true, basis: 'general-exception' });
    const late = ge('2012-03-15');
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.problems[0].field).toBe('exception.publishedOn');
    expect(checkKeyDecisionNotice({ firstPublishedOn: '2012-03-01', decisionOn, exception: { kind: 'special-urgency', agreedOn: '2012-03-19', agreedBy: 'Mr A Chair', reason: 'Contract lapses' } })).toEqual({ ok: true, basis: 'special-urgency' });
    const noDate = checkKeyDecisionNotice({ firstPublishedOn: null, decisionOn, exception: { kind: 'special-urgency', agreedOn: null, agreedBy: 'X', reason: 'y' } });
    expect(!noDate.ok && noDate.problems.map((p) => p.field)).toEqual(['exception.agreedOn']);
  });
  it('a private meeting needs 28 days of intention and 5 days of reasons, unless the chair agrees it is urgent', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 10 }), (meetingOn, i, r) => {
        const c = checkPrivateMeetingNotice({ meetingOn, intentionPublishedOn: addDays(meetingOn, -i), reasonsPublishedOn: addDays(meetingOn, -r) });
        expect(c.ok).toBe(i >= 29 && r >= 6);
        const urgent = checkPrivateMeetingNotice({ meetingOn, intentionPublishedOn: null, reasonsPublishedOn: null, urgencyAgreedBy: 'Chair', urgencyReason: 'Why' });
        expect(urgent.ok).toBe(true);
      }),
    );
  });
});

describe('call-in (property)', () => {
  it('accepted exactly on the day of publication through the fifth clear working day after it', () => {
    fc.assert(
      fc.property(closuresNear(6), fc.integer({ min: -3, max: 20 }), fc.integer({ min: 1, max: 8 }), ({ date, closures }, offset, windowDays) => {
        const c = createWorkingCalendar({ extraClosures: closures });
        const r = executiveRules({ callInClearWorkingDays: windowDays });
        const requestedOn = addDays(date, offset);
        const result = checkCallIn({ decision: { status: 'published', urgent: false, publishedOn: date }, requestedOn, signatories: [member(1), member(2), member(3)], reasons: 'Consultation inadequate' }, c, r);
        const inWindow = requestedOn >= date && c.clearWorkingDaysBetween(date, requestedOn) < windowDays;
        expect(result.ok).toBe(inWindow);
        expect(result.ok).toBe(c.isWithinCallInWindow(requestedOn, date, windowDays));
        if (!result.ok) expect(result.field).toBe('requestedOn');
      }),
    );
  });
  it('the window ends on a working day, and implementation may start the next working day', () => {
    fc.assert(
      fc.property(closuresNear(6), ({ date, closures }) => {
        const c = createWorkingCalendar({ extraClosures: closures });
        const end = c.callInWindowEnd(date, 5);
        expect(c.isWorkingDay(end)).toBe(true);
        expect(c.clearWorkingDaysBetween(date, end)).toBe(4);
        const d: LifecycleFacts = { status: 'published', urgent: false, publishedOn: date, callInEndsOn: end };
        expect(isImplementable(d, end)).toBe(false);
        expect(isImplementable(d, addDays(end, 1))).toBe(true);
      }),
    );
  });
  it('counts signatories once, and needs N members or the scrutiny chair', () => {
    const base = { decision: { status: 'published' as const, urgent: false, publishedOn: '2012-03-05' }, requestedOn: '2012-03-08', reasons: 'r' };
    const two = checkCallIn({ ...base, signatories: [member(1), member(2), member(2)] }, cal, rules);
    expect(two).toMatchObject({ ok: false, refusal: 'not-enough-signatories', field: 'signatories' });
    expect(!two.ok && two.message).toMatch(/needs 3 councillors.*has 2/);
    expect(checkCallIn({ ...base, signatories: [member(1, { scrutinyChair: true })] }, cal, rules)).toMatchObject({ ok: true, basis: 'scrutiny-chair' });
    expect(checkCallIn({ ...base, signatories: [member(1, { scrutinyChair: true })] }, cal, executiveRules({ callIn: { scrutinyChairAlone: false } })).ok).toBe(false);
    expect(checkCallIn({ ...base, signatories: [member(1), member(2), member(3, { executive: true })] }, cal, rules)).toMatchObject({ ok: false, refusal: 'ineligible-signatory' });
    expect(checkCallIn({ ...base, reasons: ' ', signatories: [member(1), member(2), member(3)] }, cal, rules)).toMatchObject({ ok: false, field: 'reasons' });
    expect(checkCallIn({ ...base, decision: { ...base.decision, urgent: true }, signatories: [member(1), member(2), member(3)] }, cal, rules)).toMatchObject({ ok: false, refusal: 'urgent' });
  });
});

describe('decision lifecycle', () => {
  const published = (urgent = false): LifecycleFacts => ({ status: 'published', urgent, publishedOn: '2012-03-05', callInEndsOn: urgent ? null : '2012-03-12' });
  it('proposed → taken → published → open for call-in → implementable', () => {
    expect(nextDecisionStatus({ status: 'proposed', urgent: false, publishedOn: null, callInEndsOn: null }, { kind: 'take' }, '2012-03-01')).toBe('draft');
    expect(nextDecisionStatus({ status: 'draft', urgent: false, publishedOn: null, callInEndsOn: null }, { kind: 'publish' }, '2012-03-05')).toBe('published');
    expect(decisionPhase(published(), '2012-03-12')).toBe('open-for-call-in');
    expect(decisionPhase(published(), '2012-03-13')).toBe('implementable');
    expect(nextDecisionStatus(published(), { kind: 'implement' }, '2012-03-13')).toBe('implemented');
    expect(() => nextDecisionStatus(published(), { kind: 'implement' }, '2012-03-12')).toThrow(ExecutiveRuleError);
  });
  it('called in → (a)/(b) implementable, (c) back to the taker, (d) to full Council → confirmed or reconsidered', () => {
    const calledIn: LifecycleFacts = { ...published(), status: 'called-in' };
    expect(nextDecisionStatus(published(), { kind: 'call-in' }, '2012-03-08')).toBe('called-in');
    expect(() => nextDecisionStatus(published(), { kind: 'call-in' }, '2012-03-13')).toThrow(/window/);
    expect(nextDecisionStatus(calledIn, { kind: 'outcome', outcome: 'a' }, '2012-04-01')).toBe('implementable');
    expect(nextDecisionStatus(calledIn, { kind: 'outcome', outcome: 'b' }, '2012-04-01')).toBe('implementable');
    expect(nextDecisionStatus(calledIn, { kind: 'outcome', outcome: 'c' }, '2012-04-01')).toBe('reconsidering');
    expect(nextDecisionStatus(calledIn, { kind: 'outcome', outcome: 'd' }, '2012-04-01')).toBe('referred-to-council');
    expect(nextDecisionStatus({ ...calledIn, status: 'reconsidering' }, { kind: 'reconsider' }, '2012-04-10')).toBe('superseded');
    expect(nextDecisionStatus({ ...calledIn, status: 'referred-to-council' }, { kind: 'confirm' }, '2012-04-10')).toBe('implementable');
  });
  it('urgent decisions are implementable on publication and cannot be called in', () => {
    expect(decisionPhase(published(true), '2012-03-05')).toBe('implementable');
    expect(() => nextDecisionStatus(published(true), { kind: 'call-in' }, '2012-03-05')).toThrow(/urgent/);
  });
  it('no event leads a called-in decision to implemented without an outcome (property)', () => {
    const events: DecisionEvent[] = [{ kind: 'take' }, { kind: 'publish' }, { kind: 'call-in' }, { kind: 'confirm' }, { kind: 'reconsider' }, { kind: 'implement' }, { kind: 'withdraw' }];
    fc.assert(
      fc.property(fc.constantFrom(...events), isoDateArb, (e, today) => {
        let next: string | null = null;
        try {
          next = nextDecisionStatus({ ...published(), status: 'called-in' }, e, today);
        } catch (err) {
          expect(err).toBeInstanceOf(ExecutiveRuleError);
        }
        expect(next).toBeNull();
      }),
    );
    expect(DECISION_LIFECYCLE_STATUSES).toContain('superseded');
  });
});

describe('forward plan, follow-up and reviews', () => {
  it('entries move planned ⇄ deferred, then withdrawn or taken, and stay there', () => {
    expect(nextForwardPlanStatus('planned', 'deferred')).toBe('deferred');
    expect(nextForwardPlanStatus('deferred', 'planned')).toBe('planned');
    expect(() => nextForwardPlanStatus('taken', 'planned')).toThrow(/decision taken/);
  });
  it('date actioned: a date, expected date, or Not applicable / TBC / Ongoing', () => {
    expect(parseDateActioned('2012-05-01')).toEqual({ kind: 'date', date: '2012-05-01' });
    expect(parseDateActioned('Expected 2012-09-01')).toEqual({ kind: 'expected', date: '2012-09-01' });
    expect(parseDateActioned('n/a')).toEqual({ kind: 'word', word: 'Not applicable' });
    expect(parseDateActioned('tbc')).toEqual({ kind: 'word', word: 'TBC' });
    expect(() => parseDateActioned('soon', 'responses[0].dateActioned')).toThrow(/responses\[0\].dateActioned: "soon"/);
    expect(() => parseDateActioned('2012-02-30')).toThrow(/not a calendar date/);
  });
  it('a satisfactory entry is reported at the next meeting and then leaves the schedule', () => {
    const meetings = ['2012-01-10', '2012-03-10', '2012-05-10'];
    const entry = { recommendations: [{ verdict: 'satisfactory' as const, verdictOn: '2012-01-10' }] };
    expect(followUpOnSchedule(entry, '2012-03-10', meetings)).toBe(true);
    expect(followUpOnSchedule(entry, '2012-05-10', meetings)).toBe(false);
    expect(followUpOnSchedule({ recommendations: [{ verdict: 'more-information', verdictOn: '2012-01-10' }] }, '2012-05-10', meetings)).toBe(true);
  });
  it('part letters and review stages', () => {
    expect(nextPartLetter([])).toBe('a');
    expect(nextPartLetter(['a', 'b'])).toBe('c');
    expect(nextReviewStage('scoping', 'evidence')).toBe('evidence');
    expect(() => nextReviewStage('scoping', 'report')).toThrow(/evidence gathering/);
    expect(daysBetween('2012-01-01', '2012-01-30')).toBe(29);
  });
});
