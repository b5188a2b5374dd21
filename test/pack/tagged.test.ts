// Generated PDFs are tagged (a structure tree reaching every page's text), embed their fonts, carry a title shown
// in the title bar and en-GB, and keep every Welsh character.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { buildPack } from '../../src/pack/index.js';
import { renderStandalone, type StructuredPaper } from '../../src/pack/papers.js';
import { makeMeeting, minutes, report } from './fixture.js';
import { readPack } from './read-pdf.js';
import { pdfText } from '../helpers/pdf-text.js';

const WELSH = 'Gŵyl y Dŷ: â ê î ô û ï ë';

/** pdfinfo and pdffonts (poppler-utils, which .ci/run installs) on the bytes; MOOT_PDF_PNG=dir also renders each page at 50 dpi to look at. */
function poppler(bytes: Uint8Array, name: string): { info: string; fonts: string } {
  const dir = mkdtempSync(join(tmpdir(), 'moot-tagged-'));
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  if (process.env.MOOT_PDF_PNG) execFileSync('pdftoppm', ['-r', '50', '-png', file, join(process.env.MOOT_PDF_PNG, name)]);
  return { info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }), fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }) };
}

/** Tagged: yes, and every font Moot typesets with (Noto Sans) embedded; with `onlyOurs` false, every font at all. */
function expectTaggedWithEmbeddedFonts(bytes: Uint8Array, name: string, onlyOurs = false): void {
  const p = poppler(bytes, name);
  expect(p.info, name).toMatch(/^Tagged:\s+yes/m);
  const rows = p.fonts.split('\n').slice(2).filter(Boolean);
  const ours = rows.filter((l) => /NotoSans/.test(l));
  expect(ours.length, `${name}: fonts\n${p.fonts}`).toBeGreaterThan(0);
  // pdffonts columns: name, type, encoding, emb, sub, uni, object ID; "emb" is the first yes/no.
  for (const l of onlyOurs ? ours : rows) expect(l.match(/\b(yes|no)\b/)?.[1], `${name}: ${l}`).toBe('yes');
}

async function structure(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const mark = doc.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  const viewer = doc.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  const tagsUsed = new Set<string>();
  const walk = (d: PDFDict | undefined, depth = 0): void => {
    if (!d || depth > 40) return;
    const s = d.get(PDFName.of('S'));
    if (s instanceof PDFName) tagsUsed.add(s.decodeText());
    const k = d.get(PDFName.of('K'));
    const kids = k ? (typeof (k as { asArray?: unknown }).asArray === 'function' ? (k as unknown as { asArray(): unknown[] }).asArray() : [k]) : [];
    for (const kid of kids) {
      const resolved = doc.context.lookup(kid as never);
      if (resolved instanceof PDFDict && resolved.get(PDFName.of('Type')) !== PDFName.of('MCR')) walk(resolved, depth + 1);
    }
  };
  walk(root);
  return { tagged: !!root && String(mark?.get(PDFName.of('Marked'))) === 'true', lang: String(doc.catalog.get(PDFName.of('Lang')) ?? ''), displayTitle: String(viewer?.get(PDFName.of('DisplayDocTitle'))), tagsUsed, title: doc.getTitle() };
}

describe('tagged, accessible PDFs', () => {
  it('packs: structure tree over the front sheet, papers and restricted page; fonts embedded; title and language', async () => {
    const input = await makeMeeting();
    input.councilName = `Cyngor ${WELSH}`;
    const pack = await buildPack(input, { audience: 'public' });
    const s = await structure(pack.bytes);
    expect(s.tagged).toBe(true);
    expect(s.lang).toContain('en-GB');
    expect(s.displayTitle).toBe('true');
    for (const t of ['Document', 'H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD']) expect([...s.tagsUsed], t).toContain(t);
    const text = (await readPack(pack.bytes)).pages.map((p) => p.text).join('\n');
    expect(text).toContain(WELSH.toUpperCase());
    // Every font Moot embeds is embedded; only the test's own uploaded papers use unembedded Helvetica.
    expectTaggedWithEmbeddedFonts(pack.bytes, 'pack', true);
    // The agenda frontsheet published on its own.
    const front = await structure(pack.frontSheet);
    expect(front.tagged).toBe(true);
    expect(front.lang).toContain('en-GB');
    for (const t of ['H1', 'P']) expect([...front.tagsUsed], t).toContain(t);
    expectTaggedWithEmbeddedFonts(pack.frontSheet, 'frontsheet');
  });

  it('printed minutes: tagged with headings and a title', async () => {
    const m = minutes();
    const doc = await renderStandalone([{ ...m, status: { kind: 'draft' } }], { councilName: WELSH }, { title: `Minutes – ${WELSH}`, date: '2026-12-07' });
    const s = await structure(doc.bytes);
    expect(s.tagged).toBe(true);
    expect(s.title).toBe(`Minutes – ${WELSH}`);
    for (const t of ['H1', 'H2', 'H3', 'P']) expect([...s.tagsUsed]).toContain(t);
    expectTaggedWithEmbeddedFonts(doc.bytes, 'minutes');
  });

  it('printed minutes of a meeting with no venue recorded say it was held on its date, with no gap for a venue', async () => {
    const m = minutes();
    const doc = await renderStandalone([{ ...m, venue: '', status: { kind: 'draft' } }], { councilName: 'Example County Council' }, { title: 'Minutes', date: '2026-12-07' });
    const text = (await readPack(doc.bytes)).pages.map((p) => p.text).join(' ');
    expect(text).toContain(`${m.bodyName} held on`);
    expect(text).not.toMatch(/held in the\s+on/);
  });

  // Each generated kind printed on its own, with the tags its content calls for.
  const kinds: { name: string; paper: StructuredPaper; tags: string[] }[] = [
    { name: 'report', paper: report(`Revenue monitoring – ${WELSH}`), tags: ['H1', 'P', 'Table', 'TH', 'TD', 'L', 'LI'] },
    { name: 'record-of-decision', paper: {
      kind: 'decision', number: '26/00123', decisionTaker: 'Cabinet', date: '2026-12-07', subject: `Library opening hours – ${WELSH}`, keyDecision: true,
      classification: 'exempt-information', decision: ['agree the opening hours set out in the report;'], decisionParts: ['from April', 'with a review'],
      reasons: ['The consultation favoured longer Saturday hours.'], alternativesConsidered: [], backgroundDocuments: ['Consultation report'],
    }, tags: ['H1', 'P'] },
    { name: 'call-in-cover', paper: {
      kind: 'call-in-cover', title: 'Call-in of decision 26/00123', from: ['Head of Democratic Services'], to: { body: 'Scrutiny Committee', date: '2026-12-15' },
      decision: { number: '26/00123', subject: `Library opening hours – ${WELSH}`, taker: 'Cabinet', takenOn: '2026-12-07', publishedOn: '2026-12-08', keyDecision: true, text: ['Agree the opening hours.'] },
      calledInBy: ['Mr A Jones', 'Mrs B Smith', 'Ms C Evans'], calledInOn: '2026-12-10', reasons: ['The rural branches were not consulted.'], background: ['The Cabinet agreed the hours on 7 December.'],
      guests: [{ name: 'Mr D Price', role: 'Cabinet Member', timeSlot: '10am' }], options: [{ letter: 'a', text: 'make no comments' }, { letter: 'b', text: 'express comments' }],
    }, tags: ['H1', 'P', 'L', 'LI'] },
    { name: 'follow-up-schedule', paper: {
      kind: 'follow-up-schedule', title: 'Follow-up Schedule', bodyName: 'Scrutiny Committee', date: '2026-12-15',
      entries: [{ title: `Libraries – ${WELSH}`, portfolio: 'Communities', consideredOn: '2026-09-01', recommendations: [
        { label: 'a', text: 'Publish the branch visits.', verdict: 'Accepted', responses: [{ round: 1, text: 'Published in October.', respondedOn: '2026-10-01', dateActioned: '1 October 2026' }] },
      ] }],
    }, tags: ['H1', 'Table', 'TH', 'TD'] },
    { name: 'work-programme', paper: {
      kind: 'work-programme', title: 'Work Programme', bodyName: 'Scrutiny Committee', date: '2026-12-15',
      meetings: [{ date: '2027-01-19', items: [{ title: `Libraries – ${WELSH}`, lead: 'Mr D Price' }] }], unscheduled: [{ title: 'Highways maintenance' }],
    }, tags: ['H1', 'Table', 'TH', 'TD'] },
    { name: 'data-report', paper: { kind: 'data-report', title: 'Performance dashboard', model: {
      title: 'Performance dashboard', subtitle: `Quarter 2 – ${WELSH}`, sentences: ['Four of five indicators met their target.'], draft: false,
      charts: [{ kind: 'line', title: 'Library visits', unit: 'visits', points: [{ label: 'Q1', value: 1100 }, { label: 'Q2', value: 1204 }], target: 1150, floor: 1000, description: 'Library visits rose from 1,100 in Q1 to 1,204 in Q2, above the target of 1,150.' }],
      tables: [{ caption: 'Key Performance Indicators', headers: ['Ref', 'Indicator', 'Result'], rows: [[{ text: 'LIB01', strong: true }, { text: 'Library visits' }, { text: '1,204', numeric: true }]] }],
    } }, tags: ['H1', 'P', 'Table', 'Caption', 'TR', 'TH', 'TD', 'Figure'] },
  ];
  for (const k of kinds) {
    it(`${k.name}: tagged with ${k.tags.join(', ')}, a title, en-GB and Noto Sans embedded`, async () => {
      const doc = await renderStandalone([k.paper], { councilName: 'Example County Council' }, { title: `${k.name} – ${WELSH}`, date: '2026-12-07' });
      const s = await structure(doc.bytes);
      expect(s.tagged).toBe(true);
      expect(s.lang).toContain('en-GB');
      expect(s.title).toBe(`${k.name} – ${WELSH}`);
      for (const t of k.tags) expect([...s.tagsUsed], t).toContain(t);
      expectTaggedWithEmbeddedFonts(doc.bytes, k.name);
      // Papers the council issues in its own name begin with it; an officer's report begins "By: … To: …".
      const first = pdfText(doc.bytes).split('\n').map((l) => l.trim()).find(Boolean);
      if (k.name !== 'report') expect(first, k.name).toBe('EXAMPLE COUNTY COUNCIL');
    });
  }
});
