// English district, unitary and county councils' and Irish municipal districts' conventions. Every document here is
// INVENTED (names, places, dates): written in the forms those councils print, because the development corpus
// (test/fixtures/corpus) has no such council yet. Rules, not documents: each case tests a convention.
import { describe, expect, it } from 'vitest';
import { extractPack } from '../../../src/importer/text/index.js';
import { isNameLike } from '../../../src/importer/text/names.js';

const extract = (lines: string[]) => extractPack({ source: 'invented.txt', pages: [lines.join('\n')] });

// INVENTED: a county council's scrutiny committee, co-opted members listed by category under the councillors
const countyScrutinyMinutes = [
  'EASTSHIRE COUNTY COUNCIL', '',
  "MINUTES of a meeting of the Children and Young People's Overview and Scrutiny Committee held at County Hall, Eastbridge on Thursday, 7 November 2019 at 10.00 am.", '',
  'Present:', '',
  'County Councillors:',
  'Mrs A Bell (Chairman), B Cole, Mr D Evans (Vice-Chairman), Mrs F Grant, G Howe, J Ince and K Jarvis', '',
  'Co-opted Members:',
  'Church Representatives: Mr P Quinn (Church of England Diocese) and Vacancy (Roman Catholic Diocese)',
  'Parent Governor Representatives: Mrs R Shaw and Mr T Upton',
  'Independent Member: Dr V Walsh', '',
  'Also present: Councillor W Young (Cabinet Member for Education)', '',
  "In attendance: Ms X Abbott (Corporate Director, Children's Services), Mr Y Burns (Head of School Improvement) and Mrs Z Clarke (Democratic Services Officer)", '',
  '1. Apologies and substitutions', '',
  'Apologies were received from County Councillor L Moss. County Councillor N Price attended as substitute for County Councillor L Moss.', '',
  '2. Declarations of Interest', 'None.', '',
  '3. Minutes of the meeting held on 12 September 2019', 'Resolved that the minutes be approved as a correct record.', '',
  '4. School Performance 2018/19', 'The Head of School Improvement introduced the report.', '',
  '5. Work Programme', 'Resolved that the work programme be agreed.',
];

// INVENTED: an Irish municipal district's monthly meeting
const irishDistrictMinutes = [
  'WESTLAKE COUNTY COUNCIL', '',
  'Minutes of the Monthly Meeting of the Municipal District of Riverford held in the Council Chamber, Civic Offices, Riverford on Monday, 8th April, 2024 at 10.00 a.m.', '',
  'Members Present:',
  'Cathaoirleach: Cllr. Aoife Brennan',
  'Cllr. Seán Doyle, Cllr. Mary Kavanagh, Cllr. Pádraig Ó Murchú, Cllr. John Whelan', '',
  'Apologies: Cllr. Tom Nolan', '',
  'Officials in attendance:',
  'Ms. Niamh Byrne, Senior Executive Officer',
  'Mr. Declan Farrell, District Engineer',
  'Ms. Orla Hughes, Administrative Officer',
  'Mr. Kevin Walsh, Meetings Secretary', '',
  '1. Confirmation of Minutes',
  'Proposed by Cllr. Doyle, Seconded by Cllr. Kavanagh and Resolved:',
  '"That the minutes of the meeting held on 11th March, 2024 be confirmed."', '',
  '2. Matters Arising', 'None.', '',
  '3. Schedule of Municipal District Works 2024', 'The District Engineer presented the Schedule.',
  'Proposed by Cllr. Whelan, Seconded by Cllr. Ó Murchú and Resolved:', '"That the Schedule of Municipal District Works 2024 be adopted."', '',
  '4. General Municipal Allocation', 'Proposed by Cllr. Kavanagh', 'Seconded by Cllr. Doyle', 'and Resolved: "That the allocations be approved as circulated."', '',
  '5. Notices of Motion', '5.1 Cllr. Whelan: "That this Municipal District calls on the Council to install public lighting at Mill Road."',
  'Proposed by Cllr. Whelan, Seconded by Cllr. Brennan and Resolved.', '',
  '6. Correspondence', 'Noted.', '',
  '7. Any Other Business', 'There being no further business the meeting concluded at 11.30 a.m.',
];

describe('co-opted members by category (county councils\' scrutiny committees)', () => {
  const m = extract(countyScrutinyMinutes).minutes[0];
  it('reads the co-opted members under their category labels, as present', () => {
    expect(m.present).toEqual(['Mrs A Bell', 'B Cole', 'Mr D Evans', 'Mrs F Grant', 'G Howe', 'J Ince', 'K Jarvis', 'Mr P Quinn', 'Mrs R Shaw', 'Mr T Upton', 'Dr V Walsh']);
  });
  it('never takes a category label or a vacancy for a person', () => {
    for (const list of [m.present, m.alsoPresent, m.inAttendance, m.apologies]) {
      expect(list.join('|')).not.toMatch(/Vacancy|Co-opted|Representatives|Councillors$|Member$/);
    }
  });
  it('keeps the officers apart, without their job titles', () => {
    expect(m.alsoPresent).toEqual(['Councillor W Young']);
    expect(m.inAttendance).toEqual(['Ms X Abbott', 'Mr Y Burns', 'Mrs Z Clarke']);
    expect(m.substitutes).toEqual([{ member: 'County Councillor N Price', for: 'County Councillor L Moss' }]);
    expect(m.items.map((i) => i.number)).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('an Irish municipal district\'s minutes', () => {
  const ex = extract(irishDistrictMinutes);
  const m = ex.minutes[0];
  it('reads the meeting from "Minutes of the Monthly Meeting of the Municipal District of …"', () => {
    expect(ex.meeting).toMatchObject({ body: 'Municipal District of Riverford', date: '2024-04-08', time: '10:00', venue: 'Council Chamber, Civic Offices, Riverford' });
  });
  it('"Members Present:" with the Cathaoirleach on a line of their own; "Officials in attendance:" one per line with their jobs', () => {
    expect(m.present).toEqual(['Cllr. Aoife Brennan', 'Cllr. Seán Doyle', 'Cllr. Mary Kavanagh', 'Cllr. Pádraig Ó Murchú', 'Cllr. John Whelan']);
    expect(m.inAttendance).toEqual(['Ms. Niamh Byrne', 'Mr. Declan Farrell', 'Ms. Orla Hughes', 'Mr. Kevin Walsh']);
    expect(m.apologies).toEqual(['Cllr. Tom Nolan']);
  });
  it('"Proposed by … Seconded by … and Resolved:" is inside a minute; a numbered motion "5.1" is no minute', () => {
    expect(m.items.map((i) => `${i.number} ${i.title}`)).toEqual([
      '1 Confirmation of Minutes', '2 Matters Arising', '3 Schedule of Municipal District Works 2024', '4 General Municipal Allocation',
      '5 Notices of Motion', '6 Correspondence', '7 Any Other Business',
    ]);
    expect(m.items[2].resolutions?.join(' ')).toMatch(/Resolved/);
  });
});

describe('offices and departments are not people', () => {
  it('job titles, departments, category labels and a vacancy are not name-like; names with titles are', () => {
    for (const s of ['Meetings Secretary', 'Economic Development', 'Deputy Chief Executive', 'Corporate Services', 'Co-opted Members',
      'Parent Governor Representatives', 'Church Representatives', 'Vacancy', 'County Councillors', 'District Engineer']) expect(isNameLike(s), s).toBe(false);
    for (const s of ['Mr P Quinn', 'Sarah Jones', 'Cllr. Aoife Brennan', 'County Councillor N Price', 'Dr V Walsh']) expect(isNameLike(s), s).toBe(true);
  });
});
