import { beforeAll, describe, expect, it } from 'vitest';
import PDFKitDocument from 'pdfkit';
import { PDFDocument } from 'pdf-lib';
import { validatePack, validateUploadedPdf, weekdaysBetween, type PackInput } from '../../src/pack/index.js';
import { makeMeeting, makeUploadedPdf, report } from './fixture.js';

const errors = (input: PackInput, opts = {}) => validatePack(input, opts).filter((p) => p.severity === 'error');

describe('validatePack', () => {
  let input: PackInput;
  beforeAll(async () => {
    input = await makeMeeting();
  });
  const fresh = (): PackInput => structuredClone(input);

  it('finds no errors in a well-formed meeting', () => {
    expect(errors(input)).toEqual([]);
    // E2 has no public interest reason recorded: a warning, not an error.
    expect(validatePack(input)).toContainEqual(expect.objectContaining({ severity: 'warning', where: 'item E2' }));
  });

  it('counts clear working days without the day of publication or of the meeting', () => {
    expect(weekdaysBetween('2026-03-03', '2026-03-12')).toBe(6); // Tue → Thu of the next week
    expect(weekdaysBetween('2026-03-05', '2026-03-12')).toBe(4);
    expect(weekdaysBetween('2026-03-06', '2026-03-13')).toBe(4);
    expect(weekdaysBetween('2026-03-11', '2026-03-12')).toBe(0);
  });

  it('flags late publication as an error without a reason and a warning with one', () => {
    const late = { publishedOn: '2026-03-06', meetingDate: '2026-03-12' };
    expect(errors(input, late)).toEqual([
      { severity: 'error', where: 'meeting', message: 'published 3 clear working days before the meeting (at least 5 are required), and no reason for late publication is recorded' },
    ]);
    const withReason = validatePack(input, { ...late, lateReason: 'Budget figures were not available until 5 March' });
    expect(withReason.filter((p) => p.where === 'meeting')).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('late publication reason recorded: Budget figures') }),
    ]);
    expect(errors(input, { publishedOn: '2026-03-04' })).toEqual([]); // exactly five clear days
  });

  it('counts bank holidays as non-working days by default', () => {
    const easter = { ...fresh(), meetingDate: '2026-04-10', publicationDate: '2026-04-01' };
    for (const s of easter.sections) for (const it of s.items) for (const p of it.papers) if (p.kind === 'report') p.to.date = '2026-04-10';
    expect(weekdaysBetween('2026-04-01', '2026-04-10')).toBe(6);
    expect(errors(easter).map((p) => p.message)).toEqual([
      'published 4 clear working days before the meeting (at least 5 are required), and no reason for late publication is recorded',
    ]);
  });

  it('uses the council calendar when one is given', () => {
    // A calendar with bank holidays that leave only four clear days.
    const calendar = (a: string, b: string) => (a === '2026-03-03' && b === '2026-03-12' ? 4 : 99);
    expect(errors(input, { workingDayCheck: calendar })[0]?.message).toMatch(/published 4 clear working days/);
  });

  it('refuses publication on or after the meeting day', () => {
    expect(errors(input, { publishedOn: '2026-03-12' })[0]?.message).toMatch(/not before the meeting/);
  });

  it('wants a paper for every item except standing items and papers to follow', () => {
    const i = fresh();
    i.sections[3].items[0].papers = [];
    i.sections[1].items[2].papers = []; // B3 is to follow: fine
    expect(errors(i)).toEqual([
      { severity: 'error', where: 'item D1', message: '"Record of Decision: Office Accommodation Strategy" has no paper and is not marked "to follow"' },
    ]);
  });

  it('wants a paragraph for an exempt item, from 1 to 7', () => {
    const i = fresh();
    i.sections[4].items[0].exemptParagraphs = [];
    i.sections[4].items[1].exemptParagraphs = [3, 9];
    expect(errors(i).map((p) => `${p.where}: ${p.message}`)).toEqual([
      'item E1: is exempt but gives no paragraph of Schedule 12A (1-7) for excluding the public',
      'item E2: exempt paragraph 9 is not a paragraph of Part 1 of Schedule 12A (1-7)',
    ]);
  });

  it('catches a report addressed to another meeting', () => {
    const i = fresh();
    i.sections[1].items[0].papers[0] = report('Financial Monitoring 2025/26', { to: { body: 'Cabinet', date: '2026-03-16' } });
    const found = errors(i).map((p) => `${p.where}: ${p.message}`);
    expect(found).toContain('item B1, report "Financial Monitoring 2025/26": is addressed to "Cabinet", not to the Policy and Resources Cabinet Committee');
    expect(found).toContain('item B1, report "Financial Monitoring 2025/26": is addressed to the meeting of 16 March 2026, but this meeting is on 12 March 2026');
    // Capitals and "&" for "and" are not a different body.
    i.sections[1].items[0].papers[0] = report('x', { to: { body: 'POLICY & RESOURCES CABINET COMMITTEE', date: '2026-03-12' } });
    expect(errors(i)).toEqual([]);
  });

  it('checks decision numbers and minutes dates', () => {
    const i = fresh();
    const d = i.sections[3].items[0].papers[0];
    if (d.kind !== 'decision') throw new Error('fixture changed');
    d.number = '2026/113';
    const m = i.sections[0].items[3].papers[0];
    if (m.kind !== 'minutes') throw new Error('fixture changed');
    m.date = '2026-03-12';
    expect(errors(i).map((p) => p.message)).toEqual([
      'are of a meeting on 12 March 2026, not before this meeting (12 March 2026)',
      'decision number "2026/113" is not in the form YY/NNNNN',
    ]);
  });

  it('reports a non-PDF upload by file name', () => {
    const i = fresh();
    i.sections[1].items[1].papers = [{ kind: 'pdf', title: 'Dashboard', fileName: 'dashboard.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1]), documentType: 'report' }];
    expect(errors(i)).toEqual([{ severity: 'error', where: 'paper "dashboard.png"', message: '"dashboard.png" is not a PDF: it looks like a PNG image. Save it as PDF and upload it again' }]);
  });

  it('checks seats against members and vacancies', () => {
    const i = fresh();
    i.membership!.groups[1].seats = 4;
    expect(validatePack(i)).toContainEqual({ severity: 'warning', where: 'membership', message: 'Labour has 4 seats but 3 members and 0 vacancies are listed' });
  });

  it('reports a malformed date instead of throwing', () => {
    const i = fresh();
    i.meetingDate = '12/03/2026';
    expect(errors(i)).toContainEqual({ severity: 'error', where: 'meeting', message: 'meeting date "12/03/2026" is not an ISO date (YYYY-MM-DD)' });
  });
});

function encryptedPdf(): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const doc = new PDFKitDocument({ userPassword: 'secret', ownerPassword: 'owner' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.text('Protected');
    doc.end();
  });
}

describe('validateUploadedPdf', () => {
  it('accepts a good PDF and counts its pages', async () => {
    expect(await validateUploadedPdf(await makeUploadedPdf('Report', 3), 'report.pdf')).toEqual({ pageCount: 3, problems: [] });
  });

  const cases: [string, () => Promise<Uint8Array> | Uint8Array, RegExp][] = [
    ['empty.pdf', () => new Uint8Array(), /^"empty.pdf" is empty \(0 bytes\)$/],
    ['minutes.docx', () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]), /^"minutes.docx" is not a PDF: it looks like a Word, Excel or other zip-based file/],
    ['notes.txt', () => new TextEncoder().encode('Minutes of the meeting'), /^"notes.txt" is not a PDF \(it has no %PDF header\)$/],
    ['truncated.pdf', async () => (await makeUploadedPdf('Report', 3)).slice(0, 1500), /^"truncated.pdf" is damaged: it appears to be truncated/],
    ['garbage.pdf', () => new TextEncoder().encode('%PDF-1.7\n' + 'x'.repeat(500) + '\n%%EOF\n'), /^"garbage.pdf" is damaged/],
    ['protected.pdf', encryptedPdf, /^"protected.pdf" is encrypted \(password-protected or restricted\)/],
    ['nopages.pdf', async () => (await PDFDocument.create()).save({ addDefaultPage: false }), /^"nopages.pdf" has no pages$/],
  ];
  for (const [name, make, message] of cases) {
    it(`rejects ${name} with a clear message`, async () => {
      const check = await validateUploadedPdf(await make(), name);
      expect(check.pageCount).toBe(0);
      expect(check.problems).toHaveLength(1);
      expect(check.problems[0]).toMatchObject({ severity: 'error', where: `paper "${name}"` });
      expect(check.problems[0].message).toMatch(message);
    });
  }
});
