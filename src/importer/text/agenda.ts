// The front-sheet agenda: numbered or lettered items ("3.", "A4", "2709."), their page ranges,
// "(to follow)" marks, and whether they fall under the exempt (Part 2) section.
import type { ExtractedAgendaItem } from '../extraction.js';
import type { Line } from './normalise.js';
import { isMinutesHeader, isReportHeader, isAgendaItemStamp } from './boundaries.js';
import { findDate, findTime } from './dates-times.js';
import { isBodyHeading, VENUE_WORDS } from './meeting.js';
import { isNameLike, removeBrackets } from './names.js';

export interface AgendaItemDetail extends ExtractedAgendaItem {
  /** line index (into the cleaned lines) of the item */
  line: number;
  /** lines printed under the item: purpose sentence, presenters, sub-items */
  notes: string[];
}

export interface AgendaResult {
  items: AgendaItemDetail[];
  /** first line of the agenda list, or -1 */
  start: number;
  /** line after the agenda (and its signatory block) */
  end: number;
  signatory: { name: string; line: number } | null;
  publishedOn: string | null;
  warnings: string[];
}

// "3. Title", "A4 Title", "Item 5: Title", "2709. Title", "12) Title"
// "IV. Presentation & Correspondence": Roman-numbered sections (US boards), always with a full stop
export const ITEM_LINE = /^(?:item\s+)?([A-Z]\d{1,2}[a-z]?|\d{1,5}[a-z]?|[IVX]{1,6}(?=\.\s))(?:\.(?!\d)|\)|:|\s[-–])?\s+(\S.*)$/;
const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI', 'XXII', 'XXIII', 'XXIV', 'XXV'];
const PAGES = /\(?\s*\bPages?\s*:?\s*(\d{1,4})\s*(?:(?:-|–|—|to)\s*(\d{1,4}))?\s*\)?/i;
const TO_FOLLOW = /\(?\s*\b(?:(?:report|papers?|item|appendix|appendices|document)\s+)?to\s+follow\b\s*\)?/i;
const EXEMPT_HEAD = /^(?:exempt items|exempt information|part\s*(?:2|ii|b)\b|confidential items|private (?:items|business)|restricted items|motion to exclude|exclusion of (?:the )?(?:press|public)|items? (?:likely )?to be (?:considered|taken) in private)/i;
const OPEN_HEAD = /^(?:unrestricted items|part\s*(?:1|i|a)\b|open items|public items|items? (?:likely )?to be considered in public)/i;
const EXCLUSION_ITEM = /\b(?:exclusion of (?:the )?(?:press|public)|exclude (?:the )?(?:press|public)|exempt business)\b/i;
// an item held in closed session (US boards' "CLOSED SESSION PURSUANT TO GOVERNMENT CODE …", "Executive Session") is
// exempt itself
const EXEMPT_MARK = /\((?:[^)]{0,40}\b)?(?:exempt|confidential|not for publication)\b[^)]{0,120}\)|\bschedule 12a\b|\bparagraphs? \d+(?:\s*(?:,|and|&)\s*\d+)* of part 1\b|^(?:closed|executive) session\b/i;
const JOB_LINE = /^(?:Head of|(?:Corporate |Strategic |Service |Executive |Assistant )?Director|Chief Executive|(?:Town |Parish |Community |Council )?Clerk(?:\s+(?:to|of)\b|\s*$|,)|(?:Board |Council |Committee )?Secretary|Monitoring Officer|Proper Officer|Democratic Services|Governance|Legal|Service Manager|Committee (?:Manager|Officer|Clerk)|Managing Director|(?:General |Chief |Senior |Principal |Borough |County |District |City )?(?:Counsel|Solicitor)\b)/i;

export interface ParsedCode { letter: string; num: number }
export function parseCode(code: string): ParsedCode {
  // a Roman numeral counts as its own scheme, apart from numbers and lettered codes
  const r = ROMAN.indexOf(code);
  if (r > 0) return { letter: 'Ⅰ', num: r };
  const m = /^([A-Z]?)(\d+)/i.exec(code);
  return m ? { letter: m[1].toUpperCase(), num: Number(m[2]) } : { letter: '', num: NaN };
}

/** Whether `next` can follow `prev` in an agenda's or minutes' numbering. */
export function followsOn(prev: string | null, next: string, maxGap = 5): boolean {
  const b = parseCode(next);
  if (!Number.isFinite(b.num)) return false;
  if (prev === null) return b.letter ? b.num <= 3 : true;
  const a = parseCode(prev);
  if (a.letter !== b.letter) {
    if (!a.letter || !b.letter) return false;
    return b.letter > a.letter && b.num <= 3;
  }
  if (b.letter && b.num > 40) return false;
  return b.num > a.num && b.num - a.num <= maxGap;
}

/** Splits an item line into title, page range and "(to follow)". */
export function readItemText(raw: string): { title: string; pages: [number, number] | null; toFollow: boolean; exempt: boolean; rest: string } {
  let text = raw;
  let pages: [number, number] | null = null;
  let rest = '';
  const exempt = EXEMPT_MARK.test(text);
  const pm = PAGES.exec(text);
  if (pm) {
    const a = Number(pm[1]);
    const b = pm[2] ? Number(pm[2]) : a;
    if (b >= a) pages = [a, b];
    rest = text.slice(pm.index + pm[0].length).trim();
    text = text.slice(0, pm.index);
  }
  let toFollow = false;
  const tf = TO_FOLLOW.exec(text) ?? TO_FOLLOW.exec(rest);
  if (tf) {
    toFollow = true;
    text = text.replace(TO_FOLLOW, ' ');
  }
  // "(withdrawn)" / "(deferred)" printed in place of a page range is a status, not part of the title
  text = text.replace(/\(\s*(?:item\s+)?(?:withdrawn|deferred)\s*\)/i, ' ');
  if (exempt) text = text.replace(/\((?:[^)]{0,40}\b)?(?:exempt|confidential|not for publication)\b[^)]{0,120}\)/i, ' ');
  text = cutAtColon(text);
  const title = text.replace(/\s+/g, ' ').replace(/\s*[-–:]+\s*$/, '').replace(/\s*[,;]\s*$/, '').trim();
  return { title, pages, toFollow, exempt, rest };
}

/** "Police Report: Attached. Farm break-ins…" → "Police Report"; keeps "Select Committee: Dementia". */
export function cutAtColon(text: string): string {
  const i = text.indexOf(':');
  if (i <= 0) return text;
  const after = text.slice(i + 1);
  if (/^\s*[-–]/.test(after)) return text.slice(0, i);
  if (/^\d/.test(after)) return text; // a clock time "10:30"
  if (/^\S/.test(after)) return text.slice(0, i);
  const tail = after.trim();
  if (!tail) return text.slice(0, i);
  const words = tail.split(' ');
  if (/\.\s|\.$|[,;]$/.test(tail) || words.length > 12) return text.slice(0, i);
  // a purpose sentence ("Minutes: to approve the minutes…") or a date/time detail is not the title
  if (/^to\s+[a-z]/.test(tail) || findDate(tail) || /\b\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\b/i.test(tail)) return text.slice(0, i);
  return text;
}

const MARKER_CELL = /^\(?\s*(?:pages?\s*:?\s*\d{1,4}(?:\s*(?:-|–|—|to)\s*\d{1,4})?|(?:(?:report|papers?|item)\s+)?to follow|withdrawn|deferred)\s*\)?\.?$/i;

/**
 * Whether a line's table cells can be an agenda item: untabbed text, or a row laid out in columns —
 * the code in a cell of its own ("A4 | Minutes… | (Pages 1 - 14)") and/or the page range or
 * "(to follow)" in the last cell. Other tabbed rows are tables inside papers.
 */
export function itemRow(cells: string[], code: string): boolean {
  if (cells.length === 1) return true;
  const rest = /^\(?[A-Z]?\d{1,5}[a-z]?[.):]?$/i.test(cells[0]) && cells[0].replace(/[.():]/g, '') === code ? cells.slice(1) : cells;
  if (rest.length === 1) return true;
  return rest.slice(1).every((c) => MARKER_CELL.test(c)) && rest.length <= 3;
}

// a purpose sentence starts with a capital: "To note…"; "to 120 dwellings…" continues a title
const PURPOSE_WORDS = /^(?:to|report|presentation|purpose|members|the committee|the cabinet)\b/i;
const PURPOSE_LINE = { test: (t: string): boolean => /^[A-Z]/.test(t) && PURPOSE_WORDS.test(t) };
/** A page range or status closing a line: where a title run over several lines ends. */
const STATUS_END = /\(\s*(?:pages?\s*:?\s*\d{1,4}(?:\s*(?:-|–|—|to)\s*\d{1,4})?|(?:(?:report|papers?|item)\s+)?to follow|withdrawn|deferred)\s*\)\.?$/i;

/**
 * The lines over which an item's title runs on when its page range or status is printed at the end of
 * its last line ("4 Planning Application … Former Depot, Quarry" / "Road, Riverton (Pages 3 - 4)"):
 * up to four unbroken lines, none of them a purpose sentence, heading or the next item. Empty if none.
 */
function wrappedTitleRun(lines: Line[], breaks: Set<number>, i: number, code: string): number[] {
  const run: number[] = [];
  for (let j = i + 1; j < Math.min(lines.length, i + 5); j++) {
    const n = lines[j].text;
    if (!n || breaks.has(j) || n.length > 120 || isSectionHeading(n) || PURPOSE_LINE.test(n)) return [];
    // "4.1 23/01234/FUL - Land at Mill Lane (Pages 7 - 30)", "(a) …": a sub-item under the item, not its title run on
    if (SUB_ITEM.test(n)) return [];
    const m = ITEM_LINE.exec(n);
    if (m && followsOn(code, m[1])) return [];
    run.push(j);
    if (STATUS_END.test(n)) return run;
  }
  return [];
}

// "4.1 23/01234/FUL - Land at Mill Lane (Pages 7 - 30)", "(a) …", "b) …": a sub-item printed under an item
const SUB_ITEM = /^(?:\d{1,3}\.\d{1,2}\.?|\([a-z]{1,4}\)|[a-z]\))\s/;

function isSectionHeading(t: string): 'exempt' | 'unrestricted' | null {
  if (EXEMPT_HEAD.test(t)) return 'exempt';
  if (OPEN_HEAD.test(t)) return 'unrestricted';
  return null;
}

/** "JR Nicholson" → "J R Nicholson": initials run together (as OCR and some typists print them) spaced. */
export function spacedInitials(name: string): string {
  return name.replace(/^([A-Z])([A-Z])(?=\s+[A-Z][a-z])/, '$1 $2');
}

/** A signatory line: a name (perhaps "(Clerk)") followed by a job title or a date. */
function signatoryAt(lines: Line[], i: number, end: number): string | null {
  const t = lines[i].text.replace(/^(?:signed|signature|issued by|yours (?:faithfully|sincerely))\s*:?\s*/i, '');
  if (!t || t.length > 80) return null;
  const role = /\(([^)]{2,60})\)\s*$/.exec(t);
  // "Teri Grant, Board Secretary" on one line
  const withJob = /^([^,()]{3,40}),\s+([^,]{3,60})$/.exec(t);
  if (withJob && isNameLike(withJob[1].trim()) && !/\d/.test(withJob[1]) && JOB_LINE.test(withJob[2].trim())) return withJob[1].trim();
  const name = removeBrackets(t).replace(/[,\s]+$/, '').replace(/^,\s*/, '').trim();
  if (!isNameLike(name) || /\d/.test(name)) return null;
  // a job title under the name is not a name: "General Counsel" above the date is not the signatory
  if (JOB_LINE.test(name) || /\b(?:counsel|solicitor|officer|manager|director|executive|clerk|secretary|administrator)$/i.test(name)) return null;
  if (role && JOB_LINE.test(role[1])) return name;
  let k = i + 1;
  while (k < end && !lines[k].text) k++;
  if (k >= end) return null;
  const next = lines[k].text;
  if (JOB_LINE.test(next) && !/['’]s\b/.test(next.split(' ')[0] ?? '')) return name;
  if (/^[A-Z][a-z]+day,?\s/.test(next) && findDate(next)) return name;
  return null;
}

/** Finds the agenda list starting the search at `from`, stopping at the first document boundary. */
/**
 * PDF text often puts an item's code on a line of its own, its title on the next ("XI." / "" / "Unanimous Consent"):
 * the two are read as one item line ("XI. Unanimous Consent") on the title's line; the lines themselves are not changed.
 */
function joinLoneCodes(lines: Line[]): Line[] {
  const out = lines.slice();
  for (let i = 0; i < out.length; i++) {
    const code = /^([A-Z]\d{1,2}[a-z]?|\d{1,3}[a-z]?|[IVX]{1,6})\.$/.exec(out[i].text)?.[1];
    if (!code) continue;
    let k = i + 1;
    while (k < out.length && k <= i + 2 && !out[k].text) k++;
    const title = out[k]?.text ?? '';
    if (!/^[A-Z"'‘“(]/.test(title) || /^(?:[A-Z]\d{1,2}[a-z]?|\d{1,3}[a-z]?|[IVX]{1,6})\.(?:\s|$)/.test(title)) continue;
    out[i] = { ...out[i], text: '' };
    out[k] = { ...out[k], text: `${code}. ${title}`, cells: [`${code}. ${title}`] };
    i = k;
  }
  return out;
}

// An agenda's title line: "AGENDA", "Meeting Agenda", "Regular Board Meeting Agenda", "Agenda for the meeting of …"
const AGENDA_TITLE_LINE = /^(?:[A-Z][\w'’&.-]*\s+){0,5}agenda:?$|^(?:supplementary\s+)?agenda(?:\s+(?:for|of)\b.{0,100})?:?$/i;
// what comes after the last item of an agenda is no item: the adjournment closes the meeting
const CLOSING_ITEM = /^(?:adjourn(?:ment|ed)?|close of (?:the )?meeting|closure|meeting closed)\b/i;

/**
 * An agenda whose items carry no printed numbers, as US town boards and parish clerks type them: under an agenda
 * title, each item a heading of its own — markdown headings one level below the title ("## Meeting Agenda" /
 * "### Call to Order" / "### Pledge" …) or lines in capitals ("AGENDA" / "CALL TO ORDER" / "ROLL CALL" …). Other
 * lines are the items' notes. Taken only when there are at least three such headings; nothing after the
 * adjournment is an item. The items' codes are "" (none printed).
 */
function unnumberedItems(lines: Line[], breaks: Set<number>, from: number): { items: AgendaItemDetail[]; end: number; signatory: AgendaResult['signatory'] } | null {
  let title = -1;
  let seen = 0;
  for (let i = from; i < lines.length && seen < 40; i++) {
    const t = lines[i].text;
    if (!t) continue;
    seen++;
    if (isMinutesHeader(lines, i) || isReportHeader(lines, i)) return null;
    if (t.length <= 80 && AGENDA_TITLE_LINE.test(t) && !/^agenda\s+items?\b/i.test(t)) { title = i; break; }
  }
  if (title < 0) return null;
  const titleLevel = lines[title].heading ?? 0;
  // markdown: the items are the headings of the first level below the title's (a deeper heading is a sub-heading)
  let level = 0;
  for (let i = title + 1; i < lines.length; i++) {
    const h = lines[i].heading;
    if (!h) continue;
    if (titleLevel && h <= titleLevel) break;
    level = h;
    break;
  }
  const isCapitals = (line: string, before: boolean): boolean => {
    // "FINANCE REPORT (Pages 3 - 8)", "AUDIT (to follow)": the title is in capitals
    const t = line.replace(PAGES, ' ').replace(TO_FOLLOW, ' ').replace(/\s+/g, ' ').trim();
    if (t.length > 70 || t !== t.toUpperCase() || !/[A-Z]{2}/.test(t) || /[.,;]$/.test(t) || /\d{3,}/.test(t)) return false;
    if (!/^[A-Z][A-Z0-9 &/'’()–-]+:?$/.test(t) || t.split(/\s+/).length > 10) return false;
    // the summons' heading lines (the date, the time, the place, the body, "REGULAR MEETING") are no items
    if (findDate(t) || findTime(t) || /^(?:(?:regular|special|annual|ordinary|extraordinary|adjourned|monthly|public)\s+)*(?:board\s+|council\s+)?(?:meeting|session)$/i.test(t)) return false;
    // before the first item (a committee's report later on is an item)
    return !(before && (VENUE_WORDS.test(t) || isBodyHeading(t)));
  };
  const items: AgendaItemDetail[] = [];
  let end = lines.length;
  let signatory: AgendaResult['signatory'] = null;
  let closed = -1;
  for (let i = title + 1; i < lines.length; i++) {
    if (breaks.has(i) && items.length) { end = i; break; }
    const t = lines[i].text;
    if (!t) continue;
    // the agenda ends with the page its adjournment is on: the papers follow
    if (closed >= 0 && lines[i].page !== lines[closed].page) { end = i; break; }
    if (isMinutesHeader(lines, i) || isReportHeader(lines, i) || isAgendaItemStamp(t)) { end = i; break; }
    const h = lines[i].heading ?? 0;
    if (level && h && h < level) { end = i; break; }
    const isItem = level ? h === level : isCapitals(t, !items.length);
    if (isItem && closed < 0) {
      const r = readItemText(t.replace(/:$/, ''));
      if (!r.title) continue;
      items.push({ code: '', title: r.title, section: r.exempt ? 'exempt' : 'unrestricted', pages: r.pages, toFollow: r.toFollow, line: i, notes: r.rest ? [r.rest] : [] });
      if (CLOSING_ITEM.test(r.title)) closed = i;
      continue;
    }
    if (isItem) { end = i; break; }
    if (!items.length) continue;
    const who = signatoryAt(lines, i, Math.min(lines.length, i + 6));
    if (who) { signatory = { name: who, line: i }; end = i; break; }
    const last = items[items.length - 1];
    if (last.notes.length < 20) last.notes.push(t);
  }
  if (items.length < 3) return null;
  return { items, end, signatory };
}

export function parseAgenda(input: Line[], breaks: Set<number>, from = 0): AgendaResult {
  const lines = joinLoneCodes(input);
  const warnings: string[] = [];
  const items: AgendaItemDetail[] = [];
  // The list begins after an "AGENDA" heading when there is one near the top.
  let start = from;
  for (let i = from; i < Math.min(lines.length, from + 400); i++) {
    if (/^(?:supplementary\s+)?agenda(?:\s+(?:for|of)\b.*)?:?$/i.test(lines[i].text)) { start = i + 1; break; }
    if (isMinutesHeader(lines, i) || isReportHeader(lines, i)) break;
  }
  let section: 'unrestricted' | 'exempt' = 'unrestricted';
  let prev: string | null = null;
  let end = lines.length;
  let signatory: AgendaResult['signatory'] = null;
  let firstItem = -1;
  for (let i = start; i < lines.length; i++) {
    if (breaks.has(i) && items.length) { end = i; break; }
    const t = lines[i].text;
    if (!t) continue;
    if (items.length && (isMinutesHeader(lines, i) || isReportHeader(lines, i) || isAgendaItemStamp(t))) { end = i; break; }
    if (!items.length && i - start > 300) break;
    // OCR may glue an item's number to its title ("7Planning – …"): read as "7 Planning" when it is the next number
    const glued = prev !== null && /^\d+$/.test(prev) ? /^(\d{1,2})([A-Z][a-z].*)$/.exec(t) : null;
    const m = ITEM_LINE.exec(glued && Number(glued[1]) === Number(prev) + 1 ? `${glued[1]} ${glued[2]}` : t);
    if (m && itemRow(lines[i].cells, m[1]) && /^[A-Z0-9"'‘“(]/.test(m[2]) && followsOn(prev, m[1]) && !(m[1].length >= 3 && /^\d+$/.test(m[1]) && /^(?:\d|[a-z])/.test(m[2]))
      // a first "item" numbered like a street address ("10326 FAIR OAKS BLVD") is one only if another item follows it
      && !(prev === null && m[1].length >= 3 && /^\d+$/.test(m[1]) && !lines.slice(i + 1, i + 200).some((l) => { const n = ITEM_LINE.exec(l.text); return !!n && followsOn(m[1], n[1]); }))) {
      const code = m[1];
      let body = m[2];
      const item = readItemText(body);
      // join a wrapped title, or one whose page range is printed on the next line
      let k = i + 1;
      while (k < lines.length && !lines[k].text && k < i + 2) k++;
      const next = k < lines.length ? lines[k].text : '';
      const run = item.pages || item.toFollow ? [] : wrappedTitleRun(lines, breaks, i, code);
      if (run.length) {
        body = [body, ...run.map((j) => lines[j].text)].join(' ');
        i = run[run.length - 1];
      } else if (next && !ITEM_LINE.test(next) && !isSectionHeading(next) && !breaks.has(k) && !SUB_ITEM.test(next)) {
        const nextItem = readItemText(next);
        const wrapped = /(?:&|\band|\bof|\bfor|\bthe|\bto|\bon|\bin|\bwith|[-–,/])$/i.test(item.title) || /^[a-z]/.test(next);
        const purpose = PURPOSE_LINE.test(next);
        if (!item.pages && nextItem.pages && next.indexOf('(') >= 0 && PAGES.exec(next)!.index <= 100 && !purpose) {
          body = `${body} ${next}`;
          i = k;
        } else if (wrapped && !purpose && next.length <= 120 && !/[.:]$/.test(item.title)) {
          body = `${body} ${next}`;
          i = k;
        } else if (/^\(?\s*to follow\s*\)?\.?$/i.test(next)) {
          body = `${body} ${next}`;
          i = k;
        }
      }
      const r = readItemText(body);
      if (!r.title) warnings.push(`line ${lines[i].no}: agenda item '${code}' has no title`);
      const detail: AgendaItemDetail = {
        code, title: r.title, section: r.exempt ? 'exempt' : section, pages: r.pages, toFollow: r.toFollow, line: i, notes: [],
      };
      if (r.rest) detail.notes.push(r.rest);
      items.push(detail);
      if (firstItem < 0) firstItem = i;
      prev = code;
      if (EXCLUSION_ITEM.test(r.title)) section = 'exempt';
      continue;
    }
    const head = isSectionHeading(t);
    if (head) { section = head; continue; }
    if (items.length) {
      const who = signatoryAt(lines, i, Math.min(lines.length, i + 6));
      if (who) { signatory = { name: who, line: i }; end = i; break; }
      const last = items[items.length - 1];
      if (last.notes.length < 20 && !(m && followsOn(prev, m[1], 50))) {
        last.notes.push(t);
        if (!last.pages) {
          const p = readItemText(t);
          // "(Pages 3 - 8)" on the next line; not a page footer "(W) – Wholesale   Page 2 of 3   SJWD Board …"
          if (p.pages && /^\(\s*pages?\b/i.test(t)) last.pages = p.pages;
          if (p.toFollow && /^\(?\s*to follow/i.test(t)) last.toFollow = true;
        }
      }
    }
  }
  // no numbered item: an agenda whose items are unnumbered headings
  if (!items.length) {
    const u = unnumberedItems(lines, breaks, from);
    if (u) {
      items.push(...u.items);
      firstItem = u.items[0].line;
      end = u.end;
      signatory = u.signatory;
      warnings.push(`line ${lines[firstItem].no}: the agenda's ${items.length} items are not numbered; their headings are taken as items without codes`);
    }
  }
  // a posting certificate signed in the text, as US agendas end: "I, Tom R. Gray, Secretary of the District, do hereby
  // certify that this agenda has been posted …" (a scan may read the "I" as "1" or "l")
  if (!signatory && items.length) {
    for (let i = items[items.length - 1].line + 1; i < lines.length; i++) {
      const c = /^(?:I|1|l),\s+([A-Z][A-Za-z.'’ -]{2,40}?),\s+[^,]{2,120}?,?\s+do\s+hereby\s+certify\b/.exec(lines[i].text);
      if (c && isNameLike(c[1].trim())) { signatory = { name: c[1].trim(), line: i }; break; }
    }
  }
  // a parish clerk's line on the summons, above the list: "J R Nicholson, Parish Clerk   Date: 15/4/14"
  let frontDate: string | null = null;
  if (!signatory && items.length) {
    for (let i = from; i < firstItem; i++) {
      const c = /^([A-Z][A-Za-z.'’ -]{2,40}?),\s+([A-Z][A-Za-z ]{2,40}?)\s+Date[d]?\s*:\s*(\S.{3,30})$/.exec(lines[i].text);
      if (c && isNameLike(spacedInitials(c[1].trim())) && JOB_LINE.test(c[2])) {
        signatory = { name: spacedInitials(c[1].trim()), line: i };
        frontDate = findDate(c[3])?.iso ?? null;
        break;
      }
    }
  }
  // publication date: a date line just under the signatory, or a labelled one
  let publishedOn: string | null = frontDate;
  if (signatory && !frontDate) {
    for (let k = signatory.line + 1; k < Math.min(lines.length, signatory.line + 7); k++) {
      const t = lines[k].text;
      if (!t) continue;
      const d = findDate(t);
      if (d && t.length < 60) { publishedOn = d.iso; end = k + 1; break; }
    }
  }
  // a US posting declaration above the signature: "… the foregoing agenda … was posted by Friday, January 5, 2018, on …"
  if (!publishedOn && signatory && items.length) {
    const tail = lines.slice(items[items.length - 1].line + 1, signatory.line + 1).map((l) => l.text).join(' ');
    const posted = /\bagenda\b[^.]{0,300}?\b(?:was|has been|were)\s+posted\s+(?:on|by)\s+(?:[A-Z][a-z]+day,?\s+)?([^.;]{6,40}?\d{4})/.exec(tail);
    if (posted) publishedOn = findDate(posted[1])?.iso ?? null;
  }
  if (!publishedOn) {
    for (let i = 0; i < Math.min(lines.length, end + 10); i++) {
      const m = /^(?:date of publication|published(?: on)?|publication date|dated?|issued(?: on)?)\s*:?\s*(.+)$/i.exec(lines[i].text);
      if (m) { const d = findDate(m[1]); if (d) { publishedOn = d.iso; break; } }
    }
  }
  return { items, start: firstItem, end: items.length ? end : start, signatory, publishedOn, warnings };
}
