// Rows of the decision lifecycle after a decision is taken: its state, call-in requests and their signatories,
// and the facts about councillors the call-in rule needs (scrutiny chair, executive member).
import type { Queryable } from '../db.js';
import type { NewRow, RowUpdate } from '../schema.js';

export async function updateDecisionRow(db: Queryable, id: number, values: RowUpdate<'decision'>): Promise<void> {
  await db.updateTable('decision').set(values).where('id', '=', id).execute();
}

export function decisionRow(db: Queryable, id: number) {
  return db.selectFrom('decision').selectAll().where('id', '=', id).executeTakeFirst();
}

export function decisionBySlug(db: Queryable, slug: string) {
  return db.selectFrom('decision').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Decisions that reconsider this one (normally one). */
export function reconsiderations(db: Queryable, decisionId: number) {
  return db.selectFrom('decision').select(['id', 'number', 'slug', 'subject', 'status', 'taken_on', 'published_on', 'call_in_ends_on', 'urgent', 'classification'])
    .where('reconsiders_decision_id', '=', decisionId).orderBy('id').execute();
}

export async function insertCallIn(db: Queryable, values: NewRow<'call_in'>): Promise<number> {
  const { id } = await db.insertInto('call_in').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateCallIn(db: Queryable, id: number, values: RowUpdate<'call_in'>): Promise<void> {
  await db.updateTable('call_in').set(values).where('id', '=', id).execute();
}

export function getCallIn(db: Queryable, id: number) {
  return db.selectFrom('call_in').innerJoin('decision', 'decision.id', 'call_in.decision_id')
    .selectAll('call_in').select(['decision.number as decision_number', 'decision.slug as decision_slug', 'decision.subject as decision_subject',
      'decision.taker_name as decision_taker', 'decision.classification as decision_classification', 'decision.taker_body_id as decision_body_id', 'decision.meeting_id as decision_meeting_id'])
    .where('call_in.id', '=', id).executeTakeFirst();
}

export function listCallIns(db: Queryable, f: { decisionId?: number; statuses?: readonly string[] } = {}) {
  let q = db.selectFrom('call_in').innerJoin('decision', 'decision.id', 'call_in.decision_id')
    .leftJoin('meeting', 'meeting.id', 'call_in.considered_at_meeting_id')
    .selectAll('call_in').select(['decision.number as decision_number', 'decision.slug as decision_slug', 'decision.subject as decision_subject',
      'decision.taker_name as decision_taker', 'decision.classification as decision_classification', 'decision.call_in_ends_on as decision_call_in_ends_on',
      'meeting.slug as meeting_slug', 'meeting.date as meeting_date']);
  if (f.decisionId) q = q.where('call_in.decision_id', '=', f.decisionId);
  if (f.statuses?.length) q = q.where('call_in.status', 'in', [...f.statuses]);
  return q.orderBy('call_in.id', 'desc').execute();
}

export async function insertSignatory(db: Queryable, values: NewRow<'call_in_signatory'>): Promise<void> {
  await db.insertInto('call_in_signatory').values(values).execute();
}

export function listSignatories(db: Queryable, callInIds: readonly number[]) {
  if (!callInIds.length) return Promise.resolve([]);
  return db.selectFrom('call_in_signatory').selectAll().where('call_in_id', 'in', [...callInIds]).orderBy('id').execute();
}

/** What the call-in rule needs to know about people: councillor, chair of a scrutiny body, member of the executive, on a day. */
export async function signatoryFacts(db: Queryable, personIds: readonly number[], on: string) {
  if (!personIds.length) return [];
  const people = await db.selectFrom('person').select(['id', 'kind', 'title', 'initials', 'forenames', 'surname', 'post_nominals']).where('id', 'in', [...personIds]).execute();
  const memberships = await db.selectFrom('membership').innerJoin('body', 'body.id', 'membership.body_id')
    .select(['membership.person_id', 'membership.role', 'body.kind as body_kind'])
    .where('membership.person_id', 'in', [...personIds]).where('membership.starts_on', '<=', on)
    .where((eb) => eb.or([eb('membership.ends_on', 'is', null), eb('membership.ends_on', '>=', on)])).execute();
  return people.map((p) => {
    const mine = memberships.filter((m) => m.person_id === p.id);
    return {
      person: p,
      scrutinyChair: mine.some((m) => (m.body_kind === 'scrutiny-committee' || m.body_kind === 'overview-scrutiny-committee') && m.role === 'chairman'),
      executive: mine.some((m) => m.body_kind === 'cabinet' || m.body_kind === 'cabinet-member'),
    };
  });
}

/** The scrutiny committee's next meeting on or after a day (where call-ins go). */
export function nextMeetingOfBody(db: Queryable, bodyId: number, onOrAfter: string) {
  return db.selectFrom('meeting').select(['id', 'slug', 'date', 'status']).where('body_id', '=', bodyId).where('date', '>=', onOrAfter)
    .where('status', 'not in', ['cancelled', 'postponed']).orderBy('date').limit(1).executeTakeFirst();
}

export function scrutinyBodies(db: Queryable) {
  return db.selectFrom('body').select(['id', 'name', 'slug']).where('kind', 'in', ['scrutiny-committee', 'overview-scrutiny-committee']).orderBy('name').execute();
}

/** Who chairs a body on a day (the decision taker of a body's decision: the Leader for Cabinet). */
export async function chairOn(db: Queryable, bodyId: number, on: string): Promise<number | undefined> {
  const row = await db.selectFrom('membership').select('person_id').where('body_id', '=', bodyId).where('role', '=', 'chairman').where('starts_on', '<=', on)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', on)])).executeTakeFirst();
  return row?.person_id;
}

/** Where a call-in is sent: the decision taker's email (if known) and every enabled clerk's. */
export async function callInRecipients(db: Queryable, takerPersonId: number | undefined): Promise<string[]> {
  const taker = takerPersonId ? await db.selectFrom('person').select(['email']).where('id', '=', takerPersonId).executeTakeFirst() : undefined;
  const clerks = await db.selectFrom('user_account').select(['email']).where('role', 'in', ['clerk']).where('disabled', '=', 0).execute();
  return [...clerks.map((c) => c.email), ...(taker?.email ? [taker.email] : [])];
}

/** Decisions awaiting reconsideration (by the taker or by full Council). */
export function decisionsAwaitingReconsideration(db: Queryable) {
  return db.selectFrom('decision').select(['id', 'number', 'subject']).where('status', 'in', ['reconsidering', 'referred-to-council']).orderBy('id').execute();
}

/** Published decisions whose call-in window is open on `today`. */
export function decisionsOpenForCallIn(db: Queryable, today: string) {
  return db.selectFrom('decision').select(['id', 'number', 'slug', 'subject', 'taker_name', 'taken_on', 'published_on', 'call_in_ends_on', 'classification', 'taker_body_id', 'meeting_id', 'status',
    'contains_exempt_information', 'exempt_paragraphs'])
    .where('status', '=', 'published').where('urgent', '=', 0).where('published_on', '<=', today).where('call_in_ends_on', '>=', today)
    .orderBy('call_in_ends_on').orderBy('id').execute();
}
