// The executive decision cycle (primer §4; the Local Authorities (Executive Arrangements) (Meetings and Access to
// Information) (England) Regulations 2012): what makes a decision key, the notice it needs, the exceptions, the
// private-meeting notices, who may call a decision in and when, the outcomes of scrutiny, and the decision's
// lifecycle. Pure rules: every count of days goes through the working calendar (calendar.ts), the one home of
// day counting. A council's constitution sets the numbers (ExecutiveRules).
import { createWorkingCalendar, type WorkingCalendar } from './calendar.js';
import { addDays, assertIsoDate, daysBetween, type IsoDate } from './dates.js';
import { formatMoney, type Pence } from './money.js';

// ---------------------------------------------------------------- the constitution's numbers

export interface CallInEligibility {
  /** The chair of the scrutiny committee may call a decision in alone. */
  scrutinyChairAlone: boolean;
  /** Otherwise this many councillors (who are not members of the executive) must sign. */
  membersRequired: number;
  /** Whether members of the executive count as signatories (usually not). */
  executiveMembersMaySign: boolean;
}

export interface ExecutiveRules {
  /** Expenditure or savings at or above this are significant (in pence; Kent: £1m). */
  keyDecisionThreshold: Pence;
  /** A significant effect on this many electoral divisions or more makes a decision key. */
  keyDecisionMinDivisions: number;
  /** Clear calendar days between first publication on the forward plan and a key decision (reg. 9). */
  noticeClearDays: number;
  /** Clear calendar days between the general-exception notice and the decision (reg. 10). */
  generalExceptionClearDays: number;
  /** Clear calendar days' notice of the intention to meet in private (reg. 5(2)). */
  privateIntentionClearDays: number;
  /** Clear calendar days between the notice of reasons and representations and the private meeting (reg. 5(4)). */
  privateReasonsClearDays: number;
  /** Clear working days after publication of the record during which a decision may be called in. */
  callInClearWorkingDays: number;
  callIn: CallInEligibility;
  /** Cabinet Members' proposed decisions are published before they are taken. */
  publishProposedCabinetMemberDecisions: boolean;
}

export const DEFAULT_EXECUTIVE_RULES: Readonly<ExecutiveRules> = Object.freeze({
  keyDecisionThreshold: 100_000_000, // £1,000,000
  keyDecisionMinDivisions: 2,
  noticeClearDays: 28,
  generalExceptionClearDays: 5,
  privateIntentionClearDays: 28,
  privateReasonsClearDays: 5,
  callInClearWorkingDays: 5,
  callIn: Object.freeze({ scrutinyChairAlone: true, membersRequired: 3, executiveMembersMaySign: false }),
  publishProposedCabinetMemberDecisions: true,
});

/** A problem with an input, naming the field a form or API should mark. */
export interface RuleProblem {
  field: string;
  message: string;
}

/** Thrown by the rules when something is not allowed; `field` names what to fix. */
export class ExecutiveRuleError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ExecutiveRuleError';
  }
}

function nonNegativeInteger(n: unknown, field: string): RuleProblem | null {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? null : { field, message: `${field} must be a whole number of 0 or more` };
}

/** Reads a constitution's settings over the defaults, naming any bad value. */
export function executiveRules(settings: Partial<Omit<ExecutiveRules, 'callIn'>> & { callIn?: Partial<CallInEligibility> } = {}): ExecutiveRules {
  const rules: ExecutiveRules = {
    ...DEFAULT_EXECUTIVE_RULES,
    ...settings,
    callIn: { ...DEFAULT_EXECUTIVE_RULES.callIn, ...(settings.callIn ?? {}) },
  };
  const problems = [
    nonNegativeInteger(rules.keyDecisionThreshold, 'keyDecisionThreshold'),
    nonNegativeInteger(rules.noticeClearDays, 'noticeClearDays'),
    nonNegativeInteger(rules.generalExceptionClearDays, 'generalExceptionClearDays'),
    nonNegativeInteger(rules.privateIntentionClearDays, 'privateIntentionClearDays'),
    nonNegativeInteger(rules.privateReasonsClearDays, 'privateReasonsClearDays'),
    nonNegativeInteger(rules.callInClearWorkingDays, 'callInClearWorkingDays'),
    rules.keyDecisionMinDivisions >= 1 && Number.isInteger(rules.keyDecisionMinDivisions) ? null : { field: 'keyDecisionMinDivisions', message: 'keyDecisionMinDivisions must be a whole number of 1 or more' },
    rules.callIn.membersRequired >= 1 && Number.isInteger(rules.callIn.membersRequired) ? null : { field: 'callIn.membersRequired', message: 'callIn.membersRequired must be a whole number of 1 or more' },
  ].filter((p): p is RuleProblem => p !== null);
  if (problems.length) throw new ExecutiveRuleError(problems[0].message, problems[0].field);
  return rules;
}

// ---------------------------------------------------------------- clear days

/** Calendar days strictly between a and b (neither end counts); 0 when b is not after a. */
export function clearDaysBetween(a: IsoDate, b: IsoDate): number {
  return Math.max(0, daysBetween(a, b) - 1);
}

const PLAIN_CALENDAR = createWorkingCalendar();

/** Latest day a notice may appear leaving `clearDays` clear calendar days before `date`. */
export function noticeDeadline(date: IsoDate, clearDays: number): IsoDate {
  return PLAIN_CALENDAR.keyDecisionNoticeDeadline(date, clearDays);
}

/** Earliest day a decision may be taken `clearDays` clear calendar days after a notice. */
export function earliestDecisionDate(noticeOn: IsoDate, clearDays: number): IsoDate {
  assertIsoDate(noticeOn, 'notice date');
  return addDays(noticeOn, clearDays + 1);
}

// ---------------------------------------------------------------- key decisions

export type KeyDecisionGround = 'expenditure' | 'divisions';

export interface KeyDecisionTest {
  key: boolean;
  grounds: KeyDecisionGround[];
  /** "Expenditure or savings of £1,200,000 (threshold £1,000,000); affects 3 divisions". */
  explanation: string;
}

/** A decision is key if its expenditure or savings reach the threshold, or it affects enough divisions. */
export function keyDecisionTest(
  facts: { expenditurePence?: Pence | null; savingsPence?: Pence | null; divisionsAffected?: readonly string[] | null },
  rules: ExecutiveRules = DEFAULT_EXECUTIVE_RULES,
  options: { withholdAmount?: boolean } = {},
): KeyDecisionTest {
  const money = Math.max(Math.abs(facts.expenditurePence ?? 0), Math.abs(facts.savingsPence ?? 0));
  const divisions = new Set((facts.divisionsAffected ?? []).map((d) => d.trim()).filter(Boolean));
  const grounds: KeyDecisionGround[] = [];
  const parts: string[] = [];
  if (money >= rules.keyDecisionThreshold && money > 0) {
    grounds.push('expenditure');
    // A decision to be taken in private keeps its figure out of the published notice (often paragraph 3 information).
    parts.push(options.withholdAmount
      ? `expenditure or savings above the threshold of ${formatMoney(rules.keyDecisionThreshold)}`
      : `expenditure or savings of ${formatMoney(money)} (threshold ${formatMoney(rules.keyDecisionThreshold)})`);
  }
  if (divisions.size >= rules.keyDecisionMinDivisions) {
    grounds.push('divisions');
    parts.push(`a significant effect in ${divisions.size} electoral divisions`);
  }
  const explanation = parts.length ? parts.join('; ').replace(/^./, (c) => c.toUpperCase()) : 'Below the expenditure threshold and affecting fewer than ' + rules.keyDecisionMinDivisions + ' divisions';
  return { key: grounds.length > 0, grounds, explanation };
}

// ---------------------------------------------------------------- notice of a key decision, and its exceptions

export type NoticeException =
  | {
      kind: 'general-exception';
      /** The scrutiny chair (or each member of the committee) was told in writing on this day. */
      chairNotifiedOn: IsoDate | null;
      /** The general-exception notice, with the reasons, was published on this day. */
      publishedOn: IsoDate | null;
      reason: string | null;
    }
  | {
      kind: 'special-urgency';
      /** The scrutiny chair (or the chairman or vice-chairman of the council) agreed on this day. */
      agreedOn: IsoDate | null;
      agreedBy: string | null;
      reason: string | null;
    };

export type NoticeBasis = 'forward-plan' | 'general-exception' | 'special-urgency';

export type NoticeCheck = { ok: true; basis: NoticeBasis } | { ok: false; problems: RuleProblem[] };

/**
 * May a key decision be taken on `decisionOn`? With 28 clear days since the entry first appeared on the published
 * forward plan, yes; otherwise only under a general exception (chair told, notice published, 5 clear days) or
 * special urgency (the chair agreed on or before the day).
 */
export function checkKeyDecisionNotice(
  input: { firstPublishedOn: IsoDate | null; decisionOn: IsoDate; exception?: NoticeException | null },
  rules: ExecutiveRules = DEFAULT_EXECUTIVE_RULES,
): NoticeCheck {
  assertIsoDate(input.decisionOn, 'decisionOn');
  const { firstPublishedOn, decisionOn, exception } = input;
  if (firstPublishedOn && firstPublishedOn <= noticeDeadline(decisionOn, rules.noticeClearDays)) return { ok: true, basis: 'forward-plan' };
  const shortfall: RuleProblem = {
    field: 'decisionOn',
    message: firstPublishedOn
      ? `a key decision on ${decisionOn} is inside the ${rules.noticeClearDays} clear days after it first appeared on the forward plan (${firstPublishedOn}); the earliest date is ${earliestDecisionDate(firstPublishedOn, rules.noticeClearDays)}, unless a general exception or special urgency is recorded`
      : `a key decision on ${decisionOn} has not been published on the forward plan; publish it ${rules.noticeClearDays} clear days before (by ${noticeDeadline(decisionOn, rules.noticeClearDays)}) or record a general exception or special urgency`,
  };
  if (!exception) return { ok: false, problems: [shortfall] };
  const problems: RuleProblem[] = [];
  if (!exception.reason?.trim()) problems.push({ field: 'exception.reason', message: `a ${exception.kind === 'general-exception' ? 'general exception' : 'special urgency'} needs the reason the decision cannot wait` });
  if (exception.kind === 'general-exception') {
    if (!exception.chairNotifiedOn) problems.push({ field: 'exception.chairNotifiedOn', message: 'a general exception needs the date the scrutiny chair was told in writing' });
    else if (exception.chairNotifiedOn > decisionOn) problems.push({ field: 'exception.chairNotifiedOn', message: `the scrutiny chair must be told before the decision (${decisionOn}), not on ${exception.chairNotifiedOn}` });
    if (!exception.publishedOn) problems.push({ field: 'exception.publishedOn', message: 'a general exception needs the date its notice was published' });
    else if (exception.publishedOn > noticeDeadline(decisionOn, rules.generalExceptionClearDays)) {
      problems.push({
        field: 'exception.publishedOn',
        message: `the general exception notice published on ${exception.publishedOn} leaves fewer than ${rules.generalExceptionClearDays} clear days before ${decisionOn} (publish by ${noticeDeadline(decisionOn, rules.generalExceptionClearDays)}, or record special urgency)`,
      });
    }
  } else {
    if (!exception.agreedBy?.trim()) problems.push({ field: 'exception.agreedBy', message: 'special urgency needs the name of the scrutiny chair (or chairman of the council) who agreed' });
    if (!exception.agreedOn) problems.push({ field: 'exception.agreedOn', message: 'special urgency needs the date the chair agreed' });
    else if (exception.agreedOn > decisionOn) problems.push({ field: 'exception.agreedOn', message: `the chair's agreement (${exception.agreedOn}) must come on or before the decision (${decisionOn})` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, basis: exception.kind };
}

// ---------------------------------------------------------------- private meetings (reg. 5)

export interface PrivateMeetingCheck {
  ok: boolean;
  problems: RuleProblem[];
  /** Last day for the 28-day notice of intention. */
  intentionDeadline: IsoDate;
  /** Last day for the notice of reasons, representations and the response. */
  reasonsDeadline: IsoDate;
}

/**
 * An intention to take a decision in private needs 28 clear days' notice, then a notice of the reasons and any
 * representations 5 clear days before; short of either, the chair's agreement that it is urgent (published).
 */
export function checkPrivateMeetingNotice(
  input: { meetingOn: IsoDate; intentionPublishedOn: IsoDate | null; reasonsPublishedOn: IsoDate | null; urgencyAgreedBy?: string | null; urgencyReason?: string | null },
  rules: ExecutiveRules = DEFAULT_EXECUTIVE_RULES,
): PrivateMeetingCheck {
  assertIsoDate(input.meetingOn, 'meetingOn');
  const intentionDeadline = noticeDeadline(input.meetingOn, rules.privateIntentionClearDays);
  const reasonsDeadline = noticeDeadline(input.meetingOn, rules.privateReasonsClearDays);
  const problems: RuleProblem[] = [];
  if (!input.intentionPublishedOn || input.intentionPublishedOn > intentionDeadline) {
    problems.push({ field: 'intentionPublishedOn', message: `the notice of intention to meet in private on ${input.meetingOn} must be published by ${intentionDeadline} (${rules.privateIntentionClearDays} clear days)${input.intentionPublishedOn ? `, not ${input.intentionPublishedOn}` : ''}` });
  }
  if (!input.reasonsPublishedOn || input.reasonsPublishedOn > reasonsDeadline) {
    problems.push({ field: 'reasonsPublishedOn', message: `the notice of reasons and representations must be published by ${reasonsDeadline} (${rules.privateReasonsClearDays} clear days)${input.reasonsPublishedOn ? `, not ${input.reasonsPublishedOn}` : ''}` });
  }
  const urgent = !!input.urgencyAgreedBy?.trim() && !!input.urgencyReason?.trim();
  return { ok: problems.length === 0 || urgent, problems: urgent ? [] : problems, intentionDeadline, reasonsDeadline };
}

// ---------------------------------------------------------------- call-in

export interface CallInSignatory {
  personId: number;
  name: string;
  /** A councillor (not an officer or co-opted member). */
  councillor: boolean;
  /** Chair of the scrutiny committee that considers call-ins. */
  scrutinyChair: boolean;
  /** A member of the executive (Cabinet). */
  executive: boolean;
}

export type CallInRefusal =
  | 'urgent'
  | 'not-published'
  | 'window-closed'
  | 'not-open'
  | 'not-enough-signatories'
  | 'no-reasons'
  | 'ineligible-signatory';

export type CallInCheck =
  | { ok: true; counted: CallInSignatory[]; basis: 'scrutiny-chair' | 'members' }
  | { ok: false; refusal: CallInRefusal; field: string; message: string; counted: CallInSignatory[] };

export interface CallInWindow {
  /** The day the record was published; null when it has not been. */
  publishedOn: IsoDate | null;
  urgent: boolean;
}

/** The last day of the call-in window, or null for an urgent or unpublished decision. */
export function callInWindowEnd(w: CallInWindow, calendar: WorkingCalendar, rules: ExecutiveRules = DEFAULT_EXECUTIVE_RULES): IsoDate | null {
  if (w.urgent || !w.publishedOn) return null;
  return calendar.callInWindowEnd(w.publishedOn, rules.callInClearWorkingDays);
}

/**
 * May these councillors call this decision in on `requestedOn`? Counts each person once; ignores (and reports)
 * nobody silently: an ineligible signatory is a refusal naming them.
 */
export function checkCallIn(
  input: { decision: CallInWindow & { status: DecisionLifecycleStatus }; requestedOn: IsoDate; signatories: readonly CallInSignatory[]; reasons: string | null },
  calendar: WorkingCalendar,
  rules: ExecutiveRules = DEFAULT_EXECUTIVE_RULES,
): CallInCheck {
  assertIsoDate(input.requestedOn, 'requestedOn');
  const seen = new Set<number>();
  const counted = input.signatories.filter((s) => (seen.has(s.personId) ? false : (seen.add(s.personId), true)));
  const refuse = (refusal: CallInRefusal, field: string, message: string): CallInCheck => ({ ok: false, refusal, field, message, counted });
  const d = input.decision;
  if (d.urgent) return refuse('urgent', 'decision', 'this decision was taken as urgent and is exempt from call-in');
  if (!d.publishedOn) return refuse('not-published', 'decision', 'this decision has not been published, so it cannot be called in yet');
  if (d.status !== 'published') return refuse('not-open', 'decision', `this decision is ${DECISION_STATUS_LABELS[d.status].toLowerCase()} and not open to call-in`);
  const end = callInWindowEnd(d, calendar, rules) as IsoDate;
  if (input.requestedOn < d.publishedOn) return refuse('not-published', 'requestedOn', `a call-in cannot be made before the decision was published (${d.publishedOn})`);
  if (input.requestedOn > end) return refuse('window-closed', 'requestedOn', `the call-in window closed on ${end}; a request on ${input.requestedOn} is too late`);
  if (!input.reasons?.trim()) return refuse('no-reasons', 'reasons', 'give the reasons for the call-in');
  const bad = counted.find((s) => !s.councillor || (s.executive && !rules.callIn.executiveMembersMaySign));
  if (bad) {
    return refuse('ineligible-signatory', 'signatories', bad.councillor ? `${bad.name} is a member of the executive and cannot call in its decisions` : `${bad.name} is not a councillor and cannot call a decision in`);
  }
  if (rules.callIn.scrutinyChairAlone && counted.some((s) => s.scrutinyChair)) return { ok: true, counted, basis: 'scrutiny-chair' };
  if (counted.length >= rules.callIn.membersRequired) return { ok: true, counted, basis: 'members' };
  return refuse(
    'not-enough-signatories',
    'signatories',
    `a call-in needs ${rules.callIn.membersRequired} councillors${rules.callIn.scrutinyChairAlone ? ' or the scrutiny chair' : ''}; it has ${counted.length} (${rules.callIn.membersRequired - counted.length} more needed)`,
  );
}

// ---------------------------------------------------------------- the register's call-in filter

/** How the decisions register and /api/v1/decisions filter by call-in: window open today, called in, or never called in. */
export const DECISION_CALL_IN_FILTERS = ['open', 'called-in', 'not-called-in'] as const;
export type DecisionCallInFilter = (typeof DECISION_CALL_IN_FILTERS)[number];
export const DECISION_CALL_IN_FILTER_LABELS: Readonly<Record<DecisionCallInFilter, string>> = Object.freeze({
  open: 'Open for call-in today', 'called-in': 'Called in', 'not-called-in': 'Not called in',
});
/** Call-in requests that stopped the decision: valid (enough signatories) or since considered by scrutiny. */
export const EFFECTIVE_CALL_IN_STATUSES = ['valid', 'considered'] as const;

// ---------------------------------------------------------------- scrutiny outcomes

export const CALL_IN_OUTCOMES = ['a', 'b', 'c', 'd'] as const;
export type CallInOutcome = (typeof CALL_IN_OUTCOMES)[number];

/** As the cover sheet prints them. */
export const CALL_IN_OUTCOME_TEXT: Readonly<Record<CallInOutcome, string>> = Object.freeze({
  a: 'make no comments',
  b: 'express comments but not require reconsideration of the decision',
  c: 'require implementation of the decision to be postponed pending reconsideration of the matter by the decision-maker in the light of the Committee’s comments',
  d: 'require implementation of the decision to be postponed pending review or scrutiny of the matter by the full Council',
});

/**
 * The Committee's comments as stored. Records made before the comments were kept on their own begin with the
 * option's letter and cover-sheet wording, "(c) require … comments."; that prefix is not repeated.
 */
export function callInComments(outcome: CallInOutcome, stored: string | null): string | null {
  const prefix = `(${outcome}) ${CALL_IN_OUTCOME_TEXT[outcome]}.`;
  const text = stored?.trim() ?? '';
  const rest = text.startsWith(prefix) ? text.slice(prefix.length).trim() : text;
  return rest || null;
}

/** The outcome as the record reads it, once: what the Committee resolved, then its comments. */
export function callInOutcomeReading(outcome: CallInOutcome, stored: string | null): string {
  const comments = callInComments(outcome, stored);
  return `The Committee resolved to ${CALL_IN_OUTCOME_TEXT[outcome]}.${comments ? ` ${comments}` : ''}`;
}

/**
 * The Committee's resolution on a call-in as its minutes record it, in a council's words: which of the options (a)-(d)
 * it chose on the decision, then its comments. The same outcome and comments are what recordCallInOutcome stores.
 */
export function callInResolution(outcome: CallInOutcome, stored: string | null, decisionNumber: string): string {
  const said = callInComments(outcome, stored);
  const chose = `RESOLVED that, having considered decision ${decisionNumber} called in, the Committee ${CALL_IN_OUTCOME_TEXT[outcome]} (option (${outcome}))`;
  const then = outcome === 'a' || outcome === 'b' ? ' The decision may now be implemented.' : '';
  return `${chose}.${said ? ` The Committee\u2019s comments: ${said.replace(/\.?$/, '.')}` : ''}${then}`;
}

// ---------------------------------------------------------------- the decision's lifecycle

/**
 * Stored states. 'draft' is a decision taken whose record is not yet published; 'published' is open for call-in
 * until its window ends, then implementable (see decisionPhase).
 */
export const DECISION_LIFECYCLE_STATUSES = [
  'proposed',
  'draft',
  'published',
  'called-in',
  'reconsidering',
  'referred-to-council',
  'implementable',
  'superseded',
  'implemented',
  'withdrawn',
] as const;
export type DecisionLifecycleStatus = (typeof DECISION_LIFECYCLE_STATUSES)[number];

export const DECISION_STATUS_LABELS: Readonly<Record<DecisionLifecycleStatus, string>> = Object.freeze({
  proposed: 'Proposed',
  draft: 'Taken',
  published: 'Published',
  'called-in': 'Called in',
  reconsidering: 'Back to the decision taker',
  'referred-to-council': 'Referred to full Council',
  implementable: 'Implementable',
  superseded: 'Reconsidered',
  implemented: 'Implemented',
  withdrawn: 'Withdrawn',
});

export type DecisionEvent =
  | { kind: 'take' }
  | { kind: 'publish' }
  | { kind: 'call-in' }
  | { kind: 'outcome'; outcome: CallInOutcome }
  /** The decision taker (after (c)) or full Council (after (d)) lets the decision stand. */
  | { kind: 'confirm' }
  /** The decision taker took a new decision in its place (a new linked record). */
  | { kind: 'reconsider' }
  | { kind: 'implement' }
  | { kind: 'withdraw' };

/** Where a decision stands on a given day: the stored state, with 'published' resolved by its window. */
export type DecisionPhase = Exclude<DecisionLifecycleStatus, 'published'> | 'open-for-call-in';

export const DECISION_PHASE_LABELS: Readonly<Record<DecisionPhase, string>> = Object.freeze({
  ...Object.fromEntries(Object.entries(DECISION_STATUS_LABELS).filter(([k]) => k !== 'published')),
  'open-for-call-in': 'Open for call-in',
} as Record<DecisionPhase, string>);

export interface LifecycleFacts {
  status: DecisionLifecycleStatus;
  urgent: boolean;
  publishedOn: IsoDate | null;
  callInEndsOn: IsoDate | null;
}

export function decisionPhase(d: LifecycleFacts, today: IsoDate): DecisionPhase {
  if (d.status !== 'published') return d.status;
  if (d.urgent || !d.callInEndsOn || today > d.callInEndsOn) return 'implementable';
  return 'open-for-call-in';
}

/** A decision as the record stores it (urgent as 0 or 1). */
export interface StoredLifecycle {
  status: string;
  urgent: number | boolean | null;
  published_on: IsoDate | null;
  call_in_ends_on: IsoDate | null;
}

export function lifecycleFacts(d: StoredLifecycle): LifecycleFacts {
  return { status: d.status as DecisionLifecycleStatus, urgent: d.urgent === 1 || d.urgent === true, publishedOn: d.published_on, callInEndsOn: d.call_in_ends_on };
}

/**
 * Where a recorded decision stands today and how it reads: the one answer the register, the decision's page, the
 * workspace, the API, feeds, alerts and open data give (a 'published' record is "Open for call-in" or "Implementable").
 */
export function decisionStanding(d: StoredLifecycle, today: IsoDate): { phase: DecisionPhase; phaseLabel: string } {
  const phase = decisionPhase(lifecycleFacts(d), today);
  return { phase, phaseLabel: DECISION_PHASE_LABELS[phase] };
}

/** Records with where each stands today, for the lists that print them. */
export function withStanding<T extends StoredLifecycle>(rows: readonly T[], today: IsoDate): (T & { phase: DecisionPhase; phaseLabel: string })[] {
  return rows.map((d) => ({ ...d, ...decisionStanding(d, today) }));
}

/** The phases a public decision can be in, in the order of its life: what the register and the API filter by. */
export const PUBLIC_DECISION_PHASES: readonly DecisionPhase[] = Object.freeze([
  'proposed', 'open-for-call-in', 'called-in', 'reconsidering', 'referred-to-council', 'implementable', 'implemented', 'superseded', 'withdrawn',
] as DecisionPhase[]);

/**
 * How a list query finds the decisions in a phase on a day (decisionPhase read backwards): records stored in one of
 * `statuses`, or stored 'published' with the call-in window open ('open') or over (urgent, no window, or ended).
 */
export function phaseInStore(phase: DecisionPhase): { statuses: DecisionLifecycleStatus[]; published: 'window-open' | 'window-over' | null } {
  if (phase === 'open-for-call-in') return { statuses: [], published: 'window-open' };
  if (phase === 'implementable') return { statuses: ['implementable'], published: 'window-over' };
  return { statuses: [phase], published: null };
}

/** May the decision be put into effect on `today`? Not while proposed, unpublished, open for call-in or called in. */
export function isImplementable(d: LifecycleFacts, today: IsoDate): boolean {
  const p = decisionPhase(d, today);
  return p === 'implementable' || p === 'implemented';
}

/**
 * The one state machine: returns the state after `event`, or throws ExecutiveRuleError saying why not.
 * Urgent decisions go from published straight to implementable and cannot be called in.
 */
export function nextDecisionStatus(d: LifecycleFacts, event: DecisionEvent, today: IsoDate): DecisionLifecycleStatus {
  const phase = decisionPhase(d, today);
  const no = (why: string): never => {
    throw new ExecutiveRuleError(`cannot ${event.kind.replace('-', ' ')} a decision that is ${DECISION_PHASE_LABELS[phase].toLowerCase()}: ${why}`, 'status');
  };
  switch (event.kind) {
    case 'take':
      return d.status === 'proposed' ? 'draft' : no('only a proposed decision is taken');
    case 'publish':
      return d.status === 'draft' ? 'published' : no('only a decision taken and not yet published is published');
    case 'call-in':
      if (d.urgent) no('urgent decisions are exempt from call-in');
      return phase === 'open-for-call-in' ? 'called-in' : no('call-in is possible only while the window is open');
    case 'outcome':
      if (d.status !== 'called-in') no('only a called-in decision has a scrutiny outcome');
      return event.outcome === 'c' ? 'reconsidering' : event.outcome === 'd' ? 'referred-to-council' : 'implementable';
    case 'confirm':
      return d.status === 'reconsidering' || d.status === 'referred-to-council' ? 'implementable' : no('only a decision sent back for reconsideration is confirmed');
    case 'reconsider':
      return d.status === 'reconsidering' || d.status === 'referred-to-council' ? 'superseded' : no('only a decision sent back for reconsideration is replaced');
    case 'implement':
      return phase === 'implementable' ? 'implemented' : no('it may not be implemented yet');
    case 'withdraw':
      return d.status === 'proposed' || d.status === 'draft' ? 'withdrawn' : no('only a proposed or unpublished decision is withdrawn');
  }
}

// ---------------------------------------------------------------- forward plan entries

export const FORWARD_PLAN_STATUSES = ['planned', 'deferred', 'withdrawn', 'taken'] as const;
export type ForwardPlanStatus = (typeof FORWARD_PLAN_STATUSES)[number];

export const FORWARD_PLAN_STATUS_LABELS: Readonly<Record<ForwardPlanStatus, string>> = Object.freeze({
  planned: 'Planned',
  deferred: 'Deferred',
  withdrawn: 'Withdrawn',
  taken: 'Decision taken',
});

/** What each event in a forward plan entry's history says, by the action it is recorded under. */
export const FORWARD_PLAN_EVENT_LABELS: Readonly<Record<string, string>> = Object.freeze({
  added: 'added',
  amended: 'amended',
  deferred: 'deferred',
  reinstated: 'reinstated',
  withdrawn: 'withdrawn',
  taken: 'decision taken',
  'reasons-notice': 'notice of reasons for the meeting in private published',
  'private-urgency': 'urgency of the meeting in private agreed and published',
});

/** Allowed moves of a forward plan entry: planned ⇄ deferred; either to withdrawn or taken; nothing leaves those. */
export function nextForwardPlanStatus(from: ForwardPlanStatus, to: ForwardPlanStatus): ForwardPlanStatus {
  const ok =
    (from === 'planned' && to !== 'planned') ||
    (from === 'deferred' && to !== 'deferred');
  if (!ok) throw new ExecutiveRuleError(`a forward plan entry that is ${FORWARD_PLAN_STATUS_LABELS[from].toLowerCase()} cannot become ${FORWARD_PLAN_STATUS_LABELS[to].toLowerCase()}`, 'status');
  return to;
}

// ---------------------------------------------------------------- follow-up schedule

/** "Date actioned" as councils print it: a date, or one of these words. */
export const DATE_ACTIONED_WORDS = ['Not applicable', 'TBC', 'Ongoing'] as const;
export type DateActioned = { kind: 'date'; date: IsoDate } | { kind: 'expected'; date: IsoDate } | { kind: 'word'; word: (typeof DATE_ACTIONED_WORDS)[number] };

/** Reads "2012-03-01", "expected 2012-06-01", "Not applicable", "TBC" or "Ongoing" (any case). */
export function parseDateActioned(s: string, field = 'dateActioned'): DateActioned {
  const t = s.trim();
  const word = DATE_ACTIONED_WORDS.find((w) => w.toLowerCase() === t.toLowerCase() || (w === 'Not applicable' && /^n\/?a$/i.test(t)));
  if (word) return { kind: 'word', word };
  const m = /^(expected\s+)?(\d{4}-\d{2}-\d{2})$/i.exec(t);
  if (m) {
    try {
      assertIsoDate(m[2], field);
    } catch {
      throw new ExecutiveRuleError(`${field}: ${m[2]} is not a calendar date`, field);
    }
    return m[1] ? { kind: 'expected', date: m[2] } : { kind: 'date', date: m[2] };
  }
  throw new ExecutiveRuleError(`${field}: "${t}" is not a date (YYYY-MM-DD), "expected YYYY-MM-DD", "Not applicable", "TBC" or "Ongoing"`, field);
}

export function formatDateActioned(d: DateActioned): string {
  return d.kind === 'word' ? d.word : d.kind === 'expected' ? `expected ${d.date}` : d.date;
}

/** Recommendation labels as printed: "1", "1(a)", "2(c)". */
export function recommendationLabel(number: number, part: string | null): string {
  return part ? `${number}(${part})` : String(number);
}

/** The next letter for a part: a, b, … z, aa, ab. */
export function nextPartLetter(existing: readonly string[]): string {
  const n = existing.length;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return n < 26 ? letters[n] : letters[Math.floor(n / 26) - 1] + letters[n % 26];
}

export const FOLLOW_UP_VERDICTS = ['satisfactory', 'more-information'] as const;
export type FollowUpVerdict = (typeof FOLLOW_UP_VERDICTS)[number];

/**
 * A satisfactory response takes the entry off the schedule after the next meeting: marked at meeting M, the entry
 * is reported once more at the body's next meeting and then drops off. `verdictsOn` is the date of the meeting at
 * which each recommendation's latest response was marked (null while unmarked or when more was asked for).
 */
export function followUpOnSchedule(
  entry: { recommendations: readonly { verdict: FollowUpVerdict | null; verdictOn: IsoDate | null }[] },
  scheduleFor: IsoDate,
  bodyMeetingDates: readonly IsoDate[],
): boolean {
  const recs = entry.recommendations;
  if (recs.length === 0 || recs.some((r) => r.verdict !== 'satisfactory' || !r.verdictOn)) return true;
  const lastVerdict = recs.map((r) => r.verdictOn as IsoDate).sort().at(-1) as IsoDate;
  const nextMeeting = [...bodyMeetingDates].sort().find((d) => d > lastVerdict);
  return !nextMeeting || scheduleFor <= nextMeeting;
}

// ---------------------------------------------------------------- select committee reviews

export const REVIEW_STAGES = ['scoping', 'evidence', 'report', 'response', 'monitoring', 'closed'] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

export const REVIEW_STAGE_LABELS: Readonly<Record<ReviewStage, string>> = Object.freeze({
  scoping: 'Scoping',
  evidence: 'Evidence gathering',
  report: 'Final report',
  response: 'Executive response',
  monitoring: 'Monitoring',
  closed: 'Closed',
});

/** Reviews move forward one stage at a time (or stay put); a closed review stays closed. */
export function nextReviewStage(from: ReviewStage, to: ReviewStage): ReviewStage {
  const a = REVIEW_STAGES.indexOf(from);
  const b = REVIEW_STAGES.indexOf(to);
  if (b !== a + 1) throw new ExecutiveRuleError(`a review at ${REVIEW_STAGE_LABELS[from].toLowerCase()} moves next to ${a + 1 < REVIEW_STAGES.length ? REVIEW_STAGE_LABELS[REVIEW_STAGES[a + 1]].toLowerCase() : 'nothing'}, not ${REVIEW_STAGE_LABELS[to].toLowerCase()}`, 'stage');
  return to;
}
