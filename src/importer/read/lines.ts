// Rebuilds lines of text from positioned text runs (what a PDF's text layer gives): runs whose
// baselines are close form one line, read left to right; word spaces come from the gaps between runs,
// and a gap as wide as a tab stop becomes a tab, which the parser reads as a table cell break.

export interface TextRun {
  str: string;
  /** left edge and baseline, in PDF units (y grows upwards) */
  x: number;
  y: number;
  /** advance width of the whole run */
  width: number;
  /** font size (the run's height) */
  size: number;
}

export interface PageLine {
  text: string;
  /** baseline of the line's main (largest) text, PDF units, y up */
  y: number;
  /** left and right edges of the line */
  x: number;
  right: number;
  /** largest font size on the line */
  size: number;
}

/** Below this fraction of the font size a gap is kerning, above it a word space. */
const SPACE_GAP = 0.15;
/** From this many font sizes a gap separates columns (a tab stop or table cell). */
const TAB_GAP = 1.5;
/** Baselines further apart than this many font sizes mean a paragraph gap: one empty line. */
const PARAGRAPH_GAP = 1.8;

interface Placed extends TextRun {
  end: number;
}

function usable(run: TextRun): boolean {
  if (run.str === '') return false;
  // Zero-width glyphs are invisible marks (Pages puts a "!" field marker before page numbers).
  if (run.width === 0 && run.str.trim().length <= 1) return false;
  return true;
}

/** Groups runs into lines by baseline, top of the page first; a superscript joins its line. */
function groupByBaseline(runs: Placed[]): Placed[][] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; size: number; runs: Placed[] }[] = [];
  for (const run of sorted) {
    const cur = lines[lines.length - 1];
    if (cur && Math.abs(cur.y - run.y) <= 0.45 * Math.max(1, cur.size, run.size)) {
      cur.runs.push(run);
      if (run.size > cur.size) {
        cur.size = run.size;
        cur.y = run.y;
      }
    } else {
      lines.push({ y: run.y, size: run.size, runs: [run] });
    }
  }
  return lines.map((l) => l.runs);
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0xa0;

function joinRuns(runs: Placed[]): string {
  // Whitespace runs are dropped: pdfjs stretches them over column gaps, and the gap itself is what
  // says whether a space or a tab goes there.
  const ordered = runs.filter((r) => r.str.trim() !== '').sort((a, b) => a.x - b.x);
  let text = '';
  let prev: Placed | undefined;
  for (const run of ordered) {
    if (prev) {
      // The same string drawn again at almost the same place is fake bold or a shadow.
      if (run.str === prev.str && Math.abs(run.x - prev.x) < 0.3 * run.size) continue;
      const gap = run.x - prev.end;
      const size = Math.max(1, Math.min(prev.size, run.size));
      if (gap >= TAB_GAP * size) text = text.trimEnd() + '\t';
      else if (gap > SPACE_GAP * size && !isSpace(text.charCodeAt(text.length - 1)) && !isSpace(run.str.charCodeAt(0))) text += ' ';
    }
    text += run.str;
    if (!prev || run.end > prev.end) prev = run;
  }
  return text
    .replace(/[ \u00a0]+\t/g, '\t')
    .replace(/\t[ \u00a0]+/g, '\t')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Lines of one page, top to bottom; an empty string stands for a paragraph gap. */
export function buildLines(input: TextRun[]): PageLine[] {
  const runs: Placed[] = [];
  for (const r of input) if (usable(r)) runs.push({ str: r.str, x: r.x, y: r.y, width: r.width, size: r.size, end: r.x + r.width });
  const out: PageLine[] = [];
  let lastY: number | undefined;
  let lastSize = 0;
  for (const group of groupByBaseline(runs)) {
    const text = joinRuns(group);
    if (text === '') continue;
    const main = group.reduce((a, b) => (b.size > a.size ? b : a));
    if (lastY !== undefined && lastY - main.y > PARAGRAPH_GAP * Math.max(lastSize, main.size)) {
      out.push({ text: '', y: (lastY + main.y) / 2, x: 0, right: 0, size: 0 });
    }
    out.push({ text, y: main.y, x: Math.min(...group.map((r) => r.x)), right: Math.max(...group.map((r) => r.end)), size: main.size });
    lastY = main.y;
    lastSize = main.size;
  }
  return out;
}
