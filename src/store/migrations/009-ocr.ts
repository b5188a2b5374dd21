// Issue 18: a document version whose text was read from scanned page images by OCR records which pages
// (JSON array of 1-based page numbers), so the document page can say the text may contain errors.
import type { Kysely } from 'kysely';
import { text, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('document_version').addColumn('ocr_pages', text).execute();
}
