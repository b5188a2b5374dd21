// ISO calendar dates ('YYYY-MM-DD') as plain strings. All arithmetic goes through a day number
// (days since 1970-01-01 in UTC) so no local time zone or daylight-saving shift can move a date.
import type { IsoDate } from './types.js';

export type { IsoDate };

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Thrown for a string that is not a real calendar date in 'YYYY-MM-DD' form. */
export class InvalidDateError extends Error {
  constructor(
    readonly input: unknown,
    readonly field?: string,
  ) {
    super(`${field ? `${field}: ` : ''}${JSON.stringify(input)} is not a calendar date in the form YYYY-MM-DD`);
    this.name = 'InvalidDateError';
  }
}

function parts(d: string): [number, number, number] | null {
  const m = ISO_DATE.exec(d);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const day = Number(m[3]);
  if (mo < 1 || mo > 12 || day < 1 || day > daysInMonth(y, mo)) return null;
  return [y, mo, day];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** True for a real date written exactly as 'YYYY-MM-DD' (so '2023-02-29' is false). */
export function isIsoDate(d: unknown): d is IsoDate {
  return typeof d === 'string' && parts(d) !== null;
}

/** Throws InvalidDateError (naming `field` when given) unless `d` is a real ISO date. */
export function assertIsoDate(d: unknown, field?: string): asserts d is IsoDate {
  if (!isIsoDate(d)) throw new InvalidDateError(d, field);
}

/** Builds a date from numeric parts; month is 1-based. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  const d = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  assertIsoDate(d);
  return d;
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(d: IsoDate, field?: string): number {
  const p = parts(d);
  if (!p) throw new InvalidDateError(d, field);
  const t = new Date(0);
  t.setUTCFullYear(p[0], p[1] - 1, p[2]); // setUTCFullYear keeps years 0–99 literal, unlike Date.UTC
  return Math.round(t.getTime() / MS_PER_DAY);
}

export function fromDayNumber(n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`day number must be an integer, got ${n}`);
  const t = new Date(n * MS_PER_DAY);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(d) + n);
}

/** Calendar days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay. */
export function dayOfWeek(d: IsoDate): number {
  return (((toDayNumber(d) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function isWeekend(d: IsoDate): boolean {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
}

export function yearOf(d: IsoDate): number {
  const p = parts(d);
  if (!p) throw new InvalidDateError(d);
  return p[0];
}

/** Negative, zero or positive, for sorting. Valid ISO dates compare correctly as strings. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The n-th (1-based) given weekday of a month; n = -1 for the last one. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): IsoDate {
  if (n > 0) {
    const first = isoDate(year, month, 1);
    const offset = (weekday - dayOfWeek(first) + 7) % 7;
    const day = 1 + offset + (n - 1) * 7;
    if (day > daysInMonth(year, month)) throw new RangeError(`${year}-${month} has no weekday ${weekday} number ${n}`);
    return isoDate(year, month, day);
  }
  if (n !== -1) throw new RangeError(`n must be positive or -1, got ${n}`);
  const last = isoDate(year, month, daysInMonth(year, month));
  return addDays(last, -((dayOfWeek(last) - weekday + 7) % 7));
}
