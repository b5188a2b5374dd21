// Minutes reproduced in a pack (or a minutes-only document): the body and date of the minuted meeting,
// attendance (PRESENT / ALSO PRESENT / IN ATTENDANCE / Officers / Apologies), substitutes, and the
// numbered minute headings, whose numbers continue from meeting to meeting ("75." … "88.", "72/17").
import type { ExtractedMinutes, ExtractedSubstitute } from '../extraction.js';
import type { Line } from './normalise.js';
import { isMinutesHeader } from './boundaries.js';
import { findDate, findTime } from './dates-times.js';
import { addPerson, cleanName, isNameLike, removeBrackets, samePerson, splitNames, TITLE_START } from './names.js';
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

const MINUTE_LINE = /^(?:min(?:ute)?\.?\s+(?:no\.?\s*)?)?(\d{1,5}(?:\/\d{2,4})?[a-zA-Z]?)(?:\.(?!\d)|\)|:|\s[-–])?\s+(\S.*)$/i;
type Label = 'present' | 'alsoPresent' | 'inAttendance' | 'apologies' | 'substitutes' | 'absent' | 'attendees' | 'boardList';
const LABELS: [RegExp, Label][] = [
  [/^also\s+(?:present|in attendance|attending)\b\s*:?\s*/i, 'alsoPresent'],
  // US boards: "District Attendees" (members and staff, each with a title), "Other Attendees" (visitors)
  [/^(?:other|public|guest)\s+attendees\s*:?\s*$|^(?:guests|visitors)\s*:?\s*$/i, 'alsoPresent'],
  [/^(?:(?:district|board|council|commission|committee)\s+)?attendees\s*:?\s*$/i, 'attendees'],
  // Irish councils: "PRESENT IN THE CHAIR: Councillor A. Byrne, Cathaoirleach."
  [/^(?:present\s+)?in\s+the\s+chair\s*:\s*/i, 'present'],
  [/^(?:(?:members|councillors|cllrs)\s+)?present\b\s*:?\s*/i, 'present'],
  // Irish councils: "Members in attendance:" (the members), "Officials in attendance:" (the officers)
  [/^(?:members|councillors)\s+in\s+attendance\s*:\s*/i, 'present'],
  // Welsh: "PRESENNOL" (present), "YMDDIHEURIADAU" (apologies)
  [/^presennol\s*:?\s*/i, 'present'],
  [/^ymddiheuriadau\s*:?\s*/i, 'apologies'],
  // a US board's minutes open with lists: "BOARD OF DIRECTORS" (name, office), "… MANAGEMENT AND STAFF" (name, job)
  [/^(?:[A-Z][A-Z'’&.-]*\s+){0,5}(?:MANAGEMENT\s+AND\s+STAFF|STAFF\s+PRESENT)\s*:?\s*$/, 'inAttendance'],
  [/^(?:in attendance|(?:officers?|officials)(?:\s+(?:present|in attendance))?|staff(?:\s+present)?)\b\s*:?\s*/i, 'inAttendance'],
  [/^apologies(?:\s+for\s+absence)?(?:\s+(?:were\s+)?received\s+from)?\b\s*:?\s*/i, 'apologies'],
  // Canadian councils: "Regrets: Councillor D. Black"
  [/^regrets\s*:\s*/i, 'apologies'],
  [/^substitutes?(?:\s+members?)?(?:\s+present)?\b\s*:?\s*/i, 'substitutes'],
  [/^absent\b\s*:?\s*/i, 'absent'],
];
const SECTION = /^(?:unrestricted items|exempt items|part\s*(?:1|2|i|ii)\b|open items)/i;

function labelOf(t: string): { label: Label; rest: string } | null {
  for (const [re, label] of LABELS) {
    const m = re.exec(t);
    if (m) {
      // "Present:" must be a label, not prose such as "Present at the meeting were…" followed by a sentence
      if (label === 'present' && !/^(?:(?:members|councillors|cllrs)\s+)?present\s*(?::|$)|^(?:present\s+)?in\s+the\s+chair\s*:|^presennol\s*(?::|$)|^(?:members|councillors)\s+in\s+attendance\s*:/i.test(t)) continue;
      if (label === 'inAttendance' && /STAFF\s*:?\s*$/.test(t)) return { label, rest: '' };
      if (label === 'inAttendance' && !/^[^:]{0,40}:|^(?:in attendance|(?:officers?|officials)(?:\s+in\s+attendance)?|staff)\s*$/i.test(t)) continue;
      if (label === 'apologies' && /^apologies for absence$/i.test(t)) return { label, rest: '' };
      if (label === 'attendees' || label === 'boardList' || (label === 'alsoPresent' && /attendees|guests|visitors/i.test(t))) return { label, rest: '' };
      if (label === 'inAttendance' && /STAFF\s*:?\s*$/.test(t)) return { label, rest: '' };
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
  // "Cllr F Fir (for Cllr G Gum)" in a list of substitutes
  for (const m of s.matchAll(/([A-Z][^,()]{1,50}?)\s*\(for\s+((?:Cllr|Councillor|County Councillor|Mr|Mrs|Ms|Miss|Dr)\.?\s[^)]{2,50})\)/g)) {
    out.push({ member: splitNames(m[1]).pop() ?? cleanName(m[1]), for: cleanName(m[2]) });
  }
  // "Councillor G Young (substituted by Councillor H Zane)"
  for (const m of s.matchAll(/([A-Z][^,()]{1,50}?)\s*\((?:who\s+was\s+)?substituted\s+by\s+([^)]{2,60})\)/g)) {
    const absent = splitNames(m[1]).pop() ?? cleanName(m[1]);
    out.push({ member: cleanName(m[2]), for: absent });
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
  if (!/apolog|ymddiheuriadau/i.test(s)) return [];
  const m = /apologies\s+(?:for\s+absence\s+)?(?:were\s+|was\s+|had\s+been\s+)?(?:also\s+)?(?:received|submitted|given|tendered|noted|reported)\s+(?:from|by|on behalf of|for)\s+/i.exec(s)
    // "An apology for his inability to attend the Meeting was received from Councillor Ryan."
    // Welsh: "derbyniwyd ymddiheuriadau gan y Cynghorwyr …" (apologies were received from)
    ?? /\bymddiheuriadau\s+gan\s+(?:y\s+)?/i.exec(s)
    ?? /\ban?\s+apology\s+(?:for\s+(?:(?:his|her|their)\s+)?(?:inability\s+to\s+attend|absence)(?:\s+(?:the\s+)?meeting)?\s+)?(?:was|had\s+been)\s+received\s+from\s+/i.exec(s);
  if (!m) return [];
  // the list ends at the sentence's full stop, not at "Cllrs." or an initial
  const tail = s.slice(m.index + m[0].length);
  const end = /(?<!\b[A-Z])(?<!\b(?:Mr|Mrs|Ms|Dr|St|Cllr|Cllrs|Councillor|Councillors|Rev|Prof))\.(?=\s|$)/.exec(tail);
  return splitNames(end ? tail.slice(0, end.index) : tail);
}

function headerText(lines: Line[], h: number, end: number): { text: string; next: number } {
  let text = lines[h].text;
  let k = h + 1;
  while (k < end && k < h + 4) {
    const t = lines[k].text;
    if (!t || labelOf(t) || MINUTE_LINE.test(t) || SECTION.test(t) || officeRoster(t)) break;
    if (/[.]$/.test(text) && !/^[a-z]/.test(t)) break;
    text += ` ${t}`;
    k++;
  }
  return { text, next: k };
}

function bodyOf(header: string, lines: Line[], h: number, letterhead: string | null): string | null {
  // "MINUTES OF PROCEEDINGS AT ORDINARY MEETING OF EXAMPLE COUNTY COUNCIL HELD IN …" (Irish councils)
  const m = /^(?:minutes|notes|record)\s+of\s+(?:proceedings\s+at\s+)?(?:an?\s+|the\s+)?(?:(?:special|extraordinary|annual|ordinary|adjourned|reconvened|informal|monthly|statutory|budget)\s+)*(?:meeting\s+of\s+)?(?:the\s+)?(.+?)(?:\s+(?:meeting\s+)?held\b|\s+on\s+[A-Z0-9]|\s+at\s+|,|$)/i.exec(header);
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

// Words of a job title or role printed after a name ("Randy Marx - Board President", "Paula Villescaz, president",
// "Teresa Stinson, General Counsel", "Michael McKibbin, Ed.D., vice president"): a part made only of these is no person.
const ROLE_WORD = /^(?:president|vice|cathaoirleach|leas-chathaoirleach|cao|ceo|cfo|coo|chair(?:man|woman|person)?|member|trustee|director|manager|superintendent|clerk|secretary|treasurer|officer|counsel|solicitor|attorney|engineer|chancellor|assistant|executive|administrator|administrative|facilitator|coordinator|supervisor|analyst|planner|mayor|reeve|deputy|councillor|councilmember|councilman|councilwoman|commissioner|student|general|chief|head|lead|senior|principal|associate|visitor|staff|consultant|inspector|board|customer|service|operations|finance|financial|technical|acting|interim|legal|city|county|town|district|public|works|human|resources|information|technology|communications|program|project|recording|minute|taker|guest|resident|representative|liaison|advis[eo]r|specialist|controller|auditor|accountant|pro|tem|ex|officio|non-voting|voting|alternate|of|the|to|and|for|&|ed\.?d|ph\.?d|esq|jr|sr|m\.?d)s?\.?$/i;

/** Whether a printed part is a job title or role, not a person's name. */
export function isRole(s: string): boolean {
  const words = s.replace(/[(),/]/g, ' ').trim().split(/\s+/).filter(Boolean);
  return words.length > 0 && words.every((w) => ROLE_WORD.test(w));
}

/** A member of the body by the title printed after the name ("Board President", "Director"), not staff. */
function isMemberRole(role: string): boolean {
  if (/\b(?:manager|superintendent|clerk|officer|counsel|attorney|engineer|staff|assistant|administrator|secretary|treasurer|analyst|coordinator|visitor)\b/i.test(role)) return false;
  return /\b(?:board|president|member|director|trustee|chair(?:man|woman|person)?|councillor|councilmember|council member|mayor|reeve|alderman|commissioner|supervisor)\b/i.test(role);
}

interface Person { name: string; role: string | null }

// Words of a label that heads some of the names in an attendance list rather than naming anyone: a category of
// co-opted members ("Church Representatives:", "Parent Governor Representatives:", "Independent Member:"), the
// councillors' own part ("County Councillors:"), or the chair's office ("Cathaoirleach:", "Chairman:")
const LIST_LABEL_WORD = String.raw`(?:co-opted|coopted|voting|non-voting|church|of|england|roman|catholic|free|churches|diocese|diocesan|parent|governors?|representatives?|independent|lay|added|elected|youth|tenant|statutory|other|external|members?|persons?|co-optees?|county|district|borough|city|town|parish|councillors|cllrs|an|cathaoirleach|leas-chathaoirleach|chair(?:man|woman|person)?|vice[- ]chair(?:man|woman|person)?|(?:deputy\s+|lord\s+)?mayor|leas-mh[ée]ara|in\s+the\s+chair|presiding)`;
const LIST_LABEL = new RegExp(String.raw`(^|[,;]\s*|\s)((?:${LIST_LABEL_WORD})(?:\s+(?:${LIST_LABEL_WORD})){0,5})(?:\s*\([^)]{1,30}\))?\s*:\s*`, 'gi');

/** Removes the labels inside an attendance list ("Co-opted Members: Church Representatives: Mr P Quinn …"). */
export function withoutListLabels(s: string): string {
  return s.replace(LIST_LABEL, (_m, before: string) => (before.trim() ? ', ' : before));
}

/** The people on one line of a one-per-line list: "Name - Role", "Name, Role", or a list of names. */
function personsOfLine(t: string): Person[] {
  t = withoutListLabels(t).replace(/^[\s,]+/, '');
  if (!t) return [];
  // "Chairperson - Mayor Locke": the role in the meeting before a dash, then the person as named
  const chaired = /^(?:chair(?:man|woman|person)?|vice[- ]chair(?:man|woman|person)?|presiding)\s+[-–—]\s+(\S.{2,60})$/i.exec(t);
  if (chaired) t = chaired[1];
  const parts = t.split(/\s+[-–—]\s+|,\s*/).map((x) => x.trim()).filter(Boolean);
  // "General Manager, Engineering", "Manager, Area Planning & Development, North Division": an office and its
  // department, no person
  if (parts.length > 1 && isRole(parts[0]) && !parts.slice(1).some((x) => PERSON_NAME.test(x) && !DEPARTMENT_WORD.test(x))) return [];
  if (parts.length > 1) {
    const name = cleanName(removeBrackets(parts[0]).replace(/,\s*$/, '').trim());
    // "Ms. R. Ryan, Director of Services, Housing", "Mr P Power, Chief Executive": a name, then the job and its
    // department or service, which name nobody
    if (isNameLike(name) && !isRole(name) && JOB_WORD.test(parts[1]) && parts.slice(1).every((x) => !TITLE_START.test(x) && !/[()]/.test(x))) {
      return [{ name, role: parts.slice(1).join(', ') }];
    }
    if (isNameLike(name) && !isRole(name) && parts.slice(1).every((x) => isRole(x) || /^[A-Z]{2,4}$/.test(x))) {
      return [{ name, role: parts.slice(1).join(', ') }];
    }
    // "Cecilia Achiam, General Manager, Community Safety": a name, a job title, then the department it is over
    if (parts.length === 3 && isNameLike(name) && !isRole(name) && isRole(parts[1]) && /^[A-Z][\w&’'-]*(?:\s+(?:&|and|of|the|[A-Z][\w&’'-]*)){0,4}$/.test(parts[2])) {
      return [{ name, role: `${parts[1]}, ${parts[2]}` }];
    }
  }
  // "Jeffrey Mitchell - Kronick Moskovitz Tiedemann & Girard", "Rebecca Simon - Human Resource Administrator": one
  // person, then after the dash what they are or whom they represent
  const dashed = /^([^,–—-]{3,50}?)\s+[-–—]\s+(\S.{1,100})$/.exec(t);
  if (dashed) {
    const name = cleanName(removeBrackets(dashed[1]).trim());
    if (isNameLike(name) && !isRole(name) && !splitNames(dashed[1]).slice(1).length) return [{ name, role: dashed[2].trim() }];
  }
  // "Marty Hanneman President", "Teri Grant Board Secretary/Administrative Assistant", "Dan York Sacramento Suburban
  // Water District": a name and the office or organisation printed in a column beside it (the gap collapsed)
  const col = NAME_THEN.exec(t);
  if (col && !DEPARTMENT_WORD.test(col[1]) && (isRole(col[2]) || /^(?:[A-Z]{2,8}\s*)+$/.test(col[2]) || JOB_TITLE_END.test(removeBrackets(col[2]).replace(/[\s,]+$/, '')) || ORGANISATION.test(col[2]))) return [{ name: col[1], role: col[2] }];
  // "Land Development Engineer": a job title, not a name
  return splitNames(t).filter((n) => isNameLike(n) && !isRole(n) && !(JOB_TITLE_END.test(n) && DEPARTMENT_WORD.test(n))).map((name) => ({ name, role: null }));
}
// a word that makes a part a job title ("Director of Services", "Senior Executive Officer", "Head of Finance")
const JOB_WORD = /\b(?:director|officer|manager|engineer|executive|administrator|secretary|clerk|planner|solicitor|accountant|head\s+of|chief|advis[eo]r|coordinator|co-ordinator|assistant|inspector|surveyor|treasurer|counsel|superintendent|analyst|consultant|specialist|technician|architect|librarian|registrar)\b/i;
// a person's name on its own ("Marc Fortais", "J. Haley") and words that name a department, not a person
const PERSON_NAME = /^(?:[A-Z]\.\s*)*[A-Z][a-z'’-]+(?:\s+(?:[A-Z]\.\s*)*(?:Mc|Mac|O['’])?[A-Z][a-z'’-]+){0,2}$/;
const DEPARTMENT_WORD = /\b(?:engineering|finance|planning|development|division|services|culture|recreation|parks|corporate|community|operations|works|safety|resources|technology|communications|legal|administration|department|area|north|south|east|west|central)\b/i;
const JOB_TITLE_END = /\b(?:manager|engineer|superintendent|counsel|secretary|assistant|specialist|director|officer|clerk|president|treasurer|chair(?:man|woman|person)?|member|trustee|supervisor|administrator|attorney|analyst|coordinator|planner|chief|controller|auditor|accountant|consultant|inspector|technician|operator)s?\.?$/i;
const NAME_THEN = /^([A-Z][a-z'’-]+(?:\s+[A-Z]\.)*\s+(?:Mc|Mac|O['’])?[A-Z][a-z'’-]+)\s+([A-Z(].{1,80})$/;
const ORGANISATION = /\b(?:council|district|authority|association|agency|department|company|corporation|inc|llc|commission|board|chamber|church|society|foundation|trust|group|university|college|school)\b|\([A-Z]{2,6}\)$/i;
// "Pam Tobin   Director (Absent)": listed but not there
const MARKED_ABSENT = /\((?:absent|excused|apologies)\)/i;

/** Names from a printed list with job titles: "David W. Gordon, Superintendent; Nancy Herota, Deputy …; and Wende Watson, …". */
export function namesWithTitles(list: string): string[] {
  const out: string[] = [];
  for (const seg of list.split(';')) {
    const parts = seg.replace(/^\s*(?:and|&)\s+/i, '').split(/,\s*/).map((x) => withoutLeadingRole(x.trim().replace(ROLE_BEFORE_NAME, ''))).filter(Boolean);
    while (parts.length > 1 && isRole(parts[parts.length - 1])) parts.pop();
    for (const n of splitNames(parts.join(', '))) if (isNameLike(n) && !isRole(n)) addPerson(out, n);
  }
  return out;
}

/** "Acting Chief Bridge" → "Bridge", "General Counsel Lavra" → "Lavra": job-title words before a name dropped. */
function withoutLeadingRole(s: string): string {
  // "District Cllr Blackwell" keeps its title; "Treasurer R. White", "CAO/Clerk M. Green" lose the job
  if (TITLE_START.test(s)) return s;
  const words = s.split(/\s+/);
  let k = 0;
  while (k < words.length - 1 && words[k].split('/').every((w) => ROLE_WORD.test(w)) && /^[A-Z]/.test(words[k])) k++;
  return k && /^[A-Z]/.test(words[k]) ? words.slice(k).join(' ') : s;
}

// the office printed before a name in prose: "supervisors Dick Dillon, …, treasurer Ray Barnes, and clerk Linda
// Britton", "guests Bill Taft and Rory Blazevich"
const ROLE_BEFORE_NAME = /^(?:(?:and|the|our|guests?|visitors?|supervisors?|treasurer|(?:deputy\s+|town\s+|township\s+)?clerks?|trustees?|directors?|commissioners?|councillors?|council\s*members?|board\s+members?|members?|(?:deputy\s+)?(?:mayor|reeve)|chair(?:man|person|woman)?|vice[- ]chair(?:man|person|woman)?|(?:vice[- ])?president|secretary|solicitor|administrator|(?:general\s+)?manager)\s+)+(?=[A-Z])/i;

// Offices printed before a name in a roster: the council's own (members) and its officers'.
const MEMBER_OFFICE = String.raw`(?:Deputy\s+|Acting\s+)?(?:Mayor|Reeve|Warden)|Councillor|Councilor|Council\s*Member|Alderman|Alderperson|Cllr\.?`;
const OFFICER_OFFICE = String.raw`CAO|Chief\s+Administrative\s+Officer|(?:Municipal\s+|Town\s+|City\s+|Deputy\s+)?Clerk|Treasurer|(?:Town|City|Municipal)\s+Manager|Administrator`;
const ROSTER_PART = new RegExp(String.raw`(?:^|\s)(${MEMBER_OFFICE}|${OFFICER_OFFICE}),?\s+((?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*){0,2}?)(?=\s+(?:${MEMBER_OFFICE}|${OFFICER_OFFICE})\b|\s*$)`, 'g');

/**
 * A line made only of offices and names, "Mayor Greg Rathjen Deputy Mayor Valiquette Councillor Eastman CAO, Marc
 * Fortais" (at least three): each name with whether its office is a member's (mayor, reeve, councillor) or an
 * officer's (CAO, clerk). Offices are not kept, as "Mayor Knox White" is "Knox White".
 */
export function officeRoster(t: string): { name: string; member: boolean }[] | null {
  const parts = [...t.matchAll(ROSTER_PART)];
  if (parts.length < 3 || parts.map((p) => p[0]).join('').replace(/\s+/g, '') !== t.replace(/\s+/g, '')) return null;
  const member = new RegExp(`^(?:${MEMBER_OFFICE})$`, 'i');
  return parts.map((p) => ({ name: p[2], member: member.test(p[1]) }));
}

// "Board members present were A, B and C." / "Also present were …" / "Other staff present via teleconference were …"
const PROSE_ATTENDANCE: [RegExp, 'present' | 'alsoPresent' | 'inAttendance'][] = [
  [/\b(?:(?:board|council|committee|commission|cabinet)\s+)?members\s+present\s+(?:were|was|included)\s*:?\s+/i, 'present'],
  // "Board members present: Clark, Goold … and Wood. Board members absent: Kelly. Staff present: Acting Chief
  // Bridge, General Counsel Lavra, and Clerk Penilla." (an action-summary's call to order)
  [/\b(?:board|council|committee|commission|cabinet)\s+members\s+present\s*:\s*/i, 'present'],
  [/\bstaff\s+present\s*:\s*/i, 'inAttendance'],
  // "The following members of City Council were in attendance: Mayor Knox White, John DeWorken, …"
  [/\bthe\s+following\s+(?:members|councillors|council\s*members|directors|trustees|commissioners|supervisors)\b[^:.]{0,60}?\b(?:were\s+(?:present|in\s+attendance)|attended)\s*:\s*/i, 'present'],
  [/(?:^|[.;]\s+)present\s+were\s*:?\s+/i, 'present'],
  [/\bthose\s+(?:present|in\s+attendance)\s+(?:are|were|included)\s*:?\s+/i, 'present'],
  [/\b(?:also|other\s+staff|staff)\s+present\s+(?:(?:in person|via\s+[a-z/ ]{2,30}?|remotely|online)\s+)?(?:were|was|included)\s*:?\s+/i, 'alsoPresent'],
];
// a sentence ends at a full stop that does not close an initial ("David W. Gordon") or a title ("Ms.")
const SENTENCE_END = /(?<!\b[A-Z])(?<!\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Rev|Prof))\.(?=\s|$)/;

/** Attendance told in sentences, as US and Canadian minutes do. */
export function proseAttendance(text: string): { present: string[]; alsoPresent: string[]; inAttendance: string[] } {
  const out = { present: [] as string[], alsoPresent: [] as string[], inAttendance: [] as string[] };
  const flat = text.replace(/\s+/g, ' ');
  for (const [re, label] of PROSE_ATTENDANCE) {
    const g = new RegExp(re.source, 'gi');
    for (const m of flat.matchAll(g)) {
      const tail = flat.slice((m.index ?? 0) + m[0].length);
      const end = SENTENCE_END.exec(tail);
      const list = end ? tail.slice(0, end.index) : tail.slice(0, 600);
      for (const n of namesWithTitles(list)) addPerson(out[label], n);
    }
  }
  return out;
}

function collectBlock(lines: Line[], i: number, end: number, first: string, weak = false): { value: string; next: number; persons: Person[] | null } {
  const inline = first.trim() !== '';
  let value = first.trim();
  let k = i + 1;
  if (!inline) {
    // a label on its own line, then either a sentence listing the people ("Councillors A, B, … and C.") wrapped over
    // lines, or one person per line, which ends at the first line that names nobody
    let j = k;
    while (j < end && !lines[j].text) j++;
    const firstText = j < end ? lines[j].text : '';
    if ((firstText.match(/,/g) ?? []).length >= 2 && !labelOf(firstText)) {
      let v = '';
      for (k = j; k < end; k++) {
        const t = lines[k].text;
        if (!t || labelOf(t) || MINUTE_LINE.test(t) || isMinutesHeader(lines, k)) break;
        v += (v ? ' ' : '') + t;
        if (SENTENCE_END.test(t.slice(-3)) || /\.$/.test(t)) { k++; break; }
      }
      return { value: v, next: k, persons: null };
    }
    return onePerLine(lines, k, end, [], value, weak);
  }
  // "Officials Present: Mr. P. Power, Chief Executive" / "Ms. R. Ryan, Director of Services, Housing": a name and its
  // job on each line, the first beside the label
  const parts = value.split(/,\s*/);
  const named = cleanName(parts[0]);
  if (parts.length >= 2 && parts.length <= 4 && isNameLike(named) && !isRole(named) && JOB_WORD.test(parts[1]) && !TITLE_START.test(parts[1])) {
    return onePerLine(lines, k, end, [{ name: named, role: parts.slice(1).join(', ') }], value, weak);
  }
  for (; k < end; k++) {
    const t = lines[k].text;
    if (!t) {
      // a list that ends on a comma goes on after the blank line ("…, Cllr Alam," / "" / "Dr Ahmed MP")
      if (value && !/,$/.test(value)) break;
      continue;
    }
    if (labelOf(t) || SECTION.test(t) || MINUTE_LINE.test(t) || isMinutesHeader(lines, k)) break;
    if (t.length > 200 && !/,/.test(t)) break;
    value += ` ${t}`;
  }
  return { value, next: k, persons: null };
}

/** A list of one person a line, from line k: it ends at the first line that names nobody. */
function onePerLine(lines: Line[], k: number, end: number, persons: Person[], value: string, weak: boolean): { value: string; next: number; persons: Person[] } {
  {
    for (; k < end; k++) {
      const t = lines[k].text;
      if (!t) continue;
      if (labelOf(t) || SECTION.test(t) || MINUTE_LINE.test(t) || isMinutesHeader(lines, k)) break;
      if (t.length > 200 && !/,/.test(t)) break;
      // a section's code alone on its line ("A.") or a sentence ends the list (the staff listed by office before it)
      if (/^(?:[A-Z]|\d{1,3}|[IVXL]{1,7})\.$/.test(t) || (t.split(/\s+/).length >= 8 && !/,/.test(t) && /\b(?:was|were|is|are|had|has)\b/.test(t))) break;
      if (MARKED_ABSENT.test(t)) continue;
      // "Co-opted Members:" between the councillors and the co-opted members labels the names after it
      if (!withoutListLabels(t).trim()) continue;
      const found = personsOfLine(t);
      if (!found.length) {
        if (persons.length || weak) break;
        continue;
      }
      persons.push(...found);
      value += `${value ? ', ' : ''}${t}`;
    }
    return { value, next: k, persons };
  }
}

/** "BOARD OF DIRECTORS" over a list of names with their offices ("Marty Hanneman   President") labels the members. */
function boardListAt(lines: Line[], i: number, to: number): { label: Label; rest: string } | null {
  if (!/^board\s+of\s+(?:directors|trustees)\s*:?$/i.test(lines[i].text)) return null;
  let j = i + 1;
  while (j < to && !lines[j].text) j++;
  return j < to && personsOfLine(lines[j].text).some((p) => p.role) ? { label: 'boardList', rest: '' } : null;
}

/** Reads labelled attendance blocks between `from` and `to` into m; returns the unlabelled lines. */
function readAttendance(lines: Line[], from: number, to: number, m: MinutesDetail): string[] {
  const unlabelled: string[] = [];
  for (let i = from; i < to; i++) {
    const t = lines[i].text;
    if (!t) continue;
    const lab = labelOf(t) ?? boardListAt(lines, i, to);
    if (!lab) { unlabelled.push(t); continue; }
    // "BOARD OF DIRECTORS" is a list's label only when people follow it at once
    const block = collectBlock(lines, i, to, lab.rest, lab.label === 'boardList');
    i = block.next - 1;
    unlabelled.push(block.value);
    // under a "Substitutes:" label, "Cllr F Fir (for Cllr G Gum)" needs no word "substitute" of its own
    m.substitutes.push(...substitutesIn(lab.label === 'substitutes' ? `Substitutes, ${block.value}` : block.value));
    if (lab.label === 'absent' || lab.label === 'substitutes') continue;
    const bracketed = lab.label !== 'inAttendance' ? [] : [...block.value.matchAll(/\(((?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\.?\s+[^()]{2,40})\)/g)].map((x) => cleanName(x[1]));
    const persons = bracketed.length
      // "OFFICIALS IN ATTENDANCE: Chief Executive (Mr. J. Doyle), Director of Services, Housing (Ms. M. Nolan)": the job
      // titles are outside the brackets, the people inside
      ? bracketed.filter((n) => isNameLike(n)).map((name) => ({ name, role: null }))
      : block.persons ?? splitNames(lab.label === 'inAttendance' ? block.value.split(',').map((x) => withoutLeadingRole(x.trim())).join(', ') : withoutListLabels(block.value))
        .filter((n) => isNameLike(n) && !isRole(n)).map((name) => ({ name, role: null }));
    for (const p of persons) {
      if (lab.label === 'boardList') addPerson(m.present, p.name);
      else if (lab.label === 'attendees') {
        // one list of everyone: members by their titles, the staff by theirs
        addPerson(p.role && !isMemberRole(p.role) ? m.inAttendance : m.present, p.name);
      } else addPerson(m[lab.label], p.name);
    }
  }
  return unlabelled;
}

// Numbering schemes of minute headings: "75.", "72/17", "Minute 12" (arabic); "IV." (roman, US boards);
// "Call to Order (A)", "Personnel (G-1)" (the code printed after the title, US school boards).
// "A. ADOPTIONS" … "L. ADJOURNMENT" (lettered, a Canadian city's sections whose items are numbered again under each)
// "CAB 61  DECLARATIONS OF INTEREST", "PC.45/23 Minutes": a district's minute numbers with the body's prefix
type Scheme = 'arabic' | 'roman' | 'trailing' | 'letter' | 'prefixed';
const PREFIXED_LINE = /^([A-Z]{2,5}(?:[./-]|\s{1,4})?(\d{1,4}(?:\/\d{2,4})?))\.?\s+(\S.*)$/;
const STREET = /^(?:[A-Z][\w'’-]*\s+){1,4}(?:Ave(?:nue)?|St(?:reet)?|Road|Rd|Drive|Dr|Blvd|Boulevard|Lane|Ln|Way|Court|Ct|Parkway|Pkwy|Highway|Hwy)\b\.?(?:,|\s|$)/;
const ROMAN_LINE = /^([IVXL]{1,7})\.\s+(\S.*)$/;
const LETTER_LINE = /^([A-Z])\.\s+([A-Z][A-Z0-9 ,&/'’()-]{2,80})$/;
const TRAILING_LINE = /^([A-Z][^()]{2,120}?)\s+\(([A-Z](?:-\d{1,2})?)\)$/;

function romanValue(r: string): number {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
  let n = 0;
  for (let i = 0; i < r.length; i++) {
    const a = v[r[i]];
    const b = v[r[i + 1]] ?? 0;
    n += a < b ? -a : a;
  }
  // only canonical numerals ("IV", not "IIII" or "VX")
  const back = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'];
  const tens = ['', 'X', 'XX', 'XXX', 'XL', 'L'];
  return n > 0 && n < 60 && tens[Math.floor(n / 10)] + back[n % 10] === r ? n : NaN;
}

interface Candidate { number: string; rest: string; joinedNext?: number }

/** Where the heading of a minutes-only document ends: its first attendance label or minute heading. */
export function headingEnd(lines: Line[], from: number): number {
  for (let k = from; k < Math.min(lines.length, from + 40); k++) {
    if (!lines[k].text) continue;
    if (labelOf(lines[k].text)) return k;
    for (const s of ['arabic', 'roman', 'trailing', 'prefixed'] as Scheme[]) {
      const c = candidateAtLine(lines, k, lines.length, s);
      if (!c || !follows(null, c.number, s, 5)) continue;
      // a heading is followed by the next one ("3738 Walnut Avenue" is an address, not minute 3738)
      for (let j = k + 1; j < Math.min(lines.length, k + 200); j++) {
        const n = lines[j].text ? candidateAtLine(lines, j, lines.length, s) : null;
        if (n && follows(s === 'arabic' ? minuteSeq(c.number) : c.number, n.number, s, 3)) return k;
      }
    }
  }
  return Math.min(lines.length, from + 40);
}

/**
 * The minute heading at line k: on the line itself, or, for a number printed alone on its line ("1." then
 * "[DEVELOPMENT PERMIT 17-781907](…)" — a web page's numbered list as text), the number with the line under it.
 */
function candidateAtLine(lines: Line[], k: number, end: number, scheme: Scheme): Candidate | null {
  const t = lines[k].text;
  if (scheme !== 'trailing' && scheme !== 'prefixed' && /^(?:\d{1,3}|[IVXL]{1,7}|[A-Z])\.$/.test(t)) {
    if (scheme === 'letter' ? !/^[A-Z]\.$/.test(t) : /^[A-HJ-UWYZ]\.$/.test(t)) return null;
    // numbers stacked one under another ("7." "8.") are a margin column OCR read apart from the headings, not a list
    let i = k - 1;
    while (i >= 0 && !lines[i].text) i--;
    if (i >= 0 && /^(?:\d{1,3}|[IVXL]{1,7})\.$/.test(lines[i].text)) return null;
    let j = k + 1;
    while (j < end && !lines[j].text) j++;
    // only a heading-like line: short, not a sentence
    if (j < end && lines[j].cells.length === 1 && lines[j].text.length <= 150 && !/[.;,]$/.test(lines[j].text)) {
      const joined = candidateAt({ ...lines[j], text: `${t} ${lines[j].text}` }, scheme);
      if (joined) return { ...joined, joinedNext: j };
    }
    return null;
  }
  return candidateAt(lines[k], scheme);
}

function candidateAt(line: Line, scheme: Scheme): Candidate | null {
  if (line.cells.length !== 1) return null;
  const t = line.text.includes('](') ? line.text.replace(/\[([^\]]{2,200})\]\([^)\s]*\)/g, '$1') : line.text;
  // an attendance label ("Present: …") is no heading; asked only of the few lines that read as one (this runs for
  // every line under every numbering scheme, and the labels are fifteen patterns)
  const c = schemeCandidate(t, scheme);
  return c && !labelOf(t) ? c : null;
}

function schemeCandidate(t: string, scheme: Scheme): Candidate | null {
  if (scheme === 'arabic') {
    const mm = MINUTE_LINE.exec(t);
    // "11 November 2020" is a date line, not minute 11
    const d = mm ? findDate(t) : null;
    // "18 March 2014 at 7.30pm in the Village Hall" opens with the meeting's date
    if (d && d.index === 0) return null;
    // "10545 Armstrong Ave., Suite 200 • Mather" is a street address in a letterhead, not minute 10545
    if (mm && STREET.test(mm[2])) return null;
    // "1) Gull Lake East Trail 2) Local Sustainability Grant": a list run into one line (inside a motion), not minute 1
    if (mm && /^\d+$/.test(mm[1]) && new RegExp(`\\s${Number(mm[1]) + 1}[.)]\\s+[A-Z]`).test(mm[2])) return null;
    return mm && /^[A-Z"'‘“(]/.test(mm[2]) ? { number: mm[1], rest: mm[2] } : null;
  }
  if (scheme === 'prefixed') {
    const mm = PREFIXED_LINE.exec(t);
    // the title is a heading: it starts with a capital and is no sentence
    return mm && /^[A-Z"'‘“(]/.test(mm[3]) && mm[3].length <= 160 && findDate(t)?.index !== 0 ? { number: mm[1].replace(/\s+/g, ' '), rest: mm[3] } : null;
  }
  if (scheme === 'letter') {
    const mm = LETTER_LINE.exec(t);
    return mm ? { number: mm[1], rest: mm[2] } : null;
  }
  if (scheme === 'roman') {
    const mm = ROMAN_LINE.exec(t);
    return mm && /^[A-Z"'‘“(]/.test(mm[2]) && Number.isFinite(romanValue(mm[1])) ? { number: mm[1], rest: mm[2] } : null;
  }
  const mm = TRAILING_LINE.exec(t);
  return mm && t.length <= 130 ? { number: mm[2], rest: mm[1] } : null;
}

// "(Item A3)", "(Item 5)": the agenda item a minute answers, printed under its heading
const ITEM_STAMP = /^\(\s*item\s+(?:no\.?\s*)?[A-Z]?\d{1,3}[a-z]?\s*\)$/i;

/**
 * A minute whose number jumps further than the usual gap (minutes 48–51 taken in private and printed apart: 47, then
 * 52) is still one when the jump is at most 12 and the heading is confirmed: an "(Item N)" stamp under it, or the next
 * heading continuing its number.
 */
function jumpConfirmed(lines: Line[], k: number, end: number, prev: string, c: Candidate, scheme: Scheme): boolean {
  if (scheme !== 'arabic' && scheme !== 'prefixed') return false;
  if (!follows(prev, c.number, scheme, 12) || /\.$/.test(c.rest) || c.rest.length > 100) return false;
  // the numbers skipped are printed further on ("4. MATTERS ARISING" … "11. The Clerk thanked …" … "5. CORRESPONDENCE"):
  // the jump was a numbered line inside a minute
  for (let j = k + 1; j < end; j++) {
    const n = lines[j].text ? candidateAtLine(lines, j, end, scheme) : null;
    if (n && follows(prev, n.number, scheme, 3)) return false;
  }
  for (let j = k + 1; j < Math.min(end, k + 4); j++) if (ITEM_STAMP.test(lines[j].text)) return true;
  const seq = scheme === 'arabic' ? minuteSeq(c.number) : c.number;
  for (let j = k + 1; j < Math.min(end, k + 300); j++) {
    const n = lines[j].text ? candidateAtLine(lines, j, end, scheme) : null;
    if (n && follows(seq, n.number, scheme, 2) && !/\.$/.test(n.rest)) return true;
  }
  return false;
}

/** The running part of a minute number: "72" of "72/17", "037" of "14/037" (the year first, then three digits). */
export function minuteSeq(n: string): string {
  const [a, b] = n.split('/');
  return b !== undefined && a.length === 2 && /^\d{3}$/.test(b) ? b : a;
}

function follows(prev: string | null, next: string, scheme: Scheme, maxGap: number): boolean {
  if (scheme === 'arabic') {
    // "10A. ASESIAD RISG …" added after minute 10 (an item added to the agenda at the meeting)
    const inserted = /^(\d+)[A-Za-z]$/.exec(minuteSeq(next));
    // (never the first minute: "1E – Community Room B" in a heading is a room)
    if (inserted) return prev !== null && inserted[1] === prev.replace(/[A-Za-z]$/, '');
    return followsOn(prev === null ? null : prev.replace(/^(\d+)[A-Za-z]$/, '$1'), minuteSeq(next), maxGap);
  }
  if (scheme === 'prefixed') {
    const [pa, na] = [prev === null ? null : /^([A-Z]+)/.exec(prev)?.[1], /^([A-Z]+)/.exec(next)?.[1]];
    const seq = (n: string) => minuteSeq(n.replace(/^[A-Z]+[./-]?\s*/, ''));
    if (prev === null) return true;
    return pa === na && followsOn(seq(prev), seq(next), maxGap);
  }
  if (scheme === 'letter') {
    if (prev === null) return next <= 'B';
    return next > prev && next.charCodeAt(0) - prev.charCodeAt(0) <= 3;
  }
  if (scheme === 'roman') {
    const b = romanValue(next);
    if (prev === null) return b <= 2;
    const a = romanValue(prev);
    return b > a && b - a <= maxGap;
  }
  const [bl, bs] = [next[0], Number(next.slice(2) || 0)];
  if (prev === null) return bl <= 'B';
  const [al, as] = [prev[0], Number(prev.slice(2) || 0)];
  if (bl === al) return bs > as;
  return bl > al && bl.charCodeAt(0) - al.charCodeAt(0) <= 3;
}

/** The scheme whose headings make the longest forward sequence in lines [from, to); arabic on a tie. */
function chooseScheme(lines: Line[], from: number, to: number): Scheme {
  let best: Scheme = 'arabic';
  let bestLen = 0;
  for (const scheme of ['arabic', 'roman', 'trailing', 'prefixed'] as Scheme[]) {
    let prev: string | null = null;
    let n = 0;
    for (let k = from; k < to; k++) {
      const c = candidateAtLine(lines, k, to, scheme);
      if (c && follows(prev, c.number, scheme, prev === null ? 5 : 3)) { prev = c.number; n++; }
    }
    if (n > bestLen && (scheme === 'arabic' || n >= 3)) { best = scheme; bestLen = n; }
  }
  // lettered sections in capitals, under which the numbers start again at 1: the letters are the minutes, the
  // numbers their items ("A. ADOPTIONS" / "1. Adoption of the Agenda" … "B. DELEGATIONS" / "1. …")
  let prevLetter: string | null = null;
  const letters: number[] = [];
  for (let k = from; k < to; k++) {
    const c = candidateAtLine(lines, k, to, 'letter');
    if (c && follows(prevLetter, c.number, 'letter', 3)) { prevLetter = c.number; letters.push(k); }
  }
  if (letters.length >= 4) {
    const restarts = letters.filter((k, i) => {
      for (let j = k + 1; j < (letters[i + 1] ?? to); j++) {
        const c = lines[j].text ? candidateAtLine(lines, j, to, 'arabic') : null;
        if (c) return c.number === '1';
      }
      return false;
    }).length;
    if (restarts >= 2) return 'letter';
  }
  return best;
}

/** What the heading of a minutes-only document says (body, date, time, venue), read by the caller. */
export interface MinutesHead {
  body: string | null;
  date: string | null;
  time: string | null;
  venue: string | null;
  /** first line after the heading */
  next: number;
}

export function parseMinutesAt(lines: Line[], h: number, end: number, letterhead: string | null, head?: MinutesHead): MinutesDetail {
  const { text: header, next } = head ? { text: '', next: head.next } : headerText(lines, h, end);
  const m: MinutesDetail = {
    body: head ? head.body : bodyOf(header, lines, h, letterhead), date: null, present: [], alsoPresent: [], inAttendance: [], apologies: [],
    substitutes: [], items: [], line: h, end, time: null, venue: head ? head.venue : venueOf(header), itemsDetail: [],
  };
  if (head) {
    m.date = head.date;
    m.time = head.time;
  } else {
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
  }

  const scheme = chooseScheme(lines, next, end);
  // attendance: labelled blocks before the first minute heading
  let firstMinute = end;
  for (let i = next; i < end; i++) {
    const c = lines[i].text ? candidateAtLine(lines, i, end, scheme) : null;
    if (c && follows(null, c.number, scheme, 5)) { firstMinute = i; break; }
  }
  const headerRegion = readAttendance(lines, next, firstMinute, m);
  // "Mayor Greg Rathjen Deputy Mayor Valiquette Councillor Eastman … CAO, Marc Fortais" just under the heading: the
  // attendance as a roster of offices and names (a table whose columns OCR ran together), with no label of its own
  if (!m.present.length) {
    for (const t of headerRegion.filter(Boolean).slice(0, 3)) {
      const roster = officeRoster(t);
      if (!roster) continue;
      for (const p of roster) addPerson(p.member ? m.present : m.inAttendance, p.name);
      break;
    }
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
    const c = candidateAtLine(lines, k, end, scheme);
    // the items listed one after another before the minutes ("AGENDA ITEMS / I. Public Forum / II. Consent
    // Calendar …", at most a sentence after the last), then the minutes numbered again from the start: the list was
    // a table of contents
    if (c && prev !== null && m.itemsDetail.length >= 2 && follows(null, c.number, scheme, 5) && body.length <= 3 && m.itemsDetail.slice(0, -1).every((it) => !it.text)) {
      m.itemsDetail.length = 0;
      m.items.length = 0;
      current = null;
      prev = null;
    }
    if (c && (follows(prev, c.number, scheme, prev === null ? 5 : 3) || (prev !== null && jumpConfirmed(lines, k, end, prev, c, scheme)))) {
      // a number alone on its line: the heading is the next line
      if (c.joinedNext !== undefined) k = c.joinedNext;
      const t = lines[k].text;
      let title: string;
      let rest = '';
      if (scheme === 'trailing') title = c.rest.trim();
      else {
        // a heading is short, or ends at a colon in minutes-only documents ("2709. Police Report: Attached…");
        // a colon tail that runs on to the next line is prose, not part of the title
        const nextText = k + 1 < end ? lines[k + 1].text : '';
        const runsOn = c.rest.includes(':') && t.length >= wrapWidth && nextText && !/^[(\d]/.test(nextText) && !/[.!?]$/.test(c.rest) && !MINUTE_LINE.test(nextText);
        title = (runsOn && cutAtColon(`${c.rest} ${nextText}`).length < c.rest.length ? cutAtColon(`${c.rest} ${nextText}`) : cutAtColon(c.rest))
          .replace(/\s*[-–:]+\s*$/, '').trim();
        // a wrapped heading ending on a joining word continues on the next line
        // a heading wrapped over two lines above its "(Item A3)" stamp ("47. Update on Planning" / "Enforcement Issues" / "(Item 3)")
        const stamped = ITEM_STAMP.test(lines[k + 2]?.text ?? '') && !ITEM_STAMP.test(nextText) && !/[.:;]$/.test(title);
        if (title === c.rest.trim() && (stamped || /\b(?:in|of|and|the|for|to|on|with|from|&)$|[,–-]$/.test(title)) && nextText && nextText.length <= 80 && !/^[(\d]/.test(nextText) && !MINUTE_LINE.test(nextText)) {
          title = `${title} ${cutAtColon(nextText)}`.replace(/\s*[-–:]+\s*$/, '').trim();
          k++;
        }
        rest = c.rest.slice(title.length).replace(/^\s*:-?\s*/, '');
      }
      // a sentence ("5i) The Clerk had submitted the requested information …") refers back to a minute; it is not one
      const sentence = /\.$/.test(title) && title.split(' ').length >= 8;
      if (title.length <= 250 && !/^\(\w{1,4}\)/.test(title) && !sentence) {
        close();
        current = { number: c.number, title, line: k, text: '', resolutions: [] };
        if (rest) body.push(rest);
        m.itemsDetail.push(current);
        m.items.push({ number: c.number, title });
        prev = scheme === 'arabic' ? minuteSeq(c.number) : c.number;
        continue;
      }
    }
    if (current) body.push(t);
  }
  close();

  // the place, told where the meeting was called to order ("… called to order … at 5:30 p.m., in the Winn Center …")
  if (!m.venue && m.itemsDetail.length) {
    const opening = [headerRegion.join(' '), m.itemsDetail[0].text].join(' ').replace(/\s+/g, ' ').replace(/\b([ap])\.m\./gi, '$1m');
    const called = /\bcalled to order\b(.{0,200})/i.exec(opening);
    const place = called ? /\b(?:in|at)\s+(?:the\s+)?([A-Z][^.;]{3,160}?)(?:\.(?=\s|$)|;|$)/.exec(called[1]) : null;
    if (place && !/\b(?:zoom|teams|teleconference|online|remotely|virtual)\b/i.test(place[1])) m.venue = place[1].trim();
  }

  // attendance recorded in the first minutes ("1. Call to Order" then "Present:", or "Board members present were …")
  if (!m.present.length && m.itemsDetail.length) {
    const stop = m.itemsDetail[2]?.line ?? end;
    readAttendance(lines, m.itemsDetail[0].line + 1, stop, m);
  }
  if (!m.present.length) {
    const early = [headerRegion.join(' '), ...m.itemsDetail.slice(0, 2).map((it) => it.text)].join('\n');
    const prose = proseAttendance(early);
    for (const n of prose.present) addPerson(m.present, n);
    if (m.present.length) {
      for (const n of prose.alsoPresent) addPerson(m.alsoPresent, n);
      for (const n of prose.inAttendance) addPerson(m.inAttendance, n);
    }
  }

  // apologies and substitutes recorded as minutes ("226. Apologies and Substitutes")
  for (const it of m.itemsDetail) {
    if (!/apolog|substitut|attendance|ymddiheuriadau/i.test(it.title)) continue;
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
