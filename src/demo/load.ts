// Loads Example County Council into the store: settings, people, bodies and memberships in one transaction, then
// every meeting (agenda, papers, attendance, minutes, decisions) in a transaction of its own, in date order.
import { addDays } from '../domain/dates.js';
import { SYSTEM_ACTOR, type Actor } from '../domain/types.js';
import { MootError } from '../errors.js';
import { createProgress } from '../progress.js';
import {
  addInterest, addMembership, editInterest, removeInterest, clearToFollow, councilIsEmpty, countCouncilRecords, createBody, createDecision, createMeeting, createPerson, ensureGroup, getCouncil,
  bulkLoadTransaction, insertCallIn, rebuildSearchIndex, recordAttendance, recordDeclarations, recordLoad, recordMinutes, saveCouncil, setSeats, updateDecisionRow,
  updateMeetingRow, wipeCouncil, type Queryable, type Store,
} from '../services/seed.js';
import { planAgenda, type AgendaContext, type PlannedItem, type PlannedSection } from './agenda.js';
import { BODIES } from './bodies.js';
import { planCalendar, type PlannedMeeting } from './calendar.js';
import { cabinetMemberDecision, decisionFromItem, printedRecord, type DecisionDraft } from './decisions.js';
import { filePrintedPaper, type PrintedPaper } from './documents.js';
import { makeProceedings } from './minutes.js';
import { fullName, GROUPS, makePeople, printedName, type DemoPerson } from './people.js';
import { PdfCache } from './pdf.js';
import { Rng } from './random.js';
import { appendixBlocks, reportBlocks } from './reports.js';
import { DEMO_COUNCIL_NAME, lowerFirst } from './wording.js';
import { DEMO_DOMAIN } from './identity.js';
import { makeRoster, type Roster } from './roster.js';
import { makeInterests, type DemoInterest } from './interests.js';
import { loadDemoCycle } from './cycle.js';
import { cabinetMemberDecisionDay, DemoForwardPlan, planForwardPlan } from './forwardplan.js';
import { loadDemoData } from './data.js';
import { planBusiness } from './yearplan.js';
import { publishAgendaIn, publishMinutesIn, publishSupplementaryIn } from '../services/publication/publish.js';
import { recordCallInOutcome } from '../services/executive/call-ins.js';
import type { CallInOutcome } from '../domain/executive.js';

export { DEMO_COUNCIL_NAME };
export const DEMO_SEED = 20111;

export interface DemoOptions {
  /** Years of meetings, ending two months after `today` (default 1). */
  years?: number;
  /** 'YYYY-MM-DD'; defaults to the real date. Fix it for repeatable content. */
  today?: string;
  seed?: number;
  progress?: boolean;
  /** Delete everything already in the database first. */
  reset?: boolean;
  /** Build the search index afterwards (default true); benchmarks time it separately. */
  index?: boolean;
}

export interface DemoSummary {
  bodies: number;
  people: number;
  meetings: number;
  documents: number;
  minutes: number;
  decisions: number;
  /** Rows in every table after loading. */
  rows: number;
  /** Distinct PDFs rendered and PDFs reused from the pool. */
  pdfsRendered: number;
  pdfsReused: number;
  from: string;
  to: string;
}

export function isEmpty(store: Store): Promise<boolean> {
  return councilIsEmpty(store);
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

interface Setup {
  personIds: Map<string, number>;
  bodyIds: Map<string, number>;
}

async function loadSetup(db: Queryable, actor: Actor, people: DemoPerson[], roster: Roster, extraClosures: string[]): Promise<Setup> {
  const hods = people.find((p) => p.key === 'officer-hods')!;
  await saveCouncil(db, DEMO_COUNCIL_NAME, 'Example County', {
    extraClosures,
    notices: [
      { heading: 'Webcasting Notice', text: 'Please note: this meeting may be filmed for live or subsequent broadcast via the Council\'s internet site or by any member of the public or press present. The Chairman will confirm if all or part of the meeting is to be filmed by the Council. By entering the meeting room you are consenting to being filmed and to the possible use of those images and sound recordings for webcasting and training purposes.' },
      { heading: 'Refreshments', text: 'Refreshments will be available 15 minutes before the start of the meeting in the Members\' Lounge.' },
    ],
    signatoryName: fullName(hods),
    signatoryTitle: 'Head of Democratic Services',
    contactPhone: '01632 960000',
    address: 'County Hall, Kingsmere KM1 1XQ',
  });
  const groupIds = new Map<string, number>();
  for (const g of GROUPS) groupIds.set(g.key, await ensureGroup(db, g.name, g.shortName));
  const personIds = new Map<string, number>();
  for (const p of people) {
    personIds.set(p.key, await createPerson(db, actor, {
      title: p.title, forenames: p.forenames, initials: p.initials, surname: p.surname, postNominals: p.postNominals, kind: p.kind,
      groupId: p.group ? groupIds.get(p.group)! : null, jobTitle: p.jobTitle, division: p.division, email: p.email, phone: p.phone,
    }));
  }
  const bodyIds = new Map<string, number>();
  for (const b of BODIES) {
    const size = Object.values(b.seats).reduce((s, n) => s + (n ?? 0), 0);
    const id = await createBody(db, actor, { name: b.name, kind: b.kind, size, agendaStyle: b.agendaStyle, purpose: b.purpose });
    bodyIds.set(b.key, id);
    await setSeats(db, actor, id, GROUPS.filter((g) => b.seats[g.key]).map((g) => ({ groupId: groupIds.get(g.key)!, seats: b.seats[g.key]! })));
  }
  for (const m of roster.memberships) {
    await addMembership(db, actor, {
      bodyId: bodyIds.get(m.body)!, personId: personIds.get(m.person)!, role: m.role, groupId: m.group ? groupIds.get(m.group)! : null,
      coOptedCategory: m.coOptedCategory, votingNote: m.votingNote, portfolio: m.portfolio ?? null, startsOn: m.startsOn, endsOn: m.endsOn,
    });
  }
  return { personIds, bodyIds };
}

/** The councillors' registers of interests, with the changes and removals made during the year. */
async function loadInterests(db: Queryable, actor: Actor, personIds: Map<string, number>, interests: DemoInterest[]): Promise<void> {
  for (const e of interests) {
    const personId = personIds.get(e.person)!;
    const id = await addInterest(db, actor, personId, { category: e.category, description: e.description }, e.registeredOn);
    if (e.change) await editInterest(db, actor, personId, id, { category: e.category, description: e.change.description }, e.change.on);
    else if (e.removedOn) await removeInterest(db, actor, personId, id, e.removedOn);
  }
}

interface MeetingEvent {
  kind: 'meeting';
  date: string;
  meeting: PlannedMeeting;
  sections: PlannedSection[];
  previousHeld: PlannedMeeting | null;
  callIn: CabinetMemberEvent | null;
}

interface CabinetMemberEvent {
  kind: 'cabinet-member';
  date: string;
  item: PlannedItem;
  committee: PlannedMeeting;
  dated: boolean;
  /** Filled in when written. */
  decisionId: number | null;
  number: string | null;
  calledIn: boolean;
  /** What the Scrutiny Committee resolved on it when called in: the minute and the recorded outcome both say this. */
  outcome: { outcome: CallInOutcome; comments: string | null } | null;
}

type DemoEvent = MeetingEvent | CabinetMemberEvent;

function featuresFor(m: PlannedMeeting, dated: PlannedMeeting[]): AgendaContext['features'] {
  const f: AgendaContext['features'] = new Set();
  const own = dated.filter((x) => x.body === m.body && x.status !== 'cancelled' && x.status !== 'postponed');
  const nth = own.indexOf(m);
  const pastOwn = own.filter((x) => x.status !== 'agenda-published' && x.status !== 'scheduled');
  if (nth < 0) return f;
  if (m.body.key === 'scrutiny' && nth % 2 === 1) f.add('guests');
  if (m.body.key === 'select') f.add('guests');
  if (m.body.key === 'cabinet' && (m === pastOwn[pastOwn.length - 1] || m.status === 'agenda-published')) f.add('to-follow');
  if (m.body.key === 'cabinet' && nth === 2) f.add('urgent');
  if (m.body.key === 'pandr' && nth === 1) f.add('withdrawn');
  if (m.body.key === 'eandt' && nth === 0) f.add('empty-section');
  return f;
}

export function planEvents(rng: Rng, people: DemoPerson[], roster: Roster, today: string, years: number) {
  const plan = planCalendar(today, years);
  const personMap = new Map(people.map((p) => [p.key, p]));
  const dated = plan.meetings.filter((m) => m.dated);
  const business = planBusiness(plan.meetings, rng.fork('business'), today, plan.calendar);
  const lastHeld = new Map<string, PlannedMeeting>();
  const events: DemoEvent[] = [];
  const cmEvents: CabinetMemberEvent[] = [];
  const scrutiny: MeetingEvent[] = [];
  for (const m of plan.meetings) {
    const hasAgenda = m.publishedOn !== null;
    const previousHeld = lastHeld.get(m.body.key) ?? null;
    const ctx: AgendaContext = {
      meeting: m,
      rng: rng.fork(`${m.body.key}-${m.date}`),
      people: personMap,
      cabinet: roster.cabinet,
      councilName: DEMO_COUNCIL_NAME,
      previousHeld: previousHeld?.date ?? null,
      features: featuresFor(m, dated),
      callIn: null,
      business: business.get(m) ?? null,
    };
    const ev: MeetingEvent = { kind: 'meeting', date: m.date, meeting: m, sections: [], previousHeld: hasAgenda ? previousHeld : null, callIn: null };
    if (hasAgenda) {
      ev.sections = m.body.key === 'scrutiny' ? [] : planAgenda(ctx);
      if (m.body.key === 'scrutiny') scrutiny.push(ev);
    }
    (ev as MeetingEvent & { ctx?: AgendaContext }).ctx = ctx;
    events.push(ev);
    const held = m.date < today && m.status !== 'cancelled' && m.status !== 'postponed';
    if (held) {
      lastHeld.set(m.body.key, m);
      for (const it of ev.sections.flatMap((s) => s.items)) {
        if (!it.proposedDecision || it.withdrawn) continue;
        const takenOn = cabinetMemberDecisionDay(m.date, plan.calendar);
        if (takenOn >= today) continue;
        const cm: CabinetMemberEvent = { kind: 'cabinet-member', date: takenOn, item: it, committee: m, dated: m.dated, decisionId: null, number: null, calledIn: false, outcome: null };
        cmEvents.push(cm);
      }
    }
  }
  // Scrutiny agendas last: every other recent meeting considers a Cabinet Member decision that was called in.
  for (const ev of scrutiny) {
    const ctx = (ev as MeetingEvent & { ctx: AgendaContext }).ctx;
    if (ev.meeting.dated && ev.meeting.date < today && ev.meeting.index % 2 === 0) {
      const candidates = cmEvents.filter((c) => !c.calledIn && c.date <= addDays(ev.date, -10) && c.date >= addDays(ev.date, -60));
      const chosen = candidates[candidates.length - 1];
      if (chosen) {
        chosen.calledIn = true;
        chosen.outcome = callInOutcomeFor(chosen.item);
        ev.callIn = chosen;
        ctx.callIn = { subject: chosen.item.title.replace(/^Proposed decision: /, '') };
      }
    }
    ev.sections = planAgenda(ctx);
  }
  events.push(...cmEvents);
  // Date order; on one day, meetings before the decisions that follow them.
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind === b.kind ? 0 : a.kind === 'meeting' ? -1 : 1));
  return { plan, events, personMap, business };
}

export async function loadDemo(store: Store, options: DemoOptions = {}): Promise<DemoSummary> {
  const years = options.years ?? 1;
  if (!Number.isInteger(years) || years < 1 || years > 30) throw new MootError(`--years must be a whole number from 1 to 30, got ${options.years}`);
  const today = options.today ?? todayIso();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new MootError(`today must be a date in the form YYYY-MM-DD, got "${today}"`);
  const seed = options.seed ?? DEMO_SEED;
  if (!(await isEmpty(store))) {
    if (!options.reset) {
      const council = await getCouncil(store.db);
      throw new MootError(`the database already holds ${council ? `a council ("${council.name}")` : 'meetings or bodies'}; the demonstration council is only loaded into an empty database`, {
        hint: 'Run `moot demo --reset` to delete everything in it and load the demonstration council instead',
      });
    }
    await wipeCouncil(store);
  }
  const actor: Actor = { ...SYSTEM_ACTOR, name: 'demo' };
  const rng = new Rng(seed);
  const people = makePeople(rng.fork('people'));
  const start = planCalendar(today, years).start;
  const roster = makeRoster(rng.fork('roster'), people, start, today);
  const { plan, events, personMap, business } = planEvents(rng.fork('meetings'), people, roster, today, years);
  // Bulk-load transactions: atomic as ever, committed without waiting for PostgreSQL's disk (see bulkLoadTransaction).
  const setup = await bulkLoadTransaction(store, (tx) => loadSetup(tx, actor, people, roster, plan.extraClosures));
  const interests = makeInterests(rng.fork('interests'), people, start, today);
  await bulkLoadTransaction(store, (tx) => loadInterests(tx, actor, setup.personIds, interests));

  const progress = createProgress('Loading the demonstration council', events.length, { quiet: !options.progress });
  const pdfs = new PdfCache();
  const writer = new EventWriter(store, actor, setup, personMap, roster, pdfs, today, plan.calendar);
  for (const ev of events) {
    await bulkLoadTransaction(store, (tx) => (ev.kind === 'meeting' ? writer.meeting(tx, ev) : writer.cabinetMember(tx, ev)));
    for (const o of writer.outcomes.splice(0)) await recordCallInOutcome(store.db, actor, o.callInId, { outcome: o.outcome, notes: o.comments, on: o.on });
    progress.tick(1, ev.date);
  }
  // Minutes the plan has approved without a later meeting in the year to approve them are approved all the same.
  for (const meetingId of writer.awaitingApproval) {
    await bulkLoadTransaction(store, async (tx) => {
      await updateMeetingRow(tx, meetingId, { status: 'minutes-approved' });
      await publishMinutesIn(tx, writer.printedMinutes.get(meetingId)!, meetingId, { publishedAt: `${today}T09:00:00.000Z`, confidentialOnlyIfExempt: true });
    });
  }
  progress.stop();
  // Performance and budget figures, through the same import a council uses, on the Cabinet's items.
  await loadDemoData(store, actor, today, seed);
  // The year's forward plan, its editions published month by month as the decisions are taken (the loader's and
  // the executive cycle's, which takes its own through the clerk's services), to today.
  const hods = personMap.get('officer-hods')!;
  const scrutinyChair = (on: string) => {
    const chair = roster.memberships.find((m) => m.body === 'scrutiny' && m.role === 'chairman' && m.startsOn <= on && (!m.endsOn || m.endsOn >= on));
    return chair ? fullName(personMap.get(chair.person)!) : 'the Chairman of the Scrutiny Committee';
  };
  const schedule = planForwardPlan(events.filter((e): e is MeetingEvent => e.kind === 'meeting'), business, today, plan.end, plan.calendar, rng.fork('forward-plan'));
  const forwardPlan = new DemoForwardPlan(store, { ...actor, name: fullName(hods) }, schedule, { cabinet: setup.bodyIds.get('cabinet')!, personIds: setup.personIds }, personMap, roster,
    writer.decisionIds, scrutinyChair, plan.calendar);
  await loadDemoCycle(store, actor, setup, personMap, roster, today, plan.calendar, forwardPlan);
  await forwardPlan.finish();
  await recordLoad(store, actor, `Loaded the demonstration council (${years} year${years > 1 ? 's' : ''} to ${plan.end}, seed ${seed})`);
  // Search finds the demo council from the start.
  if (options.index !== false) {
    const indexing = createProgress('Indexing for search', 0, { quiet: !options.progress });
    await rebuildSearchIndex(store, { progress: indexing });
    indexing.stop();
  }
  return summarise(store, pdfs, plan.start, plan.end);
}

async function summarise(store: Store, pdfs: PdfCache, from: string, to: string): Promise<DemoSummary> {
  // Rows in the council's record tables (user accounts and sessions are not council data and survive a reset).
  const n = await countCouncilRecords(store, ['body', 'person', 'meeting', 'document', 'minute', 'decision']);
  return {
    bodies: n.body,
    people: n.person,
    meetings: n.meeting,
    documents: n.document,
    minutes: n.minute,
    decisions: n.decision,
    rows: n.rows,
    pdfsRendered: pdfs.rendered,
    pdfsReused: pdfs.reused,
    from,
    to,
  };
}

/** Writes one event (a meeting, or a Cabinet Member's decision) inside the transaction it is given. */
class EventWriter {
  readonly #meetingIds = new Map<PlannedMeeting, number>();
  /** Meetings whose minutes were printed, and by which clerk. */
  readonly printedMinutes = new Map<number, Actor>();
  /** Meetings whose printed minutes are still the draft though the plan has them approved. */
  readonly awaitingApproval = new Set<number>();
  /** Each decision recorded, by the item it decided (the Cabinet Committee's item, for a Cabinet Member's decision). */
  readonly decisionIds = new Map<PlannedItem, number>();

  constructor(
    readonly store: Store,
    readonly actor: Actor,
    readonly setup: Setup,
    readonly people: Map<string, DemoPerson>,
    readonly roster: Roster,
    readonly pdfs: PdfCache,
    readonly today: string,
    readonly calendar: ReturnType<typeof planCalendar>['calendar'],
  ) {}

  #pdfDocument(db: Queryable, d: Omit<PrintedPaper, 'authorPersonId'> & { author: string | null }) {
    const { author, ...paper } = d;
    return filePrintedPaper(db, this.actor, (title, blocks) => this.pdfs.render(title, blocks), { ...paper, authorPersonId: author ? this.setup.personIds.get(author) ?? null : null });
  }

  async meeting(db: Queryable, ev: MeetingEvent): Promise<void> {
    const m = ev.meeting;
    const body = m.body;
    const clerk = this.people.get(body.clerk)!;
    const hods = this.people.get('officer-hods')!;
    const held = m.date < this.today && m.status !== 'cancelled' && m.status !== 'postponed';
    const items = ev.sections.flatMap((s) => s.items);
    if (ev.callIn?.number) {
      const callInItem = items.find((i) => i.kind === 'call-in');
      if (callInItem) callInItem.title = `Call-in: Decision ${ev.callIn.number} - ${ev.callIn.item.title.replace(/^Proposed decision: /, '')}`;
    }
    const created = await createMeeting(db, this.actor, {
      bodyId: this.setup.bodyIds.get(body.key)!,
      date: m.date,
      time: body.time,
      venue: body.venue,
      status: m.status,
      statusReason: m.statusReason,
      webcastUrl: held && body.kind !== 'cabinet-member' ? `https://webcasts.${DEMO_DOMAIN}/${m.date}-${body.key}` : null,
      contacts: [{ name: fullName(clerk), phone: clerk.phone, email: clerk.email }],
      signatoryName: m.publishedOn ? fullName(hods) : null,
      signatoryTitle: m.publishedOn ? 'Head of Democratic Services' : null,
      publishedOn: m.publishedOn,
      sections: ev.sections.map((s) => ({
        letter: s.letter,
        title: s.title,
        exempt: s.exempt,
        items: s.items.map((it) => ({
          code: it.code, title: it.title, purpose: it.purpose, presenters: it.presenters, guests: it.guests, toFollow: it.toFollow,
          withdrawn: it.withdrawn, urgentReason: it.urgentReason, exempt: it.exempt, exemptParagraphs: it.exemptParagraphs,
          publicInterestReason: it.publicInterestReason,
        })),
      })),
    }, { audit: false });
    this.#meetingIds.set(m, created.id);
    const itemIds = new Map<PlannedItem, number>();
    items.forEach((it, i) => itemIds.set(it, created.items[i].id));
    const clerkActor: Actor = { ...this.actor, name: fullName(clerk) };

    const addPapers = async (it: PlannedItem) => {
      let position = 0;
      for (const paper of it.papers) {
        const blocks = paper.report ? reportBlocks(paper.report, DEMO_COUNCIL_NAME) : appendixBlocks(paper.title, paper.appendix ?? []);
        await this.#pdfDocument(db, {
          meetingId: created.id, itemId: itemIds.get(it)!, kind: paper.kind, title: paper.title, exempt: paper.exemptParagraphs, blocks,
          structured: paper.report ?? undefined, author: paper.author, position: position++,
        });
      }
    };
    // The agenda is published as a clerk publishes it: the packs are built from the papers then in, on the day.
    for (const it of items) if (!it.toFollow) await addPapers(it);
    if (m.publishedOn && m.dated) {
      await publishAgendaIn(db, clerkActor, created.id, { publishedOn: m.publishedOn, publishedAt: `${m.publishedOn}T16:00:00.000Z`, index: false, lateReason: null, confidentialOnlyIfExempt: true });
    } else if (m.publishedOn) {
      // The older archive records who published when, without rebuilding years of packs.
      await updateMeetingRow(db, created.id, { agenda_published_at: `${m.publishedOn}T16:00:00.000Z`, agenda_published_by: fullName(clerk) });
    }
    // A "to follow" paper exists only once the meeting has been held: it came in a supplementary pack.
    const toFollow = items.filter((it) => it.toFollow && !it.withdrawn && it.papers.length);
    if (held) for (const it of toFollow) await addPapers(it);
    if (held && toFollow.length && m.dated && m.publishedOn) {
      const on = this.calendar.addWorkingDays(m.date, -2) > m.publishedOn ? this.calendar.addWorkingDays(m.date, -2) : m.publishedOn;
      await publishSupplementaryIn(db, clerkActor, created.id, toFollow.map((it) => it.code), {
        publishedOn: on, publishedAt: `${on}T12:00:00.000Z`, index: false,
        lateReason: 'The report was not available when the agenda was published: it awaited the outcome of the budget monitoring exercise.',
      });
    } else if (held && toFollow.length) {
      await clearToFollow(db, created.id, toFollow.map((it) => it.code));
    }
    if (!held) return;

    const withMinutes = m.status !== 'held';
    const proceedings = makeProceedings({
      meeting: m, rng: new Rng(hashOf(`${body.key}|${m.date}`)), people: this.people, personIds: this.setup.personIds, roster: this.roster,
      sections: ev.sections, itemIds, previousHeld: ev.previousHeld?.date ?? null, withMinutes,
      callIn: ev.callIn?.number && ev.callIn.outcome ? { number: ev.callIn.number, ...ev.callIn.outcome } : null,
    });
    await recordAttendance(db, this.actor, created.id, proceedings.attendance, { audit: false });
    if (proceedings.declarations.length) await recordDeclarations(db, this.actor, created.id, proceedings.declarations, { audit: false });
    if (withMinutes) {
      await recordMinutes(db, this.actor, created.id, proceedings.minutes, { audit: false });
      if (m.dated) {
        // Printed as draft minutes a week after the meeting; minutes that are approved are printed once, as approved,
        // when the next meeting approves them (a clerk's draft print in between would change nothing a user sees).
        this.printedMinutes.set(created.id, clerkActor);
        if (m.status === 'minutes-approved') {
          await updateMeetingRow(db, created.id, { status: 'minutes-drafted' });
          this.awaitingApproval.add(created.id);
        } else if (m.status === 'minutes-drafted') {
          const on = this.calendar.addWorkingDays(m.date, 5);
          await publishMinutesIn(db, clerkActor, created.id, { publishedAt: `${on < this.today ? on : this.today}T12:00:00.000Z`, confidentialOnlyIfExempt: true });
        }
      }
    }
    // This meeting approved the minutes of the previous one.
    const previous = ev.previousHeld ? this.#meetingIds.get(ev.previousHeld) : undefined;
    if (previous !== undefined && items.some((i) => i.kind === 'minutes')) {
      await updateMeetingRow(db, previous, { status: 'minutes-approved', minutes_approved_at_meeting_id: created.id });
      this.awaitingApproval.delete(previous);
      const by = this.printedMinutes.get(previous);
      if (by) await publishMinutesIn(db, by, previous, { publishedAt: `${m.date}T15:00:00.000Z`, confidentialOnlyIfExempt: true });
    }

    for (const it of items) {
      if (!it.decides || it.withdrawn) continue;
      const draft = decisionFromItem(it, body.name, m.date, this.calendar);
      const d = await this.#decision(db, draft, { meetingId: created.id, itemId: itemIds.get(it)!, bodyId: this.setup.bodyIds.get(body.key)!, dated: m.dated });
      this.decisionIds.set(it, d.id);
    }
    if (ev.callIn?.decisionId && ev.callIn.outcome) {
      // A valid call-in on this meeting's agenda; the Committee's outcome is recorded through the clerk's service once
      // the meeting is written (recordCallInOutcomes), from the same plan its minute was written from.
      const chair = this.roster.memberships.find((x) => x.body === 'scrutiny' && x.role === 'chairman')!;
      const requestedOn = this.calendar.addWorkingDays(ev.callIn.date, 2);
      const callInItem = items.find((i) => i.kind === 'call-in');
      await updateDecisionRow(db, ev.callIn.decisionId, { status: 'called-in' });
      const id = await insertCallIn(db, {
        decision_id: ev.callIn.decisionId,
        requested_by: `${printedName(this.people.get(chair.person)!)} and two other Members of the Scrutiny Committee`,
        requested_on: requestedOn,
        valid_on: requestedOn,
        reasons: callInReasons(ev.callIn.item),
        status: 'valid',
        considered_at_meeting_id: created.id,
        agenda_item_id: callInItem ? itemIds.get(callInItem) ?? null : null,
      });
      if (held) this.outcomes.push({ callInId: id, on: m.date, ...ev.callIn.outcome });
    }
  }

  /** Call-in outcomes decided at meetings written so far, to record through the clerk's service (outside the meeting's transaction). */
  readonly outcomes: { callInId: number; on: string; outcome: CallInOutcome; comments: string | null }[] = [];

  async cabinetMember(db: Queryable, ev: CabinetMemberEvent): Promise<void> {
    const draft = cabinetMemberDecision(ev.item, ev.committee.body.name, ev.committee.date, ev.date, this.calendar, this.roster.cabinet);
    const d = await this.#decision(db, draft, { meetingId: null, itemId: null, bodyId: null, dated: ev.dated });
    ev.decisionId = d.id;
    ev.number = d.number;
    this.decisionIds.set(ev.item, d.id);
  }

  async #decision(db: Queryable, draft: DecisionDraft, link: { meetingId: number | null; itemId: number | null; bodyId: number | null; dated: boolean }) {
    const { takerPersonKey, ...rest } = draft;
    const d = await createDecision(db, this.actor, {
      ...rest,
      meetingId: link.meetingId,
      agendaItemId: link.itemId,
      takerBodyId: link.bodyId,
      takerPersonId: takerPersonKey ? this.setup.personIds.get(takerPersonKey) ?? null : null,
    }, { audit: false });
    // The printed Record of Decision, for the recent year (the older archive keeps decisions as data only).
    if (link.dated) {
      const taker = takerPersonKey ? printedName(this.people.get(takerPersonKey)!) : null;
      await this.#pdfDocument(db, { ...printedRecord(d.number, rest, taker, link), author: null });
    }
    return d;
  }
}

function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** What the Scrutiny Committee made of a called-in decision: comments drawn from its own report, the decision standing (b). */
function callInOutcomeFor(it: PlannedItem): { outcome: CallInOutcome; comments: string } {
  const subject = lowerFirst(it.title.replace(/^Proposed decision: /, ''));
  const risk = it.topic?.facts?.risks[0];
  return {
    outcome: 'b',
    comments: risk
      ? `Members asked that the Cabinet Member report to the Committee within six months on how the risk that ${lowerFirst(risk).replace(/\.$/, '')} is being managed, and that the costs of the alternatives to ${subject} be published.`
      : `Members asked that the Cabinet Member report to the Committee within six months on the effect of the decision on ${subject}.`,
  };
}

/** Why Members called in a Cabinet Member's decision: the concerns its own report raised. */
function callInReasons(it: PlannedItem): string {
  const risk = it.topic?.facts?.risks[0];
  const subject = it.title.replace(/^Proposed decision: /, '');
  return risk
    ? `Members were not satisfied that the decision on ${lowerFirst(subject)} had taken account of the risk that ${lowerFirst(risk)}, and asked to see the alternatives costed.`
    : `Members wished to examine the evidence for the decision on ${lowerFirst(subject)} and the alternatives considered.`;
}
