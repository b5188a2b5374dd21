// Classification per document version (issue 10): a paper uploaded while its item was exempt stays exempt after
// the item is reclassified or a redacted version is uploaded. Existing versions take their document's
// classification, raised to exempt where the document's item or section is exempt now (an explicitly unrestricted
// Record of Decision keeps its class); paragraphs come from the document, else its item.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('document_version').addColumn('classification', 'text', (c) => c.notNull().defaultTo('unrestricted')).execute();
  await db.schema.alterTable('document_version').addColumn('exempt_paragraphs', 'text', (c) => c.notNull().defaultTo('')).execute();
  await sql`
    UPDATE document_version SET classification = 'exempt'
    WHERE document_id IN (
      SELECT d.id FROM document d
      LEFT JOIN agenda_item i ON i.id = d.agenda_item_id
      LEFT JOIN agenda_section s ON s.id = i.section_id
      WHERE d.classification = 'exempt'
         OR ((i.exempt = 1 OR s.exempt = 1) AND NOT (d.kind = 'record-of-decision' AND d.classification = 'unrestricted'))
    )`.execute(db);
  await sql`
    UPDATE document_version SET exempt_paragraphs = COALESCE((
      SELECT CASE WHEN d.exempt_paragraphs <> '' THEN d.exempt_paragraphs ELSE COALESCE(i.exempt_paragraphs, '') END
      FROM document d LEFT JOIN agenda_item i ON i.id = d.agenda_item_id
      WHERE d.id = document_version.document_id), '')
    WHERE classification = 'exempt'`.execute(db);
}
