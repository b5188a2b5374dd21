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

// INVENTED: a district council committee's agenda ("Date:/Time:/Venue:" labels, a one-line membership and its
// substitutes, Part A / Part B, numbered sub-items under an item)
const districtAgenda = [
  'WESTBURY DISTRICT COUNCIL', '', 'PLANNING COMMITTEE', '',
  'Date: Tuesday 12 March 2024', 'Time: 6.00 pm', 'Venue: Council Chamber, Civic Offices, High Street, Westbury', '',
  'Membership:', 'Councillors J Hammond (Chairman), R Baker (Vice-Chairman), Mrs P Allen, T Carter, S Dunn, K Ellis and M Foster', '',
  'Substitutes:', 'Councillors L Green, H Hill and N Owen', '',
  'Contact: Tom Morgan, Democratic Services Officer', 'Tel: 01632 960456', '',
  'AGENDA', '', 'PART A - ITEMS CONSIDERED IN PUBLIC', '',
  '1. Apologies for Absence and Substitutions', '', '2. Declarations of Interest', '',
  '3. Minutes (Pages 1 - 6)', 'To confirm the minutes of the meeting held on 13 February 2024.', '',
  '4. Planning Applications', '', '4.1 23/01234/FUL - Land at Mill Lane, Westbury (Pages 7 - 30)', '', '4.2 23/01301/OUT - Former Depot, Station Road (Pages 31 - 52)', '',
  '5. Exclusion of the Press and Public', '', 'PART B - ITEMS CONSIDERED IN PRIVATE', '',
  '6. Enforcement Action - Land at Hill Farm (Pages 53 - 58)', '',
  'Jane Wilson', 'Chief Executive', 'Published on 4 March 2024',
];

// INVENTED: a county council committee's front sheet, groups and co-opted categories with counts
const countyAgenda = [
  'EASTSHIRE COUNTY COUNCIL', '', "CHILDREN'S SERVICES SCRUTINY COMMITTEE", '', 'Wednesday, 15 January 2020 at 10.00 am', '',
  'Council Chamber, County Hall, Eastbridge', '', 'Ask for: Zoe Clarke', 'Telephone: 01632 960123', '', 'Membership', '',
  'Conservative (7): Mrs A Bell (Chairman), B Cole, Mr D Evans (Vice-Chairman), Mrs F Grant, G Howe, J Ince and Vacancy', '',
  'Labour (2): Mr K Jarvis and Ms L Moss', '', 'Church Representatives (3): Mr P Quinn, Mrs S Rowe and Vacancy', '',
  'Parent Governor Representatives (2): Mrs R Shaw and Mr T Upton', '', 'Independent Member (1): Dr V Walsh', '',
  'AGENDA', '', 'UNRESTRICTED ITEMS', '', '1. Apologies and Substitutes', '', '2. Declarations of Interest', '',
  '3. Minutes of the meeting held on 7 November 2019 (Pages 1 - 8)', '', '4. School Performance 2018/19 (Pages 9 - 24)', '',
  'EXEMPT ITEMS', '', '5. School Transport Contract (Pages 25 - 30)', '', 'Benjamin Watts', 'General Counsel', '7 January 2020',
];

// INVENTED: a district council committee's minutes, the people's job titles in brackets
const districtMinutes = [
  'WESTBURY DISTRICT COUNCIL', '',
  'Minutes of the meeting of the Planning Committee held on Tuesday, 12 March 2024 at 6.00 pm in the Council Chamber, Civic Offices, High Street, Westbury', '',
  'PRESENT: Councillor J Hammond (Chairman)', 'Councillors Mrs P Allen, R Baker (Vice-Chairman), T Carter, S Dunn, K Ellis and M Foster', '',
  'Substitutes: Councillor L Green (for Councillor H Hill)', '', 'ALSO PRESENT: Councillor A Irwin (Ward Member)', '',
  'IN ATTENDANCE: Sarah Jones (Head of Planning), David Khan (Principal Planning Officer), Emma Lewis (Legal Advisor) and Tom Morgan (Democratic Services Officer)', '',
  '45. APOLOGIES FOR ABSENCE AND SUBSTITUTIONS', '',
  'Apologies for absence were received from Councillors H Hill and N Owen. Councillor L Green attended as substitute for Councillor H Hill.', '',
  '46. DECLARATIONS OF INTEREST', '', '47. MINUTES', '', 'RESOLVED: That the minutes of the meeting held on 13 February 2024 be approved.', '',
  '48. PLANNING APPLICATION 23/01234/FUL - LAND AT MILL LANE, WESTBURY', '', '49. APPEALS PERFORMANCE', '', 'The meeting closed at 7.45 pm',
];

describe('an English district council committee\'s agenda', () => {
  const ex = extract(districtAgenda);
  it('the committee under the authority\'s name is the body, never the agenda\'s first section', () => {
    expect(ex.meeting).toMatchObject({ body: 'Planning Committee', date: '2024-03-12', time: '18:00', venue: 'Council Chamber, Civic Offices, High Street, Westbury', publishedOn: '2024-03-04', publishedBy: 'Jane Wilson' });
    expect(ex.meeting.contacts).toEqual([{ name: 'Tom Morgan', phone: '01632 960456' }]);
  });
  it('a one-line membership and its substitutes; the contact line is nobody\'s membership', () => {
    expect(ex.membership.map((m) => `${m.name}/${m.role}`)).toEqual([
      'Councillor J Hammond/Chairman', 'R Baker/Vice-Chairman', 'Mrs P Allen/null', 'T Carter/null', 'S Dunn/null', 'K Ellis/null', 'M Foster/null',
      'Councillor L Green/Substitute', 'H Hill/Substitute', 'N Owen/Substitute',
    ]);
  });
  it('Part A / Part B sections; numbered sub-items "4.1" stay inside their item', () => {
    expect(ex.agenda.map((a) => `${a.code} ${a.title} ${a.section} ${JSON.stringify(a.pages)}`)).toEqual([
      '1 Apologies for Absence and Substitutions unrestricted null', '2 Declarations of Interest unrestricted null', '3 Minutes unrestricted [1,6]',
      '4 Planning Applications unrestricted null', '5 Exclusion of the Press and Public unrestricted null', '6 Enforcement Action - Land at Hill Farm exempt [53,58]',
    ]);
  });
});

describe('an English county council committee\'s front sheet', () => {
  const ex = extract(countyAgenda);
  it('"UNRESTRICTED ITEMS" after "AGENDA" is no body: the committee under the letterhead is', () => {
    expect(ex.meeting.body).toBe("Children's Services Scrutiny Committee");
  });
  it('co-opted categories are groups; a vacancy in one is a vacancy of that group', () => {
    const byGroup = (g: string) => ex.membership.filter((m) => m.group === g).map((m) => m.name ?? 'Vacancy');
    expect(byGroup('Church Representatives')).toEqual(['Mr P Quinn', 'Mrs S Rowe', 'Vacancy']);
    expect(byGroup('Parent Governor Representatives')).toEqual(['Mrs R Shaw', 'Mr T Upton']);
    expect(byGroup('Independent Member')).toEqual(['Dr V Walsh']);
    expect(ex.membership.filter((m) => m.role === 'Vacancy').map((m) => m.group)).toEqual(['Conservative', 'Church Representatives']);
  });
});

describe('an English district council committee\'s minutes', () => {
  const m = extract(districtMinutes).minutes[0];
  it('present, substitutes, ALSO PRESENT and IN ATTENDANCE with job titles in brackets', () => {
    expect(m.present).toEqual(['Councillor J Hammond', 'Councillor Mrs P Allen', 'R Baker', 'T Carter', 'S Dunn', 'K Ellis', 'M Foster']);
    expect(m.substitutes).toEqual([{ member: 'Councillor L Green', for: 'Councillor H Hill' }]);
    expect(m.alsoPresent).toEqual(['Councillor A Irwin']);
    expect(m.inAttendance).toEqual(['Sarah Jones', 'David Khan', 'Emma Lewis', 'Tom Morgan']);
    expect(m.apologies).toEqual(['Councillor H Hill', 'N Owen']);
    expect(m.items.map((i) => i.number)).toEqual(['45', '46', '47', '48', '49']);
  });
});

describe('honest about what is not the field (invented fragments)', () => {
  const sheet = (extra: { venue?: string; membership?: string[]; signature?: string[] }) => extract([
    'EXAMPLE BOROUGH COUNCIL', 'CABINET', 'Monday, 3 June 2024 at 7.00 pm', extra.venue ?? 'Committee Room 1, Town Hall, Exampleton', '',
    'Membership', ...(extra.membership ?? ['Councillors A Ash (Chairman), B Birch, C Cedar and D Elm']), '',
    'AGENDA', '1. Apologies', '2. Minutes (Pages 1 - 4)', '3. Budget Monitoring (Pages 5 - 20)', '',
    ...(extra.signature ?? ['Jo Smith', 'Chief Executive', '24 May 2024']),
  ]);
  it('an office or a department listed where the membership is expected is no member', () => {
    const ex = sheet({ membership: ['Deputy Chief Executive, Economic Development, Corporate Services and Councillor A Ash (Chairman)'] });
    expect(ex.membership.map((x) => x.name)).toEqual(['Councillor A Ash']);
  });
  it('an organisation is no signatory', () => {
    const ex = sheet({ signature: ['Kent Association', 'Chief Executive', '24 May 2024'] });
    expect(ex.meeting.publishedBy).toBeNull();
    const one = sheet({ signature: ['Association', 'Chief Executive', '24 May 2024'] });
    expect(one.meeting.publishedBy).toBeNull();
    expect(sheet({}).meeting.publishedBy).toBe('Jo Smith');
  });
  it('a venue cut mid-phrase is left empty, with a warning', () => {
    const ex = sheet({ venue: 'Committee Room 1, Town Hall and' });
    expect(ex.meeting.venue).toBeNull();
    expect(ex.warnings.join('\n')).toMatch(/venue "Committee Room 1, Town Hall and" reads as cut short/);
    expect(sheet({}).meeting.venue).toBe('Committee Room 1, Town Hall, Exampleton');
  });
});

// INVENTED: an Irish county council's ordinary meeting, pdftotext -layout style (labels in a column, page footers)
const irishCountyMinutes = [
  'COMHAIRLE CONTAE NA MARA', 'SEAVIEW COUNTY COUNCIL', '',
  'MINUTES OF ORDINARY MEETING OF SEAVIEW COUNTY COUNCIL HELD IN ÁRAS AN CHONTAE, HARBOURTOWN', 'ON MONDAY 12TH FEBRUARY 2024 AT 2.00 P.M.', '',
  'In the Chair:            Cllr. Liam Murphy, Cathaoirleach', '',
  'Members Present:         Cllrs. M. Ahern, B. Barry, C. Collins, D. Daly, E. Egan,', '                         F. Fitzgerald, G. Griffin, H. Hayes.', '',
  'Apologies:               Cllr. J. Joyce.', '',
  'Officials Present:       Mr. P. Power, Chief Executive', '                         Ms. R. Ryan, Director of Services, Housing',
  '                         Mr. S. Sheehan, Director of Services, Roads & Transportation', '                         Ms. T. Tobin, Meetings Administrator', '',
  '1. CONFIRMATION OF MINUTES', 'On the proposal of Cllr. Ahern, seconded by Cllr. Barry, the minutes of the Ordinary Meeting held on 8th January 2024 were confirmed.', '',
  "2. CHIEF EXECUTIVE'S MANAGEMENT REPORT", 'The Chief Executive presented the report. Following discussion it was proposed by Cllr. Collins, seconded by Cllr. Daly and resolved:',
  '"That the Management Report for January 2024 be noted."', '                                                                 Page 1 of 2', '',
  '3. DISPOSAL OF LAND AT QUAY ROAD, HARBOURTOWN', 'Proposed by Cllr. Egan', 'Seconded by Cllr. Fitzgerald', 'And Resolved:',
  '"That the disposal of land at Quay Road to Harbourtown Community Association be approved."', '',
  '4. CORRESPONDENCE', 'Noted.', '', 'This concluded the business of the meeting.', '                                                                 Page 2 of 2',
];

describe('an Irish county council\'s minutes (no article in the heading, labels in a column)', () => {
  const ex = extract(irishCountyMinutes);
  const m = ex.minutes[0];
  it('"MINUTES OF ORDINARY MEETING OF …" opens minutes; body, date, time and place from it', () => {
    expect(ex.meeting).toMatchObject({ body: 'Seaview County Council', date: '2024-02-12', time: '14:00', venue: 'ÁRAS AN CHONTAE, HARBOURTOWN' });
  });
  it('"In the Chair:" is present, without the office; the officials\' jobs and departments are nobody', () => {
    expect(m.present[0]).toBe('Cllr. Liam Murphy');
    expect(m.present).toHaveLength(9);
    expect(m.present.join('|')).not.toMatch(/Cathaoirleach/);
    expect(m.inAttendance).toEqual(['Mr. P. Power', 'Ms. R. Ryan', 'Mr. S. Sheehan', 'Ms. T. Tobin']);
    expect(m.apologies).toEqual(['Cllr. J. Joyce']);
    expect(m.items.map((i) => i.number)).toEqual(['1', '2', '3', '4']);
  });
});

// INVENTED: a borough council's Cabinet minutes (prefixed minute numbers, officers listed only by office)
const boroughCabinetMinutes = [
  'NORTHFIELD BOROUGH COUNCIL', '', 'CABINET', '',
  'Minutes of the meeting held on Wednesday 17 January 2024 at 7.00 pm', 'at the Town Hall, Market Place, Northfield', '',
  'Present:    Councillor R Patel (Leader of the Council) (Chair)', '            Councillor S O\'Neill (Deputy Leader) (Vice-Chair)',
  '            Councillors A Hughes, B Lee, C Morris and D Shah', '', 'Also Present: Councillors E Grant and F Ward', '',
  'Officers:   Chief Executive, Director of Finance (Section 151 Officer), Head of Legal and',
  '            Democratic Services (Monitoring Officer) and Democratic Services Officer', '',
  'Apologies for absence were received from Councillor G Young (substituted by Councillor H Zane).', '',
  'CAB 61    DECLARATIONS OF INTEREST', '', 'There were no declarations of interest.', '',
  'CAB 62    MINUTES', '', 'RESOLVED: That the minutes of the meeting held on 13 December 2023 be confirmed.', '',
  'CAB 63    BUDGET 2024/25 AND MEDIUM TERM FINANCIAL STRATEGY', '', 'RESOLVED: That the draft budget be recommended to Council.', '',
  'CAB 64    HOUSING REVENUE ACCOUNT BUSINESS PLAN', '', 'RESOLVED: That the plan be approved.', '',
  '                                                              Page 1 of 2',
  'CAB 65    EXCLUSION OF THE PRESS AND PUBLIC', '', 'The meeting ended at 8.20 pm.',
];

describe('a borough council\'s Cabinet minutes', () => {
  const ex = extract(boroughCabinetMinutes);
  const m = ex.minutes[0];
  it('the committee under the letterhead, the date and the place from "Minutes of the meeting held on …"', () => {
    expect(ex.meeting).toMatchObject({ body: 'Cabinet', date: '2024-01-17', time: '19:00', venue: 'Town Hall, Market Place, Northfield' });
  });
  it('minute numbers with the body\'s prefix ("CAB 61"), as printed', () => {
    expect(m.items.map((i) => `${i.number} ${i.title}`)).toEqual([
      'CAB 61 DECLARATIONS OF INTEREST', 'CAB 62 MINUTES', 'CAB 63 BUDGET 2024/25 AND MEDIUM TERM FINANCIAL STRATEGY',
      'CAB 64 HOUSING REVENUE ACCOUNT BUSINESS PLAN', 'CAB 65 EXCLUSION OF THE PRESS AND PUBLIC',
    ]);
  });
  it('officers listed only by their offices name nobody; "(substituted by …)" is a substitution', () => {
    expect(m.inAttendance).toEqual([]);
    expect(m.present).toEqual(['Councillor R Patel', "Councillor S O'Neill", 'Councillor A Hughes', 'B Lee', 'C Morris', 'D Shah']);
    expect(m.alsoPresent).toEqual(['Councillor E Grant', 'F Ward']);
    expect(m.apologies).toEqual(['Councillor G Young']);
    expect(m.substitutes).toEqual([{ member: 'Councillor H Zane', for: 'Councillor G Young' }]);
  });
});

// INVENTED: a county committee's public minutes, the private minutes (48–51) printed apart, a heading wrapped above its
// "(Item N)" stamp
const publicMinutesWithGap = [
  'MINUTES of a meeting of the Regulation Committee held in the Council Chamber, Sessions House, County Hall, Maidstone on Tuesday, 14 May 2019.', '',
  'PRESENT: Mr A Brown (Chairman), Mr B Green (Vice-Chairman), Mrs C White, Mr D Black and Mrs E Grey', '',
  'IN ATTENDANCE: Mr F Stone (Head of Planning Applications) and Mr G Wood (Democratic Services Officer)', '', 'UNRESTRICTED ITEMS', '',
  '45. Membership', '(Item 1)', 'The Committee noted that Mrs E Grey had replaced Mr H Hill.', '',
  '46. Minutes of the meeting held on 22 January 2019', '(Item 2)', 'RESOLVED that the Minutes be approved.', '',
  '47. Update on Planning', 'Enforcement Issues', '(Item 3)', 'The Head of Planning Applications reported.', '',
  '52. Common Land and Village Green Applications', '(Item 8)', 'RESOLVED that the report be noted.', '',
  '53. Other items which the Chairman decides are urgent', '(Item 9)', 'None.',
];

describe('minute numbers that jump over minutes printed apart', () => {
  it('a jump confirmed by an "(Item N)" stamp or the next heading is read; a wrapped heading above its stamp is whole', () => {
    const m = extract(publicMinutesWithGap).minutes[0];
    expect(m.items.map((i) => `${i.number} ${i.title}`)).toEqual([
      '45 Membership', '46 Minutes of the meeting held on 22 January 2019', '47 Update on Planning Enforcement Issues',
      '52 Common Land and Village Green Applications', '53 Other items which the Chairman decides are urgent',
    ]);
  });
  it('a numbered line inside a minute whose skipped numbers come later is no jump', () => {
    const m = extract([
      'Minutes of the meeting of the Anytown Parish Council held on 14 November 2018 at 7.30pm in the Village Hall.', 'PRESENT: Cllrs A Ash, B Birch and C Cedar', '',
      '1. WELCOME AND APOLOGIES', 'None.', '2. MINUTES', 'Signed.', '3. MATTERS ARISING',
      '11. The Clerk thanked Cllr. Ash for clearing the ground around the memorial before Remembrance',
      'Sunday.', '12. The bench has been repaired', '4. CORRESPONDENCE', 'None.', '5. PLANNING', 'None.',
    ]).minutes[0];
    expect(m.items.map((i) => i.number)).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('other labels English committees print (invented)', () => {
  it('"Councillors Present:", "Substitute Members: X (for Y)", "Officers in Attendance: Name (Job)"', () => {
    const m = extract([
      'Minutes of the meeting of the Licensing Committee held on Monday 4 March 2024 at 10.00 am in Committee Room 2, Civic Centre, Southam', '',
      'Councillors Present: Cllr A Ash (Chair), Cllr B Birch, Cllr C Cedar, Cllr D Elm', '',
      'Substitute Members: Cllr F Fir (for Cllr G Gum)', '', 'Officers in Attendance: H Hazel (Licensing Manager), I Ivy (Solicitor)', '',
      '1. Apologies', 'Apologies were received from Cllr G Gum.', '', '2. Minutes', 'Agreed.', '', '3. Licensing Act 2003 Policy Review', 'Noted.',
    ]).minutes[0];
    expect(m.present).toEqual(['Cllr A Ash', 'Cllr B Birch', 'Cllr C Cedar', 'Cllr D Elm']);
    expect(m.substitutes).toEqual([{ member: 'Cllr F Fir', for: 'Cllr G Gum' }]);
    expect(m.inAttendance).toEqual(['H Hazel', 'I Ivy']);
    expect(m.apologies).toEqual(['Cllr G Gum']);
  });
});
