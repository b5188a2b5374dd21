// Minutes reproduced in a pack (or a minutes-only document): the body and date of the minuted meeting,
// attendance (PRESENT / ALSO PRESENT / IN ATTENDANCE / Officers / Apologies), substitutes, and the
// numbered minute headings, whose numbers continue from meeting to meeting ("75." … "88.", "72/17").
import type { ExtractedMinutes, ExtractedSubstitute } from '../extraction.js';
import type { Line } from './normalise.js';
import { isMinutesHeader } from './boundaries.js';
import { findDate, findTime } from './dates-times.js';
import { addPerson, cleanName, isNameLike, samePerson, splitNames } from './names.js';
import { cutAtColon, followsOn } from './agenda.js';
import { isBodyHeading, titleCase, cleanBody } from './meeting.js';

export interface MinuteItemDetail {
  number: string;
  title: string;
  line: number;
  /** the minute's text, lines joined */
  text: string;
  /** sentences recording what was resolved */
  resolutions: string[];
}

export interface MinutesDetail extends ExtractedMinutes {
  line: number;
  end: number;
  time: string | null;
  venue: string | null;
  itemsDetail: MinuteItemDetail[];
}

const MINUTE_LINE = /^(?:min(?:ute)?\.?\s+(?:no\.?\s*)?)?(\d{1,5}(?:\/\d{2,4})?[a-z]?)(?:\.(?!\d)|\)|:|\s[-–])?\s+(\S.*)$/i;
type Label = 'present' | 'alsoPresent' | 'inAttendance' | 'apologies' | 'substitutes' | 'absent';
const LABELS: [RegExp, Label][] = [
  [/^also\s+(?:present|in attendance|attending)\b\s*:?\s*/i, 'alsoPresent'],
  [/^(?:members\s+)?present\b\s*:?\s*/i, 'present'],
  [/^(?:in attendance|officers?(?:\s+(?:present|in attendance))?|officials|staff)\b\s*:?\s*/i, 'inAttendance'],
  [/^apologies(?:\s+for\s+absence)?(?:\s+(?:were\s+)?received\s+from)?\b\s*:?\s*/i, 'apologies'],
  [/^substitutes?(?:\s+present)?\b\s*:?\s*/i, 'substitutes'],
  [/^absent\b\s*:?\s*/i, 'absent'],
];
const SECTION = /^(?:unrestricted items|exempt items|part\s*(?:1|2|i|ii)\b|open items)/i;

function labelOf(t: string): { label: Label; rest: string } | null {
  for (const [re, label] of LABELS) {
    const m = re.exec(t);
    if (m) {
      // "Present:" must be a label, not prose such as "Present at the meeting were…" followed by a sentence
      if (label === 'present' && !/^(?:members\s+)?present\s*(?::|$)/i.test(t)) continue;
      if (label === 'inAttendance' && !/^[^:]{0,40}:|^(?:in attendance|officers?|officials|staff)\s*$/i.test(t)) continue;
      if (label === 'apologies' && /^apologies for absence$/i.test(t)) return { label, rest: '' };
      return { label, rest: t.slice(m[0].length) };
    }
  }
  return null;
}

/** Pairs from "X (Substitute for Y)", "Y (X substituted)", "X attended as substitute for Y". */
export function substitutesIn(s: string): ExtractedSubstitute[] {
  const out: ExtractedSubstitute[] = [];
  if (!/substitut/i.test(s)) return out;
  for (const m of s.matchAll(/([A-Z][^,()]{1,50}?)\s*\((?:as\s+)?(?:a\s+)?[Ss]ubstitut(?:e|ing)\s+for\s+([^)]{2,60})\)/g)) {
    // "Mr D Pennington and Ms F Ruiz (Substitute for …)": the note belongs to the last name only
    const member = splitNames(m[1]).pop() ?? cleanName(m[1]);
    out.push({ member, for: cleanName(m[2]) });
  }
  for (const m of s.matchAll(/([A-Z][^,()]{1,50}?)\s*\(([^)]{2,50}?)\s+substituted(?:\s+for\s+(?:him|her|them))?\)/g)) {
    out.push({ member: cleanName(m[2]), for: cleanName(m[1]) });
  }
  const sent = /([^.]{3,300}?)\s+(?:attended|was present|were present|attended the meeting)\s+as\s+(?:a\s+)?substitutes?\s+for\s+([^.]{3,300}?)(?:\s+respectively)?(?:\.|$)/i.exec(s);
  if (sent) {
    const members = splitNames(sent[1]);
    const fors = splitNames(sent[2].replace(/\s+respectively$/i, ''));
    if (members.length === fors.length) members.forEach((m, k) => out.push({ member: m, for: fors[k] }));
  }
  const subFor = /([A-Z][A-Za-z .'’-]{2,50}?)\s+substituted\s+for\s+([A-Z][A-Za-z .'’-]{2,50}?)(?:[.,;]|$)/.exec(s);
  if (subFor) out.push({ member: cleanName(subFor[1]), for: cleanName(subFor[2]) });
  return out;
}

/** Names from an apologies sentence or list. */
export function apologiesIn(s: string): string[] {
  if (!/apolog/i.test(s)) return [];
  const m = /apologies\s+(?:for\s+absence\s+)?(?:were\s+|was\s+|had\s+been\s+)?(?:also\s+)?(?:received|submitted|given|tendered|noted|reported)\s+(?:from|by|on behalf of|for)\s+(.+?)(?:\.\s|\.$|$)/i.exec(s);
  if (m) return splitNames(m[1]);
  return [];
}

function headerText(lines: Line[], h: number, end: number): { text: string; next: number } {
  let text = lines[h].text;
  let k = h + 1;
  while (k < end && k < h + 4) {
    const t = lines[k].text;
    if (!t || labelOf(t) || MINUTE_LINE.test(t) || SECTION.test(t)) break;
    if (/[.]$/.test(text) && !/^[a-z]/.test(t)) break;
    text += ` ${t}`;
    k++;
  }
  return { text, next: k };
}

function bodyOf(header: string, lines: Line[], h: number, letterhead: string | null): string | null {
  const m = /^(?:minutes|notes|record)\s+of\s+(?:an?\s+|the\s+)?(?:(?:special|extraordinary|annual|ordinary|adjourned|reconvened|informal)\s+)*(?:meeting\s+of\s+)?(?:the\s+)?(.+?)(?:\s+(?:meeting\s+)?held\b|\s+on\s+[A-Z0-9]|\s+at\s+|,|$)/i.exec(header);
  if (!m) return null;
  let b = cleanBody(m[1]);
  if (/^(?:above|said|aforementioned)\b/i.test(b) || /^(?:council|committee|meeting)$/i.test(b)) {
    // "the above Council": the letterhead just above the heading names it
    for (let k = h - 1; k >= Math.max(0, h - 5); k--) {
      if (isBodyHeading(lines[k].text)) return titleCase(cleanBody(lines[k].text));
    }
    return letterhead;
  }
  if (/^meeting$/i.test(b) || !b) return null;
  b = b.replace(/\s+meeting$/i, '');
  return titleCase(b);
}

function venueOf(header: string): string | null {
  const inOn = /\bheld\s+(?:in|at)\s+(?:the\s+)?(.+?)\s+on\s+(?:[A-Z][a-z]+day|\d)/i.exec(header);
  if (inOn) return inOn[1].replace(/[,.]+$/, '').trim();
  const d = findDate(header);
  if (d) {
    const after = header.slice(d.index + d.length);
    const v = /\b(?:in|at)\s+(?:the\s+)?([A-Z][^.]{2,120}?)\.?\s*$/.exec(after.replace(/^\s*,?\s*(?:at|commencing at)\s+\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?)?/i, ''));
    if (v) return v[1].trim();
  }
  return null;
}

function collectBlock(lines: Line[], i: number, end: number, first: string): { value: string; next: number } {
  const inline = first.trim() !== '';
  let value = first.trim();
  let k = i + 1;
  for (; k < end; k++) {
    const t = lines[k].text;
    if (!t) {
      // in a one-name-per-line list blank lines separate the label from the names
      if (inline) { if (value) break; continue; }
      continue;
    }
    if (labelOf(t) || SECTION.test(t) || MINUTE_LINE.test(t) || isMinutesHeader(lines, k)) break;
    if (t.length > 200 && !/,/.test(t)) break;
    value += inline ? ` ${t}` : `, ${t}`;
  }
  return { value, next: k };
}

export function parseMinutesAt(lines: Line[], h: number, end: number, letterhead: string | null): MinutesDetail {
  const { text: header, next } = headerText(lines, h, end);
  const m: MinutesDetail = {
    body: bodyOf(header, lines, h, letterhead), date: null, present: [], alsoPresent: [], inAttendance: [], apologies: [],
    substitutes: [], items: [], line: h, end, time: null, venue: venueOf(header), itemsDetail: [],
  };
  let dateText = header;
  const d0 = findDate(header);
  if (!d0) {
    for (let k = next; k < Math.min(end, next + 4); k++) {
      if (findDate(lines[k].text)) { dateText = lines[k].text; break; }
    }
  }
  const d = findDate(dateText);
  m.date = d?.iso ?? null;
  if (d) m.time = findTime(dateText.slice(d.index + d.length))?.hhmm ?? null;
  if (!m.venue && dateText !== header) {
    const held = /^meeting\s+held\s*:?\s*(.+)$/i.exec(dateText);
    if (held && d) {
      const rest = dateText.slice(d.index + d.length).replace(/^[,\s]*\d{1,2}[.:]\d{2}\s*(?:[ap]m)?[,\s]*/i, '').trim();
      if (rest && rest.length < 80) m.venue = rest;
    }
  }

  // attendance: labelled blocks before the first minute heading
  let i = next;
  let firstMinute = end;
  const headerRegion: string[] = [];
  for (; i < end; i++) {
    const t = lines[i].text;
    if (!t) continue;
    const mm = MINUTE_LINE.exec(t);
    if (mm && lines[i].cells.length === 1 && /^[A-Z"'‘“(]/.test(mm[2]) && !labelOf(t)) { firstMinute = i; break; }
    const lab = labelOf(t);
    if (!lab) { headerRegion.push(t); continue; }
    const block = collectBlock(lines, i, end, lab.rest);
    i = block.next - 1;
    headerRegion.push(block.value);
    m.substitutes.push(...substitutesIn(block.value));
    if (lab.label === 'absent') continue;
    if (lab.label === 'substitutes') continue;
    const names = splitNames(block.value).filter((n) => isNameLike(n));
    m[lab.label].push(...names);
  }
  for (const t of headerRegion) {
    if (!/^apologies\s*:/i.test(t)) for (const n of apologiesIn(t)) addPerson(m.apologies, n);
  }

  // numbered minutes, in sequence; in hard-wrapped text (PDF) a full-width heading line runs on
  const lens = lines.slice(firstMinute, end).map((l) => l.text.length).filter((n) => n > 0).sort((a, b) => a - b);
  const p90 = lens.length ? lens[Math.floor(lens.length * 0.9)] : 0;
  const wrapWidth = lens.length >= 30 && p90 >= 50 && p90 <= 130 ? p90 * 0.75 : Infinity;
  let prev: string | null = null;
  let current: MinuteItemDetail | null = null;
  const body: string[] = [];
  const close = () => {
    if (!current) return;
    current.text = body.join('\n').trim();
    current.resolutions = body.filter((t) => /\bresolved\b|\bagreed that\b|\bresolution\b/i.test(t)).slice(0, 20);
    body.length = 0;
  };
  for (let k = firstMinute; k < end; k++) {
    const t = lines[k].text;
    if (!t) continue;
    const mm = MINUTE_LINE.exec(t);
    if (mm && lines[k].cells.length === 1 && /^[A-Z"'‘“(]/.test(mm[2]) && followsOn(prev, mm[1].split('/')[0], prev === null ? 5 : 3)) {
      // a heading is short, or ends at a colon in minutes-only documents ("2709. Police Report: Attached…");
      // a colon tail that runs on to the next line is prose, not part of the title
      const nextText = k + 1 < end ? lines[k + 1].text : '';
      const runsOn = mm[2].includes(':') && t.length >= wrapWidth && nextText && !/^[(\d]/.test(nextText) && !/[.!?]$/.test(mm[2]) && !MINUTE_LINE.test(nextText);
      let title = (runsOn && cutAtColon(`${mm[2]} ${nextText}`).length < mm[2].length ? cutAtColon(`${mm[2]} ${nextText}`) : cutAtColon(mm[2]))
        .replace(/\s*[-–:]+\s*$/, '').trim();
      // a wrapped heading ending on a joining word continues on the next line
      if (title === mm[2].trim() && /\b(?:in|of|and|the|for|to|on|with|from|&)$|[,–-]$/.test(title) && nextText && nextText.length <= 80 && !/^[(\d]/.test(nextText) && !MINUTE_LINE.test(nextText)) {
        title = `${title} ${cutAtColon(nextText)}`.replace(/\s*[-–:]+\s*$/, '').trim();
        k++;
      }
      if (title.length <= 250 && !/^\(\w{1,4}\)/.test(title)) {
        close();
        const rest = mm[2].slice(title.length).replace(/^\s*:-?\s*/, '');
        current = { number: mm[1], title, line: k, text: '', resolutions: [] };
        if (rest) body.push(rest);
        m.itemsDetail.push(current);
        m.items.push({ number: mm[1], title });
        prev = mm[1].split('/')[0];
        continue;
      }
    }
    if (current) body.push(t);
  }
  close();

  // apologies and substitutes recorded as minutes ("226. Apologies and Substitutes")
  for (const it of m.itemsDetail) {
    if (!/apolog|substitut|attendance/i.test(it.title)) continue;
    // wrapped lines rejoined, then split into numbered paragraphs "(1) … (2) …"
    const sentences = it.text.replace(/\n/g, ' ').split(/(?=\(\d{1,2}\)\s)/);
    for (const s of sentences) {
      for (const n of apologiesIn(s)) addPerson(m.apologies, n);
      m.substitutes.push(...substitutesIn(s));
    }
    if (/^apolog/i.test(it.title) && !it.text.includes('\n') && it.text && !/received|none|no apologies/i.test(it.text)) {
      for (const n of splitNames(it.text)) addPerson(m.apologies, n);
    }
  }
  // the same substitution told twice ("Ms F Ruiz (Substitute for Mr K Bellamy)", then "Ms Ruiz attended as
  // substitute for Mr Bellamy") is one
  const kept: ExtractedSubstitute[] = [];
  for (const s of m.substitutes) {
    if (!isNameLike(s.member) || !isNameLike(s.for)) continue;
    if (kept.some((k) => samePerson(k.member, s.member) && samePerson(k.for, s.for))) continue;
    kept.push(s);
  }
  m.substitutes = kept;
  return m;
}
