// Who sits where: memberships of every body, with Chairmen, substitutes, co-opted members, a vacancy and a
// mid-year change so membership history exists.
import { addDays } from '../domain/dates.js';
import type { MembershipRole } from '../domain/types.js';
import { BODIES, PORTFOLIOS, type DemoBody } from './bodies.js';
import { CO_OPTED_CATEGORY, GROUPS, type DemoGroup, type DemoPerson } from './people.js';
import type { Rng } from './random.js';

export interface DemoMembership {
  body: string;
  person: string;
  role: MembershipRole;
  group: DemoGroup['key'] | null;
  coOptedCategory: string | null;
  votingNote: string | null;
  /** A Cabinet member's portfolio, from PORTFOLIOS ("Highways and Transport"). */
  portfolio?: string | null;
  startsOn: string;
  endsOn: string | null;
}

export interface Roster {
  memberships: DemoMembership[];
  /** Person key of the Leader and each Cabinet Member, in PORTFOLIOS order. */
  cabinet: string[];
  /** The date of the mid-year change of membership. */
  changeOn: string;
}

export function makeRoster(rng: Rng, people: DemoPerson[], start: string, today: string): Roster {
  const councillors = people.filter((p) => p.kind === 'councillor');
  const byGroup = (g: DemoGroup['key']) => councillors.filter((c) => c.group === g);
  const memberships: DemoMembership[] = [];
  const add = (body: string, person: string, role: MembershipRole, group: DemoGroup['key'] | null, extra: Partial<DemoMembership> = {}) =>
    memberships.push({ body, person, role, group, coOptedCategory: null, votingNote: null, startsOn: start, endsOn: null, ...extra });

  const conservatives = rng.shuffle(byGroup('con'));
  const cabinet = conservatives.slice(0, PORTFOLIOS.length).map((p) => p.key);
  const cabinetSet = new Set(cabinet);
  // Backbenchers of each group in a fixed shuffled order; committees take from it in turn to spread the load.
  const pools = new Map(GROUPS.map((g) => [g.key, rng.shuffle(byGroup(g.key).filter((p) => !cabinetSet.has(p.key))).map((p) => p.key)]));
  const cursor = new Map(GROUPS.map((g) => [g.key, 0]));
  const take = (g: DemoGroup['key'], n: number, exclude: Set<string>): string[] => {
    const pool = pools.get(g)!;
    const out: string[] = [];
    for (let tries = 0; out.length < n && tries < pool.length * 2; tries++) {
      const i = cursor.get(g)! % pool.length;
      cursor.set(g, i + 1);
      if (!exclude.has(pool[i]) && !out.includes(pool[i])) out.push(pool[i]);
    }
    return out;
  };

  const changeOn = addDays(today, -140) > start ? addDays(today, -140) : addDays(start, 30);
  for (const body of BODIES) {
    if (body.key === 'council') {
      const [chair, vice] = take('con', 2, cabinetSet);
      for (const c of councillors) {
        add('council', c.key, c.key === chair ? 'chairman' : c.key === vice ? 'vice-chairman' : 'member', c.group);
      }
      continue;
    }
    if (body.key === 'cabinet') {
      cabinet.forEach((key, i) => add('cabinet', key, i === 0 ? 'chairman' : PORTFOLIOS[i].title.startsWith('Deputy Leader') ? 'vice-chairman' : 'member', 'con', { portfolio: portfolioOf(PORTFOLIOS[i].title) }));
      continue;
    }
    addCommittee(body);
  }

  function addCommittee(body: DemoBody): void {
    const seated = new Set<string>();
    for (const g of GROUPS) {
      const seats = body.appointed?.[g.key] ?? body.seats[g.key] ?? 0;
      const members = take(g.key, seats, seated);
      members.forEach((key, i) => {
        seated.add(key);
        const role: MembershipRole = g.key === 'con' && i === 0 ? 'chairman' : g.key === 'con' && i === 1 ? 'vice-chairman' : 'member';
        if (body.key === 'eandt' && g.key === 'con' && i === 2) {
          // A mid-year change: one member leaves and another takes the seat the next day.
          add(body.key, key, role, g.key, { endsOn: changeOn });
          const [replacement] = take(g.key, 1, seated);
          seated.add(replacement);
          add(body.key, replacement, 'member', g.key, { startsOn: addDays(changeOn, 1) });
        } else {
          add(body.key, key, role, g.key);
        }
      });
      if (seats > 0) {
        // A named substitute per group.
        const [sub] = take(g.key, 1, seated);
        if (sub) add(body.key, sub, 'substitute', g.key);
      }
    }
    for (const c of body.coOpted) {
      add(body.key, c.person, c.voting ? 'co-opted-voting' : 'co-opted-non-voting', null, {
        coOptedCategory: CO_OPTED_CATEGORY[c.person.replace(/^coopted-/, '')] ?? null,
        votingNote: c.votingNote,
      });
    }
  }
  return { memberships, cabinet, changeOn };
}

/** The portfolio a Cabinet post holds: "Deputy Leader and Cabinet Member for Finance" → "Finance"; the Leader's is the Council's strategy. */
export function portfolioOf(post: string): string {
  const m = /Cabinet Member for (.+)$/.exec(post);
  return m ? m[1] : 'Strategy, Policy and Communications';
}

/** Memberships of a body in force on a date. */
export function membersOn(roster: Roster, body: string, date: string): DemoMembership[] {
  return roster.memberships.filter((m) => m.body === body && m.startsOn <= date && (m.endsOn === null || m.endsOn >= date));
}

export { BODIES };

/** Who may sign a call-in on `day`: the Scrutiny Committee's members who are not on the Cabinet, in roster order. */
export function callInSigners(roster: Roster, day: string): string[] {
  const on = (m: DemoMembership) => m.startsOn <= day && (!m.endsOn || m.endsOn >= day);
  const executive = new Set([...roster.cabinet, ...roster.memberships.filter((m) => m.body === 'cabinet' && on(m)).map((m) => m.person)]);
  return roster.memberships.filter((m) => m.body === 'scrutiny' && m.role === 'member' && on(m) && !executive.has(m.person)).map((m) => m.person);
}
