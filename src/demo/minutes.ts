// What happened at a held meeting: attendance (with substitutes, apologies, officers and a Member present for
// one item), declarations of interest, and minutes with numbered paragraphs and lettered resolutions.
import { apologiesMinute } from '../domain/agenda.js';
import { callInResolution, type CallInOutcome } from '../domain/executive.js';
import type { AttendanceEntry, DeclarationEntry, MinuteEntry } from '../services/seed.js';
import { chairOf, type PlannedItem, type PlannedSection } from './agenda.js';
import type { PlannedMeeting } from './calendar.js';
import { printedName, shortName, type DemoPerson } from './people.js';
import type { Rng } from './random.js';
import { longDate } from './reports.js';
import { lowerFirst, resolvedAs } from './wording.js';
import { membersOn, type Roster } from './roster.js';

export interface Proceedings {
  attendance: AttendanceEntry[];
  declarations: DeclarationEntry[];
  minutes: MinuteEntry[];
}

export interface ProceedingsContext {
  meeting: PlannedMeeting;
  rng: Rng;
  people: Map<string, DemoPerson>;
  personIds: Map<string, number>;
  roster: Roster;
  sections: PlannedSection[];
  itemIds: Map<PlannedItem, number>;
  previousHeld: string | null;
  withMinutes: boolean;
  /** The decision called in to this meeting and what the Committee resolved on it (the outcome recorded for the call-in). */
  callIns?: Map<PlannedItem, { number: string; outcome: CallInOutcome; comments: string | null }>;
}

const INTERESTS = [
  'as a governor of a school named in the report',
  'as a close family member is employed by a care provider',
  'as a member of the district council consulted on the proposal',
  'as a resident living close to the site',
  'as a trustee of a local charity that receives funding from the Council',
];

export function makeProceedings(ctx: ProceedingsContext): Proceedings {
  const { meeting, rng, people, personIds, roster } = ctx;
  const body = meeting.body;
  const members = membersOn(roster, body.key, meeting.date);
  const voting = members.filter((m) => m.role !== 'substitute');
  const subs = members.filter((m) => m.role === 'substitute');
  const person = (key: string) => people.get(key)!;
  const id = (key: string) => personIds.get(key) ?? null;
  const attendance: AttendanceEntry[] = [];

  // Two or three apologies (more at full Council); a substitute of the same group stands in where one is named.
  const absentCount = body.kind === 'full-council' ? rng.int(3, 6) : rng.int(1, 2);
  // Members presenting business (a Cabinet Member at the Cabinet) are there to present it and answer for it.
  const presenting = new Set(ctx.sections.flatMap((s) => s.items).flatMap((i) => i.presenters));
  const absent = new Set(rng.sample(voting.filter((m) => m.role !== 'chairman' && !presenting.has(printedName(person(m.person)))), absentCount).map((m) => m.person));
  const substitutes = new Map<string, string>();
  for (const a of absent) {
    const group = voting.find((m) => m.person === a)!.group;
    const sub = subs.find((s) => s.group === group && ![...substitutes.values()].includes(s.person));
    if (sub) substitutes.set(a, sub.person);
  }
  const allItems = ctx.sections.flatMap((s) => s.items);
  const business = allItems.filter((i) => (i.kind === 'business' || i.kind === 'exempt') && !i.withdrawn);
  // One Member present for one item only.
  const partial = rng.sample(voting.filter((m) => !absent.has(m.person) && m.role !== 'chairman' && m.group !== null), 1)[0];
  const partialItem = business.length ? business[business.length - 1] : null;

  for (const m of voting) {
    if (absent.has(m.person)) continue;
    const p = person(m.person);
    attendance.push({
      personId: id(m.person),
      name: printedName(p),
      kind: 'present',
      role: m.role === 'chairman' ? 'Chairman' : m.role === 'vice-chairman' ? 'Vice-Chairman' : m.coOptedCategory,
      forItemId: partial && partialItem && m.person === partial.person ? ctx.itemIds.get(partialItem) ?? null : null,
    });
  }
  for (const [forKey, subKey] of substitutes) {
    attendance.push({ personId: id(subKey), name: printedName(person(subKey)), kind: 'present', role: 'Substitute', substituteForPersonId: id(forKey), substituteForName: printedName(person(forKey)) });
  }
  for (const a of absent) {
    const p = person(a);
    attendance.push({ personId: id(a), name: printedName(p), kind: 'apologies' });
  }
  // Cabinet Members presenting reports attend committees as "also present".
  const presenters = new Set(business.flatMap((i) => i.presenters));
  if (body.kind !== 'cabinet' && body.kind !== 'full-council') {
    for (const key of roster.cabinet) {
      const p = person(key);
      if (presenters.has(printedName(p)) && !voting.some((m) => m.person === key)) {
        attendance.push({ personId: id(key), name: printedName(p), kind: 'also-present', role: p.jobTitle });
      }
    }
  }
  const officers = new Set<string>([body.clerk]);
  for (const it of business) for (const paper of it.papers) officers.add(paper.author);
  for (const key of officers) {
    const p = person(key);
    attendance.push({ personId: id(key), name: printedName(p), kind: 'in-attendance', role: p.jobTitle });
  }

  const declarations: DeclarationEntry[] = [];
  const declarable = business.filter((i) => !i.exempt);
  if (declarable.length && rng.chance(0.35)) {
    const present = voting.filter((m) => !absent.has(m.person) && m.group !== null);
    const who = rng.pick(present);
    const it = rng.pick(declarable);
    declarations.push({
      agendaItemId: ctx.itemIds.get(it) ?? null,
      personId: id(who.person),
      personName: printedName(person(who.person)),
      kind: rng.chance(0.8) ? 'personal' : 'other-significant',
      nature: `${shortName(person(who.person))} declared a personal interest in Item ${it.code} ${rng.pick(INTERESTS)}.`,
    });
  }

  // Members who speak in the minutes: those present throughout (not the Member present for one item only).
  const present = [...voting.filter((m) => !absent.has(m.person) && m.role !== 'chairman' && m.person !== partial?.person), ...subs.filter((m) => [...substitutes.values()].includes(m.person))].map((m) => person(m.person));
  const minutes = ctx.withMinutes ? makeMinutes(ctx, allItems, declarations, attendance, partial ? person(partial.person) : null, partialItem, present) : [];
  return { attendance, declarations, minutes };
}

const VOTERS_FOR = 'the Conservative Members';

function makeMinutes(
  ctx: ProceedingsContext,
  items: PlannedItem[],
  declarations: DeclarationEntry[],
  attendance: AttendanceEntry[],
  partial: DemoPerson | null,
  partialItem: PlannedItem | null,
  present: DemoPerson[],
): MinuteEntry[] {
  const { meeting, rng } = ctx;
  const body = meeting.body;
  const isCabinet = body.kind === 'cabinet';
  const entries: MinuteEntry[] = [];
  let exclusionMinuted = false;
  for (const it of items) {
    const agendaItemId = ctx.itemIds.get(it) ?? null;
    const title = it.title;
    switch (it.kind) {
      case 'intro':
        entries.push({ agendaItemId, title, paragraphs: [`(1) The ${chairOf(body)} reminded those present that the meeting was being webcast${body.kind === 'full-council' ? ' live' : ''}.`] });
        break;
      case 'apologies':
        // Worded from the attendance by the one rule a clerk's draft starts from (domain/agenda.ts).
        entries.push({ agendaItemId, title, paragraphs: apologiesMinute(attendance.map((a) => ({ kind: a.kind, name_as_recorded: a.name, substitute_for_name: a.substituteForName ?? null, for_item_id: a.forItemId ?? null })))
          .map((p, i) => `(${i + 1}) ${p}`) });
        break;
      case 'declarations':
        entries.push({ agendaItemId, title, paragraphs: declarations.length ? declarations.map((d, i) => `(${i + 1}) ${d.nature}`) : ['(1) There were no declarations of interest.'] });
        break;
      case 'minutes':
        entries.push({
          agendaItemId,
          title,
          resolutions: [{ text: `RESOLVED that the minutes of the meeting held on ${longDate(ctx.previousHeld!)} are correctly recorded and that they be signed by the ${chairOf(body)}${rng.chance(0.15) ? ', subject to the correction of the spelling of a Member\'s name in minute 3' : ''}.`, parts: [] }],
        });
        break;
      case 'announcements':
        entries.push({ agendaItemId, title, paragraphs: [`(1) The Chairman congratulated staff of the Council on a recent national award and reported on the civic events attended since the last meeting.`] });
        break;
      case 'questions':
        entries.push({ agendaItemId, title, paragraphs: [`(1) In accordance with Procedure Rule 1.17, ${rng.int(4, 9)} questions were asked and replies given. A record of the questions and answers is published on the Council's website.`] });
        break;
      case 'other':
        entries.push({ agendaItemId, title, paragraphs: ['(1) There were no other items.'] });
        break;
      case 'business':
      case 'urgent-business':
      case 'call-in':
      case 'exempt': {
        if (it.withdrawn) break;
        const paragraphs: string[] = [];
        if (it.kind === 'exempt' && !exclusionMinuted) {
          exclusionMinuted = true;
          entries.push({
            title: 'Motion to exclude the press and public',
            resolutions: [{ text: `RESOLVED that under Section 100A of the Local Government Act 1972 the press and public be excluded from the meeting for the following business on the grounds that it involves the likely disclosure of exempt information as defined in paragraph${it.exemptParagraphs.length > 1 ? 's' : ''} ${it.exemptParagraphs.join(' and ')} of Part 1 of Schedule 12A of the Act.`, parts: [] }],
          });
        }
        if (it.urgentReason) paragraphs.push(`The ${chairOf(body)} agreed to take this item as a matter of urgency because ${lowerFirst(it.urgentReason)}`);
        paragraphs.push(...discussion(ctx, it, present));
        // A Member present for this item only is recorded in the attendance, which the printed minutes show under the item.
        const numbered = paragraphs.map((p, i) => `(${i + 1}) ${p}`);
        const rec = it.topic?.recommendation ?? 'NOTE the report.';
        const callIn = it.kind === 'call-in' ? ctx.callIns?.get(it) : undefined;
        const resolution = callIn
          ? { text: callInResolution(callIn.outcome, callIn.comments, callIn.number), parts: [] }
          : isCabinet
          ? { text: 'Cabinet resolved to:', parts: [
            { label: '(a)', text: resolvedAs(rec) },
            { label: '(b)', text: 'delegate to the Corporate Director, in consultation with the Cabinet Member, authority to take the necessary actions to implement the decision.' },
          ] }
          : { text: `RESOLVED that ${it.topic?.kind === 'application' ? 'permission be granted subject to the conditions set out in the report' : rec.startsWith('NOTE') ? 'the report be noted' : `the ${body.name} ${resolvedAs(rec).replace(/\.$/, '')}`}.`, parts: [] };
        const votes = (it.topic?.kind === 'application' || it.topic?.key === 'budget') && rng.chance(0.5) ? [recordedVote(ctx, it)] : [];
        entries.push({
          agendaItemId,
          title: it.exempt ? `${title} (exempt)` : title,
          paragraphs: numbered,
          resolutions: [resolution],
          votes,
          exempt: it.exempt,
          postMeetingNote: it.kind === 'urgent-business' ? 'Post-meeting note: the decision was exempt from call-in because of its urgency, with the agreement of the Chairman of the Scrutiny Committee.' : null,
        });
        break;
      }
    }
  }
  return entries;
}

function recordedVote(ctx: ProceedingsContext, it: PlannedItem) {
  const members = membersOn(ctx.roster, ctx.meeting.body.key, ctx.meeting.date).filter((m) => m.group !== null && m.role !== 'substitute');
  const name = (k: string) => printedName(ctx.people.get(k)!);
  const against = members.filter((m) => m.group === 'lab' || m.group === 'green').map((m) => name(m.person));
  const abstained = members.filter((m) => m.group === 'ld').map((m) => name(m.person));
  const forVotes = members.filter((m) => m.group === 'con').map((m) => name(m.person));
  return { motion: `That ${it.topic?.key === 'budget' ? 'the revenue budget and council tax be approved' : 'permission be granted'} (supported by ${VOTERS_FOR})`, for: forVotes, against, abstained };
}

const noStop = (s: string) => s.replace(/\.$/, '');

/**
 * What the minute records of the debate on an item: who introduced it and how, then what Members raised, drawn from
 * the item's own facts (its topic's questions and answers, the figures of its report), with the Members present.
 */
function discussion(ctx: ProceedingsContext, it: PlannedItem, present: DemoPerson[]): string[] {
  const { rng } = ctx;
  const topic = it.topic;
  const out: string[] = [];
  const presenter = it.presenters.length ? it.presenters[it.presenters.length - 1] : 'The Democratic Services Officer';
  const author = topic ? ctx.people.get(topic.director) : undefined;
  const officer = author ? shortName(author) : 'the officer';
  const cabinetKey = topic ? ctx.roster.cabinet[topic.portfolio] : undefined;
  const cabinet = cabinetKey ? shortName(ctx.people.get(cabinetKey)!) : officer;
  // Questions come from Members other than those answering them: at the Cabinet the portfolio's Cabinet Member
  // presents the report, so another Member asks.
  const answering = new Set<DemoPerson | undefined>([cabinetKey ? ctx.people.get(cabinetKey) : undefined]);
  const members = rng.shuffle(present.filter((p) => !answering.has(p) && !it.presenters.includes(printedName(p))));
  let next = 0;
  const member = () => (members.length ? shortName(members[next++ % members.length]) : 'A Member');
  const fill = (s: string) => s.replace(/\{member\}/g, () => member()).replace(/\{officer\}/g, officer).replace(/\{cabinet\}/g, cabinet);
  const summary = topic?.summary || it.papers[0]?.report?.summary || '';
  if (it.kind === 'exempt') {
    out.push(`${presenter} ${rng.pick(['introduced the exempt report', 'presented the report', 'summarised the exempt report'])} and answered Members' questions on ${lowerFirst(noStop(it.exemptTopic?.summary ?? 'the matter'))}.`);
    return out;
  }
  if (it.kind === 'call-in') {
    out.push(rng.pick([
      'The Chairman explained the procedure for considering a call-in. The Members who had called in the decision set out their reasons, and the Cabinet Member who took the decision and the Corporate Director answered their questions.',
      'Members considered the decision, the reasons for the call-in and the cover sheet setting out the options open to the Committee. The Cabinet Member explained why the decision had been taken and responded to questions.',
    ]));
    return out;
  }
  if (topic?.kind === 'application') {
    const report = it.papers[0]?.report;
    out.push(`${presenter} introduced the application and showed plans and photographs of the site. ${report?.summary ?? ''}`.trim());
    const speakers = rng.int(0, 2);
    const site = it.title.replace(/^.* at /, '');
    if (speakers) {
      const against = `${rng.pick(['A local resident', 'The chairman of the parish council', 'A representative of the residents\' association', 'A neighbour of the site', 'The local Member'])} spoke against the application, ${rng.pick(['raising the number of lorries on the village roads', 'concerned about noise early in the morning', 'raising dust and its effect on nearby homes', 'asking for a shorter period of working', 'concerned about the effect on the landscape'])}`;
      const support = speakers > 1 ? `; ${rng.pick(["the applicant's agent", 'the operator of the site', 'the applicant'])} spoke in support` : '';
      out.push(`${against}${support}, under the Committee's arrangements for public speaking on ${site}.`);
    }
    out.push(fill(rng.pick([
      '{member} asked how the routeing agreement would be enforced; the officer said vehicle movements would be logged and reported to the Council each quarter.',
      '{member} asked whether the hours of working could be reduced on Saturdays; the officer said a condition limiting Saturday working to 08:00 to 13:00 was recommended.',
      '{member} was concerned about dust in dry weather; the officer said the dust management scheme required water bowsers on site at all times.',
      '{member} asked about the restoration of the site; the officer said restoration to agriculture and woodland was required within two years of the end of working.',
    ])));
    return out;
  }
  const intro = summary ? rng.pick([
    `${presenter} introduced the report: ${lowerFirst(summary)}`,
    `${presenter} presented the report. ${summary}`,
    `The ${ctx.meeting.body.name} considered a report introduced by ${presenter}. ${summary}`,
  ]) : `${presenter} introduced the item.`;
  out.push(intro);
  if (it.guests.length) out.push(`The ${ctx.meeting.body.kind === 'cabinet' ? 'Cabinet' : 'Committee'} heard from ${it.guests.map((g) => `${g.name} (${g.role})`).join(' and ')}, who answered Members' questions.`);
  const report = it.papers[0]?.report;
  if (topic?.facts?.points.length) {
    const points = topic.facts.points;
    const n = Math.min(points.length, rng.int(1, points.length));
    out.push(...points.slice(0, n).map(fill));
  } else if (report?.dashboard?.length) {
    const worst = [...report.dashboard].sort((a, b) => (a.rag === 'RED' ? -1 : 0) - (b.rag === 'RED' ? -1 : 0))[0];
    const falling = report.dashboard.find((r) => r.direction === 'Falling' && r !== worst);
    out.push(fill(`{member} asked about ${worst.ref} (${lowerFirst(worst.description)}), rated ${worst.rag}; {officer} explained the reasons and the action being taken${worst.rag === 'RED' ? ' under the recovery plan' : ''}.`));
    if (falling) out.push(fill(`{member} noted that ${falling.ref} was falling and asked that the trend be watched; {officer} agreed to include a commentary in the next report.`));
  } else if (report?.budget?.length) {
    const worst = [...report.budget].sort((a, b) => b.revisedVariance - a.revisedVariance)[0];
    const best = [...report.budget].sort((a, b) => a.revisedVariance - b.revisedVariance)[0];
    out.push(fill(`{member} asked about the forecast overspend of £${worst.revisedVariance.toLocaleString('en-GB')}k in ${worst.portfolio}; {officer} said it arose mainly from ${rng.pick(['the number and cost of placements', 'price increases from providers', 'higher demand than the budget assumed'])} and that management action was being taken.`));
    if (best.revisedVariance < 0) out.push(fill(`{member} asked whether the underspend of £${Math.abs(best.revisedVariance).toLocaleString('en-GB')}k in ${best.portfolio} would recur; {officer} said it came largely from ${rng.pick(['vacancies', 'one-off grant income', 'slippage in the timing of new contracts'])} and was not expected to continue.`));
  } else if (topic?.kind === 'work-programme') {
    out.push(fill(rng.pick([
      '{member} asked that an item on road safety outside schools be added; the Chairman agreed to discuss it with the Vice-Chairman and the spokesmen.',
      '{member} suggested that the Committee visit the new waste transfer station before considering the contract; Members agreed.',
      '{member} asked that the report on recruitment of social workers be brought forward; the officer said the figures would be available for the next meeting.',
      'Members agreed to move the item on energy costs to a later meeting so that the winter figures could be included.',
    ])));
  } else if (topic?.key === 'leader') {
    out.push(fill(rng.pick([
      'In reply to questions, the Leader spoke about the Council\'s response to the local government finance settlement and the lobbying of the county\'s Members of Parliament.',
      'The Leader answered questions from the Leaders of the opposition groups on the savings programme and the future of the library service.',
      '{member} asked the Leader about the devolution proposals for the county; the Leader said the Council would consult residents before any submission to Government.',
    ])));
  } else if (topic?.key === 'follow-up') {
    out.push(fill(rng.pick([
      'Members agreed that two recommendations on which the responses were satisfactory be removed from the schedule.',
      '{member} said the response on the cost of school transport did not answer the question asked, and the Committee asked for a further response.',
    ])));
  } else if (report?.sections.length) {
    // Drawn from the report's own tables: the first row of its first table.
    const table = report.sections.flatMap((s) => s.tables ?? [])[0];
    if (table?.rows.length) out.push(fill(`{member} asked about ${lowerFirst(table.rows[0][0])}; {officer} ${rng.pick(['explained the position', 'undertook to send Members a note', 'said it would be covered in the next report'])}.`));
  }
  return out;
}
