import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankHolidayOn, bankHolidays, easterSunday, isBankHoliday } from '../../src/domain/bank-holidays.js';
import { dayOfWeek } from '../../src/domain/dates.js';

// England and Wales bank holidays as published on GOV.UK, written out by hand.
const PUBLISHED: Record<number, string[]> = {
  2011: ['01-03', '04-22', '04-25', '04-29', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2012: ['01-02', '04-06', '04-09', '05-07', '06-04', '06-05', '08-27', '12-25', '12-26'],
  2013: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2014: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2015: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2016: ['01-01', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2017: ['01-02', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2018: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
};

describe('England and Wales bank holidays', () => {
  for (const [year, days] of Object.entries(PUBLISHED)) {
    it(`matches the published list for ${year}`, () => {
      expect(bankHolidays(Number(year)).map((h) => h.date)).toEqual(days.map((d) => `${year}-${d}`));
    });
  }

  it('computes Easter Sunday', () => {
    const known: Record<number, string> = {
      1971: '1971-04-11',
      1981: '1981-04-19',
      2000: '2000-04-23',
      2008: '2008-03-23', // earliest in range
      2038: '2038-04-25', // latest possible
      2100: '2100-03-28',
    };
    for (const [y, d] of Object.entries(known)) expect(easterSunday(Number(y))).toBe(d);
  });

  it('names substitute days', () => {
    expect(bankHolidays(2021).slice(-2)).toEqual([
      { date: '2021-12-27', name: 'Christmas Day (substitute day)' },
      { date: '2021-12-28', name: 'Boxing Day (substitute day)' },
    ]);
    expect(bankHolidays(2022).slice(-2)).toEqual([
      { date: '2022-12-26', name: 'Boxing Day' },
      { date: '2022-12-27', name: 'Christmas Day (substitute day)' },
    ]);
    expect(bankHolidayOn('2011-01-03')?.name).toBe("New Year's Day (substitute day)");
    expect(bankHolidayOn('2020-05-08')?.name).toBe('Early May bank holiday');
    expect(bankHolidayOn('2022-09-19')?.name).toMatch(/Funeral/);
    expect(bankHolidayOn('2022-05-30')).toBeNull(); // spring holiday moved to 2 June
  });

  it('keeps the historical changes', () => {
    expect(isBankHoliday('1973-01-01')).toBe(false); // New Year's Day only from 1974
    expect(isBankHoliday('1974-01-01')).toBe(true);
    expect(bankHolidays(1977).map((h) => h.name)).not.toContain('Early May bank holiday'); // from 1978
    expect(isBankHoliday('1978-05-01')).toBe(true);
    expect(isBankHoliday('1995-05-08')).toBe(true);
    expect(isBankHoliday('1995-05-01')).toBe(false);
    expect(isBankHoliday('2020-05-04')).toBe(false);
    for (const d of ['1977-06-07', '1981-07-29', '1999-12-31', '2002-06-03', '2002-06-04', '2011-04-29', '2012-06-05', '2023-05-08']) {
      expect(isBankHoliday(d), d).toBe(true);
    }
    expect(isBankHoliday('1973-11-14')).toBe(true); // Princess Anne's wedding
    expect(bankHolidays(1977).map((h) => h.date)).toEqual([
      '1977-01-03', '1977-04-08', '1977-04-11', '1977-06-06', '1977-06-07', '1977-08-29', '1977-12-26', '1977-12-27',
    ]);
    expect(isBankHoliday('2002-05-27')).toBe(false);
    expect(isBankHoliday('2012-05-28')).toBe(false);
    expect(bankHolidays(1999).slice(-3).map((h) => h.date)).toEqual(['1999-12-27', '1999-12-28', '1999-12-31']);
    expect(bankHolidays(2000)[0].date).toBe('2000-01-03');
  });

  it('refuses years it does not know, saying which', () => {
    expect(() => bankHolidays(1970)).toThrow(/1971 to 2100; got 1970/);
    expect(() => isBankHoliday('2101-01-01')).toThrow(/got 2101/);
    expect(() => isBankHoliday('2012-02-30')).toThrow(/not a calendar date/);
  });

  it('returns copies, so callers cannot corrupt the cache', () => {
    const list = bankHolidays(2030);
    list[0].date = 'nonsense';
    list.pop();
    expect(bankHolidays(2030)[0].date).toBe('2030-01-01');
    expect(bankHolidays(2030)).toHaveLength(8);
  });

  it('every year: sorted unique weekdays, the eight regular holidays at least, none on a weekend', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1978, max: 2100 }), (year) => {
        const list = bankHolidays(year);
        const dates = list.map((h) => h.date);
        expect(new Set(dates).size).toBe(dates.length);
        expect([...dates].sort()).toEqual(dates);
        expect(list.length).toBeGreaterThanOrEqual(8);
        for (const d of dates) {
          expect(d.startsWith(`${year}-`)).toBe(true);
          expect([0, 6]).not.toContain(dayOfWeek(d));
        }
        const easter = easterSunday(year);
        expect(dayOfWeek(easter)).toBe(0);
        expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
