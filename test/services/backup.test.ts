// Backup and restore on both databases: a backup taken while another connection keeps writing restores exactly
// (every table and every file, byte for byte) into an empty store of either kind; damaged archives and non-empty
// stores are refused without writing anything.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { backupStore, restoreArchive, verifyArchive } from '../../src/services/backup.js';
import { createBody } from '../../src/store/bodies.js';
import { openStore, transaction, type Store } from '../../src/store/db.js';
import { addDocument } from '../../src/store/documents.js';
import { createMeeting } from '../../src/store/meetings.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const work = mkdtempSync(join(tmpdir(), 'moot-backup-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function seed(store: Store): Promise<void> {
  const bodyId = await createBody(store.db, SYSTEM_ACTOR, { name: 'Planning Committee', kind: 'regulatory-committee' });
  const ids: number[] = [];
  for (let i = 0; i < 6; i++) {
    const m = await createMeeting(store.db, SYSTEM_ACTOR, {
      bodyId, date: `2026-0${i + 1}-14`, status: 'held', sections: [{ title: 'Items', items: [{ code: '1', title: `Application ${i}` }] }],
    });
    ids.push(m.id);
    await addDocument(store.db, SYSTEM_ACTOR, {
      meetingId: m.id, kind: 'report', title: `Report ${i} – Ŵelsh “quotes”`, classification: 'unrestricted',
      file: { bytes: randomBytes(2000 + i * 500), fileName: `r${i}.pdf`, contentType: 'application/pdf' }, pages: [`page one ${i}`],
    });
  }
  // A reference forward in the same table (minutes approved at the next meeting): restored after the rows exist.
  for (let i = 0; i < ids.length - 1; i++) await store.db.updateTable('meeting').set({ minutes_approved_at_meeting_id: ids[i + 1] }).where('id', '=', ids[i]).execute();
}

/** Keeps adding documents (each a file, a version and an audit entry in one transaction) until stopped. */
function writeLoad(store: Store) {
  let stop = false;
  const acked: number[] = [];
  const done = (async () => {
    let i = 0;
    while (!stop) {
      const doc = await transaction(store.db, (tx) => addDocument(tx, SYSTEM_ACTOR, {
        kind: 'report', title: `Load ${i++}`, classification: 'unrestricted', file: { bytes: randomBytes(3000), fileName: 'l.pdf', contentType: 'application/pdf' },
      }));
      acked.push(doc.id);
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  return { acked, stop: async () => { stop = true; await done; } };
}

async function second(t: TestStore): Promise<Store> {
  return openStore({ dataDir: t.location.dataDir, databaseUrl: t.location.databaseUrl });
}

describe.each(STORE_KINDS)('backup from %s', (kind) => {
  const source = useTestStore(kind);

  it('backs up under write load and restores exactly into empty stores of both kinds', async (ctx) => {
    const t = source(ctx);
    await seed(t.store);
    const writerStore = await second(t);
    const load = writeLoad(writerStore);
    try {
      while (load.acked.length < 5) await new Promise((r) => setTimeout(r, 10));
      const ackedBefore = [...load.acked];
      const file = join(work, `${kind}.mootbak`);
      const archive = await backupStore(t.store, file);
      while (load.acked.length < ackedBefore.length + 5) await new Promise((r) => setTimeout(r, 10));
      await load.stop();

      // Every write acknowledged before the backup began is in it, and the snapshot is one instant: each
      // document has its version and file, and the audit log has each document's entry.
      const checked = await verifyArchive(file);
      expect(checked.sha256).toBe(archive.sha256);
      const rows = (name: string) => archive.tables.find((x) => x.name === name)?.rows ?? 0;
      expect(rows('document')).toBeGreaterThanOrEqual(6 + ackedBefore.length);
      expect(rows('document')).toBeLessThan(6 + load.acked.length);
      expect(rows('document_version')).toBe(rows('document'));
      expect(rows('blob')).toBe(rows('document'));
      expect(archive.blobs.count).toBe(rows('blob'));
      expect(archive.tables.map((x) => x.name)).toEqual(expect.arrayContaining(['audit_log', 'blob', 'meeting', 'search_entry']));

      for (const targetKind of STORE_KINDS) {
        const target = await openTestStore(targetKind);
        if (!target) continue;
        try {
          const r = await restoreArchive(target.store, file);
          expect(r.archive.rows).toBe(archive.rows);
          const restored = target.store.db;
          const docs = await restored.selectFrom('document').select('id').orderBy('id').execute();
          for (const id of ackedBefore) expect(docs.map((d) => d.id)).toContain(id);
          const audits = await restored.selectFrom('audit_log').select('entity_id').where('entity', '=', 'document').execute();
          expect(audits.length).toBe(docs.length);
          const orphan = await restored.selectFrom('document_version').leftJoin('blob', 'blob.sha256', 'document_version.sha256')
            .select('document_version.id').where('blob.sha256', 'is', null).execute();
          expect(orphan).toEqual([]);
          const approved = await restored.selectFrom('meeting').select('id').where('minutes_approved_at_meeting_id', 'is not', null).execute();
          expect(approved.length).toBe(5);

          // Byte for byte: a backup of the restored store has the same table checksums as the original.
          const again = await backupStore(target.store, join(work, `${kind}-to-${targetKind}.mootbak`));
          expect(again.tables).toEqual(archive.tables);

          // New rows get fresh keys (PostgreSQL's sequences were moved past the restored ones).
          const added = await addDocument(restored, SYSTEM_ACTOR, { kind: 'report', title: 'After restore', classification: 'unrestricted' });
          expect(added.id).toBeGreaterThan(Math.max(...docs.map((d) => d.id)));

          // A second restore into the now non-empty store is refused.
          await expect(restoreArchive(target.store, file)).rejects.toThrow(/is not empty \(table \w+ has \d+ rows?\)/);
        } finally {
          await target.cleanup();
        }
      }
    } finally {
      await load.stop();
      await writerStore.close();
    }
  }, 120_000);

  it('refuses a damaged or truncated archive before writing anything', async (ctx) => {
    const t = source(ctx);
    if ((await t.store.db.selectFrom('meeting').select('id').execute()).length === 0) await seed(t.store);
    const file = join(work, `${kind}-good.mootbak`);
    await backupStore(t.store, file);
    const text = gunzipSync(readFileSync(file)).toString('utf8');

    const flipped = join(work, `${kind}-flipped.mootbak`);
    const at = text.indexOf('Report 3');
    writeFileSync(flipped, gzipSync(text.slice(0, at) + 'Rfport 3' + text.slice(at + 8)));
    const truncated = join(work, `${kind}-truncated.mootbak`);
    writeFileSync(truncated, gzipSync(text.slice(0, Math.floor(text.length * 0.6))));
    const corrupt = join(work, `${kind}-corrupt.mootbak`);
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    writeFileSync(corrupt, bytes);

    const target = await openTestStore(kind);
    if (!target) return;
    try {
      await expect(restoreArchive(target.store, flipped)).rejects.toThrow(/is damaged \(the checksum of table \w+ does not match\)/);
      await expect(restoreArchive(target.store, truncated)).rejects.toThrow(/is damaged/);
      await expect(restoreArchive(target.store, corrupt)).rejects.toThrow(/is damaged/);
      await expect(restoreArchive(target.store, join(work, 'missing.mootbak'))).rejects.toThrow(/there is no backup at/);
      expect(await target.store.db.selectFrom('meeting').select('id').execute()).toEqual([]);
      await restoreArchive(target.store, file); // the store was left empty, so the good archive still restores
      expect((await target.store.db.selectFrom('meeting').select('id').execute()).length).toBe(6);
    } finally {
      await target.cleanup();
    }
  }, 60_000);
});
