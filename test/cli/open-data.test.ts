// `moot export bulk --with-pdfs` end to end: the command writes pdfs-YEAR.zip beside the datasets, a zip that the
// usual tools read (unzip -t, sha256sum -c SHA256SUMS), holding exactly the PDFs the papers dataset lists and never
// an exempt paper.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { openStore } from '../../src/services/database.js';
import { publishAgenda } from '../../src/services/publication/publish.js';
import { addDocument } from '../../src/store/documents.js';
import { createMeeting } from '../../src/store/meetings.js';
import { MARKER, pdfWithText, seedCouncil } from '../api/fixture.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'moot-cli-open-data-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function moot(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'src', 'cli', 'run.ts'), ...args], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', MOOT_DATA: '', MOOT_BASE_URL: '' }, timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('moot export bulk --with-pdfs', () => {
  it('writes the year\'s public PDFs as a zip the usual tools read, matching the papers dataset', async () => {
    const data = join(work, 'data');
    const store = await openStore({ dataDir: data, databaseUrl: null });
    try {
      const c = await seedCouncil(store);
      const m = await createMeeting(store.db, SYSTEM_ACTOR, { bodyId: c.alpha.id, date: '2024-07-08', time: '10:00',
        sections: [{ letter: 'A', title: 'Business', items: [{ code: 'A1', title: 'Library hours' }] }] });
      await addDocument(store.db, SYSTEM_ACTOR, { meetingId: m.id, agendaItemId: m.items[0].id, kind: 'report', title: 'Library hours report', classification: 'unrestricted',
        file: { bytes: await pdfWithText(['Opening hours from September']), fileName: 'library.pdf', contentType: 'application/pdf', pageCount: 1 }, pages: ['Opening hours from September'] });
      await publishAgenda(store, SYSTEM_ACTOR, m.slug, { publishedOn: '2024-06-20' });
    } finally {
      await store.close();
    }
    const out = join(work, 'out');
    const run = moot(['--data', data, 'export', 'bulk', '--out', out, '--year', '2024', '--with-pdfs', '--base-url', 'https://democracy.example.gov.uk']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [, files] = /pdfs-2024\.zip: (\d+) PDFs, [\d.]+ MB/.exec(run.stdout) ?? [];
    expect(Number(files)).toBeGreaterThanOrEqual(3);

    const zip = join(out, 'pdfs-2024.zip');
    expect(execFileSync('unzip', ['-tq', zip], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const unzipped = join(work, 'unzipped');
    execFileSync('unzip', ['-q', zip, '-d', unzipped]);
    const check = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: unzipped, encoding: 'utf8' });
    expect(check.trim().split('\n')).toHaveLength(Number(files));
    expect(check).not.toMatch(/FAILED/);

    const listed = (parse(readFileSync(join(out, 'papers-2024.csv'), 'utf8'), { columns: true }) as Record<string, string>[]).filter((p) => p.sha256);
    const names = execFileSync('zipinfo', ['-1', zip], { encoding: 'utf8' }).trim().split('\n').filter((n) => n !== 'SHA256SUMS').sort();
    expect(names).toEqual([...new Set(listed.map((p) => new URL(p.url).pathname.slice(1)))].sort());
    expect(names.some((n) => n.startsWith('meetings/2024-07-08-'))).toBe(true);
    expect(readFileSync(zip).includes(MARKER)).toBe(false);
  }, 300_000);

  it('says what is wrong with its options', () => {
    const bad = moot(['--data', join(work, 'data'), 'export', 'bulk', '--out', join(work, 'x'), '--year', 'last', '--with-pdfs', '--base-url', 'https://democracy.example.gov.uk']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--year must be a year such as 2024, not "last"/);
  }, 120_000);
});
