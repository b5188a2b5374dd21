// What happened at a meeting: attendance, declarations of interest and the minutes, whose numbers continue
// within a body from meeting to meeting.
import { nextMinuteNumbers, tryParseMinuteNumber } from '../domain/numbering.js';
import type { Actor, AttendanceKind, InterestKind, RecordedVote, Resolution } from '../domain/types.js';
import { recordAudit } from './audit.js';
import type { Queryable } from './db.js';
import { bool } from './json.js';

export interface AttendanceEntry {
  personId?: number | null;
  name: string;
  kind: AttendanceKind;
  role?: string | null;
  substituteForPersonId?: number | null;
  substituteForName?: string | null;
  forItemId?: number | null;
}

/** Replaces the meeting's attendance record. */
export async function recordAttendance(db: Queryable, actor: Actor, meetingId: number, entries: AttendanceEntry[], options: { audit?: boolean } = {}): Promise<void> {
  await db.deleteFrom('attendance').where('meeting_id', '=', meetingId).execute();
  if (entries.length) {
    await db.insertInto('attendance').values(entries.map((e) => ({
      meeting_id: meetingId,
      person_id: e.personId ?? null,
      name_as_recorded: e.name,
      kind: e.kind,
      role: e.role ?? null,
      substitute_for_person_id: e.substituteForPersonId ?? null,
      substitute_for_name: e.substituteForName ?? null,
      for_item_id: e.forItemId ?? null,
    }))).execute();
  }
  if (options.audit !== false) await recordAudit(db, actor, { action: 'update', entity: 'attendance', entityId: meetingId, summary: `Attendance recorded (${entries.length})`, after: entries });
}

export function getAttendance(db: Queryable, meetingId: number) {
  return db.selectFrom('attendance').leftJoin('person', 'person.id', 'attendance.person_id')
    .selectAll('attendance').select(['person.slug as person_slug'])
    .where('attendance.meeting_id', '=', meetingId).orderBy('attendance.id').execute();
}

export interface DeclarationEntry {
  agendaItemId?: number | null;
  personId?: number | null;
  personName: string;
  kind: InterestKind;
  nature: string;
  dispensation?: string | null;
}

export async function recordDeclarations(db: Queryable, actor: Actor, meetingId: number, entries: DeclarationEntry[], options: { audit?: boolean } = {}): Promise<void> {
  await db.deleteFrom('declaration').where('meeting_id', '=', meetingId).execute();
  if (entries.length) {
    await db.insertInto('declaration').values(entries.map((d) => ({
      meeting_id: meetingId,
      agenda_item_id: d.agendaItemId ?? null,
      person_id: d.personId ?? null,
      person_name: d.personName,
      kind: d.kind,
      nature: d.nature,
      dispensation: d.dispensation ?? null,
    }))).execute();
  }
  if (options.audit !== false) await recordAudit(db, actor, { action: 'update', entity: 'declaration', entityId: meetingId, summary: `Declarations recorded (${entries.length})`, after: entries });
}

export function getDeclarations(db: Queryable, meetingId: number) {
  return db.selectFrom('declaration').leftJoin('agenda_item', 'agenda_item.id', 'declaration.agenda_item_id')
    .leftJoin('person', 'person.id', 'declaration.person_id')
    .selectAll('declaration').select(['agenda_item.code as item_code', 'agenda_item.title as item_title', 'person.slug as person_slug'])
    .where('declaration.meeting_id', '=', meetingId).orderBy('declaration.id').execute();
}

export interface MinuteEntry {
  agendaItemId?: number | null;
  /** As printed, for historic minutes; allocated from the body's sequence when absent. */
  number?: string | null;
  title: string;
  paragraphs?: string[];
  resolutions?: Resolution[];
  votes?: RecordedVote[];
  postMeetingNote?: string | null;
  exempt?: boolean;
}

/**
 * Replaces the meeting's minutes. Minutes without a printed number get the next numbers of the body's sequence;
 * the body's last number moves on to the highest number used.
 */
export async function recordMinutes(db: Queryable, actor: Actor, meetingId: number, entries: MinuteEntry[], options: { audit?: boolean } = {}): Promise<string[]> {
  const body = await db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id').select(['meeting.body_id', 'body.last_minute_number'])
    .where('meeting.id', '=', meetingId).executeTakeFirstOrThrow();
  const existing = await db.selectFrom('minute').select(['number', 'sequence']).where('meeting_id', '=', meetingId).orderBy('position').execute();
  // Re-recording keeps the numbers this meeting already had.
  const reused = existing.map((e) => e.sequence).filter((s): s is number => s !== null);
  // The body's sequence continues from its last number (or from the numbers this meeting had): the domain's rule.
  let last = reused.length ? Math.min(...reused) - 1 : body.last_minute_number;
  await db.deleteFrom('minute').where('meeting_id', '=', meetingId).execute();
  const numbers: string[] = [];
  let highest = body.last_minute_number;
  const rows = entries.map((e, i) => {
    const number = e.number?.trim() || String(nextMinuteNumbers(last, 1)[0]);
    const sequence = tryParseMinuteNumber(number)?.sequence ?? null;
    if (sequence !== null) {
      last = sequence;
      highest = Math.max(highest, sequence);
    }
    numbers.push(number);
    return {
      meeting_id: meetingId,
      agenda_item_id: e.agendaItemId ?? null,
      position: i + 1,
      number,
      sequence,
      title: e.title,
      paragraphs_json: JSON.stringify(e.paragraphs ?? []),
      resolutions_json: JSON.stringify(e.resolutions ?? []),
      votes_json: JSON.stringify(e.votes ?? []),
      post_meeting_note: e.postMeetingNote ?? null,
      exempt: bool(e.exempt),
    };
  });
  if (rows.length) await db.insertInto('minute').values(rows).execute();
  if (highest > body.last_minute_number) await db.updateTable('body').set({ last_minute_number: highest }).where('id', '=', body.body_id).execute();
  if (options.audit !== false) await recordAudit(db, actor, { action: 'update', entity: 'minutes', entityId: meetingId, summary: `Minutes ${numbers[0] ?? ''}–${numbers[numbers.length - 1] ?? ''} recorded`, before: existing, after: rows });
  return numbers;
}

export function getMinutes(db: Queryable, meetingId: number) {
  return db.selectFrom('minute').leftJoin('agenda_item', 'agenda_item.id', 'minute.agenda_item_id').leftJoin('agenda_section', 'agenda_section.id', 'agenda_item.section_id')
    .selectAll('minute').select(['agenda_item.code as item_code', 'agenda_item.exempt as item_exempt', 'agenda_section.exempt as section_exempt'])
    .where('minute.meeting_id', '=', meetingId).orderBy('minute.position').execute();
}
