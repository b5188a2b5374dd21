// Round trip (issue 4): a pack Moot builds, read back from its PDF and extracted, gives back what built it —
// the meeting, membership, agenda with the real page ranges, the minutes and Records of Decision it carries.
// Three meetings in different conventions (lettered and numbered agendas, exempt items or none, "to follow"
// papers, morning, afternoon and evening meetings, contacts with and without telephones), each built as the
// public and the members' (confidential) pack.
import { describe, expect, it } from 'vitest';
import { readPackBytes } from '../../src/importer/read/index.js';
import { extractPack, type PackExtraction } from '../../src/importer/text/index.js';
import { memberRoleOf } from '../../src/importer/text/membership.js';
import { buildPack } from '../../src/pack/index.js';
import { orderedSections } from '../../src/pack/front-sheet.js';
import type { Audience, BuiltPack, DecisionPaper, MinutesPaper, PackInput } from '../../src/pack/model.js';
import { isExemptItem } from '../../src/pack/text.js';
import { makeMeeting, makeUploadedPdf, minutes, report } from '../pack/fixture.js';

/** A district council's planning committee: numbered items, numbered minutes, an afternoon meeting, an exempt item. */
export async function planningMeeting(): Promise<PackInput> {
  const body = 'Area Planning Committee No. 2';
  const previous: MinutesPaper = {
    kind: 'minutes',
    bodyName: body,
    date: '2026-03-18',
    venue: 'Council Chamber, Riverside House, Market Street, Riverton',
    present: [
      { name: 'Cllr J Okonjo', role: 'Chairman' },
      { name: 'Cllr P Hargreaves', role: 'Vice-Chairman' },
      { name: 'Cllr M Dunmore' },
      { name: 'Cllr S Patel' },
      { name: 'Cllr T Greaves', substituteFor: 'Cllr L Ambrose' },
    ],
    inAttendance: [{ name: 'Mrs K Lowther', jobTitle: 'Development Manager' }, { name: 'Mr N Quayle', jobTitle: 'Solicitor' }],
    apologies: ['Cllr L Ambrose', 'Cllr R Fenwick'],
    minutes: [
      { number: 112, title: 'Apologies for Absence', paragraphs: ['Apologies were received from Cllr Ambrose and Cllr Fenwick.'] },
      { number: 113, title: 'Declarations of Interest', paragraphs: ['Cllr Patel declared an interest in minute 115 as a neighbour of the site.'] },
      {
        number: 114, title: 'Minutes of the meeting held on 18 February 2026', paragraphs: [],
        resolution: { intro: 'RESOLVED that', text: 'the minutes be approved as a correct record and signed by the Chairman.' },
      },
      {
        number: 115, title: 'Planning Application 25/01872/FUL - Erection of 48 Dwellings with Access, Parking and Landscaping - Land East of Mill Lane, Riverton', itemCode: '4',
        paragraphs: ['The Development Manager presented the application for 48 dwellings.', 'Two residents spoke against the proposal.'],
        resolution: { intro: 'RESOLVED that', text: 'planning permission be granted subject to the conditions set out in the report.' },
        votes: { for: 6, against: 1 },
      },
      { number: 116, title: 'Appeals Lodged and Determined', paragraphs: ['The Committee noted the appeal decisions received since the last meeting.'] },
    ],
  };
  const to = { body, date: '2026-04-15' };
  return {
    councilName: 'Riverside District Council',
    bodyName: body,
    meetingDate: '2026-04-15',
    meetingTime: '14:30',
    venue: 'Council Chamber, Riverside House, Market Street, Riverton',
    askFor: [{ name: 'Hannah Corrigan', phone: '01632 960123' }, { name: 'Owen Pryce' }],
    membership: {
      groups: [
        {
          name: 'Conservative', seats: 5, substitutes: ['Cllr D Whitfield', 'Cllr E Moss'],
          members: [{ name: 'Cllr J Okonjo', role: 'Chairman' }, { name: 'Cllr M Dunmore' }, { name: 'Cllr R Fenwick, OBE' }, { name: 'Cllr S Patel' }, { name: 'Cllr W Yates' }],
        },
        { name: 'Labour', seats: 3, vacancies: 1, members: [{ name: 'Cllr P Hargreaves', role: 'Vice-Chairman' }, { name: 'Cllr L Ambrose' }] },
        { name: 'Green', seats: 1, members: [{ name: 'Cllr T Greaves' }] },
      ],
    },
    sections: [
      {
        exempt: false,
        items: [
          { code: '1', title: 'Apologies for Absence', papers: [] },
          { code: '2', title: 'Declarations of Interest', papers: [] },
          { code: '3', title: 'Minutes of the meeting held on 18 March 2026', purpose: 'To confirm the minutes as a correct record.', papers: [previous] },
          {
            code: '4', title: 'Planning Application 26/00215/FUL - Former Depot, Quarry Road, Riverton',
            papers: [report('Planning Application 26/00215/FUL - Former Depot, Quarry Road', { to, electoralDivisions: 'Riverton North' })],
          },
          {
            code: '5', title: 'Planning Application 26/00341/OUT - Outline Application for up to 120 Dwellings, Public Open Space and Associated Infrastructure - Land at Brook Farm, Ashby Parva',
            purpose: 'To determine the application.',
            papers: [{ kind: 'pdf', title: 'Officer report and plans', bytes: await makeUploadedPdf('Land at Brook Farm, Ashby Parva', 3), documentType: 'report' }],
          },
          {
            code: '6', title: 'Tree Preservation Order No. 14 of 2026 - The Green, Welby',
            papers: [{
              kind: 'decision', number: '26/00402', decisionTaker: 'Head of Planning and Regeneration', date: '2026-03-30',
              subject: 'Provisional Tree Preservation Order No. 14 of 2026, The Green, Welby', keyDecision: false,
              classification: 'unrestricted', decision: ['To make a provisional Tree Preservation Order protecting four oak trees.'],
              reasons: ['The trees are under threat from proposed development and have high amenity value.'], alternativesConsidered: [],
            }],
          },
          {
            code: '7', title: 'Record of Decision: Community Infrastructure Levy Spending Plan 2026/27',
            papers: [{
              kind: 'decision', number: '26/00388', decisionTaker: 'Cllr S Patel, Cabinet Member for Planning, Housing, Regeneration and Economic Development',
              date: '2026-03-27', subject: 'Community Infrastructure Levy Spending Plan 2026/27 and Allocation of the Strategic Infrastructure Fund to Schemes in Riverton and Welby',
              keyDecision: true, classification: 'exempt-information',
              decision: ['To approve the Community Infrastructure Levy spending plan for 2026/27.'],
              reasons: ['The plan funds the infrastructure needed to support planned growth.'],
              alternativesConsidered: ['Holding the fund for a further year was rejected.'], interestsDeclared: ['None'],
            }],
          },
          { code: '8', title: 'Appeals Lodged and Determined', papers: [] },
          { code: '10', title: 'Urgent Business', papers: [] },
        ],
      },
      {
        exempt: true,
        items: [{
          code: '11', title: 'Enforcement Case 24/0117 - Unauthorised Works', exemptParagraphs: [6, 7],
          publicInterestReason: 'Disclosure could prejudice a prosecution.',
          papers: [{ kind: 'pdf', title: 'Enforcement report', bytes: await makeUploadedPdf('Enforcement case summary', 2), documentType: 'report' }],
        }],
      },
    ],
    signatory: { name: 'Alistair Penhaligon', title: 'Chief Executive' },
    publicationDate: '2026-04-02',
  };
}

/** A town council's evening committee: no exempt items, a late "to follow" paper, two sets of minutes. */
export async function townMeeting(): Promise<PackInput> {
  const body = 'Finance and General Purposes Committee';
  const own: MinutesPaper = {
    kind: 'minutes',
    bodyName: body,
    date: '2026-05-06',
    venue: 'Guildhall, High Street, Abbotsford',
    present: [{ name: 'Councillor A Birch', role: 'Chairman' }, { name: 'Councillor C Dale' }, { name: 'Councillor F Gorse' }, { name: 'Councillor H Ivy' }],
    alsoPresent: ['Councillor K Larch'],
    inAttendance: [{ name: 'Mrs M Nettle' }],
    minutes: [
      { number: 2712, title: 'Apologies', paragraphs: ['There were no apologies.'] },
      { number: 2713, title: 'Accounts for Payment', paragraphs: ['The schedule of payments for April was considered.'], resolution: { intro: 'RESOLVED that', text: 'the payments be approved.' } },
      { number: 2714, title: 'Internal Audit Report 2025/26', paragraphs: ['The internal auditor found no significant weaknesses.'] },
    ],
  };
  const working: MinutesPaper = {
    kind: 'minutes',
    bodyName: 'Allotments Working Group',
    date: '2026-05-20',
    venue: 'Committee Room, Guildhall, High Street, Abbotsford',
    present: [{ name: 'Councillor C Dale', role: 'Chairman' }, { name: 'Councillor H Ivy' }],
    apologies: ['Councillor F Gorse'],
    minutes: [
      { number: 15, title: 'Waiting List', paragraphs: ['Thirty-one people are waiting for a plot.'] },
      { number: 16, title: 'Water Charges', paragraphs: ['The group recommends holding water charges at 2025 levels.'] },
    ],
  };
  return {
    councilName: 'Abbotsford Town Council',
    bodyName: body,
    meetingDate: '2026-06-03',
    meetingTime: '19:00',
    venue: 'Guildhall, High Street, Abbotsford',
    askFor: [{ name: 'Margaret Nettle', email: 'clerk@abbotsford-tc.gov.uk' }],
    membership: {
      groups: [{
        name: 'Independent', seats: 6, vacancies: 1,
        members: [{ name: 'Councillor A Birch', role: 'Chairman' }, { name: 'Councillor C Dale', role: 'Vice-Chairman' }, { name: 'Councillor F Gorse' }, { name: 'Councillor H Ivy' }, { name: 'Councillor K Larch' }],
      }],
      coOpted: [{ category: 'Church Representative', seats: 1, members: ['Reverend P Quince'] }],
    },
    sections: [
      {
        exempt: false,
        items: [
          { code: '1', title: 'Apologies for Absence', papers: [] },
          { code: '2', title: 'Minutes of the meeting held on 6 May 2026', papers: [own] },
          { code: '3', title: 'Notes of the Allotments Working Group held on 20 May 2026', papers: [working] },
          {
            code: '4', title: 'Budget Monitoring to 31 May 2026',
            papers: [report('Budget Monitoring to 31 May 2026', { to: { body, date: '2026-06-03' }, electoralDivisions: undefined })],
          },
          {
            code: '5', title: 'Annual Governance and Accountability Return 2025/26', toFollow: true,
            papers: [{ kind: 'pdf', title: 'AGAR 2025/26', bytes: await makeUploadedPdf('Annual Governance and Accountability Return', 2), documentType: 'report' }],
          },
          { code: '6', title: 'Date of Next Meeting', papers: [] },
        ],
      },
    ],
    signatory: { name: 'Margaret Nettle', title: 'Town Clerk' },
    publicationDate: '2026-05-27',
  };
}

type Expected = Pick<PackExtraction, 'meeting' | 'membership' | 'agenda' | 'minutes' | 'decisions'>;

/** What the extraction must say about a pack built from `input`, in the SCHEMA.md format. */
function expected(input: PackInput, built: BuiltPack, audience: Audience): Expected {
  const pages = new Map(built.items.map((i) => [i.code, [i.startPage, i.endPage] as [number, number]]));
  const out: Expected = {
    meeting: {
      body: input.bodyName,
      date: input.meetingDate,
      time: input.meetingTime,
      venue: input.venue,
      contacts: input.askFor.map((c) => ({ name: c.name, phone: c.phone ?? null })),
      publishedOn: input.publicationDate,
      publishedBy: input.signatory.name,
    },
    membership: [],
    agenda: [],
    minutes: [],
    decisions: [],
  };
  for (const g of input.membership?.groups ?? []) {
    for (const m of g.members) out.membership.push({ name: m.name, group: g.name, role: m.role && m.role !== 'member' ? memberRoleOf(m.role) : null });
    for (let k = 0; k < (g.vacancies ?? 0); k++) out.membership.push({ name: null, group: g.name, role: 'Vacancy' });
    for (const s of g.substitutes ?? []) out.membership.push({ name: s, group: g.name, role: 'Substitute' });
  }
  for (const c of input.membership?.coOpted ?? []) {
    for (const m of c.members) out.membership.push({ name: m, group: c.category, role: null });
    for (let k = 0; k < (c.vacancies ?? 0); k++) out.membership.push({ name: null, group: c.category, role: 'Vacancy' });
  }
  for (const section of orderedSections(input)) {
    for (const item of section.items) {
      const exempt = isExemptItem(item, section);
      out.agenda.push({
        code: item.code,
        title: item.title,
        section: exempt ? 'exempt' : 'unrestricted',
        pages: pages.get(item.code) ?? null,
        toFollow: Boolean(item.toFollow) && !item.withdrawn,
      });
      // papers issued later, withdrawn, or withheld from the public are not in the pack
      if (item.toFollow || item.withdrawn || (exempt && audience === 'public')) continue;
      for (const paper of item.papers) {
        if (paper.kind === 'minutes') out.minutes.push(minutesOf(paper));
        if (paper.kind === 'decision') out.decisions.push(decisionOf(paper));
      }
    }
  }
  return out;
}

function minutesOf(m: MinutesPaper): PackExtraction['minutes'][number] {
  return {
    body: m.bodyName,
    date: m.date,
    present: m.present.map((a) => a.name),
    alsoPresent: m.alsoPresent ?? [],
    inAttendance: (m.inAttendance ?? []).map((o) => o.name),
    apologies: m.apologies ?? [],
    substitutes: m.present.filter((a) => a.substituteFor).map((a) => ({ member: a.name, for: a.substituteFor! })),
    items: m.minutes.map((e) => ({ number: String(e.number), title: e.title })),
  };
}

function decisionOf(d: DecisionPaper): PackExtraction['decisions'][number] {
  return { number: d.number, takenBy: d.decisionTaker, date: d.date, subject: d.subject };
}

/** The extraction cut down to the compared fields (minutes items without their text, decisions without extras). */
function comparable(x: PackExtraction): Expected {
  return {
    meeting: x.meeting,
    // names as printed: the format keeps honours ("MBE") beside the name
    membership: x.membership.map((m) => ({ name: m.name && m.honours ? `${m.name}, ${m.honours}` : m.name, group: m.group, role: m.role })),
    agenda: x.agenda,
    minutes: x.minutes.map((m) => ({ ...m, items: m.items.map(({ number, title }) => ({ number, title })) })),
    decisions: x.decisions.map(({ number, takenBy, date, subject }) => ({ number, takenBy, date, subject })),
  };
}

const meetings: [string, () => Promise<PackInput>][] = [
  ['lettered cabinet committee with exempt items (makeMeeting)', makeMeeting],
  ['numbered planning committee, afternoon, one contact without a telephone', planningMeeting],
  ['town council evening committee, no exempt items, a paper to follow', townMeeting],
];

describe('round trip: build a pack, read it back, extract it', () => {
  for (const [name, make] of meetings) {
    for (const audience of ['public', 'confidential'] as const) {
      it(`${name} — ${audience} pack`, async () => {
        const input = await make();
        const built = await buildPack(input, { audience });
        const text = await readPackBytes(built.bytes, `${input.meetingDate}.pdf`);
        const x = extractPack(text);
        const want = expected(input, built, audience);
        expect(comparable(x)).toEqual(want);
        // every item with pages in the pack has its papers located there
        for (const i of built.items) expect(x.papers.find((p) => p.itemCode === i.code), `papers of ${i.code}`).toMatchObject({ startPage: i.startPage, endPage: i.endPage });
        expect(x.warnings).toEqual([]);
      }, 30_000);
    }
  }

  it('the fixtures exercise what they claim to', async () => {
    const planning = await planningMeeting();
    const town = await townMeeting();
    expect(planning.meetingTime).toBe('14:30');
    expect(town.meetingTime).toBe('19:00');
    expect(planning.askFor.some((c) => !c.phone) && planning.askFor.some((c) => c.phone)).toBe(true);
    expect(town.sections.some((s) => s.exempt)).toBe(false);
    expect(town.sections.flatMap((s) => s.items).some((i) => i.toFollow)).toBe(true);
    expect(planning.sections.every((s) => !s.letter)).toBe(true);
    // and the minutes helper of the pack fixture is the one reproduced in makeMeeting
    expect(minutes().minutes.map((m) => m.number)).toEqual([41, 42]);
  });
});
