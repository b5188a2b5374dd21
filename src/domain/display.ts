// How dates and times read on a council's pages, feeds and emails: "Monday 9 January 2012", "10am", "2:30pm".
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// Pages print the same few hundred dates over and over (a councillor's page: every meeting of their committees), so
// each text is worked out once: the function is pure and the cache is bounded.
const DATE_TEXTS = new Map<string, string>();

export function formatDisplayDate(iso: string, withDay = true): string {
  const key = withDay ? iso : `-${iso}`;
  let text = DATE_TEXTS.get(key);
  if (text === undefined) {
    text = dateText(iso, withDay);
    if (DATE_TEXTS.size >= 20_000) DATE_TEXTS.clear();
    DATE_TEXTS.set(key, text);
  }
  return text;
}

function dateText(iso: string, withDay: boolean): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  const text = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return withDay ? `${DAYS[d.getUTCDay()]} ${text}` : text;
}

// Times likewise (a committee's page lists its meetings' times, mostly one or two): the regex ran for every one.
const TIME_TEXTS = new Map<string, string>();

export function formatDisplayTime(hhmm: string): string {
  let text = TIME_TEXTS.get(hhmm);
  if (text === undefined) {
    text = timeText(hhmm);
    if (TIME_TEXTS.size >= 2_000) TIME_TEXTS.clear();
    TIME_TEXTS.set(hhmm, text);
  }
  return text;
}

function timeText(hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  if (!m) return hhmm;
  const h = +m[1];
  const suffix = h >= 12 ? 'pm' : 'am';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return m[2] === '00' ? `${h12}${suffix}` : `${h12}:${m[2]}${suffix}`;
}

/** A guest's time slot as typed ("10:30 - 11:15", "14:00") in the council's style ("10:30am to 11:15am"); other text as it is. */
export function formatTimeSlot(slot: string): string {
  if (!/^\s*\d{1,2}:\d{2}(\s*[-–]\s*\d{1,2}:\d{2})?\s*$/.test(slot)) return slot.trim();
  return slot.trim().split(/\s*[-–]\s*/).map(formatDisplayTime).join(' to ');
}

/**
 * Free text that carries ISO dates ("Published agenda pack version 1 of Cabinet on 2026-12-07", as audit entries
 * were recorded) with each date written as people write it. Dates inside file names and codes are left alone.
 */
export function displayDatesIn(text: string): string {
  return text.replace(/(?<![\w./-])\d{4}-\d{2}-\d{2}(?![\w./-]|-)/g, (d) => formatDisplayDate(d));
}

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * A moment recorded as a UTC timestamp ("2026-12-06T13:57:27.880Z") as people in the council read it: the UK's
 * clock (GMT or BST), "Sunday 6 December 2026, 1:57pm". Text that is not a timestamp is returned as it is.
 */
export function formatDisplayDateTime(timestamp: string, withDay = true): string {
  const p = londonParts(timestamp);
  if (!p) return timestamp;
  return `${formatDisplayDate(`${p.year}-${p.month}-${p.day}`, withDay)}, ${formatDisplayTime(`${p.hour}:${p.minute}`)}`;
}

function londonParts(timestamp: string): Record<string, string> | null {
  const at = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(timestamp) ? new Date(timestamp.replace(' ', 'T') + (/[zZ]|[+-]\d{2}:?\d{2}$/.test(timestamp) ? '' : 'Z')) : null;
  if (!at || Number.isNaN(at.getTime())) return null;
  return Object.fromEntries(LONDON_PARTS.formatToParts(at).map((x) => [x.type, x.value]));
}

/** The day (YYYY-MM-DD) on the UK's clock of a moment recorded as a UTC timestamp: the day a person there saw it happen. */
export function councilDay(timestamp: string): string {
  const p = londonParts(timestamp);
  return p ? `${p.year}-${p.month}-${p.day}` : timestamp.slice(0, 10);
}
