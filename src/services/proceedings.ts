// What happened at a meeting: attendance, declarations of interest, minutes (numbered from the body's sequence),
// draft minutes published and approved minutes.
import { apologiesMinute } from '../domain/agenda.js';
import * as proceedings from '../store/proceedings.js';
import { styledAttendance } from '../store/read/people.js';
import * as declarations from '../store/workspace/declarations.js';
import * as life from '../store/workspace/meeting-life.js';
import * as minutes from '../store/workspace/minutes.js';
import { publishMinutesIn } from './publication/publish.js';
import type { Queryable, Tx } from '../store/db.js';
import { unitOfWork, type Actor } from './unit.js';

export { getAttendance, getDeclarations, getMinutes, type AttendanceEntry, type DeclarationEntry, type MinuteEntry } from '../store/proceedings.js';
export type { NewDeclaration } from '../store/workspace/declarations.js';
export type { MinuteFields } from '../store/workspace/minutes.js';

export const recordAttendance = unitOfWork(proceedings.recordAttendance);

/** The apologies minute a clerk starts from: apologies and substitutes from the recorded attendance, named in the council's style. */
export async function apologiesMinuteOf(db: Queryable, meetingId: number): Promise<string[]> {
  return apologiesMinute(await styledAttendance(db, await proceedings.getAttendance(db, meetingId)));
}
export const recordDeclarations = unitOfWork(proceedings.recordDeclarations);
export const recordMinutes = unitOfWork(proceedings.recordMinutes);
export const addDeclaration = unitOfWork(declarations.addDeclaration);
export const removeDeclaration = unitOfWork(declarations.removeDeclaration);
export const saveMinute = unitOfWork(minutes.saveMinute);
/**
 * Publishes the draft minutes, and prints them (minutes.pdf) in the same transaction. Refused while items taken at
 * the meeting have no minute, naming them, unless `withoutUnwritten` confirms publishing without them.
 */
export const publishDraftMinutes = unitOfWork(async (tx: Tx, actor: Actor, meetingId: number, options: { withoutUnwritten?: boolean } = {}) => {
  await life.publishDraftMinutes(tx, actor, meetingId, options);
  await publishMinutesIn(tx, actor, meetingId);
});
/** Approves the minutes; a new version of the printed minutes says so, and at which meeting. */
export const approveMinutes = unitOfWork(async (tx: Tx, actor: Actor, meetingId: number, atMeetingId: number, amendments: string | null) => {
  await life.approveMinutes(tx, actor, meetingId, atMeetingId, amendments);
  await publishMinutesIn(tx, actor, meetingId);
});
