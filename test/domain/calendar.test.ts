import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { christmasShutdown, createWorkingCalendar } from '../../src/domain/calendar.js';
import { addDays, isWeekend } from '../../src/domain/dates.js';
import { isBankHoliday } from '../../src/domain/bank-holidays.js';
import { closuresNear, isoDateArb } from './arbitraries.js';

const cal = createWorkingCalendar();

describe('working calendar: examples from real Kent packs', () => {
  // Each of these agendas was published on the last day the five-clear-working-day rule allowed.
  const packs = [
    { meeting: '2012-01-09', published: '2011-12-29' }, // Cabinet: across Christmas and New Year
    { meeting: '2012-07-09', published: '2012-06-29' }, // Cabinet
    { meeting: '2016-09-08', published: '2016-08-31' }, // Policy and Resources: across the summer bank holiday
  ];
  for (const { meeting, published } of packs) {
    it(`agenda for ${meeting} published ${published} is exactly on the deadline`, () => {
      expect(cal.agendaPublicationDeadline(meeting)).toBe(published);
      expect(cal.clearWorkingDaysBetween(published, meeting)).toBe(5);
      expect(cal.isPublishedInTime(published, meeting)).toBe(true);
      expect(cal.isPublishedInTime(cal.addWorkingDays(published, 1), meeting)).toBe(false);
    });
  }

  it('a Christmas shutdown pulls the deadline back before Christmas', () => {
    expect(christmasShutdown(2011)).toEqual(['2011-12-28', '2011-12-29', '2011-12-30']);
    const shut = createWorkingCalendar({ extraClosures: christmasShutdown(2011) });
    expect(shut.isWorkingDay('2011-12-29')).toBe(false);
    expect(shut.agendaPublicationDeadline('2012-01-09')).toBe('2011-12-22');
    expect(shut.isPublishedInTime('2011-12-29', '2012-01-09')).toBe(false);
    expect(shut.extraClosures).toEqual(['2011-12-28', '2011-12-29', '2011-12-30']);
  });

  it('counts neither the day of publication nor the day of the meeting', () => {
    expect(cal.clearWorkingDaysBetween('2012-01-02', '2012-01-03')).toBe(0);
    expect(cal.clearWorkingDaysBetween('2012-01-03', '2012-01-05')).toBe(1);
    expect(cal.clearWorkingDaysBetween('2012-01-05', '2012-01-03')).toBe(0);
  });

  it('key decision notice: 28 clear calendar days', () => {
    expect(cal.keyDecisionNoticeDeadline('2012-01-09')).toBe('2011-12-11');
    expect(cal.isKeyDecisionNoticeInTime('2011-12-11', '2012-01-09')).toBe(true);
    expect(cal.isKeyDecisionNoticeInTime('2011-12-12', '2012-01-09')).toBe(false);
  });

  it('call-in: five clear working days after publication, then implementation', () => {
    // Published Friday 16 December 2011; Christmas and Boxing Day substitutes on 26 and 27 December.
    expect(cal.callInWindowEnd('2011-12-16')).toBe('2011-12-23');
    expect(cal.implementableFrom('2011-12-16')).toBe('2011-12-28');
    expect(cal.isWithinCallInWindow('2011-12-16', '2011-12-16')).toBe(true);
    expect(cal.isWithinCallInWindow('2011-12-23', '2011-12-16')).toBe(true);
    expect(cal.isWithinCallInWindow('2011-12-24', '2011-12-16')).toBe(false);
    expect(cal.isWithinCallInWindow('2011-12-15', '2011-12-16')).toBe(false);
    // Published on a Saturday: the window still needs five working days.
    expect(cal.callInWindowEnd('2016-08-27')).toBe('2016-09-05'); // 30, 31 Aug, 1, 2, 5 Sep: Monday 29 August is a bank holiday
  });

  it('explains bad input', () => {
    expect(() => createWorkingCalendar({ extraClosures: ['2011-12-28', '28/12/2011'] })).toThrow(
      /extraClosures\[1\]: "28\/12\/2011" is not a calendar date/,
    );
    expect(() => cal.agendaPublicationDeadline('2012-01-09', -1)).toThrow(/clear days must be a non-negative integer/);
    expect(() => cal.addWorkingDays('2012-01-09', 1.5)).toThrow(/must be an integer/);
    expect(() => cal.isWorkingDay('2012-02-30')).toThrow(/date: "2012-02-30"/);
  });
});

describe('working calendar: properties', () => {
  const clearDaysArb = fc.integer({ min: 1, max: 12 });

  it('the agenda deadline is a working day leaving enough clear days, and one working day later is too late', () => {
    fc.assert(
      fc.property(closuresNear(), clearDaysArb, ({ date: meeting, closures }, clearDays) => {
        const c = createWorkingCalendar({ extraClosures: closures });
        const deadline = c.agendaPublicationDeadline(meeting, clearDays);
        expect(deadline < meeting).toBe(true);
        expect(c.isWorkingDay(deadline)).toBe(true);
        expect(c.clearWorkingDaysBetween(deadline, meeting)).toBeGreaterThanOrEqual(clearDays);
        expect(c.isPublishedInTime(deadline, meeting, clearDays)).toBe(true);
        const later = c.addWorkingDays(deadline, 1);
        expect(c.clearWorkingDaysBetween(later, meeting)).toBeLessThan(clearDays);
        expect(c.isPublishedInTime(later, meeting, clearDays)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('addWorkingDays lands on a working day (never weekend, holiday or closure) n working days away', () => {
    fc.assert(
      fc.property(closuresNear(), fc.integer({ min: -25, max: 25 }).filter((n) => n !== 0), ({ date, closures }, n) => {
        const c = createWorkingCalendar({ extraClosures: closures });
        const r = c.addWorkingDays(date, n);
        expect(isWeekend(r)).toBe(false);
        expect(isBankHoliday(r)).toBe(false);
        expect(closures).not.toContain(r);
        if (n > 0) {
          expect(r > date).toBe(true);
          expect(c.clearWorkingDaysBetween(date, r)).toBe(n - 1);
        } else {
          expect(r < date).toBe(true);
          expect(c.clearWorkingDaysBetween(r, date)).toBe(-n - 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('addWorkingDays is monotonic in both arguments and undone by its inverse from a working day', () => {
    fc.assert(
      fc.property(
        isoDateArb,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        (d, gap, n, m) => {
          const d2 = addDays(d, gap);
          expect(cal.addWorkingDays(d, n) <= cal.addWorkingDays(d2, n)).toBe(true);
          expect(cal.addWorkingDays(d, n) < cal.addWorkingDays(d, n + m + 1)).toBe(true);
          const w = cal.isWorkingDay(d) ? d : cal.addWorkingDays(d, 1);
          expect(cal.addWorkingDays(cal.addWorkingDays(w, n), -n)).toBe(w);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('clear working days add up across a working day in between', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (a, i, j) => {
        const b = cal.addWorkingDays(a, i);
        const c = cal.addWorkingDays(b, j);
        expect(cal.clearWorkingDaysBetween(a, c)).toBe(cal.clearWorkingDaysBetween(a, b) + 1 + cal.clearWorkingDaysBetween(b, c));
      }),
    );
  });

  it('call-in window: ends on a working day, implementation follows on the next working day', () => {
    fc.assert(
      fc.property(closuresNear(), fc.integer({ min: 0, max: 10 }), ({ date: published, closures }, k) => {
        const c = createWorkingCalendar({ extraClosures: closures });
        const end = c.callInWindowEnd(published, k);
        const from = c.implementableFrom(published, k);
        expect(c.isWorkingDay(from)).toBe(true);
        expect(from > end).toBe(true);
        expect(c.clearWorkingDaysBetween(published, from)).toBe(k);
        expect(c.clearWorkingDaysBetween(end, from)).toBe(0);
        if (k > 0) {
          expect(c.isWorkingDay(end)).toBe(true);
          expect(c.clearWorkingDaysBetween(published, end)).toBe(k - 1);
        }
        expect(c.isWithinCallInWindow(end, published, k)).toBe(true);
        expect(c.isWithinCallInWindow(published, published, k)).toBe(true);
        expect(c.isWithinCallInWindow(from, published, k)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('key decision deadline leaves exactly the clear calendar days', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 0, max: 60 }), (decision, clear) => {
        const deadline = cal.keyDecisionNoticeDeadline(decision, clear);
        expect(addDays(deadline, clear + 1)).toBe(decision);
        expect(cal.isKeyDecisionNoticeInTime(deadline, decision, clear)).toBe(true);
        expect(cal.isKeyDecisionNoticeInTime(addDays(deadline, 1), decision, clear)).toBe(false);
      }),
    );
  });
});
