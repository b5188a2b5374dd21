import { describe, expect, it } from 'vitest';
import { displayDatesIn, formatDisplayDate, formatDisplayDateTime, formatDisplayTime, formatTimeSlot } from '../../src/domain/display.js';

describe('dates and times as UK councils write them', () => {
  it('writes dates with the day and times without a leading zero or ":00"', () => {
    expect(formatDisplayDate('2026-12-07')).toBe('Monday 7 December 2026');
    expect(formatDisplayDate('2026-12-07', false)).toBe('7 December 2026');
    expect(formatDisplayTime('10:00')).toBe('10am');
    expect(formatDisplayTime('14:30')).toBe('2:30pm');
  });
  it('writes a guest\'s time slot as a range in that style, and leaves other text alone', () => {
    expect(formatTimeSlot('10:30 - 11:15')).toBe('10:30am to 11:15am');
    expect(formatTimeSlot('11:15–12:00')).toBe('11:15am to 12pm');
    expect(formatTimeSlot('14:00')).toBe('2pm');
    expect(formatTimeSlot('after lunch ')).toBe('after lunch');
  });
  it('writes a recorded moment on the UK\'s clock (GMT in winter, BST in summer)', () => {
    expect(formatDisplayDateTime('2026-12-06T13:57:27.880Z')).toBe('Sunday 6 December 2026, 1:57pm');
    expect(formatDisplayDateTime('2026-07-01T09:00:00Z', false)).toBe('1 July 2026, 10am');
    expect(formatDisplayDateTime('2026-03-28T23:30:00Z')).toBe('Saturday 28 March 2026, 11:30pm');
    expect(formatDisplayDateTime('2026-03-29T23:30:00Z')).toBe('Monday 30 March 2026, 12:30am');
    expect(formatDisplayDateTime('2026-12-06 13:57:27')).toBe('Sunday 6 December 2026, 1:57pm');
    expect(formatDisplayDateTime('not yet')).toBe('not yet');
  });
  it('writes the ISO dates in recorded text as people write them, leaving file names and codes alone', () => {
    expect(displayDatesIn('Published agenda pack version 2 of Cabinet on 2026-12-07 (late: papers)')).toBe('Published agenda pack version 2 of Cabinet on Monday 7 December 2026 (late: papers)');
    expect(displayDatesIn('Record of Decision 26/00042; call-in ends 2026-04-20')).toBe('Record of Decision 26/00042; call-in ends Monday 20 April 2026');
    expect(displayDatesIn('Imported capital-2026-09-30.csv and minutes-2026-12-07')).toBe('Imported capital-2026-09-30.csv and minutes-2026-12-07');
  });
});
