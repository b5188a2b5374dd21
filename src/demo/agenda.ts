// One meeting's agenda, planned in memory: standing items, the business of the day from the body's topics,
// exempt items, and the papers each item carries (primer §3 and §5).
import type { AgendaItem, ExemptParagraph } from '../domain/types.js';
import type { PlannedMeeting } from './calendar.js';
import { fullName, printedName, type DemoPerson } from './people.js';
import type { Rng } from './random.js';
import { budgetParagraphs, dashboardParagraphs, longDate, makeBudget, makeDashboard, reportRng, structuredReport, type DemoReport } from './reports.js';
import { EXEMPT_TOPICS, TOPICS, type ExemptTopic, type Topic } from './topics.js';
import { PORTFOLIOS } from './bodies.js';

export type ItemKind = 'intro' | 'apologies' | 'declarations' | 'minutes' | 'announcements' | 'questions' | 'business' | 'urgent-business' | 'call-in' | 'other' | 'exempt';

export interface PlannedPaper {
  kind: 'report' | 'appendix';
  title: string;
  report: DemoReport | null;
  /** Appendix text, when not a report. */
  appendix: string[] | null;
  exemptParagraphs: ExemptParagraph[];
  author: string; // person key
}

export interface PlannedItem extends AgendaItem {
  kind: ItemKind;
  topic: Topic | null;
  exemptTopic: ExemptTopic | null;
  papers: PlannedPaper[];
  /** Cabinet items that end in a Record of Decision. */
  decides: boolean;
  /** Cabinet committee items commenting on a decision a Cabinet Member will take. */
  proposedDecision: boolean;
}

export interface PlannedSection {
  letter: string | null;
  title: string;
  exempt: boolean;
  items: PlannedItem[];
}

export interface AgendaContext {
  meeting: PlannedMeeting;
  rng: Rng;
  people: Map<string, DemoPerson>;
  cabinet: string[];
  councilName: string;
  /** Date of the body's previous held meeting, whose minutes come up for approval. */
  previousHeld: string | null;
  /** One-off features placed at particular meetings. */
  features: Set<'to-follow' | 'urgent' | 'withdrawn' | 'empty-section' | 'guests'>;
  /** A called-in decision the scrutiny committee considers. */
  callIn: { subject: string } | null;
}

const EXCLUSION_SECTION = 'EXEMPT ITEMS (During these items the meeting is likely NOT to be open to the public)';

function item(kind: ItemKind, title: string, extra: Partial<PlannedItem> = {}): PlannedItem {
  return {
    kind, code: '', title, purpose: null, presenters: [], guests: [], toFollow: false, withdrawn: false, urgentReason: null,
    exempt: false, exemptParagraphs: [], publicInterestReason: null, topic: null, exemptTopic: null, papers: [], decides: false,
    proposedDecision: false, ...extra,
  };
}

function standingItems(ctx: AgendaContext): PlannedItem[] {
  const body = ctx.meeting.body;
  const items = [
    item('intro', 'Introduction/Webcasting Announcement'),
    item('apologies', body.kind === 'full-council' || body.kind === 'cabinet' ? 'Apologies' : 'Apologies and Substitutes', { purpose: 'To receive apologies for absence and notification of any substitutes present' }),
    item('declarations', 'Declarations of Interests by Members in items on the agenda', { purpose: 'To receive any declarations of interest by Members in items on the agenda for this meeting' }),
  ];
  if (ctx.previousHeld) {
    items.push(item('minutes', `Minutes of the meeting held on ${longDate(ctx.previousHeld)}`, { purpose: 'To agree that the minutes are a correct record and that they be signed by the Chairman' }));
  }
  if (body.kind === 'full-council') {
    items.push(item('announcements', "Chairman's Announcements"), item('questions', 'Questions', { purpose: 'To answer questions from Members under Procedure Rule 1.17' }));
  }
  return items;
}

function pickTopics(ctx: AgendaContext): Topic[] {
  const { body, index, date } = ctx.meeting;
  const all = TOPICS[body.key] ?? [];
  if (body.key === 'planning') {
    const n = 2 + (index % 2);
    const apps = Array.from({ length: n }, () => all[0]);
    return index % 3 === 0 ? [...apps, all[1]] : apps;
  }
  if (body.key === 'council') {
    const month = Number(date.slice(5, 7));
    const budget = all.find((t) => t.key === 'budget')!;
    const others = all.filter((t) => t !== budget);
    const picked = [others[index % others.length], others[(index + 1) % others.length]];
    return month === 2 ? [budget, ...picked] : picked;
  }
  const count = Math.min(all.length, body.kind === 'cabinet' ? 4 : 3);
  return Array.from({ length: count }, (_, i) => all[(index * 2 + i) % all.length]).filter((t, i, a) => a.indexOf(t) === i);
}

const SITES = ['Foxley Quarry', 'Westmarsh Waste Transfer Station', 'Saltmarsh Landfill', 'Highcliffe Primary School', 'Redwater Sand Pit', 'Larkspur Academy', 'Lowmoor Recycling Centre', 'Northwold Gravel Workings'];
const PROPOSALS = [
  'Extension of mineral working and restoration to agriculture',
  'Variation of condition 4 to extend operating hours',
  'Two-storey classroom extension and new car park',
  'Erection of an anaerobic digestion facility',
  'Change of use to a household waste recycling centre',
];

/** The report for a topic; in the pooled archive its text depends only on the topic and a variant. */
function topicReport(ctx: AgendaContext, topic: Topic, variant: number): { title: string; report: DemoReport; appendix: string[] | null; divisions: string | null } {
  const { meeting, people, cabinet } = ctx;
  const dated = meeting.dated;
  const rng = reportRng([meeting.body.key, topic.key, dated ? meeting.date : `v${variant}`]);
  const member = people.get(cabinet[topic.portfolio])!;
  const director = people.get(topic.director)!;
  let title = topic.title;
  let summary = topic.summary;
  let divisions: string | null = null;
  const sections: { heading: string; paragraphs: string[] }[] = [];
  const report: Partial<DemoReport> = {};
  if (topic.kind === 'application') {
    const site = rng.pick(SITES);
    const proposal = rng.pick(PROPOSALS);
    const ref = `EX/${dated ? meeting.date.slice(2, 4) : 'AR'}/${String(rng.int(100, 999)).padStart(4, '0')}`;
    title = `Application ${ref} - ${proposal} at ${site}`;
    summary = `Application ${ref} seeks permission for ${proposal.toLowerCase()} at ${site}. ${rng.int(3, 40)} letters of representation have been received.`;
    divisions = rng.pick([...people.values()].filter((p) => p.division)).division;
    sections.push(
      { heading: 'The site and the proposal', paragraphs: [`${site} lies ${rng.int(1, 4)} km from the nearest village. The proposal is for ${proposal.toLowerCase()}.`, `The applicant proposes working hours of 07:00 to 18:00 on weekdays and ${rng.int(60, 180)} heavy goods vehicle movements a day.`] },
      { heading: 'Consultations and representations', paragraphs: ['The local Member, the district council and the parish council have been consulted. National Highways raises no objection subject to a routeing agreement.', `${rng.int(3, 40)} letters of objection raise traffic, noise and dust; ${rng.int(0, 6)} letters support the application.`] },
      { heading: 'Discussion', paragraphs: ['The proposal accords with the Minerals and Waste Local Plan. The impacts on amenity can be controlled by conditions on hours, noise limits and dust suppression.'] },
    );
  } else if (topic.kind === 'dashboard') {
    const rows = makeDashboard(rng, 7);
    report.dashboard = rows;
    sections.push({ heading: 'Performance indicators', paragraphs: dashboardParagraphs(rows) });
  } else if (topic.kind === 'budget') {
    const lines = makeBudget(rng);
    report.budget = lines;
    sections.push({ heading: 'Revenue budget monitoring', paragraphs: budgetParagraphs(lines) });
    const rephase = rng.int(2, 9) * 100 + rng.int(10, 99);
    sections.push({ heading: 'Capital programme', paragraphs: [`The capital programme shows a real variance of £${rng.int(1, 9)}${rng.int(100, 999)}k and re-phasing of £${rephase}k into later years; cash limits are adjusted for projects re-phased by more than £0.1m.`] });
  } else {
    sections.push(
      { heading: 'Introduction', paragraphs: [summary, `This report has been prepared by the ${director.jobTitle} in consultation with the ${PORTFOLIOS[topic.portfolio].title}.`] },
      { heading: 'Background', paragraphs: [rng.pick(['Demand has risen steadily over the last three years and the current arrangements are no longer sufficient.', 'The current policy was adopted five years ago and national guidance has since changed.', 'Members asked for this report when the matter was last considered.']), `Engagement with partners and residents ran for ${rng.int(6, 12)} weeks and ${rng.int(120, 2400)} responses were received.`] },
      { heading: 'Options considered', paragraphs: ['Option 1 - do nothing: not recommended, as the pressures would continue to grow.', 'Option 2 - the proposal set out in this report: recommended.'] },
    );
  }
  const cost = rng.int(2, 90) * 100;
  sections.push(
    { heading: 'Financial Implications', paragraphs: [topic.kind === 'budget' ? 'The financial implications are set out in the body of the report.' : `The proposal costs an estimated £${cost.toLocaleString('en-GB')}k, to be met from the approved budget of the portfolio.`] },
    { heading: 'Legal Implications', paragraphs: ['The General Counsel has been consulted and there are no legal implications beyond those set out in the report.'] },
    { heading: 'Equality Implications', paragraphs: [rng.pick(['An Equality Impact Assessment has been completed and no adverse impact was identified.', 'An Equality Impact Assessment is attached; mitigation is proposed for older residents and disabled people.'])] },
  );
  const to = meeting.body.name;
  const verb = topic.recommendation;
  const r: DemoReport = {
    ...structuredReport({
      subject: title,
      to,
      toDate: dated ? meeting.date : null,
      from: [`${member.title} ${fullName(member)}, ${PORTFOLIOS[topic.portfolio].title}`, `${fullName(director)}, ${director.jobTitle}`],
      summary,
      recommendations: [`The ${to} is asked to ${verb}`],
      sections,
      exemptParagraphs: [],
      electoralDivisions: divisions ?? 'All',
      pathway: meeting.body.kind === 'cabinet' && topic.key ? `${topic.key.includes('budget') ? 'Policy and Resources Cabinet Committee' : 'Corporate Management Team'}` : null,
      backgroundDocuments: [rng.pick(['Medium Term Financial Plan', 'Strategic Statement', 'Minerals and Waste Local Plan', 'Previous report to this body'])],
      contact: { name: fullName(director), title: director.jobTitle!, phone: director.phone, email: director.email },
    }),
    ...report,
  };
  const appendix = topic.kind === 'report' && rng.chance(0.4)
    ? [`Appendix A to the report: ${title}`, 'Summary of consultation responses', `${rng.int(40, 80)}% of respondents agreed with the proposal; ${rng.int(5, 30)}% disagreed and the remainder expressed no view.`, 'The main themes raised were cost, access for rural communities and the timetable for implementation.']
    : null;
  return { title, report: r, appendix, divisions };
}

function businessItem(ctx: AgendaContext, topic: Topic, variant: number): PlannedItem {
  const { report, appendix, title } = topicReport(ctx, topic, variant);
  const member = ctx.people.get(ctx.cabinet[topic.portfolio])!;
  const director = ctx.people.get(topic.director)!;
  const papers: PlannedPaper[] = [{ kind: 'report', title, report, appendix: null, exemptParagraphs: [], author: topic.director }];
  if (appendix) papers.push({ kind: 'appendix', title: appendix[0], report: null, appendix: appendix.slice(1), exemptParagraphs: [], author: topic.director });
  const isCabinet = ctx.meeting.body.kind === 'cabinet';
  return item('business', title, {
    purpose: topic.kind === 'application' ? null : topic.purpose,
    presenters: topic.kind === 'application' ? [printedName(director)] : [printedName(member), printedName(director)],
    topic,
    papers,
    decides: isCabinet && !['performance', 'parenting-minutes'].includes(topic.key),
    proposedDecision: topic.title.startsWith('Proposed decision'),
  });
}

function exemptItem(ctx: AgendaContext, e: ExemptTopic): PlannedItem {
  const director = ctx.people.get(e.director)!;
  const member = ctx.people.get(ctx.cabinet[e.portfolio])!;
  const { meeting } = ctx;
  const report: DemoReport = structuredReport({
    subject: e.title,
    to: meeting.body.name,
    toDate: meeting.dated ? meeting.date : null,
    from: [`${member.title} ${fullName(member)}, ${PORTFOLIOS[e.portfolio].title}`, `${fullName(director)}, ${director.jobTitle}`],
    summary: e.summary,
    recommendations: [`The ${meeting.body.name} is asked to NOTE the report and AGREE the course of action recommended in section 2.`],
    sections: [
      { heading: 'Confidential information', paragraphs: e.confidential },
      { heading: 'Recommended course of action', paragraphs: ['Officers recommend the course of action set out above, for the reasons given.'] },
      { heading: 'Financial Implications', paragraphs: ['The financial implications are set out in section 1.'] },
      { heading: 'Legal Implications', paragraphs: ['The General Counsel has advised on the matter.'] },
      { heading: 'Equality Implications', paragraphs: ['None arising from this report.'] },
    ],
    exemptParagraphs: e.paragraphs,
    electoralDivisions: null,
    pathway: null,
    backgroundDocuments: ['None'],
    contact: { name: fullName(director), title: director.jobTitle!, phone: director.phone, email: director.email },
  });
  return item('exempt', e.title, {
    exempt: true,
    exemptParagraphs: e.paragraphs,
    publicInterestReason: e.publicInterestReason,
    exemptTopic: e,
    presenters: [printedName(director)],
    papers: [{ kind: 'report', title: e.title, report, appendix: null, exemptParagraphs: e.paragraphs, author: e.director }],
    decides: meeting.body.kind === 'cabinet',
  });
}

function exemptTopicFor(ctx: AgendaContext): ExemptTopic | null {
  const { body, index } = ctx.meeting;
  const e = EXEMPT_TOPICS.find((x) => x.body === body.key);
  if (!e) return null;
  const every = body.key === 'parenting' ? 2 : 3;
  return index % every === 1 ? e : null;
}

export function planAgenda(ctx: AgendaContext): PlannedSection[] {
  const { meeting, features } = ctx;
  const body = meeting.body;
  const variant = meeting.index % 3;
  const business = pickTopics(ctx).map((t, i) => businessItem(ctx, t, t.kind === 'application' ? variant * 4 + i : variant));
  if (features.has('guests')) {
    const target = business[0];
    if (target) {
      const member = ctx.people.get(ctx.cabinet[target.topic?.portfolio ?? 0])!;
      target.guests = [
        { name: `${member.title} ${fullName(member)}`, role: PORTFOLIOS[target.topic?.portfolio ?? 0].title, timeSlot: '10:30 - 11:15' },
        { name: 'Dr Imogen Halsey', role: 'Clinical Director, Kingsmere Community Health NHS Trust', timeSlot: '11:15 - 12:00' },
      ];
    }
  }
  if (features.has('to-follow') && business.length > 1) business[business.length - 1].toFollow = true;
  if (features.has('withdrawn') && business.length > 1) {
    const w = business[1];
    w.withdrawn = true;
    w.decides = false;
    w.proposedDecision = false;
    w.papers = [];
  }
  if (features.has('urgent')) {
    const director = ctx.people.get('officer-highways')!;
    const member = ctx.people.get(ctx.cabinet[4])!;
    const urgentTopic: Topic = {
      key: 'viaduct', title: 'Emergency repairs to Stonebridge Viaduct', kind: 'report', director: 'officer-highways', portfolio: 4,
      summary: 'An inspection after the storm found scour damage to two piers of Stonebridge Viaduct; the road is closed and emergency repairs are needed.',
      recommendation: 'AGREE emergency expenditure of up to £1,850k on repairs to Stonebridge Viaduct.', purpose: 'To agree emergency repairs to Stonebridge Viaduct', keyDecision: true,
    };
    const u = businessItem(ctx, urgentTopic, 0);
    u.kind = 'urgent-business';
    u.urgentReason = 'The viaduct carries the A-road between Stonebridge and Castlemere; the repairs cannot wait until the next meeting without prolonging the closure into the winter.';
    u.presenters = [printedName(member), printedName(director)];
    business.push(u);
  }
  if (ctx.callIn) {
    business.unshift(item('call-in', `Call-in: ${ctx.callIn.subject}`, {
      purpose: 'To consider the decision called in by Members of the Committee',
      presenters: [],
      guests: [],
      // A called-in decision comes with a cover sheet (primer §4): background, guests and the committee's options.
      papers: [{
        kind: 'appendix', title: `Call-in cover sheet: ${ctx.callIn.subject}`, report: null, exemptParagraphs: [], author: '',
        appendix: [
          'Background: the decision was called in by Members of the Committee within the call-in period, giving their reasons. Its implementation is suspended until the call-in has been considered.',
          'Guests: the Cabinet Member who took the decision and the Corporate Director responsible have been invited to attend.',
          'Options for the Committee: (a) make no comments; (b) express comments but not require reconsideration of the decision; (c) require implementation of the decision to be postponed pending reconsideration by the decision-maker in light of the Committee\'s comments; (d) require implementation of the decision to be postponed pending consideration of the matter by the full Council.',
        ],
      }],
    }));
  }
  const closing = item('other', 'Other items which the Chairman decides are relevant or urgent');
  const e = exemptTopicFor(ctx);
  const exempt = e ? [exemptItem(ctx, e)] : [];
  const standing = standingItems(ctx);
  let sections: PlannedSection[];
  if (body.agendaStyle === 'lettered') {
    const decisions = business.filter((b) => b.proposedDecision);
    const monitoring = business.filter((b) => b.topic && ['dashboard', 'work-programme'].includes(b.topic.kind));
    const other = business.filter((b) => !decisions.includes(b) && !monitoring.includes(b));
    sections = [
      { letter: 'A', title: 'Committee Business', exempt: false, items: standing },
      { letter: 'B', title: 'Key or Significant Cabinet/Executive Decision(s) for Recommendation or Endorsement', exempt: false, items: decisions },
      { letter: 'C', title: 'Other items for comment/recommendation to the Leader/Cabinet Member/Cabinet or officers', exempt: false, items: features.has('empty-section') ? [] : other },
      { letter: 'D', title: 'Monitoring of Performance', exempt: false, items: [...monitoring, ...(features.has('empty-section') ? other : []), closing] },
    ];
    if (exempt.length) sections.push({ letter: 'E', title: EXCLUSION_SECTION, exempt: true, items: exempt });
  } else {
    sections = [{ letter: null, title: 'Unrestricted items', exempt: false, items: [...standing, ...business, closing] }];
    if (exempt.length) sections.push({ letter: null, title: EXCLUSION_SECTION, exempt: true, items: exempt });
  }
  // Codes: numbered straight through, or restarting in each lettered section.
  let n = 0;
  for (const s of sections) {
    s.items.forEach((it, i) => {
      it.code = s.letter ? `${s.letter}${i + 1}` : String(++n);
    });
  }
  return sections;
}
