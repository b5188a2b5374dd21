// HTML built as strings (issue 17): the pages most read signed in are plain functions of their context instead of
// Nunjucks templates. They escape every value with `esc`, the one way, exactly as Nunjucks' autoescape does: the same
// characters, the same entities, null and undefined as nothing. Their output is the templates' own, byte for byte
// (test/web/render-compiled.test.ts).

const SPECIAL = /[&"'<>\\]/;
const SPECIAL_ALL = /[&"'<>\\]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };

/** Text as HTML: Nunjucks' escaping (lib.escape) of the value's string form; null and undefined are empty. */
export function esc(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : String(value);
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (c) => ENTITIES[c]) : s;
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
