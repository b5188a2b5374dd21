// Minutes published on their own without a "Minutes of a meeting of the X held on …" heading, as most councils and
// boards outside the big English authorities print them:
//   "MANORDEILO & SALEM COMMUNITY COUNCIL / MEETING 12th OCTOBER 2016 / … held their meeting at 7.30pm on … / PRESENT"
//   "LOS RIOS COMMUNITY COLLEGE DISTRICT / Board Meeting Minutes / Wednesday, March 11, 2020"
//   "Regular Board Meeting / Approved Minutes / April 9, 2018 / District Attendees"
// Finds where such a document's heading is and reads the body, date, time and venue it prints.
import type { Line } from './normalise.js';
import { findDate, findTime } from './dates-times.js';
import { cleanBody, isBodyHeading, titleCase, VENUE_WORDS } from './meeting.js';
import type { MinutesHead } from './minutes.js';

// a title line: "MINUTES", "Board Meeting Minutes", "Approved Minutes", "Draft minutes of the meeting"
const TITLE = /^(?:(?:draft|approved|unapproved|confirmed|signed|official)\s+)?(?:(.{1,60}?)\s+)?minutes(?:\s*[-–:]\s*(?:draft|approved|unapproved|(?:(?:regular|special|annual|adjourned|ordinary|extraordinary)\s+)?(?:board\s+|council\s+)?meeting))?$/i;
const ATTENDANCE_LABEL = /^(?:(?:members\s+)?present|presennol|roll call|(?:(?:district|board|council)\s+)?attendees|councillors present|those present)\s*:?$|^present\s*:/i;
const AGENDA_TITLE = /^(?:(?:supplementary|revised|draft)\s+)?agenda\b(?!\s+item)|\bnotice is hereby given\b|\bsummon(?:s|ed)\b|\byou are (?:hereby )?(?:summoned|requested|invited) to attend\b/i;
// "X held their meeting at 7.30pm on …", "The meeting of X was held …"
const HELD_SENTENCE = /^(.{3,120}?)\s+held\s+(?:their|its|a|the)\s+(?:\w+\s+)?meeting\b|^cynhaliwyd\s+cyfarfod\s+(?:o\s+)?(.{3,120}?)\s+am\s+\d/i;
const GENERIC = /^(?:(?:regular|special|annual|ordinary|extraordinary|adjourned|monthly|full|public|open|closed|study)\s+)*(?:(?:board|council)\s+)?(?:meeting|session)?$/i;
const BOARD_ONLY = /^(?:the\s+)?board(?:\s+of\s+(?:directors?|trustees)(?:['’]s?)?)?$/i;
const DATE_WORDS = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr)[a-z]*\b/i;
// "Chair Dick Dillon called the monthly meeting to order at 6:30 pm": only minutes record that a meeting was opened
export const CALLED_TO_ORDER = /\bcalled\s+(?:the\s+)?(?:[a-z]+\s+){0,3}meeting\s+to\s+order\b|\bmeeting\s+was\s+called\s+to\s+order\b/i;
// a local authority named by its kind: "Town of North Star", "Township of Georgian Bay", "City of London"
const AUTHORITY = /^(?:the\s+)?(?:corporation\s+of\s+the\s+)?(?:town|township|city|village|borough|county|municipality|municipal\s+district|parish|rural\s+municipality|united\s+townships)\s+of\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}$/i;

// "Draft Minutes of the meeting held on" (the date and place on the next line; the body in the letterhead)
const UNNAMED_TITLE = /^(?:(?:draft|approved|unapproved|confirmed|signed)\s+)?minutes\s+of\s+(?:the|a|an)\s+(?:(?:monthly|annual|ordinary|extraordinary|special|regular)\s+)?meeting(?:\s+held(?:\s+on)?)?$()/i;

function isTitle(t: string): RegExpExecArray | null {
  if (t.length > 80 || /[.;]$/.test(t)) return null;
  const unnamed = UNNAMED_TITLE.exec(t);
  if (unnamed) return unnamed;
  if (/^(?:approval|adoption|confirmation|approve|adopt|to\s)/i.test(t)) return null;
  return TITLE.exec(t);
}

/** Index of the heading of a minutes-only document in the opening lines, or -1. */
export function minutesDocumentStart(lines: Line[]): number {
  let seen = 0;
  let firstText = -1;
  let heldOrDate = false;
  for (let i = 0; i < lines.length && seen < 30; i++) {
    const t = lines[i].text;
    if (!t) continue;
    seen++;
    if (firstText < 0) firstText = i;
    if (AGENDA_TITLE.test(t)) return -1;
    if (isTitle(t)) return firstText;
    if (HELD_SENTENCE.test(t) || (findDate(t) && DATE_WORDS.test(t))) heldOrDate = true;
    // a PRESENT list after the meeting's date or "… held their meeting …"
    if (heldOrDate && ATTENDANCE_LABEL.test(t)) return firstText;
    // "… called the meeting to order …" after the meeting's date
    if (heldOrDate && CALLED_TO_ORDER.test(t)) return firstText;
  }
  return -1;
}

/** The body named by a letterhead line between `from` and `to` (nearest to `to` first), or null. */
function letterheadBody(lines: Line[], from: number, to: number): string | null {
  for (let k = to - 1; k >= from; k--) {
    const t = lines[k].text;
    if (!t || findDate(t) || GENERIC.test(t) || /^agenda item\b/i.test(t)) continue;
    const shouted = t === t.toUpperCase() && /[A-Z]{3}/.test(t) && t.length <= 80 && !/[.:;]$/.test(t) && !/\d{3,}/.test(t);
    if (AUTHORITY.test(t)) return shouted ? titleCase(t) : t;
    if (isBodyHeading(t) || (shouted && /\b(?:DISTRICT|COUNCIL|BOARD|AUTHORITY|COMMITTEE|COMMISSION|TRUST|CORPORATION|CYNGOR)\b/.test(t))) {
      return titleCase(cleanBody(t));
    }
  }
  return null;
}

/** Reads the heading of a minutes-only document that starts at `start`; `stop` bounds the search (first label or minute). */
export function readMinutesHead(lines: Line[], start: number, stop: number): MinutesHead {
  const region: number[] = [];
  for (let k = start; k < stop; k++) if (lines[k].text) region.push(k);
  const titleAt = region.find((k) => isTitle(lines[k].text));
  // the "held their meeting" sentence, rejoined across wrapped lines
  let held = '';
  const heldAt = region.find((k) => HELD_SENTENCE.test(lines[k].text));
  if (heldAt !== undefined) {
    held = lines[heldAt].text;
    for (let k = heldAt + 1; k < stop && !/\.$/.test(held) && k < heldAt + 4; k++) held += ` ${lines[k].text}`;
  } else if (titleAt !== undefined && /\bheld(?:\s+on)?$/i.test(lines[titleAt].text)) {
    // "Draft Minutes of the meeting held on" / "18 March 2014 at 7.30pm in the Village Hall"
    const next = region.find((k) => k > titleAt);
    if (next !== undefined && findDate(lines[next].text)) held = `${lines[titleAt].text} ${lines[next].text}`;
  }
  // "… called the monthly meeting to order at 6:30 pm on August 19, 2019 at the North Star Town Hall." says where
  // the meeting was held (its time is when it was opened, not the time it was called for: not taken)
  let opened = '';
  const openedAt = heldAt === undefined ? region.find((k) => CALLED_TO_ORDER.test(lines[k].text)) : undefined;
  if (openedAt !== undefined) {
    opened = lines[openedAt].text.slice(lines[openedAt].text.search(CALLED_TO_ORDER));
    opened = opened.split(/\.\s+(?=[A-Z])/)[0];
  }

  let body: string | null = null;
  if (titleAt !== undefined) {
    let named = (isTitle(lines[titleAt].text)?.[1] ?? '').trim();
    // "Regular Council -" / "Public Hearing Minutes": a title broken after a dash goes on from the line before
    const before = region[region.indexOf(titleAt) - 1];
    if (named && before !== undefined && /\s[-–]$/.test(lines[before].text) && lines[before].text.length <= 60) named = `${lines[before].text} ${named}`;
    // "Board of Director’s Meeting Minutes" under "SAN JUAN WATER DISTRICT": a board named only as the board of
    // directors or trustees is the authority's, which the letterhead names
    const boardOnly = BOARD_ONLY.test(named.replace(/\s+meeting$/i, ''));
    if (named && !boardOnly && !GENERIC.test(named) && /\b(?:council|committee|board|cabinet|panel|commission|authority|assembly|trust|forum|district)\b/i.test(named)) body = titleCase(cleanBody(named));
    else body = letterheadBody(lines, start, titleAt);
    // "ACTION SUMMARY MINUTES – REGULAR MEETING / BOARD OF DIRECTORS / SACRAMENTO METROPOLITAN FIRE DISTRICT /
    // Thursday, July 9, 2020": the authority named between the title and the date
    const dateAt = region.find((k) => k > titleAt && k < titleAt + 6 && findDate(lines[k].text));
    if (!body && dateAt !== undefined) body = letterheadBody(lines, titleAt + 1, dateAt);
  }
  if (!body) body = letterheadBody(lines, start, heldAt ?? (titleAt ?? stop));
  if (!body && held) {
    const said = HELD_SENTENCE.exec(held);
    const subject = said?.[1] ?? '';
    if (/\b(?:council|committee|board|authority|district|trust|commission)$/i.test(subject) && subject.split(' ').length <= 10) body = titleCase(cleanBody(subject));
    // Welsh names the body first: "Cynhaliwyd cyfarfod (o) Gyngor Cymuned Manordeilo a Salem am 7.30pm …" (after
    // "o" the noun is mutated: Gyngor is Cyngor)
    const welsh = said?.[2] ?? '';
    if (/^(?:C|G)yngor\s+\S/.test(welsh) && welsh.split(' ').length <= 10) body = welsh.replace(/^Gyngor/, 'Cyngor');
  }

  // the date: on or just after the title, else just before it, else in the "held" sentence, else the first
  // date written with a month's name
  const at = titleAt !== undefined ? region.indexOf(titleAt) : -1;
  const near = at >= 0 ? [at, at + 1, at + 2, at - 1, at - 2].filter((k) => k >= 0 && k < region.length).map((k) => region[k]) : [];
  let date: string | null = null;
  for (const k of near) {
    const d = findDate(lines[k].text);
    if (d) { date = d.iso; break; }
  }
  if (!date && held) date = findDate(held)?.iso ?? null;
  if (!date) for (const k of region) { const t = lines[k].text; const d = findDate(t); if (d && DATE_WORDS.test(t)) { date = d.iso; break; } }
  if (!date) for (const k of region) { const d = findDate(lines[k].text); if (d) { date = d.iso; break; } }
  // small capitals that pdftotext split into their first letter and the rest, and lone commas: "M" "ONDAY" "," "J"
  // "ANUARY" "15," "2024" is "MONDAY, JANUARY 15, 2024"
  if (!date) {
    const texts = region.map((k) => lines[k].text);
    let joined = '';
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      if (/^[A-Z]$/.test(t) && /^[A-Z]{2,}$/.test(texts[i + 1] ?? '')) { joined += ` ${t}${texts[i + 1]}`; i++; } else if (/^[,.]$/.test(t)) joined += t;
      else joined += ` ${t}`;
    }
    const d = findDate(joined);
    if (d && DATE_WORDS.test(joined.slice(d.index, d.index + d.length))) date = d.iso;
  }

  // the time: in the "held" sentence, else the first heading line that prints one (never "called to order at")
  let time: string | null = held ? findTime(held)?.hhmm ?? null : null;
  if (!time) {
    for (const k of region) {
      const t = lines[k].text;
      // nothing after the meeting was opened is its heading ("Next board meeting will be … at 6:30 pm")
      if (openedAt !== undefined && k >= openedAt) break;
      if (/\border\b|\badjourn|\bposted\b|\bprinted\b|\bnext\b/i.test(t)) continue;
      const f = findTime(t);
      if (f) { time = f.hhmm; break; }
    }
  }

  // the venue: "… on the 12th October 2016 at the Reading Room, Cwmifor."
  let venue: string | null = null;
  if (held || opened) {
    const said = (held || opened).split(/\s+(?:--|[–—])\s+/)[0];
    const d = findDate(said);
    // no date in the sentence: what follows its time ("… to order at 6:30 pm at the Example Town Hall")
    const t = d ? null : /\b\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s?m\b\.?/i.exec(said);
    // "… 18 March 2014 at 7.30pm in the Village Hall": the time between the date and the place
    const after = (d ? said.slice(d.index + d.length) : t ? said.slice(t.index + t[0].length) : '')
      .replace(/^\s*,?\s*(?:at|commencing at)\s+\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)?/i, '');
    const v = /^\s*,?\s*(?:at|in|yn(?:\s+yr?)?)\s+(?:the\s+)?([A-Z][^.]{2,120}?)\.?\s*$/.exec(after);
    if (v && !/\b(?:zoom|teams|remotely|online|teleconference)\b/i.test(v[1])) venue = v[1].trim();
  }
  // "Place:" on a line of its own, the place on the lines under it ("Council Chambers" / "Richmond City Hall") up to
  // the next label ("Present:")
  if (!venue) {
    const placeAt = region.find((k) => /^(?:place|venue|location)\s*:$/i.test(lines[k].text));
    if (placeAt !== undefined) {
      const parts: string[] = [];
      for (let k = placeAt + 1; k < lines.length && parts.length < 4; k++) {
        const t = lines[k].text;
        if (!t) { if (parts.length) break; continue; }
        if (/:$/.test(t) || findDate(t) || CALLED_TO_ORDER.test(t)) break;
        parts.push(t.replace(/[,;]$/, ''));
      }
      if (parts.length && !parts.some((p) => /\b(?:zoom|teams|remotely|online|teleconference|virtual(?:ly)?)\b/i.test(p))) venue = parts.join(', ');
    }
  }
  // "MINUTES / FORMAL MEETING OF CITY COUNCIL / City Hall, 206 S. Main Street, Council Chambers / Monday, May 22, 2023":
  // a line of the heading naming a building, after the title ("Council Chambers, 12 Main Street")
  if (!venue && titleAt !== undefined) {
    for (let k = titleAt + 1; k < Math.min(stop, titleAt + 8); k++) {
      const t = lines[k].text;
      if (!t || !VENUE_WORDS.test(t) || t.length > 100 || (body && t.toLowerCase().includes(body.toLowerCase())) || /\b(?:meeting|minutes|agenda)\b/i.test(t)) continue;
      // "Held Remotely Via Zoom" says there was no room
      if (/^[A-Z]/.test(t) && !/[.;:]$/.test(t) && !/\b(?:zoom|teams|remotely|online|teleconference|virtual(?:ly)?)\b/i.test(t)) {
        venue = t;
        // "Council Chambers and" / "1E – Community Room B" / "City Hall" / "13450 - 104 Avenue" / "Surrey, B.C.": the
        // place goes on over the next short lines, up to a label, a date or the broadcast ("Live Streamed at …")
        for (let j = k + 1; j < Math.min(stop, k + 6); j++) {
          const u = lines[j].text;
          if (!u || u.length > 60 || /:$/.test(u) || findDate(u) || /^[A-Z]$/.test(u) || /\b(?:live|stream|webcast|broadcast|zoom|teams|online|minutes|agenda|meeting(?!\s+room))\b/i.test(u)) break;
          venue += /\b(?:and|&)$/.test(venue) ? ` ${u}` : `, ${u}`;
        }
        break;
      }
    }
  }
  // "Held in the Pearce Institute at 7 p.m." / "7pm at Maslow’s Community Hub, 94 Langlands Rd, Glasgow": a heading
  // line giving the place with the time
  if (!venue) {
    for (const k of region) {
      if (openedAt !== undefined && k >= openedAt) break;
      const t = lines[k].text.replace(/\.$/, '');
      const v = /^held\s+(?:in|at)\s+(?:the\s+)?([A-Z][^.;]{2,120}?)\s+at\s+\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s?m\b\.?$/i.exec(t)
        ?? /^\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s?m\b\.?\s+(?:at|in)\s+(?:the\s+)?([A-Z].{2,120})$/i.exec(t);
      if (v && /^[A-Z]/.test(v[1]) && !/\b(?:zoom|teams|remotely|online|teleconference)\b/i.test(v[1])) { venue = v[1].trim(); break; }
    }
  }
  return { body, date, time, venue, next: (titleAt ?? heldAt ?? start) + 1 };
}

/**
 * Minutes whose sections are headed without numbers, as a small town's clerk types them ("CALL TO ORDER",
 * "MINUTES/DISBURSEMENTS", "ROAD", "CLOSING" — markdown "##" headings or capitals on a line of their own), from
 * `from` to `end`: each with its text. Only taken when there are at least three, all in capitals, so a stray
 * shouted line is not a minute.
 */
export function unnumberedHeadings(lines: Line[], from: number, end: number, body: string | null): { title: string; line: number; text: string }[] {
  const heads: number[] = [];
  const titles = new Map<number, string>();
  for (let k = from; k < end; k++) {
    // "PUBLIC COMMENT: None" is a section heading with its whole content on the line; "ADJOURN. There being no further
    // business, …" a heading run into its text
    const runIn = /^([A-Z][A-Z &/'’-]{3,40})\.\s+[A-Z][a-z]/.exec(lines[k].text);
    const t = runIn ? runIn[1] : lines[k].text.replace(/\s*:\s*(?:none|nil|n\/a|no report)\.?$/i, '');
    if (!t || t.length > 60 || t !== t.toUpperCase() || !/[A-Z]{2}/.test(t) || /[.,;:]$/.test(t) || /\d{3,}/.test(t)) continue;
    if (findDate(t) || (body && t.toLowerCase() === body.toLowerCase()) || (GENERIC.test(t) && !/\bsession\b/i.test(t))) continue;
    if (!/^[A-Z][A-Z0-9 &/'’()-]+$/.test(t)) continue;
    // a postcode on a line of its own ("SA19 7TE", an address in a planning list) and the attendance label
    // ("PRESENT") head no section
    if (/^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/.test(t) || /^(?:PRESENT|IN ATTENDANCE|ALSO PRESENT|APOLOGIES|ABSENT)$/.test(t)) continue;
    // the result of a vote ("CARRIED") closes a motion; it heads nothing
    if (/^(?:CARRIED|DEFEATED|LOST|TABLED|WITHDRAWN)(?:\s+UNANIMOUSLY)?$/.test(t)) continue;
    heads.push(k);
    titles.set(k, t);
  }
  // a capitals line between items n and n+1 of a numbered list ("2. FIRE CHIEF'S REPORT" … "OPERATIONS REPORT" …
  // "3. LOCAL 522 REPORT") is a heading inside that item, not a section of the minutes
  const listNumber = (k: number) => /^(\d{1,2})[.)]\s+\S/.exec(lines[k].text)?.[1];
  const kept = heads.filter((k, i) => {
    let before: string | undefined;
    for (let j = k - 1; j > (heads[i - 1] ?? from) && !before; j--) before = listNumber(j);
    let after: string | undefined;
    for (let j = k + 1; j < (heads[i + 1] ?? end) && !after; j++) after = listNumber(j);
    return !(before && after && Number(after) === Number(before) + 1);
  });
  if (kept.length < 3) return [];
  return kept.map((k, i) => ({
    title: titles.get(k) ?? lines[k].text,
    line: k,
    text: lines.slice(k + 1, kept[i + 1] ?? end).map((l) => l.text).filter(Boolean).join('\n'),
  }));
}

// a section heading in Title Case: "Call to Order", "Previous Minutes", "Council Reports", "Break"
const TITLE_CASE_HEADING = /^[A-Z][a-z’'-]{2,}(?:\s+(?:(?:and|of|the|to|in|for|on|&)|[A-Z][a-z’'-]+)){0,3}$/;
// what a vote or the attendance says is no section: "Carried", "Date and Place", "In Attendance"
const NOT_A_SECTION = /^(?:carried|defeated|lost|tabled|withdrawn|approved|adopted|received|seconded|moved|present|absent|regrets|apologies|in attendance|also present|date and place|date|place|time|signed|mayor|chair(?:man|person)?|clerk)$/i;

/**
 * Minutes laid out in two columns, the section headings in the left margin ("Call to Order", "Agenda", "Previous
 * Minutes", "Adjournment") and the text beside them: OCR reads the margin apart from the text, so the headings come as
 * runs of short Title Case lines of their own. Taken as the minutes' sections (without numbers) only when there are at
 * least five and at least two runs of two or more, as a margin column gives; nothing after the adjournment.
 */
export function marginHeadings(lines: Line[], from: number, end: number, body: string | null): { title: string; line: number }[] {
  const heads: number[] = [];
  for (let k = from; k < end; k++) {
    const t = lines[k].text;
    if (!t || t.length > 40 || !TITLE_CASE_HEADING.test(t) || NOT_A_SECTION.test(t)) continue;
    if (body && t.toLowerCase() === body.toLowerCase()) continue;
    heads.push(k);
    if (/^adjourn/i.test(t)) break;
  }
  let runs = 0;
  for (let i = 0; i < heads.length; i++) {
    const next = (j: number) => { let k = heads[j] + 1; while (k < end && !lines[k].text) k++; return k; };
    if (i + 1 < heads.length && next(i) === heads[i + 1] && (i === 0 || next(i - 1) !== heads[i])) runs++;
  }
  if (heads.length < 5 || runs < 2) return [];
  return heads.map((k) => ({ title: lines[k].text, line: k }));
}
