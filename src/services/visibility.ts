// What the public and each viewer may see of meetings, papers and decisions: the read side of the one rule
// (src/domain/visibility.ts), for adapters that decide what to list or link.
export { agendaPublished, documentPublished, meetingHeld, minutesPublished, PUBLIC_DECISION_STATUSES, seesExempt, isPublic } from '../store/read/visibility.js';
export { exemptLabel, packFileName } from '../store/read/meeting-page.js';
export { itemExempt, paperExempt } from '../domain/visibility.js';
