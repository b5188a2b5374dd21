// `moot import --ocr` of a scanned pack (a pack PDF rendered to images and back into an image-only PDF):
// the meeting, its date and agenda are stored and the pack's document version records the pages read by OCR.
// Without tesseract the one-line error names the Debian package to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { councilPack, scannedCopy } from '../importer/read/pdfs.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const has = (cmd: string, arg: string) => { try { execFileSync(cmd, [arg], { stdio: 'ignore' }); return true; } catch { return false; } };
const ready = has('tesseract', '--version') && has('pdftoppm', '-v');

function moot(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'src', 'cli', 'run.ts'), ...args], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', MOOT_DATA: '', ...env }, timeout: 180_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function scannedPack(dir: string): Promise<string> {
  const pdf = await councilPack([{ body: [
    'ANYTOWN PARISH COUNCIL', 'AGENDA',
    'A meeting of Anytown Parish Council will be held on Tuesday 14th March 2017 at 7.30pm in the Village Hall.',
    '1. Apologies for absence', '2. Declarations of interest', '3. Planning applications', '4. Date of next meeting',
  ], printed: null }], 'Anytown Parish Council');
  const file = join(dir, 'anytown-2017-03-14-scan.pdf');
  writeFileSync(file, await scannedCopy(pdf));
  return file;
}

describe.skipIf(!ready)('moot import --ocr (skipped: tesseract-ocr or poppler-utils not installed)', () => {
  it('imports a scanned agenda with its meeting, date and agenda, marking the text as read by OCR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moot-ocr-cli-'));
    const file = await scannedPack(dir);
    const data = join(dir, 'data');
    expect(moot(['--data', data, 'init']).status).toBe(0);
    const r = moot(['import', file, '--ocr'], { MOOT_DATA: data });
    expect(r.stderr + r.stdout).toMatch(/imported\s+anytown-2017-03-14-scan\.pdf/);
    const store = await openStore({ dataDir: data, databaseUrl: null });
    try {
      const meeting = await store.db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
        .select(['meeting.id', 'meeting.date', 'meeting.time', 'body.name']).executeTakeFirstOrThrow();
      expect(meeting).toMatchObject({ date: '2017-03-14', time: '19:30' });
      expect(meeting.name).toMatch(/Anytown Parish Council/i);
      const items = await store.db.selectFrom('agenda_item').select('code').where('meeting_id', '=', meeting.id).orderBy('position').execute();
      expect(items.map((i) => i.code)).toEqual(['1', '2', '3', '4']);
      const v = await store.db.selectFrom('document_version').innerJoin('document', 'document.id', 'document_version.document_id')
        .select(['document_version.ocr_pages']).where('document.kind', '=', 'agenda-pack').executeTakeFirstOrThrow();
      expect(JSON.parse(v.ocr_pages ?? '[]')).toEqual([1]);
    } finally {
      await store.close();
    }
  }, 240_000);

  it('says which Debian package to install when tesseract is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moot-ocr-cli-'));
    const file = await scannedPack(dir);
    const bin = join(dir, 'bin');
    execFileSync('mkdir', [bin]);
    symlinkSync(execFileSync('which', ['pdftoppm']).toString().trim(), join(bin, 'pdftoppm'));
    const r = moot(['extract', file, '--ocr'], { PATH: bin });
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^moot: anytown-2017-03-14-scan\.pdf: OCR needs tesseract.*tesseract-ocr tesseract-ocr-eng tesseract-ocr-cym/);
  }, 120_000);
});
