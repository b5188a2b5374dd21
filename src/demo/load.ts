// Loads Example County Council into the store: settings, people, bodies and memberships in one transaction, then
// every meeting (agenda, papers, attendance, minutes, decisions) in a transaction of its own, in date order.
import { addDays } from '../domain/dates.js';
import { SYSTEM_ACTOR, type Actor } from '../domain/types.js';
import { MootError } from '../errors.js';
import { createProgress } from '../progress.js';
import {
  addInterest, addMembership, editInterest, removeInterest, clearToFollow, councilIsEmpty, countCouncilRecords, createBody, createDecision, createMeeting, createPerson, ensureGroup, getCouncil,
  bulkLoadSession, rebuildSearchIndex, transaction, recordAttendance, recordDeclarations, recordLoad, recordMinutes, saveCouncil, setSeats,
  updateMeetingRow, wipeCouncil, type Queryable, type Store,
} from '../services/seed.js';
import { planAgenda, type AgendaContext, type PlannedItem, type PlannedSection } from './agenda.js';
import { BODIES } from './bodies.js';
import { callInCutoff, callInMeeting, planCalendar, type PlannedMeeting } from './calendar.js';
import { cabinetMemberDecision, cabinetMemberSubject, decisionFromItem, printedRecord, type DecisionDraft } from './decisions.js';
import { filePrintedPapers, type PrintedPaper } from './documents.js';
import { makeProceedings } from './minutes.js';
import { fullName, GROUPS, makePeople, printedName, type DemoPerson } from './people.js';
import { PdfCache } from './pdf.js';
import { Rng } from './random.js';
import { appendixBlocks, reportBlocks } from './reports.js';
import { DEMO_COUNCIL_NAME, lowerFirst } from './wording.js';
import { DEMO_DOMAIN } from './identity.js';
import { callInSigners, makeRoster, type Roster } from './roster.js';
import { makeInterests, type DemoInterest } from './interests.js';
import { CYCLE_CALL_INS, cycleCallInDay, startDemoCycle } from './cycle.js';
import { DemoClock } from './clock.js';
import { cabinetMemberDecisionDay, DemoForwardPlan, planForwardPlan } from './forwardplan.js';
import { loadDemoData } from './data.js';
import { cycleCabinetDates, planBusiness } from './yearplan.js';
import { publishAgendaIn, publishMinutesIn, publishSupplementaryIn } from '../services/publication/publish.js';
import { loadAgenda } from '../services/agenda.js';
import { callInsWithSignatories, placeOnScrutinyAgenda, recordCallInOutcome, requestCallIn } from '../services/executive/call-ins.js';
import type { CallInOutcome } from '../domain/executive.js';

export { DEMO_COUNCIL_NAME };

/** A paper the loader prints, by its author's key. */
type LoaderPaper = Omit<PrintedPaper, 'authorPersonId'> & { author: string | null };
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
      { heading: 'Webcasting Notice', text: 'Please note: this meeting may be filmed for live or subsequent broadcast via the Council\'s internet site or by any member of the public or press present. The person chairing the meeting (the Leader at Cabinet) will confirm if all or part of the meeting is to be filmed by the Council. By entering the meeting room you are consenting to being filmed and to the possible use of those images and sound recordings for webcasting and training purposes.' },
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
  /** The decisions called in to this (scrutiny) meeting, in the order they were called in. */
  callIns: PlannedCallIn[];
}

/** A decision called in, by its subject, and what the Scrutiny Committee resolved on it (held meetings only). */
interface PlannedCallIn {
  subject: string;
  outcome: { outcome: CallInOutcome; comments: string | null } | null;
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
}

/** Members of the Scrutiny Committee call in a Cabinet Member's decision, through the call-in service. */
interface CallInEvent {
  kind: 'call-in';
  date: string;
  decision: CabinetMemberEvent;
}

/** A call-in put on a meeting's agenda: its decision's number and what the Committee resolved. */
interface PlacedCallIn {
  callInId: number;
  number: string;
  outcome: PlannedCallIn['outcome'];
}

type DemoEvent = MeetingEvent | CabinetMemberEvent | CallInEvent;
const EVENT_RANK: Record<DemoEvent['kind'], number> = { meeting: 0, 'cabinet-member': 1, 'call-in': 2 };
/** The day Members call in a Cabinet Member's decision: the second working day after it was taken. */
const cabinetMemberCallInDay = (c: CabinetMemberEvent, cal: WorkingCalendarOf) => cal.addWorkingDays(c.date, 2);
type WorkingCalendarOf = ReturnType<typeof planCalendar>['calendar'];

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
      callIns: [],
      business: business.get(m) ?? null,
    };
    const ev: MeetingEvent = { kind: 'meeting', date: m.date, meeting: m, sections: [], previousHeld: hasAgenda ? previousHeld : null, callIns: [] };
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
        const cm: CabinetMemberEvent = { kind: 'cabinet-member', date: takenOn, item: it, committee: m, dated: m.dated, decisionId: null, number: null, calledIn: false };
        cmEvents.push(cm);
      }
    }
  }
  // Scrutiny agendas last. Each considers the decisions called in since the last one's agenda went out (the clerk
  // puts them on the next agenda still to be published, callInMeeting): every other recent meeting a Cabinet
  // Member's decision, and the executive cycle's two Cabinet decisions (cycle.ts) where they fall.
  const cycleDates = cycleCabinetDates(plan.meetings.filter((m) => m.body.key === 'cabinet' && m.status !== 'cancelled' && m.status !== 'postponed').map((m) => m.date), today, plan.calendar);
  const cycleCalls = cycleDates ? CYCLE_CALL_INS.map((c) => ({ ...c, day: cycleCallInDay(cycleDates[c.meeting], plan.calendar) })) : [];
  const callInEvents: CallInEvent[] = [];
  let previousCutoff = '';
  for (const ev of scrutiny) {
    const ctx = (ev as MeetingEvent & { ctx: AgendaContext }).ctx;
    const cutoff = callInCutoff(ev.meeting);
    const live = ev.meeting.status !== 'cancelled' && ev.meeting.status !== 'postponed';
    const held = live && ev.meeting.date < today;
    const calls: (PlannedCallIn & { day: string })[] = [];
    if (live && ev.meeting.dated && held && ev.meeting.index % 2 === 0) {
      const candidates = cmEvents.filter((c) => !c.calledIn && c.date >= addDays(ev.date, -60) && cabinetMemberCallInDay(c, plan.calendar) > previousCutoff && cabinetMemberCallInDay(c, plan.calendar) <= cutoff);
      const chosen = candidates[candidates.length - 1];
      if (chosen) {
        chosen.calledIn = true;
        const day = cabinetMemberCallInDay(chosen, plan.calendar);
        callInEvents.push({ kind: 'call-in', date: day, decision: chosen });
        calls.push({ subject: cabinetMemberSubject(chosen.item), outcome: callInOutcomeFor(chosen.item), day });
      }
    }
    for (const c of cycleCalls) {
      if (live && callInMeeting(c.day, plan.meetings) === ev.meeting) calls.push({ subject: c.subject, outcome: held ? { outcome: c.outcome, comments: c.comments } : null, day: c.day });
    }
    if (live) previousCutoff = cutoff;
    calls.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    ev.callIns = calls.map(({ subject, outcome }) => ({ subject, outcome: held ? outcome : null }));
    ctx.callIns = calls.map((c) => c.subject);
    ev.sections = planAgenda(ctx);
  }
  events.push(...cmEvents, ...callInEvents);
  // Date order; on one day, meetings before the decisions that follow them, and decisions before call-ins.
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : EVENT_RANK[a.kind] - EVENT_RANK[b.kind]));
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
  const pdfs = new PdfCache();
  // The whole load in one bulk-load session: its transactions, and the services it calls, atomic as ever and
  // committed without waiting for PostgreSQL's disk, on one connection (see bulkLoadSession).
  await bulkLoadSession(store, (session) => loadEvents(session, actor, { today, years, seed, options, rng, people, roster, start, plan, events, personMap, business, pdfs }));
  // Search finds the demo council from the start.
  if (options.index !== false) {
    const indexing = createProgress('Indexing for search', 0, { quiet: !options.progress });
    await rebuildSearchIndex(store, { progress: indexing });
    indexing.stop();
  }
  return summarise(store, pdfs, plan.start, plan.end);
}

interface LoadPlan {
  today: string;
  years: number;
  seed: number;
  options: DemoOptions;
  rng: Rng;
  people: DemoPerson[];
  roster: Roster;
  start: string;
  plan: ReturnType<typeof planEvents>['plan'];
  events: DemoEvent[];
  personMap: Map<string, DemoPerson>;
  business: ReturnType<typeof planEvents>['business'];
  pdfs: PdfCache;
}

async function loadEvents(store: Store, actor: Actor, { today, years, seed, options, rng, people, roster, start, plan, events, personMap, business, pdfs }: LoadPlan): Promise<void> {
  const setup = await transaction(store.db, (tx) => loadSetup(tx, actor, people, roster, plan.extraClosures));
  const interests = makeInterests(rng.fork('interests'), people, start, today);
  await transaction(store.db, (tx) => loadInterests(tx, actor, setup.personIds, interests));

  const writer = new EventWriter(store, actor, setup, personMap, roster, pdfs, today, plan.calendar);
  // The year's forward plan, its editions published month by month as the decisions are taken (the loader's and
  // the executive cycle's, which takes its own through the clerk's services), kept in step with the events.
  const hods = personMap.get('officer-hods')!;
  const scrutinyChair = (on: string) => {
    const chair = roster.memberships.find((m) => m.body === 'scrutiny' && m.role === 'chairman' && m.startsOn <= on && (!m.endsOn || m.endsOn >= on));
    return chair ? fullName(personMap.get(chair.person)!) : 'the Chairman of the Scrutiny Committee';
  };
  const schedule = planForwardPlan(events.filter((e): e is MeetingEvent => e.kind === 'meeting'), business, { start: plan.start, today, end: plan.end }, plan.calendar, rng.fork('forward-plan'));
  const forwardPlan = new DemoForwardPlan(store, { ...actor, name: fullName(hods) }, schedule, { cabinet: setup.bodyIds.get('cabinet')!, personIds: setup.personIds }, personMap, roster,
    writer.decisionIds, scrutinyChair, plan.calendar);
  // The executive cycle's steps wait on the clock for their days, so that they happen in date order among the events.
  const clock = new DemoClock();
  await startDemoCycle(store, actor, setup, personMap, roster, today, plan.calendar, forwardPlan, clock, plan.meetings, plan.end);

  const progress = createProgress('Loading the demonstration council', events.length, { quiet: !options.progress });
  for (const ev of events) {
    await clock.advance(addDays(ev.date, -1));
    await forwardPlan.advanceTo(ev.date);
    if (ev.kind === 'call-in') await writer.callIn(ev);
    else await transaction(store.db, (tx) => (ev.kind === 'meeting' ? writer.meeting(tx, ev) : writer.cabinetMember(tx, ev)));
    // The Scrutiny Committee's outcomes on the call-ins it considered, through the clerk's service.
    for (const o of writer.outcomes.splice(0)) await recordCallInOutcome(store.db, actor, o.callInId, { outcome: o.outcome, notes: o.comments, on: o.on });
    progress.tick(1, ev.date);
  }
  await clock.advance(plan.end);
  // Minutes the plan has approved without a later meeting in the year to approve them are approved all the same.
  for (const meetingId of writer.awaitingApproval) {
    await transaction(store.db, async (tx) => {
      await updateMeetingRow(tx, meetingId, { status: 'minutes-approved' });
      await publishMinutesIn(tx, writer.printedMinutes.get(meetingId)!, meetingId, { publishedAt: `${today}T09:00:00.000Z`, confidentialOnlyIfExempt: true });
    });
  }
  progress.stop();
  // Performance and budget figures, through the same import a council uses, on the Cabinet's items.
  await loadDemoData(store, actor, today, seed);
  await forwardPlan.finish();
  await recordLoad(store, actor, `Loaded the demonstration council (${years} year${years > 1 ? 's' : ''} to ${plan.end}, seed ${seed})`);
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

  /** Prints papers and files them together, in order (one batch of statements: filePrintedPapers). */
  #pdfDocuments(db: Queryable, papers: LoaderPaper[]) {
    return filePrintedPapers(db, this.actor, (title, blocks) => this.pdfs.render(title, blocks),
      papers.map(({ author, ...paper }) => ({ ...paper, authorPersonId: author ? this.setup.personIds.get(author) ?? null : null })));
  }

  async meeting(db: Queryable, ev: MeetingEvent): Promise<void> {
    const m = ev.meeting;
    const body = m.body;
    const clerk = this.people.get(body.clerk)!;
    const hods = this.people.get('officer-hods')!;
    const held = m.date < this.today && m.status !== 'cancelled' && m.status !== 'postponed';
    // The called-in decisions are put on the agenda by the clerk through the call-in service, once the meeting is in.
    const planned = ev.sections.flatMap((s) => s.items);
    const calledIn = planned.filter((i) => i.kind === 'call-in');
    const created = await createMeeting(db, this.actor, {
      bodyId: this.setup.bodyIds.get(body.key)!,
      date: m.date,
      time: body.time,
      venue: body.venue,
      status: calledIn.length ? 'scheduled' : m.status,
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
        items: s.items.filter((it) => it.kind !== 'call-in').map((it) => ({
          code: it.code, title: it.title, purpose: it.purpose, presenters: it.presenters, guests: it.guests, toFollow: it.toFollow,
          withdrawn: it.withdrawn, urgentReason: it.urgentReason, exempt: it.exempt, exemptParagraphs: it.exemptParagraphs,
          publicInterestReason: it.publicInterestReason,
        })),
      })),
    }, { audit: false });
    this.#meetingIds.set(m, created.id);
    const itemIds = new Map<PlannedItem, number>();
    planned.filter((it) => it.kind !== 'call-in').forEach((it, i) => itemIds.set(it, created.items[i].id));
    const clerkActor: Actor = { ...this.actor, name: fullName(clerk) };
    const callIns = calledIn.length ? await this.#placeCallIns(db, created.id, m, ev, calledIn, itemIds) : new Map<PlannedItem, PlacedCallIn>();
    // A call-in the plan expected but no valid request made (it cannot happen in the demo's year): no item, no minute.
    if (calledIn.some((it) => !callIns.has(it))) for (const s of ev.sections) s.items = s.items.filter((it) => it.kind !== 'call-in' || callIns.has(it));
    const items = ev.sections.flatMap((s) => s.items);

    // The items' papers, filed item by item in order.
    const addPapers = (of: PlannedItem[]) => this.#pdfDocuments(db, of.flatMap((it) => it.papers.map((paper, position) => ({
      meetingId: created.id, itemId: itemIds.get(it)!, kind: paper.kind, title: paper.title, exempt: paper.exemptParagraphs,
      blocks: paper.report ? reportBlocks(paper.report, DEMO_COUNCIL_NAME) : appendixBlocks(paper.title, paper.appendix ?? []),
      structured: paper.report ?? undefined, author: paper.author, position,
    }))));
    // The agenda is published as a clerk publishes it: the packs are built from the papers then in, on the day.
    await addPapers(items.filter((it) => !it.toFollow));
    if (m.publishedOn && m.dated) {
      await publishAgendaIn(db, clerkActor, created.id, { publishedOn: m.publishedOn, publishedAt: `${m.publishedOn}T16:00:00.000Z`, index: false, lateReason: null, confidentialOnlyIfExempt: true });
    } else if (m.publishedOn) {
      // The older archive records who published when, without rebuilding years of packs.
      await updateMeetingRow(db, created.id, { agenda_published_at: `${m.publishedOn}T16:00:00.000Z`, agenda_published_by: fullName(clerk) });
    }
    // Its agenda settled and published, the meeting takes the status the plan gives it.
    if (calledIn.length) await updateMeetingRow(db, created.id, { status: m.status });
    // A "to follow" paper exists only once the meeting has been held: it came in a supplementary pack.
    const toFollow = items.filter((it) => it.toFollow && !it.withdrawn && it.papers.length);
    if (held) await addPapers(toFollow);
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
      callIns: new Map([...callIns].flatMap(([it, c]) => (c.outcome ? [[it, { number: c.number, ...c.outcome }] as const] : []))),
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

    const records: LoaderPaper[] = [];
    for (const it of items) {
      if (!it.decides || it.withdrawn) continue;
      const draft = decisionFromItem(it, body.name, m.date, this.calendar);
      const d = await this.#decision(db, draft, { meetingId: created.id, itemId: itemIds.get(it)!, bodyId: this.setup.bodyIds.get(body.key)!, dated: m.dated });
      this.decisionIds.set(it, d.id);
      if (d.record) records.push(d.record);
    }
    // Their printed Records of Decision, filed together after the decisions.
    await this.#pdfDocuments(db, records);
    // The Committee's resolution on each call-in, as minuted, is recorded as its outcome (after this transaction).
    for (const c of callIns.values()) if (c.outcome) this.outcomes.push({ callInId: c.callInId, on: m.date, ...c.outcome });
  }

  /**
   * The clerk puts the valid call-ins made since the last agenda went out on this meeting's agenda, through the
   * call-in service (audited), in the order they were made: each is matched to the item the plan gave it.
   */
  async #placeCallIns(db: Queryable, meetingId: number, m: PlannedMeeting, ev: MeetingEvent, calledIn: PlannedItem[], itemIds: Map<PlannedItem, number>) {
    const placed = new Map<PlannedItem, PlacedCallIn>();
    const awaiting = (await callInsWithSignatories(db, { statuses: ['valid'] }))
      .filter((c) => c.agenda_item_id === null && (c.valid_on ?? c.requested_on) <= callInCutoff(m))
      .sort((a, b) => ((a.valid_on ?? '') < (b.valid_on ?? '') ? -1 : (a.valid_on ?? '') > (b.valid_on ?? '') ? 1 : a.id - b.id));
    for (const c of awaiting) {
      const it = calledIn.find((i) => i.calledIn === c.decision_subject && !placed.has(i));
      if (!it) continue;
      await placeOnScrutinyAgenda(db, this.actor, c.id, null, m.date, meetingId);
      const row = (await callInsWithSignatories(db, { decisionId: c.decision_id })).find((x) => x.id === c.id)!;
      itemIds.set(it, row.agenda_item_id!);
      // The item reads as the service titled it ("Decision 26/00011 – …"), in the minutes too.
      it.title = (await loadAgenda(db, meetingId)).flatMap((s) => s.items).find((x) => x.id === row.agenda_item_id)?.title ?? it.title;
      placed.set(it, { callInId: c.id, number: c.decision_number, outcome: ev.callIns.find((p) => p.subject === c.decision_subject)?.outcome ?? null });
    }
    return placed;
  }

  /** Members of the Scrutiny Committee sign a call-in of a Cabinet Member's decision on the day, through the call-in service. */
  async callIn(ev: CallInEvent): Promise<void> {
    const decisionId = ev.decision.decisionId;
    if (decisionId === null) return;
    const signers = callInSigners(this.roster, ev.date).slice(0, 3);
    for (const [i, key] of signers.entries()) {
      await requestCallIn(this.store.db, this.actor, { decisionId, personId: this.setup.personIds.get(key)!, reasons: i === 0 ? callInReasons(ev.decision.item) : null, on: ev.date });
    }
  }

  /** Call-in outcomes decided at meetings written so far, to record through the clerk's service (outside the meeting's transaction). */
  readonly outcomes: { callInId: number; on: string; outcome: CallInOutcome; comments: string | null }[] = [];

  async cabinetMember(db: Queryable, ev: CabinetMemberEvent): Promise<void> {
    const draft = cabinetMemberDecision(ev.item, ev.committee.body.name, ev.committee.date, ev.date, this.calendar, this.roster.cabinet);
    const d = await this.#decision(db, draft, { meetingId: null, itemId: null, bodyId: null, dated: ev.dated });
    if (d.record) await this.#pdfDocuments(db, [d.record]);
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
    // The printed Record of Decision, for the recent year (the older archive keeps decisions as data only): the
    // caller files it.
    const record: LoaderPaper | null = link.dated
      ? { ...printedRecord(d.number, rest, takerPersonKey ? printedName(this.people.get(takerPersonKey)!) : null, link), author: null } : null;
    return { ...d, record };
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
