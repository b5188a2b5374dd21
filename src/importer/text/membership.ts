// The front sheet's "Membership" list: "Conservative (8): Mr A J King, MBE (Chairman), …, Vacancy and
// Mr J N Wedgbury (Substitute)", one line per political group or co-opted category.
import type { ExtractedMember, MemberRole } from '../extraction.js';
import type { Line } from './normalise.js';
import { cleanName, isNameLike, TITLE_START } from './names.js';

const MEMBERSHIP_HEAD = /^(?:membership|members|committee members|councillors|membership of the (?:committee|panel|board|cabinet))\b\s*(?:\(\d+\))?\s*:?\s*(.*)$/i;
const GROUP_LINE = /^([A-Z][A-Za-z&'’ -]{1,60}?)\s*\((\d{1,3})\)\s*:?\s*(.*)$/;
const STOP = /^(?:webcasting|unrestricted|exempt|agenda|tea|coffee|please|notes?|part\s|items?\b|\d+\.|[A-Z]\d\s|a\s-\s|contact|ask for|enquiries|telephone|tel\b|e-?mail|date\s*:|time\s*:|venue\s*:|place\s*:|published|dated|issued|distribution|website|filming|recording|quorum)/i;
// "Substitutes: Councillors L Green, H Hill and N Owen", a list of its own under the members
const SUBSTITUTES_HEAD = /^(?:named\s+)?substitutes?(?:\s+members?)?\s*(?:\(\d{1,3}\))?\s*:?\s*(.*)$/i;

/** A member as listed; `honours` holds post-nominals printed after the name ("MBE"), which `name` leaves out. */
export type MemberEntry = ExtractedMember & { honours?: string };

const HONOURS_TAIL = /\s((?:,?\s*(?:MBE|OBE|CBE|KBE|DBE|TD|JP|DL|BEM|QC|KC)\b)+)$/;
const HONOURS_PIECE = /^(?:MBE|OBE|CBE|KBE|DBE|TD|JP|DL|BEM|QC|KC)(?:\s+(?:MBE|OBE|CBE|KBE|DBE|TD|JP|DL|BEM|QC|KC))*$/i;

/**
 * The role a printed note gives a member: the Cabinet's Leader and Deputy Leader are its Chairman and Vice-Chairman
 * (a group's or the opposition's leader is not).
 */
export function memberRoleOf(note: string): MemberRole {
  const n = note.toLowerCase();
  if (/vice[- ]?chair|\bdeputy leader\b(?! of the (?:opposition|[\w ]+ group))/.test(n)) return 'Vice-Chairman';
  if (/\bchair|\bleader\b(?! of the (?:opposition|[\w ]+ group))/.test(n)) return 'Chairman';
  if (/substitute/.test(n)) return 'Substitute';
  return null;
}

/** Splits one group's list into members, keeping the "(Chairman)"-style note of each. */
function membersOf(list: string, group: string | null, listRole: MemberRole = null): MemberEntry[] {
  const out: MemberEntry[] = [];
  // "Councillors J Hammond (Chairman), R Baker, …": the plural title heads the list; the first is a councillor as printed
  list = list.replace(/^\s*((?:County\s+|District\s+|Borough\s+)?)(?:Councillors|Cllrs)\.?\s+(?=[A-Z])/, (_m, p: string) => `${p}Councillor `);
  // split on commas and "and", but keep bracketed notes with their name
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of list) {
    if (ch === '(') depth++;
    if (ch === ')' && depth > 0) depth--;
    if ((ch === ',' || ch === ';') && depth === 0) { parts.push(cur); cur = ''; continue; }
    cur += ch;
  }
  parts.push(cur);
  const pieces = parts.flatMap((p) => p.split(/\s+(?:and|&)\s+(?![^(]*\))/i)).map((p) => p.trim()).filter(Boolean);
  for (const piece of pieces) {
    const notes = [...piece.matchAll(/\(([^)]{0,80})\)/g)].map((m) => m[1]);
    const bare = cleanName(piece.replace(/\([^)]*\)/g, ' '));
    if (HONOURS_PIECE.test(bare)) {
      // honours after a comma belong to the previous name, printed as they are; its role note may follow
      const prev = out[out.length - 1];
      if (prev?.name) prev.honours = prev.honours ? `${prev.honours}, ${bare}` : bare;
      if (prev && notes.length && prev.role === null) prev.role = memberRoleOf(notes.join(' '));
      continue;
    }
    const vac = /^vacanc(?:y|ies)(?:\s*\((\d+)\))?$/i.exec(bare);
    if (vac) {
      const n = Math.min(20, Number(vac[1] ?? notes.find((x) => /^\d+$/.test(x)) ?? 1));
      if (listRole) continue; // a substitute's place unfilled is no seat
      for (let k = 0; k < n; k++) out.push({ name: null, group, role: 'Vacancy' });
      continue;
    }
    if (!isNameLike(bare) || !(TITLE_START.test(bare) || bare.split(' ').length >= 2)) continue;
    const member: MemberEntry = { name: bare, group, role: listRole ?? memberRoleOf(notes.join(' ')) };
    // honours run on without a comma ("Mr A Smith OBE") are kept aside like those after one
    const tail = HONOURS_TAIL.exec(piece.replace(/\([^)]*\)/g, ' ').replace(/[.;:,\s]+$/, ''));
    if (tail) member.honours = tail[1].replace(/\s*,?\s+/g, ', ').replace(/^,\s*/, '');
    out.push(member);
  }
  return out;
}

// A US board's roster under its letterhead: "Board of Directors" / "Chair – Doug Tisdale, District H" /
// "Lorraine Anderson, District L" / "District N" (a seat with no one in it); a degree after the name stays with it, as printed
const ROSTER_HEAD = /^board of (?:directors|trustees|supervisors|commissioners)$/i;
const ROSTER_LINE = /^(?:((?:first |second |third )?vice[- ]chair(?:man|person)?|chair(?:man|person)?|secretary|treasurer|president|vice[- ]president)\s+[–—-]\s+)?([A-Z][A-Za-z.'’ -]{2,60}?(?:,\s*(?:Ph\.?\s?D\.?|Ed\.?\s?D\.?|Esq\.?|Jr\.?|Sr\.?))?),\s*((?:District|Division|Ward|Area|Seat)\s+[A-Z0-9]{1,3})$/i;
const ROSTER_SEAT = /^(?:District|Division|Ward|Area|Seat)\s+[A-Z0-9]{1,3}$/;

function parseRoster(lines: Line[], from: number, end: number): MemberEntry[] {
  for (let i = from; i < Math.min(end, from + 40); i++) {
    if (!ROSTER_HEAD.test(lines[i].text)) continue;
    const out: MemberEntry[] = [];
    for (let k = i + 1; k < end; k++) {
      const t = lines[k].text;
      if (!t) { if (out.length && !lines[k + 1]?.text) break; continue; }
      const m = ROSTER_LINE.exec(t);
      if (m) {
        const office = (m[1] ?? '').toLowerCase();
        const role = /vice/.test(office) ? 'Vice-Chairman' : /^chair/.test(office) ? 'Chairman' : null;
        out.push({ name: m[2].trim(), group: m[3], role });
      } else if (ROSTER_SEAT.test(t)) out.push({ name: null, group: t, role: 'Vacancy' });
      else break;
    }
    if (out.length >= 3) return out;
  }
  return [];
}

export function parseMembership(lines: Line[], from: number, to: number): MemberEntry[] {
  const end = Math.min(to, lines.length);
  const roster = parseRoster(lines, from, end);
  if (roster.length) return roster;
  let i = from;
  for (; i < end; i++) if (MEMBERSHIP_HEAD.test(lines[i].text) && lines[i].text.length < 200) break;
  if (i >= end) return [];
  const out: MemberEntry[] = [];
  const head = MEMBERSHIP_HEAD.exec(lines[i].text);
  let group: string | null = null;
  let listRole: MemberRole = null;
  let buffer = head && head[1] && !/^\(?\d+\)?$/.test(head[1]) ? head[1] : '';
  const flush = () => {
    if (buffer.trim()) out.push(...membersOf(buffer, group, listRole));
    buffer = '';
  };
  let blankRun = 0;
  for (let k = i + 1; k < end; k++) {
    const t = lines[k].text;
    if (!t) { blankRun++; if (blankRun >= 3 && out.length) break; continue; }
    blankRun = 0;
    if (STOP.test(t)) break;
    const sub = SUBSTITUTES_HEAD.exec(t);
    if (sub) {
      flush();
      group = null;
      listRole = 'Substitute';
      buffer = sub[1];
      continue;
    }
    const g = GROUP_LINE.exec(t);
    if (g && !TITLE_START.test(g[1])) {
      flush();
      group = g[1].trim();
      buffer = g[3];
      continue;
    }
    const gc = /^([A-Z][A-Za-z&'’ -]{1,60}?)\s*:\s*(.+)$/.exec(t);
    if (gc && !TITLE_START.test(gc[1]) && gc[1].split(' ').length <= 5) {
      flush();
      group = gc[1].trim();
      buffer = gc[2];
      continue;
    }
    // a wrapped list continues; a bare name list (one per line) is a group of its own
    if (buffer && /[,&]\s*$|\band\s*$/i.test(buffer)) buffer += ` ${t}`;
    else if (buffer && /^[a-z]/.test(t)) buffer += ` ${t}`;
    else if (isNameLike(cleanName(t.replace(/\([^)]*\)/g, ' '))) || /^vacanc/i.test(t)) { buffer += buffer ? `, ${t}` : t; }
    else if (buffer) buffer += ` ${t}`;
    // a list of names on one line under the heading ("Councillors J Hammond (Chairman), R Baker, …")
    else if (t.length <= 600 && ((t.match(/,/g) ?? []).length >= 2 || (TITLE_START.test(t) && /,|\s(?:and|&)\s/.test(t)))) buffer = t;
    else break;
  }
  flush();
  return out;
}
