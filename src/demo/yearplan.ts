// Which business each meeting takes, planned for every body a council year (May to April) at a time: standing
// items at every meeting, seasonal business in its season, the rest of the year's business spread over the
// meetings, each item once a year; and the items the year's executive cycle decides (cycle.ts) on the Cabinet
// meetings that take those decisions, so a topic runs from the forward plan to its report, decision and follow-up.
import type { WorkingCalendar } from '../domain/calendar.js';
import { addDays } from '../domain/dates.js';
import type { PlannedMeeting } from './calendar.js';
import type { Rng } from './random.js';
import { EXEMPT_TOPICS, TOPICS, type ExemptTopic, type Topic } from './topics.js';

export interface MeetingBusiness {
  topics: Topic[];
  exempt: ExemptTopic[];
  /** Topics whose decision the executive cycle takes (and records) rather than the meeting's own minutes. */
  cycleDecided: Set<string>;
}

/** The council year a date falls in: from May (the annual meeting) to the following April. */
export function councilYear(date: string): number {
  const y = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 5 ? y : y - 1;
}

/**
 * The three Cabinet meetings of the year's executive cycle: the first far enough into the year for 28 clear days'
 * notice in the first forward plan edition, and early enough for a call-in and its outcome before today.
 */
export function cycleCabinetDates(cabinetDates: readonly string[], today: string, cal: WorkingCalendar): [string, string, string] | null {
  const yearAgo = addDays(today, -365);
  const firstEdition = cal.addWorkingDays(yearAgo, 5);
  const usable = cabinetDates.filter((d) => d >= yearAgo && d < today && d > addDays(firstEdition, 35) && d < addDays(today, -40));
  if (usable.length < 3) return null;
  return [usable[0], usable[1], usable[Math.min(usable.length - 1, 3)]];
}

/**
 * The cycle's decisions given notice on the forward plan (forwardplan.ts): the Household Support Fund is not, as the
 * Government announced it too late (the year's general exception); the contract's exempt report is part of its award.
 */
export const CYCLE_NOTICED: ReadonlySet<string> = new Set(['school-transport', 'highways-contract-report', 'depot']);

/** How many items of the year's business (besides standing items) a meeting takes at most. */
const CAPACITY: Record<string, number> = { cabinet: 3, council: 2, scrutiny: 2, pandr: 2, eandt: 2, parenting: 2, audit: 3, select: 2 };

const month = (date: string) => Number(date.slice(5, 7));

export function planBusiness(meetings: readonly PlannedMeeting[], rng: Rng, today: string, cal: WorkingCalendar): Map<PlannedMeeting, MeetingBusiness> {
  const out = new Map<PlannedMeeting, MeetingBusiness>();
  const live = meetings.filter((m) => m.status !== 'cancelled' && m.status !== 'postponed');
  for (const m of live) out.set(m, { topics: [], exempt: [], cycleDecided: new Set() });

  // The executive cycle's Cabinet meetings carry its items.
  const cabinet = live.filter((m) => m.body.key === 'cabinet');
  const cycle = cycleCabinetDates(cabinet.map((m) => m.date), today, cal);
  const placed = new Map<string, { topics: string[]; exempt: string[] }>();
  if (cycle) {
    placed.set(cycle[0], { topics: ['school-transport'], exempt: [] });
    placed.set(cycle[1], { topics: ['highways-contract-report'], exempt: ['highways-contract', 'depot'] });
    placed.set(cycle[2], { topics: ['household-support'], exempt: [] });
  }

  for (const [bodyKey, all] of Object.entries(TOPICS)) {
    if (bodyKey === 'planning') continue; // applications are drawn per meeting (agenda.ts)
    const own = live.filter((m) => m.body.key === bodyKey);
    const years = new Map<number, PlannedMeeting[]>();
    for (const m of own) years.set(councilYear(m.date), [...(years.get(councilYear(m.date)) ?? []), m]);
    const standing = all.filter((t) => t.recurring);
    const yearly = all.filter((t) => !t.recurring && !t.placed);
    const exempts = EXEMPT_TOPICS.filter((e) => e.body === bodyKey && !(bodyKey === 'cabinet'));
    const cap = CAPACITY[bodyKey] ?? 2;
    const take = (m: PlannedMeeting) => out.get(m)!;
    const extra = (m: PlannedMeeting) => take(m).topics.filter((t) => !t.recurring).length;
    for (const m of own) {
      for (const t of standing) if (!t.months || t.months.includes(month(m.date))) take(m).topics.push(t);
      const p = m.body.key === 'cabinet' ? placed.get(m.date) : undefined;
      if (!p) continue;
      for (const key of p.topics) {
        const topic = all.find((t) => t.key === key)!;
        take(m).topics.push(topic);
        take(m).cycleDecided.add(topic.title);
      }
      for (const key of p.exempt) {
        const e = EXEMPT_TOPICS.find((x) => x.key === key)!;
        take(m).exempt.push(e);
        take(m).cycleDecided.add(e.title);
      }
    }
    // Seasonal business once each council year, at the meeting in its season with most room; an exempt matter
    // once a year part way through it. Never again within ten months (a season may straddle the year's turn).
    const lastTaken = new Map<string, string>();
    const recent = (key: string, date: string) => (lastTaken.get(key) ?? '0000') > addDays(date, -300);
    const seasonal = yearly.filter((t) => t.months);
    for (const [, ms] of years) {
      for (const t of seasonal) {
        const inSeason = ms.filter((m) => t.months!.includes(month(m.date)) && !recent(t.key, m.date));
        const least = Math.min(...inSeason.map(extra));
        const m = inSeason.find((x) => extra(x) === least);
        if (!m) continue;
        take(m).topics.push(t);
        lastTaken.set(t.key, m.date);
      }
      exempts.forEach((e, i) => {
        const m = ms.slice(Math.min(ms.length - 1, 1 + i)).find((x) => !recent(e.key, x.date));
        if (!m) return;
        take(m).exempt.push(e);
        lastTaken.set(e.key, m.date);
      });
    }
    // The rest in turn, meeting after meeting, none again within ten months, so the year's agendas differ.
    const queue = rng.fork(bodyKey).shuffle(yearly.filter((t) => !t.months));
    for (const m of own) {
      const room = Math.max(0, Math.min(cap, 2) - extra(m));
      let added = 0;
      for (let tries = 0; added < room && tries < queue.length; tries++) {
        const t = queue[0];
        if (recent(t.key, m.date)) break;
        queue.push(queue.shift()!);
        take(m).topics.push(t);
        lastTaken.set(t.key, m.date);
        added++;
      }
    }
  }
  // The Scrutiny Committee's next meeting takes the follow-up schedule and work programme generated from the record
  // (cycle.ts), in place of the papers written for them.
  const next = live.find((m) => m.body.key === 'scrutiny' && m.date >= today);
  if (next) out.get(next)!.topics = out.get(next)!.topics.filter((t) => t.kind !== 'work-programme' && t.key !== 'follow-up');
  return out;
}
