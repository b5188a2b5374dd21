// The text layer of a PDF as poppler's pdftotext reads it (for tests that look for words in served PDFs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function pdfText(bytes: Uint8Array | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'moot-pdftext-'));
  try {
    const f = join(dir, 'in.pdf');
    writeFileSync(f, bytes);
    return execFileSync('pdftotext', ['-q', f, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
