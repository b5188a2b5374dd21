// Row-shaped adapters over the one visibility rule (src/domain/visibility.ts): the read queries pass their rows
// here so exempt (Part 2) content and unpublished material never leave the store for those not entitled. No rule
// is decided in this file.
import type { Viewer } from '../../domain/policy.js';
import {
  agendaPublished as agendaPublishedRule, decisionPublished, documentPublished as documentPublishedRule, exemptScope, maySee,
  meetingHeld as meetingHeldRule, minutesPublished as minutesPublishedRule, PUBLIC_DECISION_STATUSES, seesExempt, withdrawnUnpublished,
} from '../../domain/visibility.js';

export { PUBLIC_DECISION_STATUSES, seesExempt };

/** The agenda and its papers are public once published (historic meetings were published by definition). */
export function agendaPublished(m: { status: string; agenda_published_at?: string | null; historic?: number | boolean | null }): boolean {
  return agendaPublishedRule({ status: m.status, agendaPublishedAt: m.agenda_published_at ?? null, historic: m.historic ?? false });
}

export function meetingHeld(m: { status: string }): boolean {
  return meetingHeldRule(m);
}

export function minutesPublished(m: { status: string }): boolean {
  return minutesPublishedRule(m);
}

/** Report drafts in the authoring workflow are not yet part of the public record. */
export function documentPublished(d: { workflow_status: string | null; withdrawn_at?: string | null; withdrawn_public?: number | null }): boolean {
  return documentPublishedRule({ workflowStatus: d.workflow_status, withdrawnUnpublished: withdrawnUnpublished(d) });
}

export function decisionVisible(viewer: Viewer, d: { classification: string; status: string; taker_body_id: number | null; meeting_id: number | null }): boolean {
  return maySee(viewer, {
    bodyId: d.taker_body_id,
    meetingId: d.meeting_id,
    exempt: d.classification === 'exempt',
    published: decisionPublished(d.status),
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
