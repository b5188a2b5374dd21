// An invented but realistic meeting of "Example County Council" for the pack tests.
// Exempt papers carry distinctive marker words so tests can prove they never reach the public pack.
import PDFDocument from 'pdfkit';
import type { MinutesPaper, PackInput, ReportPaper } from '../../src/pack/model.js';

export const EXEMPT_MARKERS = ['ZEBRAFINCH', 'QUASARVELLUM', 'MARMALADEOTTER', 'PERIWINKLEDRAKE'];

/** A text-only PDF made the way an officer's word processor would: title, paragraphs, several pages. */
export function makeUploadedPdf(title: string, pages: number, opts: { marker?: string; landscapeLast?: boolean } = {}): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 60, bottom: 70, left: 60, right: 60 }, info: { Title: title } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    for (let p = 0; p < pages; p++) {
      if (p > 0) doc.addPage(opts.landscapeLast && p === pages - 1 ? { size: 'A4', layout: 'landscape' } : { size: 'A4' });
      doc.font('Helvetica-Bold').fontSize(14).text(`${title}${p > 0 ? ' (continued)' : ''}`);
      doc.moveDown();
      doc.font('Helvetica').fontSize(11);
      for (let i = 0; i < 4; i++) {
        doc.text(
          `${p + 1}.${i + 1} The service has continued to meet demand across the county during the quarter. ` +
            `Spending against the revenue budget is forecast to be within the cash limit, with pressures in transport ` +
            `offset by savings on premises.${opts.marker ? ` Negotiation reference ${opts.marker} applies to this paragraph.` : ''}`,
        );
        doc.moveDown(0.5);
      }
    }
    doc.end();
  });
}

export function report(subject: string, overrides: Partial<ReportPaper> = {}): ReportPaper {
  return {
    kind: 'report',
    from: ['Mrs Eleanor Vance, Cabinet Member for Finance and Corporate Resources', 'Mr Tobias Quill, Corporate Director of Finance'],
    to: { body: 'Policy and Resources Cabinet Committee', date: '2026-03-12' },
    subject,
    electoralDivisions: 'All',
    summary: `This report sets out ${subject.toLowerCase()} for the Committee to consider.`,
    recommendations: {
      intro: 'The Policy and Resources Cabinet Committee is asked to:',
      items: ['NOTE the forecast position set out in section 2;', 'COMMENT on the proposed next steps.'],
    },
    sections: [
      { heading: 'Introduction', paragraphs: ['This report is the third monitoring report for 2025/26.', 'It reflects the position at the end of January.'] },
      {
        heading: 'Revenue position',
        paragraphs: [
          'The forecast revenue position is summarised in table 1 below.',
          { table: { head: ['Directorate', 'Cash limit £000', 'Variance £000'], rows: [['Finance', '12,400', '-150'], ['Corporate Services', '8,120', '+95'], ['Total', '20,520', '-55']] } },
          { bullets: ['Transport pressures of £0.2m;', 'Premises savings of £0.35m.'] },
        ],
      },
    ],
    implications: { financial: 'There are no further financial implications.', legal: 'None arising from this report.', equality: 'An equality impact assessment is not required.' },
    backgroundDocuments: ['Budget Book 2025/26'],
    contacts: [{ name: 'Priya Langford', title: 'Finance Business Partner', phone: '01234 567890', email: 'priya.langford@example.gov.uk' }],
    ...overrides,
  };
}

export function minutes(): MinutesPaper {
  return {
    kind: 'minutes',
    bodyName: 'Policy and Resources Cabinet Committee',
    date: '2026-01-22',
    venue: 'Council Chamber, County Hall, Exampleton',
    present: [
      { name: 'Mr H R Ashdown', role: 'Chairman' },
      { name: 'Mrs L M Okafor', role: 'Vice-Chairman' },
      { name: 'Mr D Pennington' },
      { name: 'Ms F Ruiz', substituteFor: 'Mr K Bellamy' },
    ],
    alsoPresent: ['Mrs E Vance'],
    inAttendance: [{ name: 'Mr T Quill', jobTitle: 'Corporate Director of Finance' }, { name: 'Ms G Harrow', jobTitle: 'Democratic Services Officer' }],
    apologies: ['Mr K Bellamy'],
    minutes: [
      { number: 41, title: 'Apologies and Substitutes', itemCode: 'A2', paragraphs: ['Apologies were received from Mr Bellamy.', 'Ms Ruiz attended as substitute for Mr Bellamy.'] },
      {
        number: 42, title: 'Financial Monitoring 2025/26', itemCode: 'B1', reportBy: 'Report by Mrs E Vance, Cabinet Member for Finance and Corporate Resources',
        presentForItem: ['Ms P Langford'],
        paragraphs: ['Mrs Vance introduced the report and answered questions on transport costs.'],
        resolution: { intro: 'RESOLVED that:', parts: ['the report be noted;', 'a further report be made in March.'] },
        votes: { for: 9, against: 2, note: 'Mr Pennington asked that his vote against be recorded.' },
      },
    ],
  };
}

export function meeting(uploads: { dashboard: Uint8Array; appendix: Uint8Array; exemptPdf: Uint8Array; lateAppendix: Uint8Array }): PackInput {
  return {
    councilName: 'Example County Council',
    bodyName: 'Policy and Resources Cabinet Committee',
    meetingDate: '2026-03-12',
    meetingTime: '10:00',
    venue: 'Council Chamber, County Hall, Exampleton',
    askFor: [{ name: 'Gemma Harrow', phone: '03000 111222', email: 'democratic.services@example.gov.uk' }],
    membership: {
      groups: [
        {
          name: 'Conservative', seats: 8, vacancies: 1, substitutes: ['Mr J N Wexley'],
          members: [
            { name: 'Mr H R Ashdown, MBE', role: 'Chairman' }, { name: 'Mr D Pennington' }, { name: 'Mrs A Crane' },
            { name: 'Mr R L H Dorling, TD' }, { name: 'Mr S Fairweather' }, { name: 'Mrs P Galbraith' }, { name: 'Mr W Hollins' },
          ],
        },
        { name: 'Labour', seats: 3, members: [{ name: 'Mrs L M Okafor', role: 'Vice-Chairman' }, { name: 'Mr K Bellamy' }, { name: 'Ms T Marsh' }] },
        { name: 'Liberal Democrat', seats: 1, members: [{ name: 'Ms F Ruiz' }] },
      ],
      coOpted: [{ category: 'Parent Governor', seats: 2, members: ['Mr A Whitlock'], vacancies: 1, note: 'voting on education matters only' }],
    },
    notices: [
      { text: 'Tea/Coffee will be available 15 minutes before the start of the meeting.' },
      {
        heading: 'Webcasting Notice',
        text: 'Please note: this meeting may be filmed for the live or subsequent broadcast via the Council\'s internet site or by any member of the public or press present. The Chairman will confirm if all or part of the meeting is to be filmed by the Council.\n\nBy entering into this room you are consenting to being filmed. If you do not wish to have your image captured please let the Clerk know immediately.',
      },
    ],
    sections: [
      {
        letter: 'A', title: 'Committee Business', exempt: false,
        items: [
          { code: 'A1', title: 'Introduction/Webcast announcement', papers: [] },
          { code: 'A2', title: 'Apologies and Substitutes', purpose: 'To receive apologies for absence and notification of any substitutes present', papers: [] },
          { code: 'A3', title: 'Declarations of Interest by Members in items on the Agenda', papers: [] },
          { code: 'A4', title: 'Minutes of the meeting held on 22 January 2026', purpose: 'To consider and approve the minutes as a correct record.', papers: [minutes()] },
        ],
      },
      {
        letter: 'B', title: 'Monitoring of Performance', exempt: false,
        items: [
          {
            code: 'B1', title: 'Financial Monitoring 2025/26', purpose: 'To note the revenue and capital forecast variances from budget',
            presenters: ['Mrs E Vance, Cabinet Member for Finance and Corporate Resources'],
            papers: [report('Financial Monitoring 2025/26'), { kind: 'pdf', title: 'Appendix A - Capital programme', fileName: 'appendix-a-capital.pdf', bytes: uploads.appendix, documentType: 'appendix' }],
          },
          {
            code: 'B2', title: 'Strategic and Corporate Services Performance Dashboard', purpose: 'To receive and note the dashboard',
            guests: [{ name: 'Mr O Trent, Head of Performance', timeSlot: '10:45' }],
            papers: [{ kind: 'pdf', title: 'Performance dashboard', fileName: 'dashboard-q3.pdf', bytes: uploads.dashboard, documentType: 'report' }],
          },
          {
            code: 'B3', title: 'Annual Governance Statement', purpose: 'To comment on the draft statement', toFollow: true,
            papers: [{ kind: 'pdf', title: 'Annual Governance Statement', fileName: 'ags-2025.pdf', bytes: uploads.lateAppendix, documentType: 'report' }],
          },
          { code: 'B4', title: 'Work Programme 2026/27', withdrawn: true, papers: [] },
        ],
      },
      { letter: 'C', title: 'Other items for comment or recommendation', exempt: false, emptyText: 'There are no items for consideration', items: [] },
      {
        letter: 'D', title: 'Decisions', exempt: false,
        items: [
          {
            code: 'D1', title: 'Record of Decision: Office Accommodation Strategy',
            papers: [{
              kind: 'decision', number: '26/00113', decisionTaker: 'Mrs E Vance, Cabinet Member for Finance and Corporate Resources', date: '2026-02-10',
              subject: 'Office Accommodation Strategy', keyDecision: true, classification: 'unrestricted',
              decision: ['To approve the Office Accommodation Strategy 2026-2030.'],
              decisionParts: ['agree the disposal of Riverside House;', 'delegate authority to the Director of Property to complete the sale.'],
              reasons: ['The strategy reduces running costs by £1.2m a year.'],
              alternativesConsidered: ['Retaining all three buildings was considered and rejected on cost grounds.'],
            }],
          },
          { code: 'D2', title: 'Other items which the Chairman decides are relevant or urgent', papers: [] },
        ],
      },
      {
        letter: 'E', title: 'Exempt items', exempt: true,
        items: [
          {
            code: 'E1', title: 'Sale of Riverside House', exemptParagraphs: [3], publicInterestReason: 'Disclosure would prejudice the council\'s negotiating position.',
            papers: [report(`Sale of Riverside House - ${EXEMPT_MARKERS[0]}`, {
              exemptParagraphs: [3],
              summary: `Offers received for Riverside House under reference ${EXEMPT_MARKERS[1]} are compared.`,
            })],
          },
          {
            code: 'E2', title: 'Waste Contract Negotiations', exemptParagraphs: [3, 4],
            papers: [{ kind: 'pdf', title: `Contract terms ${EXEMPT_MARKERS[2]}`, fileName: 'waste-contract-exempt.pdf', bytes: uploads.exemptPdf, documentType: 'report' }],
          },
        ],
      },
    ],
    signatory: { name: 'Benedict Sallow', title: 'Head of Democratic Services', phone: '03000 111000' },
    publicationDate: '2026-03-03',
    footNote: 'Please note that any background documents referred to in the accompanying papers may be inspected by arrangement with the officer responsible for preparing the relevant report.',
  };
}

export async function makeMeeting(): Promise<PackInput> {
  return meeting({
    dashboard: await makeUploadedPdf('Strategic and Corporate Services Performance Dashboard', 5, { landscapeLast: true }),
    appendix: await makeUploadedPdf('Appendix A - Capital programme', 2),
    exemptPdf: await makeUploadedPdf(`Waste contract terms ${EXEMPT_MARKERS[3]}`, 3, { marker: EXEMPT_MARKERS[3] }),
    lateAppendix: await makeUploadedPdf('Annual Governance Statement 2025/26', 3),
  });
}
