// A year of the executive decision cycle for the demonstration council, through the services a clerk uses: key
// decisions taken at Cabinet on the forward plan's entries (forwardplan.ts keeps the plan up to each decision's day;
// one of them in private, with the notice of reasons), one general exception and one special urgency, a decision called in by three
// members with outcome (c) and its reconsideration, another with outcome (a), the follow-up schedule with response
// rounds, the Scrutiny Committee's work programme, a select committee review through its stages, and the schedule
// and programme in the Committee's next agenda's pack. Each step waits for its day on the loader's clock (clock.ts),
// so the cycle's records fall in date order among the year's: its decisions are numbered among the others, and each
// call-in is made before the scrutiny meeting that considers it (the loader puts it on that agenda, minutes the
// Committee's resolution and records the outcome, all through the clerk's services).
import type { WorkingCalendar } from '../domain/calendar.js';
import type { CallInOutcome } from '../domain/executive.js';
import { addDays } from '../domain/dates.js';
import type { Actor } from '../domain/types.js';
import { listMeetings } from '../services/meetings.js';
import { loadAgenda } from '../services/agenda.js';
import { requestCallIn } from '../services/executive/call-ins.js';
import { publishDecisionRecord, takeDecision } from '../services/executive/decisions.js';
import { publishPrivateMeetingNotice } from '../services/executive/forward-plan.js';
import { addGeneratedPaperItem } from '../services/executive/papers.js';
import { publishAgenda, reissueWithDecisions } from '../services/publication/publish.js';
import { addEvidenceSession, addFollowUp, addFollowUpResponse, addWorkProgrammeItem, advanceReview, attachReviewReport, followUpSchedule, markFollowUpResponse, startReview } from '../services/executive/scrutiny.js';
import type { Store } from '../services/unit.js';
import { PORTFOLIOS } from './bodies.js';
import { renderPdf } from './pdf.js';
import { printedDecisionOf, printedRecord } from './decisions.js';
import { filePrintedPaper } from './documents.js';
import { getDecision } from '../services/decisions.js';
import { councilHeading } from './reports.js';
import { DEMO_COUNCIL_NAME } from './wording.js';
import type { DemoForwardPlan } from './forwardplan.js';
import { fullName, type DemoPerson } from './people.js';
import { callInSigners, type Roster } from './roster.js';
import { cycleCabinetDates } from './yearplan.js';
import { callInMeeting, type PlannedMeeting } from './calendar.js';
import type { DemoClock } from './clock.js';

export interface CycleSetup {
  personIds: Map<string, number>;
  bodyIds: Map<string, number>;
}

/**
 * The cycle's two call-ins of Cabinet decisions, taken at its first and second meetings (yearplan.ts): why Members
 * called each in, and what the Scrutiny Committee resolved (its minute and the recorded outcome both say this).
 */
export const CYCLE_CALL_INS: readonly { meeting: 0 | 1; subject: string; reasons: string; outcome: CallInOutcome; comments: string | null }[] = [
  { meeting: 0, subject: 'Home to School Transport Policy', reasons: 'Members wished to examine the effect of the new distance criteria on rural families, and the equality impact assessment.',
    outcome: 'c', comments: 'The Committee asked the Cabinet Member to reconsider the distance criteria for rural routes in the light of the equality impact assessment.' },
  { meeting: 1, subject: 'Highways Term Maintenance Contract', reasons: 'Members wished to understand how the tender evaluation weighed quality against price.', outcome: 'a', comments: null },
];

/** The record of a cycle decision taken at a meeting is published the next working day; Members call it in on the fourth day of the window. */
export const cyclePublishedOn = (meetingDate: string, cal: WorkingCalendar) => cal.addWorkingDays(meetingDate, 1);
export const cycleCallInDay = (meetingDate: string, cal: WorkingCalendar) => cal.addWorkingDays(cyclePublishedOn(meetingDate, cal), 4);

const STAFF = { kind: 'user', userId: 0, role: 'clerk', personId: null, bodyIds: [], grantedMeetingIds: [] } as const;

/**
 * Starts the year's executive cycle as flows on the loader's clock: each runs its steps as their days come. `meetings`
 * is the year's plan (calendar.ts): the cycle finds each meeting in the record once the loader has written it.
 */
export async function startDemoCycle(store: Store, actor: Actor, setup: CycleSetup, people: Map<string, DemoPerson>, roster: Roster, today: string, cal: WorkingCalendar,
  forwardPlan: DemoForwardPlan, clock: DemoClock, meetings: readonly PlannedMeeting[], end: string): Promise<void> {
  const db = store.db;
  const cabinet = setup.bodyIds.get('cabinet')!;
  const scrutiny = setup.bodyIds.get('scrutiny')!;
  const yearAgo = addDays(today, -365);
  const live = meetings.filter((m) => m.status !== 'cancelled' && m.status !== 'postponed');
  // The same three meetings the year's plan gave the cycle's reports to (yearplan.ts).
  const dates = cycleCabinetDates(live.filter((m) => m.body.key === 'cabinet').map((m) => m.date), today, cal);
  const scrutinyDates = live.filter((m) => m.body.key === 'scrutiny' && m.date >= yearAgo).map((m) => m.date);
  if (!dates || !scrutinyDates.length) return;
  /** A meeting of the plan, from the record (written by the time the clock reaches its day). */
  const meetingOn = async (bodyId: number, date: string) => {
    const [m] = await listMeetings(db, { bodyId, from: date, to: date });
    if (!m) throw new Error(`the demo's meeting of ${date} is not in the record`);
    return m;
  };
  // Each decision is recorded against the agenda item whose report it decides.
  const itemOf = async (meetingId: number, title: string) => (await loadAgenda(db, meetingId)).flatMap((s) => s.items).find((i) => i.title === title)?.id ?? null;

  const chairOf = (d: string) => roster.memberships.find((m) => m.body === 'scrutiny' && m.role === 'chairman' && m.startsOn <= d && (!m.endsOn || m.endsOn >= d))?.person;
  const name = (key: string) => fullName(people.get(key)!);
  const cabinetMember = (i: number) => ({ key: roster.cabinet[i], takerName: `${name(roster.cabinet[i])}, ${PORTFOLIOS[i].title}`, portfolio: PORTFOLIOS[i].title.replace(/^.*Cabinet Member for /, '') });
  const nextScrutiny = (after: string) => scrutinyDates.find((d) => d > after);

  // The forward plan gave notice of the Cabinet's decisions (forwardplan.ts): it is kept up to each decision's day.
  const decision = async (subject: string, m: { id: number; date: string }, entry: number | null, extra: Partial<Parameters<typeof takeDecision>[2]> = {}, itemTitle = subject) => takeDecision(db, actor, {
    takerKind: 'body', takerName: 'Cabinet', takerBodyId: cabinet, meetingId: m.id, agendaItemId: await itemOf(m.id, itemTitle), forwardPlanEntryId: entry, takenOn: m.date, subject, key: true,
    text: `Agree the ${subject} as set out in the report, and delegate its implementation to the Corporate Director in consultation with the Cabinet Member.`,
    reasons: 'The recommended option gives the best value for money and meets the council\u2019s statutory duties.',
    alternatives: 'To continue with the present arrangements (rejected: they do not meet the savings target); to defer the decision (rejected: the contract ends this year).',
    interestsDeclared: 'None', consultation: 'As set out in the report', backgroundDocuments: 'The report to Cabinet and its appendices', ...extra,
  });
  // Publishing a record also files its printed Record of Decision with the item, as for the year's other decisions.
  const publish = async (id: number, on: string) => {
    await clock.until(on);
    await publishDecisionRecord(db, actor, id, on);
    const r = (await getDecision(db, id))!;
    await filePrintedPaper(db, actor, renderPdf, { ...printedRecord(r.number, printedDecisionOf(r), null, { meetingId: r.meeting_id, itemId: r.agenda_item_id }), authorPersonId: null });
  };
  // Once a meeting's records are published the clerk reissues its agenda reports pack (a new version, dated as the
  // first), which then prints each record after its item's papers: an exempt item's public record after the
  // restricted placeholder.
  const reissue = async (m: { id: number }, numbers: string[], on: string) => reissueWithDecisions(store, actor, m.id,
    `${numbers.length > 1 ? 'Records' : 'Record'} of Decision ${numbers.join(' and ')} added`, { publishedAt: `${on}T17:00:00.000Z` });
  // Three members of the Scrutiny Committee sign on the day; the loader puts the call-in on the agenda of the
  // meeting that considers it (callInMeeting) and records the Committee's outcome there.
  const callInBy = async (decisionId: number, day: string, reasons: string) => {
    await clock.until(day);
    let result: Awaited<ReturnType<typeof requestCallIn>> | null = null;
    for (const [i, key] of callInSigners(roster, day).slice(0, 3).entries()) result = await requestCallIn(db, actor, { decisionId, personId: setup.personIds.get(key)!, reasons: i === 0 ? reasons : null, on: day });
    const considered = callInMeeting(day, meetings);
    return result?.status === 'valid' && considered ? { id: result.callInId, day, considered } : null;
  };
  const [m1Date, m2Date, m3Date] = dates;
  const [transportCall, highwaysCall] = CYCLE_CALL_INS;

  // 1. Home to School Transport: taken at Cabinet, called in, outcome (c), reconsidered by the Cabinet Member.
  await clock.start(async () => {
    await clock.until(m1Date);
    const m1 = await meetingOn(cabinet, m1Date);
    await forwardPlan.advanceTo(m1.date);
    const transport = forwardPlan.entryFor(transportCall.subject);
    const t = await decision(transportCall.subject, m1, transport, { portfolio: 'Children, Young People and Education' });
    const tPublished = cyclePublishedOn(m1.date, cal);
    await publish(t.id, tPublished);
    await reissue(m1, [t.number], tPublished);
    const tCall = await callInBy(t.id, cycleCallInDay(m1.date, cal), transportCall.reasons);
    const tScrutiny = tCall?.considered;
    if (!tCall || !tScrutiny || tScrutiny.date >= today) return;
    // The Committee resolved (c) at its meeting (the loader minuted it and recorded the outcome).
    await clock.until(tScrutiny.date);
    // The follow-up schedule: the Committee's recommendations and the Cabinet Member's responses in rounds.
    const f = await addFollowUp(db, actor, { bodyId: scrutiny, title: transportCall.subject, portfolio: 'Children, Young People and Education', consideredOn: tScrutiny.date, callInId: tCall.id,
      synopsis: 'The Cabinet\u2019s decision to revise the distance criteria for free home to school transport.', reason: 'Members wished to examine the effect on rural families and the equality impact assessment.',
      recommendations: [{ text: 'That the Cabinet Member:', parts: ['publishes the revised equality impact assessment;', 'reports the number of pupils affected on each rural route.'] }, { text: 'That Members receive a briefing before the policy is reviewed.' }] });
    const cm = cabinetMember(2);
    const again = cal.addWorkingDays(tScrutiny.date, 5);
    if (again < today) {
      await clock.until(again);
      const r = await takeDecision(db, actor, { takerKind: 'cabinet-member', takerName: cm.takerName, takerPersonId: setup.personIds.get(cm.key)!, portfolio: cm.portfolio, takenOn: again, reconsidersDecisionId: t.id,
        subject: 'Home to School Transport Policy (reconsidered after call-in)', key: false, text: 'Confirm the policy with a transitional exemption for rural routes of more than three miles, reviewed after one year.',
        reasons: 'The Scrutiny Committee\u2019s comments were accepted: the exemption removes the disproportionate effect on rural families.', alternatives: 'Confirming the original decision unchanged (rejected in the light of the Committee\u2019s comments).' });
      await publish(r.id, cal.addWorkingDays(again, 1));
    }
    const [entry] = (await followUpSchedule(db, STAFF, scrutiny, tScrutiny.date)).filter((e) => e.id === f);
    if (!entry) return;
    const d1 = cal.addWorkingDays(tScrutiny.date, 10);
    if (d1 >= today) return;
    await clock.until(d1);
    const [a, b, c] = entry.recommendations;
    await addFollowUpResponse(db, actor, a.id, { text: 'Agreed by the Cabinet Member; the assessment is published with the reconsidered decision.', respondedOn: d1, dateActioned: d1, responder: name(cm.key) });
    await addFollowUpResponse(db, actor, b.id, { text: 'The figures will be reported to the Committee.', respondedOn: d1, dateActioned: 'TBC' });
    await addFollowUpResponse(db, actor, c.id, { text: 'A briefing will be arranged with Democratic Services.', respondedOn: d1, dateActioned: 'Ongoing' });
    const later = nextScrutiny(d1);
    if (!later || later >= today) return;
    await clock.until(later);
    await markFollowUpResponse(db, actor, a.id, 'satisfactory', later);
    await markFollowUpResponse(db, actor, b.id, 'more-information', later);
    const d2 = cal.addWorkingDays(later, 10);
    if (d2 >= today) return;
    await clock.until(d2);
    await addFollowUpResponse(db, actor, b.id, { text: '214 pupils on 31 rural routes: the figures by route are attached to the schedule.', respondedOn: d2, dateActioned: d2, notes: 'Second round, as the Committee asked.' });
  });

  // 2. Highways contract and, in private, the depot: both noticed 28 clear days before (the depot's notice of reasons
  // for the meeting in private 5 clear days before); the contract is called in, outcome (a).
  await clock.start(async () => {
    const noticeOn = cal.addWorkingDays(m2Date, -8);
    await clock.until(noticeOn);
    await forwardPlan.advanceTo(noticeOn);
    await publishPrivateMeetingNotice(db, actor, forwardPlan.entryFor('Disposal of the Former Westgate Depot'), { publishedOn: noticeOn, representations: 'None received' });
    await clock.until(m2Date);
    const m2 = await meetingOn(cabinet, m2Date);
    await forwardPlan.advanceTo(m2.date);
    const highways = forwardPlan.entryFor(highwaysCall.subject);
    const depot = forwardPlan.entryFor('Disposal of the Former Westgate Depot');
    const h = await decision(highwaysCall.subject, m2, highways, { portfolio: 'Highways and Transport' });
    // Taken in private, it is still a public Record of Decision: the public part says what was decided and that exempt
    // information (paragraph 3) is left out; the exempt part, with the bidder and the price, is for councillors only.
    const d = await decision('Disposal of the Former Westgate Depot', m2, depot, { portfolio: 'Finance and Business Support', exempt: true, exemptParagraphs: [3],
      text: 'Agree the disposal of the former Westgate Depot to the preferred bidder on the terms set out in the exempt appendix, and delegate the completion of the sale to the Corporate Director of Finance in consultation with the Cabinet Member.',
      reasons: 'The site is surplus to the council\u2019s operational needs. The preferred bid gives the best consideration reasonably obtainable (section 123 of the Local Government Act 1972) and removes the cost of holding the empty site.',
      alternatives: 'To retain the site (rejected: holding costs with no operational use); to sell at auction (rejected: a lower and less certain receipt, as the exempt appendix sets out).',
      exemptPart: 'Preferred bidder: Harbourside Homes Limited, with an unconditional offer of \u00a32,350,000, completion within twelve weeks of exchange.\nThe second-highest bid, from Marlow Estates, was \u00a31,975,000 subject to planning consent; the district valuer\u2019s market valuation was \u00a32,200,000.\nThe bidder\u2019s commercial terms and the valuation are exempt under paragraph 3: publishing them would prejudice the council\u2019s position if the sale does not complete and the site is remarketed.' });
    const hPublished = cyclePublishedOn(m2.date, cal);
    await publish(h.id, hPublished);
    await publish(d.id, hPublished);
    await reissue(m2, [h.number, d.number], hPublished);
    // Called in; the Committee resolves (a) at its next meeting (the loader minutes it and records the outcome).
    await callInBy(h.id, cycleCallInDay(m2.date, cal), highwaysCall.reasons);
  });

  // 3. A general exception (not on the forward plan in time) and a special urgency decision.
  await clock.start(async () => {
    await clock.until(m3Date);
    const m3 = await meetingOn(cabinet, m3Date);
    await forwardPlan.advanceTo(m3.date);
    const chair = chairOf(m3.date);
    const chairName = chair ? name(chair) : 'the Chairman of the Scrutiny Committee';
    const ge = await decision('Household Support Fund Allocation', m3, null, { portfolio: 'Adult Social Care and Public Health',
      exception: { kind: 'general-exception', chairNotifiedOn: cal.addWorkingDays(m3.date, -8), publishedOn: cal.addWorkingDays(m3.date, -7), reason: 'The Government announced the grant and its conditions after the forward plan had been published, and the funds must be committed this quarter.' } });
    await publish(ge.id, cal.addWorkingDays(m3.date, 1));
    await reissue(m3, [ge.number], cal.addWorkingDays(m3.date, 1));
    const urgentOn = cal.addWorkingDays(m3.date, 3);
    await clock.until(urgentOn);
    const cm = cabinetMember(5);
    const su = await takeDecision(db, actor, { takerKind: 'cabinet-member', takerName: cm.takerName, takerPersonId: setup.personIds.get(cm.key)!, portfolio: cm.portfolio, takenOn: urgentOn, urgent: true, key: true,
      subject: 'Emergency Repairs to the Eastbrook Flood Defences', text: 'Commission emergency repairs to the Eastbrook flood defences under the council\u2019s emergency procurement rules.',
      reasons: 'The defences were breached in the storm and further rain is forecast: delay would put homes at risk.', alternatives: 'Waiting for the next Cabinet meeting (rejected: the risk of flooding).',
      exception: { kind: 'special-urgency', agreedOn: cal.addWorkingDays(urgentOn, -1), agreedBy: chairName, reason: 'Homes were at immediate risk of flooding; the decision could not reasonably be deferred.' } });
    await publish(su.id, urgentOn);
  });

  // A select committee review of the year: terms of reference, membership, evidence sessions, the final report, the
  // Cabinet's response and monitoring (each stage only once its day has come).
  await clock.start(async () => {
    const reviewStart = cal.addWorkingDays(yearAgo, 40);
    await clock.until(reviewStart);
    const chairKey = chairOf(reviewStart);
    const reviewMembers = [...(chairKey ? [{ key: chairKey, role: 'Chairman' }] : []), ...callInSigners(roster, reviewStart).slice(3, 7).map((key) => ({ key, role: 'Member' }))];
    if (reviewMembers.length) {
      const review = await startReview(db, actor, { bodyId: scrutiny, title: 'Flood Risk Management', startedOn: reviewStart,
        termsOfReference: 'To review how the council, as lead local flood authority, and its partners manage the risk of flooding from surface water, groundwater and ordinary watercourses; to hear from residents, the Environment Agency and the water companies; and to recommend improvements to the Cabinet.',
        members: reviewMembers.map((m) => ({ personId: setup.personIds.get(m.key) ?? null, name: name(m.key), role: m.role })) });
      const stage = async (to: string, on: string, extra: { note?: string; reportSummary?: string; response?: string } = {}) => {
        if (on >= today) return false;
        await clock.until(on);
        await advanceReview(db, actor, review.id, { to, on, ...extra });
        return true;
      };
      if (await stage('evidence', cal.addWorkingDays(reviewStart, 20), { note: 'Scope agreed by the Scrutiny Committee' })) {
        const sessions: [number, string, string][] = [
          [30, 'The Environment Agency and the water companies', 'Area Flood Risk Manager, Environment Agency; Head of Drainage Strategy, Southern Water'],
          [45, 'Residents and parish councils of the Eastbrook valley', 'Chairman of the Eastbrook Flood Action Group; three parish councillors'],
          [60, 'The council\u2019s own flood and water management team', 'Director of Environment and Waste; Flood Risk Manager'],
        ];
        for (const [days, title, witnesses] of sessions) {
          const on = cal.addWorkingDays(reviewStart, days);
          if (on >= today) continue;
          await clock.until(on);
          await addEvidenceSession(db, actor, review.id, { on, title, witnesses });
        }
        if (await stage('report', cal.addWorkingDays(reviewStart, 90), { reportSummary: 'The select committee made eleven recommendations, among them a single number for residents to report flooding, a register of ordinary watercourses, and joint inspections of culverts with the district councils.' })) {
          // The final report itself, published as a document of the review (a PDF typeset like the demo's papers).
          const report = await renderPdf('Flood Risk Management: report of the select committee', [
            councilHeading(DEMO_COUNCIL_NAME),
            { text: 'Flood Risk Management', style: 'heading' },
            { text: 'Report of the Select Committee', style: 'bold' },
            { text: 'The select committee heard from the Environment Agency, the water companies, residents and parish councils of the Eastbrook valley, and the council\'s own flood and water management team.' },
            { text: 'Recommendations', style: 'heading' },
            { label: '1', text: 'A single telephone number and web form for residents to report flooding, passed to the right authority the same day.' },
            { label: '2', text: 'A public register of ordinary watercourses and who maintains each of them.' },
            { label: '3', text: 'Joint inspections of culverts with the district councils, twice a year and after every flood.' },
            { label: '4', text: 'Flood wardens in every parish at risk, trained and equipped by the council.' },
          ]);
          await attachReviewReport(db, actor, review.id, { fileName: 'flood-risk-management-final-report.pdf', bytes: report.bytes, title: 'Flood Risk Management: report of the select committee' });
          if (await stage('response', cal.addWorkingDays(reviewStart, 130), { response: 'The Cabinet accepted ten of the eleven recommendations and will report progress to the Scrutiny Committee in six months; the joint culvert inspections are to be discussed with the district councils first.' })) {
            await stage('monitoring', cal.addWorkingDays(reviewStart, 135), { note: 'Progress to be reported to the Scrutiny Committee in six months' });
          }
        }
      }
    }
  });

  // The Scrutiny Committee's work programme, and the schedule and programme on its next agenda still open: once the
  // calendar's meetings to come are all in the record.
  await clock.start(async () => {
    await clock.until(end);
    const future = live.filter((m) => m.body.key === 'scrutiny' && m.date >= today);
    const futureIds = await Promise.all(future.slice(0, 2).map((m) => meetingOn(scrutiny, m.date)));
    const items: [string, number | null, string | null][] = [
      ['Home to School Transport: review of the rural exemption', futureIds[0]?.id ?? null, 'Corporate Director of Children, Young People and Education'],
      ['Highways Term Maintenance Contract: first six months', futureIds[1]?.id ?? null, 'Director of Highways and Transport'],
      ['Flood risk management: lessons from the Eastbrook breach', null, 'Director of Environment and Waste'],
      ['Household Support Fund: how the grant was allocated', null, 'Corporate Director of Adult Social Care and Health'],
    ];
    for (const [title, meetingId, lead] of items) await addWorkProgrammeItem(db, actor, { bodyId: scrutiny, title, meetingId, lead }, today);
    const next = futureIds[0];
    if (next) {
      await addGeneratedPaperItem(db, actor, next.id, 'follow-up-schedule');
      await addGeneratedPaperItem(db, actor, next.id, 'work-programme');
      if (next.status === 'agenda-published') {
        const publishedOn = cal.isWorkingDay(today) ? today : cal.addWorkingDays(today, -1);
        const late = !cal.isPublishedInTime(publishedOn, next.date);
        await publishAgenda(store, actor, next.id, { publishedOn, publishedAt: `${publishedOn}T16:00:00.000Z`, index: false, confidentialOnlyIfExempt: true,
          lateReason: late ? 'The follow-up schedule and the work programme were added to the agenda.' : null });
      }
    }
  });
}
