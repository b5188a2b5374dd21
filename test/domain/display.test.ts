import { describe, expect, it } from 'vitest';
import { formatDisplayDate, formatDisplayTime, formatTimeSlot } from '../../src/domain/display.js';

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
});
