// iCalendar (RFC 5545) through ical-generator: it escapes text (a bare CR or LF in a venue becomes "\n", never a
// new property), folds lines at 75 octets and writes CRLF line ends. Meeting times are wall-clock times in
// Europe/London, written with TZID and the zone's VTIMEZONE; DTSTAMP is UTC.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';

export const CALENDAR_ZONE = 'Europe/London';

export interface CalendarEvent {
  uid: string;
  date: string; // YYYY-MM-DD
  time: string | null; // HH:MM
  summary: string;
  location: string | null;
  url: string;
  description: string;
  status: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  stamp: string; // ISO timestamp
}

const STATUS = { CONFIRMED: ICalEventStatus.CONFIRMED, CANCELLED: ICalEventStatus.CANCELLED, TENTATIVE: ICalEventStatus.TENTATIVE } as const;

/** Council meetings are booked for the morning or afternoon: two hours is the usual slot. */
const SLOT_HOURS = 2;

/** A wall-clock time plus some hours, as a floating "YYYY-MM-DDTHH:MM:SS" (no zone: the event's TZID applies). */
function floating(date: string, time: string, plusHours = 0): string {
  const [h, m] = time.split(':').map((x) => Number(x) || 0);
  const t = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h + plusHours, m));
  return t.toISOString().slice(0, 19);
}

function stampOf(iso: string): Date {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}

/** The calendar's name is written unescaped by the library: keep it to one line of plain text. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/[;,\\]/g, (c) => `\\${c}`).trim();
}

export function renderCalendar(name: string, events: CalendarEvent[]): string {
  const cal = ical({
    name: oneLine(name),
    prodId: { company: 'Moot', product: 'Meetings', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    scale: 'GREGORIAN',
    // No calendar-wide zone (DTSTAMP stays UTC); each timed event names Europe/London and the generator adds its VTIMEZONE.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  cal.x([{ key: 'X-WR-TIMEZONE', value: CALENDAR_ZONE }]);
  for (const e of events) {
    const common = {
      id: e.uid, stamp: stampOf(e.stamp), summary: e.summary, location: e.location ?? undefined, url: e.url, description: e.description, status: STATUS[e.status],
    };
    if (e.time) {
      cal.createEvent({ ...common, timezone: CALENDAR_ZONE, start: floating(e.date, e.time), end: floating(e.date, e.time, SLOT_HOURS) });
    } else {
      cal.createEvent({ ...common, allDay: true, start: new Date(`${e.date}T00:00:00Z`) });
    }
  }
  const text = cal.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
