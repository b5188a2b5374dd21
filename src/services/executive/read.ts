// Reads of the executive cycle for the API and feeds, each answered for one viewer through the one visibility rule
// (policy.can): call-ins and notice exceptions of a decision the viewer may not see are left out altogether.
import { callInComments, decisionStanding, type CallInOutcome } from '../../domain/executive.js';
import { can, type Viewer } from '../../domain/policy.js';
import { decisionExempt, decisionPublished } from '../../domain/visibility.js';
import type { Queryable } from '../../store/db.js';
import { decisionRow } from '../../store/executive/call-ins.js';
import { dateField } from './context.js';
import { callInsWithSignatories } from './call-ins.js';
import { noticeExceptionsReport } from './decisions.js';

type DecisionRow = NonNullable<Awaited<ReturnType<typeof decisionRow>>>;

function mayView(viewer: Viewer, d: DecisionRow | undefined): d is DecisionRow {
  return !!d && can(viewer, 'view', { bodyId: d.taker_body_id, meetingId: d.meeting_id, exempt: decisionExempt(d), published: decisionPublished(d.status) });
}

async function decisionsById(db: Queryable, ids: readonly number[]) {
  const out = new Map<number, DecisionRow | undefined>();
  for (const id of new Set(ids)) out.set(id, await decisionRow(db, id));
  return out;
}

/** Call-ins (collecting, valid, refused, considered) of the decisions this viewer may see, newest first. */
export async function visibleCallIns(db: Queryable, viewer: Viewer, f: { status?: string } = {}) {
  const rows = await callInsWithSignatories(db, f.status ? { statuses: [f.status] } : {});
  const decisions = await decisionsById(db, rows.map((r) => r.decision_id));
  return rows.filter((r) => mayView(viewer, decisions.get(r.decision_id))).map((r) => ({
    id: r.id, status: r.status, requestedOn: r.requested_on, validOn: r.valid_on, basis: r.basis, reasons: r.reasons, refusalReason: r.refusal_reason,
    signatories: r.signatories.map((s) => ({ name: s.name, signedOn: s.signed_on })),
    decision: { number: r.decision_number, slug: r.decision_slug, subject: r.decision_subject, taker: r.decision_taker, callInEndsOn: r.decision_call_in_ends_on },
    consideredAt: r.meeting_slug ? { slug: r.meeting_slug, date: r.meeting_date } : null,
    outcome: r.outcome, outcomeOn: r.outcome_on, outcomeNotes: r.outcome ? callInComments(r.outcome as CallInOutcome, r.outcome_notes) : r.outcome_notes,
  }));
}

/** Decisions' call-in state today: the phase (open for call-in, called in, implementable…) with its label. */
export function callInState(d: DecisionRow, today: string) {
  return { ...decisionStanding(d, today), callInEndsOn: d.call_in_ends_on, urgent: !!d.urgent };
}

/** General exceptions, special urgency and urgent meetings in private in a period (the quarterly report to full Council), for this viewer. */
export async function visibleNoticeExceptions(db: Queryable, viewer: Viewer, from: string, to: string) {
  dateField(from, 'from', 'the start of the period');
  dateField(to, 'to', 'the end of the period');
  const rows = await noticeExceptionsReport(db, from, to);
  const decisions = await decisionsById(db, rows.flatMap((r) => (r.decision_id ? [r.decision_id] : [])));
  const visible = (r: (typeof rows)[number]) => !r.decision_id || mayView(viewer, decisions.get(r.decision_id));
  // The agreement that a meeting in private is urgent is a public notice (reg. 5(7)) even where the decision taken at
  // it is exempt: it is listed, without the link to a decision this viewer may not see.
  return rows.filter((r) => r.kind === 'private-urgency' || visible(r)).map((r) => ({
    kind: r.kind, subject: r.subject, decisionOn: r.decision_on, reason: r.reason, chairNotifiedOn: r.chair_notified_on, publishedOn: r.published_on,
    agreedOn: r.agreed_on, agreedBy: r.agreed_by, decision: r.decision_slug && visible(r) ? { number: r.decision_number, slug: r.decision_slug } : null,
  }));
}
