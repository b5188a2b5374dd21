// Rows behind the scrutiny papers generated into a meeting's pack: which agenda items carry the follow-up schedule
// or a body's work programme, and the call-in an item considers (its cover sheet).
import type { Queryable } from '../db.js';

export type GeneratedPaperKind = 'follow-up-schedule' | 'work-programme';

export async function insertGeneratedPaper(db: Queryable, values: { agenda_item_id: number; kind: GeneratedPaperKind; body_id: number; created_at: string }): Promise<number> {
  return (await db.insertInto('agenda_item_generated').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export function listGeneratedPapers(db: Queryable, agendaItemIds: readonly number[]) {
  if (!agendaItemIds.length) return Promise.resolve([]);
  return db.selectFrom('agenda_item_generated').innerJoin('body', 'body.id', 'agenda_item_generated.body_id')
    .select(['agenda_item_generated.id', 'agenda_item_generated.agenda_item_id', 'agenda_item_generated.kind', 'agenda_item_generated.body_id', 'body.name as body_name'])
    .where('agenda_item_generated.agenda_item_id', 'in', [...agendaItemIds]).orderBy('agenda_item_generated.id').execute();
}

/** The generated papers already on a meeting's agenda (so the clerk adds each once). */
export function generatedPapersOfMeeting(db: Queryable, meetingId: number) {
  return db.selectFrom('agenda_item_generated').innerJoin('agenda_item', 'agenda_item.id', 'agenda_item_generated.agenda_item_id')
    .select(['agenda_item_generated.kind', 'agenda_item_generated.agenda_item_id', 'agenda_item.code', 'agenda_item.title'])
    .where('agenda_item.meeting_id', '=', meetingId).execute();
}

/** The call-ins considered at agenda items (valid or already considered), with what the cover sheet prints. */
export function callInsAtItems(db: Queryable, agendaItemIds: readonly number[]) {
  if (!agendaItemIds.length) return Promise.resolve([]);
  return db.selectFrom('call_in').innerJoin('decision', 'decision.id', 'call_in.decision_id')
    .leftJoin('body', 'body.id', 'decision.taker_body_id')
    .select(['call_in.id', 'call_in.agenda_item_id', 'call_in.reasons', 'call_in.background', 'call_in.requested_on', 'call_in.valid_on', 'call_in.basis', 'call_in.status',
      'decision.number', 'decision.subject', 'decision.taker_name', 'decision.taken_on', 'decision.published_on', 'decision.call_in_ends_on', 'decision.classification',
      'decision.portfolio', 'decision.key_decision', 'decision.decision_text', 'body.name as taker_body_name'])
    .where('call_in.agenda_item_id', 'in', [...agendaItemIds]).where('call_in.status', 'in', ['valid', 'considered']).orderBy('call_in.id').execute();
}

export function meetingForPapers(db: Queryable, meetingId: number) {
  return db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.body_id', 'meeting.date', 'meeting.status', 'body.name as body_name', 'body.kind as body_kind'])
    .where('meeting.id', '=', meetingId).executeTakeFirst();
}
