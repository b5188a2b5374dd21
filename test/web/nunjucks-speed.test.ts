// The faster Frame#set and template resolution must behave exactly as Nunjucks' own (issue 17): same variables in
// the same frames for every kind of name, and the same output for templates that use loops, scoped sets and
// relative imports.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { speedUpNunjucks } from '../../src/web/plugins/nunjucks-speed.js';
import { createViewEnvironment } from '../../src/web/plugins/views.js';

interface Frame { variables: Record<string, unknown>; parent: Frame | null; set(name: string, val: unknown, resolveUp?: boolean): void; push(isolate?: boolean): Frame }
type FrameClass = new (parent?: Frame, isolateWrites?: boolean) => Frame;
const { Frame } = nunjucks.runtime as unknown as { Frame: FrameClass & { prototype: Frame } };

speedUpNunjucks();
const fast = Frame.prototype.set;
const stock = (fast as unknown as { original: Frame['set'] }).original;

/** A root frame with a child and an isolated grandchild, some names already held at each level. */
function frames(): Frame[] {
  const root = new Frame();
  root.variables = Object.assign(Object.create(null), { a: 1, loop: { index: 0 } });
  const child = root.push();
  child.variables.b = 2;
  const isolated = child.push(true);
  isolated.variables.c = 3;
  return [root, child, isolated];
}

const snapshot = (fs: Frame[]) => fs.map((f) => JSON.stringify(f.variables));
function attempt(write: () => void, fs: Frame[]): string[] | string {
  try {
    write();
  } catch (e) {
    return `threw ${(e as Error).constructor.name}`;
  }
  return snapshot(fs);
}

describe('Frame#set, faster', () => {
  it('is installed and keeps the original', () => {
    expect(typeof stock).toBe('function');
    expect(fast).not.toBe(stock);
  });

  it('writes what runtime.js writes, for plain, dotted, held and new names, up or not', () => {
    const names = ['a', 'b', 'c', 'd', 'loop.index', 'loop.first', 'x.y.z', 'a.b', 'b.c'];
    for (const name of names) {
      for (const resolveUp of [undefined, false, true]) {
        for (const at of [0, 1, 2]) {
          const mine = frames();
          const theirs = frames();
          // Both the same way, twice (the second time the dotted name's split is remembered); a dotted name under a
          // number ("a.b" where a is 1) throws in both.
          for (const val of [`v-${name}`, 'again']) {
            const a = attempt(() => fast.call(mine[at], name, val, resolveUp), mine);
            const b = attempt(() => stock.call(theirs[at], name, val, resolveUp), theirs);
            expect(a, `${name} ${resolveUp} at ${at}`).toEqual(b);
          }
        }
      }
    }
  });
});

describe('rendering with the faster runtime', () => {
  it('renders loops, scoped sets, macros and relative imports as before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moot-njk-'));
    mkdirSync(join(dir, 'macros'));
    writeFileSync(join(dir, 'macros', 'list.njk'), '{% macro list(xs) %}{% set n = 0 %}<ul>{% for x in xs %}{% set n = n + 1 %}<li data-i="{{ loop.index }}/{{ loop.length }}{% if loop.first %} first{% endif %}{% if loop.last %} last{% endif %}">{{ x }}</li>{% endfor %}</ul>{{ n }}{% endmacro %}');
    writeFileSync(join(dir, 'macros', 'index.njk'), '{% from "./list.njk" import list %}{% macro both(xs) %}{{ list(xs) }}|{{ list(xs | reverse) }}{% endmacro %}');
    writeFileSync(join(dir, 'page.njk'), '{% from "macros/index.njk" import both %}{% set total = 0 %}{% for g in groups %}{% set total = total + g.length %}{{ both(g) }};{% endfor %}total={{ total }} {% set outer = "o" %}{% if true %}{% set outer = "changed" %}{% endif %}{{ outer }}');
    const render = () => new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), { autoescape: true }).render('page.njk', { groups: [['a', '<b>'], ['c']] });
    const envProto = nunjucks.Environment.prototype as unknown as { resolveTemplate: { original: unknown } };
    const resolveFast = envProto.resolveTemplate;
    let expected: string;
    try {
      Frame.prototype.set = stock;
      envProto.resolveTemplate = resolveFast.original as typeof resolveFast;
      expected = render();
    } finally {
      Frame.prototype.set = fast;
      envProto.resolveTemplate = resolveFast;
    }
    expect(expected).toContain('<li data-i="2/2 last">&lt;b&gt;</li>');
    expect(render()).toBe(expected);
    // Again, with the resolved paths now remembered.
    expect(render()).toBe(expected);
  });
});

describe('govukAttributes in plain code', () => {
  type Macro = ((...args: unknown[]) => unknown) & { macro?: (...args: unknown[]) => unknown };
  const env = createViewEnvironment();
  let fastMacro!: Macro;
  (env.getTemplate('govuk/macros/attributes.njk') as unknown as { getExported(cb: (err: Error | null, exported: unknown) => void): void }).getExported((err, exported) => {
    if (err) throw err;
    fastMacro = (exported as { govukAttributes: Macro }).govukAttributes;
  });
  const { SafeString } = nunjucks.runtime as unknown as { SafeString: new (s: string) => object };
  const text = fc.oneof(fc.constantFrom('', 'a', 'true', 'false', 'x"y', "it's", '<b>&amp;', 'back\\slash', 'data-label'), fc.string({ maxLength: 8 }));
  const scalar = fc.oneof(fc.constant(undefined), fc.constant(null), fc.boolean(), fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: false }), text);
  const value = fc.oneof(scalar, text.map((t) => new SafeString(t)), fc.array(scalar, { maxLength: 2 }));
  const optional = fc.oneof(fc.constant(undefined), fc.boolean(), fc.constantFrom('true', 1, null));
  const item = fc.oneof(value, fc.record({ value, optional }, { requiredKeys: [] }), fc.record({ value, optional }));
  const attributes = fc.oneof(fc.constant(undefined), fc.constant(null), text, text.map((t) => new SafeString(t)), fc.dictionary(text, item, { maxKeys: 4 }), fc.array(scalar, { maxLength: 2 }));

  it('stands in for the macro from GOV.UK Frontend', () => {
    expect(typeof fastMacro.macro).toBe('function');
    expect(fastMacro).not.toBe(fastMacro.macro);
  });

  it('writes what the macro writes, for any attributes', () => {
    fc.assert(fc.property(attributes, (a) => {
      const mine = fastMacro(a);
      const theirs = fastMacro.macro!(a);
      expect(mine).toBeInstanceOf(SafeString);
      expect(String(mine)).toBe(String(theirs));
    }), { numRuns: 2000 });
  });

  it('writes what the macro writes in a component', () => {
    const params = { text: 'Go', attributes: { 'data-x': 'a"b', hidden: { value: true, optional: true }, gone: { value: false, optional: true }, n: 3 } };
    const html = env.renderString('{% from "govuk/components/tag/macro.njk" import govukTag %}{{ govukTag(params) }}', { params });
    expect(html).toContain('<strong class="govuk-tag" data-x="a&quot;b" hidden n="3">');
  });
});

describe('mootTable in plain code', () => {
  type Macro = ((...args: unknown[]) => unknown) & { macro?: (...args: unknown[]) => unknown };
  const env = createViewEnvironment();
  let fastMacro!: Macro;
  (env.getTemplate('partials/table.njk') as unknown as { getExported(cb: (err: Error | null, exported: unknown) => void): void }).getExported((err, exported) => {
    if (err) throw err;
    fastMacro = (exported as { mootTable: Macro }).mootTable;
  });
  const { SafeString } = nunjucks.runtime as unknown as { SafeString: new (s: string) => object };
  const text = fc.oneof(fc.constantFrom('', 'a', 'Name', 'x"y', "it's", '<b>&amp;', 'back\\slash', '<span class="govuk-visually-hidden">Action</span>', ' a  b '), fc.string({ maxLength: 8 }));
  const scalar = fc.oneof(fc.constant(undefined), fc.constant(null), fc.boolean(), fc.integer({ min: -2, max: 3 }), text);
  // Mostly what the workspace passes; now and then what only the macro itself writes (a SafeString, an object).
  const odd = fc.oneof(text.map((t) => new SafeString(t)), fc.constant({}), fc.array(scalar, { maxLength: 2 }));
  const cellValue = fc.oneof({ weight: 12, arbitrary: scalar }, { weight: 1, arbitrary: odd });
  const attributes = fc.oneof(fc.constant(undefined), fc.dictionary(fc.constantFrom('id', 'data-x', 'data-label', 'lang', 'x"y'), cellValue, { maxKeys: 3 }), { weight: 1, arbitrary: odd });
  const cell = fc.record({
    text: cellValue, html: fc.oneof(fc.constant(undefined), text, { weight: 1, arbitrary: odd }), classes: cellValue, format: fc.oneof(fc.constant(undefined), fc.constantFrom('numeric')),
    colspan: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 3 })), rowspan: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 2 })), attributes,
  }, { requiredKeys: [] });
  const row = fc.oneof({ weight: 10, arbitrary: fc.array(cell, { maxLength: 5 }) }, { weight: 1, arbitrary: fc.constantFrom(null, undefined) }, { weight: 1, arbitrary: fc.array(fc.oneof(cell, fc.constant(null)), { maxLength: 3 }) });
  const params = fc.record({
    caption: cellValue, captionClasses: cellValue, firstCellIsHeader: fc.oneof(fc.boolean(), fc.constant(undefined)), classes: cellValue,
    head: fc.oneof(fc.constant(undefined), fc.array(cell, { maxLength: 5 })), rows: fc.oneof(fc.constant(undefined), fc.array(row, { maxLength: 5 })),
    stack: fc.oneof(fc.constant(undefined), fc.boolean()), attributes: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: attributes }),
  }, { requiredKeys: [] });

  it('stands in for the macro of partials/table.njk', () => {
    expect(typeof fastMacro.macro).toBe('function');
    expect(fastMacro).not.toBe(fastMacro.macro);
  });

  it('writes what the macro writes, for any table', () => {
    fc.assert(fc.property(params, (p) => {
      const mine = fastMacro(p);
      const theirs = fastMacro.macro!(p);
      expect(mine).toBeInstanceOf(SafeString);
      expect(String(mine)).toBe(String(theirs));
    }), { numRuns: 3000 });
  });

  it('writes what the macro writes in a page, a table of people', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [{ html: `<a class="govuk-link" href="/workspace/people/${i}">Person &amp; ${i}</a>` }, { text: 'Officer' }, { text: i % 3 ? `Job "${i}"` : '' }, { text: '' }]);
    const p = { caption: 'People', captionClasses: 'govuk-visually-hidden', firstCellIsHeader: true, head: [{ text: 'Name' }, { text: 'Kind' }, { text: 'Group or job title' }, { text: 'Division' }], rows };
    const page = '{% from "partials/table.njk" import mootTable %}<main>{{ mootTable(p) }}</main>';
    const byMacro = '{% from "govuk/components/table/macro.njk" import govukTable %}<main>{{ govukTable(stackableTable(p)) }}</main>';
    expect(env.renderString(page, { p })).toBe(env.renderString(byMacro, { p }));
    expect(env.renderString(page, { p })).toContain('data-label="Kind">Officer</td>');
  });
});
