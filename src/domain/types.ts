// The council's committee system as types (primer §2–§4). Pure: no I/O here.

export type IsoDate = string; // 'YYYY-MM-DD'
export type IsoDateTime = string; // ISO 8601 with time
export type ClockTime = string; // 'HH:MM' 24h

export const BODY_KINDS = [
  'full-council',
  'cabinet',
  'cabinet-member',
  'cabinet-committee',
  'scrutiny-committee',
  'overview-scrutiny-committee',
  'select-committee',
  'panel-or-board',
  'informal-member-group',
  'regulatory-committee',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const BODY_KIND_LABELS: Record<BodyKind, string> = {
  'full-council': 'Full Council',
  cabinet: 'Cabinet',
  'cabinet-member': 'Cabinet Member',
  'cabinet-committee': 'Cabinet Committee',
  'scrutiny-committee': 'Scrutiny Committee',
  'overview-scrutiny-committee': 'Overview and Scrutiny Committee',
  'select-committee': 'Select Committee',
  'panel-or-board': 'Panel or Board',
  'informal-member-group': 'Informal Member Group',
  'regulatory-committee': 'Regulatory Committee',
};

/** Numbered items "1…n" or lettered sections "A1, A2, B1…". */
export const AGENDA_STYLES = ['numbered', 'lettered'] as const;
export type AgendaStyle = (typeof AGENDA_STYLES)[number];

export interface Council {
  name: string;
  shortName: string;
  /** Extra days the council's offices are closed (beyond weekends and bank holidays). */
  extraClosures: IsoDate[];
  /** Standard notices printed on every agenda front sheet. */
  notices: Notice[];
}

export interface Notice {
  heading: string;
  text: string;
}

export interface Body {
  id: number;
  slug: string;
  name: string;
  kind: BodyKind;
  size: number | null;
  agendaStyle: AgendaStyle;
  purpose: string | null;
  /** The last minute number allocated; minute numbers continue from meeting to meeting. */
  lastMinuteNumber: number;
}

export const PERSON_KINDS = ['councillor', 'officer', 'co-opted', 'other'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

export interface Person {
  id: number;
  slug: string;
  title: string | null; // Mr, Mrs, Ms, Miss, Dr, Cllr
  forenames: string | null;
  initials: string | null;
  surname: string;
  postNominals: string | null; // "OBE", "TD"
  kind: PersonKind;
  groupId: number | null;
  jobTitle: string | null;
  division: string | null;
  email: string | null;
  phone: string | null;
}

export interface PoliticalGroup {
  id: number;
  name: string;
  shortName: string | null;
}

export const MEMBERSHIP_ROLES = [
  'chairman',
  'vice-chairman',
  'member',
  'substitute',
  'co-opted-voting',
  'co-opted-non-voting',
] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = {
  chairman: 'Chairman',
  'vice-chairman': 'Vice-Chairman',
  member: 'Member',
  substitute: 'Substitute',
  'co-opted-voting': 'Co-opted member (voting)',
  'co-opted-non-voting': 'Co-opted member (non-voting)',
};

/**
 * A membership's role as the council writes it for that body: the executive (Cabinet) is led by the Leader and a
 * Deputy Leader, not a Chairman; every other body has a Chairman and Vice-Chairman.
 */
export function membershipRoleLabel(role: string, bodyKind: string | null | undefined): string {
  if (bodyKind === 'cabinet' && role === 'chairman') return 'Leader';
  if (bodyKind === 'cabinet' && role === 'vice-chairman') return 'Deputy Leader';
  return MEMBERSHIP_ROLE_LABELS[role as MembershipRole] ?? role;
}

export interface Membership {
  id: number;
  bodyId: number;
  personId: number;
  role: MembershipRole;
  groupId: number | null;
  /** For co-opted members: "Church Representative", "Parent Governor". */
  coOptedCategory: string | null;
  /** Co-opted members who vote only on education matters. */
  votingNote: string | null;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
}

export const MEETING_STATUSES = [
  'scheduled',
  'agenda-published',
  'held',
  'minutes-drafted',
  'minutes-approved',
  'cancelled',
  'postponed',
] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: 'Scheduled',
  'agenda-published': 'Agenda published',
  held: 'Held',
  'minutes-drafted': 'Draft minutes published',
  'minutes-approved': 'Minutes approved',
  cancelled: 'Cancelled',
  postponed: 'Postponed',
};

export interface Contact {
  name: string;
  phone: string | null;
  email: string | null;
}

export interface Meeting {
  id: number;
  slug: string;
  bodyId: number;
  date: IsoDate;
  time: ClockTime | null;
  venue: string | null;
  status: MeetingStatus;
  statusReason: string | null;
  webcastUrl: string | null;
  contacts: Contact[];
  /** True for meetings imported from legacy packs. */
  historic: boolean;
}

/** Schedule 12A, Part 1 paragraphs of the Local Government Act 1972. */
export const EXEMPT_PARAGRAPHS = [1, 2, 3, 4, 5, 6, 7] as const;
export type ExemptParagraph = (typeof EXEMPT_PARAGRAPHS)[number];

export const EXEMPT_PARAGRAPH_DESCRIPTIONS: Record<ExemptParagraph, string> = {
  1: 'Information relating to any individual',
  2: 'Information which is likely to reveal the identity of an individual',
  3: 'Information relating to the financial or business affairs of any particular person (including the authority holding that information)',
  4: 'Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter',
  5: 'Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings',
  6: 'Information which reveals that the authority proposes to give a notice, or to make an order or direction, under any enactment',
  7: 'Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime',
};

export interface AgendaSection {
  id: number;
  meetingId: number;
  position: number;
  letter: string | null;
  title: string;
  exempt: boolean;
}

export interface Guest {
  name: string;
  role: string | null;
  timeSlot: string | null;
}

export interface AgendaItem {
  id: number;
  meetingId: number;
  sectionId: number | null;
  position: number;
  code: string;
  title: string;
  purpose: string | null;
  presenters: string[];
  guests: Guest[];
  toFollow: boolean;
  withdrawn: boolean;
  deferredToMeetingId: number | null;
  urgentReason: string | null;
  exempt: boolean;
  exemptParagraphs: ExemptParagraph[];
  publicInterestReason: string | null;
  pageStart: number | null;
  pageEnd: number | null;
}

export const DOCUMENT_KINDS = [
  'report',
  'appendix',
  'minutes',
  'record-of-decision',
  'briefing-note',
  'cover-sheet',
  'agenda-pack',
  'supplementary-pack',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  report: 'Report',
  appendix: 'Appendix',
  minutes: 'Minutes',
  'record-of-decision': 'Record of Decision',
  'briefing-note': 'Briefing note',
  'cover-sheet': 'Cover sheet',
  'agenda-pack': 'Agenda pack',
  'supplementary-pack': 'Supplementary agenda pack',
  other: 'Document',
};

export type Classification = 'unrestricted' | 'exempt';

/** The standard report template (primer §5). */
export interface StructuredReport {
  from: string[];
  to: string;
  toDate: IsoDate | null;
  subject: string;
  classification: Classification;
  exemptParagraphs: ExemptParagraph[];
  pathway: string | null;
  electoralDivisions: string | null;
  summary: string;
  recommendations: string[];
  sections: { heading: string; paragraphs: string[] }[];
  backgroundDocuments: string[];
  contacts: { name: string; title: string | null; phone: string | null; email: string | null }[];
}

export const ATTENDANCE_KINDS = ['present', 'also-present', 'in-attendance', 'apologies', 'absent'] as const;
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number];

export interface Attendance {
  id: number;
  meetingId: number;
  personId: number | null;
  nameAsRecorded: string;
  kind: AttendanceKind;
  role: string | null; // "Chairman", an officer's job title
  substituteForPersonId: number | null;
  substituteForName: string | null;
  /** Present for one item only. */
  forItemId: number | null;
}

export const INTEREST_KINDS = [
  'disclosable-pecuniary',
  'other-significant',
  'personal',
  'prejudicial',
  'other',
] as const;
export type InterestKind = (typeof INTEREST_KINDS)[number];

export interface Declaration {
  id: number;
  meetingId: number;
  agendaItemId: number | null;
  personId: number | null;
  personName: string;
  kind: InterestKind;
  nature: string;
  dispensation: string | null;
}

export interface ResolutionPart {
  label: string; // "(a)"
  text: string;
}

export interface Resolution {
  text: string; // "RESOLVED that…" / "Cabinet resolved to:"
  parts: ResolutionPart[];
}

export interface RecordedVote {
  motion: string;
  for: string[];
  against: string[];
  abstained: string[];
}

export interface Minute {
  id: number;
  meetingId: number;
  agendaItemId: number | null;
  number: string; // as printed: "75", "72/17"
  sequence: number | null; // numeric sequence within the body, for continuation
  title: string;
  paragraphs: string[];
  resolutions: Resolution[];
  votes: RecordedVote[];
  postMeetingNote: string | null;
  exempt: boolean;
}

export const DECISION_TAKER_KINDS = ['body', 'cabinet-member', 'officer'] as const;
export type DecisionTakerKind = (typeof DECISION_TAKER_KINDS)[number];

/** See executive.ts for the lifecycle: 'draft' is taken but not yet published. */
export const DECISION_STATUSES = ['proposed', 'draft', 'published', 'called-in', 'reconsidering', 'referred-to-council', 'implementable', 'superseded', 'implemented', 'withdrawn'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export interface Decision {
  id: number;
  number: string; // "11/01769"
  takerKind: DecisionTakerKind;
  takerName: string;
  takenOn: IsoDate;
  subject: string;
  key: boolean;
  urgent: boolean;
  classification: Classification;
  /** An unrestricted record of a matter which contained some information declared exempt. */
  containsExemptInformation: boolean;
  text: string;
  reasons: string | null;
  alternatives: string | null;
  interestsDeclared: string | null;
  backgroundDocuments: string | null;
  status: DecisionStatus;
  publishedOn: IsoDate | null;
  callInEndsOn: IsoDate | null;
}

/** Who made a change to the record; 'system' for migrations, demo loads and imports run from the CLI. */
export interface Actor {
  kind: 'user' | 'system' | 'cli';
  id: number | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, name: 'system' };
