// `moot import DIR`: an archive of packs imported file by file, resumably. Each pack is one transaction
// (importPackFile), so an interruption — even kill -9 — loses no committed import; a file whose bytes were already
// imported (same SHA-256) is skipped before it is read, so running the same command again repeats none and goes
// quickly over what was done. Every file's outcome is appended to a JSON-lines report as soon as it is known
// (imported, updated, skipped as duplicate, refused with the reason), so the report of an interrupted run is
// complete up to the file it was working on.
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Actor } from '../domain/types.js';
import type { Store } from '../store/db.js';
import { importBySha256 } from '../store/imports.js';
import { importPackFile, type ImportOptions } from './import.js';

export type ArchiveStatus = 'imported' | 'updated' | 'duplicate' | 'refused';

export interface ArchiveEntry {
  file: string;
  status: ArchiveStatus;
  /** the meeting the file became (or, for a duplicate, was imported as) */
  meeting: string | null;
  /** the version of that meeting's imported records this file made (updated: 2 and over) */
  version: number | null;
  /** why a file was refused, or which earlier import a duplicate repeats */
  reason: string | null;
  warnings: string[];
  bodyMatches: { printed: string; matched: string }[];
  sha256: string | null;
  ms: number;
}

export interface ArchiveSummary {
  files: number;
  imported: number;
  updated: number;
  duplicate: number;
  refused: number;
  ms: number;
}

export interface ArchiveOptions extends ImportOptions {
  /** JSON-lines report file, appended to (one line per file, then a summary line); null for none */
  report?: string | null;
  /** called after each file, for a progress bar */
  onFile?: (entry: ArchiveEntry, done: number, total: number) => void;
}

function writeLine(report: string | null | undefined, value: unknown): void {
  if (report) appendFileSync(report, `${JSON.stringify(value)}\n`);
}

export async function importArchive(store: Store, actor: Actor, files: string[], options: ArchiveOptions = {}): Promise<{ entries: ArchiveEntry[]; summary: ArchiveSummary }> {
  const started = performance.now();
  const entries: ArchiveEntry[] = [];
  writeLine(options.report, { run: new Date().toISOString(), files: files.length });
  const maxBytes = options.maxBytes ?? Infinity;
  for (const path of files) {
    const t0 = performance.now();
    let entry: ArchiveEntry;
    let sha256: string | null = null;
    try {
      if ((await stat(path)).size <= maxBytes) sha256 = createHash('sha256').update(await readFile(path)).digest('hex');
    } catch {
      // unreadable: importPackFile says why
    }
    const earlier = sha256 ? await importBySha256(store.db, sha256) : undefined;
    if (earlier) {
      entry = { file: path, status: 'duplicate', meeting: earlier.slug, version: null, reason: `the same file was imported as ${earlier.source}`, warnings: [], bodyMatches: [], sha256, ms: 0 };
    } else {
      const o = await importPackFile(store, actor, path, options);
      if (o.status === 'imported') {
        entry = { file: path, status: o.version > 1 ? 'updated' : 'imported', meeting: o.meetingSlug, version: o.version, reason: null, warnings: o.warnings, bodyMatches: o.bodyMatches, sha256, ms: 0 };
      } else if (o.status === 'unchanged') {
        entry = { file: path, status: 'duplicate', meeting: o.meetingSlug, version: null, reason: 'the same file was imported before', warnings: [], bodyMatches: [], sha256, ms: 0 };
      } else {
        entry = { file: path, status: 'refused', meeting: null, version: null, reason: o.reason, warnings: [], bodyMatches: [], sha256, ms: 0 };
      }
    }
    entry.ms = Math.round(performance.now() - t0);
    entries.push(entry);
    writeLine(options.report, entry);
    options.onFile?.(entry, entries.length, files.length);
  }
  const count = (s: ArchiveStatus) => entries.filter((e) => e.status === s).length;
  const summary: ArchiveSummary = {
    files: files.length, imported: count('imported'), updated: count('updated'), duplicate: count('duplicate'), refused: count('refused'),
    ms: Math.round(performance.now() - started),
  };
  writeLine(options.report, { summary });
  return { entries, summary };
}
