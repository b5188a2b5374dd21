// Working days and the statutory deadlines counted in them (primer §3 and §4).
// "Clear days" exclude both the day something happens and the day of the event it leads to.
import { isBankHoliday } from './bank-holidays.js';
import { addDays, assertIsoDate, daysBetween, isWeekend, type IsoDate } from './dates.js';

export interface WorkingCalendarOptions {
  /** Days the council's offices are closed beyond weekends and bank holidays (e.g. 29–31 December). */
  extraClosures?: IsoDate[];
}

export interface WorkingCalendar {
  readonly extraClosures: readonly IsoDate[];
  isWorkingDay(d: IsoDate): boolean;
  /** n > 0: the n-th working day after d; n < 0: the |n|-th working day before d; n = 0: d itself. */
  addWorkingDays(d: IsoDate, n: number): IsoDate;
  /** Working days strictly between a and b (neither end counts); 0 when b is not after a. */
  clearWorkingDaysBetween(a: IsoDate, b: IsoDate): number;
  /** Latest working day on which the agenda may be published leaving `clearDays` clear working days. */
  agendaPublicationDeadline(meetingDate: IsoDate, clearDays?: number): IsoDate;
  isPublishedInTime(publishedOn: IsoDate, meetingDate: IsoDate, clearDays?: number): boolean;
  /** Latest date for the key-decision (forward plan) notice: `clearDays` clear calendar days before. */
  keyDecisionNoticeDeadline(decisionDate: IsoDate, clearDays?: number): IsoDate;
  isKeyDecisionNoticeInTime(noticeOn: IsoDate, decisionDate: IsoDate, clearDays?: number): boolean;
  /** Last day on which a call-in can be made: the `clearWorkingDays`-th working day after publication. */
  callInWindowEnd(decisionPublishedOn: IsoDate, clearWorkingDays?: number): IsoDate;
  /** First working day on which a decision not called in may be implemented. */
  implementableFrom(decisionPublishedOn: IsoDate, clearWorkingDays?: number): IsoDate;
  /** True from the day of publication to the end of the call-in window, inclusive. */
  isWithinCallInWindow(date: IsoDate, publishedOn: IsoDate, clearWorkingDays?: number): boolean;
}

export const DEFAULT_AGENDA_CLEAR_DAYS = 5;
export const DEFAULT_KEY_DECISION_CLEAR_DAYS = 28;
export const DEFAULT_CALL_IN_CLEAR_DAYS = 5;

function checkCount(n: number, field: string, allowNegative = false): void {
  if (!Number.isInteger(n) || (!allowNegative && n < 0)) {
    throw new RangeError(`${field} must be a${allowNegative ? 'n' : ' non-negative'} integer, got ${n}`);
  }
}

export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const closures = (options.extraClosures ?? []).map((d, i) => {
    assertIsoDate(d, `extraClosures[${i}]`);
    return d;
  });
  const closed = new Set(closures);

  const isWorkingDay = (d: IsoDate): boolean => {
    assertIsoDate(d, 'date');
    return !isWeekend(d) && !closed.has(d) && !isBankHoliday(d);
  };

  const addWorkingDays = (d: IsoDate, n: number): IsoDate => {
    assertIsoDate(d, 'date');
    checkCount(n, 'number of working days', true);
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let day = d;
    while (left > 0) {
      day = addDays(day, step);
      if (isWorkingDay(day)) left--;
    }
    return day;
  };

  const clearWorkingDaysBetween = (a: IsoDate, b: IsoDate): number => {
    assertIsoDate(a, 'from date');
    assertIsoDate(b, 'to date');
    let count = 0;
    for (let day = addDays(a, 1); day < b; day = addDays(day, 1)) {
      if (isWorkingDay(day)) count++;
    }
    return count;
  };

  const agendaPublicationDeadline = (meetingDate: IsoDate, clearDays = DEFAULT_AGENDA_CLEAR_DAYS): IsoDate => {
    assertIsoDate(meetingDate, 'meeting date');
    checkCount(clearDays, 'clear days');
    // The clearDays working days before the meeting must all fall after publication, so the
    // latest publishing day is the working day before them.
    return addWorkingDays(meetingDate, -(clearDays + 1));
  };

  const isPublishedInTime = (publishedOn: IsoDate, meetingDate: IsoDate, clearDays = DEFAULT_AGENDA_CLEAR_DAYS) => {
    checkCount(clearDays, 'clear days');
    return clearWorkingDaysBetween(publishedOn, meetingDate) >= clearDays;
  };

  const keyDecisionNoticeDeadline = (decisionDate: IsoDate, clearDays = DEFAULT_KEY_DECISION_CLEAR_DAYS): IsoDate => {
    assertIsoDate(decisionDate, 'decision date');
    checkCount(clearDays, 'clear days');
    // Calendar days, not working days: the notice is published on the web and the law counts every day.
    return addDays(decisionDate, -(clearDays + 1));
  };

  const isKeyDecisionNoticeInTime = (
    noticeOn: IsoDate,
    decisionDate: IsoDate,
    clearDays = DEFAULT_KEY_DECISION_CLEAR_DAYS,
  ): boolean => {
    assertIsoDate(noticeOn, 'notice date');
    return noticeOn <= keyDecisionNoticeDeadline(decisionDate, clearDays);
  };

  const callInWindowEnd = (decisionPublishedOn: IsoDate, clearWorkingDays = DEFAULT_CALL_IN_CLEAR_DAYS): IsoDate => {
    assertIsoDate(decisionPublishedOn, 'decision publication date');
    checkCount(clearWorkingDays, 'clear working days');
    if (clearWorkingDays === 0) return decisionPublishedOn;
    return addWorkingDays(decisionPublishedOn, clearWorkingDays);
  };

  const implementableFrom = (decisionPublishedOn: IsoDate, clearWorkingDays = DEFAULT_CALL_IN_CLEAR_DAYS) =>
    addWorkingDays(callInWindowEnd(decisionPublishedOn, clearWorkingDays), 1);

  const isWithinCallInWindow = (
    date: IsoDate,
    publishedOn: IsoDate,
    clearWorkingDays = DEFAULT_CALL_IN_CLEAR_DAYS,
  ): boolean => {
    assertIsoDate(date, 'date');
    return date >= publishedOn && date <= callInWindowEnd(publishedOn, clearWorkingDays);
  };

  return Object.freeze({
    extraClosures: Object.freeze([...closures].sort()),
    isWorkingDay,
    addWorkingDays,
    clearWorkingDaysBetween,
    agendaPublicationDeadline,
    isPublishedInTime,
    keyDecisionNoticeDeadline,
    isKeyDecisionNoticeInTime,
    callInWindowEnd,
    implementableFrom,
    isWithinCallInWindow,
  });
}

/** The working days from 27 to 31 December, when many councils close between Christmas and New Year. */
export function christmasShutdown(year: number): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = `${year}-12-27`; daysBetween(d, `${year + 1}-01-01`) > 0; d = addDays(d, 1)) {
    if (!isWeekend(d) && !isBankHoliday(d)) days.push(d);
  }
  return days;
}
