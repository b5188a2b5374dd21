// Snippets: a window of about 30 words of an entry around its best match, with <mark> round the matched words and
// everything else escaped. Made here rather than by SQLite's snippet() or PostgreSQL's ts_headline so both backends
// show exactly the same text.
import { foldWord, type Term } from './query.js';
import { porterStem } from './stemmer.js';
import { isStopword } from './stopwords.js';

const WINDOW = 30;
const LEAD = 6; // words shown before the first match in the window
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

const SPECIAL = /[&<>"']/;

export function escapeHtml(text: string): string {
  if (!SPECIAL.test(text)) return text; // most of a snippet's pieces: a word, a space
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

interface Token {
  start: number;
  end: number;
  folded: string;
  /** Worked out when a matcher first needs it (see matcherOf). */
  stem?: string;
}

// Stems of words seen recently: a council's vocabulary is small, and stemming every word of every snippet is not.
const STEM_CACHE_SIZE = 50_000;
const stemCache = new Map<string, string>();

function stemOf(folded: string): string {
  let stem = stemCache.get(folded);
  if (stem === undefined) {
    if (stemCache.size >= STEM_CACHE_SIZE) stemCache.clear();
    stem = porterStem(folded);
    stemCache.set(folded, stem);
  }
  return stem;
}

const stemAt = (t: Token): string => (t.stem ??= stemOf(t.folded));

const ASCII = /^[\x00-\x7f]*$/;

/** A-Z, a-z, 0-9: in ASCII text exactly what TOKEN's letters, digits and marks are. */
const isAsciiWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  if (ASCII.test(text)) {
    // Nearly every entry's text: the words found by a scan of the characters, the same tokens as TOKEN's without a
    // match object for each word.
    const lowerText = text.toLowerCase();
    const n = text.length;
    for (let i = 0; i < n; i++) {
      if (!isAsciiWordChar(text.charCodeAt(i))) continue;
      const start = i;
      while (i + 1 < n && isAsciiWordChar(text.charCodeAt(i + 1))) i++;
      out.push({ start, end: i + 1, folded: lowerText.slice(start, i + 1) });
    }
    return out;
  }
  // Lower-cased and checked for ASCII once for the whole text where that keeps every offset (it nearly always does).
  const lowerText = text.toLowerCase();
  const whole = lowerText.length === text.length;
  const ascii = whole && ASCII.test(lowerText);
  for (const m of text.matchAll(TOKEN)) {
    const end = m.index + m[0].length;
    const lower = whole ? lowerText.slice(m.index, end) : m[0].toLowerCase();
    out.push({ start: m.index, end, folded: ascii || ASCII.test(lower) ? lower : foldWord(lower) });
  }
  return out;
}

type Matcher = (tokens: Token[], i: number) => number; // how many tokens match starting at i (0: none)

// A word's stem begins with the word's first letter (the stemmer only rewrites endings, and leaves words of one or
// two letters alone; test/store/search/snippet.test.ts checks it over the stemmer's vocabulary), so a token whose
// first letter differs is no match and is never stemmed: most of a text's words are not.
function matcherOf(term: Term): Matcher {
  if (term.type === 'word') {
    const folded = foldWord(term.word);
    const stem = stemOf(folded);
    const first = folded.charCodeAt(0);
    if (term.prefix) return (t, i) => (t[i].folded.charCodeAt(0) === first && (t[i].folded.startsWith(folded) || stemAt(t[i]).startsWith(stem)) ? 1 : 0);
    return (t, i) => (t[i].folded.charCodeAt(0) === first && stemAt(t[i]) === stem ? 1 : 0);
  }
  // A phrase: its words in order; stop words inside it may be any word (PostgreSQL does not index them).
  const stems = term.words.map((w) => {
    const f = foldWord(w);
    return isStopword(f) ? null : stemOf(f);
  });
  return (t, i) => {
    if (i + stems.length > t.length) return 0;
    for (let k = 0; k < stems.length; k++) {
      const s = stems[k];
      if (s !== null && (t[i + k].folded.charCodeAt(0) !== s.charCodeAt(0) || stemAt(t[i + k]) !== s)) return 0;
    }
    return stems.length;
  };
}

/** The same word (same letters and case, not a number) straight after the previous one, with only spaces between. */
function isRepeat(text: string, prev: Token, tok: Token): boolean {
  if (tok.end - tok.start !== prev.end - prev.start || /^\p{N}+$/u.test(tok.folded)) return false;
  return text.slice(prev.start, prev.end) === text.slice(tok.start, tok.end) && /^\s+$/.test(text.slice(prev.end, tok.start));
}

/** An HTML snippet of text with the words matching terms marked; the start of the text when nothing matches. */
export function makeSnippet(text: string, terms: Term[], window = WINDOW): string {
  const tokens = tokenize(text);
  if (!tokens.length) return escapeHtml(text.trim().slice(0, 200));
  const matchers = terms.map(matcherOf);
  // Which term (if any) matches at each token, and how many tokens it covers.
  const hitTerm = new Int16Array(tokens.length).fill(-1);
  const marked = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    for (let m = 0; m < matchers.length; m++) {
      const len = matchers[m](tokens, i);
      if (len) {
        hitTerm[i] = m;
        for (let k = 0; k < len; k++) marked[i + k] = 1;
        break;
      }
    }
  }
  // The window covering the most distinct terms, then the most matches; the earliest such window wins.
  let bestStart = 0;
  let bestDistinct = -1;
  let bestCount = -1;
  const seenIn = new Int32Array(matchers.length).fill(-1); // the window (its start) in which each term was last seen
  for (let s = 0; s < tokens.length; s++) {
    if (hitTerm[s] < 0 && s > 0) continue; // windows worth considering start at a match
    let distinct = 0;
    let count = 0;
    for (let i = s; i < Math.min(tokens.length, s + window); i++) {
      const m = hitTerm[i];
      if (m >= 0) {
        if (seenIn[m] !== s) {
          seenIn[m] = s;
          distinct++;
        }
        count++;
      }
    }
    if (distinct > bestDistinct || (distinct === bestDistinct && count > bestCount)) {
      bestStart = s;
      bestDistinct = distinct;
      bestCount = count;
    }
  }
  let start = bestDistinct > 0 ? Math.max(0, bestStart - LEAD) : 0;
  const end = Math.min(tokens.length, start + window);
  start = Math.max(0, Math.min(start, end - window));

  let html = '';
  let pos = start === 0 ? 0 : tokens[start].start;
  for (let i = start; i < end; i++) {
    const tok = tokens[i];
    // A word printed twice with only a space or line break between ("Cabinet\nCabinet resolved", a heading then a
    // label) reads as a mistake in a one-line snippet: show it once.
    if (i > start && isRepeat(text, tokens[i - 1], tok)) {
      pos = tok.end;
      continue;
    }
    html += escapeHtml(text.slice(pos, tok.start));
    const word = escapeHtml(text.slice(tok.start, tok.end));
    html += marked[i] ? `<mark>${word}</mark>` : word;
    pos = tok.end;
  }
  // Keep punctuation that closes the last word (a full stop, a bracket), but not the rest of the text.
  if (end === tokens.length) html += escapeHtml(text.slice(pos));
  else html += escapeHtml(text.slice(pos, tokens[end].start).replace(/\s[\s\S]*$/, ''));
  html = html.replace(/\s+/g, ' ').trim().replace(/<\/mark> <mark>/g, ' ');
  return `${start > 0 ? '… ' : ''}${html}${end < tokens.length ? ' …' : ''}`;
}
