// Who may do what: the one authorisation policy. Every page, API route, export, feed, search and pack download
// asks `can(viewer, action, resource)`. Exempt information (Schedule 12A) goes only to those entitled to it:
// councillors for the bodies they sit on (or meetings a clerk granted them), Democratic Services, administrators.
// What is exempt or published, and who may see it, is decided in visibility.ts; `can('view')` asks it.
import { isStaff as isStaffViewer, maySee, type Viewer } from './visibility.js';

export { PUBLIC_VIEWER, ROLES, type Role, type Viewer } from './visibility.js';

/** Something in the record, described by what the policy needs to know about it. */
export interface Resource {
  bodyId: number | null;
  meetingId: number | null;
  /** Exempt (Part 2) content: an exempt item, its papers, exempt minutes, an exempt record of decision. */
  exempt: boolean;
  /** Published to the public record (agendas published, minutes drafted, decisions published). */
  published?: boolean;
  /** For report drafts: the author. */
  authorPersonId?: number | null;
  /** For an executive decision: who takes it, and whether that person holds a Cabinet portfolio on its date. */
  decisionTaker?: { kind: string; personId: number | null; holdsPortfolio: boolean };
}

export type Action =
  | 'view' // read a page, document, feed entry or search hit
  | 'download' // download a file or pack
  | 'manage-record' // the clerk's workspace: bodies, people, meetings, agendas, attendance, minutes, decisions
  | 'publish' // publish agendas, minutes, decisions
  | 'write-report' // draft and submit reports
  | 'approve-report'
  | 'manage-users'
  | 'read-audit'
  | 'use-api-tokens'
  | 'grant-exempt-access'
  | 'declare-interests' // a councillor's own register and declarations
  | 'record-own-decision'; // a Cabinet Member records (and publishes) their own Cabinet Member decision

function isStaff(v: Viewer): boolean {
  return isStaffViewer(v);
}

/**
 * An API token limited to some bodies changes only their record: their meetings, items, papers, minutes,
 * memberships, decisions and select committee reviews (a review is its appointing body's). A write that concerns no one body (bodyId null: people, groups, webhooks, the forward
 * plan, council-wide data) is outside every such limit. Viewers without a limit may write wherever their role may.
 */
export function tokenMayWriteTo(v: Viewer, bodyId: number | null): boolean {
  if (v.kind !== 'user' || !v.tokenBodyIds) return true;
  return bodyId !== null && v.tokenBodyIds.includes(bodyId);
}

export function can(v: Viewer, action: Action, r: Resource | null = null): boolean {
  switch (action) {
    case 'view':
    case 'download':
      // The one rule of exempt and unpublished content lives in visibility.ts.
      return r ? maySee(v, r) : true;
    case 'manage-record':
    case 'publish':
    case 'approve-report':
    case 'grant-exempt-access':
      // Without a resource, whether the role may do this at all; with one, also whether a body-limited token reaches it.
      return isStaff(v) && (r === null || tokenMayWriteTo(v, r.bodyId));
    case 'write-report':
      return v.kind === 'user' && (isStaff(v) || v.role === 'report-author') && (r === null || tokenMayWriteTo(v, r.bodyId));
    case 'manage-users':
    case 'read-audit':
      return v.kind === 'user' && v.role === 'administrator';
    case 'use-api-tokens':
      return v.kind === 'user';
    case 'declare-interests':
      return v.kind === 'user' && (v.role === 'councillor' || isStaff(v));
    case 'record-own-decision': {
      // A councillor's account linked to their entry in the record; with a decision, only their own Cabinet Member
      // decision, taken while they hold a portfolio: never someone else's, never Cabinet's or a committee's.
      if (v.kind !== 'user' || v.role !== 'councillor' || v.personId === null) return false;
      if (r === null) return true;
      const t = r.decisionTaker;
      return !!t && t.kind === 'cabinet-member' && t.personId === v.personId && t.holdsPortfolio && r.meetingId === null && tokenMayWriteTo(v, r.bodyId);
    }
  }
}

export { entitledToExempt, exemptScope, type ExemptScope } from './visibility.js';
