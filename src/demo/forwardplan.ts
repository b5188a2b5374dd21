// The demonstration council's forward plan (notice of key decisions, primer §4), kept as a council keeps it: an
// edition on the first working day of every month, each entry added to an edition one to four months before its
// decision and never fewer than 28 clear days (the domain's rule), deferred when its report slips, marked taken when
// the decision is recorded, and the latest edition listing what is still to come. The entries are the Cabinet's and
// the Cabinet Members' decisions of the year: those the loader records (load.ts), those the executive cycle takes
// (cycle.ts), and those the calendar still expects after today. All of it through the clerk's services.
import type { WorkingCalendar } from '../domain/calendar.js';
import { addDays, nthWeekdayOfMonth } from '../domain/dates.js';
import { DEFAULT_EXECUTIVE_RULES, noticeDeadline } from '../domain/executive.js';
import type { Actor } from '../domain/types.js';
import { recordDecisionNotice } from '../services/executive/decisions.js';
import { addForwardPlanEntry, moveForwardPlanEntry, publishForwardPlan, type ForwardPlanEntryInput } from '../services/executive/forward-plan.js';
import type { Store } from '../services/unit.js';
import { decidesAtCabinet, type PlannedItem, type PlannedSection } from './agenda.js';
import { BODIES, PORTFOLIOS } from './bodies.js';
import type { PlannedMeeting } from './calendar.js';
import { fullName, type DemoPerson } from './people.js';
import type { Rng } from './random.js';
import { longDate } from './reports.js';
import type { Roster } from './roster.js';
import type { Topic } from './topics.js';
import { CYCLE_NOTICED, type MeetingBusiness } from './yearplan.js';

/** A meeting of the year as the loader plans it: its agenda once planned, else only the business the year gives it. */
export interface PlannedMeetingEvent {
  meeting: PlannedMeeting;
  sections: PlannedSection[];
}

/** A decision the year takes or expects, and who takes it and how. */
interface ExpectedDecision {
  /** Cabinet's item, or the Cabinet Committee's item on a Cabinet Member's proposed decision; null where not yet planned. */
  item: PlannedItem | null;
  topic: Topic | null;
  /** The exempt report the decision is taken on, in private. */
  exempt: PlannedItem['exemptTopic'];
  /** An exempt report beside the public one (the tender details of a contract award). */
  exemptAppendix: string | null;
  on: string;
  /** The Cabinet Committee that considers a Cabinet Member's proposed decision first; null for the Cabinet's own. */
  committee: PlannedMeeting | null;
  by: 'loader' | 'cycle' | 'expected';
  urgent: boolean;
  /** A Cabinet Member's decision (with or without a Cabinet Committee first), not the Cabinet's. */
  member: boolean;
  /** What the plan says of a decision the calendar does not reach yet. */
  said?: { keyReason: string; consultation: string };
}

export interface PlannedEntry {
  title: string;
  decision: ExpectedDecision;
  /** Added to the plan on this day, first published in the edition of `noticeOn`. */
  addedOn: string;
  noticeOn: string;
  /** First expected on this day; later than it when the report slipped. */
  expectedOn: string;
  slip: { on: string; note: string } | null;
}

export interface ForwardPlanSchedule {
  editions: string[];
  entries: PlannedEntry[];
  /** Urgent decisions taken under special urgency (the scrutiny chair agreed), never on the plan. */
  urgent: ExpectedDecision[];
}

/** The day a Cabinet Member decides on a proposal the Cabinet Committee considered (as load.ts records it). */
export const cabinetMemberDecisionDay = (committeeDate: string, cal: WorkingCalendar) => cal.addWorkingDays(committeeDate, 8);

const subjectOf = (title: string) => title.replace(/^Proposed decision: /, '');

/**
 * The editions: the first a week into the span the archive's years cover (its meetings run from two months into it
 * to two months after today, calendar.ts; for one year, a week into the year, as yearplan.ts counts), then the first
 * working day of each month to today, so that every year has its plan and its first decisions their notice.
 */
export function editionDates(firstMeeting: string, today: string, cal: WorkingCalendar): string[] {
  const first = cal.addWorkingDays(addDays(firstMeeting, -61), 5);
  const out = [first];
  for (let month = first.slice(0, 7); ;) {
    const [y, m] = month.split('-').map(Number);
    month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    let day = `${month}-01`;
    while (!cal.isWorkingDay(day)) day = addDays(day, 1);
    if (day > today) return out;
    out.push(day);
  }
}

/** Every executive decision of the year, taken or expected, in date order. */
function expectedDecisions(meetings: readonly PlannedMeetingEvent[], business: Map<PlannedMeeting, MeetingBusiness>, today: string, end: string, cal: WorkingCalendar): { decisions: ExpectedDecision[]; urgent: ExpectedDecision[] } {
  const decisions: ExpectedDecision[] = [];
  const urgent: ExpectedDecision[] = [];
  const live = meetings.filter((e) => e.meeting.status !== 'cancelled' && e.meeting.status !== 'postponed');
  for (const { meeting: m, sections } of live) {
    const items = sections.flatMap((s) => s.items).filter((i) => !i.withdrawn);
    const held = m.date < today;
    if (m.body.key === 'cabinet') {
      if (items.length || held) {
        for (const it of items) {
          const noticed = (it.topic && CYCLE_NOTICED.has(it.topic.key)) || (it.exemptTopic && CYCLE_NOTICED.has(it.exemptTopic.key));
          if (!it.decides && !noticed) continue;
          if (it.topic?.recurring) continue; // monitoring reports are noted at every meeting, never planned
          const d: ExpectedDecision = {
            item: it, topic: it.topic, exempt: it.kind === 'exempt' ? it.exemptTopic : null, on: m.date, committee: null, urgent: it.kind === 'urgent-business',
            exemptAppendix: it.topic ? items.find((x) => x.kind === 'exempt' && x.title.includes(it.title))?.title ?? null : null,
            by: noticed ? 'cycle' : held ? 'loader' : 'expected', member: false,
          };
          (d.urgent ? urgent : decisions).push(d);
        }
      } else {
        for (const t of business.get(m)?.topics ?? []) {
          if (!t.recurring && decidesAtCabinet(t)) decisions.push({ item: null, topic: t, exempt: null, exemptAppendix: null, on: m.date, committee: null, by: 'expected', urgent: false, member: false });
        }
      }
    } else if (m.body.kind === 'cabinet-committee') {
      const on = cabinetMemberDecisionDay(m.date, cal);
      const proposals = items.length || held ? items.filter((i) => i.proposedDecision).map((i) => ({ item: i as PlannedItem | null, topic: i.topic! }))
        : (business.get(m)?.topics ?? []).filter((t) => t.title.startsWith('Proposed decision')).map((t) => ({ item: null, topic: t }));
      // load.ts records the decisions of held meetings that fall before today; the rest are still expected.
      for (const p of proposals) decisions.push({ ...p, exempt: null, exemptAppendix: null, on, committee: m, by: held && on < today ? 'loader' : 'expected', urgent: false, member: true });
    }
  }
  decisions.push(...beyondTheCalendar(end, cal));
  // A strategy decided this year is not planned again for next year's meeting in its season (the budget is).
  const decidedOn = new Map<string, string>();
  const out = decisions.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).filter((d) => {
    const title = subjectOf(d.topic?.title ?? d.exempt!.title);
    const again = d.by === 'expected' && d.topic?.kind !== 'budget' && (decidedOn.get(title) ?? '0000') > addDays(d.on, -365);
    if (!again) decidedOn.set(title, d.on);
    return !again;
  });
  return { decisions: out, urgent };
}

/**
 * Decisions the council expects after the demo's calendar ends, where no meeting or agenda is planned yet: the
 * Cabinet's at its first and second meetings after it (first Monday of the month, as it meets), a Cabinet Member's a
 * fortnight after it. The latest edition lists them as a real plan looks four months ahead.
 */
const BEYOND: { topic: Topic; member: boolean; nth: number; said: { keyReason: string; consultation: string } }[] = [
  { topic: { key: 'hsf-next', title: 'Household Support Fund: Allocation of the Next Grant', kind: 'report', director: 'officer-asch', portfolio: 3, purpose: '', summary: '', recommendation: 'AGREE the allocation', keyDecision: true },
    member: false, nth: 1, said: { keyReason: 'Expenditure of the Government\u2019s grant, above the threshold of £1,000,000, and a significant effect in every division', consultation: 'The district councils, schools and the voluntary and community food network' } },
  { topic: { key: 'homecare', title: 'Commissioning of Home Care Services', kind: 'report', director: 'officer-asch', portfolio: 3, purpose: '', summary: '', recommendation: 'AGREE the procurement', keyDecision: true },
    member: true, nth: 1, said: { keyReason: 'Expenditure above the threshold of £1,000,000: contracts worth an estimated £96m over five years, in every division', consultation: 'Home care providers, people who use the services and their carers; Healthwatch' } },
  { topic: { key: 'ltp', title: 'Local Transport Plan 5', kind: 'report', director: 'officer-highways', portfolio: 4, purpose: '', summary: '', recommendation: 'APPROVE the plan', keyDecision: true },
    member: false, nth: 2, said: { keyReason: 'A significant effect on communities in every division: the county\u2019s transport strategy to 2040', consultation: 'Public consultation over twelve weeks; the Environment and Transport Cabinet Committee; the district councils and the bus operators' } },
];

function beyondTheCalendar(end: string, cal: WorkingCalendar): ExpectedDecision[] {
  const cabinet = BODIES.find((b) => b.key === 'cabinet')!.cadence;
  const cabinetDates: string[] = [];
  for (let i = 0, d = end; cabinetDates.length < 2 && i < 14 && cabinet.kind === 'monthly'; i++) {
    d = addDays(`${d.slice(0, 7)}-01`, 32);
    const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
    if (!cabinet.months.includes(m)) continue;
    let day = nthWeekdayOfMonth(y, m, cabinet.weekday, cabinet.nth);
    while (!cal.isWorkingDay(day)) day = addDays(day, 1);
    if (day > end) cabinetDates.push(day);
  }
  return BEYOND.flatMap((b) => {
    const on = b.member ? cal.addWorkingDays(end, 10 * b.nth) : cabinetDates[b.nth - 1];
    return on ? [{ item: null, topic: b.topic, exempt: null, exemptAppendix: null, on, committee: null, by: 'expected' as const, urgent: false, member: b.member, said: b.said }] : [];
  });
}

const SLIP_NOTES = [
  'Deferred to allow the responses to the consultation to be analysed in full.',
  'Deferred while the proposals are discussed further with the district councils.',
  'Deferred to take account of the Government\u2019s funding announcement.',
  'Deferred at the request of the Cabinet Member, for further engagement with local Members.',
];

/**
 * The plan of the year's forward plan: which edition first gives notice of each decision (one to four months ahead,
 * never fewer than the 28 clear days), and which reports slip to a later date (a meeting later for the Cabinet,
 * some weeks for a Cabinet Member) after their first notice.
 */
export function planForwardPlan(meetings: readonly PlannedMeetingEvent[], business: Map<PlannedMeeting, MeetingBusiness>, span: { start: string; today: string; end: string }, cal: WorkingCalendar, rng: Rng): ForwardPlanSchedule {
  const { start, today, end } = span;
  const editions = editionDates(start, today, cal);
  const { decisions, urgent } = expectedDecisions(meetings, business, today, end, cal);
  const clear = DEFAULT_EXECUTIVE_RULES.noticeClearDays;
  const cabinetDates = meetings.filter((e) => e.meeting.body.key === 'cabinet' && e.meeting.status !== 'cancelled' && e.meeting.status !== 'postponed').map((e) => e.meeting.date);
  const entries: PlannedEntry[] = [];
  for (const d of decisions) {
    const r = rng.fork(`${d.on}/${d.topic?.key ?? d.exempt?.key}`);
    const inTime = editions.filter((e) => e <= noticeDeadline(d.on, clear));
    if (!inTime.length) continue; // before the year's first edition could give notice (an older archive)
    const near = inTime.filter((e) => e >= addDays(d.on, -130));
    // A report that is to slip was planned for an earlier date, so it was on the plan longer.
    const slips = d.by !== 'cycle' && (d.topic?.keyDecision ?? false) && r.chance(0.35);
    const noticeOn = !near.length ? inTime[inTime.length - 1] : slips ? near[0] : near[Math.max(0, near.length - r.int(1, 3))];
    const before = editions.filter((e) => e < noticeOn);
    const previous = before[before.length - 1];
    const added = cal.addWorkingDays(noticeOn, -r.int(1, 6));
    const addedOn = previous && added <= previous ? noticeOn : added;
    // A report slips: first expected at the meeting before (or a few weeks earlier for a Cabinet Member's decision),
    // with notice in time for that date too, deferred a week or so before it.
    let expectedOn = d.on;
    let slip: PlannedEntry['slip'] = null;
    if (slips) {
      const earlier = d.committee ? cal.addWorkingDays(d.on, -r.int(15, 25)) : cabinetDates.filter((x) => x < d.on).pop();
      // Deferred before the earlier meeting's agenda went out without it (a Cabinet Member's, a week or so before).
      const movedOn = !earlier ? null : d.committee ? cal.addWorkingDays(earlier, -r.int(3, 8)) : cal.addWorkingDays(cal.agendaPublicationDeadline(earlier), -r.int(0, 4));
      if (earlier && movedOn && noticeOn <= noticeDeadline(earlier, clear) && movedOn > noticeOn && movedOn < today) {
        expectedOn = earlier;
        slip = { on: movedOn, note: d.committee ? `Deferred so that the ${d.committee.body.name} can consider the proposed decision first, on ${longDate(d.committee.date)}.` : r.pick(SLIP_NOTES) };
      }
    }
    entries.push({ title: subjectOf(d.topic?.title ?? d.exempt!.title), decision: d, addedOn, noticeOn, expectedOn, slip });
  }
  return { editions, entries, urgent };
}

// ---------------------------------------------------------------- what each entry says

/** Divisions a decision affects where it is not the whole county (named as the topic's report names them). */
const DIVISIONS: Record<string, string[]> = {
  'school-expansion': ['Castlemere Rural', 'Castlemere Town', 'Elmbridge East', 'Elmbridge West', 'Hartwell', 'Pennington Town'],
  bus: ['Castlemere Rural', 'Greenhaven Villages', 'Marshwood', 'Nettlecombe', 'Pennington Rural', 'Wyvern Hills'],
  property: ['Kingsmere Central'],
  depot: ['Westgate'],
};

/** Why a decision with no stated cost is key. */
const KEY_REASONS: Record<string, string> = {
  property: 'Savings above the threshold of £1,000,000: the two buildings cost £1.9m a year to run, and their sale brings a capital receipt',
  depot: 'A disposal of land worth more than the threshold of £1,000,000',
  'waste-contract': 'Expenditure above the threshold of £1,000,000: the contract is worth £12.8m a year; it affects residents in every division',
  'ev-charging': 'Expenditure of the £7.2m grant, above the threshold of £1,000,000, and a significant effect in every division',
  'draft-budget': 'Expenditure and savings above the threshold of £1,000,000: the revenue budget, savings of £38.1m and the council tax',
  'budget-recommend': 'Expenditure and savings above the threshold of £1,000,000: the revenue budget, capital programme and council tax',
};
const ALL_DIVISIONS = 'All divisions';

function contactOf(p: { name: string; title: string | null; phone: string | null; email: string | null }): string {
  return [p.title ? `${p.name}, ${p.title}` : p.name, p.phone, p.email].filter(Boolean).join(', ');
}

/** The entry as the clerk types it: subject, taker, the reason it is key, documents, consultation, contact. */
function entryInput(e: PlannedEntry, ids: { cabinet: number; personIds: Map<string, number> }, people: Map<string, DemoPerson>, roster: Roster): ForwardPlanEntryInput {
  const d = e.decision;
  const topic = d.topic;
  const portfolio = topic?.portfolio ?? d.exempt!.portfolio;
  const member = PORTFOLIOS[portfolio].title;
  const director = people.get(topic?.director ?? d.exempt!.director)!;
  const report = d.item?.papers[0]?.report ?? null;
  const key = topic?.keyDecision ?? !!d.exempt;
  const topicKey = topic?.key ?? d.exempt!.key;
  const divisions = DIVISIONS[topicKey] ?? [ALL_DIVISIONS];
  const cost = topic?.facts?.cost;
  // Documents: the report and its appendices, as the agenda will carry them.
  const appendices = (d.item?.papers.slice(1) ?? []).map((p) => p.title.replace(/^Appendix ([A-Z]): .*$/, (_m, letter: string) => `Appendix ${letter}: Equality Impact Assessment`));
  const reportOf = d.committee ? `Proposed Record of Decision; report to the ${d.committee.body.name}, ${longDate(d.committee.date)}`
    : d.member ? `Proposed Record of Decision; report of the ${director.jobTitle}` : `Report of the ${member} and the ${director.jobTitle}`;
  const exempt = d.exempt ? ` (exempt: Schedule 12A paragraph ${d.exempt.paragraphs.join(', ')})` : '';
  const documents = [reportOf + exempt, ...appendices, ...(d.exemptAppendix ? [`${d.exemptAppendix} (exempt report: Schedule 12A paragraph 3)`] : [])].join('; ')
    + (d.committee ? '. Published with the Committee\u2019s agenda; available from the contact officer.' : d.member ? '. Published with the proposed decision five clear days before it is taken; available from the contact officer.'
      : '. Published with the Cabinet\u2019s agenda five clear days before the meeting; available from the contact officer.');
  // Consultation: what the report says was done (the weeks of public consultation), the Cabinet Committee first.
  const weeks = report?.sections.find((s) => s.heading === 'Consultation and engagement')?.paragraphs.map((p) => /ran for (\d+) weeks/.exec(p)?.[1]).find(Boolean);
  const consulted = d.said ? d.said.consultation : topic?.kind === 'budget' ? 'Budget consultation with residents and businesses; the Scrutiny Committee\u2019s scrutiny of the draft budget'
    : weeks ? `Public consultation over ${weeks} weeks with residents, parish and town councils, businesses, voluntary and community groups and staff`
      : d.exempt ? 'The local Members for the division'
        : topic?.facts && !/^NOTE/.test(topic.recommendation) && !report ? 'Consultation with residents, partners and staff, as the report will set out'
          : `The ${member} and the Corporate Management Team`;
  const consultation = d.committee ? `${d.committee.body.name}, ${longDate(d.committee.date)}; ${consulted.charAt(0).toLowerCase()}${consulted.slice(1)}` : consulted;
  const contact = report?.contacts[0] ? contactOf(report.contacts[0]) : contactOf({ name: fullName(director), title: director.jobTitle ?? 'Corporate Director', phone: director.phone, email: director.email });
  const taker = d.member
    ? { takerKind: 'cabinet-member' as const, takerName: member, takerPersonId: ids.personIds.get(roster.cabinet[portfolio]) ?? null }
    : { takerKind: 'body' as const, takerName: 'Cabinet', takerBodyId: ids.cabinet };
  return {
    title: e.title, ...taker, portfolio: member.replace(/^.*Cabinet Member for /, ''), expectedOn: e.expectedOn, key,
    keyReason: key ? d.said?.keyReason ?? KEY_REASONS[topicKey] ?? (cost ? null : divisions.length >= 2 ? null : 'A significant effect on communities in two or more electoral divisions: the proposal applies across the county') : null,
    expenditurePence: cost ? cost.amount * 1000 * 100 : null, divisions,
    private: !!d.exempt, exemptParagraphs: d.exempt?.paragraphs ?? [], privateReason: d.exempt?.publicInterestReason ?? null,
    documents, consultation, contact,
  };
}

// ---------------------------------------------------------------- keeping the plan through the year

type Op = { on: string; rank: number; run: () => Promise<void> };

/**
 * Runs the year's forward plan in date order, interleaved with the decisions: `advanceTo(day)` does everything
 * dated before that day, and what is dated on it short of the decisions (a decision of the day is taken before that
 * day's edition is published, which then shows it taken).
 */
export class DemoForwardPlan {
  readonly #ops: Op[] = [];
  readonly #ids = new Map<string, number>();
  #done = 0;

  constructor(
    readonly store: Store,
    readonly actor: Actor,
    schedule: ForwardPlanSchedule,
    ids: { cabinet: number; personIds: Map<string, number> },
    people: Map<string, DemoPerson>,
    roster: Roster,
    /** The decisions the loader recorded, by the item they decided (or the Cabinet Committee's item, for a Cabinet Member's). */
    decisionIds: Map<PlannedItem, number>,
    scrutinyChair: (on: string) => string,
    cal: WorkingCalendar,
  ) {
    const db = store.db;
    const at = (on: string, rank: number, run: () => Promise<void>) => this.#ops.push({ on, rank, run });
    for (const e of schedule.entries) {
      at(e.addedOn, 0, async () => {
        this.#ids.set(e.title, await addForwardPlanEntry(db, actor, entryInput(e, ids, people, roster), e.addedOn));
      });
      if (e.slip) at(e.slip.on, 0, () => moveForwardPlanEntry(db, actor, this.entryFor(e.title), { to: 'deferred', expectedOn: e.decision.on, note: e.slip!.note }, e.slip!.on));
      // The loader's decision, once it has recorded it (the plan runs alongside the loader, in date order).
      const item = e.decision.item;
      if (e.decision.by === 'loader' && item) {
        at(e.decision.on, 1, async () => {
          const decisionId = decisionIds.get(item);
          if (decisionId !== undefined) await recordDecisionNotice(db, actor, decisionId, { forwardPlanEntryId: this.entryFor(e.title) });
        });
      }
    }
    // Urgent business at the Cabinet: special urgency, the scrutiny chair's agreement the day before.
    for (const u of schedule.urgent) {
      const item = u.item;
      if (!item) continue;
      const agreedOn = cal.addWorkingDays(u.on, -1);
      at(u.on, 1, async () => {
        const decisionId = decisionIds.get(item);
        if (decisionId !== undefined) await recordDecisionNotice(db, actor, decisionId, { exception: { kind: 'special-urgency', agreedOn, agreedBy: scrutinyChair(agreedOn), reason: item.urgentReason ?? 'The decision could not reasonably be deferred.' } });
      });
    }
    for (const on of schedule.editions) at(on, 2, async () => void (await publishForwardPlan(db, actor, on, null)));
    this.#ops.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.rank - b.rank));
  }

  /** The entry for a subject, once added to the plan. */
  entryFor(title: string): number {
    const id = this.#ids.get(title);
    if (id === undefined) throw new Error(`the demo's forward plan has no entry "${title}" yet`);
    return id;
  }

  /** Everything dated before `day`, and the additions and moves dated on it. */
  async advanceTo(day: string): Promise<void> {
    while (this.#done < this.#ops.length) {
      const op = this.#ops[this.#done];
      if (op.on > day || (op.on === day && op.rank > 0)) return;
      this.#done++;
      await op.run();
    }
  }

  /** The rest of the year, to today. */
  async finish(): Promise<void> {
    while (this.#done < this.#ops.length) await this.#ops[this.#done++].run();
  }
}
