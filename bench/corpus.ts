// `npm run bench -- corpus [--verbose] [FILTER]`: extraction accuracy, per document, on the development corpus
// (test/fixtures/corpus, hand-checked truth files; sources in its SOURCES.md) and the shared documents
// (../shared/corpus). Prints, per document and component, precision / recall / F1 from the shared scorer.
// Targets (issue 18): overall F1 >= 0.97 on every document, precision >= 0.98 on every component.
import { absentDevDocuments, devDocuments, localCorpus, scorer, scoreDocument, sharedDocuments } from './_corpus.js';
import { existsSync } from 'node:fs';

export default async function corpus(args: string[]): Promise<void> {
  if (!existsSync(scorer)) {
    process.stderr.write(`moot: the shared scorer is missing (${scorer})\n`);
    process.exit(2);
  }
  const verbose = args.includes('--verbose');
  const filter = args.find((a) => !a.startsWith('--'));
  const docs = [...devDocuments(), ...sharedDocuments()].filter((d) => !filter || d.name.includes(filter));
  const comps = ['meeting', 'membership', 'agenda', 'minutes', 'decisions'] as const;
  const fmt = (c: { precision: number; recall: number; f1: number } | undefined) => (c ? `${c.precision.toFixed(2)}/${c.recall.toFixed(2)}/${c.f1.toFixed(2)}` : '-');
  console.log(`| document | ${comps.join(' | ')} | overall |`);
  console.log(`|---|${comps.map(() => '---').join('|')}|---:|`);
  let below = 0;
  let lowPrecision = 0;
  for (const d of docs) {
    const s = scoreDocument(d, verbose);
    if (s.overall < 0.97) below++;
    if (comps.some((c) => (s.components[c]?.precision ?? 1) < 0.98)) lowPrecision++;
    console.log(`| ${d.name} | ${comps.map((c) => fmt(s.components[c])).join(' | ')} | **${s.overall.toFixed(3)}** |`);
    if (verbose) console.log(s.report);
  }
  console.log(`\n(cells are precision/recall/F1) ${docs.length} documents; ${below} below 0.97 overall; ${lowPrecision} with a component below 0.98 precision`);
  const absent = absentDevDocuments().filter((n) => !filter || n.includes(filter));
  if (absent.length) console.log(`not scored, text not on this machine (made from fetched PDFs, kept out of commits in ${localCorpus}): ${absent.join(', ')}`);
}
