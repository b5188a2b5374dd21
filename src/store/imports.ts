// The record of imported packs (one import_record per file version, keyed by SHA-256) and the historic records an
// import writes or rebuilds: meetings found by body and date, their agenda cleared for a corrected file, the pack
// and its papers found again by kind or title so a re-import adds versions instead of duplicates.
import type { Contact } from '../domain/types.js';
import type { Queryable } from './db.js';
import type { NewRow } from './schema.js';

/** The import of a file with these exact bytes, if there was one. */
export function importBySha256(db: Queryable, sha256: string) {
  return db.selectFrom('import_record').innerJoin('meeting', 'meeting.id', 'import_record.meeting_id')
    .select(['import_record.meeting_id', 'meeting.slug', 'import_record.source']).where('import_record.sha256', '=', sha256).executeTakeFirst();
}

/** The latest import of a file of this name (a corrected file becomes its next version). */
export function latestImportOfSource(db: Queryable, source: string) {
  return db.selectFrom('import_record').select(['meeting_id', 'version']).where('source', '=', source).orderBy('version', 'desc').executeTakeFirst();
}

/** The latest import of a pack for the body's meeting on a date (a revised pack under another file name). */
export function latestImportOfMeeting(db: Queryable, bodyId: number, date: string) {
  return db.selectFrom('import_record').innerJoin('meeting', 'meeting.id', 'import_record.meeting_id')
    .select(['import_record.meeting_id', 'import_record.version'])
    .where('meeting.body_id', '=', bodyId).where('meeting.date', '=', date)
    .orderBy('import_record.version', 'desc').executeTakeFirst();
}

export async function insertImportRecord(db: Queryable, values: NewRow<'import_record'>): Promise<void> {
  await db.insertInto('import_record').values(values).execute();
}

/** The first meeting of a body on a date. */
export function meetingOfBodyOn(db: Queryable, bodyId: number, date: string) {
  return db.selectFrom('meeting').select(['id', 'slug']).where('body_id', '=', bodyId).where('date', '=', date).orderBy('id').executeTakeFirst();
}

/** A historic meeting whose minutes a pack reproduces: its minutes are approved. Live meetings are left alone. */
export async function markHistoricMinutesApproved(db: Queryable, meetingId: number): Promise<void> {
  await db.updateTable('meeting').set({ status: 'minutes-approved' }).where('id', '=', meetingId).where('historic', '=', 1).execute();
}

/** The front sheet's details written onto a historic meeting (live meetings are left alone). */
export async function setHistoricMeetingDetails(db: Queryable, meetingId: number, d: {
  time: string | null; venue: string | null; publishedOn: string | null; signatoryName: string | null; contacts: Contact[];
}): Promise<void> {
  await db.updateTable('meeting').set({
    time: d.time, venue: d.venue, published_on: d.publishedOn, signatory_name: d.signatoryName, contacts_json: JSON.stringify(d.contacts),
  }).where('id', '=', meetingId).where('historic', '=', 1).execute();
}

/** A corrected file rebuilds the meeting's agenda: papers are detached (they get new versions), items and sections go. */
export async function clearAgendaForReimport(db: Queryable, meetingId: number): Promise<void> {
  await db.updateTable('document').set({ agenda_item_id: null }).where('meeting_id', '=', meetingId).execute();
  await db.deleteFrom('agenda_item').where('meeting_id', '=', meetingId).execute();
  await db.deleteFrom('agenda_section').where('meeting_id', '=', meetingId).execute();
}

/** The meeting's whole pack (agenda pack or minutes) as imported before. */
export function importedPackDocument(db: Queryable, meetingId: number, kind: 'agenda-pack' | 'minutes') {
  return db.selectFrom('document').select('id').where('meeting_id', '=', meetingId).where('kind', '=', kind).where('agenda_item_id', 'is', null).executeTakeFirst();
}

/** A report of the meeting with this title, as imported before. */
export function importedReport(db: Queryable, meetingId: number, title: string) {
  return db.selectFrom('document').select('id').where('meeting_id', '=', meetingId).where('title', '=', title).where('kind', '=', 'report').executeTakeFirst();
}

export async function attachDocumentToItem(db: Queryable, documentId: number, agendaItemId: number): Promise<void> {
  await db.updateTable('document').set({ agenda_item_id: agendaItemId }).where('id', '=', documentId).execute();
}
