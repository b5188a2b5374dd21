// Every kind of bad input ends in an ImportInputError naming the file (and page) and saying what to do.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportInputError, readPackBytes, readPackFile } from '../../../src/importer/read/index.js';
import { noisePng, PARAGRAPH, pdfBytes } from './pdfs.js';

const dir = mkdtempSync(join(tmpdir(), 'moot-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function put(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function failure(p: Promise<unknown>): Promise<ImportInputError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImportInputError);
    const err = e as ImportInputError;
    // a message for people: one line, no stack frames
    expect(err.message).not.toMatch(/\n\s+at /);
    expect(err.message.split('\n')).toHaveLength(1);
    return err;
  }
  throw new Error('expected an ImportInputError, but reading succeeded');
}

const textPdf = () => pdfBytes((doc) => doc.font('Helvetica').fontSize(11).text(`Agenda\n\n1. Apologies\n\n${PARAGRAPH}`));

describe('reading a pack that is not there', () => {
  it('names a missing file', async () => {
    const path = join(dir, 'no-such-pack.pdf');
    const err = await failure(readPackFile(path));
    expect(err.file).toBe(path);
    expect(err.message).toMatch(/^no-such-pack\.pdf: No such file\. Check the path/);
  });

  it('refuses a directory', async () => {
    const path = join(dir, 'a-folder.pdf');
    mkdirSync(path);
    const err = await failure(readPackFile(path));
    expect(err.detail).toMatch(/is a directory, not a file/);
  });
});

describe('reading a file that is not a pack', () => {
  it('refuses an empty file', async () => {
    const err = await failure(readPackFile(put('empty.pdf', '')));
    expect(err.detail).toMatch(/empty \(0 bytes\)/);
  });

  it('refuses a text file with nothing but blank space', async () => {
    const err = await failure(readPackFile(put('blank.txt', ' \r\n\f\n  ')));
    expect(err.detail).toMatch(/no text/);
  });

  it('refuses binary junk', async () => {
    const junk = new Uint8Array(4000).map((_, i) => (i * 7919 + 13) % 256);
    const err = await failure(readPackFile(put('junk.pdf', junk)));
    expect(err.detail).toMatch(/binary data, not a PDF or a text file/);
  });

  it('says what a Word file is and what to do with it', async () => {
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]);
    const err = await failure(readPackFile(put('agenda.docx', docx)));
    expect(err.detail).toMatch(/Word/);
    expect(err.detail).toMatch(/export it as PDF/);
  });

  it('spots a web page saved as .pdf', async () => {
    const err = await failure(readPackFile(put('pack.pdf', '<!DOCTYPE html><html><body>Sign in</body></html>')));
    expect(err.detail).toMatch(/web page \(HTML\)/);
  });

  it('refuses a file over the size limit, before reading it', async () => {
    const bytes = await textPdf();
    const err = await failure(readPackFile(put('big.pdf', bytes), { maxBytes: 1000 }));
    expect(err.detail).toMatch(/The file is \d+ KB, over the 1 KB limit/);
    expect(err.detail).toMatch(/maxBytes/);
    const err2 = await failure(readPackBytes(bytes, 'big.pdf', { maxBytes: 1000 }));
    expect(err2.detail).toMatch(/limit/);
  });

  it('accepts the same file under the default limit', async () => {
    const pack = await readPackFile(put('fine.pdf', await textPdf()));
    expect(pack.pages[0]).toContain('1. Apologies');
  });
});

describe('reading a damaged or protected PDF', () => {
  it('refuses a truncated PDF', async () => {
    const bytes = await textPdf();
    const err = await failure(readPackFile(put('cut.pdf', bytes.subarray(0, Math.floor(bytes.length * 0.6)))));
    expect(err.detail).toMatch(/incomplete/);
    expect(err.detail).toMatch(/Download the pack again/);
  });

  it('refuses a PDF whose insides are corrupt', async () => {
    const bytes = Buffer.from(await textPdf());
    // keep the header and the end marker, wreck everything between
    for (let i = 20; i < bytes.length - 40; i++) bytes[i] = 0x41 + (i % 26);
    const err = await failure(readPackFile(put('corrupt.pdf', bytes)));
    expect(err.detail).toMatch(/damaged/);
    expect(err.detail).toMatch(/Download the pack again|re-save/);
  });

  it('refuses a password-protected PDF', async () => {
    const bytes = await pdfBytes((doc) => doc.text('Exempt report'), { userPassword: 'secret', ownerPassword: 'owner', pdfVersion: '1.7' });
    const err = await failure(readPackFile(put('locked.pdf', bytes)));
    expect(err.detail).toMatch(/password-protected/);
    expect(err.detail).toMatch(/unprotected copy/);
  });

  it('reads a PDF that only restricts printing or copying (no password to open)', async () => {
    const bytes = await pdfBytes((doc) => doc.text('1. Apologies for absence'), { ownerPassword: 'owner', permissions: { printing: 'lowResolution' } });
    const pack = await readPackFile(put('restricted.pdf', bytes));
    expect(pack.pages[0]).toContain('Apologies for absence');
  });
});

describe('reading a scanned PDF', () => {
  it('refuses a PDF whose pages are all images, saying OCR is needed', async () => {
    const png = noisePng();
    const bytes = await pdfBytes((doc) => {
      doc.image(png, 72, 72, { width: 400 });
      doc.addPage();
      doc.image(png, 72, 72, { width: 400 });
    });
    const err = await failure(readPackFile(put('scan.pdf', bytes)));
    expect(err.detail).toMatch(/no text layer/);
    expect(err.detail).toMatch(/all 2 pages are scanned images/);
    expect(err.detail).toMatch(/OCR/);
  });

  it('reads a PDF with some scanned pages, warning about each of them', async () => {
    const png = noisePng();
    const bytes = await pdfBytes((doc) => {
      doc.text('1. Apologies for absence');
      doc.addPage();
      doc.image(png, 72, 72, { width: 400 });
      doc.addPage();
      doc.text('2. Minutes');
    });
    const pack = await readPackFile(put('part-scan.pdf', bytes));
    expect(pack.pages).toHaveLength(3);
    expect(pack.imageOnlyPages).toEqual([2]);
    expect(pack.blankPages).toEqual([]);
    expect(pack.warnings).toHaveLength(1);
    expect(pack.warnings![0].page).toBe(2);
    expect(pack.warnings![0].message).toMatch(/Page 2 has no text layer.*OCR/);
  });

  it('refuses a PDF with no text at all', async () => {
    const bytes = await pdfBytes((doc) => doc.rect(100, 100, 200, 200).fill('#333'));
    const err = await failure(readPackFile(put('shapes.pdf', bytes)));
    expect(err.detail).toMatch(/No text was found on any of its 1 page/);
  });
});

describe('reading bytes handed over in memory', () => {
  it('accepts a Node Buffer and leaves it untouched', async () => {
    const buffer = Buffer.from(await textPdf());
    const before = Buffer.from(buffer);
    const pack = await readPackBytes(buffer, 'upload.pdf');
    expect(pack.source).toBe('upload.pdf');
    expect(pack.pages[0]).toContain('1. Apologies');
    expect(buffer.equals(before)).toBe(true);
  });
});
