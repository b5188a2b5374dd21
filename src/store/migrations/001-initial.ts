// The first schema: every table of the committee system (see ../schema.ts for what each column holds).
import { sql, type Kysely } from 'kysely';
import { bytesType, int, notNull, text, withId, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = (table: string) => withId(db, dialect, table);
  const fk = (table: string) => (c: import('kysely').ColumnDefinitionBuilder) => c.references(`${table}.id`).onDelete('cascade');
  const fkNull = (table: string) => (c: import('kysely').ColumnDefinitionBuilder) => c.references(`${table}.id`).onDelete('set null');
  const zero = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

  await id('council').addColumn('name', text, notNull).addColumn('short_name', text, notNull)
    .addColumn('settings_json', text, (c) => c.notNull().defaultTo('{}')).execute();

  await id('political_group').addColumn('name', text, (c) => c.notNull().unique())
    .addColumn('short_name', text).addColumn('colour', text).execute();

  await id('person').addColumn('slug', text, (c) => c.notNull().unique())
    .addColumn('title', text).addColumn('forenames', text).addColumn('initials', text)
    .addColumn('surname', text, notNull).addColumn('post_nominals', text)
    .addColumn('match_key', text, notNull).addColumn('kind', text, notNull)
    .addColumn('group_id', int, fkNull('political_group'))
    .addColumn('job_title', text).addColumn('division', text).addColumn('email', text).addColumn('phone', text)
    .addColumn('created_at', text, notNull).execute();
  await db.schema.createIndex('person_match_key').on('person').column('match_key').execute();

  await id('body').addColumn('slug', text, (c) => c.notNull().unique()).addColumn('name', text, notNull)
    .addColumn('match_key', text, (c) => c.notNull().unique()).addColumn('kind', text, notNull)
    .addColumn('size', int).addColumn('agenda_style', text, notNull).addColumn('purpose', text)
    .addColumn('last_minute_number', int, zero).addColumn('created_at', text, notNull).execute();

  await id('body_seat').addColumn('body_id', int, (c) => c.notNull().references('body.id').onDelete('cascade'))
    .addColumn('group_id', int, (c) => c.notNull().references('political_group.id').onDelete('cascade'))
    .addColumn('seats', int, notNull).addUniqueConstraint('body_seat_unique', ['body_id', 'group_id']).execute();

  await id('membership').addColumn('body_id', int, (c) => c.notNull().references('body.id').onDelete('cascade'))
    .addColumn('person_id', int, (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('role', text, notNull).addColumn('group_id', int, fkNull('political_group'))
    .addColumn('co_opted_category', text).addColumn('voting_note', text)
    .addColumn('starts_on', text, notNull).addColumn('ends_on', text).execute();
  await db.schema.createIndex('membership_body').on('membership').columns(['body_id', 'starts_on']).execute();
  await db.schema.createIndex('membership_person').on('membership').column('person_id').execute();

  await id('meeting').addColumn('slug', text, (c) => c.notNull().unique())
    .addColumn('body_id', int, (c) => c.notNull().references('body.id').onDelete('cascade'))
    .addColumn('date', text, notNull).addColumn('time', text).addColumn('venue', text)
    .addColumn('status', text, notNull).addColumn('status_reason', text).addColumn('webcast_url', text)
    .addColumn('contacts_json', text, (c) => c.notNull().defaultTo('[]')).addColumn('historic', int, zero)
    .addColumn('agenda_published_at', text).addColumn('agenda_published_by', text)
    .addColumn('signatory_name', text).addColumn('signatory_title', text).addColumn('published_on', text)
    .addColumn('minutes_approved_at_meeting_id', int, fkNull('meeting')).addColumn('minutes_amendments', text)
    .addColumn('created_at', text, notNull).addColumn('updated_at', text, notNull).execute();
  await db.schema.createIndex('meeting_body_date').on('meeting').columns(['body_id', 'date']).execute();
  await db.schema.createIndex('meeting_date').on('meeting').column('date').execute();

  await id('agenda_section').addColumn('meeting_id', int, (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('position', int, notNull).addColumn('letter', text).addColumn('title', text, notNull)
    .addColumn('exempt', int, zero).execute();
  await db.schema.createIndex('agenda_section_meeting').on('agenda_section').column('meeting_id').execute();

  await id('agenda_item').addColumn('meeting_id', int, (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('section_id', int, fk('agenda_section')).addColumn('position', int, notNull)
    .addColumn('code', text, notNull).addColumn('title', text, notNull).addColumn('purpose', text)
    .addColumn('presenters_json', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('guests_json', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('to_follow', int, zero).addColumn('withdrawn', int, zero)
    .addColumn('deferred_to_meeting_id', int, fkNull('meeting')).addColumn('deferred_from_item_id', int, fkNull('agenda_item'))
    .addColumn('urgent_reason', text).addColumn('exempt', int, zero)
    .addColumn('exempt_paragraphs', text, (c) => c.notNull().defaultTo(''))
    .addColumn('public_interest_reason', text).addColumn('page_start', int).addColumn('page_end', int).execute();
  await db.schema.createIndex('agenda_item_meeting').on('agenda_item').columns(['meeting_id', 'position']).execute();

  await id('document').addColumn('slug', text, (c) => c.notNull().unique())
    .addColumn('meeting_id', int, fk('meeting')).addColumn('agenda_item_id', int, fk('agenda_item'))
    .addColumn('kind', text, notNull).addColumn('title', text, notNull)
    .addColumn('classification', text, notNull).addColumn('exempt_paragraphs', text, (c) => c.notNull().defaultTo(''))
    .addColumn('workflow_status', text).addColumn('author_person_id', int, fkNull('person'))
    .addColumn('position', int, zero).addColumn('current_version', int, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, notNull).execute();
  await db.schema.createIndex('document_meeting').on('document').column('meeting_id').execute();
  await db.schema.createIndex('document_item').on('document').column('agenda_item_id').execute();

  await db.schema.createTable('blob').addColumn('sha256', text, (c) => c.primaryKey())
    .addColumn('size', int, notNull).addColumn('bytes', bytesType(dialect), notNull).execute();

  await id('document_version').addColumn('document_id', int, (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('version', int, notNull).addColumn('file_name', text).addColumn('content_type', text)
    .addColumn('size', int).addColumn('sha256', text, (c) => c.references('blob.sha256'))
    .addColumn('page_count', int).addColumn('pages_json', text).addColumn('structured_json', text)
    .addColumn('note', text).addColumn('created_at', text, notNull).addColumn('created_by', text, notNull)
    .addUniqueConstraint('document_version_unique', ['document_id', 'version']).execute();

  await id('publication').addColumn('meeting_id', int, (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('kind', text, notNull).addColumn('version', int, notNull).addColumn('audience', text, notNull)
    .addColumn('sha256', text, (c) => c.notNull().references('blob.sha256')).addColumn('size', int, notNull)
    .addColumn('page_count', int, notNull).addColumn('items_json', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('published_at', text, notNull).addColumn('published_by', text, notNull).addColumn('late_reason', text)
    .addUniqueConstraint('publication_unique', ['meeting_id', 'kind', 'version', 'audience']).execute();

  await id('attendance').addColumn('meeting_id', int, (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('person_id', int, fkNull('person')).addColumn('name_as_recorded', text, notNull)
    .addColumn('kind', text, notNull).addColumn('role', text)
    .addColumn('substitute_for_person_id', int, fkNull('person')).addColumn('substitute_for_name', text)
    .addColumn('for_item_id', int, fkNull('agenda_item')).execute();
  await db.schema.createIndex('attendance_meeting').on('attendance').column('meeting_id').execute();
  await db.schema.createIndex('attendance_person').on('attendance').column('person_id').execute();

  await id('declaration').addColumn('meeting_id', int, (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('agenda_item_id', int, fkNull('agenda_item')).addColumn('person_id', int, fkNull('person'))
    .addColumn('person_name', text, notNull).addColumn('kind', text, notNull).addColumn('nature', text, notNull)
    .addColumn('dispensation', text).execute();
  await db.schema.createIndex('declaration_meeting').on('declaration').column('meeting_id').execute();
  await db.schema.createIndex('declaration_person').on('declaration').column('person_id').execute();

  await id('minute').addColumn('meeting_id', int, (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('agenda_item_id', int, fkNull('agenda_item')).addColumn('position', int, notNull)
    .addColumn('number', text, notNull).addColumn('sequence', int).addColumn('title', text, notNull)
    .addColumn('paragraphs_json', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('resolutions_json', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('votes_json', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('post_meeting_note', text).addColumn('exempt', int, zero).execute();
  await db.schema.createIndex('minute_meeting').on('minute').columns(['meeting_id', 'position']).execute();

  await id('decision').addColumn('number', text, (c) => c.notNull().unique()).addColumn('year', int, notNull)
    .addColumn('seq', int, notNull).addColumn('slug', text, (c) => c.notNull().unique())
    .addColumn('taker_kind', text, notNull).addColumn('taker_name', text, notNull)
    .addColumn('taker_body_id', int, fkNull('body')).addColumn('taker_person_id', int, fkNull('person'))
    .addColumn('meeting_id', int, fkNull('meeting')).addColumn('agenda_item_id', int, fkNull('agenda_item'))
    .addColumn('taken_on', text, notNull).addColumn('subject', text, notNull)
    .addColumn('key_decision', int, zero).addColumn('urgent', int, zero)
    .addColumn('classification', text, notNull).addColumn('contains_exempt_information', int, zero)
    .addColumn('decision_text', text, notNull).addColumn('reasons', text).addColumn('alternatives', text)
    .addColumn('interests_declared', text).addColumn('background_documents', text)
    .addColumn('status', text, notNull).addColumn('published_on', text).addColumn('call_in_ends_on', text)
    .addColumn('created_at', text, notNull)
    .addUniqueConstraint('decision_year_seq', ['year', 'seq']).execute();
  await db.schema.createIndex('decision_taken_on').on('decision').column('taken_on').execute();

  await db.schema.createTable('decision_counter').addColumn('year', int, (c) => c.primaryKey())
    .addColumn('last_seq', int, notNull).execute();

  await id('call_in').addColumn('decision_id', int, (c) => c.notNull().references('decision.id').onDelete('cascade'))
    .addColumn('requested_by', text, notNull).addColumn('requested_on', text, notNull).addColumn('reasons', text, notNull)
    .addColumn('status', text, notNull).addColumn('considered_at_meeting_id', int, fkNull('meeting'))
    .addColumn('outcome', text).addColumn('outcome_notes', text).execute();

  await id('forward_plan_entry').addColumn('reference', text).addColumn('title', text, notNull)
    .addColumn('taker_name', text, notNull).addColumn('expected_on', text).addColumn('key_decision', int, zero)
    .addColumn('private', int, zero).addColumn('exempt_paragraphs', text, (c) => c.notNull().defaultTo(''))
    .addColumn('notice_published_on', text).addColumn('decision_id', int, fkNull('decision')).execute();

  await id('import_record').addColumn('source', text, notNull).addColumn('sha256', text, notNull)
    .addColumn('version', int, notNull).addColumn('meeting_id', int, fkNull('meeting'))
    .addColumn('imported_at', text, notNull).addColumn('imported_by', text, notNull)
    .addColumn('warnings_json', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('extraction_json', text, notNull).execute();
  await db.schema.createIndex('import_record_sha').on('import_record').column('sha256').execute();
  await db.schema.createIndex('import_record_source').on('import_record').column('source').execute();

  await id('audit_log').addColumn('at', text, notNull).addColumn('actor_kind', text, notNull)
    .addColumn('actor_id', int).addColumn('actor_name', text, notNull).addColumn('action', text, notNull)
    .addColumn('entity', text, notNull).addColumn('entity_id', text).addColumn('summary', text)
    .addColumn('before_json', text).addColumn('after_json', text).execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  await id('user_account').addColumn('email', text, (c) => c.notNull().unique()).addColumn('display_name', text, notNull)
    .addColumn('password_hash', text).addColumn('role', text, notNull).addColumn('person_id', int, fkNull('person'))
    .addColumn('failed_logins', int, zero).addColumn('locked_until', text).addColumn('disabled', int, zero)
    .addColumn('created_at', text, notNull).addColumn('password_changed_at', text).execute();

  await db.schema.createTable('user_session').addColumn('id', text, (c) => c.primaryKey())
    .addColumn('user_id', int, (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('created_at', text, notNull).addColumn('last_seen_at', text, notNull)
    .addColumn('expires_at', text, notNull).addColumn('csrf_token', text, notNull).execute();

  await id('api_token').addColumn('user_id', int, (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('name', text, notNull).addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('created_at', text, notNull).addColumn('last_used_at', text).addColumn('revoked_at', text).execute();

  await db.schema.createTable('password_reset').addColumn('token_hash', text, (c) => c.primaryKey())
    .addColumn('user_id', int, (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('created_at', text, notNull).addColumn('expires_at', text, notNull).addColumn('used_at', text).execute();

  await id('exempt_grant').addColumn('person_id', int, (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('meeting_id', int, (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('granted_by', text, notNull).addColumn('granted_at', text, notNull).addColumn('reason', text).execute();

  await id('interest_register').addColumn('person_id', int, (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('category', text, notNull).addColumn('description', text, notNull)
    .addColumn('registered_on', text, notNull).addColumn('removed_on', text).execute();

  await id('work_programme_item').addColumn('body_id', int, (c) => c.notNull().references('body.id').onDelete('cascade'))
    .addColumn('meeting_id', int, fkNull('meeting')).addColumn('title', text, notNull).addColumn('notes', text)
    .addColumn('position', int, zero).execute();

  await id('follow_up').addColumn('body_id', int, (c) => c.notNull().references('body.id').onDelete('cascade'))
    .addColumn('title', text, notNull).addColumn('portfolio', text).addColumn('synopsis', text).addColumn('reason', text)
    .addColumn('considered_on', text).addColumn('recommendations_json', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', text, notNull).execute();

  await id('search_entry').addColumn('kind', text, notNull).addColumn('ref_id', int, notNull).addColumn('page', int)
    .addColumn('meeting_id', int).addColumn('body_id', int).addColumn('date', text).addColumn('exempt', int, zero)
    .addColumn('title', text, notNull).addColumn('url', text, notNull).addColumn('body', text, notNull).execute();
  await db.schema.createIndex('search_entry_ref').on('search_entry').columns(['kind', 'ref_id']).execute();
  await db.schema.createIndex('search_entry_meeting').on('search_entry').column('meeting_id').execute();

  // Full-text search: FTS5 with the Porter stemmer on SQLite, a stored English tsvector on PostgreSQL.
  if (dialect === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_entry', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
    await sql`CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
      INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END`.execute(db);
    await sql`CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
      INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END`.execute(db);
    await sql`CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN
      INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
      INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END`.execute(db);
  } else {
    await sql`ALTER TABLE search_entry ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')) STORED`.execute(db);
    await sql`CREATE INDEX search_entry_tsv ON search_entry USING gin (tsv)`.execute(db);
  }
}
