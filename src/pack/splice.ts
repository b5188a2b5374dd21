// Puts laid-out papers (laid-out.ts) into a pack: each object gets a number in the pack and is written as pdfkit made
// it, its references renumbered; pages and their resources become pdf-lib objects the pack can stamp and place.
import {
  PDFArray, PDFBool, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, PDFObject, PDFPage, PDFPageLeaf, PDFRef,
  type PDFContext, type PDFDocument,
} from 'pdf-lib';
import type { LaidOut, LaidOutObject, LaidOutPage, Plain } from './laid-out.js';
import { END_STREAM, STREAM, WrittenObject } from './pdf-io.js';
import type { PackStructure } from './structure.js';

/** Adds the laid-out papers' objects to `pack` and returns their pages (not yet placed in the page tree). */
export function spliceInto(pack: PDFDocument, laidOut: LaidOut, structure: PackStructure): PDFPage[] {
  const ctx = pack.context;
  const numbers = new Map<number, PDFRef>();
  const refOf = (id: number): PDFRef => {
    let ref = numbers.get(id);
    if (!ref) {
      ref = id === laidOut.document ? structure.documentRef : ctx.nextRef();
      numbers.set(id, ref);
    }
    return ref;
  };
  // The loops' bodies are small functions of their own: this runs once a build, and V8 compiles a function with long
  // loops (on-stack replacement, then again for the next call) as one unit, at more cost than running it.
  for (const o of laidOut.objects) {
    const object = written(o, refOf); // first: the objects it refers to are numbered before it, as they always were
    ctx.assign(refOf(o.id), object);
  }
  const pages = laidOut.pages.map((p) => pageOf(p, pack, refOf));
  structure.spliced(
    pages.map((page, i) => ({ page, parents: laidOut.pages[i].parents.map((id) => (id === null ? null : refOf(id))) })),
    laidOut.tops.map((t) => ({ ref: refOf(t.id), page: pages[t.page] })),
  );
  return pages;
}

/** An object's bytes with the pack's numbers in its references. */
function written(o: LaidOutObject, refOf: (id: number) => PDFRef): WrittenObject {
  let head = o.text[0];
  for (let i = 0; i < o.refs.length; i++) head += `${refOf(o.refs[i]).objectNumber} 0 R${o.text[i + 1]}`;
  const bytes = o.stream
    ? Buffer.concat([Buffer.from(head, 'latin1'), STREAM, o.stream, END_STREAM])
    : Buffer.from(head, 'latin1');
  return new WrittenObject(bytes);
}

/** A laid-out page as a pdf-lib page of the pack, with its resources (which the pack stamps onto). */
function pageOf(p: LaidOutPage, pack: PDFDocument, refOf: (id: number) => PDFRef): PDFPage {
  const ctx = pack.context;
  const resources = ctx.obj({}) as PDFDict;
  for (const [k, v] of Object.entries(p.resources.dict)) resources.set(PDFName.of(k), value(v, ctx, refOf));
  ctx.assign(refOf(p.resources.id), resources);
  const map = new Map<PDFName, PDFObject>([[PDFName.of('Contents'), ctx.obj([refOf(p.contents)])], [PDFName.of('Resources'), refOf(p.resources.id)]]);
  for (const [k, v] of Object.entries(p.dict)) map.set(PDFName.of(k), value(v, ctx, refOf));
  const leaf = PDFPageLeaf.fromMapWithContext(map, ctx);
  const ref = refOf(p.id);
  ctx.assign(ref, leaf);
  return PDFPage.of(leaf, ref, pack);
}

function value(v: Plain, ctx: PDFContext, refOf: (id: number) => PDFRef): PDFObject {
  if (typeof v === 'number') return PDFNumber.of(v);
  if (typeof v === 'boolean') return v ? PDFBool.True : PDFBool.False;
  if (v === null) return PDFNull;
  if (Array.isArray(v)) return arrayOf(v, ctx, refOf);
  if ('r' in v) return refOf(v.r);
  if ('n' in v) return PDFName.of(v.n);
  if ('s' in v) return PDFHexString.fromText(v.s);
  if ('x' in v) return PDFHexString.of(v.x);
  const dict = ctx.obj({}) as PDFDict;
  for (const [k, e] of Object.entries(v.d)) dict.set(PDFName.of(k), value(e, ctx, refOf));
  return dict;
}

function arrayOf(v: Plain[], ctx: PDFContext, refOf: (id: number) => PDFRef): PDFArray {
  const a = PDFArray.withContext(ctx);
  for (const e of v) a.push(value(e, ctx, refOf));
  return a;
}
