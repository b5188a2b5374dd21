// Read models for the councillors' area (/my): their meetings, the papers of those meetings, their declarations.
import type { Queryable } from '../db.js';
import { PACK_DOCUMENT_KINDS } from '../../domain/visibility.js';

/** Meetings of the given bodies, or granted by id, from a date on. */
export function meetingsOfBodiesOrGranted(db: Queryable, bodyIds: number[], grantedMeetingIds: number[], from: string) {
  return db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.slug', 'meeting.date', 'meeting.time', 'meeting.venue', 'meeting.status', 'meeting.agenda_published_at', 'meeting.historic',
      'meeting.body_id', 'body.name as body_name'])
    .where((eb) => eb.or([
      ...(bodyIds.length ? [eb('meeting.body_id', 'in', bodyIds)] : []),
      ...(grantedMeetingIds.length ? [eb('meeting.id', 'in', grantedMeetingIds)] : []),
    ]))
    .where('meeting.date', '>=', from).orderBy('meeting.date').orderBy('meeting.time').execute();
}

/** The papers of these meetings (not the packs), with their item's and section's exempt marks, in agenda order. */
export function papersOfMeetings(db: Queryable, meetingIds: number[]) {
  return db.selectFrom('document')
    .leftJoin('agenda_item', 'agenda_item.id', 'document.agenda_item_id').leftJoin('agenda_section', 'agenda_section.id', 'agenda_item.section_id')
    .select(['document.id', 'document.slug', 'document.title', 'document.kind', 'document.classification', 'document.exempt_paragraphs', 'document.workflow_status',
      'document.meeting_id', 'agenda_item.code as item_code', 'agenda_item.exempt as item_exempt', 'agenda_item.exempt_paragraphs as item_paragraphs', 'agenda_section.exempt as section_exempt',
      // A paper withdrawn before it was published stays out (domain/visibility.ts documentPublished).
      'document.withdrawn_at', 'document.withdrawn_public'])
    .where('document.meeting_id', 'in', meetingIds).where('document.kind', 'not in', PACK_DOCUMENT_KINDS)
    .orderBy('document.meeting_id').orderBy('agenda_item.position').orderBy('document.position').execute();
}

/** A person's declarations of interest at meetings, latest first. */
export function declarationsOfPerson(db: Queryable, personId: number) {
  return db.selectFrom('declaration').innerJoin('meeting', 'meeting.id', 'declaration.meeting_id').innerJoin('body', 'body.id', 'meeting.body_id')
    .leftJoin('agenda_item', 'agenda_item.id', 'declaration.agenda_item_id')
    .select(['declaration.kind', 'declaration.nature', 'declaration.dispensation', 'meeting.slug as meeting_slug', 'meeting.date', 'body.name as body_name',
      'agenda_item.code as item_code', 'agenda_item.title as item_title'])
    .where('declaration.person_id', '=', personId).orderBy('meeting.date', 'desc').execute();
}
