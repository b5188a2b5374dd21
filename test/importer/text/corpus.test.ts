// The shared hand-checked corpus: each document must score overall >= 0.97 with the shared scorer.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { extractPack } from '../../../src/importer/text/index.js';
import { shared } from './helpers.js';

const corpus = path.join(shared, 'corpus');
const scorer = path.join(shared, 'tools', 'score-extraction.mjs');
const docs: [string, string][] = [
  ['kent/cabinet-2012-01-09.txt', 'truth/cabinet-2012-01-09.json'],
  ['kent/cabinet-2012-07-09.txt', 'truth/cabinet-2012-07-09.json'],
  ['kent/policy-resources-2016-09-08.txt', 'truth/policy-resources-2016-09-08.json'],
  ['other/uk_wyevalley_cc_agenda_2019-06-24.txt', 'truth/uk_wyevalley_cc_agenda_2019-06-24.txt.json'],
  ['other/uk_wyevalley_cc_minutes_2019-06-24.txt', 'truth/uk_wyevalley_cc_minutes_2019-06-24.txt.json'],
];

describe.skipIf(!existsSync(corpus) || !existsSync(scorer))('shared corpus (skipped: ../shared/corpus not present)', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'moot-extract-'));
  // PDF readers hard-wrap lines: the same packs wrapped at 95 columns must still score
  const wrap = (text: string) => text.split('\n').map((l) => {
    const out: string[] = [];
    let cur = '';
    for (const w of l.split(' ')) {
      if (cur && `${cur} ${w}`.length > 95) { out.push(cur); cur = w; } else cur = cur ? `${cur} ${w}` : w;
    }
    out.push(cur);
    return out.join('\n');
  }).join('\n');
  for (const [doc, truth, wrapped] of [...docs.map(([d, t]) => [d, t, false] as const), ...docs.slice(0, 3).map(([d, t]) => [d, t, true] as const)]) {
    it(`scores >= 0.97 on ${doc}${wrapped ? ' wrapped at 95 columns' : ''}`, () => {
      const raw = readFileSync(path.join(corpus, doc), 'utf8');
      const text = wrapped ? wrap(raw) : raw;
      const ex = extractPack({ source: path.basename(doc), pages: text.split('\f') });
      const out = path.join(tmp, `${path.basename(doc)}${wrapped ? '.wrapped' : ''}.json`);
      writeFileSync(out, JSON.stringify(ex));
      const report = execFileSync('node', [scorer, path.join(corpus, truth), out]).toString();
      const overall = Number(/overall ([\d.]+)/.exec(report)?.[1] ?? 0);
      expect(overall, report).toBeGreaterThanOrEqual(0.97);
    });
  }
});
