// The bodies of Example County Council (primer §2): who sits on them, how often they meet and where.
import type { AgendaStyle, BodyKind } from '../domain/types.js';
import type { DemoGroup } from './people.js';

export type GroupSeats = Partial<Record<DemoGroup['key'], number>>;

export interface CoOptedSeat {
  person: string; // DemoPerson key
  voting: boolean;
  votingNote: string | null;
}

/** How often a body meets: the n-th weekday of given months, or every so many weeks. */
export type Cadence =
  | { kind: 'monthly'; weekday: number; nth: number; months: number[] }
  | { kind: 'weekly'; weekday: number; everyWeeks: number; skipAugust: boolean };

export interface DemoBody {
  key: string;
  name: string;
  kind: BodyKind;
  agendaStyle: AgendaStyle;
  purpose: string;
  /** Seats by group; the Council and Cabinet are filled specially. */
  seats: GroupSeats;
  /** Members actually appointed per group, where fewer than the seats (a vacancy). */
  appointed?: GroupSeats;
  coOpted: CoOptedSeat[];
  cadence: Cadence;
  time: string;
  venue: string;
  /** Democratic Services officer who clerks the body (DemoPerson key). */
  clerk: string;
}

const HALL = 'Sessions House, County Hall, Kingsmere';
const EDUCATION_ONLY = 'Votes only on education matters';
const ALL_MONTHS_BUT_AUGUST = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12];

export const BODIES: DemoBody[] = [
  {
    key: 'council',
    name: 'County Council',
    kind: 'full-council',
    agendaStyle: 'numbered',
    purpose: 'All 60 elected Members of the Council. The County Council sets the budget and the policy framework, agrees the Constitution and appoints the Leader and the committees.',
    seats: { con: 36, lab: 12, ld: 8, green: 4 },
    coOpted: [],
    cadence: { kind: 'monthly', weekday: 4, nth: 2, months: [2, 5, 7, 10, 12] },
    time: '10:00',
    venue: `Council Chamber, ${HALL}`,
    clerk: 'officer-dso-4',
  },
  {
    key: 'cabinet',
    name: 'Cabinet',
    kind: 'cabinet',
    agendaStyle: 'numbered',
    purpose: 'The Leader and the Cabinet Members. Cabinet takes the key executive decisions of the Council within the budget and policy framework set by the County Council.',
    seats: { con: 8 },
    coOpted: [],
    cadence: { kind: 'monthly', weekday: 1, nth: 1, months: ALL_MONTHS_BUT_AUGUST },
    time: '10:00',
    venue: `Darent Room, ${HALL}`,
    clerk: 'officer-dso-4',
  },
  {
    key: 'scrutiny',
    name: 'Scrutiny Committee',
    kind: 'scrutiny-committee',
    agendaStyle: 'numbered',
    purpose: 'Holds the Cabinet to account: reviews executive decisions, may call in a decision before it is implemented, and follows up its recommendations with the Cabinet Members responsible.',
    seats: { con: 8, lab: 3, ld: 1, green: 1 },
    coOpted: [
      { person: 'coopted-church-1', voting: true, votingNote: EDUCATION_ONLY },
      { person: 'coopted-church-2', voting: true, votingNote: EDUCATION_ONLY },
      { person: 'coopted-parent-1', voting: true, votingNote: EDUCATION_ONLY },
      { person: 'coopted-parent-2', voting: true, votingNote: EDUCATION_ONLY },
    ],
    cadence: { kind: 'weekly', weekday: 3, everyWeeks: 6, skipAugust: true },
    time: '10:00',
    venue: `Council Chamber, ${HALL}`,
    clerk: 'officer-dso-1',
  },
  {
    key: 'pandr',
    name: 'Policy and Resources Cabinet Committee',
    kind: 'cabinet-committee',
    agendaStyle: 'lettered',
    purpose: 'Comments on proposed executive decisions on finance, property, technology and corporate services before they are taken, and monitors performance and risk in those services.',
    seats: { con: 8, lab: 2, ld: 1, green: 1 },
    appointed: { lab: 1 },
    coOpted: [],
    cadence: { kind: 'weekly', weekday: 5, everyWeeks: 7, skipAugust: true },
    time: '10:00',
    venue: `Darent Room, ${HALL}`,
    clerk: 'officer-dso-2',
  },
  {
    key: 'eandt',
    name: 'Environment and Transport Cabinet Committee',
    kind: 'cabinet-committee',
    agendaStyle: 'lettered',
    purpose: 'Comments on proposed executive decisions on highways, transport, waste and the environment before they are taken, and monitors performance in those services.',
    seats: { con: 8, lab: 2, ld: 1, green: 1 },
    coOpted: [],
    cadence: { kind: 'weekly', weekday: 2, everyWeeks: 7, skipAugust: true },
    time: '14:00',
    venue: `Medway Room, ${HALL}`,
    clerk: 'officer-dso-2',
  },
  {
    key: 'parenting',
    name: 'Corporate Parenting Panel',
    kind: 'panel-or-board',
    agendaStyle: 'numbered',
    purpose: 'Makes sure the Council acts as a good parent to the children in its care and its care leavers; its minutes are reported to Cabinet.',
    seats: { con: 6, lab: 2, ld: 1 },
    coOpted: [
      { person: 'coopted-foster-1', voting: false, votingNote: null },
      { person: 'coopted-youth-1', voting: false, votingNote: null },
    ],
    cadence: { kind: 'weekly', weekday: 2, everyWeeks: 8, skipAugust: true },
    time: '10:00',
    venue: `Swale Room, ${HALL}`,
    clerk: 'officer-dso-3',
  },
  {
    key: 'planning',
    name: 'Planning Applications Committee',
    kind: 'regulatory-committee',
    agendaStyle: 'numbered',
    purpose: 'Determines county matter planning applications (minerals, waste and the Council\'s own developments such as schools) that are not delegated to officers.',
    seats: { con: 8, lab: 3, ld: 1, green: 1 },
    coOpted: [],
    cadence: { kind: 'weekly', weekday: 3, everyWeeks: 4, skipAugust: false },
    time: '10:00',
    venue: `Council Chamber, ${HALL}`,
    clerk: 'officer-dso-3',
  },
  {
    key: 'audit',
    name: 'Governance and Audit Committee',
    kind: 'regulatory-committee',
    agendaStyle: 'numbered',
    purpose: 'Oversees the Council\'s internal control, risk management, internal and external audit, counter-fraud work and the annual statement of accounts.',
    seats: { con: 6, lab: 2, ld: 1 },
    coOpted: [],
    cadence: { kind: 'monthly', weekday: 4, nth: 3, months: [1, 3, 5, 7, 9, 11] },
    time: '14:00',
    venue: `Darent Room, ${HALL}`,
    clerk: 'officer-dso-1',
  },
  {
    key: 'select',
    name: 'Children\'s Mental Health Select Committee',
    kind: 'select-committee',
    agendaStyle: 'numbered',
    purpose: 'A time-limited review of emotional wellbeing and mental health services for children and young people: evidence gathering, report drafting, then report to Cabinet and the County Council.',
    seats: { con: 5, lab: 2, ld: 1 },
    coOpted: [{ person: 'coopted-parent-2', voting: true, votingNote: EDUCATION_ONLY }],
    cadence: { kind: 'weekly', weekday: 1, everyWeeks: 5, skipAugust: true },
    time: '10:30',
    venue: `Swale Room, ${HALL}`,
    clerk: 'officer-dso-1',
  },
];

/** The Leader and Cabinet Members: portfolio and the director who reports on it. */
export const PORTFOLIOS: { title: string; director: string }[] = [
  { title: 'Leader of the Council', director: 'officer-ceo' },
  { title: 'Deputy Leader and Cabinet Member for Finance and Business Support', director: 'officer-finance' },
  { title: 'Cabinet Member for Children, Young People and Education', director: 'officer-cype' },
  { title: 'Cabinet Member for Adult Social Care and Public Health', director: 'officer-asch' },
  { title: 'Cabinet Member for Highways and Transport', director: 'officer-highways' },
  { title: 'Cabinet Member for Environment and Waste', director: 'officer-get' },
  { title: 'Cabinet Member for Economic Development', director: 'officer-get' },
  { title: 'Cabinet Member for Corporate and Democratic Services', director: 'officer-scs' },
];
