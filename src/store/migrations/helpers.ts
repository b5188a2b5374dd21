import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** A table whose `id` is an auto-allocated integer key on either database. */
export function withId<T extends string>(db: Kysely<unknown>, dialect: Dialect, table: T): CreateTableBuilder<T, 'id'> {
  const t = db.schema.createTable(table);
  return dialect === 'postgres'
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export const text = 'text' as const;
export const int = 'integer' as const;

export function bytesType(dialect: Dialect) {
  return dialect === 'postgres' ? sql`bytea` : sql`blob`;
}

export function notNull(c: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
  return c.notNull();
}
