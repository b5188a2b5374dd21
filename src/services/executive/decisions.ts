// Executive decisions through their lifecycle (primer §4): proposed, taken (with the 28-day notice checked against
// the forward plan, or a general exception or special urgency recorded), published with the call-in window,
// called in, the scrutiny outcome (a)–(d), confirmed or reconsidered (a new linked decision), implemented.
// Each use-case is one transaction and audited.
import {
  callInOutcomeReading, checkKeyDecisionNotice, checkPrivateMeetingNotice, callInWindowEnd, decisionStanding, lifecycleFacts as facts, nextDecisionStatus,
  type CallInOutcome, type DecisionEvent, type ExecutiveRules, type NoticeBasis, type NoticeException,
} from '../../domain/executive.js';
import { addDays } from '../../domain/dates.js';
import { formatDisplayDate } from '../../domain/display.js';
import { can, type Viewer } from '../../domain/policy.js';
import { decisionExempt } from '../../domain/visibility.js';
import { cabinetMemberTitle, DECISION_TAKER_KINDS, type Actor, type DecisionTakerKind } from '../../domain/types.js';
import { ValidationError } from '../../errors.js';
import { recordAudit } from '../../store/audit.js';
import { transaction, type Db, type Queryable } from '../../store/db.js';
import { createDecision, listDecisions } from '../../store/decisions.js';
import { cabinetMembersOn, getBody } from '../../store/bodies.js';
import { getUser } from '../../store/accounts.js';
import { getPerson, personDisplayName } from '../../store/people.js';
import { decisionBySlug, decisionRow, decisionsAwaitingReconsideration, listCallIns, listSignatories, reconsiderations, updateDecisionRow } from '../../store/executive/call-ins.js';
import {
  getForwardPlanEntry, insertNoticeException, linkNoticeException, listForwardPlanEntries, listForwardPlanEvents, listNoticeExceptions, type ForwardPlanEntryRow,
} from '../../store/executive/forward-plan.js';
import { agendaItemsOfMeetings, getAgendaItem, getMeeting, listMeetings } from '../../store/meetings.js';
import { itemIsExempt } from '../../store/documents.js';
import { textToParagraphs } from '../../store/json.js';
import type { Row } from '../../store/schema.js';
import { cycleContext, dateField, refuse, required, ruled } from './context.js';
import { markForwardPlanEntryTaken } from './forward-plan.js';

export interface TakeDecisionInput {
  takerKind: DecisionTakerKind;
  takerName: string;
  takerBodyId?: number | null;
  takerPersonId?: number | null;
  portfolio?: string | null;
  meetingId?: number | null;
  agendaItemId?: number | null;
  forwardPlanEntryId?: number | null;
  /** For a decision taken on reconsideration after call-in. */
  reconsidersDecisionId?: number | null;
  takenOn: string;
  subject: string;
  key: boolean;
  urgent?: boolean;
  /**
   * Taken in private (a decision on an exempt item is, whatever this says). The record is still public, with the
   * exempt information left out (2012 Regulations, regs 12-13, 20): its exempt part goes in `exemptPart`.
   */
  exempt?: boolean;
  containsExemptInformation?: boolean;
  /** The paragraph(s) of Part 1 of Schedule 12A (default: the item's, else the forward plan entry's). */
  exemptParagraphs?: readonly number[] | null;
  /** The exempt reasons, details or appendix text: shown only to those entitled (seesDecisionExemptPart). */
  exemptPart?: string | null;
  text: string;
  reasons?: string | null;
  alternatives?: string | null;
  interestsDeclared?: string | null;
  dispensations?: string | null;
  consultation?: string | null;
  backgroundDocuments?: string | null;
  /** A general exception or special urgency, where the forward plan notice falls short. */
  exception?: NoticeException | null;
  /** Record as a proposed decision (published before it is taken), not yet taken. */
  proposed?: boolean;
}

/** Executive decisions: Cabinet, a Cabinet Member, or an officer under delegated executive powers. */
async function isExecutive(db: Queryable, input: TakeDecisionInput): Promise<boolean> {
  if (input.takerKind !== 'body') return true;
  if (!input.takerBodyId) return /cabinet|executive/i.test(input.takerName);
  const body = await getBody(db, input.takerBodyId);
  return body?.kind === 'cabinet' || body?.kind === 'cabinet-member' || body?.kind === 'cabinet-committee';
}

export async function takeDecision(db: Db, actor: Actor, input: TakeDecisionInput): Promise<{ id: number; number: string; slug: string; noticeBasis: string | null }> {
  if (!DECISION_TAKER_KINDS.includes(input.takerKind)) throw new ValidationError(`takerKind must be one of ${DECISION_TAKER_KINDS.join(', ')}`, 'takerKind');
  const takenOn = dateField(input.takenOn, 'takenOn', 'the date of the decision') as string;
  const takerName = required(input.takerName, 'takerName', 'enter the decision taker');
  const text = required(input.text, 'text', 'enter the decision');
  const { rules } = await cycleContext(db);
  return transaction(db, async (tx) => {
    // The item names its meeting: choosing the item alone is enough; a meeting chosen as well must be the item's.
    const item = input.agendaItemId ? await getAgendaItem(tx, input.agendaItemId) : undefined;
    if (input.agendaItemId && !item) throw new ValidationError(`there is no agenda item ${input.agendaItemId}`, 'agendaItemId');
    const meetingId = input.meetingId ?? item?.meeting_id ?? null;
    const m = meetingId ? await getMeeting(tx, meetingId) : undefined;
    if (meetingId && !m) throw new ValidationError(`there is no meeting ${meetingId}`, 'meetingId');
    if (item && m && item.meeting_id !== m.id) {
      const its = (await getMeeting(tx, item.meeting_id))!;
      throw new ValidationError(`item ${item.code} (${item.title}) is on the agenda of ${its.body_name}, ${formatDisplayDate(its.date)}, not of ${m.body_name}, ${formatDisplayDate(m.date)}: choose that meeting or an item of this one`, 'agendaItemId');
    }
    // The subject as the forward plan published it (or the agenda item's title, public even when the item is exempt).
    const entry = input.forwardPlanEntryId ? await getForwardPlanEntry(tx, input.forwardPlanEntryId) : undefined;
    const subject = required(input.subject?.trim() || entry?.title || item?.title, 'subject', 'enter the subject of the decision');
    if (m && input.takerKind !== 'body') throw new ValidationError('a decision at a meeting is taken by the body; a Cabinet Member or officer decision has its own record', 'takerKind');
    if (m && m.date !== takenOn) throw new ValidationError(`a decision at the meeting of ${formatDisplayDate(m.date)} is taken on that day, not ${formatDisplayDate(takenOn)}`, 'takenOn');
    // A decision at a meeting is the meeting's body's unless the caller says otherwise.
    input = { ...input, meetingId, takerBodyId: input.takerBodyId ?? m?.body_id ?? null };
    if (await isExecutive(tx, input)) {
      required(input.reasons, 'reasons', 'an executive decision needs the reasons for it');
      required(input.alternatives, 'alternatives', 'an executive decision needs the alternative options considered and rejected');
    }
    if (input.forwardPlanEntryId && !entry) throw new ValidationError(`there is no forward plan entry ${input.forwardPlanEntryId}`, 'forwardPlanEntryId');
    if (entry && (entry.status === 'taken' || entry.status === 'withdrawn')) throw new ValidationError(`the forward plan entry "${entry.title}" is already ${entry.status}`, 'forwardPlanEntryId');
    const key = input.key || entry?.key_decision === 1;
    const noticeBasis = key && !input.proposed ? noticeFor(entry, takenOn, input.exception, rules) : null;
    // Taken in private: asked for, or on an exempt item. The record is public with its exempt part left out, so it
    // must say under which paragraph(s) of Schedule 12A (those of the item, else of the forward plan notice).
    const onItem = await itemIsExempt(tx, item?.id);
    const inPrivate = (input.exempt ?? false) || onItem.exempt;
    const exemptPart = input.exemptPart?.trim() || null;
    const containsExempt = inPrivate || (input.containsExemptInformation ?? false) || !!exemptPart;
    const exemptParagraphs = !containsExempt ? [] : input.exemptParagraphs?.length ? [...input.exemptParagraphs]
      : onItem.exempt ? textToParagraphs(onItem.paragraphs) : entry?.private === 1 ? textToParagraphs(entry.exempt_paragraphs) : [];
    if (exemptParagraphs.some((n) => !Number.isInteger(n) || n < 1 || n > 7)) throw new ValidationError('exempt information falls under paragraphs 1 to 7 of Part 1 of Schedule 12A', 'exemptParagraphs');
    if ((inPrivate || exemptPart) && !exemptParagraphs.length) {
      throw new ValidationError('say under which paragraph(s) of Part 1 of Schedule 12A the information left out of the public record is exempt', 'exemptParagraphs');
    }
    // The scrutiny chair's agreement that the private meeting is urgent, recorded against the entry (reg. 5(6)).
    const [privateUrgency] = entry?.private === 1 ? await listNoticeExceptions(tx, { entryId: entry.id, kind: 'private-urgency' }) : [];
    if (entry?.private === 1 && !input.proposed && inPrivate) {
      const urgency = privateUrgency?.decision_on === takenOn ? { by: privateUrgency.agreed_by, reason: privateUrgency.reason }
        : input.exception?.kind === 'special-urgency' ? { by: input.exception.agreedBy, reason: input.exception.reason } : null;
      const p = checkPrivateMeetingNotice({ meetingOn: takenOn, intentionPublishedOn: entry.notice_published_on, reasonsPublishedOn: entry.reasons_notice_published_on,
        urgencyAgreedBy: urgency?.by ?? null, urgencyReason: urgency?.reason ?? null }, rules);
      if (!p.ok) {
        const elsewhere = privateUrgency ? ` (the urgency agreed by ${privateUrgency.agreed_by} was for a meeting on ${formatDisplayDate(privateUrgency.decision_on)})` : '';
        refuse(p.problems.map((x, i) => (i === 0 ? { ...x, message: `${x.message}${elsewhere}` } : x)));
      }
    }
    let original: Row<'decision'> | undefined;
    if (input.reconsidersDecisionId) {
      original = await decisionRow(tx, input.reconsidersDecisionId);
      if (!original) throw new ValidationError(`there is no decision ${input.reconsidersDecisionId}`, 'reconsidersDecisionId');
      if (original.status !== 'reconsidering' && original.status !== 'referred-to-council') {
        throw new ValidationError(`decision ${original.number} is ${original.status.replace(/-/g, ' ')}, not awaiting reconsideration`, 'reconsidersDecisionId');
      }
    }
    if (input.takerPersonId && !(await getPerson(tx, input.takerPersonId))) throw new ValidationError(`there is no person ${input.takerPersonId}`, 'takerPersonId');
    const created = await createDecision(tx, actor, {
      takerKind: input.takerKind, takerName, takerBodyId: input.takerBodyId ?? null, takerPersonId: input.takerPersonId ?? null,
      meetingId: input.meetingId ?? null, agendaItemId: input.agendaItemId ?? null, takenOn, subject, key, urgent: input.urgent ?? false,
      classification: 'unrestricted', containsExemptInformation: containsExempt, exemptParagraphs, exemptPart, text,
      reasons: input.reasons?.trim() || null, alternatives: input.alternatives?.trim() || null, interestsDeclared: input.interestsDeclared?.trim() || null,
      backgroundDocuments: input.backgroundDocuments?.trim() || null, status: input.proposed ? 'proposed' : 'draft',
    });
    // A Cabinet Member's decision entered by someone else (Democratic Services) says who entered it on their behalf.
    let enteredBy: string | null = null;
    if (input.takerPersonId) {
      const user = actor.kind === 'user' && actor.id !== null ? await getUser(tx, actor.id) : undefined;
      // The account's display name, never its email address (the timeline is public).
      if (user?.person_id !== input.takerPersonId) enteredBy = user?.display_name ?? 'Democratic Services';
    }
    const extra = {
      entered_by: enteredBy,
      forward_plan_entry_id: entry?.id ?? null, reconsiders_decision_id: original?.id ?? null, notice_basis: noticeBasis, portfolio: input.portfolio?.trim() || entry?.portfolio || null,
      proposed_on: input.proposed ? takenOn : null, consultation: input.consultation?.trim() || entry?.consultation || null, dispensations: input.dispensations?.trim() || null,
    };
    await updateDecisionRow(tx, created.id, extra);
    await recordNotice(tx, actor, { ...created, subject, takenOn }, input.proposed ? undefined : entry, noticeBasis, input.exception);
    if (privateUrgency && !privateUrgency.decision_id && !input.proposed) await linkNoticeException(tx, privateUrgency.id, created.id);
    if (original) {
      const status = ruled(() => nextDecisionStatus(facts(original!), { kind: 'reconsider' }, takenOn));
      await updateDecisionRow(tx, original.id, { status });
      await recordAudit(tx, actor, { action: 'reconsidered', entity: 'decision', entityId: original.id, summary: `${original.number} reconsidered: replaced by ${created.number}`, before: { status: original.status }, after: { status, replaced_by: created.number } });
    }
    await recordAudit(tx, actor, { action: 'update', entity: 'decision', entityId: created.id, summary: `Links and notice for ${created.number}`, after: extra });
    return { ...created, slug: created.number.replace('/', '-'), noticeBasis };
  });
}

export { facts };

/**
 * The notice a key decision stands on: 28 clear days on the forward plan, else the general exception or special
 * urgency recorded for it; refused (on the decision's date) where neither is met.
 */
function noticeFor(entry: ForwardPlanEntryRow | undefined, takenOn: string, exception: NoticeException | null | undefined, rules: ExecutiveRules): NoticeBasis {
  const check = checkKeyDecisionNotice({ firstPublishedOn: entry?.notice_published_on ?? null, decisionOn: takenOn, exception: exception ?? null }, rules);
  if (!check.ok) refuse(check.problems.map((p) => (p.field === 'decisionOn' ? { ...p, field: 'takenOn' } : p)));
  return check.basis;
}

/** The exception, listed for the quarterly report to full Council, and the forward plan entry marked taken. */
async function recordNotice(tx: Queryable, actor: Actor, d: { id: number; number: string; subject: string; takenOn: string }, entry: ForwardPlanEntryRow | undefined, basis: NoticeBasis | null, ex: NoticeException | null | undefined): Promise<void> {
  if ((basis === 'general-exception' || basis === 'special-urgency') && ex) {
    await insertNoticeException(tx, {
      kind: ex.kind, forward_plan_entry_id: entry?.id ?? null, decision_id: d.id, subject: d.subject, decision_on: d.takenOn,
      chair_notified_on: ex.kind === 'general-exception' ? ex.chairNotifiedOn : null, published_on: ex.kind === 'general-exception' ? ex.publishedOn : null,
      agreed_on: ex.kind === 'special-urgency' ? ex.agreedOn : null, agreed_by: ex.kind === 'special-urgency' ? ex.agreedBy : null, reason: ex.reason!.trim(), created_at: new Date().toISOString(),
    });
    await recordAudit(tx, actor, { action: 'notice-exception', entity: 'decision', entityId: d.id, summary: `${ex.kind === 'general-exception' ? 'General exception' : 'Special urgency'} recorded for ${d.number}`, after: ex });
  }
  if (entry) await markForwardPlanEntryTaken(tx, actor, entry.id, d.id, d.takenOn);
}

/**
 * A decision already on the record (loaded in bulk, as the demonstration council's are, or imported) linked to the
 * forward plan entry that gave notice of it, or given the general exception or special urgency that stood in for
 * the notice: the same check as takeDecision, the exception listed, the entry marked taken.
 */
export async function recordDecisionNotice(db: Db, actor: Actor, id: number, input: { forwardPlanEntryId?: number | null; exception?: NoticeException | null }): Promise<NoticeBasis | null> {
  const { rules } = await cycleContext(db);
  return transaction(db, async (tx) => {
    const d = await decisionRow(tx, id);
    if (!d) throw new ValidationError(`there is no decision ${id}`, 'decision');
    if (d.status === 'proposed') throw new ValidationError(`decision ${d.number} is proposed, not taken: its notice is checked when it is taken`, 'decision');
    if (d.forward_plan_entry_id || d.notice_basis) throw new ValidationError(`decision ${d.number} already has its notice recorded`, 'decision');
    const entry = input.forwardPlanEntryId ? await getForwardPlanEntry(tx, input.forwardPlanEntryId) : undefined;
    if (input.forwardPlanEntryId && !entry) throw new ValidationError(`there is no forward plan entry ${input.forwardPlanEntryId}`, 'forwardPlanEntryId');
    if (entry && (entry.status === 'taken' || entry.status === 'withdrawn')) throw new ValidationError(`the forward plan entry "${entry.title}" is already ${entry.status}`, 'forwardPlanEntryId');
    const key = d.key_decision === 1 || entry?.key_decision === 1;
    const basis = key ? noticeFor(entry, d.taken_on, input.exception, rules) : null;
    const after = { forward_plan_entry_id: entry?.id ?? null, notice_basis: basis, key_decision: key ? 1 : 0 };
    await updateDecisionRow(tx, id, after);
    await recordNotice(tx, actor, { id, number: d.number, subject: d.subject, takenOn: d.taken_on }, entry, basis, input.exception);
    await recordAudit(tx, actor, { action: 'update', entity: 'decision', entityId: id, summary: `Notice of ${d.number}: ${basis ?? 'not a key decision'}${entry ? ` (forward plan: "${entry.title}")` : ''}`, before: { forward_plan_entry_id: null, notice_basis: null }, after });
    return basis;
  });
}


async function transition(db: Db, actor: Actor, id: number, event: DecisionEvent, on: string, extra: Partial<Row<'decision'>>, summary: (d: Row<'decision'>) => string,
  then?: (tx: Queryable, d: Row<'decision'>) => Promise<void>) {
  dateField(on, 'date', 'the date');
  return transaction(db, async (tx) => {
    const d = await decisionRow(tx, id);
    if (!d) throw new ValidationError(`there is no decision ${id}`, 'decision');
    const status = ruled(() => nextDecisionStatus(facts(d), event, on));
    const after = { status, ...extra };
    await updateDecisionRow(tx, id, after);
    await recordAudit(tx, actor, { action: event.kind, entity: 'decision', entityId: id, summary: summary(d), before: { status: d.status }, after });
    if (then) await then(tx, d);
    return { ...d, ...after };
  });
}

/** A proposed decision is taken on a day (the 28-day notice is checked then). */
export async function takeProposedDecision(db: Db, actor: Actor, id: number, takenOn: string): Promise<void> {
  const { rules } = await cycleContext(db);
  const d = await decisionRow(db, id);
  if (d?.key_decision === 1 && d.notice_basis === null) {
    const entry = d.forward_plan_entry_id ? await getForwardPlanEntry(db, d.forward_plan_entry_id) : undefined;
    noticeFor(entry, takenOn, null, rules);
  }
  await transition(db, actor, id, { kind: 'take' }, takenOn, { taken_on: takenOn, notice_basis: d?.key_decision === 1 ? d.notice_basis ?? 'forward-plan' : null }, (x) => `${x.number} taken on ${takenOn}`,
    async (tx, x) => {
      if (x.forward_plan_entry_id) await markForwardPlanEntryTaken(tx, actor, x.forward_plan_entry_id, id, takenOn);
    });
}

/** Publishes the record: the call-in window opens (none for urgent decisions, which say so). */
export async function publishDecisionRecord(db: Db, actor: Actor, id: number, publishedOn: string): Promise<{ callInEndsOn: string | null }> {
  const { calendar, rules } = await cycleContext(db);
  const d = await decisionRow(db, id);
  if (d && publishedOn < d.taken_on) throw new ValidationError(`a decision cannot be published before it was taken (${formatDisplayDate(d.taken_on)})`, 'publishedOn');
  const callInEndsOn = d ? callInWindowEnd({ publishedOn, urgent: d.urgent === 1 }, calendar, rules) : null;
  await transition(db, actor, id, { kind: 'publish' }, publishedOn, { published_on: publishedOn, call_in_ends_on: callInEndsOn },
    (x) => `Published Record of Decision ${x.number}${callInEndsOn ? `; call-in ends ${callInEndsOn}` : ' (urgent: not open to call-in)'}`);
  return { callInEndsOn };
}

/** The decision taker (after (c)) or full Council (after (d)) lets the decision stand. */
export async function confirmDecision(db: Db, actor: Actor, id: number, on: string, note: string): Promise<void> {
  required(note, 'note', 'say who confirmed the decision and how (e.g. the Cabinet Member confirmed it on reconsideration)');
  await transition(db, actor, id, { kind: 'confirm' }, on, {}, (x) => `${x.number} confirmed on ${on}: ${note.trim()}`);
}

export async function implementDecision(db: Db, actor: Actor, id: number, on: string): Promise<void> {
  await transition(db, actor, id, { kind: 'implement' }, on, { implemented_on: on }, (x) => `${x.number} implemented from ${on}`);
}

export async function withdrawDecision(db: Db, actor: Actor, id: number, on: string, reason: string): Promise<void> {
  required(reason, 'reason', 'say why the decision is withdrawn');
  await transition(db, actor, id, { kind: 'withdraw' }, on, {}, (x) => `${x.number} withdrawn: ${reason.trim()}`);
}

export interface TimelineStep {
  on: string;
  label: string;
  detail: string | null;
  href: string | null;
}

/** Everything that happened to a decision, in order, as the public page shows it, and where it stands today. */
export async function decisionTimeline(db: Queryable, viewer: Viewer, slug: string, today: string) {
  const d = await decisionBySlug(db, slug);
  if (!d) return null;
  const published = d.status !== 'draft';
  if (!can(viewer, 'view', { bodyId: d.taker_body_id, meetingId: d.meeting_id, exempt: decisionExempt(d), published })) return null;
  const steps: TimelineStep[] = [];
  const entry = d.forward_plan_entry_id ? await getForwardPlanEntry(db, d.forward_plan_entry_id) : undefined;
  if (entry?.notice_published_on) steps.push({ on: entry.notice_published_on, label: 'Notice of key decision published on the forward plan', detail: entry.title, href: '/forward-plan' });
  if (entry) {
    for (const ev of await listForwardPlanEvents(db, entry.id)) {
      if (ev.action === 'deferred') steps.push({ on: ev.on_date, label: 'Deferred on the forward plan', detail: ev.to_expected_on ? `Now expected ${formatDisplayDate(ev.to_expected_on)}` : ev.note, href: null });
    }
  }
  for (const ex of await listNoticeExceptions(db, { decisionId: d.id })) {
    steps.push(ex.kind === 'general-exception'
      ? { on: ex.published_on ?? ex.decision_on, label: 'General exception notice published', detail: `${ex.chair_notified_on ? `Scrutiny chair told on ${formatDisplayDate(ex.chair_notified_on)}. ` : ''}${ex.reason}`, href: null }
      : ex.kind === 'private-urgency'
        ? { on: ex.agreed_on ?? ex.decision_on, label: 'Urgency of the meeting in private agreed', detail: `${ex.agreed_by} agreed the meeting was urgent and could not reasonably be deferred, without 28 clear days' notice. ${ex.reason}`, href: '/forward-plan/private-meetings' }
        : { on: ex.agreed_on ?? ex.decision_on, label: 'Special urgency agreed', detail: `${ex.agreed_by} agreed the decision was urgent. ${ex.reason}`, href: null });
  }
  const original = d.reconsiders_decision_id ? await decisionRow(db, d.reconsiders_decision_id) : undefined;
  if (original) steps.push({ on: d.taken_on, label: `Reconsideration of decision ${original.number} after call-in`, detail: original.subject, href: `/decisions/${original.slug}` });
  if (d.proposed_on) steps.push({ on: d.proposed_on, label: 'Proposed decision published', detail: null, href: null });
  if (d.status !== 'proposed') {
    steps.push({ on: d.taken_on, label: `Decision taken by ${d.taker_name}`, detail: d.entered_by ? `Entered in the record by ${d.entered_by} on the decision taker's behalf` : null, href: null });
  }
  if (d.published_on) {
    steps.push({ on: d.published_on, label: 'Record of decision published', detail: d.urgent ? 'Urgent decision: exempt from call-in' : d.call_in_ends_on ? `Open for call-in until ${formatDisplayDate(d.call_in_ends_on)}` : null, href: null });
  }
  const callIns = await listCallIns(db, { decisionId: d.id });
  const signatories = await listSignatories(db, callIns.map((c) => c.id));
  for (const c of [...callIns].reverse()) {
    const names = signatories.filter((s) => s.call_in_id === c.id).map((s) => s.name);
    if (c.status === 'valid' || c.status === 'considered') steps.push({ on: c.valid_on ?? c.requested_on, label: 'Called in', detail: `${names.length ? `By ${names.join(', ')}. ` : ''}Reasons: ${c.reasons}`, href: null });
    if (c.considered_at_meeting_id && c.meeting_slug) steps.push({ on: c.meeting_date!, label: 'Considered by the scrutiny committee', detail: null, href: `/meetings/${c.meeting_slug}` });
    if (c.outcome) steps.push({ on: c.outcome_on ?? c.meeting_date ?? c.requested_on, label: `Scrutiny outcome (${c.outcome})`, detail: callInOutcomeReading(c.outcome as CallInOutcome, c.outcome_notes), href: null });
  }
  for (const r of await reconsiderations(db, d.id)) steps.push({ on: r.taken_on, label: `Reconsidered: new decision ${r.number}`, detail: r.subject, href: `/decisions/${r.slug}` });
  if (d.implemented_on) steps.push({ on: d.implemented_on, label: 'Implemented', detail: null, href: null });
  const { phase, phaseLabel } = decisionStanding(d, today);
  if (phase === 'implementable' && d.call_in_ends_on && d.status === 'published') steps.push({ on: d.call_in_ends_on, label: 'Call-in period ended: may be implemented', detail: null, href: null });
  steps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return { decision: d, phase, phaseLabel, steps, forwardPlanEntry: entry ?? null, original: original ?? null };
}

/** General exceptions, special urgency decisions and urgent meetings in private in a period: the quarterly report to full Council (reg. 19). */
export function noticeExceptionsReport(db: Queryable, from: string, to: string) {
  dateField(from, 'from', 'the start of the period');
  dateField(to, 'to', 'the end of the period');
  return listNoticeExceptions(db, { from, to });
}

/** What the decision form offers: forward plan entries still open, meetings around today, decisions awaiting reconsideration. */
export async function decisionFormChoices(db: Queryable, today: string) {
  const [entries, meetings, awaiting, cabinetMembers] = await Promise.all([
    listForwardPlanEntries(db, { statuses: ['planned', 'deferred'] }),
    listMeetings(db, { from: addDays(today, -60), to: addDays(today, 60) }),
    decisionsAwaitingReconsideration(db),
    cabinetMembersOn(db, today).then((rows) => rows.map((p) => ({ ...p, name: personDisplayName(p) }))),
  ]);
  // Each meeting's agenda items, for the item the decision was taken on (withdrawn items decide nothing).
  const items = (await agendaItemsOfMeetings(db, meetings.map((m) => m.id))).filter((i) => !i.withdrawn);
  const agendas = meetings.map((m) => ({ meeting: m, items: items.filter((i) => i.meeting_id === m.id) })).filter((a) => a.items.length);
  return { entries, meetings, agendas, awaiting, cabinetMembers };
}

// ---------------------------------------------------------------- a Cabinet Member's own decisions

/** The Cabinet portfolio a person holds on a day, with their name as the record prints it; null when none. */
async function portfolioOn(db: Queryable, personId: number, on: string): Promise<{ name: string; portfolio: string } | null> {
  const held = (await cabinetMembersOn(db, on)).find((p) => p.person_id === personId);
  return held?.portfolio ? { name: personDisplayName(held), portfolio: held.portfolio } : null;
}

/** The policy's facts about a Cabinet Member decision (never at a meeting, never a body's). */
const ownDecisionResource = (personId: number | null, holdsPortfolio: boolean, d: { takerKind: string; meetingId: number | null; bodyId: number | null } = { takerKind: 'cabinet-member', meetingId: null, bodyId: null }) => ({
  bodyId: d.bodyId, meetingId: d.meetingId, exempt: false, decisionTaker: { kind: d.takerKind, personId, holdsPortfolio },
});

function personOf(viewer: Viewer): number {
  if (viewer.kind !== 'user' || viewer.personId === null || !can(viewer, 'record-own-decision')) {
    throw new ValidationError('only a councillor signed in to their own account records their own decisions', 'account');
  }
  return viewer.personId;
}

/** What a Cabinet Member enters: the decision itself; who took it, and that it is not at a meeting, follow from who they are. */
export type OwnDecisionInput = Omit<TakeDecisionInput, 'takerKind' | 'takerName' | 'takerBodyId' | 'takerPersonId' | 'portfolio' | 'meetingId' | 'agendaItemId' | 'exception'>;

/**
 * A Cabinet Member records their own decision (or, where the constitution publishes them, their proposed decision):
 * the same use-case as Democratic Services' form (takeDecision: reasons and alternatives, the forward plan link, the
 * 28 clear days), with the taker fixed to the signed-in councillor holding a portfolio on the decision date, so the
 * record says they entered it themselves. A reconsidered decision after call-in outcome (c) must be theirs to reconsider.
 */
export async function recordOwnDecision(db: Db, viewer: Viewer, actor: Actor, input: OwnDecisionInput) {
  const personId = personOf(viewer);
  const takenOn = dateField(input.takenOn, 'takenOn', 'the date of the decision') as string;
  const held = await portfolioOn(db, personId, takenOn);
  if (!can(viewer, 'record-own-decision', ownDecisionResource(personId, held !== null))) {
    throw new ValidationError(`you do not hold a Cabinet portfolio on ${formatDisplayDate(takenOn)}: only a Cabinet Member records their own decisions`, 'takenOn');
  }
  const { rules } = await cycleContext(db);
  if (input.proposed && !rules.publishProposedCabinetMemberDecisions) {
    throw new ValidationError('the constitution does not publish proposed decisions before they are taken: record the decision once you have taken it', 'proposed');
  }
  if (input.reconsidersDecisionId) {
    const original = await decisionRow(db, input.reconsidersDecisionId);
    if (original && original.taker_person_id !== personId) throw new ValidationError(`decision ${original.number} was not taken by you: only its decision taker reconsiders it`, 'reconsidersDecisionId');
    if (original && input.proposed) throw new ValidationError('a reconsidered decision is recorded as taken', 'proposed');
  }
  if (input.forwardPlanEntryId) {
    const entry = await getForwardPlanEntry(db, input.forwardPlanEntryId);
    if (entry && entry.taker_kind !== 'cabinet-member') throw new ValidationError(`the forward plan entry "${entry.title}" is a decision for ${entry.taker_name}, not a Cabinet Member decision`, 'forwardPlanEntryId');
  }
  return takeDecision(db, actor, { ...input, takerKind: 'cabinet-member', takerName: `${held!.name}, ${cabinetMemberTitle(held!.portfolio)}`, takerPersonId: personId, portfolio: held!.portfolio, meetingId: null, agendaItemId: null, exception: null });
}

/** One of the councillor's own decisions, if the policy lets them act on it (their own, with a portfolio that day). */
async function ownDecision(db: Queryable, viewer: Viewer, id: number): Promise<Row<'decision'>> {
  const personId = personOf(viewer);
  const d = await decisionRow(db, id);
  const holds = d ? (await portfolioOn(db, personId, d.taken_on)) !== null : false;
  if (!d || !can(viewer, 'record-own-decision', ownDecisionResource(d.taker_person_id, holds && d.taker_person_id === personId, { takerKind: d.taker_kind, meetingId: d.meeting_id, bodyId: d.taker_body_id }))) {
    throw new ValidationError(`there is no decision ${id} of yours`, 'decision');
  }
  return d;
}

/** The Cabinet Member takes their proposed decision (the 28 clear days checked then). */
export async function takeOwnProposedDecision(db: Db, viewer: Viewer, actor: Actor, id: number, takenOn: string): Promise<void> {
  await ownDecision(db, viewer, id);
  await takeProposedDecision(db, actor, id, takenOn);
}

/** The Cabinet Member publishes the Record of their decision: the call-in window opens. */
export async function publishOwnDecision(db: Db, viewer: Viewer, actor: Actor, id: number, publishedOn: string) {
  await ownDecision(db, viewer, id);
  return publishDecisionRecord(db, actor, id, publishedOn);
}

/** A councillor's own decisions, newest first, and those sent back to them after call-in outcome (c). */
export async function ownDecisions(db: Queryable, personId: number, today: string) {
  const rows = await listDecisions(db, { takerPersonId: personId, limit: 200 });
  const withPhase = rows.map((d) => ({ ...d, ...decisionStanding(d, today) }));
  return { decisions: withPhase, awaiting: withPhase.filter((d) => d.status === 'reconsidering') };
}

/** What the councillor's form offers: Cabinet Member entries on the forward plan and their own decisions awaiting reconsideration. */
export async function ownDecisionFormChoices(db: Queryable, personId: number, today: string) {
  const [entries, own, held, { rules }] = await Promise.all([
    listForwardPlanEntries(db, { statuses: ['planned', 'deferred'] }), ownDecisions(db, personId, today), portfolioOn(db, personId, today), cycleContext(db),
  ]);
  return { entries: entries.filter((e) => e.taker_kind === 'cabinet-member'), awaiting: own.awaiting, held, proposedAllowed: rules.publishProposedCabinetMemberDecisions };
}
