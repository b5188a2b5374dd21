// Performance indicators and budget monitoring as data (issue 14): indicator definitions with per-year standards;
// data sets (indicator values or a budget report for one period, or the indicator catalogue) with immutable
// versions, of which one may be published; values and budget lines belong to a version; dashboards and budget
// reports attached to agenda items.
import { sql, type Kysely } from 'kysely';
import { int, notNull, text, withId, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = (table: string) => withId(db, dialect, table);
  // Indicator values are measurements, not money: a double on both databases (PostgreSQL `real` is only 4 bytes).
  const real = dialect === 'postgres' ? sql`double precision` : sql`real`;
  // Pence overflow 32 bits above £21m.
  const big = 'bigint' as const;

  await id('indicator').addColumn('ref', text, (c) => c.notNull().unique())
    .addColumn('description', text, notNull).addColumn('service_area', text, notNull)
    .addColumn('director', text).addColumn('cabinet_member', text)
    .addColumn('kind', text, notNull).addColumn('polarity', text, notNull)
    .addColumn('unit', text, notNull).addColumn('decimals', int, (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', text, notNull).addColumn('updated_at', text, notNull).execute();

  await id('indicator_standard').addColumn('indicator_id', int, (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('year', text, notNull)
    .addColumn('target', real).addColumn('floor', real).addColumn('lower_bound', real).addColumn('upper_bound', real)
    .addColumn('floor_lower', real).addColumn('floor_upper', real)
    .addUniqueConstraint('indicator_standard_year', ['indicator_id', 'year']).execute();

  await id('data_set').addColumn('kind', text, notNull).addColumn('period', text, notNull)
    .addColumn('period_kind', text, notNull).addColumn('period_ordinal', int, notNull)
    .addColumn('title', text, notNull)
    .addColumn('current_version', int, notNull).addColumn('published_version', int)
    .addColumn('published_at', text).addColumn('published_by', text)
    .addColumn('created_at', text, notNull).addColumn('updated_at', text, notNull)
    .addUniqueConstraint('data_set_kind_period', ['kind', 'period']).execute();

  await id('data_set_version').addColumn('data_set_id', int, (c) => c.notNull().references('data_set.id').onDelete('cascade'))
    .addColumn('version', int, notNull).addColumn('content_sha256', text, notNull)
    .addColumn('file_name', text).addColumn('file_sha256', text)
    .addColumn('row_count', int, notNull).addColumn('settings_json', text, (c) => c.notNull().defaultTo('{}'))
    .addColumn('note', text).addColumn('created_at', text, notNull).addColumn('created_by', text, notNull)
    .addUniqueConstraint('data_set_version_unique', ['data_set_id', 'version']).execute();

  await id('indicator_value').addColumn('version_id', int, (c) => c.notNull().references('data_set_version.id').onDelete('cascade'))
    .addColumn('indicator_id', int, (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('value', real, notNull).addColumn('reported_on', text).addColumn('note', text)
    .addUniqueConstraint('indicator_value_unique', ['version_id', 'indicator_id']).execute();
  await db.schema.createIndex('indicator_value_indicator').on('indicator_value').column('indicator_id').execute();

  await id('budget_line').addColumn('version_id', int, (c) => c.notNull().references('data_set_version.id').onDelete('cascade'))
    .addColumn('position', int, notNull).addColumn('kind', text, notNull)
    .addColumn('portfolio', text, notNull).addColumn('line', text, notNull)
    .addColumn('gross', big).addColumn('income', big).addColumn('net', big)
    .addColumn('forecast_variance', big).addColumn('management_action', big).addColumn('revised_variance', big)
    .addColumn('last_reported', big).addColumn('movement', big)
    .addColumn('cash_limits_json', text).addColumn('cash_limit_total', big)
    .addColumn('real_variance', big).addColumn('rephasing', big).addColumn('variance', big)
    .addColumn('narrative', text).addColumn('source_row', int).execute();
  await db.schema.createIndex('budget_line_version').on('budget_line').columns(['version_id', 'position']).execute();

  await id('agenda_item_data').addColumn('agenda_item_id', int, (c) => c.notNull().references('agenda_item.id').onDelete('cascade'))
    .addColumn('data_set_id', int, (c) => c.notNull().references('data_set.id').onDelete('cascade'))
    .addColumn('position', int, notNull).addColumn('created_at', text, notNull).addColumn('created_by', text, notNull)
    .addUniqueConstraint('agenda_item_data_unique', ['agenda_item_id', 'data_set_id']).execute();
  await db.schema.createIndex('agenda_item_data_set').on('agenda_item_data').column('data_set_id').execute();
}
