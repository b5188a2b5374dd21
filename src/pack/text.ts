// Wording and formatting shared by the front sheet, the papers and the stamps.
import { itemExempt } from '../domain/visibility.js';
import type { AgendaItem, AgendaSection, IsoDate, Paper } from './model.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** Parses 'YYYY-MM-DD' strictly; the pack never guesses a date. */
export function parseIsoDate(iso: IsoDate, field = 'date'): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`${field} "${iso}" is not an ISO date (YYYY-MM-DD)`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new RangeError(`${field} "${iso}" is not a real calendar date`);
  }
  return d;
}

/** "Thursday, 29 December 2011" */
export function longDate(iso: IsoDate): string {
  const d = parseIsoDate(iso);
  return `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "29 December 2011" */
export function shortDate(iso: IsoDate): string {
  const d = parseIsoDate(iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** '10:00' → '10.00 am', '14:30' → '2.30 pm', '12:00' → '12 noon'. Free text passes through. */
export function meetingTime(hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return hhmm;
  const h = Number(m[1]);
  const min = m[2];
  if (h === 12 && min === '00') return '12 noon';
  const suffix = h < 12 ? 'am' : 'pm';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}.${min} ${suffix}`;
}

/** "(Pages 15 - 28)" or "(Page 5)". */
export function pageRange(start: number, end: number): string {
  return start === end ? `(Page ${start})` : `(Pages ${start} - ${end})`;
}

/** [3] → "paragraph 3"; [1, 3] → "paragraphs 1 and 3"; [1,2,3] → "paragraphs 1, 2 and 3". */
export function paragraphsPhrase(paragraphs: readonly number[]): string {
  const ps = [...new Set(paragraphs)].sort((a, b) => a - b);
  if (ps.length === 1) return `paragraph ${ps[0]}`;
  return `paragraphs ${ps.slice(0, -1).join(', ')} and ${ps[ps.length - 1]}`;
}

/** "3" / "1, 3" — for the traditional "paragraph(s) N" wording. */
export function paragraphsList(paragraphs: readonly number[]): string {
  return [...new Set(paragraphs)].sort((a, b) => a - b).join(', ');
}

export function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function restrictedWording(paragraphs: readonly number[]): string {
  return `By virtue of paragraph(s) ${paragraphsList(paragraphs)} of Part 1 of Schedule 12A of the Local Government Act 1972.`;
}

export function exclusionMotion(paragraphs: readonly number[]): string {
  return (
    'That under Section 100A of the Local Government Act 1972 the public be excluded from the meeting for the ' +
    'following business on the grounds that it involves the likely disclosure of exempt information as defined in ' +
    `${paragraphsPhrase(paragraphs)} of Part 1 of Schedule 12A of the Act.`
  );
}

/** An item is withheld from the public if it or its section is exempt, or it carries exempt paragraphs. */
export function isExemptItem(item: AgendaItem, section: AgendaSection): boolean {
  return itemExempt({ exempt: !!item.exempt || (item.exemptParagraphs?.length ?? 0) > 0 }, section);
}

/** A paper exempt in its own right (an exempt appendix on an unrestricted item), with its paragraphs; else null. */
export function paperOwnExemption(paper: Paper): number[] | null {
  if (paper.kind === 'pdf') return paper.exempt || paper.exemptParagraphs?.length ? paper.exemptParagraphs ?? [] : null;
  if (paper.kind === 'report' || paper.kind === 'decision') return paper.exemptParagraphs?.length ? paper.exemptParagraphs : null;
  return null;
}

export function sectionHeading(section: AgendaSection): string | undefined {
  if (section.letter && section.title) return `${section.letter} - ${section.title}`;
  return section.title ?? section.letter;
}

// Helvetica in pdfkit and pdf-lib is limited to WinAnsi. Characters outside it are folded to
// their base letter (ŵ → w) or a plain equivalent, so no text is silently lost or throws.
const WIN_ANSI_EXTRA = new Set(
  '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'.split(''),
);
const FOLD: Record<string, string> = { '\u2212': '-', '\u2010': '-', '\u2011': '-', '\u2192': '->', '\u2264': '<=', '\u2265': '>=', '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ' };

export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\n' || ch === '\t' || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) {
      out += FOLD[ch] ?? ch;
      continue;
    }
    if (FOLD[ch]) {
      out += FOLD[ch];
      continue;
    }
    const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    out += [...base].every((c) => (c.codePointAt(0) ?? 0) < 0x100) && base ? base : '?';
  }
  return out;
}
