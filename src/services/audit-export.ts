// Exporting the audit log (who changed what in the record, and when) for auditors and archives: JSON lines or CSV,
// in the order things happened, read a batch at a time so a long log never sits in memory.
import { auditBatch } from '../store/audit.js';
import type { Store } from '../store/db.js';

export type AuditFormat = 'jsonl' | 'csv';

const COLUMNS = ['id', 'at', 'actor_kind', 'actor_id', 'actor_name', 'action', 'entity', 'entity_id', 'summary', 'before_json', 'after_json'] as const;

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote every field that needs it; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Writes the audit log to `write` (awaited for back-pressure); returns the number of entries. */
export async function exportAudit(store: Store, format: AuditFormat, write: (chunk: string) => Promise<void> | void, range: { from?: string; to?: string } = {}): Promise<number> {
  let after = 0;
  let n = 0;
  if (format === 'csv') await write(COLUMNS.join(',') + '\r\n');
  for (;;) {
    const rows = await auditBatch(store.db, after, 1000, range);
    if (!rows.length) return n;
    let chunk = '';
    for (const r of rows) {
      const rec = r as unknown as Record<string, unknown>;
      chunk += format === 'csv'
        ? COLUMNS.map((c) => csvField(rec[c])).join(',') + '\r\n'
        : JSON.stringify(Object.fromEntries(COLUMNS.map((c) => [c, c.endsWith('_json') && typeof rec[c] === 'string' ? parseOr(rec[c] as string) : rec[c] ?? null]))) + '\n';
    }
    await write(chunk);
    n += rows.length;
    after = rows[rows.length - 1].id;
  }
}
