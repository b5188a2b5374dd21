// A council's records as a whole: is the database empty of them, wipe them (children before parents), count them.
// Used to load a council's records in bulk (the demonstration council); user accounts and sessions are not council
// records and survive a wipe (their link to a person is cleared).
import { sql } from 'kysely';
import type { Queryable } from './db.js';
import type { Database } from './schema.js';

/** The council's record tables in an order that deletes children before parents. */
export const COUNCIL_RECORD_TABLES: (keyof Database)[] = [
  'agenda_item_generated', 'agenda_item_data', 'budget_line', 'indicator_value', 'data_set_version', 'data_set', 'indicator_standard', 'indicator',
  'search_entry', 'follow_up_response', 'follow_up_recommendation', 'follow_up', 'work_programme_item', 'interest_register', 'exempt_grant', 'call_in_signatory', 'call_in',
  'notice_exception', 'forward_plan_event', 'forward_plan_edition', 'forward_plan_entry',
  'import_record', 'decision_exempt_part', 'decision', 'decision_counter', 'minute', 'declaration', 'attendance', 'publication', 'document_withdrawal', 'document_version',
  'document', 'blob', 'agenda_item', 'agenda_section', 'meeting', 'membership', 'body_seat', 'body', 'person', 'political_group',
  'council', 'audit_log',
];

/** No council, meeting or body is recorded yet. */
export async function councilRecordsEmpty(db: Queryable): Promise<boolean> {
  const council = await db.selectFrom('council').select('id').limit(1).executeTakeFirst();
  const meeting = await db.selectFrom('meeting').select('id').limit(1).executeTakeFirst();
  const body = await db.selectFrom('body').select('id').limit(1).executeTakeFirst();
  return !council && !meeting && !body;
}

/** Deletes every council record (run inside one transaction). */
export async function wipeCouncilRecords(db: Queryable): Promise<void> {
  await db.updateTable('user_account').set({ person_id: null }).execute();
  for (const table of COUNCIL_RECORD_TABLES) await db.deleteFrom(table).execute();
}

export async function countRows(db: Queryable, table: keyof Database): Promise<number> {
  const row = await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
