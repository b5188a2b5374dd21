// Dates and times as councils print them: "Monday, 9th January, 2012", "24th June 2019", "14.03.17",
// "14/03/2017", "2017-03-14", "January 9, 2012"; "10.00 am", "7.00pm", "10am", "14:00", "12 noon".

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};
const MONTH_RE = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY_RE = '(\\d{1,2})(?:st|nd|rd|th)?';

// "9th January, 2012" / "9 Jan 2012" / "9th of January 2012"
const DMY = new RegExp(`\\b${DAY_RE}\\s*(?:of\\s+)?${MONTH_RE}\\.?,?\\s*(\\d{4})\\b`, 'i');
// "January 9th, 2012"
const MDY = new RegExp(`\\b${MONTH_RE}\\.?\\s+${DAY_RE},?\\s+(\\d{4})\\b`, 'i');
// "14.03.17", "14/03/2017", "14-03-2017"
const NUMERIC = /\b(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\b/;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;
// without a year: "24th June", "July 29th"
const DM_NOYEAR = new RegExp(`\\b${DAY_RE}\\s*(?:of\\s+)?${MONTH_RE}\\b`, 'i');
const MD_NOYEAR = new RegExp(`\\b${MONTH_RE}\\s+${DAY_RE}\\b`, 'i');

const WELSH_MONTHS = ['ionawr', 'chwefror', 'mawrth', 'ebrill', 'mai', 'mehefin', 'gorffennaf', 'awst', 'medi', 'hydref', 'tachwedd', 'rhagfyr'];
const WELSH_DMY = new RegExp(`\\b(\\d{1,2})(?:af|il|ydd|ed|fed|eg|ain)?\\s+(?:o\\s+)?(${WELSH_MONTHS.join('|')})\\s*,?\\s*(\\d{4})\\b`, 'i');

export interface FoundDate {
  iso: string;
  index: number;
  length: number;
}

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2199) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function monthOf(s: string): number {
  return MONTHS[s.toLowerCase().replace(/\.$/, '')] ?? 0;
}

/** The first full date (with a year) in `s`, or null. */
export function findDate(s: string): FoundDate | null {
  if (!s) return null;
  const text = s.length > 2000 ? s.slice(0, 2000) : s;
  const candidates: FoundDate[] = [];
  let m = DMY.exec(text);
  if (m) {
    const v = iso(Number(m[3]), monthOf(m[2]), Number(m[1]));
    if (v) candidates.push({ iso: v, index: m.index, length: m[0].length });
  }
  m = MDY.exec(text);
  if (m) {
    const v = iso(Number(m[3]), monthOf(m[1]), Number(m[2]));
    if (v) candidates.push({ iso: v, index: m.index, length: m[0].length });
  }
  m = ISO.exec(text);
  if (m) {
    const v = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    if (v) candidates.push({ iso: v, index: m.index, length: m[0].length });
  }
  // Welsh: "9fed Mai 2018", "11eg Ebrill 2018", "1af Mawrth 2019"
  m = WELSH_DMY.exec(text);
  if (m) {
    const v = iso(Number(m[3]), WELSH_MONTHS.indexOf(m[2].toLowerCase()) + 1, Number(m[1]));
    if (v) candidates.push({ iso: v, index: m.index, length: m[0].length });
  }
  m = NUMERIC.exec(text);
  if (m) {
    const yy = m[4].length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    const year = m[4].length === 2 && yy > 2069 ? yy - 100 : yy;
    const v = iso(year, Number(m[3]), Number(m[1]));
    if (v) candidates.push({ iso: v, index: m.index, length: m[0].length });
  }
  if (!candidates.length) return null;
  candidates.sort((a, b) => a.index - b.index);
  return candidates[0];
}

export function parseDate(s: string): string | null {
  return findDate(s)?.iso ?? null;
}

/** A day and month without a year ("July 29th"), completed with `year`. */
export function parseDayMonth(s: string, year: number): string | null {
  let m = DM_NOYEAR.exec(s);
  if (m) return iso(year, monthOf(m[2]), Number(m[1]));
  m = MD_NOYEAR.exec(s);
  if (m) return iso(year, monthOf(m[1]), Number(m[2]));
  return null;
}

export interface FoundTime {
  hhmm: string;
  index: number;
}

const TIME_AMPM = /\b(\d{1,2})(?:[.:](\d{2}))?\s*([ap])\.?\s?m\b\.?/i;
const TIME_24 = /\b([01]?\d|2[0-3]):([0-5]\d)\b/;
const NOON = /\b12(?:[.:]00)?\s*(?:noon|midday)\b|\bnoon\b|\bmidday\b/i;

function hhmm(h: number, min: number): string | null {
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** The first clock time in `s`, as HH:MM (24h), or null. */
export function findTime(s: string): FoundTime | null {
  if (!s) return null;
  const text = s.length > 2000 ? s.slice(0, 2000) : s;
  const found: FoundTime[] = [];
  let m = TIME_AMPM.exec(text);
  if (m) {
    let h = Number(m[1]);
    const min = m[2] ? Number(m[2]) : 0;
    if (h >= 1 && h <= 12) {
      if (m[3].toLowerCase() === 'p' && h !== 12) h += 12;
      if (m[3].toLowerCase() === 'a' && h === 12) h = 0;
      const v = hhmm(h, min);
      if (v) found.push({ hhmm: v, index: m.index });
    }
  }
  m = TIME_24.exec(text);
  if (m) {
    const v = hhmm(Number(m[1]), Number(m[2]));
    if (v) found.push({ hhmm: v, index: m.index });
  }
  m = NOON.exec(text);
  if (m) found.push({ hhmm: '12:00', index: m.index });
  if (!found.length) return null;
  found.sort((a, b) => a.index - b.index);
  return found[0];
}

export function parseTime(s: string): string | null {
  return findTime(s)?.hhmm ?? null;
}

/** "at 10.00" with no am/pm, used only right after a date on a front sheet. */
export function parseBareTime(s: string): string | null {
  const m = /\bat\s+(\d{1,2})[.:](\d{2})\b/i.exec(s);
  if (!m) return null;
  let h = Number(m[1]);
  if (h >= 1 && h <= 7) h += 12; // evening meetings printed "at 7.00"
  return hhmm(h, Number(m[2]));
}
