// One meeting's agenda, planned in memory: standing items, the business of the day from the body's topics,
// exempt items, and the papers each item carries (primer §3 and §5).
import { membershipRoleLabel, type AgendaItem, type ExemptParagraph } from '../domain/types.js';
import type { PlannedMeeting } from './calendar.js';
import { fullName, printedName, type DemoPerson } from './people.js';
import type { Rng } from './random.js';
import { longDate, reportRng, structuredReport, topicSections, type DemoReport } from './reports.js';
import { lowerFirst } from './wording.js';
import { TOPICS, type ExemptTopic, type Topic } from './topics.js';
import { PORTFOLIOS } from './bodies.js';
import type { MeetingBusiness } from './yearplan.js';

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
  /** A call-in item: the subject of the decision called in (the clerk puts it on the agenda through the call-in service). */
  calledIn?: string;
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
  /** The called-in decisions the scrutiny committee considers, by subject, in the order they were called in. */
  callIns: string[];
  /** The business the year's plan gives this meeting (yearplan.ts). */
  business: MeetingBusiness | null;
}

const EXCLUSION_SECTION = 'EXEMPT ITEMS (During these items the meeting is likely NOT to be open to the public)';

function item(kind: ItemKind, title: string, extra: Partial<PlannedItem> = {}): PlannedItem {
  return {
    kind, code: '', title, purpose: null, presenters: [], guests: [], toFollow: false, withdrawn: false, urgentReason: null,
    exempt: false, exemptParagraphs: [], publicInterestReason: null, topic: null, exemptTopic: null, papers: [], decides: false,
    proposedDecision: false, ...extra,
  };
}

/** Who chairs the body's meetings, as its agenda and minutes say: the Chairman, or at Cabinet the Leader. */
export const chairOf = (body: { kind: string }) => membershipRoleLabel('chairman', body.kind);

function standingItems(ctx: AgendaContext): PlannedItem[] {
  const body = ctx.meeting.body;
  const items = [
    item('intro', 'Introduction/Webcasting Announcement'),
    item('apologies', body.kind === 'full-council' || body.kind === 'cabinet' ? 'Apologies' : 'Apologies and Substitutes', { purpose: 'To receive apologies for absence and notification of any substitutes present' }),
    item('declarations', 'Declarations of Interests by Members in items on the agenda', { purpose: 'To receive any declarations of interest by Members in items on the agenda for this meeting' }),
  ];
  if (ctx.previousHeld) {
    items.push(item('minutes', `Minutes of the meeting held on ${longDate(ctx.previousHeld)}`, { purpose: `To agree that the minutes are a correct record and that they be signed by the ${chairOf(body)}` }));
  }
  if (body.kind === 'full-council') {
    items.push(item('announcements', "Chairman's Announcements"), item('questions', 'Questions', { purpose: 'To answer questions from Members under Procedure Rule 1.17' }));
  }
  return items;
}

function pickTopics(ctx: AgendaContext): Topic[] {
  const { body, index } = ctx.meeting;
  const all = TOPICS[body.key] ?? [];
  if (body.key === 'planning') {
    const n = 2 + (index % 2);
    const apps = Array.from({ length: n }, () => all[0]);
    const enforcement = all.find((t) => t.key === 'enforcement')!;
    return enforcement.months!.includes(Number(ctx.meeting.date.slice(5, 7))) ? [...apps, enforcement] : apps;
  }
  return ctx.business?.topics ?? [];
}

// County matter applications: each site with the kind of proposal it would see.
const APPLICATIONS: [string, string][] = [
  ['Foxley Quarry', 'Extension of mineral working and restoration to agriculture'],
  ['Northwold Gravel Workings', 'Extension of sand and gravel extraction into the eastern field'],
  ['Westmarsh Waste Transfer Station', 'Variation of condition 4 to extend operating hours'],
  ['Saltmarsh Landfill', 'Erection of a landfill gas engine and restoration scheme'],
  ['Highcliffe Primary School', 'Two-storey classroom extension and new car park'],
  ['Larkspur Academy', 'Sports hall and all-weather pitch with floodlighting'],
  ['Redwater Sand Pit', 'Importation of inert waste to complete restoration'],
  ['Lowmoor Recycling Centre', 'Change of use to a household waste recycling centre with reuse shop'],
  ['Ickfield Farm', 'Erection of an anaerobic digestion facility'],
  ['Castlemere Rural Primary School', 'Single-storey extension for a new form of entry'],
  ['Greenhaven Wharf', 'Aggregate recycling and a concrete batching plant'],
  ['Pennington Special School', 'Temporary classrooms for three years'],
];

/** The report for a topic; in the pooled archive its text depends only on the topic and a variant. */
function topicReport(ctx: AgendaContext, topic: Topic, variant: number): { title: string; report: DemoReport; appendix: string[] | null; divisions: string | null } {
  const { meeting, people, cabinet } = ctx;
  const dated = meeting.dated;
  const rng = reportRng([meeting.body.key, topic.key, dated ? `${meeting.date}/${variant}` : `v${variant}`]);
  const member = people.get(cabinet[topic.portfolio])!;
  const director = people.get(topic.director)!;
  let title = topic.title;
  let summary = topic.summary;
  let divisions: string | null = null;
  const sections: DemoReport['sections'] = [];
  const report: Partial<DemoReport> = {};
  if (topic.kind === 'application') {
    const [site, proposal] = APPLICATIONS[(variant + (dated ? Number(meeting.date.slice(5, 7)) * 3 + Number(meeting.date.slice(2, 4)) : 0)) % APPLICATIONS.length];
    const ref = `EX/${dated ? meeting.date.slice(2, 4) : 'AR'}/${String(rng.int(100, 999)).padStart(4, '0')}`;
    title = `Application ${ref} - ${proposal} at ${site}`;
    summary = `Application ${ref} seeks permission for ${proposal.toLowerCase()} at ${site}. ${rng.int(3, 40)} letters of representation have been received.`;
    divisions = rng.pick([...people.values()].filter((p) => p.division)).division;
  }
  sections.push(...topicSections({ topic, rng, summary, title, meetingDate: dated ? meeting.date : null, bodyName: meeting.body.name, authorTitle: director.jobTitle ?? 'Corporate Director', portfolioTitle: PORTFOLIOS[topic.portfolio].title, report }));
  const to = meeting.body.name;
  const verb = topic.recommendation;
  const r: DemoReport = {
    ...structuredReport({
      subject: title,
      to,
      toDate: dated ? meeting.date : null,
      from: [`${printedName(member)}, ${PORTFOLIOS[topic.portfolio].title}`, `${fullName(director)}, ${director.jobTitle}`],
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
  // Some reports carry their Equality Impact Assessment as an appendix of its own.
  const facts = topic.facts;
  const appendix = topic.kind === 'report' && facts && rng.chance(0.4)
    ? [`Appendix A: Equality Impact Assessment - ${title}`, `Purpose of the proposal: ${summary}`,
      `Groups considered: age, disability, sex, race, religion or belief, sexual orientation, gender reassignment, pregnancy and maternity, marriage and civil partnership, and carers. ${rng.pick(['Older people and disabled people are the groups most likely to be affected.', 'Children and young people and their carers are the groups most likely to be affected.', 'People on low incomes and those in rural areas are the groups most likely to be affected.'])}`,
      ...facts.background.slice(0, 1), `Mitigation: ${facts.risks.length ? `the risk that ${lowerFirst(facts.risks[0])} is monitored by the programme board; ` : ''}the assessment will be reviewed ${rng.pick(['six months', 'one year', 'nine months'])} after implementation.`]
    : null;
  return { title, report: r, appendix, divisions };
}

/** Whether the Cabinet's item on a topic ends in a Record of Decision (a performance report or an annual report is noted). */
export function decidesAtCabinet(topic: Topic): boolean {
  return !['performance', 'parenting-minutes'].includes(topic.key);
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
    decides: isCabinet && decidesAtCabinet(topic),
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
    from: [`${printedName(member)}, ${PORTFOLIOS[e.portfolio].title}`, `${fullName(director)}, ${director.jobTitle}`],
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

export function planAgenda(ctx: AgendaContext): PlannedSection[] {
  const { meeting, features } = ctx;
  const body = meeting.body;
  // The older archive shares its papers between years (two variants of each), which keeps a long archive quick to load.
  const variant = meeting.index % 2;
  const business = pickTopics(ctx).map((t, i) => businessItem(ctx, t, t.kind === 'application' ? (meeting.index % 3) * 4 + i : variant));
  // Items whose decision the year's executive cycle takes are reported here but decided there (cycle.ts).
  for (const b of business) if (b.topic && ctx.business?.cycleDecided.has(b.topic.title)) b.decides = false;
  if (features.has('guests')) {
    const target = business[0];
    if (target) {
      const member = ctx.people.get(ctx.cabinet[target.topic?.portfolio ?? 0])!;
      target.guests = [
        { name: printedName(member), role: PORTFOLIOS[target.topic?.portfolio ?? 0].title, timeSlot: '10:30 - 11:15' },
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
  // A called-in decision comes with a cover sheet (primer §4): background, guests and the committee's options. The
  // call-in service adds each item before the closing item, in the order they were called in.
  const callIns = ctx.callIns.map((subject) => item('call-in', `Call-in: ${subject}`, {
    calledIn: subject,
    purpose: 'To consider the decision called in by Members of the Committee',
    papers: [{
      kind: 'appendix', title: `Call-in cover sheet: ${subject}`, report: null, exemptParagraphs: [], author: '',
      appendix: [
        'Background: the decision was called in by Members of the Committee within the call-in period, giving their reasons. Its implementation is suspended until the call-in has been considered.',
        'Guests: the Cabinet Member who took the decision and the Corporate Director responsible have been invited to attend.',
        'Options for the Committee: (a) make no comments; (b) express comments but not require reconsideration of the decision; (c) require implementation of the decision to be postponed pending reconsideration by the decision-maker in light of the Committee\'s comments; (d) require implementation of the decision to be postponed pending consideration of the matter by the full Council.',
      ],
    }],
  }));
  business.push(...callIns);
  const closing = item('other', `Other items which the ${chairOf(body)} decides are relevant or urgent`);
  const exempt = (ctx.business?.exempt ?? []).map((e) => {
    const x = exemptItem(ctx, e);
    if (ctx.business?.cycleDecided.has(e.title)) x.decides = false;
    return x;
  });
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
