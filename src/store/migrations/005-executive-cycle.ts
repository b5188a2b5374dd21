// The executive decision cycle (issue 13): forward plan entries with their history and published editions, notice
// exceptions (general exception, special urgency), decisions linked to their entry and to the decision they
// reconsider, call-ins with signatories and the item that considers them, the follow-up schedule's
// recommendations and response rounds, work programme items, and select committee reviews.
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { int, notNull, text, withId, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = (table: string) => withId(db, dialect, table);
  const cascade = (table: string) => (c: ColumnDefinitionBuilder) => c.notNull().references(`${table}.id`).onDelete('cascade');
  const setNull = (table: string) => (c: ColumnDefinitionBuilder) => c.references(`${table}.id`).onDelete('set null');
  const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
  const add = (table: string, column: string, type: typeof text | typeof int | 'bigint', build?: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder) =>
    db.schema.alterTable(table).addColumn(column, type, build ?? ((c) => c)).execute();

  // Forward plan entries: who decides, when, why key, private or not, documents, consultation, contact.
  for (const [column, type, build] of [
    ['status', text, (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('planned')],
    ['taker_kind', text, (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('body')],
    ['taker_body_id', int, setNull('body')],
    ['taker_person_id', int, setNull('person')],
    ['portfolio', text],
    ['meeting_id', int, setNull('meeting')],
    ['key_reason', text],
    ['expenditure_pence', 'bigint'],
    ['divisions', text, (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('')],
    ['documents', text],
    ['consultation', text],
    ['contact', text],
    ['private_reason', text],
    ['reasons_notice_published_on', text],
    ['representations', text],
    ['created_at', text, (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('')],
    ['updated_at', text, (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('')],
  ] as const) await add('forward_plan_entry', column, type, build);

  await id('forward_plan_event').addColumn('entry_id', int, cascade('forward_plan_entry'))
    .addColumn('on_date', text, notNull).addColumn('at', text, notNull).addColumn('action', text, notNull)
    .addColumn('from_status', text).addColumn('to_status', text).addColumn('from_expected_on', text).addColumn('to_expected_on', text)
    .addColumn('note', text).addColumn('actor_name', text, notNull).execute();
  await db.schema.createIndex('forward_plan_event_entry').on('forward_plan_event').column('entry_id').execute();

  await id('forward_plan_edition').addColumn('edition', int, (c) => c.notNull().unique())
    .addColumn('published_on', text, notNull).addColumn('published_at', text, notNull).addColumn('published_by', text, notNull)
    .addColumn('entries_json', text, notNull).addColumn('note', text).execute();

  await id('notice_exception').addColumn('kind', text, notNull)
    .addColumn('forward_plan_entry_id', int, setNull('forward_plan_entry')).addColumn('decision_id', int, setNull('decision'))
    .addColumn('subject', text, notNull).addColumn('decision_on', text, notNull)
    .addColumn('chair_notified_on', text).addColumn('published_on', text).addColumn('agreed_on', text).addColumn('agreed_by', text)
    .addColumn('reason', text, notNull).addColumn('created_at', text, notNull).execute();

  // Decisions: their forward plan entry, the decision they reconsider, the notice basis, consultation, dispensations.
  for (const [column, type, build] of [
    // No foreign key: forward_plan_entry.decision_id already refers to decision, and backups need no cycle.
    ['forward_plan_entry_id', int],
    ['reconsiders_decision_id', int, setNull('decision')],
    ['notice_basis', text],
    ['portfolio', text],
    ['proposed_on', text],
    ['consultation', text],
    ['dispensations', text],
    ['implemented_on', text],
  ] as const) await add('decision', column, type, build);
  await db.schema.createIndex('decision_forward_plan').on('decision').column('forward_plan_entry_id').execute();

  // Call-ins: who started it, signatories, validity, refusal, the scrutiny item and its cover sheet, the outcome.
  for (const [column, type, build] of [
    ['requested_by_person_id', int, setNull('person')],
    ['basis', text],
    ['valid_on', text],
    ['refusal_reason', text],
    ['background', text],
    ['agenda_item_id', int, setNull('agenda_item')],
    ['outcome_on', text],
    ['created_at', text, (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('')],
  ] as const) await add('call_in', column, type, build);

  await id('call_in_signatory').addColumn('call_in_id', int, cascade('call_in'))
    .addColumn('person_id', int, cascade('person')).addColumn('name', text, notNull)
    .addColumn('signed_on', text, notNull).addColumn('signed_at', text, notNull)
    .addUniqueConstraint('call_in_signatory_unique', ['call_in_id', 'person_id']).execute();

  // The follow-up ("rolling") schedule: entries, numbered recommendations with lettered parts, response rounds.
  for (const [column, type, build] of [
    ['decision_id', int, setNull('decision')],
    ['call_in_id', int, setNull('call_in')],
    ['created_at', text, (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('')],
  ] as const) await add('follow_up', column, type, build);

  await id('follow_up_recommendation').addColumn('follow_up_id', int, cascade('follow_up'))
    .addColumn('number', int, notNull).addColumn('part', text).addColumn('text', text, notNull)
    .addColumn('verdict', text).addColumn('verdict_on', text).addColumn('position', int, zero).execute();
  await db.schema.createIndex('follow_up_recommendation_entry').on('follow_up_recommendation').column('follow_up_id').execute();

  await id('follow_up_response').addColumn('recommendation_id', int, cascade('follow_up_recommendation'))
    .addColumn('round', int, notNull).addColumn('text', text, notNull).addColumn('responded_on', text, notNull)
    .addColumn('responder', text).addColumn('date_actioned', text, notNull).addColumn('notes', text)
    .addColumn('created_at', text, notNull).execute();
  await db.schema.createIndex('follow_up_response_rec').on('follow_up_response').column('recommendation_id').execute();

  // Work programmes: items for a future meeting, or unscheduled ("other items").
  for (const [column, type, build] of [
    ['kind', text, (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('item')],
    ['lead', text],
    ['status', text, (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('planned')],
    ['review_id', int],
    ['created_at', text, (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('')],
  ] as const) await add('work_programme_item', column, type, build);

  // Select committee reviews.
  await id('scrutiny_review').addColumn('slug', text, (c) => c.notNull().unique()).addColumn('body_id', int, setNull('body'))
    .addColumn('title', text, notNull).addColumn('terms_of_reference', text, notNull).addColumn('stage', text, notNull)
    .addColumn('started_on', text, notNull).addColumn('report_summary', text).addColumn('report_document_id', int, setNull('document'))
    .addColumn('response', text).addColumn('created_at', text, notNull).execute();
  await id('scrutiny_review_member').addColumn('review_id', int, cascade('scrutiny_review'))
    .addColumn('person_id', int, setNull('person')).addColumn('name', text, notNull).addColumn('role', text, notNull).execute();
  await id('scrutiny_review_session').addColumn('review_id', int, cascade('scrutiny_review'))
    .addColumn('on_date', text, notNull).addColumn('title', text, notNull).addColumn('witnesses', text).addColumn('notes', text).execute();
  await id('scrutiny_review_stage').addColumn('review_id', int, cascade('scrutiny_review'))
    .addColumn('stage', text, notNull).addColumn('on_date', text, notNull).addColumn('note', text).execute();
}
