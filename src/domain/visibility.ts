// The one rule of what is exempt, what is published, and who may see it. Pure: no I/O.
//
// Every read path (meeting and item pages, documents and their versions, search indexer, councillor and author
// areas, sitemap, iCal, API, pack input and the pack builder) asks this module; no other file decides.
//
//   exempt:     an item is exempt when it or its section is; a paper VERSION is exempt when it was classified
//               exempt (stored per version, so reclassifying an item or uploading a redacted version never makes
//               an earlier exempt version public) or its item/section is exempt now. A paper is never less
//               restricted than its item. The one exception: an explicitly unrestricted Record of Decision (the
//               published record of a matter that contained some exempt information), whose exempt part is
//               shown only to those `seesDecisionExemptPart` lets see it.
//   published:  an agenda (its items and papers) once the clerk published it, or the meeting went on to be held,
//               or it was imported (historic). A cancelled or postponed meeting whose agenda was never published
//               stays unpublished. A report still with its author (draft, submitted, returned) is unpublished.
//   may see:    `maySee(viewer, facts)`: unpublished material goes to Democratic Services (and a draft's own
//               author); exempt material to staff, councillors on the body today or granted the meeting, and a
//               report's own author.
import type { Classification, MeetingStatus } from './types.js';

// ---------------------------------------------------------------------------------------------------------------
// Viewers (policy.ts re-exports these)

export const ROLES = ['administrator', 'clerk', 'report-author', 'councillor'] as const;
export type Role = (typeof ROLES)[number];

export type Viewer =
  | { kind: 'public' }
  | {
      kind: 'user';
      userId: number;
      role: Role;
      personId: number | null;
      /** Bodies the person sits on now (any membership in force). */
      bodyIds: readonly number[];
      /** Meetings whose exempt papers a clerk granted this person. */
      grantedMeetingIds: readonly number[];
      /** With an API token limited to some bodies: the only bodies it may change the record of (policy.ts). */
      tokenBodyIds?: readonly number[];
    };

export const PUBLIC_VIEWER: Viewer = { kind: 'public' };

const STAFF_ROLES: readonly string[] = ['administrator', 'clerk'];

/** Democratic Services or an administrator: sees everything, published or not. */
export function isStaff(v: Viewer): boolean {
  return v.kind === 'user' && STAFF_ROLES.includes(v.role);
}

/** Where something sits, for deciding exempt entitlement. */
export interface Place {
  bodyId: number | null;
  meetingId: number | null;
  /** For reports: their author, who may read their own report even while exempt or unpublished. */
  authorPersonId?: number | null;
}

/** May this viewer see exempt content of this body/meeting (or this author's own report)? */
export function entitledToExempt(v: Viewer, p: Place): boolean {
  if (v.kind !== 'user') return false;
  if (isStaff(v)) return true;
  if (v.role === 'councillor') {
    return (p.bodyId !== null && v.bodyIds.includes(p.bodyId)) || (p.meetingId !== null && v.grantedMeetingIds.includes(p.meetingId));
  }
  if (v.role === 'report-author') return isOwnAuthor(v, p);
  return false;
}

function isOwnAuthor(v: Viewer, p: Place): boolean {
  return v.kind === 'user' && p.authorPersonId != null && p.authorPersonId === v.personId;
}

/** The facts about one thing in the record that decide who may see it. */
export interface Visibility extends Place {
  exempt: boolean;
  /** False while not yet part of the public record. Absent: published. */
  published?: boolean;
}

/** The one answer: may this viewer see (or download) this thing? */
export function maySee(v: Viewer, f: Visibility): boolean {
  if (f.published === false) {
    if (isStaff(v)) return true;
    if (isOwnAuthor(v, f)) return !f.exempt || entitledToExempt(v, f);
    return false;
  }
  return !f.exempt || entitledToExempt(v, f);
}

/** Shorthand: may this viewer see exempt content of this meeting (its Part 2 papers, minutes, confidential pack)? */
export function seesExempt(v: Viewer, bodyId: number | null, meetingId: number | null): boolean {
  return entitledToExempt(v, { bodyId, meetingId });
}

/** May this viewer see what is not yet published (draft agendas, held meetings' unpublished minutes)? */
export function seesUnpublished(v: Viewer): boolean {
  return isStaff(v);
}

/**
 * What exempt content a viewer may find in search and listings: everything, nothing, or that of some bodies and
 * meetings. Callers turn bodyIds into meeting ids in the query itself.
 */
export type ExemptScope = { all: true } | { all: false; bodyIds: readonly number[]; meetingIds: readonly number[] };

export function exemptScope(v: Viewer): ExemptScope {
  if (v.kind !== 'user') return { all: false, bodyIds: [], meetingIds: [] };
  if (isStaff(v)) return { all: true };
  if (v.role === 'councillor') return { all: false, bodyIds: v.bodyIds, meetingIds: v.grantedMeetingIds };
  return { all: false, bodyIds: [], meetingIds: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Meetings: is the agenda / are the minutes published?

export interface MeetingState {
  status: MeetingStatus | string;
  /** When the clerk published the agenda (null: never). */
  agendaPublishedAt?: string | null;
  /** Imported from a legacy pack: published by definition. */
  historic?: boolean | number | null;
}

/** Statuses that can only be reached after the agenda was issued (the meeting went ahead). */
const AFTER_AGENDA: readonly string[] = ['agenda-published', 'held', 'minutes-drafted', 'minutes-approved'];
const HELD: readonly string[] = ['held', 'minutes-drafted', 'minutes-approved'];
const MINUTES_PUBLISHED: readonly string[] = ['minutes-drafted', 'minutes-approved'];

/**
 * Is the meeting's agenda (its items, papers and packs) public? Cancelling or postponing a meeting whose agenda
 * was never published does NOT publish it.
 */
export function agendaPublished(m: MeetingState): boolean {
  return !!m.agendaPublishedAt || !!m.historic || AFTER_AGENDA.includes(m.status);
}

/** The meeting took place. */
export function meetingHeld(m: Pick<MeetingState, 'status'>): boolean {
  return HELD.includes(m.status);
}

/** Minutes (draft or approved) are public. */
export function minutesPublished(m: Pick<MeetingState, 'status'>): boolean {
  return MINUTES_PUBLISHED.includes(m.status);
}

/** For SQL filters: the statuses at which an agenda is public whatever `agenda_published_at` says. */
export const AGENDA_PUBLIC_STATUSES: readonly string[] = AFTER_AGENDA;

// ---------------------------------------------------------------------------------------------------------------
// Sections, items, papers

/** An item is exempt when it is marked so or sits in an exempt section. */
export function itemExempt(item: { exempt: boolean | number | null }, section?: { exempt: boolean | number | null } | null): boolean {
  return !!item.exempt || !!section?.exempt;
}

/** A minute is exempt when it was taken in private (marked so) or its item is exempt. */
export function minuteExempt(minute: { exempt: boolean | number | null }, isItemExempt: boolean): boolean {
  return !!minute.exempt || isItemExempt;
}

/** A Record of Decision is exempt when it was classified so (an unrestricted record of an exempt matter is public). */
export function decisionExempt(d: { classification: string | null }): boolean {
  return d.classification === 'exempt';
}

/** Documents that are packs (an imported agenda or supplementary pack), not papers of an item. */
export const PACK_DOCUMENT_KINDS: readonly string[] = ['agenda-pack', 'supplementary-pack'];

/**
 * A Record of Decision taken in private (on an exempt item) is itself public: the 2012 Regulations (regs 12-13, 20)
 * make the written statement of every executive decision available with the exempt information left out. Its
 * public part (number, date, taker, subject, the decision as published, that it contained exempt information under
 * paragraph N, the call-in window and status) follows `decisionExempt`; its exempt part (the reasons, details or
 * appendix text the clerk marked exempt) goes to those entitled to the exempt content of its meeting or body, and
 * to every councillor, who may call the decision in and as a member is entitled to the exempt material of an
 * executive decision (regs 16-17). Never to the public or to a report author by that role alone.
 */
export function seesDecisionExemptPart(v: Viewer, p: Place): boolean {
  return entitledToExempt(v, p) || (v.kind === 'user' && v.role === 'councillor');
}

/** Report workflow states that are not (yet) part of the public record. */
export const UNPUBLISHED_WORKFLOW: readonly string[] = ['draft', 'submitted', 'returned'];

/**
 * A report drafted in Moot is public only once approved; uploaded papers have no workflow. A withdrawn paper keeps
 * the standing it had (its history stays public), but one withdrawn before it was ever public never becomes so.
 */
export function documentPublished(d: { workflowStatus: string | null | undefined; withdrawnUnpublished?: boolean }): boolean {
  if (d.withdrawnUnpublished) return false;
  return d.workflowStatus == null || d.workflowStatus === 'approved' || d.workflowStatus === 'published';
}

/** A paper's withdrawal as stored: withdrawn before it was public (so never public), from the document's columns. */
export function withdrawnUnpublished(d: { withdrawn_at?: string | null; withdrawn_public?: number | boolean | null }): boolean {
  return !!d.withdrawn_at && !d.withdrawn_public;
}

/**
 * Is this paper (this version of it) exempt? `classification` is the VERSION's stored classification; `itemExempt`
 * whether its item (or the item's section) is exempt now. A paper is never less restricted than its item, except
 * an explicitly unrestricted Record of Decision.
 */
export function paperExempt(p: { classification: string; kind: string; itemExempt: boolean }): boolean {
  if (p.classification === 'exempt') return true;
  if (!p.itemExempt) return false;
  return !(p.kind === 'record-of-decision' && p.classification === 'unrestricted');
}

/**
 * The classification to store for a new version of a paper: what was asked for, raised to exempt when its item is
 * exempt (a paper is never less restricted than its item). Unrestricted Records of Decision keep their class.
 */
export function classificationForVersion(requested: Classification | string, kind: string, isItemExempt: boolean): Classification {
  return paperExempt({ classification: requested, kind, itemExempt: isItemExempt }) ? 'exempt' : 'unrestricted';
}

/** Decisions visible to the public once in one of these states. */
export const PUBLIC_DECISION_STATUSES = ['proposed', 'published', 'called-in', 'reconsidering', 'referred-to-council', 'implementable', 'superseded', 'implemented', 'withdrawn'] as const;

export function decisionPublished(status: string): boolean {
  return (PUBLIC_DECISION_STATUSES as readonly string[]).includes(status);
}

// ---------------------------------------------------------------------------------------------------------------
// Published packs

/**
 * Is this published pack exempt as a whole? The confidential (members') pack is. So is a public pack withheld
 * because an item in it was made exempt after it was published: it printed what is now exempt, so only those
 * entitled read it until Democratic Services republish.
 */
export function packExempt(p: { audience: string; withheldAt?: string | null }): boolean {
  return p.audience !== 'public' || !!p.withheldAt;
}

/** Does a change of an item's exemption (it or its section) make the public packs already published unsafe? */
export function exemptionRaised(before: boolean, after: boolean): boolean {
  return !before && after;
}

// ---------------------------------------------------------------------------------------------------------------
// What a viewer gets of an item

/**
 * How much of an item a viewer gets: 'full'; 'restricted' (exempt, viewer not entitled: code, title, paragraphs,
 * page range only — never purpose, presenters, guests, urgency reason or papers); 'hidden' (agenda unpublished).
 */
export type ItemAccess = 'full' | 'restricted' | 'hidden';

export function itemAccess(v: Viewer, f: { exempt: boolean; published: boolean } & Place): ItemAccess {
  if (!f.published && !seesUnpublished(v)) return 'hidden';
  if (f.exempt && !entitledToExempt(v, f)) return 'restricted';
  return 'full';
}

/**
 * May this viewer read an item's title? Once its agenda is published, anyone (an exempt item keeps its title on the
 * public agenda). Before that: Democratic Services; a report author choosing the item their report is for, unless
 * the item is exempt and they are not entitled to it (their own report already on it entitles them).
 */
export function itemTitleVisible(v: Viewer, f: { exempt: boolean; agendaPublished: boolean } & Place): boolean {
  if (f.agendaPublished || seesUnpublished(v)) return true;
  if (v.kind !== 'user' || v.role !== 'report-author') return false;
  return !f.exempt || entitledToExempt(v, f);
}

/** "Exempt: paragraph 3 of Part 1 of Schedule 12A", as shown where exempt content is withheld. */
export function exemptLabel(paragraphs: readonly number[]): string {
  if (!paragraphs.length) return 'Exempt under Part 1 of Schedule 12A';
  const list = paragraphs.length === 1 ? `paragraph ${paragraphs[0]}` : `paragraphs ${paragraphs.slice(0, -1).join(', ')} and ${paragraphs[paragraphs.length - 1]}`;
  return `Exempt: ${list} of Part 1 of Schedule 12A`;
}
