// Shared paths and projections for the text-parser tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackExtraction } from '../../../src/importer/text/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const shared = path.resolve(repoRoot, '..', 'shared');
export const fixtures = path.join(repoRoot, 'test', 'fixtures', 'packs');

/** The extraction reduced to exactly the fields of the corpus format. */
export function project(ex: PackExtraction) {
  return {
    source: ex.source,
    meeting: ex.meeting,
    membership: ex.membership.map((m) => ({ name: m.name, group: m.group, role: m.role })),
    agenda: ex.agenda,
    minutes: ex.minutes.map((m) => ({ ...m, items: m.items.map((i) => ({ number: i.number, title: i.title })) })),
    decisions: ex.decisions.map((d) => ({ number: d.number, takenBy: d.takenBy, date: d.date, subject: d.subject })),
  };
}
