// A meeting's life after scheduling (primer §3): held, draft minutes published, minutes approved at a later
// meeting of the same body (with any amendments recorded), or cancelled / postponed with a reason.
import type { Actor } from '../../domain/types.js';
import { ValidationError } from '../../errors.js';
import { itemsWithoutMinute, unwrittenMinutesRefusal } from '../../domain/agenda.js';
import { formatDisplayDate } from '../../domain/display.js';
import { recordAudit } from '../audit.js';
import type { Queryable } from '../db.js';
import { setMeetingStatus } from '../meetings.js';

async function meetingOf(db: Queryable, meetingId: number) {
  const m = await db.selectFrom('meeting').selectAll().where('id', '=', meetingId).executeTakeFirst();
  if (!m) throw new ValidationError(`there is no meeting ${meetingId}`, 'meeting');
  return m;
}

/**
 * The meeting took place. A meeting whose agenda was never published (the law requires it five clear working days
 * before) is marked held only with the clerk's recorded reason, kept as the status reason and in the audit log.
 */
export async function markHeld(db: Queryable, actor: Actor, meetingId: number, today: string, withoutAgendaReason: string | null = null): Promise<void> {
  const m = await meetingOf(db, meetingId);
  if (m.status !== 'scheduled' && m.status !== 'agenda-published') throw new ValidationError(`a meeting that is ${m.status.replace(/-/g, ' ')} cannot be marked as held`, 'status');
  if (m.date > today) throw new ValidationError(`the meeting is on ${formatDisplayDate(m.date)}; it can be marked as held from that day`, 'status');
  const reason = withoutAgendaReason?.trim() || null;
  if (m.status === 'scheduled' && !reason) {
    throw new ValidationError('its agenda was never published; publish the agenda, or record why the meeting went ahead without a published agenda', 'heldReason');
  }
  await setMeetingStatus(db, actor, meetingId, 'held', m.status === 'scheduled' ? `held without a published agenda: ${reason}` : null);
}

export async function cancelOrPostpone(db: Queryable, actor: Actor, meetingId: number, status: 'cancelled' | 'postponed', reason: string): Promise<void> {
  const m = await meetingOf(db, meetingId);
  if (m.status !== 'scheduled' && m.status !== 'agenda-published') throw new ValidationError(`a meeting that is ${m.status.replace(/-/g, ' ')} cannot be ${status}`, 'status');
  await setMeetingStatus(db, actor, meetingId, status, reason);
}

/**
 * Publishes the draft minutes of a held meeting. Items taken at the meeting that still have no minute are named and
 * the minutes refused, unless the clerk confirms publishing without them (`withoutUnwritten`); the audit entry
 * records which items were left out.
 */
export async function publishDraftMinutes(db: Queryable, actor: Actor, meetingId: number, options: { withoutUnwritten?: boolean } = {}): Promise<void> {
  const m = await meetingOf(db, meetingId);
  if (m.status !== 'held') throw new ValidationError(m.status === 'minutes-drafted' ? 'the draft minutes are already published' : 'only the minutes of a meeting that has been held can be published', 'status');
  const [items, minutes] = await Promise.all([
    db.selectFrom('agenda_item').select(['id', 'code', 'withdrawn', 'deferred_to_meeting_id']).where('meeting_id', '=', meetingId).orderBy('position').execute(),
    db.selectFrom('minute').select('agenda_item_id').where('meeting_id', '=', meetingId).execute(),
  ]);
  if (!minutes.length) throw new ValidationError('write at least one minute before publishing the draft minutes', 'status');
  const unwritten = itemsWithoutMinute(items, minutes.map((x) => x.agenda_item_id)).map((i) => i.code);
  if (unwritten.length && !options.withoutUnwritten) throw new ValidationError(unwrittenMinutesRefusal(unwritten), 'withoutUnwritten');
  await setMeetingStatus(db, actor, meetingId, 'minutes-drafted');
  await recordAudit(db, actor, {
    action: 'publish', entity: 'minutes', entityId: meetingId,
    summary: `Published the draft minutes of the meeting on ${m.date}${unwritten.length ? `, confirmed without minutes for item${unwritten.length === 1 ? '' : 's'} ${unwritten.join(', ')}` : ''}`,
    ...(unwritten.length ? { after: { withoutMinutes: unwritten } } : {}),
  });
}

/** Meetings of the same body after this one, at which its minutes may be approved. */
export function laterMeetings(db: Queryable, meetingId: number, bodyId: number, date: string) {
  return db.selectFrom('meeting').select(['id', 'date', 'status']).where('body_id', '=', bodyId).where('id', '!=', meetingId)
    .where('date', '>', date).where('status', 'not in', ['cancelled', 'postponed']).orderBy('date').execute();
}

export async function approveMinutes(db: Queryable, actor: Actor, meetingId: number, atMeetingId: number, amendments: string | null): Promise<void> {
  const m = await meetingOf(db, meetingId);
  if (m.status !== 'minutes-drafted') {
    throw new ValidationError(m.status === 'minutes-approved' ? 'these minutes are already approved' : 'publish the draft minutes before they are approved', 'atMeetingId');
  }
  const at = await meetingOf(db, atMeetingId);
  if (at.body_id !== m.body_id || at.date <= m.date) throw new ValidationError('minutes are approved at a later meeting of the same body', 'atMeetingId');
  await db.updateTable('meeting').set({ minutes_approved_at_meeting_id: atMeetingId, minutes_amendments: amendments }).where('id', '=', meetingId).execute();
  await setMeetingStatus(db, actor, meetingId, 'minutes-approved');
  await recordAudit(db, actor, {
    action: 'approve', entity: 'minutes', entityId: meetingId,
    summary: `Minutes of ${m.date} approved at the meeting on ${at.date}${amendments ? ', subject to amendments' : ''}`,
    before: { minutes_approved_at_meeting_id: m.minutes_approved_at_meeting_id, minutes_amendments: m.minutes_amendments },
    after: { minutes_approved_at_meeting_id: atMeetingId, minutes_amendments: amendments },
  });
}
