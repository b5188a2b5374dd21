// Assigning a report to its author from the agenda builder: Democratic Services name the author and the title, and
// a draft report in the standard template is started for the item (createReport), classified like the item. It
// then appears in the author's own list; once the clerk approves it, it is the item's paper.
import type { Actor, ExemptParagraph } from '../../domain/types.js';
import { ValidationError } from '../../errors.js';
import { recordAudit } from '../audit.js';
import type { Queryable } from '../db.js';
import { textToParagraphs } from '../json.js';
import { personDisplayName } from '../people.js';
import { blankReport, createReport } from '../reports.js';

/** People who can write reports: those linked to an enabled report-author account, by surname. */
export async function reportAuthors(db: Queryable) {
  const rows = await db.selectFrom('user_account').innerJoin('person', 'person.id', 'user_account.person_id')
    .select(['person.id', 'person.title', 'person.forenames', 'person.initials', 'person.surname', 'person.post_nominals', 'person.job_title'])
    .where('user_account.role', '=', 'report-author').where('user_account.disabled', '=', 0)
    .orderBy('person.surname').orderBy('person.forenames').execute();
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map((r) => ({ id: r.id, name: personDisplayName(r), jobTitle: r.job_title }));
}

export interface Assignment {
  authorPersonId: number;
  title: string;
}

/** Starts a draft report for the item by the chosen author; returns the report's document id. */
export async function assignReport(db: Queryable, actor: Actor, itemId: number, a: Assignment): Promise<number> {
  const item = await db.selectFrom('agenda_item').innerJoin('meeting', 'meeting.id', 'agenda_item.meeting_id')
    .select(['agenda_item.id', 'agenda_item.code', 'agenda_item.meeting_id', 'agenda_item.exempt', 'agenda_item.exempt_paragraphs', 'agenda_item.withdrawn', 'meeting.status'])
    .where('agenda_item.id', '=', itemId).executeTakeFirst();
  if (!item) throw new ValidationError(`there is no agenda item ${itemId}`, 'item');
  if (item.withdrawn) throw new ValidationError('the item is withdrawn: reinstate it before assigning a report', 'authorPersonId');
  if (item.status !== 'scheduled' && item.status !== 'agenda-published') {
    throw new ValidationError(`reports can be assigned only before the meeting; this one is ${item.status.replace(/-/g, ' ')}`, 'authorPersonId');
  }
  const author = (await reportAuthors(db)).find((p) => p.id === a.authorPersonId);
  if (!author) throw new ValidationError('Select a report author (a person with a report author account)', 'authorPersonId');
  const title = a.title.trim();
  if (!title) throw new ValidationError('Enter the title of the report', 'reportTitle');
  const exempt = item.exempt === 1;
  const id = await createReport(db, actor, author.id, { meetingId: item.meeting_id, agendaItemId: item.id }, {
    ...blankReport(), subject: title, classification: exempt ? 'exempt' : 'unrestricted', exemptParagraphs: exempt ? (textToParagraphs(item.exempt_paragraphs) as ExemptParagraph[]) : [],
  });
  await recordAudit(db, actor, {
    action: 'assign', entity: 'document', entityId: id, summary: `Assigned report "${title}" for item ${item.code} to ${author.name}`,
    after: { author_person_id: author.id, agenda_item_id: item.id },
  });
  return id;
}

/** Reports written for an item, with their authors and where they are in the workflow. */
export async function itemReports(db: Queryable, itemId: number) {
  const rows = await db.selectFrom('document').leftJoin('person', 'person.id', 'document.author_person_id')
    .select(['document.id', 'document.title', 'document.workflow_status', 'document.current_version',
      'person.title as author_title', 'person.forenames', 'person.initials', 'person.surname', 'person.post_nominals'])
    .where('document.agenda_item_id', '=', itemId).where('document.kind', '=', 'report').where('document.workflow_status', 'is not', null)
    .orderBy('document.id').execute();
  return rows.map((r) => ({
    id: r.id, title: r.title, status: r.workflow_status as string, version: r.current_version,
    author: r.surname ? personDisplayName({ title: r.author_title, forenames: r.forenames, initials: r.initials, surname: r.surname, post_nominals: r.post_nominals }) : 'Nobody',
  }));
}
