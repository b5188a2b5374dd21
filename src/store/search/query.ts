// The search query language, parsed into a small AST that each backend compiles for itself. User text never reaches
// FTS5 MATCH or to_tsquery as syntax: every word that survives parsing is letters and digits only.
//
//   budget monitoring      both words (stemmed: "budgets" finds "budget")
//   "cabinet member"       a phrase; a word with inner punctuation ("well-being", "11/01769") is one too
//   transp*                a prefix (at least two letters)
//   libraries OR museums   either; OR binds tighter than the implicit AND
//   -parking, NOT parking  without
// Other punctuation is ignored; stop words ("the", "of") are dropped, as PostgreSQL drops them from its index.
import { isStopword } from './stopwords.js';

export type Term = { type: 'word'; word: string; prefix: boolean } | { type: 'phrase'; words: string[] };

export interface ParsedQuery {
  /** Every group must match; within a group, any term. */
  groups: Term[][];
  /** No term here may match. */
  exclude: Term[];
}

const MAX_INPUT = 500;
const MAX_GROUPS = 12;
const MAX_GROUP_SIZE = 8;
const MAX_EXCLUDE = 8;
const MAX_PHRASE_WORDS = 12;
const MIN_PREFIX = 2;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** Lower-case words of a chunk of text, split at anything that is not a letter, digit or combining mark. */
export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((w) => w.slice(0, 64));
}

/** A word without accents, for comparing against the stop list (the index folds diacritics the same way). */
export function foldWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}+/gu, '');
}

function stop(word: string): boolean {
  return isStopword(foldWord(word));
}

/** A chunk of input as a term: one word, or a phrase when punctuation splits it; null when nothing is left. */
function termOf(words: string[], prefix: boolean, quoted: boolean): Term | null {
  let list = words.slice(0, MAX_PHRASE_WORDS);
  // Leading and trailing stop words would be dropped by PostgreSQL but required by SQLite: drop them on both.
  while (list.length && stop(list[0])) list = list.slice(1);
  while (list.length > 1 && stop(list[list.length - 1])) list = list.slice(0, -1);
  if (!list.length) {
    // "the*" is still a prefix worth searching for ("theatre").
    if (prefix && !quoted && words.length === 1 && words[0].length >= MIN_PREFIX) return { type: 'word', word: words[0], prefix: true };
    return null;
  }
  if (list.length === 1) {
    const word = list[0];
    const isPrefix = prefix && !quoted && word.length >= MIN_PREFIX && words.length === 1;
    if (!isPrefix && stop(word)) return null;
    return { type: 'word', word, prefix: isPrefix };
  }
  return { type: 'phrase', words: list };
}

type Item = { kind: 'term'; term: Term; negated: boolean } | { kind: 'or' };

function lex(input: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  let negateNext = false;
  const n = input.length;
  while (i < n) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    let negated = negateNext;
    negateNext = false;
    if (c === '-' && i + 1 < n && !/\s/.test(input[i + 1])) {
      negated = true;
      i++;
    }
    if (input[i] === '"') {
      const end = input.indexOf('"', i + 1);
      const body = end === -1 ? input.slice(i + 1) : input.slice(i + 1, end);
      i = end === -1 ? n : end + 1;
      const term = termOf(wordsOf(body), false, true);
      if (term) items.push({ kind: 'term', term, negated });
      continue;
    }
    let j = i;
    while (j < n && !/\s/.test(input[j]) && input[j] !== '"') j++;
    const chunk = input.slice(i, j);
    i = j;
    if (chunk === 'OR' || chunk === '|' || chunk === '||') {
      items.push({ kind: 'or' });
      continue;
    }
    if (chunk === 'AND' || chunk === '&&' || chunk === '+') continue;
    if (chunk === 'NOT') {
      negateNext = true;
      continue;
    }
    const prefix = /[\p{L}\p{N}\p{M}]\*+$/u.test(chunk);
    const term = termOf(wordsOf(chunk), prefix, false);
    if (term) items.push({ kind: 'term', term, negated });
  }
  return items;
}

/** Parses a query; null when nothing searchable is left (empty, punctuation or stop words only, or only exclusions). */
export function parseQuery(text: string): ParsedQuery | null {
  const items = lex(String(text ?? '').slice(0, MAX_INPUT));
  const groups: Term[][] = [];
  const exclude: Term[] = [];
  let joinNext = false;
  let lastWasPositive = false;
  for (const item of items) {
    if (item.kind === 'or') {
      joinNext = lastWasPositive;
      continue;
    }
    if (item.negated) {
      if (exclude.length < MAX_EXCLUDE) exclude.push(item.term);
      joinNext = false;
      lastWasPositive = false;
      continue;
    }
    const last = groups[groups.length - 1];
    if (joinNext && last && last.length < MAX_GROUP_SIZE) last.push(item.term);
    else if (groups.length < MAX_GROUPS) groups.push([item.term]);
    joinNext = false;
    lastWasPositive = true;
  }
  return groups.length ? { groups, exclude } : null;
}

/** The terms a result should show as matched. */
export function positiveTerms(q: ParsedQuery): Term[] {
  return q.groups.flat();
}
