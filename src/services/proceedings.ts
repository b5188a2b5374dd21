// What happened at a meeting: attendance, declarations of interest, minutes (numbered from the body's sequence),
// draft minutes published and approved minutes.
import * as proceedings from '../store/proceedings.js';
import * as declarations from '../store/workspace/declarations.js';
import * as life from '../store/workspace/meeting-life.js';
import * as minutes from '../store/workspace/minutes.js';
import { unitOfWork } from './unit.js';

export { getAttendance, getDeclarations, getMinutes, type AttendanceEntry, type DeclarationEntry, type MinuteEntry } from '../store/proceedings.js';
export type { NewDeclaration } from '../store/workspace/declarations.js';
export type { MinuteFields } from '../store/workspace/minutes.js';

export const recordAttendance = unitOfWork(proceedings.recordAttendance);
export const recordDeclarations = unitOfWork(proceedings.recordDeclarations);
export const recordMinutes = unitOfWork(proceedings.recordMinutes);
export const addDeclaration = unitOfWork(declarations.addDeclaration);
export const removeDeclaration = unitOfWork(declarations.removeDeclaration);
export const saveMinute = unitOfWork(minutes.saveMinute);
export const publishDraftMinutes = unitOfWork(life.publishDraftMinutes);
export const approveMinutes = unitOfWork(life.approveMinutes);
