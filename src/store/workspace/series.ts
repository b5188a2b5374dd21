// A year's calendar of meetings for a body: every N weeks on a weekday, or monthly on the Nth weekday. Days the
// council is closed (weekends, bank holidays, its own closures) are skipped and reported, never moved silently.
import { bankHolidayOn } from '../../domain/bank-holidays.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import { addDays, dayOfWeek, nthWeekdayOfMonth } from '../../domain/dates.js';
import { membershipRoleLabel, type Actor } from '../../domain/types.js';
import { recordAudit } from '../audit.js';
import type { Queryable } from '../db.js';
import { createMeeting, type NewAgendaSection } from '../meetings.js';

export type SeriesPattern =
  | { kind: 'weekly'; weekday: number; everyWeeks: number }
  | { kind: 'monthly'; weekday: number; nth: number }; // nth: 1–4, or -1 for the last

export interface SeriesDates {
  dates: string[];
  skipped: { date: string; reason: string }[];
}

/** The meeting dates of a series from `from` to `to` inclusive. */
export function seriesDates(pattern: SeriesPattern, from: string, to: string, calendar: WorkingCalendar): SeriesDates {
  const candidates: string[] = [];
  if (pattern.kind === 'weekly') {
    let d = addDays(from, (pattern.weekday - dayOfWeek(from) + 7) % 7);
    for (; d <= to; d = addDays(d, 7 * pattern.everyWeeks)) candidates.push(d);
  } else {
    let year = Number(from.slice(0, 4));
    let month = Number(from.slice(5, 7));
    for (;;) {
      const d = nthWeekdayOfMonth(year, month, pattern.weekday, pattern.nth);
      if (d > to) break;
      if (d >= from) candidates.push(d);
      month++;
      if (month > 12) {
        month = 1;
        year++;
      }
    }
  }
  const dates: string[] = [];
  const skipped: { date: string; reason: string }[] = [];
  for (const d of candidates) {
    if (calendar.isWorkingDay(d)) dates.push(d);
    else skipped.push({ date: d, reason: bankHolidayOn(d)?.name ?? 'the council is closed' });
  }
  return { dates, skipped };
}

/** Standing items that open and close every agenda (primer §3). */
export function standingAgenda(style: string, bodyKind: string | null = null): NewAgendaSection[] {
  const lettered = style === 'lettered';
  const items = ['Apologies and Substitutes', 'Declarations of Interest by Members in items on the agenda for this meeting', 'Minutes of the previous meeting'];
  // Whoever chairs the body decides: the Chairman of a committee, the Leader at Cabinet (the one rule of role names).
  const closing = `Other items which the ${membershipRoleLabel('chairman', bodyKind)} decides are relevant or urgent`;
  const codes = (n: number, letter: string | null, from = 1) => Array.from({ length: n }, (_, i) => `${letter ?? ''}${from + i}`);
  if (lettered) {
    return [
      { letter: 'A', title: 'Committee Business', items: [...items, closing].map((title, i) => ({ code: codes(4, 'A')[i], title })) },
    ];
  }
  return [{ title: 'Agenda', items: [...items, closing].map((title, i) => ({ code: codes(4, null)[i], title })) }];
}

export interface NewMeetingPlan {
  bodyId: number;
  dates: string[];
  time: string | null;
  venue: string | null;
  contacts: { name: string; phone: string | null; email: string | null }[];
  withStandingItems: boolean;
}

/** Creates the meetings (each audited) and one audit entry for the series. Run inside a transaction. */
export async function scheduleMeetings(db: Queryable, actor: Actor, plan: NewMeetingPlan): Promise<{ id: number; slug: string; date: string }[]> {
  const body = await db.selectFrom('body').select(['name', 'agenda_style', 'kind']).where('id', '=', plan.bodyId).executeTakeFirstOrThrow();
  const out: { id: number; slug: string; date: string }[] = [];
  for (const date of plan.dates) {
    const m = await createMeeting(db, actor, {
      bodyId: plan.bodyId, date, time: plan.time, venue: plan.venue, contacts: plan.contacts,
      sections: plan.withStandingItems ? standingAgenda(body.agenda_style, body.kind) : [],
    });
    out.push({ id: m.id, slug: m.slug, date });
  }
  if (plan.dates.length > 1) {
    await recordAudit(db, actor, { action: 'schedule-series', entity: 'body', entityId: plan.bodyId, summary: `Scheduled ${plan.dates.length} meetings of ${body.name}`, after: plan });
  }
  return out;
}
