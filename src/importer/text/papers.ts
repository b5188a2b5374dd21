// Each agenda item's papers: where its text starts and ends in the pack. With page breaks, the agenda's
// printed page ranges ("(Pages 15 - 28)") map onto the pack's pages; without them, papers are found by
// the document starts (report cover blocks, minutes headers, "Agenda Item N") that match their titles.
import type { Line } from './normalise.js';
import type { AgendaItemDetail } from './agenda.js';

export interface Paper {
  itemCode: string;
  /** the item's place in the agenda (its code may be "" when the agenda prints none) */
  itemIndex: number;
  startPage: number | null;
  endPage: number | null;
  text: string;
  /** line indices [start, end) in the cleaned lines */
  startLine: number;
  endLine: number;
}

const STOP = new Set(['the', 'of', 'and', 'a', 'an', 'to', 'for', 'in', 'on', 'by', 'with', 'from', 'report', 'update', 'meeting', 'held']);
function tokens(s: string): string[] {
  return s.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9 ]+/g, ' ').split(' ').filter((t) => t && !STOP.has(t));
}

/** The share of a title's words that the text has. */
function overlap(want: Set<string>, have: Set<string>): number {
  if (!want.size) return 0;
  let n = 0;
  for (const t of want) if (have.has(t)) n++;
  return n / want.size;
}

function textOf(lines: Line[], a: number, b: number): string {
  return lines.slice(a, b).map((l) => l.text).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

export function locatePapers(lines: Line[], items: AgendaItemDetail[], starts: number[], afterAgenda: number, pageCount: number): Paper[] {
  const withPapers = items.filter((it) => it.pages);
  if (!withPapers.length) return [];
  const cands = starts.filter((s) => s >= afterAgenda && s < lines.length);
  if (!cands.includes(afterAgenda) && afterAgenda < lines.length) cands.unshift(afterAgenda);

  // the opening lines of each candidate document (not spilling into the next one), their words and whether they open
  // minutes: worked out once each, as up to eight items look at the same candidate
  const openings = new Map<number, { window: string; words: Set<string>; minutes?: boolean }>();
  const opening = (c: number) => {
    let o = openings.get(c);
    if (!o) {
      const s = cands[c];
      const stop = c + 1 < cands.length ? Math.min(cands[c + 1], s + 30) : s + 30;
      const window = lines.slice(s, Math.min(lines.length, stop)).map((l) => l.text).join(' ');
      o = { window, words: new Set(tokens(window)) };
      openings.set(c, o);
    }
    return o;
  };
  const opensMinutes = (o: { window: string; minutes?: boolean }) =>
    (o.minutes ??= /^(?:minutes|notes)\s+of/i.test(o.window.slice(0, 400).replace(/^.*?(?=minutes|notes)/i, '')));
  const chosen: number[] = [];
  let cursor = 0;
  for (const it of withPapers) {
    let best = -1;
    let bestScore = 0;
    const want = new Set(tokens(it.title));
    const minutesItem = /^minutes\b/i.test(it.title);
    // look ahead a few candidate starts for the one whose opening lines carry the title
    for (let c = cursor; c < Math.min(cands.length, cursor + 8); c++) {
      const o = opening(c);
      let score = overlap(want, o.words);
      if (minutesItem && opensMinutes(o)) score = Math.max(score, 0.8);
      if (score > bestScore + 0.05) { bestScore = score; best = c; }
    }
    // no matching heading: take the next unused document start, if any is left
    if (best < 0 || bestScore < 0.4) best = cursor < cands.length && !chosen.includes(cands[cursor]) ? cursor : -1;
    chosen.push(best >= 0 ? cands[best] : -1);
    if (best >= 0) cursor = best + 1;
  }
  const papers: Paper[] = [];
  const multiPage = pageCount > 1;
  // page offset between printed page numbers and input pages, from the first paper
  const first = chosen.findIndex((c) => c >= 0);
  const offset = multiPage && first >= 0 ? lines[chosen[first]].page - (withPapers[first].pages![0] - 1) : NaN;
  withPapers.forEach((it, k) => {
    const startLine = chosen[k];
    const later = chosen.slice(k + 1).find((c) => c > startLine);
    let endLine = later ?? lines.length;
    if (multiPage && Number.isFinite(offset) && offset >= 0) {
      // pages are authoritative when the pack has page breaks
      const [p0, p1] = it.pages!;
      const a = lines.findIndex((l) => l.page === p0 - 1 + offset);
      let b = lines.findIndex((l) => l.page > p1 - 1 + offset);
      if (b < 0) b = lines.length;
      if (a >= 0) {
        papers.push({ itemCode: it.code, itemIndex: items.indexOf(it), startPage: p0, endPage: p1, text: textOf(lines, a, b), startLine: a, endLine: b });
        return;
      }
    }
    if (startLine < 0) return;
    if (endLine < startLine) endLine = startLine;
    const printed = lines.slice(startLine, endLine).map((l) => l.printedPage).filter((p): p is number => p !== null);
    const startPage = it.pages ? it.pages[0] : printed[0] ?? null;
    const endPage = it.pages ? it.pages[1] : printed[printed.length - 1] ?? null;
    papers.push({ itemCode: it.code, itemIndex: items.indexOf(it), startPage, endPage, text: textOf(lines, startLine, endLine), startLine, endLine });
  });
  return papers;
}
