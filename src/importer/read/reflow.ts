// Joins the lines of a paragraph that the PDF wrapped at the right margin, so that a minute heading or
// an agenda title running onto a second line reads as one line, as in the text exports the parser is
// tuned on. A line is taken to continue when the next line's first word would not have fitted after
// it; short lines, list items, table rows (tabs) and paragraph gaps keep their breaks.

export interface GeomLine {
  text: string;
  x?: number;
  right?: number;
  size?: number;
}

/** Generous advance of one character, as a fraction of the font size: erring wide only joins lines that were near full anyway. */
const CHAR_WIDTH = 0.55;
/** A new list entry or numbered item starts its own line even straight after a full one. */
const STARTS_ITEM = /^(?:[•▪●◦·*–-]\s|\(?[0-9]{1,4}[.)]\s|\(?[a-z]{1,2}\)\s|\(?[ivx]{1,5}\)\s|[A-Z]\d{0,2}[.)]\s)/;

function joinable(line: GeomLine, next: GeomLine, rightMargin: number, left: number): boolean {
  if (!line.text.trim() || !next.text.trim()) return false;
  if (line.text.includes('\t') || next.text.includes('\t')) return false;
  if (line.x === undefined || line.right === undefined || !line.size || next.x === undefined || !next.size) return false;
  if (Math.abs(line.size - next.size) > 0.1 * line.size) return false;
  // a continuation starts at the paragraph's left edge, or under a hanging indent
  if (next.x < left - 2 || next.x > line.x + 4 * line.size) return false;
  // nor far to the left of a short line set off to the right (a stamp or right-aligned heading)
  if (next.x < line.x - 4 * line.size) return false;
  if (STARTS_ITEM.test(next.text)) return false;
  const firstWord = /\S+/.exec(next.text)?.[0] ?? '';
  const wouldEnd = line.right + line.size * CHAR_WIDTH * (firstWord.length + 1);
  return wouldEnd > rightMargin;
}

/**
 * Lines of one page with wrapped paragraphs joined; expects '' between paragraphs. `pageWidth` lets a
 * page of short lines keep them: its margin is taken as mirroring the left one.
 */
export function reflow(lines: GeomLine[], pageWidth?: number): string[] {
  const filled = lines.filter((l) => l.text.trim() && l.right !== undefined && l.x !== undefined);
  if (filled.length < 2) return lines.map((l) => l.text);
  const left = Math.min(...filled.map((l) => l.x!));
  // The text block's right margin: the furthest any line reaches, or the left margin mirrored.
  const rightMargin = Math.max(...filled.map((l) => l.right!), pageWidth ? pageWidth - left : 0);
  const out: string[] = [];
  // the pieces of the last output line while lines are joined onto it, joined once it is complete (rewriting the
  // whole paragraph at each of its lines made a long paragraph cost the square of its length)
  let pieces: string[] | null = null;
  const complete = () => {
    if (pieces) out[out.length - 1] = pieces.join('');
    pieces = null;
  };
  let prev: GeomLine | undefined;
  for (const line of lines) {
    if (prev && joinable(prev, line, rightMargin, left)) {
      pieces ??= [out[out.length - 1]];
      // a soft hyphen at the break: the word continues on the next line
      const last = pieces[pieces.length - 1];
      if (last.endsWith('\u00ad')) pieces[pieces.length - 1] = last.slice(0, -1);
      pieces.push(prev.text.endsWith('\u00ad') ? '' : ' ', line.text.trim());
      // the joined line keeps the last physical line's geometry for the next test
      prev = { ...line, x: prev.x };
      continue;
    }
    complete();
    out.push(line.text);
    prev = line;
  }
  complete();
  return out;
}
