// Shared fast-check generators for the domain tests.
import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from '../../src/domain/dates.js';

export const FIRST_DAY = toDayNumber('1972-01-01');
export const LAST_DAY = toDayNumber('2099-06-30');

/** Any date comfortably inside the years the bank-holiday rules cover. */
export const isoDateArb = fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map(fromDayNumber);

/** A date plus up to `n` days of council closures scattered around it. */
export const closuresNear = (n = 8) =>
  fc
    .tuple(fc.integer({ min: FIRST_DAY + 400, max: LAST_DAY - 400 }), fc.array(fc.integer({ min: -60, max: 60 }), { maxLength: n }))
    .map(([day, offsets]) => ({ date: fromDayNumber(day), closures: offsets.map((o) => fromDayNumber(day + o)) }));
