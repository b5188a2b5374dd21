// A small fixed council archive for the search tests: two bodies, three meetings with agendas, papers (one exempt),
// minutes (one exempt), decisions and people. Built the same way on both stores, so entry ids match.
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { addMembership, createBody } from '../../../src/store/bodies.js';
import type { Db } from '../../../src/store/db.js';
import { createDecision } from '../../../src/store/decisions.js';
import { addDocument } from '../../../src/store/documents.js';
import { createMeeting } from '../../../src/store/meetings.js';
import { createPerson, ensureGroup } from '../../../src/store/people.js';
import { recordMinutes } from '../../../src/store/proceedings.js';

const actor = SYSTEM_ACTOR;

export interface Fixture {
  cabinet: number;
  scrutiny: number;
  m1: number; // Cabinet 2012-01-09, with an exempt item, paper and minute
  m2: number; // Scrutiny 2012-03-15
  m3: number; // Cabinet 2013-02-11
  budgetReport: number;
  transportReport: number;
  exemptPaper: number;
  libraryPaper: number;
  transportDecision: number;
  draftDecision: number;
  latchford: number;
}

export async function buildFixture(db: Db): Promise<Fixture> {
  const conservative = await ensureGroup(db, 'Conservative');
  const cabinet = await createBody(db, actor, { name: 'Cabinet', kind: 'cabinet' });
  const scrutiny = await createBody(db, actor, { name: 'Scrutiny Committee', kind: 'scrutiny-committee' });

  const m1 = await createMeeting(db, actor, {
    bodyId: cabinet, date: '2012-01-09', time: '10:00', venue: 'Darent Room, Sessions House, County Hall, Maidstone', status: 'minutes-approved',
    sections: [
      { title: 'Unrestricted items', items: [
        { code: '1', title: 'Apologies and Substitutes' },
        { code: '2', title: 'Revenue and Capital Budget Monitoring', purpose: 'To note the budget monitoring position for 2011-12' },
        { code: '3', title: 'Local Transport Plan', purpose: 'To agree the local transport plan for consultation' },
      ] },
      { title: 'Exempt items', exempt: true, items: [
        { code: '4', title: 'Disposal of the Ashford depot', exempt: true, exemptParagraphs: [3] },
      ] },
    ],
  });
  const [, budgetItem, transportItem, depotItem] = m1.items;
  const budgetReport = await addDocument(db, actor, {
    meetingId: m1.id, agendaItemId: budgetItem.id, kind: 'report', title: 'Revenue and Capital Budget Monitoring Report', classification: 'unrestricted',
    pages: [
      'Revenue and Capital Budget Monitoring Report. Summary: this report sets out the revenue budget monitoring position, monitored monthly by the Corporate Director of Finance.',
      'The capital programme shows a real variance of £0.199m and re-phasing of £3.745m across the portfolio budgets.',
      'This page is intentionally left blank',
      'Recommendations: Cabinet is asked to NOTE the revenue budget position and agree the cash limit changes.',
    ],
  });
  const transportReport = await addDocument(db, actor, {
    meetingId: m1.id, agendaItemId: transportItem.id, kind: 'report', title: 'Local Transport Plan 4', classification: 'unrestricted',
    pages: [
      'The local transport plan sets the strategy for roads, buses and cycling. Transportation funding comes from the Department for Transport.',
      'A plan for transport in rural areas is proposed in chapter three, with community bus services and school transport.',
    ],
  });
  const exemptPaper = await addDocument(db, actor, {
    meetingId: m1.id, agendaItemId: depotItem.id, kind: 'report', title: 'Disposal of the Ashford depot', classification: 'exempt', exemptParagraphs: [3],
    pages: ['Acme Holdings Limited offered £2.5m for the Ashford depot; the zephyrine valuation is commercially sensitive.'],
  });
  await recordMinutes(db, actor, m1.id, [
    { number: '10', title: 'Apologies and Substitutes', paragraphs: ['Apologies were received from Mr R A Latchford.'] },
    { number: '11', title: 'Revenue and Capital Budget Monitoring', agendaItemId: budgetItem.id,
      paragraphs: ['(1) The Cabinet Member for Finance introduced the budget monitoring report.', '(2) Members asked about the capital variance on libraries.'],
      resolutions: [{ text: 'RESOLVED that:', parts: [{ label: '(a)', text: 'the revenue and capital budget monitoring position be noted;' }] }] },
    { number: '12', title: 'Local Transport Plan', agendaItemId: transportItem.id,
      paragraphs: ['The Cabinet Member for Environment and Transport presented the draft plan.'],
      resolutions: [{ text: 'RESOLVED that the Local Transport Plan be agreed for consultation.', parts: [] }] },
    { number: '13', title: 'Disposal of the Ashford depot', agendaItemId: depotItem.id, exempt: true,
      paragraphs: ['The Cabinet discussed the offer from Acme Holdings for the depot.'] },
  ]);
  const transportDecision = await createDecision(db, actor, {
    number: '12/00001', takerKind: 'body', takerName: 'Cabinet', takerBodyId: cabinet, meetingId: m1.id, agendaItemId: transportItem.id,
    takenOn: '2012-01-09', subject: 'Local Transport Plan 4 for consultation', text: 'To agree the draft Local Transport Plan 4 for public consultation.',
    reasons: 'The council must publish a transport plan.', status: 'published',
  });
  const draftDecision = await createDecision(db, actor, {
    takerKind: 'cabinet-member', takerName: 'Cabinet Member for Finance', takenOn: '2012-02-01', subject: 'Draft zephyrine decision', text: 'Not yet published.',
  });

  const m2 = await createMeeting(db, actor, {
    bodyId: scrutiny, date: '2012-03-15', time: '14:00', venue: 'Council Chamber, Sessions House', status: 'held',
    sections: [{ title: 'Items', items: [
      { code: 'A1', title: 'Libraries and museums review', purpose: 'To consider the review of library opening hours' },
      { code: 'B1', title: 'Call-in of decision 12/00001: Local Transport Plan 4', purpose: 'To consider the call-in of the transport decision' },
    ] }],
  });
  const libraryPaper = await addDocument(db, actor, {
    meetingId: m2.id, agendaItemId: m2.items[0].id, kind: 'report', title: 'Library opening hours', classification: 'unrestricted',
    pages: ['<script>alert("x")</script> Library opening hours & closures: the libraries in Ashford and Dover open on Saturdays. Museums open daily.'],
  });

  const m3 = await createMeeting(db, actor, {
    bodyId: cabinet, date: '2013-02-11', time: '10:00', venue: 'Darent Room, Sessions House, County Hall, Maidstone', status: 'agenda-published',
    sections: [{ title: 'Items', items: [
      { code: '1', title: 'Budget 2013-14 and Medium Term Financial Plan', purpose: 'To recommend the revenue budget to County Council' },
      { code: '2', title: 'Libraries modernisation programme', purpose: 'To agree the libraries modernisation programme' },
    ] }],
  });
  await addDocument(db, actor, {
    meetingId: m3.id, agendaItemId: m3.items[0].id, kind: 'report', title: 'Budget 2013-14', classification: 'unrestricted',
    pages: ['The proposed revenue budget for 2013-14 protects libraries and school transport while the capital programme is re-phased.'],
  });
  await createDecision(db, actor, {
    number: '13/00002', takerKind: 'body', takerName: 'Cabinet', takerBodyId: cabinet, meetingId: m3.id, takenOn: '2013-02-11',
    subject: 'Libraries modernisation programme', text: 'To agree the modernisation of libraries and museums.', status: 'published',
  });

  const latchford = await createPerson(db, actor, { title: 'Mr', initials: 'R A', forenames: 'Richard Alan', surname: 'Latchford', postNominals: 'OBE', kind: 'councillor', groupId: conservative });
  await addMembership(db, actor, { bodyId: cabinet, personId: latchford, role: 'member', groupId: conservative, startsOn: '2011-05-01' });
  await createPerson(db, actor, { title: 'Ms', initials: 'J', forenames: 'Jane', surname: 'Smith', kind: 'officer', jobTitle: 'Head of Transport Strategy' });

  return {
    cabinet, scrutiny, m1: m1.id, m2: m2.id, m3: m3.id, budgetReport: budgetReport.id, transportReport: transportReport.id,
    exemptPaper: exemptPaper.id, libraryPaper: libraryPaper.id, transportDecision: transportDecision.id, draftDecision: draftDecision.id, latchford,
  };
}
