import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, degrees } from 'pdf-lib';
import { PackError, buildPack, buildSupplementaryPack, type BuiltPack, type PackInput } from '../../src/pack/index.js';
import { clearLayoutCache } from '../../src/pack/layout-cache.js';
import type { LaidOut } from '../../src/pack/laid-out.js';
import { layOutForPack } from '../../src/pack/papers.js';
import { renderFrontSheet, type ItemStatus } from '../../src/pack/front-sheet.js';
import { layOutElsewhere, renderFrontSheetElsewhere, splitPoint } from '../../src/pack/render-parallel.js';
import { EXEMPT_MARKERS, makeMeeting, makeUploadedPdf, report } from './fixture.js';
import { catalogLang, everyString, readPack, type ReadPack } from './read-pdf.js';

const BLANK = 'This page is intentionally left blank';

/** Physical index of printed page 1: the first page stamped "Page 1". */
function frontSheetPages(read: ReadPack): number {
  const i = read.pages.findIndex((p) => p.lines.includes('Page 1'));
  expect(i).toBeGreaterThan(0);
  return i;
}

function rangeOnFrontSheet(read: ReadPack, front: number, code: string): string | undefined {
  const lines = read.pages.slice(0, front).flatMap((p) => p.lines);
  const line = lines.find((l) => l.startsWith(`${code} `));
  return line?.match(/\((Pages? [\d -]+|to follow|withdrawn)\)$/)?.[1];
}

describe('agenda pack', () => {
  let input: PackInput;
  let pub: BuiltPack;
  let conf: BuiltPack;
  let pubRead: ReadPack;
  let confRead: ReadPack;

  beforeAll(async () => {
    input = await makeMeeting();
    pub = await buildPack(input, { audience: 'public' });
    conf = await buildPack(input, { audience: 'confidential' });
    pubRead = await readPack(pub.bytes);
    confRead = await readPack(conf.bytes);
  });

  it('stamps "Page N" on every page after the front sheet, and never on the front sheet', () => {
    for (const [built, read] of [[pub, pubRead], [conf, confRead]] as const) {
      const front = frontSheetPages(read);
      expect(front % 2).toBe(0); // page 1 is a right-hand page
      expect(read.pages.length).toBe(built.pageCount);
      read.pages.forEach((p, i) => {
        const stamps = p.lines.filter((l) => /^Page \d+$/.test(l));
        if (i < front) expect(stamps).toEqual([]);
        else expect(stamps).toEqual([`Page ${i - front + 1}`]);
      });
      expect((read.pages.length - front) % 2).toBe(0);
      // The front sheet is three pages here: the leaf is filled with a blank page, unnumbered, before page 1.
      expect(read.pages[front - 1].text).toContain(BLANK);
      expect(read.pages[front - 2].text).not.toContain(BLANK);
    }
  });

  it('starts every paper on an odd page and pads with blank pages', () => {
    const front = frontSheetPages(confRead);
    const printed = (n: number) => confRead.pages[front + n - 1];
    for (const item of conf.items) {
      expect(item.startPage % 2, `item ${item.code}`).toBe(1);
      expect(printed(item.startPage).lines).toContain(`Agenda Item ${item.code}`);
      expect(printed(item.endPage).text).not.toContain(BLANK);
    }
    // B1 has two papers: the uploaded appendix must also start on an odd page.
    const appendixPage = confRead.pages.findIndex((p) => p.lines.includes('Appendix A - Capital programme')) - front + 1;
    expect(appendixPage % 2).toBe(1);
    const b1 = conf.items.find((i) => i.code === 'B1');
    expect(appendixPage).toBeGreaterThan(b1!.startPage);
    expect(appendixPage).toBeLessThanOrEqual(b1!.endPage);
    // Every page that is neither in an item nor the front sheet is a padding page.
    const inItem = (n: number) => conf.items.some((i) => n >= i.startPage && n <= i.endPage);
    for (let n = 1; n <= confRead.pages.length - front; n++) {
      if (!inItem(n)) expect(printed(n).text, `page ${n}`).toContain(BLANK);
    }
  });

  it('prints on the front sheet the page ranges the papers really occupy', () => {
    for (const [built, read] of [[pub, pubRead], [conf, confRead]] as const) {
      const front = frontSheetPages(read);
      for (const item of built.items) {
        const expected = item.startPage === item.endPage ? `Page ${item.startPage}` : `Pages ${item.startPage} - ${item.endPage}`;
        expect(rangeOnFrontSheet(read, front, item.code), `item ${item.code}`).toBe(expected);
        // The item's range begins where its "Agenda Item" mark is, and nowhere else.
        const marked = read.pages.map((p, i) => (p.lines.includes(`Agenda Item ${item.code}`) ? i - front + 1 : 0)).filter(Boolean);
        expect(marked).toEqual([item.startPage]);
      }
      expect(rangeOnFrontSheet(read, front, 'B3')).toBe('to follow');
      expect(rangeOnFrontSheet(read, front, 'B4')).toBe('withdrawn');
      expect(rangeOnFrontSheet(read, front, 'A1')).toBeUndefined();
    }
    // The exempt items' papers take more pages in the members' pack than the placeholder does.
    expect(conf.items.find((i) => i.code === 'E2')!.endPage).toBeGreaterThan(pub.items.find((i) => i.code === 'E2')!.endPage);
  });

  it('prints the front sheet in the council layout', () => {
    const front = frontSheetPages(pubRead);
    const text = pubRead.pages.slice(0, front).map((p) => p.lines.join('\n')).join('\n');
    for (const s of [
      'EXAMPLE COUNTY COUNCIL', 'AGENDA', 'POLICY AND RESOURCES CABINET COMMITTEE', 'Thursday, 12 March 2026, at 10.00 am',
      'Ask for:', 'Gemma Harrow', '03000 111222', 'Membership (12)',
      'Conservative (8): Mr H R Ashdown, MBE (Chairman), Mr D Pennington', 'Vacancy and Mr J N Wexley (Substitute)',
      'Labour (3): Mrs L M Okafor (Vice-Chairman)', 'Parent Governor (2): Mr A Whitlock and Vacancy', 'Webcasting Notice',
      'UNRESTRICTED ITEMS', '(During these items the meeting is likely to be open to the public)', 'A - Committee Business',
      'There are no items for consideration', 'MOTION TO EXCLUDE THE PRESS AND PUBLIC',
      'That under Section 100A of the Local Government Act 1972 the public be excluded', 'paragraphs 3 and 4 of Part 1 of Schedule 12A of the Act',
      'EXEMPT ITEMS', 'Benedict Sallow', 'Head of Democratic Services', 'Tuesday, 3 March 2026',
    ]) expect(text).toContain(s);
    // Unrestricted items come before the motion, exempt ones after.
    expect(text.indexOf('D1 Record of Decision')).toBeLessThan(text.indexOf('MOTION TO EXCLUDE'));
    expect(text.indexOf('E1 Sale of Riverside House')).toBeGreaterThan(text.indexOf('EXEMPT ITEMS'));
  });

  it('bookmarks the agenda and every item with papers, at their first page', () => {
    for (const [built, read] of [[pub, pubRead], [conf, confRead]] as const) {
      const front = frontSheetPages(read);
      expect(read.outline[0]).toEqual({ title: 'Agenda', pageIndex: 0 });
      const items = read.outline.slice(1);
      expect(items.map((o) => o.title.split(' ')[0])).toEqual(built.items.map((i) => i.code));
      for (const item of built.items) {
        const entry = items.find((o) => o.title.startsWith(`${item.code} `));
        expect(entry?.pageIndex).toBe(front + item.startPage - 1);
      }
    }
    expect(pubRead.outline.map((o) => o.title)).toContain('B1 Financial Monitoring 2025/26');
  });

  it('sets the title and the language', async () => {
    expect(pubRead.info.Title).toBe('Policy and Resources Cabinet Committee \u2013 Agenda \u2013 Thursday, 12 March 2026');
    expect(confRead.info.Title).toContain('NOT FOR PUBLICATION');
    expect(pubRead.info.Author).toBe('Example County Council');
    expect(await catalogLang(pub.bytes)).toBe('en-GB');
  });

  it('keeps every trace of the exempt papers out of the public pack', async () => {
    const text = pubRead.pages.map((p) => p.text).join('\n');
    const everything = await everyString(pub.bytes);
    const meta = JSON.stringify(pubRead.info) + JSON.stringify(pubRead.outline);
    for (const marker of EXEMPT_MARKERS) {
      for (const haystack of [text, everything, meta]) expect(haystack.toUpperCase()).not.toContain(marker);
    }
    // The same reading finds the markers in the members' pack, so it is able to see them (generated text is in an
    // embedded font's glyph codes, so it is found by extracting the text; an uploaded PDF's by scanning its strings).
    const confEverything = await everyString(conf.bytes);
    const confText = confRead.pages.map((p) => p.text).join('\n').toUpperCase();
    for (const marker of EXEMPT_MARKERS.slice(0, 2)) expect(confText).toContain(marker);
    expect(confEverything).toContain(EXEMPT_MARKERS[3]); // inside the uploaded PDF's compressed stream
  });

  it('replaces each exempt item with one "Document is Restricted" page in the public pack', () => {
    const front = frontSheetPages(pubRead);
    for (const [code, paras] of [['E1', '3'], ['E2', '3, 4']]) {
      const item = pub.items.find((i) => i.code === code)!;
      expect(item.endPage).toBe(item.startPage);
      const page = pubRead.pages[front + item.startPage - 1];
      expect(page.text).toContain('Document is Restricted');
      expect(page.lines).toContain(`By virtue of paragraph(s) ${paras} of Part 1 of Schedule 12A`);
      expect(page.lines).toContain('of the Local Government Act 1972.');
      expect(page.text).not.toContain('NOT FOR PUBLICATION');
    }
    expect(pubRead.pages.filter((p) => p.text.includes('Document is Restricted'))).toHaveLength(2);
  });

  it('gives members the exempt papers, each page marked NOT FOR PUBLICATION', () => {
    const front = frontSheetPages(confRead);
    const text = confRead.pages.map((p) => p.text).join('\n');
    for (const marker of EXEMPT_MARKERS.filter((m) => m !== EXEMPT_MARKERS[2])) expect(text).toContain(marker);
    expect(text).not.toContain('Document is Restricted');
    for (const item of conf.items) {
      for (let n = item.startPage; n <= item.endPage; n++) {
        const lines = confRead.pages[front + n - 1].lines;
        if (item.code.startsWith('E')) {
          expect(lines, `page ${n}`).toContain('NOT FOR PUBLICATION');
          expect(lines.some((l) => l.startsWith('Exempt information under paragraph(s) 3'))).toBe(true);
        } else {
          expect(lines, `page ${n}`).not.toContain('NOT FOR PUBLICATION');
        }
      }
    }
  });

  it('leaves the papers "to follow" out of the main pack', () => {
    const text = pubRead.pages.map((p) => p.text).join('\n');
    expect(text).not.toContain('Annual Governance Statement 2025/26');
    expect(pub.items.map((i) => i.code)).not.toContain('B3');
  });

  it('is reproducible: the same input gives the same bytes', async () => {
    const again = await buildPack(input, { audience: 'public' });
    expect(again.sha256).toBe(pub.sha256);
    expect(pub.sha256).not.toBe(conf.sha256);
  });

  it('gives the same bytes when papers laid out for an earlier pack are reused as when everything is laid out afresh', async () => {
    clearLayoutCache();
    const cold = await buildPack(input, { audience: 'confidential' });
    const warm = await buildPack(input, { audience: 'confidential' });
    expect(cold.sha256).toBe(conf.sha256);
    expect(warm.sha256).toBe(cold.sha256);
    expect(warm.frontSheet).toEqual(cold.frontSheet);
  });

  it('lays out a paper again when its content changes, and the front sheet when its pages move', async () => {
    const changed = structuredClone(input);
    const report = changed.sections.flatMap((s) => s.items).flatMap((i) => i.papers).find((p) => p.kind === 'report');
    if (report?.kind !== 'report') throw new Error('the fixture has a report');
    report.summary = `${report.summary} A late correction was made to this summary: PEREGRINE.`;
    report.sections[0].paragraphs.push(...Array.from({ length: 40 }, () => 'An added paragraph that makes the report longer than it was.'));
    const rebuilt = await buildPack(changed, { audience: 'public' });
    const read = await readPack(rebuilt.bytes);
    expect(read.pages.map((p) => p.text).join(' ')).toContain('PEREGRINE');
    expect(rebuilt.pageCount).toBeGreaterThan(pub.pageCount);
    const front = frontSheetPages(read);
    const moved = rebuilt.items.find((i) => i.startPage !== pub.items.find((j) => j.code === i.code)?.startPage);
    expect(moved).toBeDefined();
    expect(rangeOnFrontSheet(read, front, moved!.code)).toBe(moved!.startPage === moved!.endPage ? `Page ${moved!.startPage}` : `Pages ${moved!.startPage} - ${moved!.endPage}`);
  });

  it('builds a supplementary pack for the papers that were to follow, numbered from 1', async () => {
    const supp = await buildSupplementaryPack(input, ['B3'], { audience: 'public', publicationDate: '2026-03-09' });
    const read = await readPack(supp.bytes);
    const front = frontSheetPages(read);
    const frontText = read.pages.slice(0, front).map((p) => p.lines.join('\n')).join('\n');
    expect(frontText).toContain('SUPPLEMENTARY AGENDA');
    expect(frontText).toContain('Monday, 9 March 2026');
    expect(rangeOnFrontSheet(read, front, 'B3')).toBe('Pages 1 - 3');
    expect(frontText).not.toContain('Financial Monitoring');
    expect(frontText).not.toContain('EXEMPT ITEMS');
    expect(supp.items).toEqual([{ code: 'B3', startPage: 1, endPage: 3 }]);
    expect(read.pages[front].lines).toContain('Agenda Item B3');
    expect(read.pages[front].text).toContain('Annual Governance Statement 2025/26');
    expect(read.outline.map((o) => o.title)).toEqual(['Supplementary agenda', 'B3 Annual Governance Statement']);
    expect(read.info.Title).toContain('Supplementary agenda');
  });

  it('withholds exempt papers from a public supplementary pack too', async () => {
    const supp = await buildSupplementaryPack(input, ['E2'], { audience: 'public' });
    expect((await everyString(supp.bytes)).toUpperCase()).not.toContain(EXEMPT_MARKERS[3]);
    const read = await readPack(supp.bytes);
    expect(read.pages.map((p) => p.text).join(' ')).toContain('Document is Restricted');
  });

  it('refuses a supplementary pack for items not on the agenda or without papers', async () => {
    await expect(buildSupplementaryPack(input, ['Z9'], { audience: 'public' })).rejects.toThrow(/item Z9: is not on the agenda/);
    await expect(buildSupplementaryPack(input, ['A1'], { audience: 'public' })).rejects.toThrow(/item A1: has no papers/);
  });
});

describe('pack build refusals and odd inputs', () => {
  it('refuses to build when an exempt item gives no paragraph', async () => {
    const input = await makeMeeting();
    input.sections[4].items[0].exemptParagraphs = [];
    const err = await buildPack(input, { audience: 'public' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PackError);
    expect((err as PackError).problems[0]).toMatchObject({ severity: 'error', where: 'item E1' });
    expect((err as Error).message).toMatch(/item E1: is exempt but gives no paragraph/);
  });

  it('gives an exempt paper in an unrestricted item its own "Document is Restricted" page in the public pack (issue 10)', async () => {
    const input = await makeMeeting();
    const b1 = input.sections[1].items[0];
    const report = b1.papers[0];
    if (report.kind !== 'report') throw new Error('fixture changed');
    report.exemptParagraphs = [1];
    const appendix = { kind: 'pdf' as const, title: 'Appendix A', fileName: 'appendix.pdf', documentType: 'appendix' as const, exempt: true, exemptParagraphs: [3],
      bytes: await (async () => {
        const { PDFDocument, StandardFonts } = await import('pdf-lib');
        const d = await PDFDocument.create();
        d.addPage([595, 842]).drawText('QUOLL APPENDIX FIGURES', { x: 50, y: 700, size: 12, font: await d.embedFont(StandardFonts.Helvetica) });
        return d.save();
      })() };
    b1.papers.push(appendix);
    const publicPack = await readPack((await buildPack(input, { audience: 'public' })).bytes);
    const text = publicPack.pages.map((p) => p.text).join('\n');
    expect(text).not.toContain('Financial Monitoring 2025/26 report');
    expect(text).not.toContain('QUOLL');
    expect(publicPack.pages.filter((p) => p.text.includes('Document is Restricted')).length).toBe(4);
    const members = await readPack((await buildPack(input, { audience: 'confidential' })).bytes);
    const membersText = members.pages.map((p) => p.text).join('\n');
    expect(membersText).toContain('QUOLL');
    expect(members.pages.find((p) => p.text.includes('QUOLL'))!.text).toContain('NOT FOR PUBLICATION');
  });

  it('names an unreadable uploaded PDF', async () => {
    const input = await makeMeeting();
    input.sections[1].items[1].papers = [{ kind: 'pdf', title: 'Dashboard', fileName: 'dashboard.docx', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2]), documentType: 'report' }];
    await expect(buildPack(input, { audience: 'public' })).rejects.toThrow(/"dashboard.docx" is not a PDF/);
  });

  it('withholds exempt items listed under an unrestricted section', async () => {
    const input = await makeMeeting();
    const b2 = input.sections[1].items[1];
    b2.exemptParagraphs = [1];
    b2.papers = [{ kind: 'pdf', title: 'x', fileName: 'x.pdf', bytes: await makeUploadedPdf('Personal case', 1, { marker: 'HUMMINGBIRDLATTICE' }), documentType: 'report' }];
    const pub = await buildPack(input, { audience: 'public' });
    expect(await everyString(pub.bytes)).not.toContain('HUMMINGBIRDLATTICE');
  });

  it('stamps rotated uploaded pages and handles a front sheet of any length', async () => {
    const input = await makeMeeting();
    const doc = await PDFDocument.load(await makeUploadedPdf('Rotated plan', 2));
    doc.getPage(1).setRotation(degrees(90));
    input.sections[1].items[1].papers = [{ kind: 'pdf', title: 'Plan', fileName: 'plan.pdf', bytes: await doc.save(), documentType: 'appendix' }];
    // Many items push the front sheet onto three pages; it is padded to four.
    input.sections[2].items = Array.from({ length: 30 }, (_, i) => ({ code: `C${i + 1}`, title: `Petition ${i + 1}`, purpose: 'To receive the petition', toFollow: true, papers: [] }));
    const built = await buildPack(input, { audience: 'public' });
    const read = await readPack(built.bytes);
    const front = frontSheetPages(read);
    expect(front).toBeGreaterThanOrEqual(4);
    expect(front % 2).toBe(0);
    const b2 = built.items.find((i) => i.code === 'B2')!;
    expect(read.pages[front + b2.startPage].lines).toContain(`Page ${b2.startPage + 1}`);
  });
});

describe('agenda pack with long generated papers (laid out on two threads)', () => {
  const long = (n: number) => Array.from({ length: n }, (_, k) => `Paragraph ${k + 1} sets out the position of the service in detail, with the figures the Committee asked for at its last meeting and the risks the officers see ahead.`);
  const subjects = ['Revenue budget monitoring', 'Capital programme update', 'Treasury management review', 'Risk register', 'Workforce plan', 'Asset management strategy'];

  async function longMeeting(): Promise<PackInput> {
    const input = await makeMeeting();
    const reports = subjects.map((s) => report(s, { sections: [{ heading: 'Detail', paragraphs: long(14) }] }));
    input.sections[0].items.push(...reports.map((r, i) => ({ code: `A${10 + i}`, title: r.subject, papers: [r] })));
    return input;
  }

  it('cuts the generated papers in two by their content, and leaves short ones on one thread', async () => {
    const papers = subjects.map((s) => report(s, { sections: [{ heading: 'Detail', paragraphs: long(14) }] }));
    const cut = splitPoint(papers);
    expect(cut).toBeGreaterThan(0);
    expect(cut).toBeLessThan(papers.length);
    expect(splitPoint(papers.slice(0, 1))).toBe(1);
    expect(splitPoint([report('Short one'), report('Short two')])).toBe(2);
  });

  it('lays out on the worker thread exactly what this thread would', async () => {
    const papers = subjects.slice(0, 2).map((s) => report(s, { sections: [{ heading: 'Detail', paragraphs: long(6) }] }));
    const ctx = { councilName: 'Kent County Council' };
    // The same objects, pages, structure and streams, whichever thread laid them out.
    const plain = (l: LaidOut) => ({ ...l, objects: l.objects.map((o) => ({ ...o, stream: o.stream && Buffer.from(o.stream).toString('hex') })) });
    const there = await layOutElsewhere(papers, ctx);
    const here = await layOutForPack(papers, ctx);
    expect(there.starts).toEqual(here.starts);
    expect(there.pages.length).toBeGreaterThan(1);
    expect(plain(there)).toEqual(plain(here));
  });

  it('renders on the worker thread the front sheet this thread would, from the items\' statuses', async () => {
    const input = await longMeeting();
    const statuses = input.sections.map((s) => s.items.map((item, i): ItemStatus => (item.papers.length ? { kind: 'pages', start: 2 * i + 1, end: 2 * i + 2 } : { kind: 'none' })));
    const plan = { audience: 'confidential' as const, supplementary: false, statuses, publicationDate: input.publicationDate };
    const there = await renderFrontSheetElsewhere(input, plan);
    const byItem = new Map(input.sections.flatMap((s, k) => s.items.map((item, i) => [item, statuses[k][i]] as const)));
    const here = await renderFrontSheet(input, { ...plan, status: (item) => byItem.get(item)! });
    expect((await readPack(there)).pages.map((p) => p.text).join('\n')).toContain('Pages 3 - 4');
    expect(Buffer.from(there).equals(Buffer.from(here))).toBe(true);
  });

  it('gives the same bytes on every first build, with each paper on the pages the front sheet prints', async () => {
    const input = await longMeeting();
    clearLayoutCache();
    const first = await buildPack(input, { audience: 'public' });
    clearLayoutCache();
    const again = await buildPack(input, { audience: 'public' });
    expect(again.sha256).toBe(first.sha256);
    const read = await readPack(first.bytes);
    const front = frontSheetPages(read);
    subjects.forEach((subject, i) => {
      const code = `A${10 + i}`;
      const item = first.items.find((it) => it.code === code)!;
      expect(rangeOnFrontSheet(read, front, code)).toBe(item.startPage === item.endPage ? `Page ${item.startPage}` : `Pages ${item.startPage} - ${item.endPage}`);
      expect(read.pages[front + item.startPage - 1].text).toContain(subject);
    });
  });
});
