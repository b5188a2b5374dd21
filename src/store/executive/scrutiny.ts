// Rows of scrutiny's own records: the follow-up ("rolling") schedule with its recommendations and response rounds,
// each body's work programme, and select committee reviews with their members, evidence sessions and stages.
import type { Queryable } from '../db.js';
import type { NewRow, RowUpdate } from '../schema.js';
import { styledNamesOf } from '../read/people.js';

export async function insertFollowUp(db: Queryable, values: NewRow<'follow_up'>): Promise<number> {
  return (await db.insertInto('follow_up').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateFollowUp(db: Queryable, id: number, values: RowUpdate<'follow_up'>): Promise<void> {
  await db.updateTable('follow_up').set(values).where('id', '=', id).execute();
}
export function getFollowUp(db: Queryable, id: number) {
  return db.selectFrom('follow_up').selectAll().where('id', '=', id).executeTakeFirst();
}
export function listFollowUps(db: Queryable, f: { bodyId?: number; statuses?: readonly string[] } = {}) {
  let q = db.selectFrom('follow_up').innerJoin('body', 'body.id', 'follow_up.body_id').leftJoin('decision', 'decision.id', 'follow_up.decision_id')
    .selectAll('follow_up').select(['body.name as body_name', 'body.slug as body_slug', 'decision.number as decision_number', 'decision.slug as decision_slug', 'decision.classification as decision_classification']);
  if (f.bodyId) q = q.where('follow_up.body_id', '=', f.bodyId);
  if (f.statuses?.length) q = q.where('follow_up.status', 'in', [...f.statuses]);
  return q.orderBy('follow_up.considered_on').orderBy('follow_up.id').execute();
}
export async function insertRecommendation(db: Queryable, values: NewRow<'follow_up_recommendation'>): Promise<number> {
  return (await db.insertInto('follow_up_recommendation').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateRecommendation(db: Queryable, id: number, values: RowUpdate<'follow_up_recommendation'>): Promise<void> {
  await db.updateTable('follow_up_recommendation').set(values).where('id', '=', id).execute();
}
export function getRecommendation(db: Queryable, id: number) {
  return db.selectFrom('follow_up_recommendation').selectAll().where('id', '=', id).executeTakeFirst();
}
export function listRecommendations(db: Queryable, followUpIds: readonly number[]) {
  if (!followUpIds.length) return Promise.resolve([]);
  return db.selectFrom('follow_up_recommendation').selectAll().where('follow_up_id', 'in', [...followUpIds]).orderBy('number').orderBy('position').orderBy('id').execute();
}
export async function insertResponse(db: Queryable, values: NewRow<'follow_up_response'>): Promise<number> {
  return (await db.insertInto('follow_up_response').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
export function listResponses(db: Queryable, recommendationIds: readonly number[]) {
  if (!recommendationIds.length) return Promise.resolve([]);
  return db.selectFrom('follow_up_response').selectAll().where('recommendation_id', 'in', [...recommendationIds]).orderBy('round').orderBy('id').execute();
}
export function bodyMeetingDates(db: Queryable, bodyId: number) {
  return db.selectFrom('meeting').select(['date']).where('body_id', '=', bodyId).where('status', 'not in', ['cancelled', 'postponed']).orderBy('date').execute();
}

/** The highest position on a body's work programme (0 when empty). */
export async function lastWorkProgrammePosition(db: Queryable, bodyId: number): Promise<number> {
  const last = await db.selectFrom('work_programme_item').select((eb) => eb.fn.max('position').as('p')).where('body_id', '=', bodyId).executeTakeFirst();
  return Number(last?.p ?? 0);
}

export async function insertWorkProgrammeItem(db: Queryable, values: NewRow<'work_programme_item'>): Promise<number> {
  return (await db.insertInto('work_programme_item').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateWorkProgrammeItem(db: Queryable, id: number, values: RowUpdate<'work_programme_item'>): Promise<void> {
  await db.updateTable('work_programme_item').set(values).where('id', '=', id).execute();
}
export async function deleteWorkProgrammeItem(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom('work_programme_item').where('id', '=', id).execute();
}
export function getWorkProgrammeItem(db: Queryable, id: number) {
  return db.selectFrom('work_programme_item').selectAll().where('id', '=', id).executeTakeFirst();
}
export function listWorkProgramme(db: Queryable, bodyId: number) {
  return db.selectFrom('work_programme_item').leftJoin('meeting', 'meeting.id', 'work_programme_item.meeting_id')
    .selectAll('work_programme_item').select(['meeting.date as meeting_date', 'meeting.slug as meeting_slug'])
    .where('work_programme_item.body_id', '=', bodyId).orderBy('meeting.date').orderBy('work_programme_item.position').orderBy('work_programme_item.id').execute();
}
export function futureMeetingsOfBody(db: Queryable, bodyId: number, from: string) {
  return db.selectFrom('meeting').select(['id', 'slug', 'date', 'status']).where('body_id', '=', bodyId).where('date', '>=', from)
    .where('status', 'not in', ['cancelled', 'postponed']).orderBy('date').execute();
}

export async function insertReview(db: Queryable, values: NewRow<'scrutiny_review'>): Promise<number> {
  return (await db.insertInto('scrutiny_review').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateReview(db: Queryable, id: number, values: RowUpdate<'scrutiny_review'>): Promise<void> {
  await db.updateTable('scrutiny_review').set(values).where('id', '=', id).execute();
}
export function getReview(db: Queryable, idOrSlug: number | string) {
  const q = db.selectFrom('scrutiny_review').leftJoin('body', 'body.id', 'scrutiny_review.body_id').selectAll('scrutiny_review').select(['body.name as body_name', 'body.slug as body_slug']);
  return (typeof idOrSlug === 'number' ? q.where('scrutiny_review.id', '=', idOrSlug) : q.where('scrutiny_review.slug', '=', idOrSlug)).executeTakeFirst();
}
/** Every review newest first, or those appointed by one body. */
export function listReviews(db: Queryable, f: { bodyId?: number } = {}) {
  let q = db.selectFrom('scrutiny_review').leftJoin('body', 'body.id', 'scrutiny_review.body_id').selectAll('scrutiny_review').select(['body.name as body_name', 'body.slug as body_slug']);
  if (f.bodyId !== undefined) q = q.where('scrutiny_review.body_id', '=', f.bodyId);
  return q.orderBy('scrutiny_review.started_on', 'desc').orderBy('scrutiny_review.id', 'desc').execute();
}
export async function insertReviewMember(db: Queryable, values: NewRow<'scrutiny_review_member'>): Promise<void> {
  await db.insertInto('scrutiny_review_member').values(values).execute();
}
export async function insertReviewSession(db: Queryable, values: NewRow<'scrutiny_review_session'>): Promise<number> {
  return (await db.insertInto('scrutiny_review_session').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
export async function insertReviewStage(db: Queryable, values: NewRow<'scrutiny_review_stage'>): Promise<void> {
  await db.insertInto('scrutiny_review_stage').values(values).execute();
}
export async function reviewParts(db: Queryable, reviewId: number) {
  const [members, sessions, stages] = await Promise.all([
    db.selectFrom('scrutiny_review_member').selectAll().where('review_id', '=', reviewId).orderBy('id').execute(),
    db.selectFrom('scrutiny_review_session').selectAll().where('review_id', '=', reviewId).orderBy('on_date').orderBy('id').execute(),
    db.selectFrom('scrutiny_review_stage').selectAll().where('review_id', '=', reviewId).orderBy('on_date').orderBy('id').execute(),
  ]);
  // Members of the record are named in the council's style (store/read/people.ts), as everywhere else.
  const names = await styledNamesOf(db, members.map((m) => m.person_id));
  return { members: members.map((m) => (m.person_id !== null && names.has(m.person_id) ? { ...m, name: names.get(m.person_id)! } : m)), sessions, stages };
}
export async function reviewSlugsLike(db: Queryable, base: string) {
  return (await db.selectFrom('scrutiny_review').select('slug').where('slug', 'like', `${base}%`).execute()).map((r) => r.slug);
}

/** The final report of a review: its document as it stands, with every version (newest first). */
export async function reviewReport(db: Queryable, documentId: number) {
  const doc = await db.selectFrom('document').select(['id', 'slug', 'title', 'current_version']).where('id', '=', documentId).executeTakeFirst();
  if (!doc) return null;
  const versions = await db.selectFrom('document_version').select(['version', 'page_count', 'size', 'note', 'created_at', 'file_name', 'classification', 'exempt_paragraphs'])
    .where('document_id', '=', documentId).orderBy('version', 'desc').execute();
  return { ...doc, versions };
}
