// The Welsh community council's PDFs from the shared corpus must read like their .txt versions, which
// the parser is tuned on: same item lines, page boundaries kept, page numbers set aside.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPackFile } from '../../../src/importer/read/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const other = join(repoRoot, '..', 'shared', 'corpus', 'other');
const pack = (kind: string, ext: string) => join(other, `uk_wyevalley_cc_${kind}_2019-06-24.${ext}`);

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Lines of the .txt export that start a numbered item ("2714. Financial Report: ..."), first 40 characters. */
const itemStarts = (text: string) =>
  text
    .split('\n')
    .map(norm)
    .filter((l) => /^\d{4}\. /.test(l))
    .map((l) => l.slice(0, 40));

describe.skipIf(!existsSync(other))('Wye Valley packs (shared corpus)', () => {
  it('reads the agenda: one page of text and a blank second page', async () => {
    const read = await readPackFile(pack('agenda', 'pdf'));
    expect(read.kind).toBe('pdf');
    expect(read.pages).toHaveLength(2);
    expect(read.blankPages).toEqual([2]);
    expect(read.pages[1]).toBe('');
    const lines = read.pages[0].split('\n');
    expect(lines[0]).toBe('TINTERN COMMUNITY COUNCIL');
    expect(lines).toContain('on Monday 24th June 2019 at 7.00pm');
    expect(lines).toContain('Elizabeth Greatorex-Davies (Clerk)');
  });

  it('reads the agenda items as the .txt has them', async () => {
    const read = await readPackFile(pack('agenda', 'pdf'));
    const txt = readFileSync(pack('agenda', 'txt'), 'utf8');
    const pdfLines = read.pages.join('\n').split('\n').map(norm);
    const txtLines = txt.split('\n').map(norm).filter(Boolean);
    const missing = txtLines.filter((l) => !pdfLines.includes(l));
    // the .txt runs two planning applications into one line where the PDF has two
    expect(missing.length).toBeLessThanOrEqual(1);
    expect(itemStarts(read.pages.join('\n'))).toEqual(itemStarts(txt));
  });

  it('reads the minutes over four pages, setting aside the page numbers', async () => {
    const read = await readPackFile(pack('minutes', 'pdf'));
    expect(read.pages).toHaveLength(4);
    expect(read.pageNumbers).toEqual([1, 2, 3, 4]);
    expect(read.blankPages).toEqual([4]);
    for (const page of read.pages) expect(page).not.toMatch(/^!?\d{1,2}$/m);
    // a paragraph running over a page break stays split at the boundary
    expect(read.pages[0].split('\n').at(-1)).toMatch(/This application is currently invalid as there is no$/);
    expect(read.pages[1]).toMatch(/^Drainage Report with the application\./);
  });

  it('reads every minute heading as the .txt has it, wrapped lines joined', async () => {
    const read = await readPackFile(pack('minutes', 'pdf'));
    const txt = readFileSync(pack('minutes', 'txt'), 'utf8');
    expect(itemStarts(read.pages.join('\n'))).toEqual(itemStarts(txt));
    const lines = read.pages.join('\n').split('\n');
    expect(lines).toContain('2720. Update of Risk Assessment Report: Cllr Evans & the Clerk carried out an update in May. Clerk & County Cllr Webb to ask Carl Touhig. MCC to remove the bin on Forge Road as it is in a state of disrepair.');
    expect(lines).toContain('Present: Cllrs Hayward (in the chair), Hillard, Evans, Richards, Cobb, County Cllr Webb & the Clerk.');
  });
});
