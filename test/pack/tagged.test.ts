// Generated PDFs are tagged (a structure tree reaching every page's text), embed their fonts, carry a title shown
// in the title bar and en-GB, and keep every Welsh character.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { buildPack } from '../../src/pack/index.js';
import { renderStandalone } from '../../src/pack/papers.js';
import { makeMeeting, minutes } from './fixture.js';
import { readPack } from './read-pdf.js';

const WELSH = 'Gŵyl y Dŷ: â ê î ô û ï ë';

function poppler(bytes: Uint8Array): { info: string; fonts: string } | null {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'moot-tagged-'));
    const file = join(dir, 'x.pdf');
    writeFileSync(file, bytes);
    return { info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }), fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }) };
  } catch {
    return null; // poppler-utils absent: the structure checks below still run
  }
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
    const p = poppler(pack.bytes);
    if (p) {
      expect(p.info).toMatch(/^Tagged:\s+yes/m);
      // Every font Moot embeds is embedded; only the test's own uploaded papers use unembedded Helvetica.
      const ours = p.fonts.split('\n').filter((l) => /NotoSans/.test(l));
      expect(ours.length).toBeGreaterThan(0);
      for (const l of ours) expect(l).toMatch(/\byes\b/);
    }
  });

  it('printed minutes: tagged with headings and a title', async () => {
    const m = minutes();
    const doc = await renderStandalone([{ ...m, status: { kind: 'draft' } }], { councilName: WELSH }, { title: `Minutes – ${WELSH}`, date: '2026-12-07' });
    const s = await structure(doc.bytes);
    expect(s.tagged).toBe(true);
    expect(s.title).toBe(`Minutes – ${WELSH}`);
    for (const t of ['H1', 'H2', 'H3', 'P']) expect([...s.tagsUsed]).toContain(t);
    const p = poppler(doc.bytes);
    if (p) {
      expect(p.info).toMatch(/^Tagged:\s+yes/m);
      for (const l of p.fonts.split('\n').slice(2).filter(Boolean)) expect(l).toMatch(/ yes /);
    }
  });
});
