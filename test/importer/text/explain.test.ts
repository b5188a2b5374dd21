// `moot extract --explain`: every field of an extraction is shown with the page and line it was read from and the
// rule that reads it; a value that is not in the text is shown as not found.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { extractPack } from '../../../src/importer/text/index.js';
import { explainExtraction, formatExplanation } from '../../../src/importer/text/explain.js';
import { devDocuments, sharedDocuments } from '../../../bench/_corpus.js';

const MINUTES = `MINUTES OF A MEETING OF THE PLANNING COMMITTEE HELD ON 3 MARCH 2021 AT 7.00 PM
PRESENT: Cllr A Baker (Chairman), Cllr C Dawson and Cllr E Fisher
IN ATTENDANCE: Mr G Hughes (Head of Planning)
APOLOGIES: Cllr I Jones
12. Minutes of the meeting held on 3 February 2021
RESOLVED that the minutes be approved.
13. Planning application 21/0042/FUL, Mill Lane
RESOLVED that permission be granted.
`;

describe('extract --explain', () => {
  it('points each field at its line and names its rule', () => {
    const x = extractPack({ source: 'm.txt', pages: [MINUTES] });
    const ex = explainExtraction([MINUTES], x);
    const by = (f: string) => ex.find((e) => e.field === f)!;
    expect(by('meeting.date')).toMatchObject({ value: '2021-03-03', page: 1, line: 1 });
    expect(by('minutes[0].present[1]')).toMatchObject({ line: 2, rule: expect.stringMatching(/Present/) });
    expect(by('minutes[0].inAttendance[0]')).toMatchObject({ value: 'Mr G Hughes', line: 3 });
    expect(by('minutes[0].items[1]')).toMatchObject({ value: '13 Planning application 21/0042/FUL, Mill Lane', line: 7 });
    expect(formatExplanation([by('meeting.date')])).toContain('page 1, line 1: "MINUTES OF A MEETING');
  });

  it('says so when a value is not in the text', () => {
    const x = extractPack({ source: 'm.txt', pages: [MINUTES] });
    x.meeting.venue = 'Deputy Chief Executive';
    const ex = explainExtraction([MINUTES], x);
    const v = ex.find((e) => e.field === 'meeting.venue')!;
    expect(v.line).toBeNull();
    expect(formatExplanation([v])).toMatch(/NOT FOUND/);
  });

  const docs = [...devDocuments(), ...sharedDocuments()];
  it.skipIf(!docs.length)('locates every field of every corpus document', () => {
    for (const d of docs) {
      if (!existsSync(d.file)) continue;
      const pages = readFileSync(d.file, 'utf8').split('\f');
      const ex = explainExtraction(pages, extractPack({ source: basename(d.file), pages }));
      expect(ex.filter((e) => e.line === null).map((e) => `${d.name} ${e.field} ${e.value}`)).toEqual([]);
    }
  });
});
