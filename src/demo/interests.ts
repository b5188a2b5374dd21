// Each councillor's register of interests: their job or business, their home, sometimes a school governorship or a
// parish council seat, a few shares; registered when the council year began and, for a few, changed mid-year, so
// the public pages show registers with a history.
import { addDays } from '../domain/dates.js';
import type { DemoPerson } from './people.js';
import type { Rng } from './random.js';

export interface DemoInterest {
  person: string;
  category: string;
  description: string;
  registeredOn: string;
  /** A later change to the entry: its new description and when. */
  change?: { description: string; on: string };
  /** The entry was removed on this date. */
  removedOn?: string;
}

const JOBS = ['Retired teacher', 'Self-employed accountant', 'Solicitor, partner in a local practice', 'Farmer', 'Director of a building firm', 'Retired police officer',
  'Pharmacist', 'Small business owner (garden centre)', 'Chartered surveyor', 'Nurse, part-time', 'Company secretary', 'Retired', 'Estate agent', 'Charity fundraiser', 'Software developer'];
const OTHER = ['School governor at a local primary school', 'Member of the parish council', 'Trustee of the local community centre', 'Member of the Royal British Legion',
  'Trustee of the county wildlife trust', 'Member of the district council', 'Volunteer at the food bank'];
const SHARES = ['Shares in a utility company above £25,000 nominal value', 'Shares in a regional bus operator', 'Shares in a house-building company'];

export function makeInterests(rng: Rng, people: DemoPerson[], start: string, today: string): DemoInterest[] {
  const out: DemoInterest[] = [];
  const midYear = addDays(start, Math.max(30, Math.floor((Date.parse(today) - Date.parse(start)) / 86_400_000 / 2)));
  for (const p of people.filter((x) => x.kind === 'councillor')) {
    const registeredOn = addDays(start, rng.int(5, 27));
    const job = rng.pick(JOBS);
    const jobEntry: DemoInterest = { person: p.key, category: 'Employment, office, trade, profession or vocation', description: job, registeredOn };
    if (job !== 'Retired' && rng.chance(0.12) && midYear < today) jobEntry.change = { description: 'Retired', on: addDays(midYear, rng.int(0, 40)) };
    out.push(jobEntry);
    out.push({ person: p.key, category: 'Land and property', description: `Home in the ${p.division ?? 'county'} division`, registeredOn });
    if (rng.chance(0.45)) out.push({ person: p.key, category: 'Other registrable interests', description: rng.pick(OTHER), registeredOn });
    if (rng.chance(0.2)) {
      const shares: DemoInterest = { person: p.key, category: 'Securities', description: rng.pick(SHARES), registeredOn };
      if (rng.chance(0.4) && midYear < today) shares.removedOn = addDays(midYear, rng.int(0, 60));
      out.push(shares);
    }
  }
  return out.map((e) => ({
    ...e,
    change: e.change && e.change.on <= today ? e.change : undefined,
    removedOn: e.removedOn && e.removedOn <= today ? e.removedOn : undefined,
  }));
}
