// Builds a meeting's agenda pack: papers are laid out first (so their printed page numbers are
// known), then the front sheet is rendered with those ranges, then everything is assembled with
// pdf-lib, stamped, bookmarked and saved.
//
// Exempt papers never enter the public pack's document: an uploaded exempt PDF is not even
// parsed, and an exempt structured paper is not rendered. Only the placeholder page is added.
import { createHash } from 'node:crypto';
import { PDFDocument, type PDFPage } from 'pdf-lib';
import { orderedSections, type FrontSheetPlan, type ItemStatus } from './front-sheet.js';
import type { AgendaItem, Audience, BuiltItemPages, BuiltPack, PackInput, Paper } from './model.js';
import { contentKey, contentText, parsedOnce, renderedOnce } from './layout-cache.js';
import { addOutline, type OutlineEntry } from './outline.js';
import { loadPdf, savePdf, yieldToLoop } from './pdf-io.js';
import { useNativeStreams } from './streams.js';
import { PackStructure } from './structure.js';
import { deflateStreams, type LaidOut } from './laid-out.js';
import type { PaperContext, StructuredPaper } from './papers.js';
import { layOutElsewhere, renderFrontSheetElsewhere, splitPoint } from './render-parallel.js';
import { spliceInto } from './splice.js';
import { PackError } from './problems.js';
import {
  addBlankPage, addRestrictedPage, embedFonts, stampAgendaItem, stampNotForPublication, stampPageNumber,
} from './stamp.js';
import { isExemptItem, longDate, paperOwnExemption, paragraphsList, parseIsoDate } from './text.js';
import { loadUploadedPdf } from './upload.js';
import { blockingProblems } from './validate.js';

export interface PackOptions {
  audience: Audience;
}

export interface SupplementaryOptions extends PackOptions {
  /** Date the supplementary pack is published; defaults to the agenda's publication date. */
  publicationDate?: string;
}

/** A run of pages for one item: a paper, or the public placeholder for an exempt item. */
interface Unit {
  item: AgendaItem;
  exempt: boolean;
  /** The paragraphs printed on this unit's placeholder or stamp: the paper's own, else its item's. */
  paragraphs: number[];
  /** Pages already copied into the pack's document but not yet placed in its page tree. */
  source: PDFPage[] | 'restricted';
  pages: number;
  firstOfItem: boolean;
}

interface Placed extends Unit {
  start: number; // printed page number
}

export async function buildPack(input: PackInput, opts: PackOptions): Promise<BuiltPack> {
  return build(input, opts.audience, {
    supplementary: false,
    include: (item) => !item.withdrawn && !item.toFollow,
    publicationDate: input.publicationDate,
  });
}

/** A pack of the papers that were "to follow", with its own front sheet and page numbers. */
export async function buildSupplementaryPack(input: PackInput, itemCodes: string[], opts: SupplementaryOptions): Promise<BuiltPack> {
  const codes = new Set(itemCodes);
  const known = new Set(input.sections.flatMap((s) => s.items.map((i) => i.code)));
  const missing = itemCodes.filter((c) => !known.has(c));
  if (missing.length) {
    throw new PackError(missing.map((c) => ({ severity: 'error', where: `item ${c}`, message: 'is not on the agenda' })));
  }
  // An item whose papers were all withdrawn since stays in a reissued supplementary agenda, "report withdrawn".
  const empty = input.sections.flatMap((s) => s.items).filter((i) => codes.has(i.code) && ((!i.papers.length && !i.withdrawnPapers?.length) || i.withdrawn));
  if (empty.length) {
    throw new PackError(empty.map((i) => ({
      severity: 'error', where: `item ${i.code}`, message: i.withdrawn ? 'has been withdrawn' : 'has no papers to issue in a supplementary pack',
    })));
  }
  return build(input, opts.audience, {
    supplementary: true,
    include: (item) => codes.has(item.code),
    publicationDate: opts.publicationDate ?? input.publicationDate,
  });
}

interface Mode {
  supplementary: boolean;
  include: (item: AgendaItem) => boolean;
  publicationDate: string;
}

async function build(input: PackInput, audience: Audience, mode: Mode): Promise<BuiltPack> {
  const blocking = blockingProblems(input);
  if (blocking.length) throw new PackError(blocking);
  parseIsoDate(mode.publicationDate, 'publication date');

  const ctx: PaperContext = { councilName: input.councilName };
  const pack = await PDFDocument.create({ updateMetadata: false });
  useNativeStreams(pack);
  const structure = new PackStructure(pack);
  const { units, spliceLast } = await layOutPapers(pack, input, audience, mode, ctx, structure);
  // Every paper's page count is known once the last document is laid out: the front sheet is sent to the worker
  // before that document is deflated and spliced here (the objects are numbered in the same order either way).
  let placed = placeOnPages(units);

  const ranges = new Map<string, { start: number; end: number }>();
  for (const p of placed) {
    const r = ranges.get(p.item.code);
    const end = p.start + p.pages - 1;
    ranges.set(p.item.code, { start: r?.start ?? p.start, end });
  }
  const status = (item: AgendaItem): ItemStatus => {
    const r = ranges.get(item.code);
    if (r) return { kind: 'pages', ...r };
    if (item.withdrawn) return { kind: 'withdrawn' };
    if (item.toFollow && !mode.supplementary) return { kind: 'to-follow' };
    if (!item.papers.length && item.withdrawnPapers?.length) return { kind: 'report-withdrawn' };
    return { kind: 'none' };
  };
  const plan: FrontSheetPlan = {
    audience,
    supplementary: mode.supplementary,
    // A supplementary agenda lists the items it carries papers for, and those whose papers were withdrawn since.
    only: mode.supplementary ? [...new Set([...placed.map((p) => p.item.code),
      ...input.sections.flatMap((s) => s.items).filter((i) => mode.include(i) && !i.papers.length && i.withdrawnPapers?.length).map((i) => i.code)])] : undefined,
    statuses: input.sections.map((s) => s.items.map(status)),
    publicationDate: mode.publicationDate,
  };
  // The front sheet depends on the input and each item's status (its pages) alone: the same ones lay out the same.
  const frontKey = contentKey('front-sheet', inputText(input), contentText({
    audience, supplementary: mode.supplementary, only: plan.only, status: plan.statuses, publicationDate: mode.publicationDate,
  }));
  // Rendered on the worker (with the papers' layout) while this thread embeds the stamps' fonts.
  const frontRendered = renderedOnce(frontKey, async () => ({ bytes: await renderFrontSheetElsewhere(input, plan) }), (f) => f.bytes.length);
  frontRendered.catch(() => undefined);
  spliceLast();
  placed = placeOnPages(units);
  const fonts = await embedFonts(pack, structure);
  const { bytes: frontBytes } = await frontRendered;
  const front = await parsedOnce(frontBytes, () => loadPdf(frontBytes));
  const frontCopies = await pack.copyPages(front, front.getPageIndices());
  structure.copied(front, front.getPageIndices(), frontCopies);
  for (const page of frontCopies) pack.addPage(page);
  // The front sheet fills whole leaves so that printed page 1 is a right-hand page.
  if (pack.getPageCount() % 2 === 1) addBlankPage(pack, fonts);
  const frontPages = pack.getPageCount();

  const outline: OutlineEntry[] = [{ title: mode.supplementary ? 'Supplementary agenda' : 'Agenda', pageIndex: 0 }];
  let printed = 0;
  for (const p of placed) {
    while (printed + 1 < p.start) {
      printed++;
      stampPageNumber(addBlankPage(pack, fonts), printed, fonts);
    }
    const paragraphs = paragraphsList(p.paragraphs);
    const pages = p.source === 'restricted' ? [addRestrictedPage(pack, paragraphs, fonts)] : p.source;
    if (p.source !== 'restricted') for (const page of p.source) pack.addPage(page);
    if (p.firstOfItem) {
      outline.push({ title: `${p.item.code} ${p.item.title}`, pageIndex: frontPages + p.start - 1 });
      stampAgendaItem(pages[0], p.item.code, fonts);
    }
    for (const page of pages) {
      printed++;
      if (p.exempt && audience === 'confidential') stampNotForPublication(page, paragraphs, fonts);
      stampPageNumber(page, printed, fonts);
    }
  }
  if (printed % 2 === 1) stampPageNumber(addBlankPage(pack, fonts), ++printed, fonts);

  fonts.flush();
  structure.finish();
  addOutline(pack, outline);
  setMetadata(pack, input, audience, mode);
  await yieldToLoop();
  const bytes = await savePdf(pack);
  const items: BuiltItemPages[] = [...ranges].map(([code, r]) => ({ code, startPage: r.start, endPage: r.end }));
  return {
    bytes,
    pageCount: pack.getPageCount(),
    frontSheetPages: frontPages,
    items,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    frontSheet: frontBytes,
  };
}

// The input as key text (every paper's content, uploads by their hash), made once per input and while the worker lays
// out, not between the last papers' arrival and the front sheet's request: the public and the confidential pack of a
// publication are built from the same input.
const inputTexts = new WeakMap<PackInput, string>();

function inputText(input: PackInput): string {
  let text = inputTexts.get(input);
  if (text === undefined) {
    text = contentText(input);
    inputTexts.set(input, text);
  }
  return text;
}

/** The units with their page counts, and what splices the last laid-out document into the pack (its pages). */
async function layOutPapers(pack: PDFDocument, input: PackInput, audience: Audience, mode: Mode, ctx: PaperContext, structure: PackStructure): Promise<{ units: Unit[]; spliceLast: () => void }> {
  const units: Unit[] = [];
  const uploads: { unit: Unit; paper: Extract<Paper, { kind: 'pdf' }> }[] = [];
  const structured: { unit: Unit; paper: StructuredPaper }[] = [];
  for (const section of orderedSections(input)) {
    for (const item of section.items) {
      if (!mode.include(item) || !item.papers.length) continue;
      const exempt = isExemptItem(item, section);
      const itemParagraphs = item.exemptParagraphs ?? [];
      let first = true;
      if (exempt && audience === 'public') {
        // Nothing of the exempt papers is read, rendered or copied: only the placeholder. The public record of a
        // decision taken on the item follows it, as printed for everyone.
        const records = item.papers.filter(isPublicRecord);
        if (records.length < item.papers.length) {
          units.push({ item, exempt, paragraphs: itemParagraphs, source: 'restricted', pages: 1, firstOfItem: true });
          first = false;
        }
        for (const paper of records) {
          const unit: Unit = { item, exempt: false, paragraphs: [], source: [], pages: 0, firstOfItem: first };
          first = false;
          units.push(unit);
          if (paper.kind === 'pdf') uploads.push({ unit, paper });
          else structured.push({ unit, paper });
        }
        continue;
      }
      for (const paper of item.papers) {
        // A paper exempt in its own right (an exempt appendix on an unrestricted item): a placeholder for it alone
        // in the public pack, its bytes never read; stamped NOT FOR PUBLICATION in the confidential one.
        const own = paperOwnExemption(paper);
        const paperExempt = (exempt && !isPublicRecord(paper)) || own !== null;
        const paragraphs = own?.length ? own : itemParagraphs;
        if (own !== null && audience === 'public') {
          units.push({ item, exempt: true, paragraphs, source: 'restricted', pages: 1, firstOfItem: first });
          first = false;
          continue;
        }
        const unit: Unit = { item, exempt: paperExempt, paragraphs, source: [], pages: 0, firstOfItem: first };
        first = false;
        units.push(unit);
        if (paper.kind === 'pdf') uploads.push({ unit, paper });
        else structured.push({ unit, paper });
      }
    }
  }
  // The generated papers in two documents laid out one after the other on the worker thread while this one reads the
  // uploads and takes in the first; each is laid out once per content (a rebuild reuses it).
  const layOut = (part: typeof structured) => {
    const papers = part.map((s) => s.paper);
    const laidOut = renderedOnce(contentKey('papers', contentText({ papers, ctx })), () => layOutElsewhere(papers, ctx), (l) => l.size);
    // Settled here too, so that an early failure (an upload that cannot be read) leaves no rejection unhandled.
    laidOut.catch(() => undefined);
    return laidOut;
  };
  const cut = splitPoint(structured.map((s) => s.paper));
  const [first, second] = [structured.slice(0, cut), structured.slice(cut)];
  const firstLaidOut = first.length ? layOut(first) : undefined;
  const secondLaidOut = second.length ? layOut(second) : undefined;
  for (const { unit, paper } of uploads) {
    await yieldToLoop();
    const source = await loadUploadedPdf(paper.bytes, paper.fileName ?? `${paper.title} (item ${unit.item.code})`);
    unit.source = await copyInto(pack, source, source.getPageIndices(), unit.item);
    structure.copied(source, source.getPageIndices(), unit.source);
    unit.pages = unit.source.length;
  }
  inputText(input); // while the worker lays out
  // The laid-out objects are written into the pack as they are: never serialised, parsed and copied again.
  const copyPart = (part: typeof structured, laidOut: LaidOut) => {
    const pages = spliceInto(pack, deflateStreams(laidOut), structure);
    const { starts } = laidOut;
    part.forEach(({ unit }, i) => {
      unit.source = pages.slice(starts[i], starts[i + 1] ?? pages.length);
      unit.pages = unit.source.length;
    });
  };
  if (firstLaidOut) copyPart(first, await firstLaidOut);
  if (!secondLaidOut) return { units, spliceLast: () => undefined };
  const last = await secondLaidOut;
  second.forEach(({ unit }, i) => {
    unit.pages = (last.starts[i + 1] ?? last.pages.length) - last.starts[i];
  });
  return { units, spliceLast: () => copyPart(second, last) };
}

/** The public record of a decision taken in private, and never with exempt paragraphs of its own (an exempt part). */
function isPublicRecord(paper: Paper): boolean {
  return (paper.kind === 'pdf' || paper.kind === 'decision') && !!paper.publicRecord && paperOwnExemption(paper) === null;
}

/** Every paper starts on an odd printed page; the gaps become blank pages. */
function placeOnPages(units: Unit[]): Placed[] {
  let next = 1;
  return units.map((u) => {
    if (next % 2 === 0) next++;
    const placed = { ...u, start: next };
    next += u.pages;
    return placed;
  });
}

async function copyInto(pack: PDFDocument, source: PDFDocument, indices: number[], item: AgendaItem): Promise<PDFPage[]> {
  try {
    return await pack.copyPages(source, indices);
  } catch (e) {
    throw new PackError([{
      severity: 'error', where: `item ${item.code}`,
      message: `a paper could not be merged (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
    }]);
  }
}

function setMetadata(pack: PDFDocument, input: PackInput, audience: Audience, mode: Mode): void {
  const what = mode.supplementary ? 'Supplementary agenda' : 'Agenda';
  const title = `${input.bodyName} \u2013 ${what} \u2013 ${longDate(input.meetingDate)}`;
  pack.setTitle(audience === 'confidential' ? `${title} (NOT FOR PUBLICATION)` : title, { showInWindowTitleBar: true });
  pack.setLanguage('en-GB');
  pack.setAuthor(input.councilName);
  pack.setSubject(`${what} pack for the ${input.bodyName}, ${longDate(input.meetingDate)}, ${input.venue}`);
  pack.setCreator('Moot');
  pack.setProducer('Moot');
  // Dates from the input keep the bytes (and sha256) reproducible for the same input.
  const published = parseIsoDate(mode.publicationDate, 'publication date');
  pack.setCreationDate(published);
  pack.setModificationDate(published);
}
