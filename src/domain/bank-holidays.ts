// England and Wales bank holidays, computed from the rules of the Banking and Financial Dealings
// Act 1971 and the royal proclamations that moved or added days. Agenda and call-in deadlines
// count working days, so a wrong holiday here silently makes a deadline wrong.
// 2011 onwards is checked against the GOV.UK list; the earlier one-offs and moves (1973, 1977, 1995)
// come from the proclamations as reported in Hansard and secondary sources.
import { addDays, assertIsoDate, dayOfWeek, isoDate, nthWeekdayOfMonth, yearOf, type IsoDate } from './dates.js';

export interface BankHoliday {
  date: IsoDate;
  name: string;
}

export const FIRST_SUPPORTED_YEAR = 1971;
export const LAST_SUPPORTED_YEAR = 2100;

const MONDAY = 1;
const SATURDAY = 6;
const SUNDAY = 0;
const FRIDAY = 5;

/** One-off holidays proclaimed for a single year. */
const SPECIAL_HOLIDAYS: readonly BankHoliday[] = [
  { date: '1973-11-14', name: 'Wedding of Princess Anne and Mark Phillips' },
  { date: '1977-06-07', name: 'Silver Jubilee of Queen Elizabeth II' },
  { date: '1981-07-29', name: 'Wedding of Prince Charles and Lady Diana Spencer' },
  { date: '1999-12-31', name: 'Millennium celebrations' },
  { date: '2002-06-03', name: 'Golden Jubilee of Queen Elizabeth II' },
  { date: '2011-04-29', name: 'Wedding of Prince William and Catherine Middleton' },
  { date: '2012-06-05', name: 'Diamond Jubilee of Queen Elizabeth II' },
  { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
  { date: '2022-09-19', name: 'State Funeral of Queen Elizabeth II' },
  { date: '2023-05-08', name: 'Coronation of King Charles III' },
];

/** Years in which a regular holiday was moved by proclamation. */
const EARLY_MAY_MOVED: Readonly<Record<number, IsoDate>> = {
  1995: '1995-05-08', // 50th anniversary of VE Day
  2020: '2020-05-08', // 75th anniversary of VE Day (a Friday)
};
const SPRING_MOVED: Readonly<Record<number, IsoDate>> = {
  1977: '1977-06-06', // Silver Jubilee weekend
  2002: '2002-06-04', // Golden Jubilee weekend
  2012: '2012-06-04', // Diamond Jubilee weekend
  2022: '2022-06-02', // Platinum Jubilee weekend (a Thursday)
};

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(
      `bank holidays are known for the years ${FIRST_SUPPORTED_YEAR} to ${LAST_SUPPORTED_YEAR}; got ${year}`,
    );
  }
}

/** Monday after a weekend date, or the date itself on a weekday. */
function nextMondayIfWeekend(d: IsoDate): IsoDate {
  const w = dayOfWeek(d);
  return w === SATURDAY ? addDays(d, 2) : w === SUNDAY ? addDays(d, 1) : d;
}

function christmasHolidays(year: number): BankHoliday[] {
  const christmas = isoDate(year, 12, 25);
  // Christmas on Saturday: Monday 27 and Tuesday 28 are substitutes for both days.
  // Christmas on Sunday: Boxing Day stays on Monday 26 and Christmas moves to Tuesday 27.
  // Christmas on Friday: Boxing Day (Saturday) moves to Monday 28.
  switch (dayOfWeek(christmas)) {
    case SATURDAY:
      return [
        { date: isoDate(year, 12, 27), name: 'Christmas Day (substitute day)' },
        { date: isoDate(year, 12, 28), name: 'Boxing Day (substitute day)' },
      ];
    case SUNDAY:
      return [
        { date: isoDate(year, 12, 26), name: 'Boxing Day' },
        { date: isoDate(year, 12, 27), name: 'Christmas Day (substitute day)' },
      ];
    case FRIDAY:
      return [
        { date: christmas, name: 'Christmas Day' },
        { date: isoDate(year, 12, 28), name: 'Boxing Day (substitute day)' },
      ];
    default:
      return [
        { date: christmas, name: 'Christmas Day' },
        { date: isoDate(year, 12, 26), name: 'Boxing Day' },
      ];
  }
}

const cache = new Map<number, { list: readonly BankHoliday[]; byDate: ReadonlyMap<IsoDate, BankHoliday> }>();

function computeYear(year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const days: BankHoliday[] = [];
  if (year >= 1974) {
    const ny = isoDate(year, 1, 1);
    const observed = nextMondayIfWeekend(ny);
    days.push({ date: observed, name: observed === ny ? "New Year's Day" : "New Year's Day (substitute day)" });
  }
  days.push({ date: addDays(easter, -2), name: 'Good Friday' });
  days.push({ date: addDays(easter, 1), name: 'Easter Monday' });
  if (year >= 1978) {
    days.push({ date: EARLY_MAY_MOVED[year] ?? nthWeekdayOfMonth(year, 5, MONDAY, 1), name: 'Early May bank holiday' });
  }
  days.push({ date: SPRING_MOVED[year] ?? nthWeekdayOfMonth(year, 5, MONDAY, -1), name: 'Spring bank holiday' });
  days.push({ date: nthWeekdayOfMonth(year, 8, MONDAY, -1), name: 'Summer bank holiday' });
  days.push(...christmasHolidays(year));
  days.push(...SPECIAL_HOLIDAYS.filter((h) => yearOf(h.date) === year));
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function yearEntry(year: number) {
  checkYear(year);
  let entry = cache.get(year);
  if (!entry) {
    const list = Object.freeze(computeYear(year).map((d) => Object.freeze(d)));
    entry = { list, byDate: new Map(list.map((h) => [h.date, h])) };
    cache.set(year, entry);
  }
  return entry;
}

/**
 * The bank holidays of England and Wales in a year, in date order. New Year's Day counts from
 * 1974 and the Early May bank holiday from 1978, when they were introduced. Christmas Day and
 * Good Friday are common-law holidays but are listed, as GOV.UK does, because offices close.
 */
export function bankHolidays(year: number): BankHoliday[] {
  return yearEntry(year).list.map((d) => ({ ...d }));
}

/** The bank holiday on a date, or null. */
export function bankHolidayOn(date: IsoDate): BankHoliday | null {
  assertIsoDate(date, 'date');
  const h = yearEntry(yearOf(date)).byDate.get(date);
  return h ? { ...h } : null;
}

export function isBankHoliday(date: IsoDate): boolean {
  assertIsoDate(date, 'date');
  return yearEntry(yearOf(date)).byDate.has(date);
}
