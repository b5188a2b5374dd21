// Legacy packs in: read and extract a file (with the explanation of each field, for `moot extract --explain`), and
// import files or whole archives as historic records, each pack in one transaction, indexed for search as it lands.
import type { Actor } from '../domain/types.js';
import { importArchive, type ArchiveOptions } from '../importer/archive.js';
import type { AfterImport } from '../importer/import.js';
import type { Store } from '../store/db.js';
import { indexMeeting } from '../store/search/index.js';

export { EXTRACTION_FORMAT_VERSION } from '../importer/extraction.js';
export { explainExtraction, formatExplanation } from '../importer/text/explain.js';
export { readAndExtract, type ImportOptions } from '../importer/import.js';
export type { ArchiveEntry, ArchiveOptions, ArchiveSummary } from '../importer/archive.js';

/** What an import touched is indexed for search in the same transaction. */
const indexImported: AfterImport = async (db, ids) => {
  for (const id of ids) await indexMeeting(db, id);
};

/** Imports the files in order (files already imported by SHA-256 are skipped), each indexed for search. */
export function importPackArchive(store: Store, actor: Actor, files: string[], options: Omit<ArchiveOptions, 'afterImport'> = {}) {
  return importArchive(store, actor, files, { ...options, afterImport: indexImported });
}
