// Dates and times as a council's pages show them (the rule lives in domain/display.ts, shared with feeds and emails).
export { displayDatesIn, formatDisplayDate, formatDisplayDateTime, formatDisplayTime, formatTimeSlot } from '../domain/display.js';
