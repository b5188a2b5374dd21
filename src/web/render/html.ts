// HTML built as strings, escaped by default (issue 17): the pages most read signed in are plain functions of their
// context instead of Nunjucks templates. `html` escapes every value put into it unless it is already HTML (an Html
// made by `html` or `raw`), exactly as Nunjucks' autoescape does: the same characters, the same entities, null and
// undefined as nothing. Their output is the templates' own, byte for byte (test/web/render-compiled.test.ts).

/** A piece of HTML that is safe to put into a page as it is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const SPECIAL = /[&"'<>\\]/;
const SPECIAL_ALL = /[&"'<>\\]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };

/** Text as HTML: Nunjucks' escaping (lib.escape) of the value's string form; null and undefined are empty. */
export function esc(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Html) return value.value;
  const s = typeof value === 'string' ? value : String(value);
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (c) => ENTITIES[c]) : s;
}

/** Marks a string the code has built from escaped pieces (or a constant) as HTML. */
export function raw(s: string): Html {
  return new Html(s);
}

function part(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) {
    let out = '';
    for (const x of v) out += part(x);
    return out;
  }
  return esc(v);
}

/**
 * A tagged template whose values are escaped unless they are Html; an array's items are joined, each escaped
 * unless Html (a loop's output).
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1];
  return new Html(out);
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
