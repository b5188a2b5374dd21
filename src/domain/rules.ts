// The domain rules in one import: dates, bank holidays, working calendar, numbering, KPI ratings, money, the executive cycle.
export * from './dates.js';
export * from './bank-holidays.js';
export * from './calendar.js';
export * from './numbering.js';
export * from './rag.js';
export * from './money.js';
export * from './executive.js';
