// The input model of an agenda pack: everything needed to print one meeting's pack, and nothing
// about where it is stored. The store layer maps a stored Meeting onto a PackInput.
import type { AgendaItem as RecordedItem } from '../domain/types.js';

/** ISO calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** A paragraph of Part 1 of Schedule 12A to the Local Government Act 1972 (1..7). */
export type ExemptParagraph = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface PackInput {
  councilName: string; // "Example County Council"
  bodyName: string; // "Policy and Resources Cabinet Committee"
  meetingDate: IsoDate;
  meetingTime: string; // 'HH:MM', 24-hour
  venue: string; // "Darent Room, Sessions House, County Hall, Maidstone"
  askFor: Contact[];
  membership?: Membership;
  /** Standard notices printed on the front sheet, in order (webcasting, refreshments, ...). */
  notices?: Notice[];
  sections: AgendaSection[];
  signatory: { name: string; title: string; phone?: string };
  publicationDate: IsoDate;
  /** Printed under the signatory, e.g. the background documents note. */
  footNote?: string;
}

export interface Contact {
  name: string;
  phone?: string;
  email?: string;
}

export interface Notice {
  heading?: string; // "Webcasting Notice"; a notice without heading is printed as a plain line
  text: string; // paragraphs separated by blank lines
}

export interface Membership {
  groups: PoliticalGroup[];
  coOpted?: CoOptedCategory[];
}

export interface PoliticalGroup {
  name: string; // "Conservative"
  seats: number;
  members: GroupMember[];
  /** Seats of this group not filled at the time of publication. */
  vacancies?: number;
  substitutes?: string[];
}

export interface GroupMember {
  name: string; // "Mr A J King, MBE"
  /** The role printed after the name ("Chairman"; the Cabinet's "Leader"), or 'member' for none. */
  role?: string;
}

export interface CoOptedCategory {
  category: string; // "Church Representatives"
  seats: number;
  members: string[];
  vacancies?: number;
  /** e.g. "voting on education matters only" */
  note?: string;
}

export interface AgendaSection {
  letter?: string; // 'A'
  title?: string; // 'Committee Business'
  /** Items in an exempt section are considered after the press and public are excluded. */
  exempt: boolean;
  emptyText?: string; // 'There are no items for consideration'
  items: AgendaItem[];
}

export interface Guest {
  name: string; // "Ms J Grant, Senior Policy Officer"
  timeSlot?: string; // 'HH:MM' or free text such as '10.30 am - 11.00 am'
}

/** Fields the pack may be given or not (absent rather than null). */
type Given<T> = { [K in keyof T]?: Exclude<T[K], null> };

/** The domain's agenda item (src/domain/types.ts) as the pack prints it, with the papers it carries. */
export interface AgendaItem extends Pick<RecordedItem, 'code' | 'title'>, Given<Omit<RecordedItem, 'code' | 'title' | 'guests' | 'exemptParagraphs'>> {
  guests?: Guest[];
  exemptParagraphs?: number[];
  papers: Paper[];
  /** Papers withdrawn since they were issued: the front sheet says so, and an item left with none is "report withdrawn". */
  withdrawnPapers?: WithdrawnPaper[];
  /** Papers withdrawn after they were issued and later reinstated: the front sheet says when, and why. */
  reinstatedPapers?: ReinstatedPaper[];
}

export interface WithdrawnPaper {
  title: string;
  withdrawnOn: IsoDate;
  reason: string;
  /** An exempt paper: the public front sheet names neither it nor the reason. */
  exempt?: boolean;
}

export interface ReinstatedPaper extends WithdrawnPaper {
  reinstatedOn: IsoDate;
  /** Why it was reinstated. */
  reinstatedReason: string;
}

export type Paper = UploadedPaper | ReportPaper | MinutesPaper | DecisionPaper | DataReportPaper | CallInCoverPaper | FollowUpSchedulePaper | WorkProgrammePaper;

/**
 * The cover sheet of a called-in decision, as the scrutiny committee's pack prints it: who it is from and to, the
 * decision, who called it in and why, the background, the guests with their time slots, and the options (a)-(d).
 */
export interface CallInCoverPaper {
  kind: 'call-in-cover';
  title: string;
  from: string[];
  to: { body: string; date: IsoDate };
  decision: { number: string; subject: string; taker: string; takenOn: IsoDate; publishedOn?: IsoDate; keyDecision: boolean; portfolio?: string; text: string[] };
  calledInBy: string[];
  calledInOn: IsoDate;
  reasons: string[];
  background?: string[];
  guests: { name: string; role?: string; timeSlot?: string }[];
  /** The options as the constitution words them, lettered (a)-(d). */
  options: { letter: string; text: string }[];
}

/** The follow-up ("rolling") schedule for a scrutiny meeting: each entry with its recommendations and response rounds. */
export interface FollowUpSchedulePaper {
  kind: 'follow-up-schedule';
  title: string;
  bodyName: string;
  date: IsoDate;
  entries: {
    title: string;
    portfolio?: string;
    synopsis?: string;
    reason?: string;
    consideredOn?: IsoDate;
    recommendations: { label: string; text: string; verdict?: string; responses: { round: number; text: string; respondedOn: IsoDate; dateActioned: string; responder?: string; notes?: string }[] }[];
  }[];
}

/** A body's work programme: items for each future meeting, then the unscheduled ("other") items. */
export interface WorkProgrammePaper {
  kind: 'work-programme';
  title: string;
  bodyName: string;
  date: IsoDate;
  meetings: { date: IsoDate; items: { title: string; lead?: string; notes?: string; kind?: string }[] }[];
  unscheduled: { title: string; lead?: string; notes?: string; kind?: string }[];
}

/** A performance dashboard or budget monitoring report generated from the council's published figures. */
export interface DataReportPaper {
  kind: 'data-report';
  title: string;
  model: import('../domain/data-report.js').DataReportModel;
}

export type DocumentType = 'report' | 'appendix' | 'minutes' | 'decision' | 'presentation' | 'other';

/** An uploaded PDF, merged into the pack as it is. */
export interface UploadedPaper {
  kind: 'pdf';
  title: string;
  fileName?: string;
  bytes: Uint8Array;
  documentType: DocumentType;
  /**
   * This paper is exempt (e.g. an exempt appendix on an unrestricted item): the public pack carries a placeholder
   * page for it alone and never reads its bytes. Absent: unrestricted (or as exempt as its item).
   */
  exempt?: boolean;
  exemptParagraphs?: number[];
  /** An unrestricted Record of Decision on an exempt item (see DecisionPaper.publicRecord). */
  publicRecord?: boolean;
}

export interface ContactDetails {
  name: string;
  title?: string; // job title
  phone?: string;
  email?: string;
}

/** Report body paragraphs: plain text, a bulleted list or a simple table. */
export type Block = string | { bullets: string[] } | { table: { head: string[]; rows: string[][] } };

export interface ReportSection {
  number?: string; // '1', '2'; paragraphs are numbered 1.1, 1.2 ... when present
  heading: string;
  paragraphs: Block[];
}

/** A report on the council's standard template (primer §5). */
export interface ReportPaper {
  kind: 'report';
  /** "By:" lines: Cabinet Member, Corporate Director. */
  from: string[];
  to: { body: string; date: IsoDate };
  /** The date the report was written, when it differs from the meeting. */
  date?: IsoDate;
  subject: string;
  /** Absent: Unrestricted. */
  exemptParagraphs?: number[];
  pastPathway?: string;
  futurePathway?: string;
  electoralDivisions?: string;
  summary: string;
  recommendations: { intro?: string; items: string[] };
  sections: ReportSection[];
  implications?: { financial?: string; legal?: string; equality?: string; other?: { heading: string; text: string }[] };
  backgroundDocuments?: string[];
  contacts: ContactDetails[];
  appendices?: string[]; // titles of appendices issued as separate papers
}

export interface Attendee {
  name: string;
  /** "Chairman", "Vice-Chairman"; a Cabinet's "Leader of the Council, in the Chair" (domain attendanceRoleText). */
  role?: string;
  substituteFor?: string;
}

export interface MinuteResolution {
  /** 'RESOLVED that' or 'Cabinet resolved to:' */
  intro: string;
  text?: string;
  /** Lettered parts (a), (b), ... */
  parts?: string[];
}

export interface MinuteEntry {
  number: number; // continues from meeting to meeting
  title: string;
  itemCode?: string; // '(Item B1)'
  reportBy?: string; // "Report by Mr J Smith, Cabinet Member for ..."
  presentForItem?: string[];
  declarations?: string[];
  paragraphs: string[];
  resolution?: MinuteResolution;
  votes?: { for?: number; against?: number; abstained?: number; note?: string };
  postMeetingNote?: string;
  /** Exempt, in a public paper: only the number and title are printed, with these paragraphs of Schedule 12A. */
  restricted?: number[];
}

/** Minutes of a previous meeting, for approval as a correct record. */
export interface MinutesPaper {
  kind: 'minutes';
  bodyName: string;
  date: IsoDate;
  venue: string;
  present: Attendee[];
  alsoPresent?: string[];
  inAttendance?: { name: string; jobTitle?: string }[];
  apologies?: string[];
  minutes: MinuteEntry[];
  /** Printed minutes say whether they are a draft or were approved, and when. */
  status?: { kind: 'draft' } | { kind: 'approved'; atMeeting?: IsoDate; amendments?: string };
}

/** An executive Record of Decision. */
export interface DecisionPaper {
  kind: 'decision';
  number: string; // 'YY/NNNNN'
  decisionTaker: string; // 'Cabinet' or 'Mr J Smith, Cabinet Member for Finance'
  date: IsoDate;
  subject: string;
  keyDecision: boolean;
  /** 'exempt-information': an unrestricted record of a matter that contained some exempt information. */
  classification: 'unrestricted' | 'exempt-information' | 'exempt';
  decision: string[];
  decisionParts?: string[];
  reasons: string[];
  alternativesConsidered: string[];
  interestsDeclared?: string[]; // empty or absent: 'None'
  backgroundDocuments?: string[];
  /** An exempt Record of Decision (on an open item): the public pack prints a placeholder under these paragraphs. */
  exemptParagraphs?: number[];
  /**
   * The public record of a decision taken in private (on an exempt item): the public pack prints it after the item's
   * placeholder, as the record is public (2012 Regulations, regs 12-13 and 20); its exempt part is a paper of its own.
   */
  publicRecord?: boolean;
  /** 'exempt-information': the paragraphs the left-out information falls under, printed in the public record. */
  exemptInformationParagraphs?: number[];
  /**
   * The exempt part of a record of a matter that contained exempt information: printed instead of the record's
   * fields. Always with `exemptParagraphs`, so the public pack prints only a placeholder for it.
   */
  exemptPart?: string[];
}

export type Audience = 'public' | 'confidential';

export interface BuildOptions {
  audience: Audience;
}

export interface BuiltItemPages {
  code: string;
  startPage: number;
  endPage: number;
}

export interface BuiltPack {
  bytes: Uint8Array;
  /** Physical pages, front sheet included. */
  pageCount: number;
  /** Pages of the front sheet (padded to whole leaves): printed page N is PDF page N + frontSheetPages. */
  frontSheetPages: number;
  /** Printed page numbers of each item that has pages in this pack. */
  items: BuiltItemPages[];
  sha256: string;
  /** The front sheet on its own (the "agenda frontsheet" councils publish beside the pack). */
  frontSheet: Uint8Array;
}
