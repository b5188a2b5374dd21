// .txt/.md packs: decoded whatever their encoding, split into pages on form feeds, furniture set aside
// only where page breaks make it recognisable.
import { describe, expect, it } from 'vitest';
import { readPackBytes } from '../../../src/importer/read/index.js';
import { decodeText, decodeWindows1252, splitPages } from '../../../src/importer/read/decode-text.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decoding text', () => {
  it('drops a UTF-8 byte-order mark and turns CRLF into LF', async () => {
    const pack = await readPackBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('AGENDA\r\n1. Apologies\r\n')]), 'agenda.txt');
    expect(pack.kind).toBe('text');
    expect(pack.pages).toEqual(['AGENDA\n1. Apologies\n']);
    expect(pack.warnings).toBeUndefined();
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, and says so', async () => {
    // “Chairman’s allowance – £300” in Windows-1252
    const bytes = new Uint8Array([0x93, ...utf8('Chairman'), 0x92, ...utf8('s allowance '), 0x96, 0x20, 0xa3, ...utf8('300'), 0x94]);
    const pack = await readPackBytes(bytes, 'minutes.txt');
    expect(pack.pages[0]).toBe('“Chairman’s allowance – £300”');
    expect(pack.warnings?.[0].message).toMatch(/not valid UTF-8; it was read as Windows-1252/);
  });

  it('reads UTF-16 with a byte-order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Cabinet – 9 January', 'utf16le')]);
    expect(decodeText(le)).toEqual({ text: 'Cabinet – 9 January', encoding: 'utf-16le' });
  });

  it('decodes every Windows-1252 byte the way Windows does', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const text = decodeWindows1252(all);
    expect(text).toHaveLength(256);
    expect(text.charAt(0x80)).toBe('€');
    expect(text.charAt(0x96)).toBe('–');
    expect(text.charAt(0xa3)).toBe('£');
    expect(text.charAt(0x41)).toBe('A');
  });

  it('splits pages on form feeds; a trailing form feed adds no page', () => {
    expect(splitPages('one\fsecond\r\npage\f')).toEqual(['one', 'second\npage']);
    expect(splitPages('only')).toEqual(['only']);
  });
});

describe('text packs with pages', () => {
  it('passes a single-page text through as written', async () => {
    const text = 'AGENDA\n\n  Merlin Waste\n\n\n12\n';
    const pack = await readPackBytes(utf8(text), 'agenda.md');
    expect(pack.pages).toEqual([text]);
    expect(pack.pageNumbers).toEqual([null]);
    expect(pack.blankPages).toEqual([]);
  });

  it('sets aside running headers and page numbers of pdftotext output', async () => {
    const page = (n: number, body: string) => `Example County Council\n\n${body}\n\nPage ${n}\n`;
    const text = [
      page(1, 'Minutes of the meeting held on 3 March 2025'),
      page(2, '1. Apologies for absence\nNone.'),
      'Example County Council\n\nThis page is intentionally left blank\n\nPage 3\n',
      '\n\n',
      page(5, '2. Declarations of interest'),
    ].join('\f');
    const pack = await readPackBytes(utf8(text), 'pack.txt');
    expect(pack.pages).toEqual([
      'Minutes of the meeting held on 3 March 2025',
      '1. Apologies for absence\nNone.',
      'This page is intentionally left blank',
      '',
      '2. Declarations of interest',
    ]);
    expect(pack.pageNumbers).toEqual([1, 2, 3, null, 5]);
    expect(pack.blankPages).toEqual([3, 4]);
  });

  it('reads a PDF even when it was given a .txt name', async () => {
    const { pdfBytes } = await import('./pdfs.js');
    const pack = await readPackBytes(await pdfBytes((d) => d.text('1. Apologies')), 'misnamed.txt');
    expect(pack.kind).toBe('pdf');
    expect(pack.pages[0]).toBe('1. Apologies');
  });
});
