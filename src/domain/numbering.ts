// Numbers the council prints: Record of Decision numbers, minute numbers and agenda item codes
// (primer §3, §8, §9). Parsers accept what legacy packs print; formatters print one canonical form.

/** Thrown for a number that cannot be read; the message quotes the input. */
export class NumberingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NumberingError';
  }
}

// ---------------------------------------------------------------- Record of Decision numbers

export interface DecisionNumber {
  year: number;
  seq: number;
}

/** Two-digit years from this value up are 19YY, below it 20YY ("98/00012" is 1998, "11/01769" is 2011). */
export const DECISION_CENTURY_PIVOT = 70;
const DECISION_SEQ_DIGITS = 5;
const MAX_DECISION_SEQ = 10 ** DECISION_SEQ_DIGITS - 1;

function fullYear(twoDigits: number): number {
  return twoDigits >= DECISION_CENTURY_PIVOT ? 1900 + twoDigits : 2000 + twoDigits;
}

/** "YY/NNNNN", e.g. formatDecisionNumber(2011, 1769) → "11/01769". */
export function formatDecisionNumber(year: number, seq: number): string {
  const first = 1900 + DECISION_CENTURY_PIVOT;
  if (!Number.isInteger(year) || year < first || year > first + 99) {
    throw new NumberingError(`decision year must be a whole year from ${first} to ${first + 99}, got ${year}`);
  }
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_DECISION_SEQ) {
    throw new NumberingError(`decision sequence must be a whole number from 1 to ${MAX_DECISION_SEQ}, got ${seq}`);
  }
  return `${String(year % 100).padStart(2, '0')}/${String(seq).padStart(DECISION_SEQ_DIGITS, '0')}`;
}

const DECISION_RE = /^(?:(?:record\s+of\s+)?decision\s*(?:no\.?|number)?\s*:?\s*)?(\d{2}|\d{4})\s*[/\\]\s*(\d{1,5})$/i;

/** Reads "11/01769", "11/1769", " 11 / 01769 ", "2011/01769" or "Decision No: 11/01769"; null if unreadable. */
export function tryParseDecisionNumber(s: string): DecisionNumber | null {
  const m = DECISION_RE.exec(s.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const seq = Number(m[2]);
  if (seq < 1) return null;
  return { year: m[1].length === 2 ? fullYear(y) : y, seq };
}

export function parseDecisionNumber(s: string): DecisionNumber {
  const n = tryParseDecisionNumber(s);
  if (!n) {
    throw new NumberingError(
      `${JSON.stringify(s)} is not a Record of Decision number; expected YY/NNNNN such as "11/01769"`,
    );
  }
  return n;
}

/** The number after `lastSeq` (null when none has been issued yet), in `year`. */
export function nextDecisionNumber(year: number, lastSeq: number | null): string {
  if (lastSeq !== null && (!Number.isInteger(lastSeq) || lastSeq < 0)) {
    throw new NumberingError(`last decision sequence must be a non-negative whole number, got ${lastSeq}`);
  }
  return formatDecisionNumber(year, (lastSeq ?? 0) + 1);
}

export function compareDecisionNumbers(a: DecisionNumber, b: DecisionNumber): number {
  return a.year - b.year || a.seq - b.seq;
}

// ---------------------------------------------------------------- minute numbers

export interface MinuteNumber {
  /** As printed, trimmed of labels and punctuation: "75", "2712", "72/17". */
  text: string;
  /** The running number: 75 in "75", 72 in "72/17". */
  sequence: number;
  /** The year a "72/17" style number belongs to, or null. */
  year: number | null;
  /** Trailing letter of a sub-minute ("75a"), lower case, or "". */
  suffix: string;
  /** Sorts by year, then number, then suffix with plain string comparison. */
  key: string;
}

const MINUTE_RE = /^(?:minute\s*(?:no\.?)?\s*)?\(?\s*(\d{1,6})\s*(?:[/\\]\s*(\d{2}|\d{4}))?\s*\(?([a-z])?\)?\s*\)?\s*[.:]?$/i;

export function tryParseMinuteNumber(s: string): MinuteNumber | null {
  const m = MINUTE_RE.exec(s.trim());
  if (!m) return null;
  const sequence = Number(m[1]);
  // "72/17": councils that restart numbering each municipal year print the year after a slash.
  const year = m[2] === undefined ? null : m[2].length === 2 ? fullYear(Number(m[2])) : Number(m[2]);
  const suffix = (m[3] ?? '').toLowerCase();
  const text = `${m[1]}${m[2] === undefined ? '' : `/${m[2]}`}${suffix}`;
  const key = `${String(year ?? 0).padStart(4, '0')}:${String(sequence).padStart(6, '0')}${suffix}`;
  return { text, sequence, year, suffix, key };
}

export function parseMinuteNumber(s: string): MinuteNumber {
  const n = tryParseMinuteNumber(s);
  if (!n) throw new NumberingError(`${JSON.stringify(s)} is not a minute number such as "75", "2712" or "72/17"`);
  return n;
}

export function compareMinuteNumbers(a: string, b: string): number {
  const ka = parseMinuteNumber(a).key;
  const kb = parseMinuteNumber(b).key;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * The next `count` minute numbers of a body. Numbers continue from meeting to meeting, so pass the
 * last number the body used (null or 0 for a new body).
 */
export function nextMinuteNumbers(lastNumberOfBody: number | null, count: number): number[] {
  const last = lastNumberOfBody ?? 0;
  if (!Number.isInteger(last) || last < 0) {
    throw new NumberingError(`last minute number must be a non-negative whole number, got ${lastNumberOfBody}`);
  }
  if (!Number.isInteger(count) || count < 0) {
    throw new NumberingError(`number of minutes must be a non-negative whole number, got ${count}`);
  }
  return Array.from({ length: count }, (_, i) => last + 1 + i);
}

// ---------------------------------------------------------------- agenda item codes

/** Numbered items "1…n", or lettered sections "A1, A2, B1…". Same values as AgendaStyle in types.ts. */
export type ItemCodeStyle = 'numbered' | 'lettered';

export interface ItemSectionSpec {
  /** Section letter for the lettered style; defaults to the letter after the previous section's. */
  letter?: string;
  itemCount: number;
}

export interface ItemCode {
  /** Canonical form: "A1", "12", "B2a". */
  text: string;
  /** Section letter (upper case) or null for numbered items. */
  section: string | null;
  number: number;
  /** Trailing sub-item letter, lower case, or "". */
  suffix: string;
}

/**
 * Codes for every item, one array per section. Numbered style numbers straight through all sections;
 * lettered style restarts at 1 in each section. An empty section keeps its letter.
 */
export function allocateItemCodes(style: ItemCodeStyle, sections: ItemSectionSpec[]): string[][] {
  if (style !== 'numbered' && style !== 'lettered') {
    throw new NumberingError(`agenda style must be "numbered" or "lettered", got ${JSON.stringify(style)}`);
  }
  let next = 1;
  let previousLetter = '';
  return sections.map((section, i) => {
    const where = `section ${i + 1}`;
    if (!Number.isInteger(section.itemCount) || section.itemCount < 0) {
      throw new NumberingError(`${where}: item count must be a non-negative whole number, got ${section.itemCount}`);
    }
    if (style === 'numbered') {
      if (section.letter !== undefined) {
        throw new NumberingError(`${where}: has letter "${section.letter}" but numbered agendas have no section letters`);
      }
      const codes = Array.from({ length: section.itemCount }, (_, k) => String(next + k));
      next += section.itemCount;
      return codes;
    }
    const letter = section.letter === undefined ? nextLetter(previousLetter, where) : section.letter.trim().toUpperCase();
    if (!/^[A-Z]$/.test(letter)) {
      throw new NumberingError(`${where}: section letter must be a single letter A–Z, got ${JSON.stringify(section.letter)}`);
    }
    if (letter <= previousLetter) {
      throw new NumberingError(`${where}: section letter ${letter} must come after ${previousLetter}`);
    }
    previousLetter = letter;
    return Array.from({ length: section.itemCount }, (_, k) => `${letter}${k + 1}`);
  });
}

function nextLetter(previous: string, where: string): string {
  if (previous === '') return 'A';
  if (previous === 'Z') throw new NumberingError(`${where}: no section letter after Z`);
  return String.fromCharCode(previous.charCodeAt(0) + 1);
}

const ITEM_RE = /^(?:(?:agenda\s+)?item\s*(?:no\.?)?\s*)?([a-z])?\s*(\d{1,4})\s*\(?([a-z])?\)?\s*[.:)]?$/i;

/** Reads "A1", "a1.", "Item B2", "12", "3(a)"; null if unreadable. */
export function tryParseItemCode(s: string): ItemCode | null {
  const m = ITEM_RE.exec(s.trim());
  if (!m) return null;
  const section = m[1] ? m[1].toUpperCase() : null;
  const number = Number(m[2]);
  const suffix = (m[3] ?? '').toLowerCase();
  return { text: `${section ?? ''}${number}${suffix}`, section, number, suffix };
}

export function parseItemCode(s: string): ItemCode {
  const c = tryParseItemCode(s);
  if (!c) throw new NumberingError(`${JSON.stringify(s)} is not an agenda item code such as "3", "A1" or "B12"`);
  return c;
}

/** Natural order: 2 < 10, A2 < A10 < B1; numbered codes before lettered; unreadable codes last, by text. */
export function compareItemCodes(a: string, b: string): number {
  const ca = tryParseItemCode(a);
  const cb = tryParseItemCode(b);
  if (!ca || !cb) {
    if (ca) return -1;
    if (cb) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const sa = ca.section ?? '';
  const sb = cb.section ?? '';
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (ca.number !== cb.number) return ca.number - cb.number;
  return ca.suffix < cb.suffix ? -1 : ca.suffix > cb.suffix ? 1 : 0;
}
