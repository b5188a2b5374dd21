// Meetings: scheduling (one or a series), their life (held, cancelled, postponed) and the lists and pages that read them.
import type { Actor } from '../domain/types.js';
import { ValidationError } from '../errors.js';
import { getBody } from '../store/bodies.js';
import type { Store } from '../store/db.js';
import { createMeeting, type CreatedMeeting, type NewMeeting } from '../store/meetings.js';
import * as life from '../store/workspace/meeting-life.js';
import * as series from '../store/workspace/series.js';
import { councilCalendar } from './council.js';
import { unitOfWork } from './unit.js';

export { getMeeting, listMeetings, getAgenda, type NewMeeting, type CreatedMeeting } from '../store/meetings.js';
export { readMeetingPage, PACK_FILE_BASES, type MeetingPage } from '../store/read/meeting-page.js';
import { loadMeetingRecord, meetingPageFor, type MeetingPage } from '../store/read/meeting-page.js';
import type { Viewer } from '../domain/policy.js';
import { deepFreeze, isDeepFrozen } from './frozen.js';
import { versionedRead, type ChangeCounts } from './read-cache.js';
export { readHome, meetingsBetween, bodyOptions, archiveYears } from '../store/read/calendar.js';
export { pageOfMeetings, type MeetingListFilter } from '../store/read/lists.js';
export { seriesDates, standingAgenda, type SeriesPattern, type NewMeetingPlan } from '../store/workspace/series.js';
export { laterMeetings } from '../store/workspace/meeting-life.js';
export { decisionsToDo, meetingsToDo, type DecisionTodo, type MeetingTodo, type Task } from '../store/workspace/home.js';

const pagesFor = new WeakMap<object, WeakMap<Viewer, MeetingPage>>();

/**
 * A meeting's page as this viewer may see it: the meeting's rows are read once per data version and shared (they do
 * not depend on the viewer); what the viewer may see of them is decided by meetingPageFor, a pure function of the
 * rows and the viewer, kept for each (rows, viewer) pair of deep-frozen objects: the same two objects can only ever
 * give the same page (a viewer built afresh, an API token's, is decided afresh). `counts`: the counters the request
 * already read with its session (read-cache.ts ReadOptions.counts); none: read now.
 */
export async function meetingPage(store: Store, slug: string, viewer: Viewer, counts?: ChangeCounts | null): Promise<MeetingPage | null> {
  const record = await versionedRead(store, `meeting:${slug}`, () => loadMeetingRecord(store.db, slug), { counts });
  if (!record) return null;
  if (!isDeepFrozen(viewer)) return meetingPageFor(record, viewer);
  let byViewer = pagesFor.get(record);
  if (!byViewer) pagesFor.set(record, (byViewer = new WeakMap()));
  let page = byViewer.get(viewer);
  if (!page) byViewer.set(viewer, (page = deepFreeze(meetingPageFor(record, viewer))));
  return page;
}

/** Schedules one meeting of a body that exists, on a real date. */
export async function scheduleMeeting(store: Store, actor: Actor, m: NewMeeting): Promise<CreatedMeeting> {
  if (!(await getBody(store.db, m.bodyId))) throw new ValidationError(`There is no body with id ${m.bodyId}`, 'bodyId');
  if (Number.isNaN(Date.parse(m.date))) throw new ValidationError(`The field "date" is not a real date: ${m.date}`, 'date');
  return unitOfWork(createMeeting)(store, actor, m);
}

/** Schedules a meeting or a series, each with the body's standing items if asked. */
export const scheduleMeetings = unitOfWork(series.scheduleMeetings);
export interface SeriesPlan extends Omit<series.NewMeetingPlan, 'dates'> {
  pattern: series.SeriesPattern;
  /** The first and last days of the series (at most a year apart). */
  from: string;
  to: string;
}

/**
 * Schedules a body's meetings for a pattern (every n weeks, or the nth weekday of each month) between two dates at
 * most a year apart. Days the council is closed are skipped and reported, never moved; a series with no date left
 * is refused.
 */
export async function scheduleSeries(store: Store, actor: Actor, plan: SeriesPlan): Promise<{ created: { id: number; slug: string; date: string }[]; skipped: series.SeriesDates['skipped'] }> {
  const { pattern, from, to, ...rest } = plan;
  if (!(await getBody(store.db, plan.bodyId))) throw new ValidationError(`There is no body with id ${plan.bodyId}`, 'bodyId');
  if (to < from) throw new ValidationError('The last date of the series must be after the first date', 'to');
  if (to > `${Number(from.slice(0, 4)) + 1}${from.slice(4)}`) throw new ValidationError('A series can cover at most one year', 'to');
  const { dates, skipped } = series.seriesDates(pattern, from, to, await councilCalendar(store.db));
  if (!dates.length) throw new ValidationError('No meeting dates fall between the first and last dates of the series', 'from');
  return { created: await scheduleMeetings(store, actor, { ...rest, dates }), skipped };
}

export const markHeld = unitOfWork(life.markHeld);
export const cancelOrPostpone = unitOfWork(life.cancelOrPostpone);
