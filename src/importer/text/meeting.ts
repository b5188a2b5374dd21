// The front sheet: which body meets, when, where, who to ask ("Ask for:" + "Telephone:").
import type { ExtractedContact } from '../extraction.js';
import type { Line } from './normalise.js';
import { findDate, findTime, parseBareTime } from './dates-times.js';
import { splitNames } from './names.js';

const BODY_WORDS = /\b(?:council|committee|cabinet|board|panel|forum|executive|commission|authority|assembly|partnership|sub-committee|group|meeting|trust|district)\b/i;
export const VENUE_WORDS = /\b(?:room|hall|house|chamber|chambers|centre|center|offices?|library|guildhall|building|suite|pavilion|institute|church|school|hotel|civic|annexe|lodge|barn|online|virtual|teams|zoom|remote)\b/i;
const LABELS = /\b(?:ask for|contact|telephone|tel\.?|phone|e-?mail|enquiries to|fax|direct line|website)\s*(?:no\.?)?\s*:/i;
const SMALL = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'at', 'to', 'a', 'an', 'with', 'by']);

/** "POLICY AND RESOURCES CABINET COMMITTEE" → "Policy and Resources Cabinet Committee"; mixed case is kept. */
export function titleCase(s: string): string {
  if (/[a-z]/.test(s)) return s;
  return s.toLowerCase().split(' ').map((w, i) => {
    if (i > 0 && SMALL.has(w)) return w;
    return w.replace(/(^|[-/(’'])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()).replace(/(['’])S\b/g, '$1s');
  }).join(' ');
}

/** Removes "the" and trailing punctuation from a body name. */
export function cleanBody(s: string): string {
  return s.replace(/^(?:a\s+)?(?:(?:formal|regular|special|ordinary|extraordinary|annual|adjourned)\s+)?meeting\s+of\s+(?=\S)/i, '').replace(/^(?:the\s+)/i, '').replace(/[.,;:]+$/, '').replace(/\s+/g, ' ').trim();
}

// "Regular Board Meeting", "SPECIAL COUNCIL MEETING": a kind of meeting, not a body
const MEETING_KIND = /^(?:(?:regular|special|annual|ordinary|extraordinary|adjourned|monthly|open|closed|study)\s+)*(?:board|council)?\s*(?:meeting|session)$/i;

/** A line that reads as a heading naming a body: short, no sentence punctuation. */
export function isBodyHeading(t: string): boolean {
  if (!t || t.length > 90 || /[.:;?!]$/.test(t) || /\d{3,}/.test(t)) return false;
  if (/^(?:agenda|minutes|notice|summons|supplementary|membership|webcasting|unrestricted|exempt|public|part)\b/i.test(t)) return false;
  // "BOARD MEETING AGENDA", "Draft Minutes of the meeting held on" title the document; they name no body
  if (/\b(?:agenda|minutes)$/i.test(t) || /^(?:draft|approved|unapproved|confirmed)\s+minutes\b/i.test(t)) return false;
  // "Regular Board Meeting" names a kind of meeting, not the body that meets
  if (MEETING_KIND.test(t)) return false;
  // "Communication Committee Report", "Fire Department Report": a paper's or an item's title, not a body
  if (/\b(?:report|reports|update|review)$/i.test(t)) return false;
  // "Fair Oaks Water District Office", "County Hall": a building the body meets or works in
  if (/\b(?:office|offices|building|hall|chambers?|room|centre|center)$/i.test(t)) return false;
  return BODY_WORDS.test(t);
}

const SECTION_HEADING = /^(?:part\s*(?:[12ab]|i{1,2})\b|(?:unrestricted|exempt|open|public|private|confidential|restricted)\s+(?:items|business)\b)|\bitems\b/i;
const AUTHORITY = /\b(?:council|comhairle(?:\s+\S+){1,3})$/i;
const COMMITTEE_END = /\b(?:committee|sub-committee|cabinet|panel|board|forum|commission|executive|assembly|partnership)$/i;

/**
 * The committee named on the lines under an authority's letterhead ("EASTSHIRE COUNTY COUNCIL" / "CHILDREN'S
 * SERVICES SCRUTINY COMMITTEE"), within the next three lines of text; null if the letterhead stands alone.
 */
function committeeUnder(lines: Line[], end: number): string | null {
  let seen = 0;
  let afterAuthority = false;
  for (let i = 0; i < Math.min(end, 40) && seen < 6; i++) {
    const t = lines[i].text;
    if (!t) continue;
    seen++;
    if (isBodyHeading(t) && AUTHORITY.test(t)) { afterAuthority = true; continue; }
    if (!afterAuthority) continue;
    if (isBodyHeading(t) && COMMITTEE_END.test(t)) return titleCase(cleanBody(t));
    if (findDate(t) || /^agenda$/i.test(t)) return null;
  }
  return null;
}

export interface FrontSheet {
  body: string | null;
  date: string | null;
  time: string | null;
  venue: string | null;
  contacts: ExtractedContact[];
  letterhead: string | null;
}

/** The value after a label, carried onto following lines while it ends in a separator. */
function labelValue(lines: Line[], i: number, label: RegExp): string | null {
  const t = lines[i].text;
  const m = label.exec(t);
  if (!m) return null;
  let v = t.slice(m.index + m[0].length);
  // a value stops where the next label on the same (two-column) line starts
  const stop = LABELS.exec(v);
  if (stop) v = v.slice(0, stop.index);
  let k = i + 1;
  while (k < lines.length && k < i + 3 && (/[/&,]\s*$|\band\s*$/i.test(v.trim()) || !v.trim())) {
    const n = lines[k].text;
    if (!n) { k++; continue; }
    const s2 = LABELS.exec(n);
    v += ` ${s2 ? n.slice(0, s2.index) : n}`;
    k++;
  }
  return v.trim();
}

function phonesFrom(v: string): string[] {
  const out: string[] = [];
  let area = '';
  for (const part of v.split(/\/|,|\bor\b|\band\b|&/)) {
    const digits = part.replace(/[^\d() ]/g, ' ').replace(/\s+/g, ' ').trim();
    if (!/\d{3}/.test(digits)) continue;
    const m = /^\(?(0\d{2,5})\)?\s*(\d[\d ]{4,})$/.exec(digits);
    if (m) {
      area = m[1];
      out.push(`${m[1]} ${m[2].trim()}`);
    } else if (/^\d[\d ]{4,8}$/.test(digits) && area) {
      out.push(`${area} ${digits.trim()}`);
    } else {
      out.push(digits.replace(/[()]/g, '').trim());
    }
  }
  return out;
}

const ASK_FOR = /\b(?:ask for|contact(?: officer)?|enquiries to|democratic services officer|clerk)\s*:/i;
const TELEPHONE = /\b(?:telephone|tel\.?|phone|direct line)\s*(?:no\.?)?\s*:/i;

/**
 * "Ask for: A / B" with "Telephone: 1 / 2" pairs names and numbers in order; a sheet that repeats the
 * rows per person ("Ask for: A", "Telephone: 1", "Ask for: B") pairs each number with the name above it.
 */
export function readContacts(lines: Line[], from: number, to: number): ExtractedContact[] {
  const blocks: { names: string[]; phones: string[] }[] = [];
  let phonesFirst: string[] = []; // a number printed before the first name
  for (let i = from; i < to; i++) {
    const t = lines[i].text;
    if (ASK_FOR.test(t)) {
      const v = labelValue(lines, i, ASK_FOR);
      const names = v ? splitNames(v.replace(/\//g, ',')) : [];
      // a later "Contact:" that is not a person (or a stray label in a paper) ends the search
      if (names.length) blocks.push({ names, phones: [] });
      else if (blocks.length) break;
    }
    if (TELEPHONE.test(t)) {
      const v = labelValue(lines, i, TELEPHONE);
      const phones = v ? phonesFrom(v) : [];
      const last = blocks[blocks.length - 1];
      if (last && !last.phones.length) last.phones = phones;
      else if (!last && !phonesFirst.length) phonesFirst = phones;
    }
  }
  if (blocks.length && !blocks[0].phones.length) blocks[0].phones = phonesFirst;
  return blocks.flatMap((b) => b.names.map((name, k) => ({ name, phone: b.phones[k] ?? (b.phones.length === 1 ? b.phones[0] : null) })));
}

/** Strips labelled two-column spill ("… County Telephone: (01622) 694367/") and phone digits. */
function venuePart(t: string): string {
  let v = t;
  const lab = LABELS.exec(v);
  if (lab) v = v.slice(0, lab.index);
  v = v.replace(/\(?0\d{2,5}\)?\s*\d{3,}[\d ]*\/?/g, ' ').replace(/\b\d{5,}\b\/?/g, ' ');
  return v.replace(/\s+/g, ' ').trim();
}

// "9935 Auburn Folsom Road" over "Granite Bay, CA 95746": a US street address as the place of the meeting
const STREET_LINE = /^\d{1,6}\s+(?:[A-Z][\w'’.-]*\s+){1,4}(?:Road|Rd|Street|St|Avenue|Ave|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Parkway|Pkwy|Court|Ct|Place|Pl|Highway|Hwy)\.?$/;
const TOWN_STATE_ZIP = /^[A-Z][A-Za-z .'’-]{1,40},\s*[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?$/;
// "Tuesday 29th April 2014 at 7.30 pm in the Village Hall": the place after the date and time
const AFTER_TIME_PLACE = /\b\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s?m\b\.?,?\s+(?:in|at)\s+(?:the\s+)?([A-Z][^.,;]{2,80}?)\.?\s*$/i;

export function readVenue(lines: Line[], from: number, to: number): string | null {
  for (let i = from; i < to; i++) {
    const t = lines[i].text;
    if (!t || /^(?:ask for|telephone|tel|contact|e-?mail)\b/i.test(t)) continue;
    if (STREET_LINE.test(t)) {
      const n = i + 1 < to ? lines[i + 1].text : '';
      // a letterhead's address, with the office's telephone number under it, is where the authority is, not where
      // the meeting is held
      const after = TOWN_STATE_ZIP.test(n) ? lines[i + 2]?.text ?? '' : n;
      if (/^(?:(?:tel|telephone|phone)\.?:?\s*)?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}$/i.test(after)) continue;
      return TOWN_STATE_ZIP.test(n) ? `${t}, ${n}` : t;
    }
    const placed = findDate(t) ? AFTER_TIME_PLACE.exec(t) : null;
    if (placed && VENUE_WORDS.test(placed[1])) return placed[1].trim();
    // "to be held at X on …" / "in X"
    const held = /\b(?:held|take place|meet)\s+(?:at|in)\s+(?:the\s+)?(.+?)(?:\s+on\s+(?:[A-Z]|\d)|\s+at\s+\d|,?\s*$)/i.exec(t);
    if (held && VENUE_WORDS.test(held[1])) return held[1].replace(/[.,]+$/, '').trim();
    let v = venuePart(t);
    if (!v || !VENUE_WORDS.test(v) || findDate(v) || /\b(?:please|will be|available|meeting may|consent|notice)\b/i.test(v)) continue;
    if (v.length > 120 || /[.!?]$/.test(v) && v.split(' ').length > 10) continue;
    if (/^venue\s*:\s*/i.test(v)) v = v.replace(/^venue\s*:\s*/i, '');
    // wrapped continuation: "Darent Room, Sessions House, County" + "Hall, Maidstone"
    for (let k = i + 1; k < Math.min(to, i + 3); k++) {
      const n = lines[k].text;
      if (!n) break;
      const part = venuePart(n);
      if (!part || findDate(part) || findTime(part) || /^(?:ask for|telephone|tel|contact|e-?mail|tea|coffee|membership|agenda)\b/i.test(part)) break;
      if (part.length > 60 || /[.]$/.test(v)) break;
      if (!/^[A-Z]/.test(part)) break;
      v = `${v} ${part}`;
    }
    return v.replace(/[.,;]+$/, '').trim();
  }
  return null;
}

/** Reads the body, date, time, venue and contacts from the lines before the agenda list. */
export function readFrontSheet(lines: Line[], to: number): FrontSheet {
  const end = Math.min(to, lines.length);
  let body: string | null = null;
  let letterhead: string | null = null;
  // letterhead: the first heading line naming a body
  for (let i = 0; i < Math.min(end, 40); i++) {
    if (isBodyHeading(lines[i].text)) { letterhead = titleCase(cleanBody(lines[i].text)); break; }
  }
  // "summoned to a meeting of the X" / line after "AGENDA"
  for (let i = 0; i < end; i++) {
    const t = lines[i].text;
    const m = /\b(?:meeting|session) of (?:the\s+)?(.+?)(?:\s+(?:to be held|will be held|which will be held|held|on|at|in)\b|[.,]|$)/i.exec(t);
    if (m && /summon|notice|hereby|invited|requested/i.test(t)) {
      const b = cleanBody(m[1]);
      body = /^above\b|^said\b/i.test(b) ? letterhead : titleCase(b);
      if (body) break;
    }
    if (/^agenda$/i.test(t)) {
      for (let k = i + 1; k < Math.min(end, i + 4); k++) {
        if (!lines[k].text) continue;
        if (MEETING_KIND.test(lines[k].text)) break;
        // "UNRESTRICTED ITEMS", "PART A - ITEMS CONSIDERED IN PUBLIC": the agenda's first section, no body
        if (SECTION_HEADING.test(lines[k].text)) break;
        if (isBodyHeading(lines[k].text) || (/^[A-Z][A-Z '&,-]{2,60}$/.test(lines[k].text) && !findDate(lines[k].text))) body = titleCase(cleanBody(lines[k].text));
        break;
      }
      if (body) break;
    }
  }
  // "WESTBURY DISTRICT COUNCIL" over "PLANNING COMMITTEE": the authority's name, then the body that meets
  if (!body) body = committeeUnder(lines, end) ?? letterhead;

  let date: string | null = null;
  let time: string | null = null;
  for (let i = 0; i < end; i++) {
    const t = lines[i].text;
    if (/^(?:published|date of publication|dated|issued)\b/i.test(t)) continue;
    // "Next Board Meeting (August 17, 2020 6:30pm)": the date of another meeting
    if (/\bnext\b[^.]{0,40}\bmeeting\b/i.test(t)) continue;
    const d = findDate(t);
    if (!d) continue;
    date = d.iso;
    const after = t.slice(d.index + d.length);
    time = findTime(after)?.hhmm ?? parseBareTime(after);
    for (let k = i + 1; !time && k < Math.min(end, i + 4); k++) {
      const n = lines[k].text;
      if (n && n.length < 60) time = findTime(n)?.hhmm ?? null;
    }
    if (!time) time = findTime(t)?.hhmm ?? null;
    break;
  }
  return { body, date, time, venue: readVenue(lines, 0, end), contacts: readContacts(lines, 0, end), letterhead };
}
