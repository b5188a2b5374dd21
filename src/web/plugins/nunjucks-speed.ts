// Two hot spots of Nunjucks' runtime, made cheaper without changing what any template renders (issue 17). Profiled
// with `--cpu-prof` on signed-in pages rendered afresh, Frame#set was over a quarter of the rendering time: every
// `{% for %}` iteration sets the item and seven `loop.*` variables, and every `{% set %}` and macro argument goes
// through it, each call splitting its name on "." to allow dotted names; and every relative `{% import %}` or
// `{% include %}` of the GOV.UK Frontend templates resolved its path with path.resolve on every render.
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';
import { mootTable as plainMootTable } from '../render/macros.js';
import type { TableParams } from '../render/govuk.js';

interface Frame {
  variables: Record<string, unknown>;
  resolve(name: string, forWrite: boolean): Frame | undefined;
  set(name: string, val: unknown, resolveUp?: boolean): void;
}
interface Loader { resolve?(from: string, to: string): string; isRelative?(name: string): boolean }
type ResolveTemplate = (loader: Loader, parentName: string | null, filename: string) => string;

const PATCHED = Symbol('moot.nunjucks-speed');

/**
 * Frame#set as Nunjucks has it (runtime.js), with the split of each dotted name done once per name: names come from
 * compiled templates, so they are a fixed, small set. Same writes in the same order, same frame resolution.
 */
function fasterFrameSet(): void {
  const proto = (nunjucks.runtime as unknown as { Frame: { prototype: Frame & { [PATCHED]?: true } } }).Frame.prototype;
  if (proto[PATCHED]) return;
  const original = proto.set;
  const parts = new Map<string, string[]>();
  const partsOf = (name: string): string[] => {
    let p = parts.get(name);
    if (p === undefined) {
      p = name.split('.');
      if (parts.size < 10_000) parts.set(name, p);
    }
    return p;
  };
  const set = function set(this: Frame, name: string, val: unknown, resolveUp?: boolean): void {
    if (name.indexOf('.') === -1) {
      // The common case: a plain name. runtime.js: resolveUp finds the frame that holds it and sets it there.
      const frame = resolveUp ? this.resolve(name, true) : undefined;
      (frame ?? this).variables[name] = val;
      return;
    }
    const p = partsOf(name);
    if (resolveUp) {
      const frame = this.resolve(p[0], true);
      if (frame) return frame.set(name, val);
    }
    let obj = this.variables;
    for (let i = 0; i < p.length - 1; i++) {
      const id = p[i];
      if (!obj[id]) obj[id] = {};
      obj = obj[id] as Record<string, unknown>;
    }
    obj[p[p.length - 1]] = val;
  };
  proto.set = Object.assign(set, { original });
  proto[PATCHED] = true;
}

/**
 * Environment#resolveTemplate with each (loader, parent, name) resolved once: the FileSystemLoader's resolve is
 * path.resolve(dirname(parent), name), a pure function of its arguments.
 */
function memoisedTemplateResolution(): void {
  const proto = (nunjucks.Environment.prototype as unknown as { resolveTemplate: ResolveTemplate & { [PATCHED]?: true } });
  if (proto.resolveTemplate[PATCHED]) return;
  const original = proto.resolveTemplate;
  const resolved = new WeakMap<Loader, Map<string, string>>();
  const memoised = function (this: unknown, loader: Loader, parentName: string | null, filename: string): string {
    if (!parentName || typeof filename !== 'string' || !loader.isRelative?.(filename)) return original.call(this, loader, parentName, filename);
    let byLoader = resolved.get(loader);
    if (!byLoader) resolved.set(loader, (byLoader = new Map()));
    const key = `${parentName}\0${filename}`;
    let name = byLoader.get(key);
    if (name === undefined) {
      name = original.call(this, loader, parentName, filename);
      if (byLoader.size < 10_000) byLoader.set(key, name);
    }
    return name;
  } as ResolveTemplate & { [PATCHED]?: true };
  memoised[PATCHED] = true;
  proto.resolveTemplate = Object.assign(memoised, { original });
}

const require = createRequire(import.meta.url);
const lib = require('nunjucks/src/lib.js') as { escape: ((s: string) => string) & { [PATCHED]?: true } };
const { SafeString } = nunjucks.runtime as unknown as { SafeString: new (s: string) => { val: string } };

/**
 * lib.escape (every `{{ }}` with autoescape, the escape filter) without a replace call for the common string that
 * has nothing to escape: the same map, the same result.
 */
function fasterEscape(): void {
  if (lib.escape[PATCHED]) return;
  const original = lib.escape;
  const special = /[&"'<>\\]/;
  const escape = (val: string): string => (special.test(val) ? original(val) : val);
  lib.escape = Object.assign(escape, { original, [PATCHED]: true as const });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * govukAttributes (govuk/macros/attributes.njk), which every GOV.UK component calls once per element it writes
 * (each table cell, each summary-list row…), as plain code for the arguments it is given in practice: nothing, a
 * string, or a plain object of scalar values or `{ value, optional }` options. Anything else (several arguments,
 * keyword arguments, objects or functions as values, a SafeString…) goes to the macro itself. The output is the
 * macro's, character for character (test/web/nunjucks-speed.test.ts compares them).
 */
export function fastGovukAttributes(macro: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const fast = function govukAttributes(this: unknown, ...args: unknown[]): unknown {
    const attributes = args[0];
    if (args.length !== 1) return macro.apply(this, args);
    if (attributes === undefined || attributes === null) return new SafeString('');
    if (typeof attributes === 'string') return new SafeString(attributes);
    if (!isPlainObject(attributes) || Object.prototype.hasOwnProperty.call(attributes, '__keywords')) return macro.apply(this, args);
    let html = '';
    for (const name in attributes) {
      const item = attributes[name];
      let value: unknown, optional: unknown;
      if (item !== null && typeof item === 'object') {
        if (!isPlainObject(item)) return macro.apply(this, args);
        value = item.value;
        optional = item.optional;
        if (typeof optional === 'function') return macro.apply(this, args);
      } else {
        value = item;
        optional = false;
      }
      if (value !== undefined && value !== null && !isScalar(value)) return macro.apply(this, args);
      const escaped = value === undefined || value === null ? '' : lib.escape(String(value));
      if (optional === true && value === true) html += ' ' + lib.escape(name);
      else if ((optional === true && value !== undefined && value !== null && value !== false) || optional !== true) html += ' ' + lib.escape(name) + '="' + escaped + '"';
    }
    return new SafeString(html);
  };
  return Object.assign(fast, { macro });
}

const TABLE_KEYS = new Set(['caption', 'captionClasses', 'firstCellIsHeader', 'classes', 'head', 'rows', 'stack']);
const CELL_KEYS = new Set(['text', 'html', 'classes', 'format', 'colspan', 'rowspan', 'attributes']);
/** A value `{{ }}` writes as its string form, escaped: what esc() does (a SafeString or an object is not). */
const isText = (v: unknown): boolean => v === undefined || v === null || isScalar(v);

/** Whether a table cell (or heading) is one the plain govukTable writes as the template does. */
function plainCell(cell: unknown): boolean {
  if (!isPlainObject(cell)) return false;
  for (const k in cell) if (!CELL_KEYS.has(k)) return false;
  if (!isText(cell.text) || !isText(cell.classes) || !isText(cell.format) || !isText(cell.colspan) || !isText(cell.rowspan)) return false;
  if (cell.html !== undefined && cell.html !== null && typeof cell.html !== 'string') return false;
  const a = cell.attributes;
  if (a === undefined || a === null) return true;
  if (!isPlainObject(a) || Object.prototype.hasOwnProperty.call(a, '__keywords')) return false;
  for (const k in a) if (!isText(a[k])) return false;
  return true;
}

/**
 * partials/table.njk's mootTable (govukTable with each cell labelled by its column), which the workspace's lists
 * call with a row of cells per record (the clerk's list of people: 100 rows, 400 cells through the template's loops
 * and govukAttributes), as render/macros.ts's plain mootTable, the compiled pages' own, for the parameters it writes
 * as the template does: plain objects of text, html strings and scalar attributes. Anything else (table attributes,
 * a SafeString, an object as a value, a null cell…) goes to the macro itself. test/web/nunjucks-speed.test.ts
 * compares the two on random tables.
 */
export function fastMootTable(macro: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const fast = function mootTable(this: unknown, ...args: unknown[]): unknown {
    const params = args[0];
    if (args.length !== 1 || !isPlainObject(params)) return macro.apply(this, args);
    for (const k in params) if (!TABLE_KEYS.has(k)) return macro.apply(this, args);
    if (!isText(params.caption) || !isText(params.captionClasses) || !isText(params.classes)) return macro.apply(this, args);
    const { head, rows } = params;
    if (head !== undefined && head !== null && !(Array.isArray(head) && head.every(plainCell))) return macro.apply(this, args);
    if (rows !== undefined && rows !== null) {
      if (!Array.isArray(rows)) return macro.apply(this, args);
      for (const row of rows) if (row && !(Array.isArray(row) && row.every(plainCell))) return macro.apply(this, args);
    }
    return new SafeString(plainMootTable(params as TableParams & { stack?: boolean }));
  };
  return Object.assign(fast, { macro });
}

/** Plain-code stand-ins for macros of imported templates, by the template's path ending and the macro's name. */
const STAND_INS: { path: string; name: string; make: (macro: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown }[] = [
  { path: '/govuk/macros/attributes.njk', name: 'govukAttributes', make: fastGovukAttributes },
  { path: '/partials/table.njk', name: 'mootTable', make: fastMootTable },
];

/** The exports of an imported template with the stand-ins above in place of the macros they replace. */
export function withStandIns(templatePath: string | undefined, exported: unknown): unknown {
  if (!templatePath || exported === null || typeof exported !== 'object') return exported;
  const normalised = templatePath.replace(/\\/g, '/');
  let out = exported as Record<string, unknown>;
  for (const s of STAND_INS) {
    const macro = out[s.name];
    if (normalised.endsWith(s.path) && typeof macro === 'function') out = { ...out, [s.name]: s.make(macro as (...args: unknown[]) => unknown) };
  }
  return out;
}

/** Installs these, once per process (Nunjucks' prototypes and lib are shared by every environment). */
export function speedUpNunjucks(): void {
  fasterFrameSet();
  memoisedTemplateResolution();
  fasterEscape();
}
