// The pack's structure tree (tagged PDF). The front sheet and the generated papers are tagged by pdfkit; when their
// pages are copied into the pack, their structure elements are copied too, pointed at the copied pages, and placed
// in page order under one Document element. An uploaded PDF that is tagged keeps its structure the same way; an
// untagged one has each page's content marked as one paragraph, so its text is at least in the reading order.
// The pack's own text (the "Document is Restricted" page) is tagged here; stamps are artifacts (see stamp.ts).
import {
  PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDocument, type PDFObject, type PDFPage,
} from 'pdf-lib';

interface Import {
  src: PDFDocument;
  /** Source page ref (as a string "n g R") to the copied page. */
  pages: Map<string, PDFPage>;
}

interface Top {
  ref: PDFRef;
  page: PDFPage;
  seq: number;
}

const KEEP = ['T', 'Lang', 'Alt', 'ActualText', 'E'].map((k) => PDFName.of(k));
// Names used for every element: looked up once (PDFName.of decodes its argument on every call).
const N = {
  Type: PDFName.of('Type'), StructElem: PDFName.of('StructElem'), S: PDFName.of('S'), P: PDFName.of('P'), K: PDFName.of('K'),
  Pg: PDFName.of('Pg'), MCID: PDFName.of('MCID'), MCR: PDFName.of('MCR'), OBJR: PDFName.of('OBJR'), Span: PDFName.of('Span'),
  Document: PDFName.of('Document'),
};

export class PackStructure {
  private readonly imports: Import[] = [];
  private readonly own: { page: PDFPage; type: string; mcid: number }[] = [];
  private readonly mcids = new Map<PDFPage, number>();
  private readonly untagged = new Set<PDFPage>();
  /** The two streams that mark an untagged page's content as one paragraph: the same for every page, written once. */
  private wholePage: { open: PDFRef; close: PDFRef } | undefined;
  /** Pages laid out for this pack (splice.ts): each page's elements by marked-content id, and the papers' top elements. */
  private readonly splicedPages: { page: PDFPage; parents: (PDFRef | null)[] }[] = [];
  private readonly splicedTops: { ref: PDFRef; page: PDFPage }[] = [];
  private docRef: PDFRef | undefined;

  constructor(private readonly pack: PDFDocument) {}

  /** Pages copied from `src` (in the order of `sourceIndices`): their structure comes along when the pack is finished. */
  copied(src: PDFDocument, sourceIndices: number[], copies: PDFPage[]): void {
    const srcPages = src.getPages();
    const root = src.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
    if (!root) {
      for (const page of copies) this.markWhole(page);
      return;
    }
    const pages = new Map<string, PDFPage>();
    sourceIndices.forEach((index, i) => pages.set(srcPages[index].ref.toString(), copies[i]));
    this.imports.push({ src, pages });
  }

  /** The pack's Document element, which laid-out papers' top elements name as their parent before it is written. */
  get documentRef(): PDFRef {
    this.docRef ??= this.pack.context.nextRef();
    return this.docRef;
  }

  /** Pages whose structure elements were written into the pack as they were laid out (splice.ts). */
  spliced(pages: { page: PDFPage; parents: (PDFRef | null)[] }[], tops: { ref: PDFRef; page: PDFPage }[]): void {
    this.splicedPages.push(...pages);
    this.splicedTops.push(...tops);
  }

  /** Marks the whole content of an untagged page as one paragraph (MCID 0). */
  private markWhole(page: PDFPage): void {
    const ctx = this.pack.context;
    const contents = page.node.normalizedEntries().Contents;
    if (!contents || contents.size() === 0) return;
    this.wholePage ??= { open: ctx.register(ctx.stream('/P <</MCID 0>> BDC\n')), close: ctx.register(ctx.stream('\nEMC\n')) };
    contents.insert(0, this.wholePage.open);
    contents.push(this.wholePage.close);
    this.untagged.add(page);
    this.mcids.set(page, 1);
  }

  /** The next marked-content id on a page, for text the pack draws itself. */
  nextMcid(page: PDFPage, type: string): number {
    const mcid = this.mcids.get(page) ?? 0;
    this.mcids.set(page, mcid + 1);
    this.own.push({ page, type, mcid });
    return mcid;
  }

  /** Writes the structure tree, parent tree and MarkInfo. Call after every page is in place. */
  finish(): void {
    const ctx = this.pack.context;
    const order = new Map(this.pack.getPages().map((p, i) => [p.ref.toString(), i]));
    const rootRef = ctx.nextRef();
    const documentRef = this.documentRef;
    const parentTree = new Map<PDFPage, (PDFRef | null)[]>();
    const tops: Top[] = [];
    let seq = 0;
    const register = (page: PDFPage, mcid: number, el: PDFRef) => {
      const list = parentTree.get(page) ?? [];
      list[mcid] = el;
      parentTree.set(page, list);
    };
    const mcr = (page: PDFPage, mcid: number) => PDFDict.fromMapWithContext(new Map<PDFName, PDFObject>([[N.Type, N.MCR], [N.Pg, page.ref], [N.MCID, PDFNumber.of(mcid)]]), ctx);
    const element = (type: PDFName, parent: PDFRef, kids?: PDFObject) => {
      const entries = new Map<PDFName, PDFObject>([[N.Type, N.StructElem], [N.S, type], [N.P, parent]]);
      if (kids) entries.set(N.K, kids);
      return PDFDict.fromMapWithContext(entries, ctx);
    };

    for (const page of this.untagged) {
      const ref = ctx.nextRef();
      ctx.assign(ref, element(N.P, documentRef, ctx.obj([mcr(page, 0)])));
      register(page, 0, ref);
      tops.push({ ref, page, seq: seq++ });
    }
    for (const { page, parents } of this.splicedPages) {
      parents.forEach((ref, mcid) => {
        if (ref) register(page, mcid, ref);
      });
    }
    for (const t of this.splicedTops) tops.push({ ref: t.ref, page: t.page, seq: seq++ });
    for (const o of this.own) {
      const ref = ctx.nextRef();
      ctx.assign(ref, element(PDFName.of(o.type), documentRef, ctx.obj([mcr(o.page, o.mcid)])));
      register(o.page, o.mcid, ref);
      tops.push({ ref, page: o.page, seq: seq++ });
    }
    const roleMap = ctx.obj({}) as PDFDict;
    for (const imp of this.imports) {
      const root = imp.src.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
      const srcRoles = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
      if (srcRoles) for (const [k, v] of srcRoles.entries()) if (v instanceof PDFName && !roleMap.has(k)) roleMap.set(k, v);
      const copyElement = (dict: PDFDict, parent: PDFRef, inheritedPg: PDFRef | undefined): { ref: PDFRef; first: PDFPage | null } | null => {
        const ref = ctx.nextRef();
        const s = dict.get(N.S);
        const out = element(s instanceof PDFName ? s : N.Span, parent);
        for (const key of KEEP) {
          const v = dict.get(key);
          if (v && !(v instanceof PDFRef)) out.set(key, v);
        }
        const pg = (dict.get(N.Pg) as PDFRef | undefined) ?? inheritedPg;
        const kids = asList(dict.get(N.K), imp.src);
        const outKids: PDFObject[] = [];
        let first: PDFPage | null = null;
        const note = (page: PDFPage) => {
          if (!first || (order.get(page.ref.toString()) ?? 0) < (order.get(first.ref.toString()) ?? 0)) first = page;
        };
        for (const kid of kids) {
          if (kid instanceof PDFNumber) {
            const page = pg && imp.pages.get(pg.toString());
            if (!page) continue;
            outKids.push(mcr(page, kid.asNumber()));
            register(page, kid.asNumber(), ref);
            note(page);
          } else if (kid instanceof PDFDict) {
            const type = kid.get(N.Type);
            if (type === N.MCR) {
              const kpg = (kid.get(N.Pg) as PDFRef | undefined) ?? pg;
              const page = kpg && imp.pages.get(kpg.toString());
              const id = kid.get(N.MCID);
              if (!page || !(id instanceof PDFNumber)) continue;
              outKids.push(mcr(page, id.asNumber()));
              register(page, id.asNumber(), ref);
              note(page);
            } else if (type === N.OBJR) {
              continue; // annotations keep no structure here
            } else {
              const child = copyElement(kid, ref, pg);
              if (!child) continue;
              outKids.push(child.ref);
              if (child.first) note(child.first);
            }
          }
        }
        if (!outKids.length) return null;
        out.set(N.K, ctx.obj(outKids));
        ctx.assign(ref, out);
        return { ref, first };
      };
      // The source's own Document element (pdfkit's) is unwrapped: its children become the pack's.
      const topKids = asList(root.get(PDFName.of('K')), imp.src).flatMap((k) => {
        if (k instanceof PDFDict && k.get(N.S) === N.Document) return asList(k.get(N.K), imp.src);
        return [k];
      });
      for (const k of topKids) {
        if (!(k instanceof PDFDict)) continue;
        const copy = copyElement(k, documentRef, undefined);
        if (copy?.first) tops.push({ ref: copy.ref, page: copy.first, seq: seq++ });
      }
    }
    tops.sort((a, b) => (order.get(a.page.ref.toString()) ?? 0) - (order.get(b.page.ref.toString()) ?? 0) || a.seq - b.seq);
    ctx.assign(documentRef, ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: tops.map((t) => t.ref) }));

    const nums: PDFObject[] = [];
    let key = 0;
    for (const page of this.pack.getPages()) {
      const list = parentTree.get(page);
      if (!list) {
        page.node.delete(PDFName.of('StructParents'));
        continue;
      }
      page.node.set(PDFName.of('StructParents'), PDFNumber.of(key));
      nums.push(PDFNumber.of(key), ctx.obj(Array.from(list, (r) => r ?? ctx.obj(null))));
      key++;
    }
    const root = ctx.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: ctx.obj({ Nums: nums }), ParentTreeNextKey: key }) as PDFDict;
    if (roleMap.keys().length) root.set(PDFName.of('RoleMap'), roleMap);
    ctx.assign(rootRef, root);
    this.pack.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
    this.pack.catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
  }
}

/** A /K value as a list of direct objects (references resolved). */
function asList(k: PDFObject | undefined, src: PDFDocument): PDFObject[] {
  if (!k) return [];
  const resolve = (o: PDFObject): PDFObject => (o instanceof PDFRef ? src.context.lookup(o) ?? o : o);
  if (k instanceof PDFArray) return k.asArray().map(resolve).filter((o) => !(o instanceof PDFRawStream));
  return [resolve(k)];
}
