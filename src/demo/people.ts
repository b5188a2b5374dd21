// The invented people of Example County Council: sixty councillors in four groups, officers and co-opted
// members. Names are drawn from common English forenames and surnames by the seeded generator; none is meant
// to be a real councillor.
import { formatPersonName, initialsOf } from '../domain/names.js';
import { demoEmail } from './identity.js';
import type { Rng } from './random.js';

export interface DemoGroup {
  key: 'con' | 'lab' | 'ld' | 'green';
  name: string;
  shortName: string;
  seats: number;
}

export const GROUPS: DemoGroup[] = [
  { key: 'con', name: 'Conservative', shortName: 'Con', seats: 36 },
  { key: 'lab', name: 'Labour', shortName: 'Lab', seats: 12 },
  { key: 'ld', name: 'Liberal Democrat', shortName: 'LD', seats: 8 },
  { key: 'green', name: 'Green', shortName: 'Grn', seats: 4 },
];

export interface DemoPerson {
  /** Stable key used by the rest of the demo: "cllr-12", "officer-hods", "coopted-church-1". */
  key: string;
  kind: 'councillor' | 'officer' | 'co-opted';
  title: string;
  forenames: string;
  initials: string;
  surname: string;
  postNominals: string | null;
  group: DemoGroup['key'] | null;
  jobTitle: string | null;
  division: string | null;
  email: string;
  phone: string;
}

const MALE = ['Adrian', 'Alan', 'Andrew', 'Barry', 'Brian', 'Colin', 'David', 'Derek', 'Edward', 'Francis', 'Geoffrey', 'Graham', 'Harold', 'Ian', 'James', 'Jonathan', 'Keith', 'Kenneth', 'Leonard', 'Malcolm', 'Martin', 'Michael', 'Neil', 'Nigel', 'Oliver', 'Patrick', 'Peter', 'Raymond', 'Richard', 'Robert', 'Roger', 'Simon', 'Stephen', 'Thomas', 'Trevor', 'William'];
const FEMALE = ['Alison', 'Angela', 'Anne', 'Barbara', 'Carol', 'Catherine', 'Christine', 'Deborah', 'Elizabeth', 'Fiona', 'Gillian', 'Helen', 'Janet', 'Jennifer', 'Judith', 'Julia', 'Karen', 'Linda', 'Margaret', 'Mary', 'Nicola', 'Patricia', 'Rachel', 'Rosemary', 'Ruth', 'Sarah', 'Susan', 'Valerie', 'Wendy', 'Yvonne'];
const MIDDLE = ['Anthony', 'Charles', 'George', 'John', 'Louise', 'Mary', 'Rose', 'Henry', 'Jane', 'Edward', 'Claire', 'Arthur'];
const SURNAMES = ['Ashdown', 'Bellamy', 'Birchall', 'Blackwood', 'Bramley', 'Brockhurst', 'Carrow', 'Chalcott', 'Colebrook', 'Crisp', 'Dalby', 'Denholm', 'Dunstable', 'Eastwood', 'Elmore', 'Farrant', 'Fenwick', 'Frobisher', 'Gadsby', 'Garside', 'Gledhill', 'Goodall', 'Hadley', 'Halloran', 'Harcourt', 'Hartnell', 'Hebden', 'Holloway', 'Ingleby', 'Jessop', 'Kendrick', 'Kingsley', 'Lacey', 'Langford', 'Larkin', 'Lockwood', 'Maddox', 'Marlow', 'Mayhew', 'Merriman', 'Middleton', 'Northcott', 'Oakley', 'Ormerod', 'Padgett', 'Pemberton', 'Penrose', 'Quayle', 'Radley', 'Rendell', 'Ridgeway', 'Rowntree', 'Sallis', 'Seaton', 'Sherwood', 'Skelton', 'Stanbury', 'Stockdale', 'Sumner', 'Tallis', 'Thackeray', 'Thorne', 'Tindall', 'Trelawney', 'Upton', 'Vickery', 'Wadsworth', 'Wainwright', 'Warrender', 'Whitlock', 'Willoughby', 'Winslow', 'Woodhouse', 'Yardley'];
/**
 * The sixty electoral divisions, one councillor each, named as county divisions are: a town's quarters, a town
 * and its hinterland, two villages joined, a valley or a parish.
 */
const DIVISIONS = [
  'Kingsmere North',
  'Kingsmere South',
  'Kingsmere Central',
  'Ashcombe',
  'Barnfield and Foxley',
  'Brackley Vale',
  'Castlemere Town',
  'Castlemere Rural',
  'Chalkhill',
  'Dunmere and Lowmoor',
  'Eastleigh Moor',
  'Elmbridge East',
  'Elmbridge West',
  'Fairholme',
  'Greenhaven Harbour',
  'Greenhaven Villages',
  'Hartwell',
  'Highcliffe and Saltmarsh',
  'Larkspur',
  'Marshwood',
  'Millbrook Valley',
  'Northwold',
  'Oakhurst',
  'Pennington Town',
  'Pennington Rural',
  'Queensbury Cross',
  'Redwater',
  'Sandown Heath',
  'Stonebridge and Upperton',
  'Thornbury',
  'Westmarsh',
  'Wyvern Hills',
  'Abbeyfield',
  "Bishop's Stortley",
  'Coldharbour',
  'Cranleigh Down',
  'Ditchford',
  'Fenwick Green',
  'Hollowell',
  'Ickfield',
  'Kestrel Ridge',
  'Longmarsh',
  'Market Ashby',
  'Nettlecombe',
  'Orchard Vale',
  'Priory',
  "St Anne's",
  "St Mary's and Riverside",
  'Shepford',
  'Sutton Wyke',
  'Tanners Brook',
  'Underhill',
  'Walford',
  'Whitcombe',
  'Yarnfield',
  'Harbourside',
  'Old Town',
  'Westgate',
  'Eastbrook',
  'The Wolds',
];

/** The county town, where County Hall is. */
export const COUNTY_TOWN = 'Kingsmere';

const OFFICER_POSTS: { key: string; jobTitle: string }[] = [
  { key: 'ceo', jobTitle: 'Chief Executive' },
  { key: 'hods', jobTitle: 'Head of Democratic Services' },
  { key: 'dso-1', jobTitle: 'Democratic Services Officer' },
  { key: 'dso-2', jobTitle: 'Democratic Services Officer' },
  { key: 'dso-3', jobTitle: 'Democratic Services Officer' },
  { key: 'dso-4', jobTitle: 'Senior Democratic Services Officer' },
  { key: 'finance', jobTitle: 'Corporate Director of Finance' },
  { key: 'cype', jobTitle: 'Corporate Director of Children, Young People and Education' },
  { key: 'get', jobTitle: 'Corporate Director of Growth, Environment and Transport' },
  { key: 'asch', jobTitle: 'Corporate Director of Adult Social Care and Health' },
  { key: 'scs', jobTitle: 'Corporate Director of Strategic and Corporate Services' },
  { key: 'counsel', jobTitle: 'General Counsel' },
  { key: 'planning', jobTitle: 'Head of Planning Applications' },
  { key: 'highways', jobTitle: 'Director of Highways and Transportation' },
  { key: 'waste', jobTitle: 'Head of Waste Management' },
  { key: 'performance', jobTitle: 'Head of Performance and Analytics' },
  { key: 'audit', jobTitle: 'Head of Internal Audit' },
  { key: 'virtual-school', jobTitle: 'Head of the Virtual School' },
  { key: 'procurement', jobTitle: 'Head of Commercial and Procurement' },
  { key: 'scrutiny', jobTitle: 'Scrutiny Research Officer' },
];

const CO_OPTED: { key: string; category: string }[] = [
  { key: 'church-1', category: 'Church Representative' },
  { key: 'church-2', category: 'Church Representative' },
  { key: 'parent-1', category: 'Parent Governor' },
  { key: 'parent-2', category: 'Parent Governor' },
  { key: 'foster-1', category: "Foster Carers' Representative" },
  { key: 'youth-1', category: "Young People's Representative" },
];

export const CO_OPTED_CATEGORY: Record<string, string> = Object.fromEntries(CO_OPTED.map((c) => [c.key, c.category]));

export function makePeople(rng: Rng): DemoPerson[] {
  const people: DemoPerson[] = [];
  const usedNames = new Set<string>();
  const surnames = rng.shuffle(SURNAMES);
  let surnameIndex = 0;
  const nextName = (): { title: string; forenames: string; surname: string } => {
    for (;;) {
      const female = rng.chance(0.42);
      const first = rng.pick(female ? FEMALE : MALE);
      const middle = rng.chance(0.45) ? ` ${rng.pick(MIDDLE)}` : '';
      const forenames = `${first}${middle}`;
      // Surnames are used once each before any repeats, so initials + surname stay distinct.
      const surname = surnameIndex < surnames.length ? surnames[surnameIndex++] : rng.pick(SURNAMES);
      const key = `${initialsOf(forenames)} ${surname}`;
      if (usedNames.has(key)) continue;
      usedNames.add(key);
      const title = female ? rng.pick(['Mrs', 'Mrs', 'Ms', 'Miss', 'Dr']) : rng.chance(0.08) ? 'Dr' : 'Mr';
      return { title, forenames, surname };
    }
  };
  const contact = (forenames: string, surname: string, n: number) => ({
    email: demoEmail(`${forenames.split(' ')[0].toLowerCase()}.${surname.toLowerCase()}`),
    phone: `01632 ${String(960000 + n * 37).slice(0, 6)}`,
  });

  const divisions = rng.shuffle(DIVISIONS);
  let n = 0;
  for (const g of GROUPS) {
    for (let i = 0; i < g.seats; i++) {
      const name = nextName();
      people.push({
        key: `cllr-${n + 1}`,
        kind: 'councillor',
        ...name,
        initials: initialsOf(name.forenames),
        postNominals: n === 3 ? 'OBE' : n === 17 ? 'MBE' : n === 41 ? 'TD' : null,
        group: g.key,
        jobTitle: null,
        division: divisions[n],
        ...contact(name.forenames, name.surname, n),
      });
      n++;
    }
  }
  for (const post of OFFICER_POSTS) {
    const name = nextName();
    people.push({
      key: `officer-${post.key}`,
      kind: 'officer',
      ...name,
      initials: initialsOf(name.forenames),
      postNominals: null,
      group: null,
      jobTitle: post.jobTitle,
      division: null,
      ...contact(name.forenames, name.surname, n++),
    });
  }
  for (const c of CO_OPTED) {
    const name = nextName();
    people.push({
      key: `coopted-${c.key}`,
      kind: 'co-opted',
      ...name,
      title: c.key.startsWith('church') && rng.chance(0.5) ? 'Revd' : name.title,
      initials: initialsOf(name.forenames),
      postNominals: null,
      group: null,
      jobTitle: null,
      division: null,
      ...contact(name.forenames, name.surname, n++),
    });
  }
  return people;
}

/** "Mr R A Latchford, OBE", as the council prints names in lists. */
export function printedName(p: Pick<DemoPerson, 'title' | 'initials' | 'surname' | 'postNominals'>): string {
  return formatPersonName({ title: p.title, initials: p.initials, forenames: null, surname: p.surname, postNominals: p.postNominals });
}

/** "Mr Latchford", as minutes refer to a person already named. */
export function shortName(p: Pick<DemoPerson, 'title' | 'surname'>): string {
  return `${p.title} ${p.surname}`;
}

/** "Sarah Bellamy": officers sign and are contacted by their full names. */
export function fullName(p: Pick<DemoPerson, 'forenames' | 'surname'>): string {
  return `${p.forenames.split(' ')[0]} ${p.surname}`;
}
