// Turns a pack's raw page texts into clean, numbered lines, setting aside page furniture
// ("Page 17", "This page is intentionally left blank", repeated letterheads) and markup run into text.

export interface Line {
  /** cleaned text: markup removed, whitespace collapsed, tabs turned into ' | ' cell breaks removed */
  text: string;
  /** table cells when the line was tab-separated (else one cell) */
  cells: string[];
  /** 0-based index of the page (input.pages) the line came from */
  page: number;
  /** 1-based line number across the whole input, for warnings */
  no: number;
  /** printed page number ("Page 17") that applies to this line, when known */
  printedPage: number | null;
  /** the line's level when it was marked up as a heading ("### Pledge" is 3, "<h2>" 2); absent otherwise */
  heading?: number;
}

export interface Cleaned {
  lines: Line[];
  /** indices (into lines) where a blank-page marker or restricted placeholder stood: papers end there */
  breaks: Set<number>;
  /** printed page number found on each input page (from "Page N" lines), null when none */
  pagePrinted: (number | null)[];
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&nbsp;': ' ', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&rsquo;': '’', '&lsquo;': '‘' };

/** Removes HTML tags/entities and markdown emphasis/heading marks from one line, keeping tabs. */
export function stripMarkup(s: string): string {
  if (!/[<&*_#>\u00a0\u2007\u202f[\\]/.test(s)) return s;
  // each rewrite below needs a character the line may not have: it runs only when the character is there (most
  // lines of a pack have none of them, and a global replace costs a pass over the line even when nothing matches)
  let t = s;
  // markdown made from PDFs: an image (a logo, a scanned page) is not text; a link keeps its words
  if (t.includes('](')) t = t.replace(/!\[[^\]]{0,300}\]\([^)]{0,500}\)/g, ' ').replace(/\[([^\]]{0,300})\]\((?:https?:|mailto:|\/|#)[^)]{0,500}\)/g, '$1');
  if (t.includes('<')) {
    t = t.replace(/<!--[^>]{0,200}-->/g, ' ');
    // "31<sup>ST</sup> MARCH": a superscript belongs to its word
    t = t.replace(/<\/?su[pb]>/gi, '');
    t = t.replace(/<\/?[a-zA-Z][^<>]{0,300}>/g, ' ');
  }
  if (t.includes('&')) t = t.replace(/&(?:amp|nbsp|lt|gt|quot|#39|rsquo|lsquo);/g, (m) => ENTITIES[m] ?? m);
  // bold that a converter opened or closed inside a word ("A**pologies**:", "S**ecretary**") joins it
  if (t.includes('**')) t = t.replace(/(?<=[\p{L}\d])\*\*(?=[\p{L}\d])/gu, '').replace(/(?<=[\p{L}\d])\*\*(?=[:.,;)])/gu, '');
  if (t.includes('**') || t.includes('__')) t = t.replace(/\*\*|__/g, ' ');
  // pandoc's markdown: a backslash at the end of a line is a line break, "\[" "\_" are escaped characters
  if (t.includes('\\')) t = t.replace(/\\$/, '').replace(/\\([\\`*_{}[\]()#+.!|~^-])/g, '$1');
  if (t.includes('#')) t = t.replace(/^\s{0,3}#{1,6}\s*/, '');
  if (t.includes('>')) t = t.replace(/^\s*>\s?/, '');
  // single-star emphasis around words: *Nil*
  if (t.includes('*')) t = t.replace(/(^|\s)\*(\S[^*]{0,200}\S|\S)\*(?=\s|$|[.,;:])/g, '$1$2');
  if (/[\u00a0\u2007\u202f]/.test(t)) t = t.replace(/[\u00a0\u2007\u202f]/g, ' ');
  return t;
}

/** Collapses whitespace and drops a leading list bullet ("- ", "• ", "* "). */
export function tidy(s: string): string {
  if (s === '') return s;
  // a line whose spaces are all single ones is left as it is (replacing every space by itself cost a fifth of reading
  // a pack); the bullet is looked for only where the line starts with one
  let t = (COLLAPSIBLE.test(s) ? s.replace(/[ \t\r\f\v]+/g, ' ') : s).trim();
  if (BULLET_START.test(t)) t = t.replace(/^(?:[-•*▪●◦·]\s+)+/, '').trim();
  return ocrOrdinals(t);
}
const COLLAPSIBLE = /[\t\r\f\v]| {2}/;
const BULLET_START = /^[-•*▪●◦·]/;

const ORDINAL_MONTH = /\b(\d{1,2})["”™](?=\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)/gi;
/** A superscript ordinal read by OCR as a quote or ™ ("25" February", "13™ June") is written out: "25th February". */
export function ocrOrdinals(s: string): string {
  if (!/["”™]/.test(s)) return s;
  return s.replace(ORDINAL_MONTH, (_m, d: string) => {
    const n = Number(d);
    const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
    return `${d}${suffix}`;
  });
}

const PAGE_LINE = /^(?:-\s*)?page\s+(\d{1,4})(?:\s+of\s+\d{1,4})?(?:\s*-)?$/i;
const BLANK_PAGE = /^this page (?:is |has been )?(?:intentionally|deliberately) (?:left )?blank\.?$/i;
const RESTRICTED = /^document is (?:restricted|confidential)\.?$/i;
const STRAY_NUMBER = /^(?:!\d{1,4}|-\s*\d{1,4}\s*-|\d{1,4})$/;
// a web page printed from a browser: "10/14/21, 8:19 AM   BoardDocs® Plus" at the top, its address and "1/3" at the foot
const PRINT_STAMP = /^\d{1,2}\/\d{1,2}\/\d{2,4},\s+\d{1,2}:\d{2}\s*[AP]M\b.{0,80}$|^https?:\/\/\S+\s+\d{1,3}\/\d{1,3}$/i;

/** Splits text where a markdown marker glued a heading to the next one: "ITEMS**35. Minutes". */
function unglue(raw: string): string[] {
  if (!raw.includes('**')) return [raw];
  return raw.split(/(?<=[A-Za-z)])\*\*(?=(?:\d{1,5}|[A-H]\d{1,2})\.?\s)/);
}

/** PDF readers put a superscript ordinal on a line of its own ("24" / "th" / "June 2019"): rejoin it. */
function rejoinOrdinals(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i].trim();
    if (/^(?:st|nd|rd|th)$/i.test(t) && out.length && /\d\s*$/.test(out[out.length - 1])) {
      const next = i + 1 < raw.length ? raw[i + 1].trim() : '';
      out[out.length - 1] = `${out[out.length - 1].replace(/\s+$/, '')}${t} ${next}`;
      i++;
      continue;
    }
    out.push(raw[i]);
  }
  return out;
}

// OCR and PDF text layers print typographic ligatures as one character, and a soft hyphen where a word may break
const LIGATURES: Record<string, string> = { '\ufb00': 'ff', '\ufb01': 'fi', '\ufb02': 'fl', '\ufb03': 'ffi', '\ufb04': 'ffl', '\ufb05': 'st', '\ufb06': 'st' };

/** Ligatures spelled out, soft hyphens dropped. */
export function undoLigatures(s: string): string {
  if (!/[\ufb00-\ufb06\u00ad]/.test(s)) return s;
  return s.replace(/[\ufb00-\ufb06]/g, (c) => LIGATURES[c] ?? c).replace(/\u00ad/g, '');
}

/**
 * A word broken at the end of a line ("Commit-" / "tee resolved …"), as scans and justified text print it, is
 * joined again: the rest of the word moves up to the line it was broken from. Only a lower-case letter after the
 * break joins, so "Vice-" / "Chairman" and "2019-" / "20" stay as printed.
 */
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

export function joinBrokenWords(raw: string[]): string[] {
  const out = [...raw];
  for (let i = 0; i + 1 < out.length; i++) {
    // two letters and a hyphen at the line's end, looked at directly (a pattern anchored at the end is tried from
    // every letter of the line)
    const end = out[i].trimEnd();
    if (end.charCodeAt(end.length - 1) !== 45 || !isAsciiLetter(end.charCodeAt(end.length - 2)) || !isAsciiLetter(end.charCodeAt(end.length - 3))) continue;
    const next = /^(\s*)([a-z][a-z']*)([,.;:)]?)(\s+|$)/.exec(out[i + 1]);
    if (!next) continue;
    out[i] = `${out[i].trimEnd().slice(0, -1)}${next[2]}${next[3]}`;
    out[i + 1] = out[i + 1].slice(next[0].length);
  }
  return out;
}

/**
 * A markdown file's YAML front matter ("---" / "title: Minutes (Aug., 2019)" / "date: …" / "---") is the web site's
 * metadata, not the document: its lines are blanked (kept, so line numbers still match the file).
 */
function blankFrontMatter(raw: string[]): string[] {
  if (raw[0]?.trim() !== '---') return raw;
  const end = raw.findIndex((l, i) => i > 0 && i < 60 && l.trim() === '---');
  if (end < 0) return raw;
  const meta = raw.slice(1, end).every((l) => l.trim() === '' || /^[A-Za-z_][\w-]*:(?:\s|$)/.test(l) || /^\s+(?:-\s|\S)/.test(l));
  if (!meta) return raw;
  return raw.map((l, i) => (i <= end ? '' : l));
}

/**
 * An HTML page's ordered list numbers its items where the browser shows it: the outermost <ol>'s items are
 * written "1. …", "2. …" before their first words, so minutes kept as <ol><li><h4>HEADING</h4> read as the numbered
 * minutes a reader sees. Lists inside a list (payments, sub-points, styled in letters or roman numerals) are left.
 */
export function numberHtmlLists(page: string): string {
  if (!/<ol\b/i.test(page)) return page;
  const stack: { ordered: boolean; n: number }[] = [];
  let pending: number | null = null;
  return page.replace(/<(\/?)([a-z][a-z0-9]*)\b[^<>]{0,300}>|([^<]+)/gi, (m, close: string, tag: string | undefined, text: string | undefined) => {
    if (text !== undefined) {
      if (pending === null || !/\S/.test(text)) return m;
      const n = pending;
      pending = null;
      return text.replace(/\S/, (c) => `${n}. ${c}`);
    }
    const t = tag!.toLowerCase();
    if (t !== 'ol' && t !== 'ul' && t !== 'li') return m;
    if (t === 'li') {
      if (!close && stack.length === 1 && stack[0].ordered) pending = ++stack[0].n;
      return m;
    }
    if (close) stack.pop();
    else stack.push({ ordered: t === 'ol', n: 0 });
    return m;
  });
}

/** The level of a markdown ("## Title") or HTML ("<h3>Title</h3>") heading line, or 0. */
export function headingLevel(raw: string): number {
  const md = /^\s{0,3}(#{1,6})\s+\S/.exec(raw);
  if (md) return md[1].length;
  const html = /^\s*<h([1-6])\b[^>]{0,200}>/i.exec(raw);
  return html ? Number(html[1]) : 0;
}

export function cleanPages(pages: string[]): Cleaned {
  const lines: Line[] = [];
  const breaks = new Set<number>();
  const pagePrinted: (number | null)[] = [];
  let no = 0;
  let sinceMarker = 0;
  const firstLast = new Map<string, number>();
  const pageLineIdx: number[][] = [];

  pages.forEach((pageText, p) => {
    let split = numberHtmlLists(undoLigatures(String(pageText ?? ''))).split(/\r\n|\r|\n/);
    if (p === 0) split = blankFrontMatter(split);
    const rawLines = joinBrokenWords(rejoinOrdinals(split));
    const idx: number[] = [];
    let printed: number | null = null;
    sinceMarker = lines.length;
    for (const rawLine of rawLines) {
      no++;
      for (const piece of unglue(rawLine)) {
        const withTabs = stripMarkup(piece);
        const tabbed = withTabs.includes('\t');
        const cells = tabbed ? withTabs.split('\t').map(tidy).filter((c) => c !== '') : [];
        const text = tidy(tabbed ? withTabs.replace(/\t/g, ' ') : withTabs);
        const m = PAGE_LINE.exec(text);
        if (m) {
          printed = Number(m[1]);
          // a "Page N" footer numbers the text above it, back to the previous footer or page start
          for (let k = sinceMarker; k < lines.length; k++) lines[k].printedPage = printed;
          sinceMarker = lines.length;
          continue;
        }
        if (PRINT_STAMP.test(text)) continue;
        if (BLANK_PAGE.test(text) || RESTRICTED.test(text)) {
          breaks.add(lines.length);
          continue;
        }
        const line: Line = { text, cells: cells.length ? cells : [text], page: p, no, printedPage: null };
        const level = headingLevel(piece);
        if (level && text) line.heading = level;
        lines.push(line);
        if (text !== '') idx.push(lines.length - 1);
      }
    }
    pagePrinted.push(printed);
    pageLineIdx.push(idx);
    if (idx.length) {
      for (const k of new Set([lines[idx[0]].text, lines[idx[idx.length - 1]].text])) {
        firstLast.set(k, (firstLast.get(k) ?? 0) + 1);
      }
    }
  });

  // Page furniture: a stray page number at the top or bottom of a page, or a line that heads or
  // foots most pages (a running letterhead) after its first appearance.
  if (pages.length > 1) {
    const seen = new Set<string>();
    const repeated = new Set([...firstLast].filter(([, n]) => pages.length >= 3 && n >= Math.max(3, pages.length * 0.5)).map(([k]) => k));
    for (const idx of pageLineIdx) {
      if (!idx.length) continue;
      for (const k of [idx[0], idx[idx.length - 1]]) {
        const l = lines[k];
        if (STRAY_NUMBER.test(l.text)) l.text = '';
        else if (repeated.has(l.text)) {
          if (seen.has(l.text)) l.text = '';
          seen.add(l.text);
        }
      }
    }
  } else {
    for (const l of lines) if (/^!\d{1,4}$/.test(l.text)) l.text = '';
  }
  // Printed page numbers: when "Page N" footers exist, a page's lines carry its footer number.
  return { lines, breaks, pagePrinted };
}
