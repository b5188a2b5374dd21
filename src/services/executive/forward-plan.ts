// The forward plan (notice of key decisions, reg. 9): entries added and amended by the clerk, moved (deferred,
// withdrawn, reinstated, taken) with their history kept, and published as dated editions that are never
// overwritten. An entry's notice date is the day it first appeared on a published edition.
import { formatDisplayDate } from '../../domain/display.js';
import { checkPrivateMeetingNotice, nextForwardPlanStatus, type ForwardPlanStatus, keyDecisionTest } from '../../domain/executive.js';
import { can, type Viewer } from '../../domain/policy.js';
import { DECISION_TAKER_KINDS, type Actor, type DecisionTakerKind } from '../../domain/types.js';
import { ValidationError } from '../../errors.js';
import { nowIso, recordAudit } from '../../store/audit.js';
import { transaction, type Db, type Queryable } from '../../store/db.js';
import {
  getForwardPlanEdition, getForwardPlanEntry, insertForwardPlanEdition, insertForwardPlanEntry, insertForwardPlanEvent, insertNoticeException, lastForwardPlanEdition,
  listForwardPlanEditions, listForwardPlanEntries, listForwardPlanEvents, listNoticeExceptions, markFirstPublished, updateForwardPlanEntry, type ForwardPlanEntryRow,
} from '../../store/executive/forward-plan.js';
import { paragraphsToText, textToParagraphs } from '../../store/json.js';
import { cycleContext, dateField, required, ruled } from './context.js';

export interface ForwardPlanEntryInput {
  reference?: string | null;
  title: string;
  takerKind: DecisionTakerKind;
  takerName: string;
  takerBodyId?: number | null;
  takerPersonId?: number | null;
  portfolio?: string | null;
  expectedOn?: string | null;
  meetingId?: number | null;
  key: boolean;
  keyReason?: string | null;
  expenditurePence?: number | null;
  divisions?: string[];
  private?: boolean;
  exemptParagraphs?: number[];
  privateReason?: string | null;
  documents?: string | null;
  consultation?: string | null;
  contact?: string | null;
}

function validate(input: ForwardPlanEntryInput) {
  const title = required(input.title, 'title', 'enter the subject of the decision');
  if (!DECISION_TAKER_KINDS.includes(input.takerKind)) throw new ValidationError(`takerKind must be one of ${DECISION_TAKER_KINDS.join(', ')}`, 'takerKind');
  const takerName = required(input.takerName, 'takerName', 'enter the decision taker (Cabinet, a Cabinet Member by portfolio, or an officer)');
  const expectedOn = dateField(input.expectedOn, 'expectedOn', 'the expected date of the decision', true);
  if (!expectedOn && !input.meetingId) throw new ValidationError('enter the expected date of the decision or choose the meeting', 'expectedOn');
  const divisions = (input.divisions ?? []).map((d) => d.trim()).filter(Boolean);
  let keyReason = input.keyReason?.trim() || null;
  if (input.key && !keyReason) {
    const test = keyDecisionTest({ expenditurePence: input.expenditurePence, divisionsAffected: divisions }, undefined, { withholdAmount: !!input.private });
    if (!test.key) throw new ValidationError('say why this is a key decision: expenditure or savings above the threshold, or a significant effect in two or more divisions', 'keyReason');
    keyReason = test.explanation;
  }
  if (input.private) {
    if (!input.exemptParagraphs?.length) throw new ValidationError('a decision to be taken in private needs the paragraph(s) of Schedule 12A', 'exemptParagraphs');
    if (input.exemptParagraphs.some((p) => !Number.isInteger(p) || p < 1 || p > 7)) throw new ValidationError('Schedule 12A paragraphs are 1 to 7', 'exemptParagraphs');
    required(input.privateReason, 'privateReason', 'say why the decision will be taken in private');
  }
  return {
    reference: input.reference?.trim() || null, title, taker_kind: input.takerKind, taker_name: takerName, taker_body_id: input.takerBodyId ?? null,
    taker_person_id: input.takerPersonId ?? null, portfolio: input.portfolio?.trim() || null, expected_on: expectedOn, meeting_id: input.meetingId ?? null,
    key_decision: input.key ? 1 : 0, key_reason: input.key ? keyReason : null, expenditure_pence: input.expenditurePence ?? null, divisions: divisions.join('; '),
    private: input.private ? 1 : 0, exempt_paragraphs: input.private ? paragraphsToText(input.exemptParagraphs ?? []) : '', private_reason: input.private ? input.privateReason!.trim() : null,
    documents: input.documents?.trim() || null, consultation: input.consultation?.trim() || null, contact: input.contact?.trim() || null,
  };
}

export async function addForwardPlanEntry(db: Db, actor: Actor, input: ForwardPlanEntryInput, today: string): Promise<number> {
  const values = validate(input);
  return transaction(db, async (tx) => {
    const now = nowIso();
    const id = await insertForwardPlanEntry(tx, { ...values, status: 'planned', notice_published_on: null, decision_id: null, created_at: now, updated_at: now });
    await insertForwardPlanEvent(tx, { entry_id: id, on_date: today, at: now, action: 'added', to_status: 'planned', to_expected_on: values.expected_on, actor_name: actor.name });
    await recordAudit(tx, actor, { action: 'create', entity: 'forward_plan_entry', entityId: id, summary: `Forward plan: added "${values.title}"`, after: values });
    return id;
  });
}

async function entryOrFail(db: Queryable, id: number): Promise<ForwardPlanEntryRow> {
  const e = await getForwardPlanEntry(db, id);
  if (!e) throw new ValidationError(`there is no forward plan entry ${id}`, 'entry');
  return e;
}

export async function amendForwardPlanEntry(db: Db, actor: Actor, id: number, input: ForwardPlanEntryInput, today: string): Promise<void> {
  const values = validate(input);
  await transaction(db, async (tx) => {
    const before = await entryOrFail(tx, id);
    if (before.status === 'taken' || before.status === 'withdrawn') throw new ValidationError(`this entry is ${before.status} and can no longer be changed`, 'entry');
    await updateForwardPlanEntry(tx, id, { ...values, updated_at: nowIso() });
    await insertForwardPlanEvent(tx, { entry_id: id, on_date: today, at: nowIso(), action: 'amended', from_expected_on: before.expected_on, to_expected_on: values.expected_on, actor_name: actor.name });
    await recordAudit(tx, actor, { action: 'update', entity: 'forward_plan_entry', entityId: id, summary: `Forward plan: amended "${values.title}"`, before, after: values });
  });
}

/** Defers (optionally to a new date), withdraws or reinstates an entry, keeping the move in its history. */
export async function moveForwardPlanEntry(db: Db, actor: Actor, id: number, move: { to: Exclude<ForwardPlanStatus, 'taken'>; expectedOn?: string | null; note?: string | null }, today: string): Promise<void> {
  const expectedOn = dateField(move.expectedOn, 'expectedOn', 'the new expected date', true);
  if (move.to === 'withdrawn' && !move.note?.trim()) throw new ValidationError('say why the entry is withdrawn', 'note');
  await transaction(db, async (tx) => {
    const before = await entryOrFail(tx, id);
    const to = ruled(() => nextForwardPlanStatus(before.status as ForwardPlanStatus, move.to));
    const after = { status: to, expected_on: expectedOn ?? before.expected_on, updated_at: nowIso() };
    await updateForwardPlanEntry(tx, id, after);
    const action = to === 'planned' ? 'reinstated' : to;
    await insertForwardPlanEvent(tx, { entry_id: id, on_date: today, at: nowIso(), action, from_status: before.status, to_status: to, from_expected_on: before.expected_on, to_expected_on: after.expected_on, note: move.note?.trim() || null, actor_name: actor.name });
    await recordAudit(tx, actor, { action, entity: 'forward_plan_entry', entityId: id, summary: `Forward plan: "${before.title}" ${action}${expectedOn ? ` to ${expectedOn}` : ''}`, before: { status: before.status, expected_on: before.expected_on }, after });
  });
}

/** Called inside the transaction that records the decision: the entry is taken and links to it. */
export async function markForwardPlanEntryTaken(tx: Queryable, actor: Actor, id: number, decisionId: number, on: string): Promise<void> {
  const before = await entryOrFail(tx, id);
  ruled(() => nextForwardPlanStatus(before.status as ForwardPlanStatus, 'taken'), 'forwardPlanEntry.');
  await updateForwardPlanEntry(tx, id, { status: 'taken', decision_id: decisionId, updated_at: nowIso() });
  await insertForwardPlanEvent(tx, { entry_id: id, on_date: on, at: nowIso(), action: 'taken', from_status: before.status, to_status: 'taken', from_expected_on: before.expected_on, to_expected_on: on, actor_name: actor.name });
  await recordAudit(tx, actor, { action: 'taken', entity: 'forward_plan_entry', entityId: id, summary: `Forward plan: "${before.title}" taken`, after: { decision_id: decisionId } });
}

/** An entry as the published notice shows it. */
export interface PublishedEntry {
  id: number;
  reference: string | null;
  title: string;
  status: string;
  takerName: string;
  portfolio: string | null;
  expectedOn: string | null;
  key: boolean;
  keyReason: string | null;
  private: boolean;
  exemptParagraphs: number[];
  privateReason: string | null;
  divisions: string[];
  documents: string | null;
  consultation: string | null;
  contact: string | null;
  firstPublishedOn: string | null;
  decisionSlug: string | null;
}

function published(e: Awaited<ReturnType<typeof listForwardPlanEntries>>[number], firstPublishedOn: string | null): PublishedEntry {
  return {
    id: e.id, reference: e.reference, title: e.title, status: e.status, takerName: e.taker_name, portfolio: e.portfolio, expectedOn: e.expected_on ?? e.meeting_date ?? null,
    key: e.key_decision === 1, keyReason: e.key_reason, private: e.private === 1, exemptParagraphs: textToParagraphs(e.exempt_paragraphs), privateReason: e.private_reason,
    divisions: e.divisions ? e.divisions.split('; ') : [], documents: e.documents, consultation: e.consultation, contact: e.contact, firstPublishedOn, decisionSlug: e.decision_slug,
  };
}

/**
 * Publishes the next edition: every planned or deferred entry, and those taken or withdrawn since the last
 * edition (so readers see what left the plan). First-time entries get their notice date.
 */
export async function publishForwardPlan(db: Db, actor: Actor, publishedOn: string, note: string | null = null): Promise<{ edition: number; entries: number }> {
  dateField(publishedOn, 'publishedOn', 'the date of publication');
  return transaction(db, async (tx) => {
    const last = await lastForwardPlanEdition(tx);
    if (last && publishedOn < last.published_on) throw new ValidationError(`the edition cannot be dated ${formatDisplayDate(publishedOn)}, before edition ${last.edition} (${formatDisplayDate(last.published_on)})`, 'publishedOn');
    const previousIds = new Set(last ? (JSON.parse(last.entries_json) as PublishedEntry[]).filter((e) => e.status === 'planned' || e.status === 'deferred').map((e) => e.id) : []);
    const rows = (await listForwardPlanEntries(tx)).filter((e) => e.status === 'planned' || e.status === 'deferred' || previousIds.has(e.id));
    if (!rows.length) throw new ValidationError('there are no entries to publish: add an entry first', 'entries');
    const entries = rows.map((e) => published(e, e.notice_published_on ?? (e.status === 'planned' || e.status === 'deferred' ? publishedOn : null)));
    await markFirstPublished(tx, rows.filter((e) => e.status === 'planned' || e.status === 'deferred').map((e) => e.id), publishedOn);
    const edition = (last?.edition ?? 0) + 1;
    const id = await insertForwardPlanEdition(tx, { edition, published_on: publishedOn, published_at: nowIso(), published_by: actor.name, entries_json: JSON.stringify(entries), note: note?.trim() || null });
    await recordAudit(tx, actor, { action: 'publish', entity: 'forward_plan_edition', entityId: id, summary: `Published the forward plan, edition ${edition} (${entries.length} entries)`, after: { edition, published_on: publishedOn } });
    return { edition, entries: entries.length };
  });
}

/** The clerk's working list, with each entry's history. */
export async function forwardPlanWorkspace(db: Queryable) {
  const entries = await listForwardPlanEntries(db);
  return entries;
}

export async function forwardPlanEntryDetail(db: Queryable, id: number) {
  const entry = await getForwardPlanEntry(db, id);
  if (!entry) return null;
  const [urgency] = await listNoticeExceptions(db, { entryId: id, kind: 'private-urgency' });
  return { entry, events: await listForwardPlanEvents(db, id), urgency: urgency ?? null };
}

/**
 * The public forward plan: an edition (the latest by default) and the list of every edition. Only what was
 * published is shown; the clerk's unpublished changes are not (the one visibility rule decides).
 */
export async function readForwardPlan(db: Queryable, viewer: Viewer, edition?: number) {
  const editions = await listForwardPlanEditions(db);
  const wanted = edition ?? editions[0]?.edition;
  const row = wanted ? await getForwardPlanEdition(db, wanted) : undefined;
  const entries = row ? (JSON.parse(row.entries_json) as PublishedEntry[]) : [];
  // Entries not yet on any edition are the clerk's working copy: unpublished, so only the entitled see them.
  const unpublished = can(viewer, 'view', { bodyId: null, meetingId: null, exempt: false, published: false })
    ? (await listForwardPlanEntries(db, { statuses: ['planned', 'deferred'] })).filter((e) => !e.notice_published_on).map((e) => published(e, null))
    : [];
  return { editions, edition: row ? { edition: row.edition, publishedOn: row.published_on, publishedBy: row.published_by, note: row.note, latest: row.edition === editions[0]?.edition } : null, entries, unpublished };
}

/** The key decisions still to come on the latest published edition, soonest first (the home page lists them). */
export async function upcomingKeyDecisions(db: Queryable, today: string, limit: number): Promise<PublishedEntry[]> {
  const latest = await lastForwardPlanEdition(db);
  const entries = latest ? (JSON.parse(latest.entries_json) as PublishedEntry[]) : [];
  return entries.filter((e) => e.key && (e.status === 'planned' || e.status === 'deferred') && !!e.expectedOn && e.expectedOn >= today)
    .sort((a, b) => (a.expectedOn! < b.expectedOn! ? -1 : a.expectedOn! > b.expectedOn! ? 1 : 0)).slice(0, limit);
}

export function forwardPlanEntryHistory(db: Queryable, id: number) {
  return listForwardPlanEvents(db, id);
}

/**
 * The further notice before a private meeting (reg. 5(2)): at least 5 clear days before, the reasons for meeting in
 * private, any representations received about it and the response to them. Recorded on the entry, with its history.
 */
export async function publishPrivateMeetingNotice(db: Db, actor: Actor, id: number, input: { publishedOn: string; representations?: string | null }): Promise<void> {
  const publishedOn = dateField(input.publishedOn, 'publishedOn', 'the date the notice of reasons was published') as string;
  await transaction(db, async (tx) => {
    const before = await entryOrFail(tx, id);
    if (!before.private) throw new ValidationError('this entry is not to be taken in private: it needs no notice of reasons', 'private');
    if (!before.notice_published_on) throw new ValidationError('publish the entry on the forward plan (the 28-day notice) before the notice of reasons', 'publishedOn');
    if (publishedOn < before.notice_published_on) throw new ValidationError(`the notice of reasons cannot come before the entry's first notice (${formatDisplayDate(before.notice_published_on)})`, 'publishedOn');
    const after = { reasons_notice_published_on: publishedOn, representations: input.representations?.trim() || 'None received', updated_at: nowIso() };
    await updateForwardPlanEntry(tx, id, after);
    await insertForwardPlanEvent(tx, { entry_id: id, on_date: publishedOn, at: nowIso(), action: 'reasons-notice', from_status: before.status, to_status: before.status, from_expected_on: before.expected_on, to_expected_on: before.expected_on, note: after.representations, actor_name: actor.name });
    await recordAudit(tx, actor, { action: 'reasons-notice', entity: 'forward_plan_entry', entityId: id, summary: `Forward plan: notice of reasons for taking "${before.title}" in private published on ${publishedOn}`, before: { reasons_notice_published_on: before.reasons_notice_published_on }, after });
  });
}

export interface PrivateMeetingUrgencyInput {
  /** The day of the meeting in private. */
  meetingOn: string;
  /** The chair of the scrutiny committee (or the chairman, or vice-chairman, of the council) who agreed. */
  agreedBy: string;
  agreedOn: string;
  /** The notice of the agreement and its reasons, published as soon as practicable after it. */
  publishedOn: string;
  /** Why the meeting is urgent and cannot reasonably be deferred. */
  reason: string;
}

/**
 * Where the 28 clear days' notice of a meeting in private (or the 5-day notice of reasons) cannot be given, the
 * meeting may be held only with the agreement of the scrutiny chair that it is urgent and cannot reasonably be
 * deferred (reg. 5(6)); the agreement and its reasons are published (reg. 5(7)). Recorded against the entry, in its
 * history, published on the notices of private meetings, and listed for the quarterly report to full Council.
 */
export async function recordPrivateMeetingUrgency(db: Db, actor: Actor, id: number, input: PrivateMeetingUrgencyInput): Promise<number> {
  const meetingOn = dateField(input.meetingOn, 'meetingOn', 'the date of the meeting in private') as string;
  const agreedBy = required(input.agreedBy, 'agreedBy', 'enter who agreed the meeting is urgent (the chair of the scrutiny committee, or the chairman or vice-chairman of the council)');
  const agreedOn = dateField(input.agreedOn, 'agreedOn', 'the date the chair agreed') as string;
  const publishedOn = dateField(input.publishedOn, 'publishedOn', 'the date the notice of the agreement was published') as string;
  const reason = required(input.reason, 'reason', 'say why the meeting is urgent and cannot reasonably be deferred');
  if (agreedOn > meetingOn) throw new ValidationError(`the chair's agreement (${formatDisplayDate(agreedOn)}) must come before the meeting (${formatDisplayDate(meetingOn)})`, 'agreedOn');
  if (publishedOn < agreedOn) throw new ValidationError(`the notice of the agreement cannot be published (${formatDisplayDate(publishedOn)}) before the chair agreed (${formatDisplayDate(agreedOn)})`, 'publishedOn');
  if (publishedOn > meetingOn) throw new ValidationError(`publish the notice of the agreement before the meeting (${formatDisplayDate(meetingOn)}), not on ${formatDisplayDate(publishedOn)}`, 'publishedOn');
  const { rules } = await cycleContext(db);
  return transaction(db, async (tx) => {
    const entry = await entryOrFail(tx, id);
    if (!entry.private) throw new ValidationError('this entry is not to be taken in private: it needs no agreement of urgency', 'private');
    if (entry.status !== 'planned' && entry.status !== 'deferred') throw new ValidationError(`this entry is ${entry.status}: urgency is agreed before the meeting`, 'entry');
    const [already] = await listNoticeExceptions(tx, { entryId: id, kind: 'private-urgency' });
    if (already) throw new ValidationError(`urgency was already agreed by ${already.agreed_by} on ${formatDisplayDate(already.agreed_on!)}`, 'agreedBy');
    const check = checkPrivateMeetingNotice({ meetingOn, intentionPublishedOn: entry.notice_published_on, reasonsPublishedOn: entry.reasons_notice_published_on }, rules);
    if (check.ok) throw new ValidationError(`the notices for a meeting on ${formatDisplayDate(meetingOn)} were given in time (the 28-day notice and the notice of reasons): no agreement of urgency is needed`, 'meetingOn');
    const exceptionId = await insertNoticeException(tx, {
      kind: 'private-urgency', forward_plan_entry_id: id, decision_id: entry.decision_id, subject: entry.title, decision_on: meetingOn,
      chair_notified_on: null, published_on: publishedOn, agreed_on: agreedOn, agreed_by: agreedBy, reason, created_at: nowIso(),
    });
    const note = `${agreedBy} agreed on ${formatDisplayDate(agreedOn)} that the meeting on ${formatDisplayDate(meetingOn)} is urgent and cannot reasonably be deferred: ${reason}`;
    await insertForwardPlanEvent(tx, { entry_id: id, on_date: publishedOn, at: nowIso(), action: 'private-urgency', from_status: entry.status, to_status: entry.status, from_expected_on: entry.expected_on, to_expected_on: entry.expected_on, note, actor_name: actor.name });
    await recordAudit(tx, actor, { action: 'private-urgency', entity: 'forward_plan_entry', entityId: id, summary: `Forward plan: urgency of the private meeting on "${entry.title}" agreed by ${agreedBy}`,
      after: { kind: 'private-urgency', meeting_on: meetingOn, agreed_by: agreedBy, agreed_on: agreedOn, published_on: publishedOn, reason, shortfall: check.problems.map((p) => p.message) } });
    return exceptionId;
  });
}

/**
 * The notices of private meetings, as the public sees them: every entry to be taken in private once its 28-day
 * notice is published (paragraphs of Schedule 12A and why), with its notice of reasons (5 clear days before) and
 * the representations received and the response, when published. Soonest expected first.
 */
export async function privateMeetingNotices(db: Queryable) {
  // An agreement of urgency is itself a published notice, so its entry is listed even without a 28-day notice.
  const urgencies = await listNoticeExceptions(db, { kind: 'private-urgency' });
  const urgencyOf = (id: number) => urgencies.find((u) => u.forward_plan_entry_id === id) ?? null;
  const rows = (await listForwardPlanEntries(db)).filter((e) => e.private === 1 && (e.notice_published_on || urgencyOf(e.id)));
  return rows.map((e) => ({
    urgency: ((u) => (u ? { meetingOn: u.decision_on, agreedBy: u.agreed_by, agreedOn: u.agreed_on, publishedOn: u.published_on, reason: u.reason } : null))(urgencyOf(e.id)),
    id: e.id, title: e.title, takerName: e.taker_name, expectedOn: e.expected_on ?? e.meeting_date ?? null, status: e.status, exemptParagraphs: textToParagraphs(e.exempt_paragraphs),
    privateReason: e.private_reason, intentionPublishedOn: e.notice_published_on, reasonsPublishedOn: e.reasons_notice_published_on, representations: e.representations, decisionSlug: e.decision_slug,
  }));
}
