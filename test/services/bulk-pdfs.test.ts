// The bulk download with the PDFs themselves (`moot export bulk --with-pdfs`), on SQLite and PostgreSQL: the zip
// holds every public paper and pack the papers dataset lists, byte for byte (SHA256SUMS agrees), under their
// public addresses, and never an exempt paper (nor its text) — the same one visibility rule as the datasets.
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bulkPdfZip, datasetRows } from '../../src/services/open-data.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';
import { MARKER, seedCouncil } from '../api/fixture.js';

const BASE = 'https://democracy.example.gov.uk';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The whole zip as the CLI writes it (the chunks, in order) and what it says it holds. */
async function wholeZip(store: Parameters<typeof bulkPdfZip>[0], year: number) {
  const { chunks, summary } = await bulkPdfZip(store, { baseUrl: BASE, year });
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return { zip: new Uint8Array(Buffer.concat(parts)), ...summary };
}

describe.each(STORE_KINDS)('bulk download with PDFs on %s', (kind) => {
  const get = useTestStore(kind);

  it('zips the public PDFs under their addresses with SHA256SUMS, and never an exempt paper', async (ctx) => {
    const t = get(ctx);
    const c = await seedCouncil(t.store);
    const { zip, files, bytes } = await wholeZip(t.store, 2024);
    const unzipped = unzipSync(zip);
    const names = Object.keys(unzipped).sort();
    expect(names).toContain(`documents/${c.publicPaperSlug}/v1.pdf`);
    expect(names.some((n) => n.includes(c.exemptPaperSlug))).toBe(false);
    for (const [name, bytes] of Object.entries(unzipped)) {
      expect(Buffer.from(bytes).toString('latin1').includes(MARKER), name).toBe(false);
    }
    // Exactly what the papers dataset lists (with a stored file), each file's SHA-256 as listed.
    const listed = (await datasetRows(t.store, 'papers', { baseUrl: BASE, year: 2024 })).map((r) => ({ path: String(r.url).slice(BASE.length + 1), sha256: r.sha256 }));
    expect(files).toBe(names.length - 1);
    expect(bytes).toBe(names.filter((n) => n !== 'SHA256SUMS').reduce((n, name) => n + unzipped[name].length, 0));
    expect(names.filter((n) => n !== 'SHA256SUMS')).toEqual(listed.map((l) => l.path).filter((p) => names.includes(p)).sort());
    const sums = new TextDecoder().decode(unzipped.SHA256SUMS).trim().split('\n').map((l) => l.split('  '));
    expect(sums.length).toBe(files);
    for (const [hash, path] of sums) {
      expect(sha(unzipped[path])).toBe(hash);
      expect(listed.find((l) => l.path === path)?.sha256).toBe(hash);
    }
    // Another year: nothing of 2024's.
    const other = unzipSync((await wholeZip(t.store, 2019)).zip);
    expect(Object.keys(other)).toEqual(['SHA256SUMS']);
  });
});
