// The council's committee system as types (primer §2–§4). Pure: no I/O here.

export type IsoDate = string; // 'YYYY-MM-DD'

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

export const PERSON_KINDS = ['councillor', 'officer', 'co-opted', 'other'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

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
 * How a membership reads, the one rule every page, list and API answer asks. The executive (Cabinet) is led by the
 * Leader and a Deputy Leader, not a Chairman, and its other members are Cabinet Members holding portfolios; every
 * other body has a Chairman and Vice-Chairman.
 *
 * `membershipRoleLabel`: the role within the body ("Leader" on the Cabinet's page, "Chairman" on a committee's).
 */
export function membershipRoleLabel(role: string, bodyKind: string | null | undefined): string {
  if (bodyKind === 'cabinet') {
    if (role === 'chairman') return 'Leader';
    if (role === 'vice-chairman') return 'Deputy Leader';
    if (role === 'member') return 'Cabinet Member';
  }
  return MEMBERSHIP_ROLE_LABELS[role as MembershipRole] ?? role;
}

/**
 * A membership as a list of memberships shows it: the role, the co-opted category and any Cabinet portfolio
 * ("Cabinet Member for Highways and Transport", "Leader, portfolio: Strategy").
 */
export function membershipRoleText(m: { role: string; bodyKind: string | null | undefined; portfolio?: string | null; coOptedCategory?: string | null }): string {
  if (m.bodyKind === 'cabinet' && m.role === 'member' && m.portfolio) return cabinetMemberTitle(m.portfolio);
  return membershipRoleLabel(m.role, m.bodyKind) + (m.coOptedCategory ? ` (${m.coOptedCategory})` : '') + (m.portfolio ? `, portfolio: ${m.portfolio}` : '');
}

/**
 * The title a membership gives its holder away from the body's own page (a councillor's roles): the Leader of the
 * Council, the Deputy Leader of the Council and a Cabinet Member need no body named after them (`namesBody` false);
 * a committee's Chairman or Vice-Chairman does ("Chairman, Planning Committee"). Other roles carry no title (null).
 */
export function membershipTitle(role: string, bodyKind: string | null | undefined): { title: string; namesBody: boolean } | null {
  if (bodyKind === 'cabinet' && (role === 'chairman' || role === 'vice-chairman')) return { title: `${membershipRoleLabel(role, bodyKind)} of the Council`, namesBody: false };
  if (bodyKind === 'cabinet' && role === 'member') return { title: membershipRoleLabel(role, bodyKind), namesBody: false };
  if (role === 'chairman' || role === 'vice-chairman') return { title: membershipRoleLabel(role, bodyKind), namesBody: true };
  return null;
}

/**
 * The role printed after a name in a meeting's attendance ("Mr A J King (Chairman)"). Attendance records the chair
 * and vice-chair in the committee's words ('Chairman', 'Vice-Chairman', as packs print them); a Cabinet is chaired by
 * the Leader, so there the chair reads "Leader of the Council, in the Chair" and the vice-chair "Deputy Leader of
 * the Council", from the same rule as every other role. Any other recorded role (a co-opted category, "Substitute")
 * prints as recorded; null for none.
 */
export function attendanceRoleText(recorded: string | null | undefined, bodyKind: string | null | undefined): string | null {
  if (!recorded) return null;
  const role = recorded === MEMBERSHIP_ROLE_LABELS.chairman ? 'chairman' : recorded === MEMBERSHIP_ROLE_LABELS['vice-chairman'] ? 'vice-chairman' : null;
  if (!role || bodyKind !== 'cabinet') return recorded;
  const title = membershipTitle(role, bodyKind)!.title;
  return role === 'chairman' ? `${title}, in the Chair` : title;
}

/** Is this recorded attendance role the chair's or vice-chair's (the roles the printed minutes name)? */
export function attendanceChairRole(recorded: string | null | undefined): boolean {
  return recorded === MEMBERSHIP_ROLE_LABELS.chairman || recorded === MEMBERSHIP_ROLE_LABELS['vice-chairman'];
}

/** A portfolio holder as a Record of Decision names the decision taker after their name ("Cabinet Member for Highways"). */
export function cabinetMemberTitle(portfolio: string): string {
  return `${membershipRoleLabel('member', 'cabinet')} for ${portfolio}`;
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

export interface Guest {
  name: string;
  role: string | null;
  timeSlot: string | null;
}

/**
 * An agenda item as the agenda prints it: its code, title and what it says. The one shape of an item: the store's
 * new item, the meeting page's ItemView, the pack's item (pack/model.ts) and the demo's planned item are this
 * shape with their own additions (the stored row is agenda_items in store/schema.ts).
 */
export interface AgendaItem {
  code: string; // 'A1', 'B2', '7'
  title: string;
  purpose: string | null; // "To note the report"
  presenters: string[];
  guests: Guest[];
  /** The papers will be issued later in a supplementary pack. */
  toFollow: boolean;
  withdrawn: boolean;
  /** A late item: the Chairman's reason for urgency, printed on the agenda. */
  urgentReason: string | null;
  /** The item is exempt (also when its section is, or it carries exempt paragraphs). */
  exempt: boolean;
  exemptParagraphs: ExemptParagraph[];
  /** Public interest test: why the public interest in withholding outweighs disclosure. */
  publicInterestReason: string | null;
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

export const INTEREST_KINDS = [
  'disclosable-pecuniary',
  'other-significant',
  'personal',
  'prejudicial',
  'other',
] as const;
export type InterestKind = (typeof INTEREST_KINDS)[number];

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

export const DECISION_TAKER_KINDS = ['body', 'cabinet-member', 'officer'] as const;
export type DecisionTakerKind = (typeof DECISION_TAKER_KINDS)[number];

/** See executive.ts for the lifecycle: 'draft' is taken but not yet published. */
export const DECISION_STATUSES = ['proposed', 'draft', 'published', 'called-in', 'reconsidering', 'referred-to-council', 'implementable', 'superseded', 'implemented', 'withdrawn'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** Who made a change to the record; 'system' for migrations, demo loads and imports run from the CLI. */
export interface Actor {
  kind: 'user' | 'system' | 'cli';
  id: number | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, name: 'system' };
