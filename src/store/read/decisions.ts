// The decisions register and the Record of Decision page. Exempt records and drafts stay out unless the policy
// lets the viewer see them; the filter is applied in SQL so pagination counts are right.
import type { Viewer } from '../../domain/policy.js';
import type { Queryable } from '../db.js';
import type { ExpressionBuilder } from 'kysely';
import { EFFECTIVE_CALL_IN_STATUSES, phaseInStore, type DecisionCallInFilter, type DecisionPhase } from '../../domain/executive.js';
import { bool } from '../json.js';
import type { Database } from '../schema.js';
import { exemptLabel, seesDecisionExemptPart, seesUnpublished } from '../../domain/visibility.js';
import { decisionExemptPartText } from '../decisions.js';
import { textToParagraphs } from '../json.js';
import { agendaPublished, decisionVisible, exemptFilter, PUBLIC_DECISION_STATUSES } from './visibility.js';

/** What the register, the lists and the API narrow decisions by. */
export interface DecisionFilter {
  taker?: string;
  key?: boolean;
  from?: string;
  to?: string;
  /** The stored state (as recorded: 'published' covers both open for call-in and implementable). */
  status?: string;
  /** Where the decision stands today (domain/executive.ts decisionPhase): open for call-in, implementable… */
  phase?: DecisionPhase;
  callIn?: DecisionCallInFilter;
  /** Today, for "open for call-in" and the phase. */
  today?: string;
}

export interface DecisionRegisterFilter extends DecisionFilter {
  page?: number;
  perPage?: number;
}

/** Decisions the viewer may see: drafts only for Democratic Services, exempt records only for those entitled. */
export function visibleDecisions(db: Queryable, viewer: Viewer) {
  let q = db.selectFrom('decision');
  const scope = exemptFilter(viewer);
  if (!seesUnpublished(viewer)) q = q.where('decision.status', 'in', [...PUBLIC_DECISION_STATUSES]);
  if (!scope.all) {
    q = q.where((eb) => {
      const ors = [eb('decision.classification', '!=', 'exempt')];
      if (scope.bodyIds.length) ors.push(eb('decision.taker_body_id', 'in', scope.bodyIds));
      if (scope.meetingIds.length) ors.push(eb('decision.meeting_id', 'in', scope.meetingIds));
      return eb.or(ors);
    });
  }
  return q;
}

type DecisionExpr = ExpressionBuilder<Database, 'decision'>;

/** Published, not urgent, and its call-in window not yet ended on `today` (decisionPhase's 'open-for-call-in', in SQL). */
function callInWindowOpen(eb: DecisionExpr, today: string) {
  return eb.and([eb('decision.status', '=', 'published'), eb('decision.urgent', '=', 0), eb('decision.call_in_ends_on', 'is not', null), eb('decision.call_in_ends_on', '>=', today)]);
}

/** The decisions in a phase on `today`, as domain/executive.ts phaseInStore reads the phase back to stored states. */
function inPhase(eb: DecisionExpr, phase: DecisionPhase, today: string) {
  const { statuses, published } = phaseInStore(phase);
  const ors = statuses.length ? [eb('decision.status', 'in', statuses)] : [];
  if (published === 'window-open') ors.push(callInWindowOpen(eb, today));
  if (published === 'window-over') ors.push(eb.and([eb('decision.status', '=', 'published'), eb.not(callInWindowOpen(eb, today))]));
  return eb.or(ors);
}

/** The decisions a viewer may see, narrowed by the register's filters (taker, key decisions, dates, status, phase, call-in). */
export function filteredDecisions(db: Queryable, viewer: Viewer, f: DecisionFilter) {
  let q = visibleDecisions(db, viewer);
  const today = f.today ?? new Date().toISOString().slice(0, 10);
  if (f.callIn === 'open') {
    q = q.where((eb) => callInWindowOpen(eb, today));
  } else if (f.callIn) {
    const calledIn = (eb: DecisionExpr) => eb.exists(eb.selectFrom('call_in').select('call_in.id').whereRef('call_in.decision_id', '=', 'decision.id').where('call_in.status', 'in', [...EFFECTIVE_CALL_IN_STATUSES]));
    q = q.where((eb) => (f.callIn === 'called-in' ? calledIn(eb) : eb.not(calledIn(eb))));
  }
  if (f.taker) q = q.where('decision.taker_name', '=', f.taker);
  if (f.key !== undefined) q = q.where('decision.key_decision', '=', bool(f.key));
  if (f.from) q = q.where('decision.taken_on', '>=', f.from);
  if (f.to) q = q.where('decision.taken_on', '<=', f.to);
  if (f.status) q = q.where('decision.status', '=', f.status);
  if (f.phase) {
    const phase = f.phase;
    q = q.where((eb) => inPhase(eb, phase, today));
  }
  return q;
}

export async function readDecisionRegister(db: Queryable, viewer: Viewer, f: DecisionRegisterFilter) {
  const perPage = f.perPage ?? 25;
  const page = Math.max(1, f.page ?? 1);
  const q = filteredDecisions(db, viewer, f);
  const [rows, count, takers] = await Promise.all([
    q.select(['decision.slug', 'decision.number', 'decision.subject', 'decision.taker_name', 'decision.taken_on', 'decision.status', 'decision.key_decision',
      'decision.urgent', 'decision.classification', 'decision.published_on', 'decision.call_in_ends_on'])
      .orderBy('decision.taken_on', 'desc').orderBy('decision.year', 'desc').orderBy('decision.seq', 'desc')
      .limit(perPage).offset((page - 1) * perPage).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    visibleDecisions(db, viewer).select('decision.taker_name').distinct().orderBy('decision.taker_name').execute(),
  ]);
  return { decisions: rows, total: Number(count.n), page, perPage, takers: takers.map((t) => t.taker_name) };
}

export async function readDecisionPage(db: Queryable, slug: string, viewer: Viewer) {
  const d = await db.selectFrom('decision').leftJoin('meeting', 'meeting.id', 'decision.meeting_id').leftJoin('body', 'body.id', 'meeting.body_id')
    .leftJoin('agenda_item', 'agenda_item.id', 'decision.agenda_item_id')
    .selectAll('decision').select(['meeting.slug as meeting_slug', 'meeting.date as meeting_date', 'body.name as meeting_body_name', 'agenda_item.code as item_code',
      'agenda_item.title as item_title', 'agenda_item.exempt as item_exempt', 'meeting.status as meeting_status', 'meeting.agenda_published_at', 'meeting.historic'])
    .where('decision.slug', '=', slug).executeTakeFirst();
  if (!d || !decisionVisible(viewer, d)) return null;
  const exemptPart = await decisionExemptPartFor(db, viewer, d);
  // The item it was taken on, and the meeting's slug, only where that agenda is public to this viewer.
  if (d.meeting_status !== null && !agendaPublished({ status: d.meeting_status, agenda_published_at: d.agenda_published_at, historic: d.historic }) && !seesUnpublished(viewer)) {
    return { decision: { ...d, item_code: null, item_title: null, item_exempt: null }, exemptPart, callIns: await callInsOf(db, d.id) };
  }
  return { decision: d, exemptPart, callIns: await callInsOf(db, d.id) };
}

type ExemptPartFacts = { id: number; contains_exempt_information: number; exempt_paragraphs: string; taker_body_id: number | null; meeting_id: number | null };

/**
 * What a viewer gets of the exempt part of a Record of Decision of a matter that contained exempt information: the
 * public fact (the paragraphs of Schedule 12A, in words) for everyone who may see the record; the text only for
 * those the one rule (seesDecisionExemptPart) entitles. Null for a record with nothing exempt in it.
 */
export async function decisionExemptPartFor(db: Queryable, viewer: Viewer, d: ExemptPartFacts) {
  if (!d.contains_exempt_information) return null;
  const paragraphs = textToParagraphs(d.exempt_paragraphs);
  const entitled = seesDecisionExemptPart(viewer, { bodyId: d.taker_body_id, meetingId: d.meeting_id });
  const text = entitled ? await decisionExemptPartText(db, d.id) : null;
  const under = paragraphs.length ? ` under ${exemptLabel(paragraphs).replace(/^Exempt: /, '')} to the Local Government Act 1972` : '';
  const notice = `This is an unrestricted Record of Decision of a matter which contained some information which was declared exempt${under}. The exempt information is left out of the published record.`;
  return { paragraphs, label: exemptLabel(paragraphs), notice, text, withheld: !entitled };
}

function callInsOf(db: Queryable, decisionId: number) {
  return db.selectFrom('call_in').select(['requested_by', 'requested_on', 'status', 'outcome', 'outcome_notes'])
    .where('decision_id', '=', decisionId).orderBy('requested_on').execute();
}

export async function latestDecisions(db: Queryable, viewer: Viewer, limit: number) {
  return visibleDecisions(db, viewer)
    .select(['decision.slug', 'decision.number', 'decision.subject', 'decision.taker_name', 'decision.taken_on', 'decision.key_decision', 'decision.status'])
    .orderBy('decision.taken_on', 'desc').orderBy('decision.seq', 'desc').limit(limit).execute();
}
