// The hand-checked extraction corpora and their scoring with the shared scorer (../shared/tools/score-extraction.mjs).
// Used by `npm run bench -- corpus` (the per-document table in docs/benchmarks.md) and by
// test/importer/text/dev-corpus.test.ts (each document must keep the score it has reached).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractPack } from '../src/importer/text/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const devCorpus = join(repoRoot, 'test', 'fixtures', 'corpus');
export const sharedCorpus = resolve(repoRoot, '..', 'shared', 'corpus');
export const scorer = resolve(repoRoot, '..', 'shared', 'tools', 'score-extraction.mjs');

export interface CorpusDocument {
  /** shown in reports: "dev/uk_mscc_minutes_2016-10-12.txt" or "shared/kent/cabinet-2012-01-09.txt" */
  name: string;
  file: string;
  truth: string;
}

/**
 * Texts made from PDFs that the search tool's `fetch` brought (pdftotext or OCR of a fetched PDF). Its rule keeps
 * fetched material out of commits, so these live in this git-ignored folder on the machine that made them; their
 * truth files and sources (SOURCES.md says how each was made) are committed, and where the text is absent the
 * document is listed as not present instead of scored.
 */
export const localCorpus = join(devCorpus, 'local');

/** Every document of the development corpus (test/fixtures/corpus and its local/ folder) with its truth file. */
export function devDocuments(): CorpusDocument[] {
  if (!existsSync(devCorpus)) return [];
  const texts = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f) && f !== 'SOURCES.md').map((f) => join(dir, f)) : []);
  return [...texts(devCorpus), ...texts(localCorpus)]
    .filter((file) => existsSync(join(devCorpus, 'truth', `${basename(file)}.json`)))
    .sort((a, b) => basename(a).localeCompare(basename(b)))
    .map((file) => ({ name: `dev/${basename(file)}`, file, truth: join(devCorpus, 'truth', `${basename(file)}.json`) }));
}

/** Development documents whose truth is committed but whose text is not on this machine (made from fetched PDFs). */
export function absentDevDocuments(): string[] {
  const truths = existsSync(join(devCorpus, 'truth')) ? readdirSync(join(devCorpus, 'truth')).filter((f) => f.endsWith('.json')) : [];
  const present = new Set(devDocuments().map((d) => basename(d.file)));
  return truths.map((t) => t.replace(/\.json$/, '')).filter((f) => !present.has(f)).sort().map((f) => `dev/${f}`);
}

/** The shared text documents (../shared/corpus), where present. */
export function sharedDocuments(): CorpusDocument[] {
  const pairs: [string, string][] = [
    ['kent/cabinet-2012-01-09.txt', 'truth/cabinet-2012-01-09.json'],
    ['kent/cabinet-2012-07-09.txt', 'truth/cabinet-2012-07-09.json'],
    ['kent/policy-resources-2016-09-08.txt', 'truth/policy-resources-2016-09-08.json'],
    ['other/uk_wyevalley_cc_agenda_2019-06-24.txt', 'truth/uk_wyevalley_cc_agenda_2019-06-24.txt.json'],
    ['other/uk_wyevalley_cc_minutes_2019-06-24.txt', 'truth/uk_wyevalley_cc_minutes_2019-06-24.txt.json'],
  ];
  return pairs
    .map(([d, t]) => ({ name: `shared/${d}`, file: join(sharedCorpus, d), truth: join(sharedCorpus, t) }))
    .filter((d) => existsSync(d.file) && existsSync(d.truth));
}

export interface ComponentScore { tp: number; fp: number; fn: number; f1: number; precision: number; recall: number }
export interface DocumentScore {
  name: string;
  overall: number;
  components: Record<'meeting' | 'membership' | 'agenda' | 'minutes' | 'decisions', ComponentScore>;
  report: string;
}

let tmp: string | null = null;

/** Extracts the document and scores it against its truth with the shared scorer. */
export function scoreDocument(doc: CorpusDocument, verbose = false): DocumentScore {
  tmp ??= mkdtempSync(join(os.tmpdir(), 'moot-corpus-'));
  const text = readFileSync(doc.file, 'utf8');
  const ex = extractPack({ source: basename(doc.file), pages: text.split('\f') });
  const out = join(tmp, `${basename(doc.file)}.json`);
  writeFileSync(out, JSON.stringify(ex));
  const report = execFileSync('node', [scorer, doc.truth, out, ...(verbose ? ['--verbose'] : [])]).toString();
  const components = {} as DocumentScore['components'];
  for (const m of report.matchAll(/^(\w+)\s+F1 ([\d.]+)\s+\(tp (\d+), fp (\d+), fn (\d+)\)/gm)) {
    const [tp, fp, fn] = [Number(m[3]), Number(m[4]), Number(m[5])];
    components[m[1] as keyof DocumentScore['components']] = {
      tp, fp, fn, f1: Number(m[2]), precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1,
    };
  }
  return { name: doc.name, overall: Number(/overall ([\d.]+)/.exec(report)?.[1] ?? 0), components, report };
}
