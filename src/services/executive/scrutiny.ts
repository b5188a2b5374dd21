// Scrutiny's follow-up schedule, work programmes and select committee reviews (primer §4, §6).
// Follow-up: an entry (title, portfolio, synopsis, reason for call-in, date considered) holds numbered
// recommendations with lettered parts; the Cabinet Member responds in dated rounds with a "date actioned"; the
// committee marks each response satisfactory (the entry leaves after the next meeting) or asks for more.
import { slugify, uniqueSlug } from '../../domain/slugs.js';
import {
  followUpOnSchedule, formatDateActioned, nextPartLetter, nextReviewStage, parseDateActioned, recommendationLabel, REVIEW_STAGE_LABELS, REVIEW_STAGES,
  type FollowUpVerdict, type ReviewStage,
} from '../../domain/executive.js';
import { can, PUBLIC_VIEWER, type Viewer } from '../../domain/policy.js';
import { decisionExempt, exemptLabel } from '../../domain/visibility.js';
import type { Actor } from '../../domain/types.js';
import { ValidationError } from '../../errors.js';
import { nowIso, recordAudit } from '../../store/audit.js';
import { transaction, type Db, type Queryable } from '../../store/db.js';
import { textToParagraphs } from '../../store/json.js';
import { getBody } from '../../store/bodies.js';
import { getCallIn } from '../../store/executive/call-ins.js';
import {
  bodyMeetingDates, deleteWorkProgrammeItem, futureMeetingsOfBody, getFollowUp, getRecommendation, getReview, getWorkProgrammeItem, insertFollowUp, insertRecommendation,
  insertResponse, insertReview, insertReviewMember, insertReviewSession, insertReviewStage, insertWorkProgrammeItem, listFollowUps, listRecommendations, listResponses,
  lastWorkProgrammePosition, listReviews, listWorkProgramme, reviewParts, reviewReport, reviewSlugsLike, updateFollowUp, updateRecommendation, updateReview, updateWorkProgrammeItem,
} from '../../store/executive/scrutiny.js';
import { getMeeting } from '../../store/meetings.js';
import { addDocument, addDocumentVersion } from '../../store/documents.js';
import { documentAccess } from '../../store/read/documents.js';
import { indexReview } from '../../store/search/index.js';
import { readPdfPages } from '../../importer/read/pdf-text.js';
import { validateUploadedPdf } from '../pack-loader.js';
import { dateField, required, ruled } from './context.js';
import { formatDisplayDate } from '../../domain/display.js';

// ---------------------------------------------------------------- follow-up schedule

export interface FollowUpInput {
  bodyId: number;
  title: string;
  portfolio?: string | null;
  synopsis?: string | null;
  reason?: string | null;
  consideredOn: string;
  decisionId?: number | null;
  callInId?: number | null;
  /** Recommendations: each a number with its text, or lettered parts. */
  recommendations: { text: string; parts?: string[] }[];
}

export async function addFollowUp(db: Db, actor: Actor, input: FollowUpInput): Promise<number> {
  const title = required(input.title, 'title', 'enter the title of the item the recommendations come from');
  const consideredOn = dateField(input.consideredOn, 'consideredOn', 'the date the Committee considered it') as string;
  if (!input.recommendations.length) throw new ValidationError('add at least one recommendation', 'recommendations');
  input.recommendations.forEach((r, i) => {
    if (!r.text?.trim() && !r.parts?.some((p) => p.trim())) throw new ValidationError(`recommendation ${i + 1} has no text`, `recommendations[${i}].text`);
  });
  return transaction(db, async (tx) => {
    const body = await getBody(tx, input.bodyId);
    if (!body) throw new ValidationError(`there is no body ${input.bodyId}`, 'bodyId');
    let decisionId = input.decisionId ?? null;
    if (input.callInId) {
      const c = await getCallIn(tx, input.callInId);
      if (!c) throw new ValidationError(`there is no call-in ${input.callInId}`, 'callInId');
      decisionId = c.decision_id;
    }
    const values = { body_id: input.bodyId, title, portfolio: input.portfolio?.trim() || null, synopsis: input.synopsis?.trim() || null, reason: input.reason?.trim() || null,
      considered_on: consideredOn, recommendations_json: '[]', status: 'open', decision_id: decisionId, call_in_id: input.callInId ?? null, created_at: nowIso() };
    const id = await insertFollowUp(tx, values);
    let position = 0;
    for (const [i, r] of input.recommendations.entries()) {
      const parts = (r.parts ?? []).map((p) => p.trim()).filter(Boolean);
      if (!parts.length) await insertRecommendation(tx, { follow_up_id: id, number: i + 1, part: null, text: r.text.trim(), position: position++ });
      const letters: string[] = [];
      for (const p of parts) {
        const letter = nextPartLetter(letters);
        letters.push(letter);
        await insertRecommendation(tx, { follow_up_id: id, number: i + 1, part: letter, text: r.text?.trim() ? `${r.text.trim()} ${p}` : p, position: position++ });
      }
    }
    await recordAudit(tx, actor, { action: 'create', entity: 'follow_up', entityId: id, summary: `Follow-up schedule: added "${title}" with ${input.recommendations.length} recommendation(s)`, after: { ...values, recommendations: input.recommendations } });
    return id;
  });
}

/** A response round to one recommendation: text, date of response and date actioned are all required. */
export async function addFollowUpResponse(db: Db, actor: Actor, recommendationId: number, input: { text: string; respondedOn: string | null; dateActioned: string; responder?: string | null; notes?: string | null }): Promise<number> {
  const text = required(input.text, 'text', 'enter the Cabinet Member\'s response');
  const respondedOn = dateField(input.respondedOn, 'respondedOn', 'the date of the response') as string;
  if (!input.dateActioned?.trim()) throw new ValidationError('enter the date actioned: a date, "expected YYYY-MM-DD", "Not applicable", "TBC" or "Ongoing"', 'dateActioned');
  const actioned = ruled(() => parseDateActioned(input.dateActioned, 'dateActioned'));
  return transaction(db, async (tx) => {
    const rec = await getRecommendation(tx, recommendationId);
    if (!rec) throw new ValidationError(`there is no recommendation ${recommendationId}`, 'recommendation');
    const previous = await listResponses(tx, [recommendationId]);
    const round = previous.length + 1;
    if (previous.length && respondedOn < previous[previous.length - 1].responded_on) throw new ValidationError(`round ${round} cannot be dated before round ${round - 1} (${previous[previous.length - 1].responded_on})`, 'respondedOn');
    const values = { recommendation_id: recommendationId, round, text, responded_on: respondedOn, responder: input.responder?.trim() || null, date_actioned: formatDateActioned(actioned), notes: input.notes?.trim() || null, created_at: nowIso() };
    const id = await insertResponse(tx, values);
    // A new response re-opens the question of whether it is satisfactory.
    await updateRecommendation(tx, recommendationId, { verdict: null, verdict_on: null });
    await recordAudit(tx, actor, { action: 'respond', entity: 'follow_up_recommendation', entityId: recommendationId, summary: `Response round ${round} to recommendation ${recommendationLabel(rec.number, rec.part)}`, after: values });
    return id;
  });
}

/** The committee's view of the latest response, at its meeting on `on`. */
export async function markFollowUpResponse(db: Db, actor: Actor, recommendationId: number, verdict: FollowUpVerdict, on: string): Promise<void> {
  dateField(on, 'verdictOn', 'the date of the meeting');
  if (verdict !== 'satisfactory' && verdict !== 'more-information') throw new ValidationError('choose satisfactory or more information', 'verdict');
  await transaction(db, async (tx) => {
    const rec = await getRecommendation(tx, recommendationId);
    if (!rec) throw new ValidationError(`there is no recommendation ${recommendationId}`, 'recommendation');
    if (!(await listResponses(tx, [recommendationId])).length) throw new ValidationError('there is no response to mark yet', 'verdict');
    await updateRecommendation(tx, recommendationId, { verdict, verdict_on: on });
    await recordAudit(tx, actor, { action: 'verdict', entity: 'follow_up_recommendation', entityId: recommendationId, summary: `Recommendation ${recommendationLabel(rec.number, rec.part)}: ${verdict === 'satisfactory' ? 'response satisfactory' : 'more information requested'}`, before: { verdict: rec.verdict }, after: { verdict, verdict_on: on } });
  });
}

export interface ScheduleEntry {
  id: number;
  bodyId: number;
  bodyName: string;
  title: string;
  portfolio: string | null;
  synopsis: string | null;
  reason: string | null;
  consideredOn: string | null;
  decisionNumber: string | null;
  decisionSlug: string | null;
  recommendations: {
    id: number;
    label: string;
    text: string;
    verdict: string | null;
    verdictOn: string | null;
    responses: { round: number; text: string; respondedOn: string; responder: string | null; dateActioned: string; notes: string | null }[];
  }[];
}

/**
 * The schedule as it stands for a meeting of the body on `forDate` (or today): entries still on it, with every
 * recommendation and its response rounds. Entries on exempt decisions are shown only to those entitled.
 */
export async function followUpSchedule(db: Queryable, viewer: Viewer, bodyId: number | null, forDate: string): Promise<ScheduleEntry[]> {
  const rows = await listFollowUps(db, bodyId ? { bodyId } : {});
  const recs = await listRecommendations(db, rows.map((r) => r.id));
  const responses = await listResponses(db, recs.map((r) => r.id));
  const dates = new Map<number, string[]>();
  const out: ScheduleEntry[] = [];
  for (const r of rows) {
    if (decisionExempt({ classification: r.decision_classification }) && !can(viewer, 'view', { bodyId: r.body_id, meetingId: null, exempt: true })) continue;
    if (!dates.has(r.body_id)) dates.set(r.body_id, (await bodyMeetingDates(db, r.body_id)).map((m) => m.date));
    const mine = recs.filter((x) => x.follow_up_id === r.id);
    if (!followUpOnSchedule({ recommendations: mine.map((x) => ({ verdict: x.verdict as FollowUpVerdict | null, verdictOn: x.verdict_on })) }, forDate, dates.get(r.body_id)!)) continue;
    out.push({
      id: r.id, bodyId: r.body_id, bodyName: r.body_name, title: r.title, portfolio: r.portfolio, synopsis: r.synopsis, reason: r.reason, consideredOn: r.considered_on,
      decisionNumber: r.decision_number, decisionSlug: r.decision_slug,
      recommendations: mine.map((x) => ({
        id: x.id, label: recommendationLabel(x.number, x.part), text: x.text, verdict: x.verdict, verdictOn: x.verdict_on,
        responses: responses.filter((p) => p.recommendation_id === x.id).map((p) => ({ round: p.round, text: p.text, respondedOn: p.responded_on, responder: p.responder, dateActioned: p.date_actioned, notes: p.notes })),
      })),
    });
  }
  return out;
}

export async function closeFollowUp(db: Db, actor: Actor, id: number): Promise<void> {
  await transaction(db, async (tx) => {
    const f = await getFollowUp(tx, id);
    if (!f) throw new ValidationError(`there is no follow-up entry ${id}`, 'followUp');
    await updateFollowUp(tx, id, { status: 'closed' });
    await recordAudit(tx, actor, { action: 'close', entity: 'follow_up', entityId: id, summary: `Follow-up "${f.title}" closed`, before: { status: f.status }, after: { status: 'closed' } });
  });
}

// ---------------------------------------------------------------- work programmes

export interface WorkProgrammeInput {
  bodyId: number;
  title: string;
  meetingId?: number | null;
  notes?: string | null;
  lead?: string | null;
  kind?: 'item' | 'review' | 'call-in' | 'follow-up';
}

export async function addWorkProgrammeItem(db: Db, actor: Actor, input: WorkProgrammeInput, today: string): Promise<number> {
  const title = required(input.title, 'title', 'enter the item');
  return transaction(db, async (tx) => {
    if (input.meetingId) {
      const m = await getMeeting(tx, input.meetingId);
      if (!m || m.body_id !== input.bodyId) throw new ValidationError('choose a meeting of this body', 'meetingId');
      if (m.date < today) throw new ValidationError(`the meeting of ${formatDisplayDate(m.date)} has passed: choose a future meeting or leave the item unscheduled`, 'meetingId');
    }
    const last = await lastWorkProgrammePosition(tx, input.bodyId);
    const values = { body_id: input.bodyId, meeting_id: input.meetingId ?? null, title, notes: input.notes?.trim() || null, lead: input.lead?.trim() || null, kind: input.kind ?? 'item', status: 'planned', position: last + 1, created_at: nowIso() };
    const id = await insertWorkProgrammeItem(tx, values);
    await recordAudit(tx, actor, { action: 'create', entity: 'work_programme_item', entityId: id, summary: `Work programme: added "${title}"`, after: values });
    return id;
  });
}

export async function moveWorkProgrammeItem(db: Db, actor: Actor, id: number, change: { meetingId?: number | null; status?: 'planned' | 'done' | 'dropped'; title?: string; notes?: string | null }, today: string): Promise<void> {
  await transaction(db, async (tx) => {
    const before = await getWorkProgrammeItem(tx, id);
    if (!before) throw new ValidationError(`there is no work programme item ${id}`, 'item');
    if (change.meetingId) {
      const m = await getMeeting(tx, change.meetingId);
      if (!m || m.body_id !== before.body_id) throw new ValidationError('choose a meeting of this body', 'meetingId');
      if (m.date < today) throw new ValidationError(`the meeting of ${formatDisplayDate(m.date)} has passed`, 'meetingId');
    }
    const after = {
      ...(change.meetingId !== undefined ? { meeting_id: change.meetingId } : {}), ...(change.status ? { status: change.status } : {}),
      ...(change.title !== undefined ? { title: required(change.title, 'title', 'enter the item') } : {}), ...(change.notes !== undefined ? { notes: change.notes?.trim() || null } : {}),
    };
    await updateWorkProgrammeItem(tx, id, after);
    await recordAudit(tx, actor, { action: 'update', entity: 'work_programme_item', entityId: id, summary: `Work programme: changed "${before.title}"`, before, after });
  });
}

export async function removeWorkProgrammeItem(db: Db, actor: Actor, id: number): Promise<void> {
  await transaction(db, async (tx) => {
    const before = await getWorkProgrammeItem(tx, id);
    if (!before) throw new ValidationError(`there is no work programme item ${id}`, 'item');
    await deleteWorkProgrammeItem(tx, id);
    await recordAudit(tx, actor, { action: 'delete', entity: 'work_programme_item', entityId: id, summary: `Work programme: removed "${before.title}"`, before });
  });
}

/** A body's programme: each future meeting with its items, then the unscheduled ("other") items. */
export async function workProgramme(db: Queryable, bodyId: number, from: string) {
  const [items, meetings] = await Promise.all([listWorkProgramme(db, bodyId), futureMeetingsOfBody(db, bodyId, from)]);
  const live = items.filter((i) => i.status !== 'dropped');
  return {
    meetings: meetings.map((m) => ({ ...m, items: live.filter((i) => i.meeting_id === m.id) })),
    unscheduled: live.filter((i) => i.meeting_id === null),
    past: live.filter((i) => i.meeting_id !== null && !meetings.some((m) => m.id === i.meeting_id)),
  };
}

// ---------------------------------------------------------------- select committee reviews

export async function startReview(db: Db, actor: Actor, input: { bodyId?: number | null; title: string; termsOfReference: string; startedOn: string; members: { personId?: number | null; name: string; role: string }[] }): Promise<{ id: number; slug: string }> {
  const title = required(input.title, 'title', 'enter the title of the review');
  const terms = required(input.termsOfReference, 'termsOfReference', 'enter the terms of reference');
  const startedOn = dateField(input.startedOn, 'startedOn', 'the start date') as string;
  if (!input.members.length) throw new ValidationError('add the members of the select committee', 'members');
  input.members.forEach((m, i) => required(m.name, `members[${i}].name`, `member ${i + 1} has no name`));
  return transaction(db, async (tx) => {
    const base = slugify(title) || 'review';
    const taken = new Set(await reviewSlugsLike(tx, base));
    const slug = uniqueSlug(base, (s) => taken.has(s));
    const id = await insertReview(tx, { slug, body_id: input.bodyId ?? null, title, terms_of_reference: terms, stage: 'scoping', started_on: startedOn, created_at: nowIso() });
    for (const m of input.members) await insertReviewMember(tx, { review_id: id, person_id: m.personId ?? null, name: m.name.trim(), role: m.role.trim() || 'Member' });
    await insertReviewStage(tx, { review_id: id, stage: 'scoping', on_date: startedOn, note: null });
    await recordAudit(tx, actor, { action: 'create', entity: 'scrutiny_review', entityId: id, summary: `Select committee review "${title}" started`, after: { title, terms, members: input.members } });
    await indexReview(tx, id);
    return { id, slug };
  });
}

export async function advanceReview(db: Db, actor: Actor, id: number, input: { to: string; on: string; note?: string | null; reportSummary?: string | null; response?: string | null }): Promise<void> {
  const on = dateField(input.on, 'on', 'the date') as string;
  if (!(REVIEW_STAGES as readonly string[]).includes(input.to)) throw new ValidationError(`stage must be one of ${REVIEW_STAGES.join(', ')}`, 'stage');
  await transaction(db, async (tx) => {
    const r = await getReview(tx, id);
    if (!r) throw new ValidationError(`there is no review ${id}`, 'review');
    const to = ruled(() => nextReviewStage(r.stage as ReviewStage, input.to as ReviewStage));
    if (to === 'report' && !input.reportSummary?.trim()) throw new ValidationError('summarise the final report and its recommendations', 'reportSummary');
    if (to === 'response' && !input.response?.trim()) throw new ValidationError('enter the executive\'s response', 'response');
    const after = { stage: to, ...(input.reportSummary?.trim() ? { report_summary: input.reportSummary.trim() } : {}), ...(input.response?.trim() ? { response: input.response.trim() } : {}) };
    await updateReview(tx, id, after);
    await insertReviewStage(tx, { review_id: id, stage: to, on_date: on, note: input.note?.trim() || null });
    await recordAudit(tx, actor, { action: 'stage', entity: 'scrutiny_review', entityId: id, summary: `Review "${r.title}" moved to ${to}`, before: { stage: r.stage }, after });
    await indexReview(tx, id);
  });
}

export async function addEvidenceSession(db: Db, actor: Actor, reviewId: number, input: { on: string; title: string; witnesses?: string | null; notes?: string | null }): Promise<number> {
  const on = dateField(input.on, 'on', 'the date of the session') as string;
  const title = required(input.title, 'title', 'enter the subject of the session');
  return transaction(db, async (tx) => {
    const r = await getReview(tx, reviewId);
    if (!r) throw new ValidationError(`there is no review ${reviewId}`, 'review');
    if (r.stage !== 'evidence') throw new ValidationError('evidence sessions are held while the review is gathering evidence', 'stage');
    const id = await insertReviewSession(tx, { review_id: reviewId, on_date: on, title, witnesses: input.witnesses?.trim() || null, notes: input.notes?.trim() || null });
    await recordAudit(tx, actor, { action: 'create', entity: 'scrutiny_review_session', entityId: id, summary: `Evidence session "${title}" for review "${r.title}"`, after: input });
    await indexReview(tx, reviewId);
    return id;
  });
}

/** Stages at which the final report exists: from the report stage on. */
const REPORTED_STAGES: readonly string[] = REVIEW_STAGES.slice(REVIEW_STAGES.indexOf('report'));

/** The text of each page of a PDF, for search to the page; none when it has no text layer (a scan). */
async function pageTexts(bytes: Uint8Array, fileName: string): Promise<string[] | undefined> {
  try {
    return (await readPdfPages(bytes.slice(), fileName)).map((p) => p.lines.map((l) => l.text).join('\n'));
  } catch {
    return undefined; // already checked as a PDF by validateUploadedPdf; a page whose text cannot be read leaves the report unsearched, not refused
  }
}

export interface ReviewReportUpload {
  fileName: string;
  bytes: Uint8Array;
  /** The report's title (first upload only); the review's title and "final report" when not given. */
  title?: string | null;
  /** Why a new version was made; required once a report is published (a correction never overwrites it). */
  note?: string | null;
  /** Exempt under Schedule 12A (the public learns a report exists, and the paragraph, but never reads it); unrestricted when not given. */
  classification?: 'exempt' | 'unrestricted';
  /** The paragraph(s) of Schedule 12A (1 to 7) an exempt report falls under. */
  exemptParagraphs?: number[];
}

/** The report's classification and paragraphs as given, or the field to put right. */
function reportClassification(input: ReviewReportUpload): { classification: 'exempt' | 'unrestricted'; exemptParagraphs: number[] } {
  const classification = input.classification ?? 'unrestricted';
  if (classification !== 'exempt' && classification !== 'unrestricted') throw new ValidationError('the classification of the report is "exempt" or "unrestricted"', 'classification');
  const paragraphs = [...new Set(input.exemptParagraphs ?? [])].sort((a, b) => a - b);
  if (classification === 'unrestricted') {
    if (paragraphs.length) throw new ValidationError('paragraphs of Schedule 12A are given only for an exempt report', 'exemptParagraphs');
    return { classification, exemptParagraphs: [] };
  }
  if (!paragraphs.length) throw new ValidationError('an exempt report needs the paragraph(s) of Schedule 12A it falls under', 'exemptParagraphs');
  if (paragraphs.some((p) => !Number.isInteger(p) || p < 1 || p > 7)) throw new ValidationError('Schedule 12A paragraphs are 1 to 7', 'exemptParagraphs');
  return { classification, exemptParagraphs: paragraphs };
}

/**
 * Attaches the select committee's final report (a PDF, checked as any paper) once the review has reached its report
 * stage. The report is published as an unrestricted document; uploading again adds a version with the reason for it,
 * and every earlier version stays readable. Audited, and the review's search entries (with the report's pages) rebuilt.
 */
export async function attachReviewReport(db: Db, actor: Actor, reviewId: number, input: ReviewReportUpload): Promise<{ documentId: number; slug: string; version: number }> {
  if (!input.bytes?.byteLength) throw new ValidationError('select the final report (a PDF) to upload', 'file');
  const check = await validateUploadedPdf(input.bytes, input.fileName);
  if (check.problems.length) throw new ValidationError(check.problems[0].message, 'file');
  const classified = reportClassification(input);
  const pages = await pageTexts(input.bytes, input.fileName);
  const file = { bytes: input.bytes, fileName: input.fileName, contentType: 'application/pdf', pageCount: check.pageCount };
  return transaction(db, async (tx) => {
    const r = await getReview(tx, reviewId);
    if (!r) throw new ValidationError(`there is no review ${reviewId}`, 'review');
    if (!REPORTED_STAGES.includes(r.stage)) {
      throw new ValidationError(`the final report is attached once the review reaches its final report stage; this review is at ${REVIEW_STAGE_LABELS[r.stage as ReviewStage].toLowerCase()}`, 'stage');
    }
    const note = input.note?.trim() || null;
    let documentId: number;
    let slug: string;
    let version: number;
    if (r.report_document_id) {
      if (!note) throw new ValidationError('say what this new version corrects or changes: the published report is kept, and this becomes its next version', 'note');
      if (note.length > 500) throw new ValidationError('the reason for the new version must be 500 characters or fewer', 'note');
      documentId = r.report_document_id;
      // Each version carries its own classification: an exempt version stays exempt after an open correction.
      version = await addDocumentVersion(tx, actor, documentId, { file, pages, note, ...classified });
      slug = (await reviewReport(tx, documentId))!.slug;
    } else {
      const title = input.title?.trim() || `${r.title}: final report`;
      if (title.length > 300) throw new ValidationError('the title of the report must be 300 characters or fewer', 'title');
      ({ id: documentId, slug } = await addDocument(tx, actor, { kind: 'report', title, file, pages, note, ...classified }));
      version = 1;
      await updateReview(tx, reviewId, { report_document_id: documentId });
    }
    await recordAudit(tx, actor, {
      action: 'report', entity: 'scrutiny_review', entityId: reviewId,
      summary: `${version === 1 ? `Final report of review "${r.title}" published` : `Final report of review "${r.title}": version ${version} (${note})`}${classified.classification === 'exempt' ? ` as exempt (${exemptLabel(classified.exemptParagraphs)})` : ''}`,
      before: { report_document_id: r.report_document_id }, after: { report_document_id: documentId, version, fileName: input.fileName, pageCount: check.pageCount, ...classified },
    });
    await indexReview(tx, reviewId);
    return { documentId, slug, version };
  });
}

export async function reviewDetail(db: Queryable, idOrSlug: number | string) {
  const review = await getReview(db, idOrSlug);
  if (!review) return null;
  const report = review.report_document_id ? await reviewReport(db, review.report_document_id) : null;
  return { review, report, ...(await reviewParts(db, review.id)) };
}

export function reviews(db: Queryable) {
  return listReviews(db);
}

/**
 * A review as the public pages and the API show it (everything about a review is public once started). Its final
 * report is shown as the viewer may have it: the document's own rule (store/read/documents.ts) decides, version by
 * version.
 */
export async function publishedReview(db: Queryable, slug: string, viewer: Viewer = PUBLIC_VIEWER) {
  const d = await reviewDetail(db, slug);
  if (!d) return null;
  const r = d.review;
  let report = null;
  if (d.report) {
    const access = await documentAccess(db, d.report.slug, viewer);
    if (access.access === 'exempt') {
      // The public learns that the report exists and why it is withheld (the paragraph), never its title or pages.
      const current = d.report.versions[0];
      report = { exempt: true, exemptLabel: access.label ?? exemptLabel([]), version: d.report.current_version, publishedOn: current?.created_at.slice(0, 10) ?? null, title: null, slug: null, url: null, pdfUrl: null, versions: [] };
    } else if (access.access === 'ok' && access.doc) {
      const visible = new Set(access.doc.visibleVersions);
      report = {
        exempt: access.exempt ?? false, exemptLabel: access.exempt ? exemptLabel(textToParagraphs(d.report.versions[0]?.exempt_paragraphs ?? '')) : null,
        title: d.report.title, slug: d.report.slug, url: `/documents/${d.report.slug}`, pdfUrl: `/documents/${d.report.slug}.pdf`, version: d.report.current_version,
        publishedOn: d.report.versions[0]?.created_at.slice(0, 10) ?? null,
        versions: d.report.versions.filter((v) => visible.has(v.version)).map((v) => ({
          version: v.version, publishedOn: v.created_at.slice(0, 10), pageCount: v.page_count, size: v.size, note: v.note,
          exempt: v.classification === 'exempt', exemptLabel: v.classification === 'exempt' ? exemptLabel(textToParagraphs(v.exempt_paragraphs)) : null,
          url: v.version === d.report!.current_version ? `/documents/${d.report!.slug}` : `/documents/${d.report!.slug}/v${v.version}`,
        })),
      };
    }
  }
  return {
    slug: r.slug, title: r.title, body: r.body_name, bodySlug: r.body_slug, stage: r.stage, stageLabel: REVIEW_STAGE_LABELS[r.stage as ReviewStage], startedOn: r.started_on, termsOfReference: r.terms_of_reference,
    members: d.members.map((m) => ({ name: m.name, role: m.role })),
    stages: d.stages.map((s) => ({ stage: s.stage, label: REVIEW_STAGE_LABELS[s.stage as ReviewStage], on: s.on_date, note: s.note })),
    sessions: d.sessions.map((s) => ({ on: s.on_date, title: s.title, witnesses: s.witnesses, notes: s.notes })),
    reportSummary: r.report_summary, report, response: r.response,
  };
}

/** Every review, newest first, for the public list and the API. */
export async function publishedReviews(db: Queryable, f: { bodyId?: number } = {}) {
  return (await listReviews(db, f)).map((r) => ({ slug: r.slug, title: r.title, body: r.body_name, bodySlug: r.body_slug, stage: r.stage, stageLabel: REVIEW_STAGE_LABELS[r.stage as ReviewStage], startedOn: r.started_on }));
}
