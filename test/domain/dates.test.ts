import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayOfWeek,
  daysBetween,
  fromDayNumber,
  isIsoDate,
  isoDate,
  nthWeekdayOfMonth,
  toDayNumber,
} from '../../src/domain/dates.js';

describe('ISO dates', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2012-01-09')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2012-1-9')).toBe(false);
    expect(isIsoDate('2012-01-09T00:00:00Z')).toBe(false);
    expect(isIsoDate(20120109)).toBe(false);
  });

  it('says which field was wrong', () => {
    expect(() => toDayNumber('2012-13-01', 'meeting date')).toThrow(/meeting date: "2012-13-01" is not a calendar date/);
  });

  it('knows the weekday', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2012-01-09')).toBe(1); // Cabinet met on a Monday
    expect(dayOfWeek('2011-12-29')).toBe(4);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2011-12-29', 11)).toBe('2012-01-09');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2012-01-09', -29)).toBe('2011-12-11');
    expect(daysBetween('2011-12-29', '2012-01-09')).toBe(11);
  });

  it('finds nth and last weekdays', () => {
    expect(nthWeekdayOfMonth(2012, 5, 1, 1)).toBe('2012-05-07');
    expect(nthWeekdayOfMonth(2021, 5, 1, -1)).toBe('2021-05-31');
    expect(nthWeekdayOfMonth(2015, 8, 1, -1)).toBe('2015-08-31');
  });

  it('round-trips day numbers and agrees with Date in UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const d = fromDayNumber(n);
        expect(toDayNumber(d)).toBe(n);
        expect(dayOfWeek(d)).toBe(new Date(`${d}T00:00:00Z`).getUTCDay());
        expect(addDays(d, 1) > d).toBe(true);
      }),
    );
  });

  it('builds dates from parts and refuses impossible ones', () => {
    expect(isoDate(2011, 1, 3)).toBe('2011-01-03');
    expect(() => isoDate(2011, 2, 30)).toThrow(/not a calendar date/);
  });
});
