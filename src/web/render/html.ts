// HTML built as strings (issue 17): the pages most read signed in are plain functions of their context instead of
// Nunjucks templates. They escape every value with `esc`, the one way, as Nunjucks' autoescape does: the same
// characters, the same entities, null and undefined as nothing. Their output is the templates' own, byte for byte
// (test/web/render-compiled.test.ts), but for one thing: a character above U+00FF is written as a numeric character
// reference (&#8217; for ’), as is any in the pages' own text (&ndash;), so the text is the same but V8 holds the page
// one byte a character. One such character would make the whole page two bytes a character: twice the copy V8 makes of
// a page's pieces before it is sent, and twice the garbage.

const SPECIAL = /[&"'<>\\\u0100-\uffff]/;
const SPECIAL_ALL = /[&"'<>\\]|[^\0-\xff]/gu;
const WIDE = /[^\0-\xff]/;
const ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };

/**
 * Text as HTML: Nunjucks' escaping (lib.escape) of the value's string form, with characters above U+00FF as numeric
 * references (a code point each, so an emoji is one reference and a lone surrogate reads as U+FFFD, as its UTF-8
 * would); null and undefined are empty.
 */
export function esc(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : String(value);
  if (!SPECIAL.test(s)) return s;
  const r = s.replace(SPECIAL_ALL, (c) => ENTITIES[c] ?? `&#${c.codePointAt(0)};`);
  return WIDE.test(s) ? narrow(r) : r;
}

const SCRIPT_SPECIAL = /[<\u0100-\uffff]/g;

/**
 * A value as JSON for a <script> element's text (JSON-LD): "<" as \u003c, or "</script>" in the data could end the
 * element, and characters above U+00FF as \u escapes too (a script's text is not HTML: no character references).
 */
export function scriptJson(value: unknown): string {
  const json = JSON.stringify(value);
  const r = json.replace(SCRIPT_SPECIAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return WIDE.test(json) ? narrow(r) : r;
}

/** Text with no character above U+00FF, one byte a character: V8 keeps a replace's result as wide as its subject. */
function narrow(s: string): string {
  return Buffer.from(s, 'latin1').toString('latin1');
}

// Nunjucks' built-in filters the compiled pages use, with the same results.

/** `| trim`: Nunjucks strips /^\s*|\s*$/, the very set of characters String#trim strips (WhiteSpace and LineTerminator). */
export function trim(s: string): string {
  return s.trim();
}

/** `| indent(width)`: every line but the first indented. */
export function indent(s: string, width: number, first = false): string {
  if (s === '') return '';
  const sp = ' '.repeat(width);
  return s.split('\n').map((l, i) => (i === 0 && !first ? l : sp + l)).join('\n');
}

/** `| replace(old, new)` with a string: every occurrence. */
export function replaceAll(s: string | null | undefined, from: string, to: string): string | null | undefined {
  if (typeof s !== 'string' || from === '' || s.indexOf(from) === -1) return s;
  return s.split(from).join(to);
}
