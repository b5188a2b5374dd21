// The clerk's to-do list: meetings coming up or recently held, each with what is still missing.
import type { WorkingCalendar } from '../../domain/calendar.js';
import { addDays } from '../../domain/dates.js';
import { isStandingItemTitle } from '../../domain/agenda.js';
import type { Queryable } from '../db.js';

export interface MeetingTodo {
  id: number;
  date: string;
  time: string | null;
  bodyName: string;
  status: string;
  publishBy: string | null;
  missing: string[];
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
    const missing: string[] = [];
    const mine = items.filter((i) => i.meeting_id === m.id && !i.withdrawn);
    let publishBy: string | null = null;
    if (m.status === 'scheduled') {
      publishBy = calendar.agendaPublicationDeadline(m.date);
      if (!mine.length) missing.push('No agenda items yet');
      const noPaper = mine.filter((i) => !i.to_follow && !withPapers.has(i.id) && !isStandingItemTitle(i.title));
      if (noPaper.length) missing.push(`${plural(noPaper.length, 'item')} without a paper`);
      const toFollow = mine.filter((i) => i.to_follow && !withPapers.has(i.id));
      if (toFollow.length) missing.push(`${plural(toFollow.length, 'paper')} to follow`);
      missing.push(publishBy < today ? `Agenda publication was due by ${publishBy}` : `Agenda to be published by ${publishBy}`);
    }
    if ((m.status === 'scheduled' || m.status === 'agenda-published') && m.date <= today) missing.push('Not yet marked as held');
    if (m.status === 'held' && !minuted.has(m.id)) missing.push('No minutes written');
    if (m.status === 'held' && minuted.has(m.id)) missing.push('Draft minutes not published');
    if (m.status === 'minutes-drafted') missing.push('Minutes awaiting approval at the next meeting');
    out.push({ id: m.id, date: m.date, time: m.time, bodyName: m.body_name, status: m.status, publishBy, missing });
  }
  return out;
}
