// Agendas whose items are printed without numbers (US town boards, parish clerks): each item a heading of its own
// under the agenda's title. Invented text; the convention, not any one document.
import { describe, expect, it } from 'vitest';
import { extractPack } from '../../../src/importer/text/index.js';
import { extractionSchema } from '../../../src/importer/extraction.js';
import { assignAgendaCodes } from '../../../src/importer/import.js';

const extract = (text: string, source = 't.md') => extractPack({ source, pages: [text] });
const items = (text: string, source?: string) => extract(text, source).agenda.map((a) => `${a.code}|${a.title}|${a.section}`);

describe('agendas with unnumbered items', () => {
  it('reads markdown headings one level under the agenda title as items without codes, sub-headings as notes', () => {
    const text = [
      '# Village of Brookfield', '## Regular Board Agenda', '### Call to Order', 'The chair opens the meeting.',
      '### Roll Call', '#### Trustees', '### Citizen Comments', '### Executive Session', '### Adjournment',
      '## Directions to the Hall', '### Parking',
    ].join('\n');
    const x = extract(text);
    expect(x.agenda.map((a) => `${a.code}|${a.title}|${a.section}`)).toEqual([
      '|Call to Order|unrestricted', '|Roll Call|unrestricted', '|Citizen Comments|unrestricted', '|Executive Session|exempt', '|Adjournment|unrestricted',
    ]);
    expect(x.warnings.join('\n')).toMatch(/5 items are not numbered; their headings are taken as items without codes/);
    expect(extractionSchema.safeParse(x).success).toBe(true);
  });

  it('reads lines in capitals under AGENDA, but not the body, date, time or place printed under the title', () => {
    const text = [
      'TOWNSHIP OF ELMWOOD', 'AGENDA', 'ELMWOOD TOWN BOARD', 'MONDAY, MAY 1, 2023', '7:00 PM', 'TOWN HALL', '',
      'CALL TO ORDER', 'PLEDGE OF ALLEGIANCE', 'APPROVAL OF MINUTES:', 'Minutes of the April meeting are attached.',
      'ROAD REPORT', 'PLANNING COMMITTEE', 'ADJOURNMENT', '', 'POSTED AT THE TOWN HALL',
    ].join('\n');
    expect(items(text, 't.txt')).toEqual([
      '|CALL TO ORDER|unrestricted', '|PLEDGE OF ALLEGIANCE|unrestricted', '|APPROVAL OF MINUTES|unrestricted', '|ROAD REPORT|unrestricted',
      '|PLANNING COMMITTEE|unrestricted', '|ADJOURNMENT|unrestricted',
    ]);
  });

  it('numbered items are read as printed, and capitals headings among them are not items', () => {
    const text = ['AGENDA', '1. Apologies', '2. Minutes of the last meeting', 'HIGHWAYS', '3. Potholes on Mill Lane', '4. Any other business'].join('\n');
    expect(items(text, 't.txt').map((s) => s.split('|')[0])).toEqual(['1', '2', '3', '4']);
  });

  it('invents no items: fewer than three headings, or headings with no agenda title, give no agenda', () => {
    expect(items(['## Meeting Agenda', '### Call to Order', '### Adjournment'].join('\n'))).toEqual([]);
    expect(items(['# Parish Newsletter', '## Roads', '## Bins', '## Parking', '## Events'].join('\n'))).toEqual([]);
    expect(items(['PARISH NEWSLETTER', 'ROADS', 'BINS', 'PARKING', 'EVENTS'].join('\n'), 't.txt')).toEqual([]);
    // capitals prose is no heading, and a markdown agenda's plain lines are notes, not items
    expect(items(['## Agenda', 'CALL TO ORDER', 'ROLL CALL', 'PUBLIC COMMENT', 'ADJOURN'].join('\n')).length).toBe(4);
    expect(items(['## Agenda', '### Call to Order', 'ROLL CALL', '### Public Comment', '### Adjourn'].join('\n'))).toEqual([
      '|Call to Order|unrestricted', '|Public Comment|unrestricted', '|Adjourn|unrestricted',
    ]);
  });

  it('nothing after the adjournment is an item', () => {
    const text = ['AGENDA', 'CALL TO ORDER', 'TREASURER REPORT', 'ADJOURNMENT', 'NOTICE TO THE PUBLIC', 'ACCESSIBILITY'].join('\n');
    expect(items(text, 't.txt').map((s) => s.split('|')[1])).toEqual(['CALL TO ORDER', 'TREASURER REPORT', 'ADJOURNMENT']);
  });

  it('an unnumbered item\'s papers are found by its place in the agenda and follow the code assigned on import', () => {
    const pages = [
      ['ELMWOOD PARISH COUNCIL', 'AGENDA', 'Monday, 3 March 2025 at 7.30 pm', '', 'APOLOGIES', 'FINANCE REPORT (Pages 2 - 2)',
        'PLANNING APPLICATIONS (Pages 3 - 3)', 'CLOSE OF MEETING', 'Page 1'].join('\n'),
      ['Finance report', 'The balance at the end of February was £4,120.', 'Page 2'].join('\n'),
      ['Planning applications', 'Two applications were received.', 'Page 3'].join('\n'),
    ];
    const x = extractPack({ source: 'elmwood.txt', pages });
    expect(x.agenda.map((a) => `${a.code}|${a.title}|${a.pages?.join('-') ?? ''}`)).toEqual(['|APOLOGIES|', '|FINANCE REPORT|2-2', '|PLANNING APPLICATIONS|3-3', '|CLOSE OF MEETING|']);
    expect(x.papers.map((p) => [p.itemIndex, p.startPage])).toEqual([[1, 2], [2, 3]]);
    const stored = assignAgendaCodes(x);
    expect(stored.agenda.map((a) => a.code)).toEqual(['1', '2', '3', '4']);
    expect(stored.papers.map((p) => p.itemCode)).toEqual(['2', '3']);
    expect(stored.warnings.at(-1)).toMatch(/4 items have no printed numbers: they are stored in order as items 1–4; these codes were assigned on import, not printed/);
    // a printed code is kept and never given again
    const mixed = assignAgendaCodes({ ...x, agenda: x.agenda.map((a, i) => (i === 3 ? { ...a, code: '2' } : a)) });
    expect(mixed.agenda.map((a) => a.code)).toEqual(['1', '3', '4', '2']);
  });
});
