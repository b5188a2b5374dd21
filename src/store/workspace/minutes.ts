// Minutes written per agenda item. The meeting's minutes are kept in agenda order and numbered from the body's
// running sequence (recordMinutes): numbers continue from the body's previous meeting and never collide with
// those of another meeting.
import type { Actor, RecordedVote, Resolution } from '../../domain/types.js';
import { ValidationError } from '../../errors.js';
import type { Queryable } from '../db.js';
import { parseJson } from '../json.js';
import { recordMinutes, type MinuteEntry } from '../proceedings.js';
import { formatDisplayDate } from '../../domain/display.js';

export interface MinuteFields {
  title: string;
  paragraphs: string[];
  resolution: Resolution | null;
  votes: RecordedVote[];
  postMeetingNote: string | null;
}

const WRITABLE = new Set(['held', 'minutes-drafted']);

/** Saves the minute of one agenda item; returns the number it has. */
export async function saveMinute(db: Queryable, actor: Actor, meetingId: number, agendaItemId: number, f: MinuteFields): Promise<string> {
  const meeting = await db.selectFrom('meeting').select(['id', 'status', 'body_id', 'date']).where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) throw new ValidationError(`there is no meeting ${meetingId}`, 'meeting');
  if (!WRITABLE.has(meeting.status)) {
    throw new ValidationError(meeting.status === 'minutes-approved' ? 'these minutes have been approved and cannot be changed' : 'mark the meeting as held before writing its minutes', 'meeting');
  }
  const items = await db.selectFrom('agenda_item').leftJoin('agenda_section', 'agenda_section.id', 'agenda_item.section_id')
    .select(['agenda_item.id', 'agenda_item.exempt']).where('agenda_item.meeting_id', '=', meetingId)
    .orderBy('agenda_section.position').orderBy('agenda_item.position').orderBy('agenda_item.id').execute();
  const item = items.find((i) => i.id === agendaItemId);
  if (!item) throw new ValidationError('choose an item on this meeting\'s agenda', 'item');
  const existing = await db.selectFrom('minute').selectAll().where('meeting_id', '=', meetingId).execute();
  const entries = new Map<number | null, MinuteEntry>();
  for (const m of existing) {
    entries.set(m.agenda_item_id, {
      agendaItemId: m.agenda_item_id, title: m.title, paragraphs: parseJson<string[]>(m.paragraphs_json, []),
      resolutions: parseJson<Resolution[]>(m.resolutions_json, []), votes: parseJson<RecordedVote[]>(m.votes_json, []),
      postMeetingNote: m.post_meeting_note, exempt: m.exempt === 1,
    });
  }
  entries.set(agendaItemId, {
    agendaItemId, title: f.title, paragraphs: f.paragraphs, resolutions: f.resolution ? [f.resolution] : [], votes: f.votes,
    postMeetingNote: f.postMeetingNote, exempt: item.exempt === 1,
  });
  const order = new Map(items.map((it, i) => [it.id, i]));
  const ordered = [...entries.values()].sort((a, b) => (order.get(a.agendaItemId ?? -1) ?? 1e9) - (order.get(b.agendaItemId ?? -1) ?? 1e9));
  await checkNumbersFree(db, meeting, existing.map((m) => m.sequence).filter((s): s is number => s !== null), ordered.length);
  const numbers = await recordMinutes(db, actor, meetingId, ordered);
  return numbers[ordered.findIndex((e) => e.agendaItemId === agendaItemId)];
}

/** A meeting's minutes grow only into numbers no other meeting of the body has taken. */
async function checkNumbersFree(db: Queryable, meeting: { id: number; body_id: number }, used: number[], count: number): Promise<void> {
  if (!used.length || count <= used.length) return;
  const first = Math.min(...used);
  const clash = await db.selectFrom('minute').innerJoin('meeting', 'meeting.id', 'minute.meeting_id')
    .select(['minute.number', 'meeting.date']).where('meeting.body_id', '=', meeting.body_id).where('meeting.id', '!=', meeting.id)
    .where('minute.sequence', '>=', first).where('minute.sequence', '<=', first + count - 1).orderBy('minute.sequence').executeTakeFirst();
  if (clash) {
    throw new ValidationError(`a new minute would need number ${clash.number}, which the minutes of the meeting on ${formatDisplayDate(clash.date)} already use. Add the text to an existing minute instead`, 'title');
  }
}
