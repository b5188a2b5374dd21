// Page furniture: what is printed on every page but is not part of the pack's content — running
// headers and footers ("Example County Council" on each page), printed page numbers ("Page 17",
// "- 17 -", a bare "17" at the foot) — and pages that are blank or say they are. Page numbers are kept
// aside so the parser can still map an agenda's "(Pages 15 - 26)" to the source's pages.

export interface FurnitureLine {
  text: string;
  /** distance of the baseline from the top edge, in PDF units; unknown for plain text */
  top?: number;
}

export interface FurniturePage<L extends FurnitureLine = FurnitureLine> {
  /** lines top to bottom; '' marks a paragraph gap */
  lines: L[];
  /** page size, in the same units as `top` (PDF only) */
  height?: number;
  width?: number;
}

export interface CleanPage {
  text: string;
  /** printed page number found on the page, null when none */
  printed: number | null;
  /** 'empty': nothing but furniture; 'marker': says it is intentionally blank */
  blank: 'empty' | 'marker' | null;
}

/** How many lines at the top and at the bottom of a page can be furniture. */
const EDGE_LINES = 3;
/** Page numbers printed alone must sit in the outer band of the page (fraction of its height). */
const NUMBER_BAND = 0.15;
/** Running headers repeat at the same place on the page, give or take this many units. */
const SAME_PLACE = 3;

const PAGE_ONLY = [
  /^page\s+(\d{1,4})(?:\s+of\s+\d{1,4})?\.?$/i,
  /^[-–—]\s*(?:page\s+)?(\d{1,4})\s*[-–—]$/i,
  /^(\d{1,4})\s*(?:of|\/)\s*\d{1,4}$/i,
  /^!\s?(\d{1,4})$/, // Apple Pages' page-number field as pdftotext renders it
];
const BARE_NUMBER = /^(\d{1,4})$/;
/** "Page N" set apart by a tab stop in a footer such as "Cabinet, 9 January 2012 <tab> Page 5". */
const PAGE_CELL = /(?:\t|\s{2,})page\s+(\d{1,4})(?:\s+of\s+\d{1,4})?\s*$|^page\s+(\d{1,4})(?:\s+of\s+\d{1,4})?(?=\t|\s{2,})/i;
/** "Page N" anywhere in a line already known to be a running header or footer. */
const PAGE_WORD = /\bpage\s+(\d{1,4})\b/i;
const BLANK_MARKER = /^[[(]?\s*(?:this\s+)?page\s+(?:is\s+|has\s+been\s+)?(?:intentionally|deliberately)\s+(?:left\s+)?blank\.?\s*[\])]?$/i;

const collapse = (s: string) => s.replace(/[ \t]+/g, ' ').trim();

interface Edge {
  line: number; // index into page.lines
  side: 'top' | 'bottom';
  rank: number; // 0 = outermost line on that side
}

function edges(page: FurniturePage<FurnitureLine>): Edge[] {
  const filled = page.lines.map((l, i) => (l.text.trim() ? i : -1)).filter((i) => i >= 0);
  const out: Edge[] = [];
  const seen = new Set<number>();
  for (let r = 0; r < Math.min(EDGE_LINES, filled.length); r++) {
    for (const [line, side] of [[filled[filled.length - 1 - r], 'bottom'], [filled[r], 'top']] as const) {
      if (seen.has(line)) continue;
      seen.add(line);
      out.push({ line, side, rank: r });
    }
  }
  return out;
}

function inBand(page: FurniturePage, line: FurnitureLine, side: 'top' | 'bottom'): boolean {
  if (line.top === undefined || !page.height) return true;
  return side === 'top' ? line.top <= page.height * NUMBER_BAND : line.top >= page.height * (1 - NUMBER_BAND);
}

/** The printed page number a line states, or null; `alone` says the number is all the line holds. */
function pageNumberOf(text: string, edge: Edge, page: FurniturePage, line: FurnitureLine, multiPage: boolean): { n: number; alone: boolean } | null {
  const t = collapse(text);
  for (const re of PAGE_ONLY) {
    const m = re.exec(t);
    if (m && inBand(page, line, edge.side)) return { n: Number(m[1]), alone: true };
  }
  // A lone number at the very top or foot: only trusted where position is known or pages are many.
  if (edge.rank === 0 && BARE_NUMBER.test(t) && (line.top !== undefined || multiPage) && inBand(page, line, edge.side)) {
    return { n: Number(t), alone: true };
  }
  const m = PAGE_CELL.exec(text.trim());
  if (m && inBand(page, line, edge.side)) return { n: Number(m[1] ?? m[2]), alone: false };
  return null;
}

/** Key under which a header/footer line is compared across pages: page numbers do not count. */
function runningKey(text: string): string {
  return collapse(text.replace(/(^|\t|\s)page\s+\d{1,4}(?:\s+of\s+\d{1,4})?(?=\t|\s*$)|^page\s+\d{1,4}(?:\s+of\s+\d{1,4})?\b/gi, '$1page #')).toLowerCase();
}

/**
 * Removes furniture from every page; `compose` turns a page's remaining lines into output lines
 * (the PDF reader joins wrapped paragraphs there), by default their texts as they are.
 */
export function removeFurniture<L extends FurnitureLine>(
  pages: FurniturePage<L>[],
  compose: (kept: L[], page: FurniturePage<L>) => string[] = (kept) => kept.map((l) => l.text),
): CleanPage[] {
  const drop = pages.map(() => new Set<number>());
  const printed: (number | null)[] = pages.map(() => null);
  const pageEdges = pages.map(edges);

  // Printed page numbers. A line carrying a number plus other text (a footer) goes only if the rest of
  // it repeats on other pages, which the running-line pass below decides.
  pages.forEach((page, p) => {
    for (const edge of pageEdges[p]) {
      const line = page.lines[edge.line];
      const found = pageNumberOf(line.text, edge, page, line, pages.length > 1);
      if (!found) continue;
      if (printed[p] === null) printed[p] = found.n;
      if (found.alone) drop[p].add(edge.line);
    }
  });

  // Running headers and footers: the same text (page numbers aside) at the same place on most pages.
  const withText = pages.filter((pg) => pg.lines.some((l) => l.text.trim())).length;
  if (pages.length >= 3) {
    const need = Math.max(3, Math.ceil(withText * 0.5));
    const seen = new Map<string, { p: number; line: number; top?: number }[]>();
    pages.forEach((page, p) => {
      for (const edge of pageEdges[p]) {
        if (drop[p].has(edge.line)) continue;
        const line = page.lines[edge.line];
        const key = `${edge.side}|${runningKey(line.text)}`;
        const list = seen.get(key) ?? [];
        list.push({ p, line: edge.line, top: line.top });
        seen.set(key, list);
      }
    });
    for (const list of seen.values()) {
      if (new Set(list.map((e) => e.p)).size < need) continue;
      for (const e of list) {
        // count the pages that have this line at (about) the same height
        const near = e.top === undefined ? list : list.filter((o) => o.top !== undefined && Math.abs(o.top - e.top!) <= SAME_PLACE);
        if (new Set(near.map((o) => o.p)).size < need) continue;
        drop[e.p].add(e.line);
        const m = PAGE_WORD.exec(pages[e.p].lines[e.line].text);
        if (m && printed[e.p] === null) printed[e.p] = Number(m[1]);
      }
    }
  }

  return pages.map((page, p) => {
    const text = tidyGaps(compose(page.lines.filter((_, i) => !drop[p].has(i)), page));
    if (text === '') return { text: '', printed: printed[p], blank: 'empty' };
    if (text.length < 80 && BLANK_MARKER.test(collapse(text.replace(/\n/g, ' ')))) {
      return { text: 'This page is intentionally left blank', printed: printed[p], blank: 'marker' };
    }
    return { text, printed: printed[p], blank: null };
  });
}

/** Drops gaps at the ends of a page and runs of gaps left where furniture was removed. */
function tidyGaps(lines: string[]): string {
  const out: string[] = [];
  for (const l of lines) {
    if (l.trim() === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(l.trim() === '' ? '' : l);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
