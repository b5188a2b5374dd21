// Issue 12: a withdrawn paper can be reinstated, keeping its history. The document's withdrawn_* columns (migration
// 024) stay its current standing; each withdrawal is also a row here, closed when the paper is reinstated (when, by
// whom, why), so a paper withdrawn and reinstated (perhaps more than once) shows every step. Papers withdrawn before
// this migration get their row from the document's columns.
import { sql, type Kysely } from 'kysely';
import { int, text, withId, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withId(db, dialect, 'document_withdrawal')
    .addColumn('document_id', int, (c) => c.notNull().references('document.id'))
    .addColumn('withdrawn_at', text, (c) => c.notNull())
    .addColumn('withdrawn_by', text, (c) => c.notNull())
    .addColumn('withdrawn_reason', text, (c) => c.notNull())
    /** Whether the paper was public when withdrawn: only then does the public see this step of its history. */
    .addColumn('withdrawn_public', int, (c) => c.notNull().defaultTo(0))
    .addColumn('reinstated_at', text)
    .addColumn('reinstated_by', text)
    .addColumn('reinstated_reason', text)
    .execute();
  await db.schema.createIndex('document_withdrawal_document').on('document_withdrawal').column('document_id').execute();
  await sql`INSERT INTO document_withdrawal (document_id, withdrawn_at, withdrawn_by, withdrawn_reason, withdrawn_public)
    SELECT id, withdrawn_at, coalesce(withdrawn_by, ''), coalesce(withdrawn_reason, ''), withdrawn_public FROM document WHERE withdrawn_at IS NOT NULL`.execute(db);
}
