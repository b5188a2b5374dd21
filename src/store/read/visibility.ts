// What of the record a viewer may see, asked of the one authorisation policy (domain/policy.ts). The read
// queries use these so exempt (Part 2) content and unpublished material never leave the store for the public.
import { can, exemptScope, type Viewer } from '../../domain/policy.js';
import type { MeetingStatus } from '../../domain/types.js';

/** May this viewer see the exempt content of this meeting (its Part 2 papers, minutes, confidential pack)? */
export function seesExempt(viewer: Viewer, bodyId: number | null, meetingId: number | null): boolean {
  return can(viewer, 'view', { bodyId, meetingId, exempt: true });
}

const AGENDA_HIDDEN: readonly string[] = ['scheduled'];
const HELD: readonly string[] = ['held', 'minutes-drafted', 'minutes-approved'];
const MINUTES_PUBLISHED: readonly string[] = ['minutes-drafted', 'minutes-approved'];

/** The agenda and its papers are public once published (historic meetings were published by definition). */
export function agendaPublished(m: { status: string; agenda_published_at?: string | null; historic?: number }): boolean {
  return !AGENDA_HIDDEN.includes(m.status) || !!m.agenda_published_at || !!m.historic;
}

export function meetingHeld(m: { status: string }): boolean {
  return HELD.includes(m.status as MeetingStatus);
}

export function minutesPublished(m: { status: string; historic?: number }): boolean {
  return MINUTES_PUBLISHED.includes(m.status);
}

/** Report drafts in the authoring workflow are not yet part of the public record. */
export function documentPublished(d: { workflow_status: string | null }): boolean {
  return d.workflow_status === null || d.workflow_status === 'approved' || d.workflow_status === 'published';
}

export const PUBLIC_DECISION_STATUSES = ['proposed', 'published', 'called-in', 'reconsidering', 'referred-to-council', 'implementable', 'superseded', 'implemented', 'withdrawn'] as const;

export function decisionVisible(viewer: Viewer, d: { classification: string; status: string; taker_body_id: number | null; meeting_id: number | null }): boolean {
  return can(viewer, 'view', {
    bodyId: d.taker_body_id,
    meetingId: d.meeting_id,
    exempt: d.classification === 'exempt',
    published: (PUBLIC_DECISION_STATUSES as readonly string[]).includes(d.status),
  });
}

/** For list queries: the meetings and bodies whose exempt content the viewer may see, or all. */
export function exemptFilter(viewer: Viewer): { all: boolean; bodyIds: number[]; meetingIds: number[] } {
  const s = exemptScope(viewer);
  return s.all ? { all: true, bodyIds: [], meetingIds: [] } : { all: false, bodyIds: [...s.bodyIds], meetingIds: [...s.meetingIds] };
}

export function isPublic(viewer: Viewer): boolean {
  return viewer.kind === 'public';
}
