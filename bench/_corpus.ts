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

/** Every document of the development corpus (test/fixtures/corpus) with its truth file. */
export function devDocuments(): CorpusDocument[] {
  if (!existsSync(devCorpus)) return [];
  return readdirSync(devCorpus)
    .filter((f) => /\.(txt|md)$/.test(f) && f !== 'SOURCES.md' && existsSync(join(devCorpus, 'truth', `${f}.json`)))
    .sort()
    .map((f) => ({ name: `dev/${f}`, file: join(devCorpus, f), truth: join(devCorpus, 'truth', `${f}.json`) }));
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
