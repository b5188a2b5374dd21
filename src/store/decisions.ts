// Records of Decision, numbered YY/NNNNN council-wide per year without gaps or duplicates: the number comes from a
// per-year counter row updated inside the same transaction as the decision, so concurrent writers queue on it.
import { sql } from 'kysely';
import type { Actor, Classification, DecisionStatus, DecisionTakerKind } from '../domain/types.js';
import { formatDecisionNumber, nextDecisionNumber, parseDecisionNumber, tryParseDecisionNumber, type DecisionNumber } from '../domain/numbering.js';
import { MootError } from '../errors.js';
import { nowIso, recordAudit } from './audit.js';
import type { Db, Queryable } from './db.js';
import { bool, paragraphsToText } from './json.js';

/**
 * Allocates the next number of the year: the counter row moves on by one (its row lock serialises concurrent writers)
 * and the number after the one issued before is the domain's rule (nextDecisionNumber). Must run inside the
 * transaction that inserts the decision.
 */
export async function allocateDecisionNumber(db: Queryable, year: number): Promise<{ number: string; year: number; seq: number }> {
  const row = await db.insertInto('decision_counter').values({ year, last_seq: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_seq: sql`decision_counter.last_seq + 1` }))
    .returning('last_seq').executeTakeFirstOrThrow();
  const previous = row.last_seq - 1;
  const number = nextDecisionNumber(year, previous > 0 ? previous : null);
  return { number, ...parseDecisionNumber(number) };
}

/** Is this Record of Decision number (as the domain reads it, tryParseDecisionNumber) already on a decision? */
export async function decisionNumberInUse(db: Queryable, n: DecisionNumber): Promise<boolean> {
  return !!(await db.selectFrom('decision').select('id').where('year', '=', n.year).where('seq', '=', n.seq).executeTakeFirst());
}

/** For imported decisions that carry their own number: keeps the counter at or beyond it. */
async function reserveDecisionSeq(db: Queryable, year: number, seq: number): Promise<void> {
  const row = await db.selectFrom('decision_counter').select('last_seq').where('year', '=', year).executeTakeFirst();
  if (!row) await db.insertInto('decision_counter').values({ year, last_seq: seq }).execute();
  else if (row.last_seq < seq) await db.updateTable('decision_counter').set({ last_seq: seq }).where('year', '=', year).execute();
}

export interface NewDecision {
  /** As printed, for historic records; allocated when absent. */
  number?: string | null;
  takerKind: DecisionTakerKind;
  takerName: string;
  takerBodyId?: number | null;
  takerPersonId?: number | null;
  meetingId?: number | null;
  agendaItemId?: number | null;
  takenOn: string;
  subject: string;
  key?: boolean;
  urgent?: boolean;
  classification?: Classification;
  containsExemptInformation?: boolean;
  /** The paragraphs of Part 1 of Schedule 12A the exempt information falls under (printed in the public record). */
  exemptParagraphs?: readonly number[];
  /** The exempt part of a record of a matter that contained exempt information (never public: decision_exempt_part). */
  exemptPart?: string | null;
  text: string;
  reasons?: string | null;
  alternatives?: string | null;
  interestsDeclared?: string | null;
  backgroundDocuments?: string | null;
  status?: DecisionStatus;
  publishedOn?: string | null;
  callInEndsOn?: string | null;
}

export async function createDecision(db: Queryable, actor: Actor, d: NewDecision, options: { audit?: boolean } = {}): Promise<{ id: number; number: string }> {
  let year: number;
  let seq: number;
  if (d.number) {
    const parsed = tryParseDecisionNumber(d.number);
    if (!parsed) throw new MootError(`decision number "${d.number}" is not of the form YY/NNNNN`);
    ({ year, seq } = parsed);
    if (await decisionNumberInUse(db, parsed)) throw new MootError(`decision number ${formatDecisionNumber(year, seq)} is already used`);
    await reserveDecisionSeq(db, year, seq);
  } else {
    ({ year, seq } = await allocateDecisionNumber(db, Number.parseInt(d.takenOn.slice(0, 4), 10)));
  }
  const number = formatDecisionNumber(year, seq);
  const values = {
    number,
    year,
    seq,
    slug: number.replace('/', '-'),
    taker_kind: d.takerKind,
    taker_name: d.takerName,
    taker_body_id: d.takerBodyId ?? null,
    taker_person_id: d.takerPersonId ?? null,
    meeting_id: d.meetingId ?? null,
    agenda_item_id: d.agendaItemId ?? null,
    taken_on: d.takenOn,
    subject: d.subject,
    key_decision: bool(d.key),
    urgent: bool(d.urgent),
    classification: d.classification ?? 'unrestricted',
    contains_exempt_information: bool(d.containsExemptInformation || !!d.exemptPart?.trim()),
    exempt_paragraphs: paragraphsToText(d.exemptParagraphs ?? []),
    decision_text: d.text,
    reasons: d.reasons ?? null,
    alternatives: d.alternatives ?? null,
    interests_declared: d.interestsDeclared ?? null,
    background_documents: d.backgroundDocuments ?? null,
    status: d.status ?? 'draft',
    published_on: d.publishedOn ?? null,
    call_in_ends_on: d.callInEndsOn ?? null,
    created_at: nowIso(),
  };
  const { id } = await db.insertInto('decision').values(values).returning('id').executeTakeFirstOrThrow();
  if (options.audit !== false) await recordAudit(db, actor, { action: 'create', entity: 'decision', entityId: id, summary: `Record of Decision ${number}: ${d.subject}`, after: values });
  const exemptPart = d.exemptPart?.trim();
  if (exemptPart) {
    const part = { decision_id: id, text: exemptPart, created_at: values.created_at };
    await db.insertInto('decision_exempt_part').values(part).execute();
    if (options.audit !== false) await recordAudit(db, actor, { action: 'create', entity: 'decision_exempt_part', entityId: id, summary: `Exempt part of Record of Decision ${number}`, after: part });
  }
  return { id, number };
}

/** The exempt part's text of a Record of Decision, or null. Callers ask `seesDecisionExemptPart` first (store/read/decisions.ts). */
export async function decisionExemptPartText(db: Queryable, decisionId: number): Promise<string | null> {
  const row = await db.selectFrom('decision_exempt_part').select('text').where('decision_id', '=', decisionId).executeTakeFirst();
  return row?.text ?? null;
}

/** Allocates a number and records the decision in one transaction of its own. */
export function recordDecision(db: Db, actor: Actor, d: NewDecision) {
  return db.transaction().execute((tx) => createDecision(tx, actor, d));
}

export async function getDecision(db: Queryable, idOrSlug: number | string) {
  const q = db.selectFrom('decision').leftJoin('meeting', 'meeting.id', 'decision.meeting_id').leftJoin('body', 'body.id', 'meeting.body_id')
    .leftJoin('agenda_item', 'agenda_item.id', 'decision.agenda_item_id')
    .selectAll('decision').select(['meeting.slug as meeting_slug', 'meeting.date as meeting_date', 'body.name as meeting_body_name', 'agenda_item.code as item_code', 'agenda_item.title as item_title']);
  return (typeof idOrSlug === 'number' ? q.where('decision.id', '=', idOrSlug) : q.where('decision.slug', '=', idOrSlug)).executeTakeFirst();
}

export interface DecisionFilter {
  takerName?: string;
  /** A Cabinet Member's own decisions (the person who took them). */
  takerPersonId?: number;
  key?: boolean;
  from?: string;
  to?: string;
  status?: DecisionStatus;
  limit?: number;
  offset?: number;
}

export function listDecisions(db: Queryable, f: DecisionFilter = {}) {
  let q = db.selectFrom('decision').selectAll();
  if (f.takerName) q = q.where('taker_name', '=', f.takerName);
  if (f.takerPersonId !== undefined) q = q.where('taker_person_id', '=', f.takerPersonId);
  if (f.key !== undefined) q = q.where('key_decision', '=', bool(f.key));
  if (f.from) q = q.where('taken_on', '>=', f.from);
  if (f.to) q = q.where('taken_on', '<=', f.to);
  if (f.status) q = q.where('status', '=', f.status);
  q = q.orderBy('taken_on', 'desc').orderBy('year', 'desc').orderBy('seq', 'desc');
  if (f.limit) q = q.limit(f.limit);
  if (f.offset) q = q.offset(f.offset);
  return q.execute();
}

/** The Records of Decision taken at a meeting against its agenda items, in number order (drafts included). */
export function decisionsOfMeeting(db: Queryable, meetingId: number) {
  return db.selectFrom('decision').selectAll().where('meeting_id', '=', meetingId).where('agenda_item_id', 'is not', null)
    .orderBy('year').orderBy('seq').execute();
}
