// Call-in: councillors sign a request while the window is open; when the constitution's signatories are reached
// (the scrutiny chair, or N members) the decision is called in, implementation stops, the clerk and the decision
// taker are told, and an item goes on the scrutiny committee's next meeting. Late or ineligible requests are
// refused with the reason. The committee's outcome (a)–(d) then drives the decision.
import { callInOutcomeReading, CALL_IN_OUTCOMES, checkCallIn, type CallInOutcome, type CallInSignatory } from '../../domain/executive.js';
import type { Actor } from '../../domain/types.js';
import { can, type Viewer } from '../../domain/policy.js';
import { decisionExempt } from '../../domain/visibility.js';
import { ValidationError } from '../../errors.js';
import type { MailMessage } from '../../mail/index.js';
import { nowIso, recordAudit } from '../../store/audit.js';
import { transaction, type Db, type Queryable } from '../../store/db.js';
import { getMeeting } from '../../store/meetings.js';
import {
  callInRecipients, chairOn, decisionRow, decisionsOpenForCallIn, getCallIn, insertCallIn, insertSignatory, listCallIns, listSignatories, nextMeetingOfBody, scrutinyBodies, signatoryFacts, updateCallIn, updateDecisionRow,
} from '../../store/executive/call-ins.js';
import { personDisplayName } from '../../store/people.js';
import { decisionExemptPartFor } from '../../store/read/decisions.js';
import { formatDisplayDate } from '../../domain/display.js';
import { addItem, addSection, loadAgenda } from '../../store/workspace/agenda.js';
import { cycleContext, dateField, required, ruled } from './context.js';
import { facts } from './decisions.js';
import { nextDecisionStatus } from '../../domain/executive.js';

export interface CallInResult {
  callInId: number;
  status: 'collecting' | 'valid';
  signatories: string[];
  /** When still collecting: what is missing. */
  message: string;
  /** The scrutiny meeting the call-in was put on, when valid and one is scheduled. */
  meeting: { id: number; slug: string; date: string } | null;
  /** Messages for the clerk and the decision taker (sent by the caller when mail is configured). */
  notifications: MailMessage[];
}

/**
 * A councillor requests a call-in (or adds their name to an open request) on `on`. Refuses with a field-named
 * error when the decision is urgent, unpublished, past its window, or the councillor may not sign.
 */
export async function requestCallIn(db: Db, actor: Actor, input: { decisionId: number; personId: number; reasons?: string | null; on: string; scrutinyBodyId?: number | null }): Promise<CallInResult> {
  const on = dateField(input.on, 'requestedOn', 'the date of the request') as string;
  const { calendar, rules } = await cycleContext(db);
  return transaction(db, async (tx) => {
    const d = await decisionRow(tx, input.decisionId);
    if (!d) throw new ValidationError(`there is no decision ${input.decisionId}`, 'decision');
    const open = (await listCallIns(tx, { decisionId: d.id, statuses: ['collecting'] }))[0];
    const reasons = open ? open.reasons : input.reasons?.trim() || null;
    if (!open && !reasons) throw new ValidationError('give the reasons for calling the decision in', 'reasons');
    const existing = open ? await listSignatories(tx, [open.id]) : [];
    if (existing.some((s) => s.person_id === input.personId)) throw new ValidationError('you have already signed this call-in', 'signatories');
    const ids = [...existing.map((s) => s.person_id), input.personId];
    const known = await signatoryFacts(tx, ids, on);
    const signatories: CallInSignatory[] = ids.map((id) => {
      const f = known.find((k) => k.person.id === id);
      if (!f) throw new ValidationError(`there is no person ${id}`, 'personId');
      return { personId: id, name: personDisplayName(f.person), councillor: f.person.kind === 'councillor', scrutinyChair: f.scrutinyChair, executive: f.executive };
    });
    const check = checkCallIn({ decision: { status: facts(d).status, urgent: d.urgent === 1, publishedOn: d.published_on }, requestedOn: on, signatories, reasons }, calendar, rules);
    if (!check.ok && check.refusal !== 'not-enough-signatories') throw new ValidationError(check.message, check.field);
    const me = signatories[signatories.length - 1];
    const now = nowIso();
    let callInId: number;
    if (open) callInId = open.id;
    else {
      callInId = await insertCallIn(tx, {
        decision_id: d.id, requested_by: me.name, requested_by_person_id: me.personId, requested_on: on, reasons: reasons!, status: 'collecting', created_at: now,
        considered_at_meeting_id: null, outcome: null, outcome_notes: null,
      });
      await recordAudit(tx, actor, { action: 'create', entity: 'call_in', entityId: callInId, summary: `Call-in of ${d.number} requested by ${me.name}`, after: { reasons } });
    }
    await insertSignatory(tx, { call_in_id: callInId, person_id: me.personId, name: me.name, signed_on: on, signed_at: now });
    await recordAudit(tx, actor, { action: 'sign', entity: 'call_in', entityId: callInId, summary: `${me.name} signed the call-in of ${d.number}`, after: { person_id: me.personId, signed_on: on } });
    const names = check.counted.map((s) => s.name);
    if (!check.ok) return { callInId, status: 'collecting', signatories: names, message: check.message, meeting: null, notifications: [] };

    // Valid: the decision is called in and goes to the scrutiny committee's next meeting.
    const status = ruled(() => nextDecisionStatus(facts(d), { kind: 'call-in' }, on));
    await updateDecisionRow(tx, d.id, { status });
    await updateCallIn(tx, callInId, { status: 'valid', valid_on: on, basis: check.basis });
    await recordAudit(tx, actor, { action: 'call-in', entity: 'decision', entityId: d.id, summary: `${d.number} called in by ${names.join(', ')}: implementation stopped`, before: { status: d.status }, after: { status, call_in_id: callInId } });
    const meeting = await placeOnScrutinyAgenda(tx, actor, callInId, input.scrutinyBodyId ?? null, on);
    // The decision taker: the Cabinet Member or officer, or for a body the person who chairs it (the Leader for Cabinet).
    const takerId = d.taker_person_id ?? (d.taker_body_id ? await chairOn(tx, d.taker_body_id, on) : undefined);
    const recipients = await callInRecipients(tx, takerId ?? undefined);
    const text = `Decision ${d.number} (${d.subject}) has been called in by ${names.join(', ')} on ${formatDisplayDate(on)} and may not be implemented.\n\nReasons: ${reasons}\n\n${meeting ? `It will be considered by the scrutiny committee on ${formatDisplayDate(meeting.date)}.` : 'No scrutiny meeting is scheduled yet: Democratic Services will arrange one.'}`;
    const notifications = recipients.map((to) => ({ to, subject: `Call-in: decision ${d.number}`, text }));
    return { callInId, status: 'valid', signatories: names, message: `Decision ${d.number} is called in`, meeting, notifications };
  });
}

/** Puts a valid call-in on the scrutiny committee's next meeting (or the one given) as an item of its own. */
export async function placeOnScrutinyAgenda(tx: Queryable, actor: Actor, callInId: number, bodyId: number | null, on: string, meetingId?: number) {
  const c = await getCallIn(tx, callInId);
  if (!c) throw new ValidationError(`there is no call-in ${callInId}`, 'callIn');
  let meeting: { id: number; slug: string; date: string; status: string } | undefined;
  if (meetingId) meeting = await getMeeting(tx, meetingId);
  else {
    const body = bodyId ?? (await scrutinyBodies(tx))[0]?.id;
    meeting = body ? await nextMeetingOfBody(tx, body, on) : undefined;
  }
  if (!meeting || !['scheduled', 'agenda-published'].includes(meeting.status)) {
    if (meetingId) throw new ValidationError('choose a scrutiny meeting whose agenda is still open', 'meetingId');
    return null;
  }
  const agenda = await loadAgenda(tx, meeting.id);
  const sectionId = agenda.find((s) => !s.exempt)?.id ?? await addSection(tx, actor, meeting.id, { title: 'Decisions called in', exempt: false });
  const exempt = decisionExempt({ classification: c.decision_classification });
  const taker = c.decision_taker;
  const item = await addItem(tx, actor, meeting.id, {
    sectionId, title: `Decision ${c.decision_number} – ${c.decision_subject}`, purpose: 'Call-in of an executive decision: the Committee is asked to consider the decision and choose one of the options (a) to (d) on the cover sheet.',
    presenters: [], toFollow: false, urgentReason: null, exempt, exemptParagraphs: exempt ? [3] : [], publicInterestReason: exempt ? 'The decision contains exempt information about the financial or business affairs of a person.' : null,
    guests: [{ name: taker, role: 'Decision taker', timeSlot: null }],
  });
  await updateCallIn(tx, callInId, { considered_at_meeting_id: meeting.id, agenda_item_id: item.id });
  await recordAudit(tx, actor, { action: 'schedule', entity: 'call_in', entityId: callInId, summary: `Call-in of ${c.decision_number} put on the scrutiny meeting of ${meeting.date} as item ${item.code}`, after: { meeting_id: meeting.id, agenda_item_id: item.id } });
  return { id: meeting.id, slug: meeting.slug, date: meeting.date };
}

/** The clerk places a valid call-in on a chosen meeting (when none was scheduled at the time). */
export async function scheduleCallIn(db: Db, actor: Actor, callInId: number, meetingId: number, on: string) {
  return transaction(db, async (tx) => {
    const c = await getCallIn(tx, callInId);
    if (!c || c.status !== 'valid') throw new ValidationError('only a valid call-in awaiting consideration can be scheduled', 'callIn');
    if (c.agenda_item_id) throw new ValidationError('this call-in is already on a meeting\'s agenda', 'meetingId');
    return placeOnScrutinyAgenda(tx, actor, callInId, null, on, meetingId);
  });
}

/** The clerk refuses a request (for example, reasons outside the call-in procedure rules), saying why. */
export async function refuseCallIn(db: Db, actor: Actor, callInId: number, reason: string): Promise<void> {
  const why = required(reason, 'refusalReason', 'say why the call-in is refused');
  await transaction(db, async (tx) => {
    const c = await getCallIn(tx, callInId);
    if (!c) throw new ValidationError(`there is no call-in ${callInId}`, 'callIn');
    if (c.status !== 'collecting' && c.status !== 'valid') throw new ValidationError(`this call-in is ${c.status} and cannot be refused`, 'callIn');
    if (c.status === 'valid') {
      const d = await decisionRow(tx, c.decision_id);
      await updateDecisionRow(tx, c.decision_id, { status: 'published' });
      await recordAudit(tx, actor, { action: 'call-in-refused', entity: 'decision', entityId: c.decision_id, summary: `Call-in of ${d?.number} refused; the decision stands`, before: { status: d?.status }, after: { status: 'published' } });
    }
    await updateCallIn(tx, callInId, { status: 'refused', refusal_reason: why });
    await recordAudit(tx, actor, { action: 'refuse', entity: 'call_in', entityId: callInId, summary: `Call-in of ${c.decision_number} refused: ${why}`, before: { status: c.status }, after: { status: 'refused', refusal_reason: why } });
  });
}

/** The committee's outcome, as minuted: (a)/(b) the decision stands; (c) back to the decision taker; (d) to full Council. */
export async function recordCallInOutcome(db: Db, actor: Actor, callInId: number, input: { outcome: string; notes?: string | null; on: string }): Promise<{ decisionStatus: string }> {
  const on = dateField(input.on, 'outcomeOn', 'the date of the meeting') as string;
  if (!(CALL_IN_OUTCOMES as readonly string[]).includes(input.outcome)) throw new ValidationError('choose one of the options (a), (b), (c) or (d)', 'outcome');
  const outcome = input.outcome as CallInOutcome;
  if (outcome !== 'a' && !input.notes?.trim()) throw new ValidationError(`record the Committee's comments for option (${outcome})`, 'notes');
  return transaction(db, async (tx) => {
    const c = await getCallIn(tx, callInId);
    if (!c) throw new ValidationError(`there is no call-in ${callInId}`, 'callIn');
    if (c.status !== 'valid') throw new ValidationError(`this call-in is ${c.status}; only a valid call-in has an outcome`, 'callIn');
    const d = (await decisionRow(tx, c.decision_id))!;
    const status = ruled(() => nextDecisionStatus(facts(d), { kind: 'outcome', outcome }, on));
    // Only the Committee's own comments are stored: the option's wording comes from the outcome letter when read.
    const notes = input.notes?.trim() || null;
    await updateCallIn(tx, callInId, { status: 'considered', outcome, outcome_notes: notes, outcome_on: on });
    await updateDecisionRow(tx, d.id, { status });
    await recordAudit(tx, actor, { action: 'outcome', entity: 'call_in', entityId: callInId, summary: `Scrutiny outcome (${outcome}) on the call-in of ${d.number}`, after: { outcome, notes, on } });
    await recordAudit(tx, actor, { action: 'outcome', entity: 'decision', entityId: d.id, summary: `${d.number}: scrutiny outcome (${outcome})`, before: { status: d.status }, after: { status } });
    return { decisionStatus: status };
  });
}

export async function callInsWithSignatories(db: Queryable, f: { decisionId?: number; statuses?: readonly string[] } = {}) {
  const rows = await listCallIns(db, f);
  const sigs = await listSignatories(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, signatories: sigs.filter((s) => s.call_in_id === r.id) }));
}

export async function callInDetail(db: Queryable, id: number) {
  const c = await getCallIn(db, id);
  if (!c) return null;
  return { ...c, signatories: await listSignatories(db, [id]), outcomeReading: c.outcome ? callInOutcomeReading(c.outcome as CallInOutcome, c.outcome_notes) : null };
}

/** For a councillor's area: decisions open for call-in today (those the viewer may see), with any request collecting names. */
export async function openForCallIn(db: Queryable, viewer: Viewer, today: string) {
  const rows = (await decisionsOpenForCallIn(db, today)).filter((d) => can(viewer, 'view', { bodyId: d.taker_body_id, meetingId: d.meeting_id, exempt: decisionExempt(d), published: true }));
  const requests = await callInsWithSignatories(db, { statuses: ['collecting'] });
  // A decision taken in private: the councillor weighing a call-in reads its exempt part too (the one rule decides).
  return Promise.all(rows.map(async (d) => ({ ...d, exemptPart: await decisionExemptPartFor(db, viewer, d), request: requests.find((r) => r.decision_id === d.id) ?? null })));
}
