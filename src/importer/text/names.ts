// People's names as packs print them: "Mr A J King, MBE (Chairman)", "Cllrs Hayward, Hillard",
// "County Cllr Webb", "Mrs Dean (Mr Vye substituted)".

export const TITLE_WORDS = ['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Cllr', 'Cllrs', 'Councillor', 'Councillors', 'Sir', 'Dame', 'Prof', 'Professor',
  'Rev', 'Revd', 'Reverend', 'Lord', 'Lady', 'Canon', 'Father', 'Alderman', 'Cynghorydd', 'Cynghorwyr', 'Cyng'];
const TITLE_ALT = TITLE_WORDS.join('|');
export const TITLE_START = new RegExp(`^(?:(?:County|District|Borough|Town|Parish|City|Deputy|The)\\s+)?(?:${TITLE_ALT})\\.?(?=\\s|$)`, 'i');
const HONOURS = /^(?:MBE|OBE|CBE|KBE|DBE|TD|JP|DL|QC|KC|BEM|FRS|MP|MEP|MA|BA|BSc|MSc|PhD|FCA|CEng)$/;
const HONOURS_TAIL = /(?:,?\s+(?:MBE|OBE|CBE|KBE|DBE|TD|JP|DL|QC|KC|BEM|FRS|MP|MSP|MLA|MEP))+\.?$/;
// the last word of a job title ("Meetings Secretary", "District Engineer"), and words that name a department or a
// service rather than a person ("Economic Development", "Corporate Services"); only untitled names are tested
const JOB_TITLE_LAST = /^(?:secretary|officer|engineer|manager|director|administrator|executive|planner|clerk|accountant|solicitor|advis[eo]r|coordinator|co-ordinator|assistant|superintendent|inspector|surveyor|librarian|archivist|treasurer|auditor|technician|analyst|consultant|controller|registrar|representatives?|governors?|members|co-optees?|councillors)$/i;
const DEPARTMENT = /^(?:development|regeneration|governance|corporate|democratic|economic|environment(?:al)?|housing|planning|finance|transport(?:ation)?|infrastructure|highways|resources|operations|strategy|policy|communities|community|leisure|tourism|education|children's|adults|property|estates|assets|procurement|commissioning|performance|compliance|enforcement|licensing|waste|safeguarding|co-opted|diocese|diocesan|association|society|federation|union|alliance|foundation|institute|limited|ltd|plc)$/i;
// a label of a category of members, with no one's name in it: "Co-opted Members", "Church Representatives"
const CATEGORY_ONLY = /^(?:(?:co-opted|coopted|voting|non-voting|church|diocesan|parent|governor|independent|lay|added|elected|youth|tenant|statutory|other|external|county|district|borough|city|town|parish)\s+)*(?:members?|representatives?|governors?|co-optees?|persons?|councillors)$/i;
const OFFICER_WORDS = /^(?:the\s+)?(?:clerk|chairman|chair|vice-chair(?:man)?|officers?|press|public|members? of the public|minute taker|secretary)$/i;

/** Removes bracketed asides, even nested or unclosed ones, replacing each with a list separator. */
export function removeBrackets(s: string): string {
  let out = '';
  let depth = 0;
  for (const ch of s) {
    if (ch === '(' || ch === '[') {
      if (depth === 0) out += ', ';
      depth++;
    } else if ((ch === ')' || ch === ']') && depth > 0) {
      depth--;
    } else if (depth === 0) out += ch;
  }
  return out;
}

/** "Clir"/"Clirs": how OCR reads "Cllr"/"Cllrs" (ll as li). */
export function ocrTitles(s: string): string {
  return s.replace(/\bClir(s?)\b/g, 'Cllr$1');
}

/** A name as printed without honours, trailing punctuation or role notes. */
export function cleanName(s: string): string {
  let t = ocrTitles(s.replace(/\s+/g, ' ').trim());
  t = t.replace(/^(?:and|&)\s+/i, '');
  t = t.replace(/[.;:,]+$/, '').trim();
  t = t.replace(HONOURS_TAIL, '').trim();
  t = t.replace(/[.;:,]+$/, '').trim();
  return t;
}

/** Whether `s` plausibly names a person (not a job title or sentence). */
export function isNameLike(s: string): boolean {
  const t = s.trim();
  if (!t || t.length > 60) return false;
  if (OFFICER_WORDS.test(t)) return false;
  const words = t.split(' ');
  if (words.length > 7) return false;
  const councillor = /^(?:County|District|Borough|Town|Parish|City)\s+(?:Cllr|Councillor)\b/i.test(t);
  if (!councillor && /\b(?:services|department|team|unit|office|council|committee|officer|manager|director|directorate|section|group|board|panel|district|authority|agency|agenda|items|minutes|business|session)\b/i.test(t)) return false;
  // "Vacancy" is a seat with nobody in it; "Co-opted Members", "Parent Governor Representatives" label a category
  if (/^vacanc(?:y|ies)$/i.test(t) || CATEGORY_ONLY.test(t)) return false;
  if (TITLE_START.test(t)) {
    // "Cllr Cathaoirleach", "Councillor Chairman": a title carried onto an office printed after a name
    const rest = t.replace(TITLE_START, '').trim();
    if (/^(?:an\s+)?(?:cathaoirleach|leas-chathaoirleach|chair(?:man|woman|person)?|vice[- ]chair(?:man|woman|person)?|(?:deputy\s+|lord\s+)?mayor|(?:deputy\s+)?leader|presiding)$/i.test(rest)) return false;
    return words.length >= 2 && !/^(?:(?:County|District|Borough|Town|Parish|City)\s+)?(?:Councillors|Cllrs|Cynghorwyr)$/i.test(t);
  }
  // "Meetings Secretary", "Economic Development", "Deputy Chief Executive": an office or a department, not a person
  if (words.length >= 2 && (JOB_TITLE_LAST.test(words[words.length - 1]) || words.some((w) => DEPARTMENT.test(w)))) return false;
  // untitled: "Malcolm Newsam", "Jennifer Maiden-Brooks" — 1-4 capitalised words
  if (words.length > 4) return false;
  return words.every((w) => /^[A-Z][A-Za-z'’.-]*$/.test(w) || /^(?:de|van|von|da|le|la|du|di|O')$/i.test(w));
}

/**
 * Splits a printed list of people into names: commas, "and", "&" and semicolons separate; bracketed
 * asides are dropped; honours after a comma stay with their name; "Cllrs A, B" gives "Cllr A", "Cllr B".
 */
export function splitNames(list: string): string[] {
  // Welsh lists: "Cynghorwyr Alun Davies, Kim Davies … a’r Cynghorydd Sir Joseph Davies" ("a", "a'r": and, and the)
  const welsh = /\bCyng(?:horwyr|horydd)?\b/.test(list) ? list.replace(/\s+a(?:[’']r)?\s+(?=[A-Z])/g, ', ') : list;
  const flat = removeBrackets(ocrTitles(welsh))
    .replace(/\s+(?:and|&)\s+/gi, ', ')
    .replace(/;/g, ',')
    // a new title starts a new name even without a comma: "Mr A Wood Mrs L O'Reily"
    .replace(new RegExp(`(^|\\s)([A-Za-z'’.-]+)\\s+(?=(?:${TITLE_ALT})\\.?\\s+[A-Z])`, 'g'), (m, sp: string, prev: string) =>
      /^(?:county|district|borough|town|parish|city|deputy|the|and)$/i.test(prev) || new RegExp(`^(?:${TITLE_ALT})$`, 'i').test(prev) ? m : `${sp}${prev}, `);
  const parts = flat.split(',').map((p) => p.trim()).filter(Boolean);
  const names: string[] = [];
  let plural: string | null = null; // "Cllrs" carried over to bare surnames that follow
  let fromSingular = false; // the title carried over was printed for one person ("Cllr"), not for a list ("Cllrs")
  for (const part of parts) {
    if (HONOURS.test(part.replace(/\.$/, '')) || /^(?:MBE|OBE|CBE|TD|JP|DL)(?:\s+(?:MBE|OBE|CBE|TD|JP|DL))*$/.test(part)) continue;
    let name = cleanName(part);
    const pl = /^((?:County\s+)?)(Cllrs|Councillors|Cynghorwyr)\.?\s+(.+)$/i.exec(name);
    if (pl) {
      plural = pl[2].toLowerCase().startsWith('cllr') ? 'Cllr' : /^cyng/i.test(pl[2]) ? 'Cynghorydd' : 'Councillor';
      fromSingular = false;
      name = `${pl[1]}${plural} ${pl[3]}`;
    } else if (plural && /^[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’.-]*){0,3}$/.test(name) && !TITLE_START.test(name)
      && (!fromSingular || /^(?:[A-Z]\.?\s+)*[A-Z][A-Za-z'’-]+$/.test(name))) {
      // "Councillors Alun Davies, Jill Davies", "Cynghorwyr Alun Davies, Kim Davies": every name is a councillor's.
      // After a singular "Cllr A Smith" only bare surnames and initialled names follow as councillors ("Cllr N
      // Hackett, A Caudwell"); a full name ("Cllr Hutchison, Cllr Stephen Dornan, Fraser Grant-Rae") is someone's
      // the list gives no title to.
      name = `${plural} ${name}`;
    } else if (plural && !fromSingular && /^(?:Mrs|Ms|Miss|Mr|Dr)\.?\s+[A-Z][A-Za-z'’-]+$/.test(name)) {
      // "Cllrs Howells, Mrs Kay and Ms McDonagh": all three are councillors
      name = `${plural} ${name}`;
    } else if (TITLE_START.test(name)) {
      const t = /^(?:County\s+)?(Cllr|Councillor)\b/i.exec(name);
      if (t) plural = t[1].toLowerCase() === 'cllr' ? 'Cllr' : 'Councillor';
      else plural = null;
      fromSingular = true;
    }
    if (isNameLike(name)) names.push(name);
  }
  return names;
}

/** Title, initials and surname of a printed name, lower case; missing parts are null. */
function nameParts(s: string): { title: string | null; initials: string | null; given: string | null; surname: string } {
  const words = cleanName(s).replace(/\./g, ' ').split(' ').filter(Boolean);
  let title: string | null = null;
  if (words.length > 1 && /^(?:county|district|borough|town|parish|city)$/i.test(words[0])) words.shift();
  if (words.length > 1 && TITLE_START.test(words[0])) title = words.shift()!.toLowerCase().replace(/^councillor$/, 'cllr');
  const surname = (words.pop() ?? '').toLowerCase();
  const initials = words.length ? words.map((w) => w[0].toLowerCase()).join('') : null;
  // a first name written out ("Alun", not "A")
  const given = words.length && words[0].length > 1 ? words[0].toLowerCase() : null;
  return { title, initials, given, surname };
}

/** Whether two printed names can be the same person: "Mr Bellamy" and "Mr K Bellamy" can, "Mrs Bellamy" cannot. */
export function samePerson(a: string, b: string): boolean {
  const x = nameParts(a);
  const y = nameParts(b);
  if (!x.surname || x.surname !== y.surname) return false;
  if (x.title && y.title && x.title !== y.title) return false;
  // "Alun Davies" and "Arwel Davies" share an initial but are two people
  if (x.given && y.given && x.given !== y.given) return false;
  return !x.initials || !y.initials || x.initials === y.initials;
}

/** Adds a name to a list unless the list already has that person (first form printed wins). */
export function addPerson(list: string[], name: string): void {
  if (!list.some((n) => samePerson(n, name))) list.push(name);
}
