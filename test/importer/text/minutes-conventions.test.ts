// Minutes conventions learned from the development corpus (test/fixtures/corpus): rules, not documents.
import { describe, expect, it } from 'vitest';
import { extractPack } from '../../../src/importer/text/index.js';
import { apologiesIn, isRole, namesWithTitles, officeRoster, proseAttendance } from '../../../src/importer/text/minutes.js';
import { samePerson } from '../../../src/importer/text/names.js';

const extract = (text: string) => extractPack({ source: 't.txt', pages: [text] });

describe('people', () => {
  it('two people who share a surname and an initial are two people', () => {
    expect(samePerson('Councillor Alun Davies', 'Arwel Davies')).toBe(false);
    expect(samePerson('Mr K Bellamy', 'Mr Bellamy')).toBe(true);
  });
  it('an apologies list runs past "Cllrs." to the end of its sentence; "Cllrs" makes every name a councillor', () => {
    expect(apologiesIn('Apologies received from Cllrs. Joseph Davies, Kim Davies, and Doris Jones. The Clerk reported.'))
      .toEqual(['Cllr Joseph Davies', 'Cllr Kim Davies', 'Cllr Doris Jones']);
  });
  it('job titles are not people', () => {
    expect(isRole('Student Trustee')).toBe(true);
    expect(isRole('General Counsel')).toBe(true);
    expect(isRole('Gary Page')).toBe(false);
    expect(namesWithTitles('David W. Gordon, Superintendent and Secretary to the Board; other staff; and Michael Kast, Channa Cook-Harvey, and Rachel Perry, Executive Directors'))
      .toEqual(['David W. Gordon', 'Michael Kast', 'Channa Cook-Harvey', 'Rachel Perry']);
  });
  it('reads attendance told in sentences', () => {
    const a = proseAttendance('Board members present were Joanne Ahola, Heather Davis, and Karina Talamantes. Also present were David W. Gordon, Superintendent; and Wende Watson, Executive Assistant. Trustee Brown was absent.');
    expect(a.present).toEqual(['Joanne Ahola', 'Heather Davis', 'Karina Talamantes']);
    expect(a.alsoPresent).toEqual(['David W. Gordon', 'Wende Watson']);
  });
});

describe('minutes printed without a "Minutes of …" heading', () => {
  it('a letterhead, a "held their meeting" sentence and a PRESENT list', () => {
    const ex = extract([
      'ANYTOWN COMMUNITY COUNCIL', 'MEETING 12th OCTOBER 2016',
      'Anytown Community Council held their meeting at 7.30pm on the 12th October 2016 at the Reading', 'Room, Cwmifor.',
      'PRESENT', 'Councillors Alun Davies, Arwel Davies, Jill Price and County Councillor Joseph Davies.',
      'Cllr. Davies took the Chair.',
      '1. WELCOME AND APOLOGIES', 'Apologies received from Cllrs. Dorian Jenkins and Andrew Thomas.',
      '2. MATTERS ARISING', '5i) The Clerk had submitted the requested information on the Code of Conduct.',
      '3. CORRESPONDENCE', 'Noted.',
    ].join('\n'));
    expect(ex.agenda).toEqual([]);
    expect(ex.meeting).toMatchObject({ body: 'Anytown Community Council', date: '2016-10-12', time: '19:30', venue: 'Reading Room, Cwmifor' });
    const m = ex.minutes[0];
    expect(m.present).toEqual(['Councillor Alun Davies', 'Councillor Arwel Davies', 'Councillor Jill Price', 'County Councillor Joseph Davies']);
    expect(m.apologies).toEqual(['Cllr Dorian Jenkins', 'Cllr Andrew Thomas']);
    expect(m.items.map((i) => `${i.number} ${i.title}`)).toEqual(['1 WELCOME AND APOLOGIES', '2 MATTERS ARISING', '3 CORRESPONDENCE']);
  });

  it('Roman-numbered sections and a list of attendees with their titles', () => {
    const ex = extract([
      '## Regular Board Meeting', '### Approved Minutes', '#### April 9, 2018',
      '**District Attendees**', 'Randy Marx - Board President', 'Gary Page - Board Member', 'Tom R. Gray - General Manager',
      '**Other Attendees**', 'Tim Menezes - Visitor', '**Absent**', '',
      '**I. Call to Order**', '- President Marx called the meeting to order at 6:31 p.m.',
      '**II. Public Comment**', '1. Approval of Minutes', 'III. Adjournment',
    ].join('\n'));
    const m = ex.minutes[0];
    expect(m.date).toBe('2018-04-09');
    expect(ex.meeting.time).toBeNull(); // "called to order at" is not the meeting's time
    expect(m.present).toEqual(['Randy Marx', 'Gary Page']);
    expect(m.inAttendance).toEqual(['Tom R. Gray']);
    expect(m.alsoPresent).toEqual(['Tim Menezes']);
    expect(m.items.map((i) => i.number)).toEqual(['I', 'II', 'III']);
  });

  it('codes printed after the title, and the date under a "Minutes" title rather than an approval stamp', () => {
    const ex = extract([
      'D', '01/28/2020', 'Anytown Unified School District', 'Board of Education Minutes', 'January 14, 2020', 'Regular Meeting', '5:00 p.m.',
      'Call to Order (A)', 'The meeting was called to order.', 'Roll Call', 'Present:', 'Paula Villescaz, president', 'Michael McKibbin, Ed.D., vice president', '',
      'Recess: Closed Session (B)', 'Minutes Approved (D)', 'Personnel (G-1)', 'Gifts (G-4)', 'Board Reports (J)', 'Closed Session (B) (continued)', 'Adjournment (M)',
    ].join('\n'));
    expect(ex.meeting).toMatchObject({ body: 'Board of Education', date: '2020-01-14', time: '17:00' });
    expect(ex.minutes[0].present).toEqual(['Paula Villescaz', 'Michael McKibbin']);
    expect(ex.minutes[0].items.map((i) => i.number)).toEqual(['A', 'B', 'D', 'G-1', 'G-4', 'J', 'M']);
  });

  it('an agenda is not read as minutes', () => {
    const ex = extract(['AGENDA', 'Anytown Parish Council', 'Present: to be confirmed', '1. Apologies', '2. Minutes'].join('\n'));
    expect(ex.minutes).toEqual([]);
  });
});

describe('a town board clerk\'s minutes (letterhead, "called to order", unnumbered sections)', () => {
  const doc = `# Township of Example
Monthly Meeting
May 17, 2021

## CALL TO ORDER
Supervisor A Brown called the meeting to order at 6:30 pm at the Example Town Hall -- those in attendance are Supervisors Anne Brown, Carl Dunn and Eve Fox, Treasurer Gil Hart, Clerk Ida Ives and Jo King.

## CORRESPONDENCE
1.  Letter from the county about road grading
2.  Notice of the annual conference

## ROAD
Carl reported the road was graded.

## NEW BUSINESS
1.  Purchase of a vacuum under $200 approved.

## ADJOURNMENT
Next meeting June 21, 2021 at 6:30 pm.
`;
  it('reads body, date, venue and attendance with the office before each name; never the next meeting\'s time', () => {
    const x = extract(doc);
    expect(x.meeting).toMatchObject({ body: 'Township of Example', date: '2021-05-17', time: null, venue: 'Example Town Hall' });
    expect(x.minutes[0].present).toEqual(['Anne Brown', 'Carl Dunn', 'Eve Fox', 'Gil Hart', 'Ida Ives', 'Jo King']);
  });
  it('takes the unnumbered headings as minutes and numbered lines inside them as lists', () => {
    const x = extract(doc);
    expect(x.minutes[0].items.map((i) => [i.number, i.title])).toEqual([['', 'CALL TO ORDER'], ['', 'CORRESPONDENCE'], ['', 'ROAD'], ['', 'NEW BUSINESS'], ['', 'ADJOURNMENT']]);
  });
});

describe('a US agenda\'s posting certificate', () => {
  it('names the signatory, even with the "I" read as "1"', () => {
    const text = 'AGENDA\nREGULAR BOARD MEETING\nApril 9, 2018\nI. CALL TO ORDER\nII. PUBLIC COMMENT\nIII. ADJOURNMENT\n\n1, Tom R. Gray, Secretary of the Example Water District, do hereby certify that this agenda has been posted at the District Office 72 hours prior to the meeting.\n';
    const x = extract(text);
    expect(x.agenda.map((a) => a.code)).toEqual(['I', 'II', 'III']);
    expect(x.meeting.publishedBy).toBe('Tom R. Gray');
    expect(x.meeting.body).toBeNull();
  });
});

describe('conventions of the 2026-12-06 corpus additions (Horsley, San Juan WD, Sacramento Metro Fire)', () => {
  it('a parish’s year-first minute numbers "14/037" run on their second part; a minute quoted inside one is not one', () => {
    const ex = extract([
      'ANYVILLE PARISH COUNCIL', 'Draft Minutes of the meeting held on', '18 March 2014 at 7.30pm in the Village Hall',
      'Present: Clir N Hackett (Chairman)', 'Clirs Howells, Mrs Kay and Ms McDonagh', '',
      'In Attendance: District Cllr Blackwell', '',
      '14/037: Minutes of the Last Meeting held on 25" February 2014', '14/032: phrase deleted. Agreed.',
      '14/038: Matters Arising', 'There were none', '14/039: Planning', 'None',
    ].join('\n'));
    const m = ex.minutes[0];
    expect(ex.meeting).toMatchObject({ body: 'Anyville Parish Council', date: '2014-03-18', time: '19:30', venue: 'Village Hall' });
    expect(m.present).toEqual(['Cllr N Hackett', 'Cllr Howells', 'Cllr Mrs Kay', 'Cllr Ms McDonagh']);
    expect(m.inAttendance).toEqual(['District Cllr Blackwell']);
    expect(m.items.map((i) => `${i.number} ${i.title}`)).toEqual([
      '14/037 Minutes of the Last Meeting held on 25th February 2014', '14/038 Matters Arising', '14/039 Planning']);
  });
  it('a list of the items before minutes numbered again from I is a table of contents; board and staff lists', () => {
    const ex = extract([
      'EXAMPLE WATER DISTRICT', 'Board of Director’s Meeting Minutes', 'January 10, 2018 – 6:00 p.m.', '',
      'BOARD OF DIRECTORS', 'Ann Lee President', 'Bob Ray Director (Absent)', 'Cy Tan Director', '',
      'EXAMPLE WATER DISTRICT MANAGEMENT AND STAFF', 'Dee Fox General Manager', 'Ed Moss Board Secretary/Administrative Assistant', '',
      'AGENDA ITEMS', 'I. Public Forum', 'II. Consent Calendar', 'III. Adjourn', '',
      'President Lee called the meeting to order at 6:00 p.m.', '',
      'I. PUBLIC FORUM', 'No one spoke.', 'II. CONSENT CALENDAR', 'Approved.', 'III. ADJOURN', 'The meeting was adjourned.',
    ].join('\n'));
    const m = ex.minutes[0];
    expect(ex.meeting.body).toBe('Example Water District');
    expect(m.present).toEqual(['Ann Lee', 'Cy Tan']);
    expect(m.inAttendance).toEqual(['Dee Fox', 'Ed Moss']);
    expect(m.items.map((i) => `${i.number} ${i.title}`)).toEqual(['I PUBLIC FORUM', 'II CONSENT CALENDAR', 'III ADJOURN']);
  });
  it('an action summary: capitals sections, "Board members present:" and "Staff present:" sentences', () => {
    const ex = extract([
      '# Example Fire District', '10545 Armstrong Ave., Suite 200 • Mather, CA 95655',
      '## ACTION SUMMARY MINUTES – REGULAR MEETING', '### BOARD OF DIRECTORS', 'EXAMPLE FIRE DISTRICT', 'Thursday, July 9, 2020', '',
      '### CALL TO ORDER', 'The meeting was called to order at 6:04 pm by President Sheetz. Board members present: Clark, Goold, and Wood. Board members absent: Kelly. Staff present: Acting Chief Bridge, General Counsel Lavra, and Clerk Penilla.',
      '### PUBLIC COMMENT: None', '### REPORTS', '1. PRESIDENT’S REPORT: No report.', '2. FIRE CHIEF’S REPORT: Read.',
      '**OPERATIONS REPORT**', 'Calls were up.', '3. LOCAL 522 REPORT: None.', 'ADJOURNMENT', 'Adjourned at 6:39 pm.',
    ].join('\n'));
    const m = ex.minutes[0];
    expect(m.body).toBe('Example Fire District');
    expect(m.present).toEqual(['Clark', 'Goold', 'Wood']);
    expect(m.inAttendance).toEqual(['Bridge', 'Lavra', 'Penilla']);
    expect(m.items.map((i) => i.title)).toEqual(['CALL TO ORDER', 'PUBLIC COMMENT', 'REPORTS', 'ADJOURNMENT']);
  });
  it('a parish summons: the clerk\'s line with its date, the meeting\'s place after its time, an item number OCR glued on', () => {
    const ex = extract([
      'ANYVILLE PARISH COUNCIL', 'The monthly meeting of the Parish Council will be held on',
      'Tuesday 29" April 2014 at 7.30 pm in the Village Hall', 'JR Nicholson, Parish Clerk Date: 15/4/14', 'AGENDA',
      '1 Minutes of the Last Meeting', '2 Matters Arising', '3Planning” - Dairy Presentation', '4 Village Hall',
    ].join('\n'));
    expect(ex.meeting).toMatchObject({ body: 'Anyville Parish Council', date: '2014-04-29', time: '19:30', venue: 'Village Hall', publishedOn: '2014-04-15', publishedBy: 'J R Nicholson' });
    expect(ex.agenda.map((a) => a.code)).toEqual(['1', '2', '3', '4']);
  });
});

describe('a city council’s minutes read by OCR', () => {
  it('headings whose margin numbers OCR lost, then a numbered run continuing them; nothing after the adjournment', () => {
    const ex = extract([
      'MINUTES', 'FORMAL MEETING OF CITY COUNCIL', 'City Hall, 206 S. Main Street, Council Chambers', 'Monday, May 22, 2023 - 5:30 p.m.', '',
      'CALL TO ORDER', 'Mayor Knox H. White', 'ROLL CALL',
      'The following members of City Council were in attendance: Mayor Knox White, John DeWorken, and Dorothy Dowe.',
      'APPROVAL OF THE MINUTES', 'Approved.',
      '4. PUBLIC HEARING', 'None.', '5. NEW BUSINESS', 'None.', '6. UNFINISHED BUSINESS', 'None.', '7.', '8.',
      'STAFF REPORTS', 'Reports were given.', 'ADJOURN. There being no further business, the meeting adjourned at 8:26 p.m.',
      'KNOX H. WHITE, MAYOR', 'CITY CLERK',
    ].join('\n'));
    expect(ex.meeting).toMatchObject({ body: 'City Council', date: '2023-05-22', time: '17:30', venue: 'City Hall, 206 S. Main Street, Council Chambers' });
    const m = ex.minutes[0];
    expect(m.present).toEqual(['Knox White', 'John DeWorken', 'Dorothy Dowe']);
    expect(m.items.map((i) => `${i.number} ${i.title}`)).toEqual([
      '1 CALL TO ORDER', '2 ROLL CALL', '3 APPROVAL OF THE MINUTES', '4 PUBLIC HEARING', '5 NEW BUSINESS', '6 UNFINISHED BUSINESS',
      '7 STAFF REPORTS', '8 ADJOURN']);
    expect(ex.warnings.join('\n')).toMatch(/numbered 1–3 in order/);
  });
});

describe('lists and signatures seen on documents outside the corpus (same conventions)', () => {
  it('"Name - affiliation" is one person whatever the affiliation says; acronyms beside a name are its organisation', () => {
    const ex = extract([
      'Regular Board Meeting', 'Approved Minutes', 'June 12, 2023', '', 'District Attendees', 'Ann Lee - Board President',
      'Rebecca Simon - Human Resource Administrator', '', 'Other Attendees', 'Jeffrey Mitchell - Kronick Moskovitz Tiedemann & Girard',
      'George Babcock - Visiting Customer', '', 'I. CALL TO ORDER', 'Called to order.', 'II. PUBLIC COMMENT', 'None.', 'III. ADJOURNMENT', 'Adjourned.',
    ].join('\n'));
    const m = ex.minutes[0];
    expect(m.present).toEqual(['Ann Lee']);
    expect(m.inAttendance).toEqual(['Rebecca Simon']);
    expect(m.alsoPresent).toEqual(['Jeffrey Mitchell', 'George Babcock']);
  });
  it('a page footer "(W) – Wholesale  Page 2 of 3" gives no item pages; "Teri Grant, Board Secretary" signs', () => {
    const ex = extract([
      'EXAMPLE WATER DISTRICT', 'BOARD MEETING AGENDA', 'March 28, 2018', '6:00 p.m.', '9935 Auburn Folsom Road', 'Granite Bay, CA 95746', '',
      'I. ROLL CALL', 'II. PUBLIC FORUM', 'III. DIRECTORS’ REPORTS', '1. SGA', '(W) – Wholesale Page 2 of 3 Board of Directors', 'IV. ADJOURN', '',
      'I declare under penalty of perjury that the foregoing agenda for March 28, 2018, of the Board of Directors was posted by March 23, 2018, on the boards.',
      '', 'Teri Grant, Board Secretary',
    ].join('\n'));
    expect(ex.agenda.map((a) => [a.code, a.pages])).toEqual([['I', null], ['II', null], ['III', null], ['IV', null]]);
    expect(ex.meeting).toMatchObject({ venue: '9935 Auburn Folsom Road, Granite Bay, CA 95746', publishedBy: 'Teri Grant', publishedOn: '2018-03-23' });
  });
});

describe('Irish and Canadian councils’ conventions (invented text in their forms; the corpus has no such council)', () => {
  it('an Irish county council: "Minutes of Proceedings at …", the chair, members present, an apology sentence, officials by job title', () => {
    const ex = extract(["MINUTES OF PROCEEDINGS AT ORDINARY MEETING OF EXAMPLE COUNTY COUNCIL HELD IN THE", "COUNCIL CHAMBER, COUNTY HALL, EXAMPLETOWN, ON MONDAY, 14TH MARCH, 2022, AT 2.00 P.M.", "", "PRESENT IN THE CHAIR: Councillor A. Byrne, Cathaoirleach.", "", "MEMBERS PRESENT:", "Councillors Brennan, Daly, Fitzgerald, Kelly, Murphy, O'Brien, Walsh.", "", "An apology for inability to attend was received from Councillor Ryan.", "", "OFFICIALS IN ATTENDANCE:", "Chief Executive (Mr. J. Doyle), Director of Services, Housing (Ms. M. Nolan), Senior Executive", "Officer, Corporate Services (Mr. P. Quinn), Meetings Administrator (Ms. S. Lynch).", "", "1. Adoption of Minutes", "Proposed by Councillor Brennan;", "Seconded by Councillor Kelly;", "And Resolved:", "\"That the Minutes of the Ordinary Meeting held on 14th February, 2022, be adopted.\"", "", "2. Chief Executive's Monthly Report", "The report was noted.", "", "3. Disposal of Property", "Proposed by Councillor Walsh;", "Seconded by Councillor Daly;", "And Resolved: \"That the disposal be approved.\""].join('\n'));
    expect(ex.meeting).toMatchObject({ body: 'Example County Council', date: '2022-03-14', time: '14:00', venue: 'COUNCIL CHAMBER, COUNTY HALL, EXAMPLETOWN' });
    const m = ex.minutes[0];
    expect(m.present).toEqual(['Councillor A. Byrne', 'Councillor Brennan', 'Councillor Daly', 'Councillor Fitzgerald', 'Councillor Kelly', 'Councillor Murphy', "Councillor O'Brien", 'Councillor Walsh']);
    expect(m.inAttendance).toEqual(['Mr. J. Doyle', 'Ms. M. Nolan', 'Mr. P. Quinn', 'Ms. S. Lynch']);
    expect(m.apologies).toEqual(['Councillor Ryan']);
    expect(m.items.map((i) => `${i.number} ${i.title}`)).toEqual(['1 Adoption of Minutes', "2 Chief Executive's Monthly Report", '3 Disposal of Property']);
  });
  it('a Canadian township: Reeve and Deputy Reeve present, "Regrets:", staff without their jobs, resolutions and recorded votes are no attendance', () => {
    const ex = extract(["THE CORPORATION OF THE TOWNSHIP OF EXAMPLE", "COUNCIL MEETING MINUTES", "Tuesday, April 9, 2024", "7:00 p.m.", "Council Chambers, 12 Main Street", "", "Present: Reeve J. Smith, Deputy Reeve A. Brown, Councillor K. Lee, Councillor P. Wong", "Regrets: Councillor D. Black", "Staff Present: CAO/Clerk M. Green, Treasurer R. White", "", "1. Call to Order", "Reeve Smith called the meeting to order at 7:00 p.m.", "", "2. Disclosure of Pecuniary Interest", "None.", "", "3. Adoption of Minutes", "Resolution No. R2024-101", "Moved by: Councillor Lee", "Seconded by: Deputy Reeve Brown", "That the minutes of the March 26, 2024 meeting be adopted as circulated.", "Carried.", "", "4. By-laws", "Resolution No. R2024-102", "Moved by: Councillor Wong", "Seconded by: Councillor Lee", "That By-law 2024-15 be read a first, second and third time and passed.", "Recorded Vote: Yeas: Smith, Brown, Lee, Wong. Nays: none.", "Carried.", "", "5. Adjournment", "Resolution No. R2024-103", "Moved by: Deputy Reeve Brown", "Seconded by: Councillor Wong", "That Council adjourn at 8:15 p.m.", "Carried."].join('\n'));
    expect(ex.meeting).toMatchObject({ date: '2024-04-09', time: '19:00', venue: 'Council Chambers, 12 Main Street' });
    const m = ex.minutes[0];
    expect(m.present).toEqual(['Reeve J. Smith', 'Deputy Reeve A. Brown', 'Councillor K. Lee', 'Councillor P. Wong']);
    expect(m.apologies).toEqual(['Councillor D. Black']);
    expect(m.inAttendance).toEqual(['M. Green', 'R. White']);
    expect(m.items.map((i) => i.number)).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('Welsh-language minutes', () => {
  it('Welsh dates, PRESENNOL, Cynghorwyr, apologies "ymddiheuriadau gan", the place "yn yr …", a minute 10A', () => {
    const ex = extract([
      'CYNGOR CYMUNED ENGHRAIFFT', 'CYFARFOD 9fed MAI 2018',
      'Cynhaliwyd cyfarfod o Gyngor Cymuned Enghraifft am 7.00pm ar y 9fed Mai 2018 yn yr Ystafell', 'Ddarllen, Cwmifor.',
      'PRESENNOL', 'Cynghorwyr Alun Davies, Kim Davies, Peter Harries a’r', 'Cynghorydd Sir Joseph Davies.',
      '1. CROESO AC YMDDIHEURIADAU', 'Croesawyd pawb a derbyniwyd ymddiheuriadau gan y Cynghorwyr Arwel Davies a William Loynton.',
      '2. MATERION YN CODI', 'Dim.', '3. GOHEBIAETH', 'Dim.', '3A. ASESIAD RISG', 'Mabwysiadwyd.', '4. UNRHYW FATER ARALL', 'Dim.',
    ].join('\n'));
    expect(ex.meeting).toMatchObject({ body: 'Cyngor Cymuned Enghraifft', date: '2018-05-09', time: '19:00', venue: 'Ystafell Ddarllen, Cwmifor' });
    const m = ex.minutes[0];
    expect(m.present).toEqual(['Cynghorydd Alun Davies', 'Cynghorydd Kim Davies', 'Cynghorydd Peter Harries', 'Cynghorydd Sir Joseph Davies']);
    expect(m.apologies).toEqual(['Cynghorydd Arwel Davies', 'Cynghorydd William Loynton']);
    expect(m.items.map((i) => i.number)).toEqual(['1', '2', '3', '3A', '4']);
  });
});

describe('community councils’ web minutes (Govan, Glasgow; Manordeilo & Salem’s HTML pages)', () => {
  it('a singular "Cllr" is that person’s title, not the rest of the list’s; bold opened inside a word still labels; a list ending on a comma goes on past a blank line', () => {
    const ex = extract([
      '**GOVAN COMMUNITY COUNCIL**', '', '**GENERAL MEETING MONDAY 3 MARCH 2025**', '', 'Held in the Pearce Institute at 7 p.m.', '',
      '**Present**: Esme Clark, Cllr Richard Bell, Cllr Hutchison, Fraser Grant-Rae', '(representing Dr Ahmed MP), Jim Ellis (Glasgow CC)', '',
      'A**pologies**: Betty Ross, Cllr Alam,', '', 'Dr Ahmed MP', '', 'Minute taker: John Foster', '',
      '1.  MINUTES OF THE FEBRUARY MEETING\\', '    These were moved as correct by Robert Preston and Esme Clark', '',
      '2.  MATTERS ARISING', '', 'Nothing further.', '', '3.  DATE OF NEXT MEETING', '', 'Monday 7 April.',
    ].join('\n'));
    expect(ex.meeting.venue).toBe('Pearce Institute');
    const m = ex.minutes[0];
    expect(m.present).toEqual(['Esme Clark', 'Cllr Richard Bell', 'Cllr Hutchison', 'Fraser Grant-Rae', 'Jim Ellis']);
    expect(m.apologies).toEqual(['Betty Ross', 'Cllr Alam', 'Dr Ahmed']);
    expect(m.items.map((i) => `${i.number} ${i.title}`)).toEqual(['1 MINUTES OF THE FEBRUARY MEETING', '2 MATTERS ARISING', '3 DATE OF NEXT MEETING']);
  });
  it('after a singular "Cllr", bare surnames still follow as councillors', () => {
    const ex = extract(['Minutes of the Parish Council meeting held on 18 March 2014 at 7.30pm in the Village Hall',
      'Present: Cllr N Hackett (Chairman), Caudwell, Howells', '14/030 Apologies', 'None.', '14/031 Minutes', 'Agreed.', '14/032 Planning', 'None.'].join('\n'));
    expect(ex.minutes[0].present).toEqual(['Cllr N Hackett', 'Cllr Caudwell', 'Cllr Howells']);
  });
  it('"7pm at …" under the title is where the meeting was held', () => {
    const ex = extract(['**Govan Community Council**', '**Minutes  for General Meeting 2nd of March 2026**', '**7pm at Maslow’s Community Hub, 94 Langlands Rd, Glasgow, G51 3BQ**', '',
      '1. **Attendance and Apologies**', '   **Present:** Claire Dickson (Chair), Willie Jones', '2. **Approval of Minutes**', '   Approved.', '3. **Date of Next Meeting**', '   6 April.'].join('\n'));
    expect(ex.meeting.venue).toBe('Maslow’s Community Hub, 94 Langlands Rd, Glasgow, G51 3BQ');
    expect(ex.meeting.time).toBe('19:00');
  });
  it('an HTML ordered list numbers its minutes as the browser shows them; lists inside it are not minutes', () => {
    const ex = extract([
      '<div class="minutes well">', '<time datetime="2020-06-10">10 June 2020</time>',
      '<p>Anytown Community Council held their meeting at 7.30pm on the 10th June 2020 at the Reading Room, Cwmifor.</p>',
      '<h4>PRESENT</h4>', '<p>Councillors Alun Davies, Arwel Davies and County Councillor Joseph Davies.</p>',
      '<ol class="minute-matters">', '<li>', '<h4>WELCOME AND APOLOGIES</h4>', '<p>Apologies received from Cllrs. Kim Davies and Doris Jones.</p>', '</li>',
      '<li><h4>ANNUAL RETURN FOR YEAR ENDING 31<sup>ST</sup> MARCH 2020</h4>', '<p>Approved.</p>', '</li>',
      '<li><h4>ACCOUNTS FOR PAYMENT</h4>', '<ol class="roman">', '<li>Clerk’s salary £450.00</li>', '<li>Insurance £277.10</li>', '</ol>', '</li>',
      '<li><h4>PLANNING</h4>', '<dl>', '<dt>E/40480</dt>', '<dd>SA19 7TE</dd>', '<dd><strong>NO OBJECTIONS</strong></dd>', '</dl>', '</li>',
      '</ol>', '<p>8th July 2020<br>CHAIRPERSON</p>', '</div>',
    ].join('\n'));
    const m = ex.minutes[0];
    expect(m.items.map((i) => `${i.number} ${i.title}`)).toEqual(['1 WELCOME AND APOLOGIES', '2 ANNUAL RETURN FOR YEAR ENDING 31ST MARCH 2020', '3 ACCOUNTS FOR PAYMENT', '4 PLANNING']);
    expect(m.apologies).toEqual(['Cllr Kim Davies', 'Cllr Doris Jones']);
  });
  it('Welsh "Cynhaliwyd cyfarfod Cyngor Cymuned … am … yn …" (without "o") names the body and the place', () => {
    const ex = extract(['<div class="minutes well">', '<time datetime="2020-1-8">CYFARFOD 8<sup>fed</sup> IONAWR 2020</time>',
      '<p>Cynhaliwyd cyfarfod Cyngor Cymuned Manordeilo a Salem am 7.30pm ar yr 8fed Ionawr 2020 yn Ystafell Ddarllen, Cwmifor.</p>',
      '<h4>PRESENNOL</h4>', '<p>Cynghorwyr Alun Davies, Kim Davies a’r Cynghorydd Sir Joseph Davies.</p>',
      '<ol class="minute-matters">', '<li>', '<h4>CROESO AC YMDDIHEURIADAU</h4>', '<p>Croeso.</p>', '</li>', '<li>', '<h4>GOLEUADAU</h4>', '<p>Dim.</p>', '</li>',
      '<li>', '<h4>UNRHYW FATER ARALL</h4>', '<p>Dim.</p>', '</li>', '</ol>', '</div>'].join('\n'));
    expect(ex.meeting).toMatchObject({ body: 'Cyngor Cymuned Manordeilo a Salem', date: '2020-01-08', time: '19:30', venue: 'Ystafell Ddarllen, Cwmifor' });
    expect(ex.minutes[0].items.map((i) => i.number)).toEqual(['1', '2', '3']);
  });
});

describe('nothing invented from text that is not the field', () => {
  it('an agenda whose items carry no numbers: no body from an item ending "Report", no date from "Next Board Meeting (…)"', () => {
    const ex = extract(['---', 'title: Board Meeting Agenda', '---', '', '## Meeting Agenda', '### Call to Order', '### Fire Department Report',
      '### Communication Committee Report', '### Next Board Meeting (August 17, 2020 6:30pm)', '### Adjournment'].join('\n'));
    expect(ex.meeting).toMatchObject({ body: null, date: null, time: null, venue: null });
  });
  it('a building is not the body; "Held Remotely Via Zoom" is not a venue', async () => {
    const { isBodyHeading } = await import('../../../src/importer/text/meeting.js');
    expect(isBodyHeading('Fair Oaks Water District Office')).toBe(false);
    expect(isBodyHeading('Fair Oaks Water District')).toBe(true);
    const ex = extract(['ACTION SUMMARY MINUTES – REGULAR MEETING', 'BOARD OF DIRECTORS', 'SACRAMENTO METROPOLITAN FIRE DISTRICT', 'Held Remotely Via Zoom',
      'Thursday, July 9, 2020', '', 'CALL TO ORDER', 'The meeting was called to order at 6:00 p.m. by President Clark. Board members present: Clark, Goold, Jones.',
      'CONSENT ITEMS', 'Approved.', 'ADJOURNMENT', 'The meeting adjourned at 7:00 p.m.'].join('\n'));
    expect(ex.meeting.venue).toBeNull();
  });
});

describe('a US board agenda as pdftotext gives it (Regional Transportation District)', () => {
  const text = ['Regional Transportation District', '', '1660 Blake Street', 'Denver, CO 80202-1399', '303-299-2307', '',
    'Board of Directors', 'Chair – Doug Tisdale, District H', 'First Vice Chair – Natalie Menten, District M', 'Secretary – Claudia Folska, Ph.D., District E',
    'Lorraine Anderson, District L', 'District N', 'Larry Hoy, District J', '', 'BOARD OF DIRECTORS MEETING', 'February 27, 2018 at 5:30 PM', '',
    'I.', '', 'Call to Order', '', 'II.', '', 'Approval of Board Meeting Minutes of January 30, 2018', '', 'III.', '', 'Unanimous Consent', 'A.',
    'Contract Amendment', 'It is recommended that the Board approve.', '1. Discontinue RockiesRide bus service', '', 'IV.', '', 'Executive Session', '', 'V. Adjourn'].join('\n');
  it('codes on a line of their own, the title on the next; lettered and numbered lines inside an item are not items; an executive session is closed', () => {
    const ex = extract(text);
    expect(ex.agenda.map((a) => `${a.code} ${a.title} ${a.section}`)).toEqual(['I Call to Order unrestricted',
      'II Approval of Board Meeting Minutes of January 30, 2018 unrestricted', 'III Unanimous Consent unrestricted', 'IV Executive Session exempt', 'V Adjourn unrestricted']);
    expect(ex.meeting).toMatchObject({ body: 'Regional Transportation District', date: '2018-02-27', time: '17:30', venue: null });
  });
  it('the roster under "Board of Directors": offices as roles, districts as groups, an empty district as a vacancy', () => {
    expect(extract(text).membership).toEqual([
      { name: 'Doug Tisdale', group: 'District H', role: 'Chairman' }, { name: 'Natalie Menten', group: 'District M', role: 'Vice-Chairman' },
      { name: 'Claudia Folska, Ph.D.', group: 'District E', role: null }, { name: 'Lorraine Anderson', group: 'District L', role: null },
      { name: null, group: 'District N', role: 'Vacancy' }, { name: 'Larry Hoy', group: 'District J', role: null },
    ]);
  });
});


describe('a Canadian town council\'s minutes read by OCR, headings in a margin column', () => {
  // invented: a two-column layout whose margin OCR reads apart from the text, a running title above the heading, a
  // roster of offices and names under it, and a motion quoting a list "1) … 2) …"
  const text = ['Village', 'Minutes of the Regular of the Council of the Village of Elmbrook March 4, 2025',
    'Date and Place', 'In Attendance', 'Call to Order', 'Agenda',
    'Minutes of the Regular Meeting of the Council of the Village of Elmbrook held Tuesday, March 4, 2025, at 7:00 p.m., in the Elmbrook Community Hall',
    'Reeve Anna Kowalski Deputy Reeve Tremblay Councillor Okafor Councillor Lindqvist CAO, Sam Porter',
    'Reeve Kowalski called the meeting to order at 7:02pm',
    'Motion 12/2025 Moved by Councillor Okafor, “THAT the agenda be amended to add:', '1) Rink Repairs 2) Grant Letter', 'Carried',
    'Previous Minutes', 'Financial', 'Motion 13/2025 Moved by Councillor Lindqvist, “THAT the minutes of February 4, 2025 be accepted.”', 'Carried',
    'Read by Reeve Kowalski', 'Correspondence', 'Council Reports', 'Adjournment', 'Reeve Kowalski adjourned the meeting at 8:15pm'].join('\n');
  it('the heading under a running title gives the meeting; a roster of offices and names is the attendance', () => {
    const ex = extract(text);
    expect(ex.meeting).toMatchObject({ body: 'Council of the Village of Elmbrook', date: '2025-03-04', time: '19:00', venue: 'Elmbrook Community Hall' });
    expect(ex.minutes).toHaveLength(1);
    expect(ex.minutes[0].present).toEqual(['Anna Kowalski', 'Tremblay', 'Okafor', 'Lindqvist']);
    expect(ex.minutes[0].inAttendance).toEqual(['Sam Porter']);
  });
  it('the margin\'s Title Case headings are the sections, not "Carried", the labels or a list quoted in a motion', () => {
    const ex = extract(text);
    expect(ex.minutes[0].items.map((i) => `${i.number}|${i.title}`)).toEqual(['|Call to Order', '|Agenda', '|Previous Minutes', '|Financial', '|Correspondence', '|Council Reports', '|Adjournment']);
  });
  it('a roster needs three offices with names; a sentence naming a mayor is none', () => {
    expect(officeRoster('Mayor Greg Rathjen Deputy Mayor Valiquette CAO, Marc Fortais')).toEqual([
      { name: 'Greg Rathjen', member: true }, { name: 'Valiquette', member: true }, { name: 'Marc Fortais', member: false }]);
    expect(officeRoster('Mayor Rathjen called the meeting to order')).toBeNull();
    expect(officeRoster('Mayor Rathjen Councillor Hansen')).toBeNull();
  });
});

describe('a Canadian city panel\'s minutes as the web page\'s text (labels on their own lines, numbers apart from headings)', () => {
  // invented, in the layout of a city's web minutes
  const text = ['', 'March 3, 2021 - Minutes', 'Heritage Review Panel', 'Wednesday, March 3, 2021', 'Time:', '4:00 p.m.', 'Place:', 'Room 2.004', 'Elmford City Hall',
    'Present:', 'Dana Ruiz, Chair', 'Omar Haddad, General Manager, Planning and Development', 'Lee Park, Director, Engineering',
    'The meeting was called to order at 4:00 p.m.', 'Minutes', 'It was moved and seconded', 'That the minutes of February 3, 2021 be adopted.', 'CARRIED',
    '1.', '[HERITAGE PERMIT 21-100200](https://example.org/hp.pdf)', 'APPLICANT:', 'Elm Holdings Ltd.', 'INTENT OF PERMIT:', '1.', 'Permit the restoration of a house; and',
    '2.', 'Vary the setback.', 'Panel Decision', 'It was moved and seconded', 'That a Heritage Permit be issued.', 'CARRIED',
    '2.', 'Date of Next Meeting: April 7, 2021', '3.', 'Adjournment', 'It was moved and seconded', 'That the meeting be adjourned at 4:40 p.m.', 'CARRIED'].join('\n');
  it('"Place:" gives the venue from the lines under it; "Name, Job Title, Department" is one person', () => {
    const ex = extract(text);
    expect(ex.meeting).toMatchObject({ body: 'Heritage Review Panel', date: '2021-03-03', time: '16:00', venue: 'Room 2.004, Elmford City Hall' });
    expect(ex.minutes[0].present).toEqual(['Dana Ruiz', 'Omar Haddad', 'Lee Park']);
  });
  it('a number alone on its line heads the minute on the next line (a link\'s text as its title); "CARRIED" heads nothing', () => {
    expect(extract(text).minutes[0].items.map((i) => `${i.number}|${i.title}`)).toEqual(['1|HERITAGE PERMIT 21-100200', '2|Date of Next Meeting', '3|Adjournment']);
  });
});

describe('a Canadian city council\'s minutes as pdftotext gives them (lettered sections, offices listed as staff)', () => {
  // invented, in the layout of a large city's council minutes
  const text = ['Page 1', 'Regular Council -', 'Land Use Minutes', 'Council Chambers and', '2B – Meeting Room C', 'City Hall', '100 - 10 Avenue', 'Elmford, B.C.',
    'Live Streamed at elmford.ca', 'T', 'UESDAY', ',', 'M', 'ARCH', '4,', '2025', 'Time:', '5:30 p.m.', 'Present:', 'Chairperson - Mayor Ruiz', 'Councillor Okafor',
    'Councillor Lindqvist', 'Absent:', 'Staff Present:', 'City Manager', 'City Clerk', 'General Manager, Engineering', 'Manager, Area Planning & Development, North Division',
    'City Solicitor', 'Land Development Engineer', 'The meeting was recessed at 5:40 p.m. and was reconvened at 5:50 p.m. in the same room.',
    'A.', 'ADOPTIONS', '1.', 'Adoption of the Agenda', 'It was', 'Moved by Councillor Okafor', 'Seconded by Councillor Lindqvist', 'That the agenda be adopted.', 'RES.R25-10', 'Carried',
    '2.', 'Adoption of the Minutes', 'RES.R25-11', 'Carried', 'B.', 'CORPORATE REPORTS', '1.', 'Item No. R001 Paving', 'That Council:', '1.', 'Receive the report;', '2.', 'Award the contract;', '3.', 'Set the limit.', 'RES.R25-12', 'Carried',
    'C.', 'BYLAWS AND PERMITS', 'PERMITS', '1.', 'Development Variance Permit No. 1', 'RES.R25-13', 'Carried', 'D.', 'ADJOURNMENT', 'The meeting adjourned at 6:10 p.m.'].join('\n');
  it('the title broken after a dash, the date in small capitals split over lines, the place over several lines', () => {
    expect(extract(text).meeting).toMatchObject({ body: 'Regular Council - Land Use', date: '2025-03-04', time: '17:30',
      venue: 'Council Chambers and 2B – Meeting Room C, City Hall, 100 - 10 Avenue, Elmford, B.C.' });
  });
  it('the chair\'s role before a dash is dropped; staff listed only by office are no people', () => {
    const m = extract(text).minutes[0];
    expect(m.present).toEqual(['Mayor Ruiz', 'Councillor Okafor', 'Councillor Lindqvist']);
    expect(m.inAttendance).toEqual([]);
  });
  it('lettered sections in capitals with items numbered again under each are the minutes; a room "2B" is no minute', () => {
    expect(extract(text).minutes[0].items.map((i) => `${i.number} ${i.title}`)).toEqual(['A ADOPTIONS', 'B CORPORATE REPORTS', 'C BYLAWS AND PERMITS', 'D ADJOURNMENT']);
  });
});
