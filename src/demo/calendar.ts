// The calendar of meetings: every body's dates at its own cadence between the start of the archive and two
// months ahead, avoiding weekends, bank holidays and the Christmas closure, with each meeting's status as of
// `today`.
import { createWorkingCalendar, christmasShutdown, type WorkingCalendar } from '../domain/calendar.js';
import { addDays, dayOfWeek, nthWeekdayOfMonth, yearOf } from '../domain/dates.js';
import type { MeetingStatus } from '../domain/types.js';
import { BODIES, type DemoBody } from './bodies.js';

export interface PlannedMeeting {
  body: DemoBody;
  date: string;
  status: MeetingStatus;
  statusReason: string | null;
  /** Agenda published (past meetings and the next ones): the date it was published. */
  publishedOn: string | null;
  /** Index of this meeting among the body's meetings. */
  index: number;
  /** Papers carry their dates; false for the older archive, whose recurring papers are shared. */
  dated: boolean;
}

export function closuresFor(startYear: number, endYear: number): string[] {
  const days: string[] = [];
  for (let y = startYear; y <= endYear; y++) days.push(...christmasShutdown(y));
  return days;
}

function bodyDates(body: DemoBody, start: string, end: string, cal: WorkingCalendar, offsetDays: number): string[] {
  const dates: string[] = [];
  const c = body.cadence;
  const usable = (d: string) => cal.isWorkingDay(d);
  if (c.kind === 'monthly') {
    for (let y = yearOf(start); y <= yearOf(end); y++) {
      for (const month of c.months) {
        let d = nthWeekdayOfMonth(y, month, c.weekday, c.nth);
        while (!usable(d)) d = addDays(d, 1);
        if (d >= start && d <= end) dates.push(d);
      }
    }
    return dates;
  }
  let d = addDays(start, offsetDays);
  while (dayOfWeek(d) !== c.weekday) d = addDays(d, 1);
  for (; d <= end; d = addDays(d, c.everyWeeks * 7)) {
    let day = d;
    while (!usable(day)) day = addDays(day, 1);
    const month = Number(day.slice(5, 7));
    if (c.skipAugust && month === 8) continue;
    dates.push(day);
  }
  return dates;
}

export interface CalendarPlan {
  start: string;
  end: string;
  /** Papers of meetings before this date come from the shared pool. */
  datedFrom: string;
  meetings: PlannedMeeting[];
  calendar: WorkingCalendar;
  extraClosures: string[];
}

export function planCalendar(today: string, years: number): CalendarPlan {
  const end = addDays(today, 61);
  const start = addDays(today, -Math.round(365.25 * years) + 61);
  const datedFrom = addDays(today, -305);
  const extraClosures = closuresFor(yearOf(start) - 1, yearOf(end) + 1);
  const cal = createWorkingCalendar({ extraClosures });
  const meetings: PlannedMeeting[] = [];
  BODIES.forEach((body, b) => {
    const dates = bodyDates(body, start, end, cal, (b * 5) % 21);
    const past = dates.filter((d) => d < today);
    const lastPast = past[past.length - 1];
    let published = 0;
    dates.forEach((date, index) => {
      let status: MeetingStatus;
      let publishedOn: string | null = null;
      const deadline = cal.agendaPublicationDeadline(date);
      if (date < today) {
        status = date === lastPast ? (date >= addDays(today, -10) ? 'held' : 'minutes-drafted') : 'minutes-drafted';
        publishedOn = deadline;
      } else if (deadline <= addDays(today, 7) && published < 2) {
        status = 'agenda-published';
        publishedOn = deadline < today ? deadline : today;
        published++;
      } else {
        status = 'scheduled';
      }
      meetings.push({ body, date, status, statusReason: null, publishedOn, index, dated: date >= datedFrom });
    });
  });
  markCancelledAndPostponed(meetings, today);
  meetings.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : BODIES.indexOf(a.body) - BODIES.indexOf(b.body)));
  return { start, end, datedFrom, meetings, calendar: cal, extraClosures };
}

function markCancelledAndPostponed(meetings: PlannedMeeting[], today: string): void {
  // A past panel meeting cancelled for want of business, and the select committee's next meeting postponed.
  const panel = meetings.filter((m) => m.body.key === 'parenting' && m.date < addDays(today, -60));
  const cancelled = panel[panel.length - 1];
  if (cancelled) {
    cancelled.status = 'cancelled';
    cancelled.statusReason = 'Cancelled by the Chairman: there was insufficient business for the meeting.';
    cancelled.publishedOn = null;
  }
  const postponed = meetings.find((m) => m.body.key === 'select' && m.date >= today && m.status === 'scheduled');
  if (postponed) {
    postponed.status = 'postponed';
    postponed.statusReason = 'Postponed to allow the final evidence sessions with the NHS trusts to be completed; a new date will be published.';
  }
}

/** Call-ins made up to this day go on the meeting's agenda: the day it is published (its date, while unpublished). */
export const callInCutoff = (m: PlannedMeeting) => m.publishedOn ?? m.date;

/**
 * The scrutiny meeting that considers a decision called in on `day`: the next one whose agenda is still to be
 * published, where the clerk puts the call-in (load.ts plans its item and writes it there, cycle.ts waits for it).
 */
export function callInMeeting(day: string, meetings: readonly PlannedMeeting[]): PlannedMeeting | undefined {
  return meetings.find((m) => m.body.key === 'scrutiny' && m.status !== 'cancelled' && m.status !== 'postponed' && callInCutoff(m) >= day);
}
