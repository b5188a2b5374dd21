// Snippets (issue 17): makeSnippet stems only the words that could match a term and lower-cases a text once; it must
// mark and cut exactly as the original, which stemmed every word (kept below as the reference), on every text and
// query. Its shortcut rests on the stemmer keeping a word's first letter, checked here too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeSnippet, parseQuery } from '../../../src/store/search/index.js';
import { foldWord, positiveTerms, type Term } from '../../../src/store/search/query.js';
import { porterStem } from '../../../src/store/search/stemmer.js';
import { isStopword } from '../../../src/store/search/stopwords.js';

// The original makeSnippet (before 2026-12-07), unchanged but for its stem cache.
const WINDOW = 30;
const LEAD = 6; // words shown before the first match in the window
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

interface Token {
  start: number;
  end: number;
  folded: string;
  stem: string;
}

const stemOf = porterStem;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const lower = m[0].toLowerCase();
    const folded = /^[\x00-\x7f]*$/.test(lower) ? lower : foldWord(lower);
    out.push({ start: m.index, end: m.index + m[0].length, folded, stem: stemOf(folded) });
  }
  return out;
}

type Matcher = (tokens: Token[], i: number) => number; // how many tokens match starting at i (0: none)

function matcherOf(term: Term): Matcher {
  if (term.type === 'word') {
    const folded = foldWord(term.word);
    const stem = stemOf(folded);
    if (term.prefix) return (t, i) => (t[i].folded.startsWith(folded) || t[i].stem.startsWith(stem) ? 1 : 0);
    return (t, i) => (t[i].stem === stem ? 1 : 0);
  }
  // A phrase: its words in order; stop words inside it may be any word (PostgreSQL does not index them).
  const stems = term.words.map((w) => {
    const f = foldWord(w);
    return isStopword(f) ? null : stemOf(f);
  });
  return (t, i) => {
    if (i + stems.length > t.length) return 0;
    for (let k = 0; k < stems.length; k++) if (stems[k] !== null && t[i + k].stem !== stems[k]) return 0;
    return stems.length;
  };
}

/** The same word (same letters and case, not a number) straight after the previous one, with only spaces between. */
function isRepeat(text: string, prev: Token, tok: Token): boolean {
  if (tok.end - tok.start !== prev.end - prev.start || /^\p{N}+$/u.test(tok.folded)) return false;
  return text.slice(prev.start, prev.end) === text.slice(tok.start, tok.end) && /^\s+$/.test(text.slice(prev.end, tok.start));
}

/** An HTML snippet of text with the words matching terms marked; the start of the text when nothing matches. */
function referenceSnippet(text: string, terms: Term[], window = WINDOW): string {
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
  for (let s = 0; s < tokens.length; s++) {
    if (hitTerm[s] < 0 && s > 0) continue; // windows worth considering start at a match
    const seen = new Set<number>();
    let count = 0;
    for (let i = s; i < Math.min(tokens.length, s + window); i++) {
      if (hitTerm[i] >= 0) {
        seen.add(hitTerm[i]);
        count++;
      }
    }
    if (seen.size > bestDistinct || (seen.size === bestDistinct && count > bestCount)) {
      bestStart = s;
      bestDistinct = seen.size;
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

const VOCABULARY = ['planning', 'plans', 'planned', 'applications', 'application', 'committee', 'committees', 'council', 'councils',
  'budget', 'budgets', 'budgeting', 'highways', 'highway', 'school', 'schools', 'the', 'of', 'and', 'a', 'to', 'in', 'care', 'caring',
  'social', 'adult', 'adults', 'Kingsmere', 'Ickfield', 'Farm', 'flood', 'flooding', 'floods', 'relational', 'rational', 'ies', 'sses',
  'ational', 'ing', 'eed', 'ed', 's', 'y', 'by', 'happy', 'happiness', 'Cabinet', 'CABINET', 'Straße', 'café', 'Café', 'naïve', 'Ωmega',
  'ΣΊΣΥΦΟΣ', 'İstanbul', '11/01769', '2,345', '£9.6m', 'well-being', '<script>', '&amp;', '"quoted"', "it's", '12', '2012'];
const SEPARATORS = [' ', ' ', ' ', '\n', ', ', '. ', ' - ', ': ', ' (', ') ', '  ', ' & ', ' <b> '];

const text = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...VOCABULARY), fc.stringMatching(/^[a-zé]{1,9}$/)), fc.constantFrom(...SEPARATORS)), { maxLength: 120 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));
const query = fc.array(fc.oneof(
  fc.constantFrom(...VOCABULARY),
  fc.constantFrom(...VOCABULARY).map((w) => `${w.slice(0, 3)}*`),
  fc.array(fc.constantFrom(...VOCABULARY), { minLength: 2, maxLength: 4 }).map((ws) => `"${ws.join(' ')}"`),
  fc.stringMatching(/^[a-z]{2,6}\*?$/),
), { minLength: 1, maxLength: 4 }).map((ts) => ts.join(' '));

describe('makeSnippet', () => {
  it('keeps a word\'s first letter in its stem, and never stems a word to nothing', () => {
    const words = [...VOCABULARY.flatMap((w) => w.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu) ?? []).map(foldWord),
      'ational', 'tional', 'enci', 'anci', 'izer', 'abli', 'alli', 'entli', 'eli', 'ousli', 'ization', 'ation', 'ator', 'alism', 'iveness',
      'fulness', 'ousness', 'aliti', 'iviti', 'biliti', 'icate', 'ative', 'alize', 'iciti', 'ical', 'ful', 'ness', 'ement', 'ment', 'ent', 'ion',
      'sses', 'ies', 'ss', 's', 'eed', 'ed', 'ing', 'at', 'bl', 'iz', 'y', 'e', 'll'];
    for (const w of words) {
      const stem = porterStem(w);
      expect(stem.length, w).toBeGreaterThan(0);
      expect(stem[0], w).toBe(w[0]);
    }
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9]{1,14}$/), (w) => {
      const stem = porterStem(w);
      return stem.length > 0 && stem[0] === w[0];
    }), { numRuns: 20_000 });
  });

  it('marks and cuts every text exactly as the original did', () => {
    fc.assert(fc.property(text, query, (t, q) => {
      const parsed = parseQuery(q);
      const terms: Term[] = parsed ? positiveTerms(parsed) : [];
      expect(makeSnippet(t, terms)).toBe(referenceSnippet(t, terms));
    }), { numRuns: 3_000 });
  });

  it('marks and cuts ASCII texts (tokenized by a scan of the characters) exactly as the original did', () => {
    const ascii = VOCABULARY.filter((w) => /^[\x00-\x7f]*$/.test(w));
    const asciiText = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...ascii), fc.stringMatching(/^[a-zA-Z0-9]{1,9}$/)), fc.constantFrom(...SEPARATORS, '_', '', "'", '\t', '9')), { maxLength: 120 })
      .map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(fc.property(asciiText, query, (t, q) => {
      const parsed = parseQuery(q);
      const terms: Term[] = parsed ? positiveTerms(parsed) : [];
      expect(makeSnippet(t, terms)).toBe(referenceSnippet(t, terms));
    }), { numRuns: 3_000 });
  });
});
