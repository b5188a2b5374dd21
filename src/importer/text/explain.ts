// `moot extract --explain`: for each field of an extraction, the line it was read from (page and line number of the
// cleaned text, with the line itself) and the rule that reads that field. The line is found by looking for the
// extracted value in the text, from where the reader for that part of the document looks (the front sheet for the
// meeting, the membership list, the agenda list, each set of minutes, each Record of Decision), so a value printed
// twice is shown at the place that reader takes it from. A value that cannot be found in the text is said to be so:
// that is a value the importer should not have given, and the explanation makes it visible.
import type { PackExtraction } from './index.js';
import { cleanPages, type Line } from './normalise.js';
import { findDate, findTime } from './dates-times.js';

export interface FieldExplanation {
  /** "meeting.date", "membership[2].name", "agenda[3]", "minutes[0].present[1]", "minutes[0].items[4]", "decisions[0]" */
  field: string;
  value: string;
  /** the rule that reads this field */
  rule: string;
  /** 1-based page of the input and line number of the text, and the line as cleaned; null when not found */
  page: number | null;
  line: number | null;
  text: string | null;
}

const RULES = {
  body: 'the body named in the heading ("Minutes of the X held on …", a letterhead or the front sheet\'s title)',
  date: 'the meeting date printed in the heading or on the front sheet',
  time: 'the time printed with the meeting date (never a "called to order at" time)',
  venue: 'the place printed with the date and time ("at the Council Chamber, …" / "held … at …")',
  contacts: '"Ask for:" / "Contact:" with the telephone number printed beside it',
  publishedOn: 'the date under the signatory at the foot of the front sheet',
  publishedBy: 'the signatory at the foot of the front sheet',
  member: 'the "Membership" list on the front sheet: "Group (n): names", a role in brackets',
  agenda: 'a numbered or lettered line of the front-sheet agenda, "(Pages a - b)" and "(to follow)" read from it',
  minutesHead: 'the heading of a set of minutes: body and date of the meeting minuted',
  present: 'the "Present" list (or "Members present"), names without "(Chairman)"',
  alsoPresent: 'the "Also present" / "Other attendees" list',
  inAttendance: 'the "In attendance" / "Officers" / "Officials in attendance" list, names without job titles',
  apologies: 'the "Apologies" list or minute',
  substitutes: '"X (Substitute for Y)" in the Present list, or a substitutes minute',
  item: 'a numbered minute heading ("12. Title", "72/17 Title", "Minute 12")',
  decision: 'a Record of Decision: its number, subject, taker and date',
} as const;

const norm = (s: string) => s.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();

const HONORIFIC = /^(?:(?:councillors?|cllrs?|cynghorydd|cynghorwyr|cyng|sir|district|borough|mr|mrs|ms|miss|dr|the|rev|reverend|mayor|deputy|reeve|county|director|trustee|member)\s+)+/;

/** The value's words appear in the text (an honorific the reader added or the printer omitted is not required). */
function containsValue(text: string, value: string): boolean {
  const t = ` ${norm(text)} `;
  const v = norm(value).replace(HONORIFIC, '');
  if (v !== '' && t.includes(` ${v} `)) return true;
  // what OCR ran together ("JR Nicholson" read as "J R Nicholson", "7Planning" as item 7 "Planning")
  return v.includes(' ') && t.replace(/ /g, '').includes(v.replace(/ /g, ''));
}

/** The first words of a value, for values the reader rejoined from wrapped lines. */
const opening = (value: string, words = 4) => norm(value).replace(HONORIFIC, '').split(' ').slice(0, words).join(' ');

export function explainExtraction(pages: string[], x: PackExtraction): FieldExplanation[] {
  const { lines } = cleanPages(pages.length === 1 && pages[0].includes('\f') ? pages[0].split('\f') : pages);
  const text = lines.filter((l) => l.text);
  const out: FieldExplanation[] = [];
  const at = (l: Line | undefined) => (l ? { page: l.page + 1, line: l.no, text: l.text } : { page: null, line: null, text: null });
  /** first line at or after `from` (index into `text`) satisfying `ok`; the search wraps to the start */
  const scan = (from: number, ok: (t: string) => boolean, span: number): { line: Line | undefined; index: number } | null => {
    const joined = (k: number) => text.slice(k, k + span).map((l) => l.text).join(' ');
    for (let k = from; k < text.length; k++) if (ok(joined(k))) return { line: text[k], index: k };
    for (let k = 0; k < Math.min(from, text.length); k++) if (ok(joined(k))) return { line: text[k], index: k };
    return null;
  };
  // a value is looked for on one line, then on a line and the next (names and places wrap)
  const find = (from: number, ok: (t: string) => boolean): { line: Line | undefined; index: number } =>
    scan(from, ok, 1) ?? scan(from, ok, 2) ?? scan(from, ok, 3) ?? { line: undefined, index: from };
  const add = (field: string, value: string, rule: string, line: Line | undefined) => out.push({ field, value, rule, ...at(line) });
  const dateIn = (iso: string) => (t: string) => findDate(t)?.iso === iso || (t.length < 400 && splitDates(t).includes(iso));

  const m = x.meeting;
  const headAt = m.body ? find(0, (t) => containsValue(t, m.body!)) : { line: undefined, index: 0 };
  if (m.body) add('meeting.body', m.body, RULES.body, headAt.line);
  if (m.date) add('meeting.date', m.date, RULES.date, find(headAt.index, dateIn(m.date)).line);
  if (m.time) add('meeting.time', m.time, RULES.time, find(headAt.index, (t) => findTime(t)?.hhmm === m.time).line);
  if (m.venue) add('meeting.venue', m.venue, RULES.venue, find(headAt.index, (t) => containsValue(t, opening(m.venue!, 3))).line);
  m.contacts.forEach((c, i) => add(`meeting.contacts[${i}]`, `${c.name}${c.phone ? `, ${c.phone}` : ''}`, RULES.contacts, find(0, (t) => containsValue(t, c.name)).line));
  const signAt = m.publishedBy ? find(0, (t) => containsValue(t, m.publishedBy!)) : { line: undefined, index: 0 };
  if (m.publishedBy) add('meeting.publishedBy', m.publishedBy, RULES.publishedBy, signAt.line);
  if (m.publishedOn) add('meeting.publishedOn', m.publishedOn, RULES.publishedOn, find(signAt.index, dateIn(m.publishedOn)).line);

  x.membership.forEach((mem, i) => {
    const value = mem.name ? `${mem.name}${mem.group ? ` (${mem.group})` : ''}${mem.role ? `, ${mem.role}` : ''}` : `${mem.role ?? 'Vacancy'}${mem.group ? ` (${mem.group})` : ''}`;
    // a vacancy is the word "Vacancy", or (a US roster) its seat printed alone: "District N"
    add(`membership[${i}]`, value, RULES.member, find(0, (t) => (mem.name ? containsValue(t, mem.name) : /\bvacan/i.test(t) || (!!mem.group && t.trim() === mem.group))).line);
  });

  let from = 0;
  x.agenda.forEach((a, i) => {
    // an item printed without a number is found by its title alone
    const f = find(from, (t) => (!!a.code && new RegExp(`^\\(?${a.code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[.):]?\\s`, 'i').test(t)) || containsValue(t, a.title.split(' ').slice(0, 6).join(' ')));
    from = f.index + 1;
    add(`agenda[${i}]`, `${a.code || '(no number)'} ${a.title}${a.pages ? ` (Pages ${a.pages[0]} - ${a.pages[1]})` : ''}${a.section === 'exempt' ? ' [exempt]' : ''}`, RULES.agenda, f.line);
  });

  x.minutes.forEach((mm, s) => {
    const head = find(0, (t) => !!mm.date && dateIn(mm.date)(t) && (!mm.body || containsValue(t, mm.body.split(' ')[0]) || /minutes|meeting/i.test(t)));
    const h = head.line ? head : find(0, (t) => !!mm.date && dateIn(mm.date)(t));
    add(`minutes[${s}]`, `${mm.body ?? '(body not read)'} ${mm.date ?? '(date not read)'}`, RULES.minutesHead, h.line);
    const lists = ['present', 'alsoPresent', 'inAttendance', 'apologies'] as const;
    for (const l of lists) mm[l].forEach((name, i) => add(`minutes[${s}].${l}[${i}]`, name, RULES[l], find(h.index, (t) => containsValue(t, name)).line));
    mm.substitutes.forEach((sub, i) => add(`minutes[${s}].substitutes[${i}]`, `${sub.member} for ${sub.for}`, RULES.substitutes, find(h.index, (t) => containsValue(t, sub.member)).line));
    let k = h.index;
    mm.items.forEach((it, i) => {
      const f = find(k, (t) => (it.number ? new RegExp(`(?:^|\\bminute\\s+)${it.number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(t) : false) || containsValue(t, it.title.split(' ').slice(0, 5).join(' ')));
      k = f.index + 1;
      add(`minutes[${s}].items[${i}]`, `${it.number ?? ''} ${it.title}`.trim(), RULES.item, f.line);
    });
  });

  x.decisions.forEach((d, i) => add(`decisions[${i}]`, `${d.number}: ${d.subject ?? '(subject not read)'}, ${d.takenBy ?? '?'}, ${d.date ?? '?'}`, RULES.decision, find(0, (t) => t.includes(d.number)).line));
  return out;
}

/** Every date a line prints (a line may print two: "held on 5 May 2019 … published 1 May 2019"). */
function splitDates(t: string): string[] {
  const out: string[] = [];
  let rest = t;
  for (let n = 0; n < 4; n++) {
    const d = findDate(rest);
    if (!d) break;
    out.push(d.iso);
    rest = rest.slice(d.index + Math.max(1, d.length));
  }
  return out;
}

/** The explanation as text, one field a line: where it was read, by which rule. */
export function formatExplanation(ex: FieldExplanation[]): string {
  return ex
    .map((e) => `${e.field}: ${JSON.stringify(e.value)}\n    ${e.line !== null ? `page ${e.page}, line ${e.line}: ${JSON.stringify(e.text)}` : 'NOT FOUND in the text as printed (treat this value with suspicion)'}\n    rule: ${e.rule}`)
    .join('\n');
}
