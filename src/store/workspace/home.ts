// The clerk's to-do list: meetings coming up or recently held, each with what is still missing.
import type { WorkingCalendar } from '../../domain/calendar.js';
import { addDays } from '../../domain/dates.js';
import { isStandingItemTitle } from '../../domain/agenda.js';
import type { Queryable } from '../db.js';

/** One thing still to do; `due` is the date it must be done by (ISO), for the page to write as people do. */
export interface Task {
  text: string;
  due?: string | null;
  overdue?: boolean;
  kind: 'agenda' | 'papers' | 'held' | 'minutes-write' | 'minutes-publish' | 'minutes-approve';
}

export interface MeetingTodo {
  id: number;
  date: string;
  time: string | null;
  bodyName: string;
  status: string;
  publishBy: string | null;
  tasks: Task[];
}

export interface DecisionTodo {
  id: number;
  number: string;
  subject: string;
  takerName: string;
  takenOn: string;
  /** For a published decision in its call-in period: the last day a call-in may be made. */
  callInEndsOn: string | null;
}

/** Decisions the clerk still has to publish, and published ones whose call-in period is still running. */
export async function decisionsToDo(db: Queryable, today: string): Promise<{ toPublish: DecisionTodo[]; callInRunning: DecisionTodo[] }> {
  const rows = await db.selectFrom('decision')
    .select(['id', 'number', 'subject', 'taker_name', 'taken_on', 'status', 'call_in_ends_on'])
    .where((eb) => eb.or([eb('status', '=', 'draft'), eb.and([eb('status', '=', 'published'), eb('call_in_ends_on', '>=', today)])]))
    .orderBy('taken_on').orderBy('number').execute();
  const todo = (r: (typeof rows)[number]): DecisionTodo => ({ id: r.id, number: r.number, subject: r.subject, takerName: r.taker_name, takenOn: r.taken_on, callInEndsOn: r.call_in_ends_on });
  return { toPublish: rows.filter((r) => r.status === 'draft').map(todo), callInRunning: rows.filter((r) => r.status === 'published').map(todo) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export async function meetingsToDo(db: Queryable, today: string, calendar: WorkingCalendar, weeksAhead = 8): Promise<MeetingTodo[]> {
  const meetings = await db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.date', 'meeting.time', 'meeting.status', 'body.name as body_name'])
    .where('meeting.historic', '=', 0).where('meeting.status', 'not in', ['cancelled', 'postponed', 'minutes-approved'])
    .where('meeting.date', '>=', addDays(today, -120)).where('meeting.date', '<=', addDays(today, weeksAhead * 7))
    .orderBy('meeting.date').orderBy('meeting.time').execute();
  if (!meetings.length) return [];
  const ids = meetings.map((m) => m.id);
  const items = await db.selectFrom('agenda_item').select(['id', 'meeting_id', 'title', 'to_follow', 'withdrawn']).where('meeting_id', 'in', ids).execute();
  const papers = await db.selectFrom('document').select('agenda_item_id').where('meeting_id', 'in', ids).where('agenda_item_id', 'is not', null).execute();
  const withPapers = new Set(papers.map((p) => p.agenda_item_id));
  const minutes = await db.selectFrom('minute').select('meeting_id').where('meeting_id', 'in', ids).execute();
  const minuted = new Set(minutes.map((m) => m.meeting_id));
  const out: MeetingTodo[] = [];
  for (const m of meetings) {
    const missing: Task[] = [];
    const mine = items.filter((i) => i.meeting_id === m.id && !i.withdrawn);
    let publishBy: string | null = null;
    if (m.status === 'scheduled') {
      publishBy = calendar.agendaPublicationDeadline(m.date);
      if (!mine.length) missing.push({ kind: 'agenda', text: 'No agenda items yet' });
      const noPaper = mine.filter((i) => !i.to_follow && !withPapers.has(i.id) && !isStandingItemTitle(i.title));
      if (noPaper.length) missing.push({ kind: 'papers', text: `${plural(noPaper.length, 'item')} without a paper` });
      missing.push({ kind: 'agenda', text: publishBy < today ? 'Agenda publication was due by' : 'Publish the agenda by', due: publishBy, overdue: publishBy < today });
    }
    // A paper marked "to follow" that has not arrived, before the meeting: after publication it goes out in a supplementary agenda.
    if ((m.status === 'scheduled' || m.status === 'agenda-published') && m.date >= today) {
      const toFollow = mine.filter((i) => i.to_follow && !withPapers.has(i.id));
      if (toFollow.length) missing.push({ kind: 'papers', text: m.status === 'agenda-published' ? `${plural(toFollow.length, 'paper')} to follow: publish a supplementary agenda before the meeting` : `${plural(toFollow.length, 'paper')} to follow` , due: m.date });
    }
    if ((m.status === 'scheduled' || m.status === 'agenda-published') && m.date < today) missing.push({ kind: 'held', text: 'Not yet marked as held' });
    if (m.status === 'held' && !minuted.has(m.id)) missing.push({ kind: 'minutes-write', text: 'Write the minutes' });
    if (m.status === 'held' && minuted.has(m.id)) missing.push({ kind: 'minutes-publish', text: 'Publish the draft minutes' });
    if (m.status === 'minutes-drafted') missing.push({ kind: 'minutes-approve', text: 'Minutes to be approved at the next meeting' });
    out.push({ id: m.id, date: m.date, time: m.time, bodyName: m.body_name, status: m.status, publishBy, tasks: missing });
  }
  return out;
}
