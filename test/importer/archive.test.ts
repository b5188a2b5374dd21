// `moot import DIR` over an archive: each file's outcome in the report (imported, updated, skipped as duplicate,
// refused with the reason); a second run over the same files repeats none; an interrupted run (here: the first
// files only, and in the CLI test a kill -9) resumes where it stopped.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { importArchive, type ArchiveEntry } from '../../src/importer/archive.js';
import { writeTextPacks, textPack } from '../../bench/_packs.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const reportLines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe.each(STORE_KINDS)('importing an archive on %s', (kind) => {
  const get = useTestStore(kind);

  it('reports every file, skips what was imported before by checksum, and resumes an interrupted run', async (ctx) => {
    const { store } = get(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'moot-archive-'));
    const packs = writeTextPacks(join(dir, 'packs'), 5);
    const junk = join(dir, 'packs', 'zz-not-a-pack.txt');
    writeFileSync(junk, 'Shopping list\nbread\nmilk\n');
    const copy = join(dir, 'packs', 'zz-copy-of-first.txt');
    copyFileSync(packs[0], copy);
    const report = join(dir, 'report.jsonl');

    // an interrupted run: only the first two files were done
    const first = await importArchive(store, SYSTEM_ACTOR, packs.slice(0, 2), { report });
    expect(first.summary).toMatchObject({ files: 2, imported: 2, duplicate: 0, refused: 0 });

    // the run again over everything: what was done is skipped before it is read, the rest imported
    const all = [...packs, junk, copy];
    const seen: number[] = [];
    const second = await importArchive(store, SYSTEM_ACTOR, all, { report, onFile: (_e, done) => seen.push(done) });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const status = (f: string) => second.entries.find((e) => e.file === f)!;
    expect(status(packs[0])).toMatchObject({ status: 'duplicate', meeting: '2001-01-03-cabinet' });
    expect(status(packs[1]).status).toBe('duplicate');
    expect(packs.slice(2).map((f) => status(f).status)).toEqual(['imported', 'imported', 'imported']);
    expect(status(junk)).toMatchObject({ status: 'refused', reason: expect.stringMatching(/zz-not-a-pack\.txt: no agenda, minutes or Record of Decision/) });
    expect(status(copy)).toMatchObject({ status: 'duplicate', reason: expect.stringContaining(textPack(0).name) });
    expect(second.summary).toMatchObject({ files: 7, imported: 3, updated: 0, duplicate: 3, refused: 1 });

    // each pack made one meeting (and one for the minutes it reproduces); none was imported twice
    const records = await store.db.selectFrom('import_record').select('source').execute();
    expect(records.map((r) => r.source).sort()).toEqual(packs.map((p) => p.split('/').pop()).sort());

    // the report: a line per file as it finished, a summary line per run
    const lines = reportLines(report);
    expect(lines.filter((l) => 'run' in l)).toHaveLength(2);
    expect(lines.filter((l) => 'summary' in l).map((l) => (l.summary as { imported: number }).imported)).toEqual([2, 3]);
    const files = lines.filter((l) => 'status' in l) as unknown as ArchiveEntry[];
    expect(files).toHaveLength(9);
    expect(files.every((f) => typeof f.sha256 === 'string' && f.sha256.length === 64)).toBe(true);
  });

  it('reports a corrected file under the same name as an update of its meeting', async (ctx) => {
    const { store } = get(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'moot-archive-'));
    const [file] = writeTextPacks(join(dir, 'packs'), 1, 40);
    expect((await importArchive(store, SYSTEM_ACTOR, [file])).entries[0].status).toBe('imported');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Council Chamber, County Hall, Anytown', 'Committee Room 2, County Hall, Anytown'));
    const again = await importArchive(store, SYSTEM_ACTOR, [file]);
    expect(again.entries[0]).toMatchObject({ status: 'updated', version: 2 });
  });
});
