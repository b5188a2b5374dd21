// The agenda: sections and items, their order, withdrawal and deferral, guests, and reports assigned to authors.
import type { Actor } from '../domain/types.js';
import { ValidationError } from '../errors.js';
import { recordAudit } from '../store/audit.js';
import { insertAgenda, type NewAgendaSection } from '../store/meetings.js';
import * as agenda from '../store/workspace/agenda.js';
import * as assign from '../store/workspace/assign-report.js';
import { unitOfWork } from './unit.js';

export { loadAgenda, type AgendaSectionView, type ItemFields, type ItemGuest } from '../store/workspace/agenda.js';
export { reportAuthors, itemReports, type Assignment } from '../store/workspace/assign-report.js';
export { papersByItem, meetingDates, meetingsOpenForItems } from '../store/workspace/pages.js';
export { agendaItemsOf, getAgendaItem } from '../store/meetings.js';
export type { NewAgendaSection, NewAgendaItem } from '../store/meetings.js';

export const addSection = unitOfWork(agenda.addSection);
export const addItem = unitOfWork(agenda.addItem);
export const updateItem = unitOfWork(agenda.updateItem);
export const moveItem = unitOfWork(agenda.moveItem);
export const setWithdrawn = unitOfWork(agenda.setWithdrawn);
export const deferItem = unitOfWork(agenda.deferItem);
export const assignReport = unitOfWork(assign.assignReport);

/** Adds a section with its items to a meeting's agenda (an exempt item must give its paragraph of Schedule 12A), audited. */
export const addSectionWithItems = unitOfWork(async (tx, actor: Actor, meetingId: number, section: NewAgendaSection) => {
  section.items.forEach((it, i) => {
    if ((it.exempt ?? section.exempt) && !it.exemptParagraphs?.length) throw new ValidationError(`Item ${it.code} is exempt: give its paragraph of Schedule 12A`, `items.${i}.exemptParagraphs`);
  });
  const created = await insertAgenda(tx, meetingId, [section]);
  await recordAudit(tx, actor, { action: 'update', entity: 'agenda', entityId: meetingId, summary: `Agenda section "${section.title}" added (${section.items.length} items)`, after: section });
  return created;
});

