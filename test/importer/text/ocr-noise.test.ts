// OCR and PDF-text noise the reader undoes before parsing: ligatures, soft hyphens, words broken at line ends,
// a markdown file's YAML front matter; and the honesty rule that text not recognised as a front sheet gives no
// venue, time, membership or publication details.
import { describe, expect, it } from 'vitest';
import { cleanPages, joinBrokenWords, undoLigatures } from '../../../src/importer/text/normalise.js';
import { extractPack } from '../../../src/importer/text/index.js';

describe('OCR noise', () => {
  it('spells out ligatures and drops soft hyphens', () => {
    expect(undoLigatures('Oﬃcials in attendance: Chief Oﬃcer, Fi\u00adnance, ﬂood')).toBe('Officials in attendance: Chief Officer, Finance, flood');
  });

  it('joins a word broken at a line end, and only a lower-case continuation', () => {
    expect(joinBrokenWords(['The Commit-', 'tee resolved to', 'appoint a Vice-', 'Chairman for 2019-', '20.'])).toEqual(['The Committee', 'resolved to', 'appoint a Vice-', 'Chairman for 2019-', '20.']);
    expect(joinBrokenWords(['Members pre-', 'sent: Cllr A'])).toEqual(['Members present:', 'Cllr A']);
  });

  it('blanks YAML front matter but keeps line numbers', () => {
    const { lines } = cleanPages(['---\ntitle: Minutes (Aug., 2019)\ndate: 2019-08-19\ntags:\n  - Road\n---\n\n# Town of North Star\nAugust 19, 2019']);
    expect(lines.filter((l) => l.text).map((l) => [l.no, l.text])).toEqual([[8, 'Town of North Star'], [9, 'August 19, 2019']]);
  });

  it('leaves a document that merely starts with a rule alone', () => {
    const { lines } = cleanPages(['---\nMINUTES OF THE MEETING\nPresent: Cllr A\n---\n1. Apologies']);
    expect(lines.filter((l) => l.text).map((l) => l.text)).toContain('MINUTES OF THE MEETING');
  });

  it('reads a scanned agenda whose words are broken and ligatured as the clean one', () => {
    const clean = 'HIGHWAYS COMMITTEE\nWednesday, 12th March, 2025, at 10.00 am\nCouncil Chamber, County Hall, Maidstone\nUNRESTRICTED ITEMS\n1. Apologies and Substitutes\n2. Declarations of Interest\n3. Flood Risk Management Strategy (Pages 1 - 14)\n4. Traffic Signal Modernisation (Pages 15 - 30)\n';
    const noisy = 'HIGHWAYS COMMITTEE\nWednesday, 12th March, 2025, at 10.00 am\nCouncil Chamber, County Hall, Maidstone\nUNRESTRICTED ITEMS\n1. Apologies and Substitutes\n2. Declarations of Inter-\nest\n3. Flood Risk Manage-\nment Strategy (Pages 1 - 14)\n4. Trafﬁc Signal Moderni\u00adsation (Pages 15 - 30)\n';
    const a = extractPack({ source: 'clean.txt', pages: [clean] });
    const b = extractPack({ source: 'scan.txt', pages: [noisy] });
    expect(a.agenda.length).toBe(4);
    expect(b.agenda).toEqual(a.agenda);
    expect(b.meeting).toEqual(a.meeting);
  });
});

describe('never invents from unrecognised text', () => {
  it('takes no venue, time or membership from prose when no front sheet is recognised', () => {
    const text = '# Town of Somewhere\nOctober 19, 2020\n\n## CALL TO ORDER\nChair A Smith called the meeting to order at 6:30 pm via teleconference.  Board\nmembers present were supervisors A Smith, B Jones, and C Brown.\n\n## TREASURER\nThe treasurer reports the\nfollowing election report received from the court house: 179 ballots were mailed out.\n';
    const x = extractPack({ source: 'prose.md', pages: [text] });
    expect(x.meeting.venue).toBeNull();
    expect(x.meeting.time).toBeNull();
    expect(x.meeting.publishedOn).toBeNull();
    expect(x.membership).toEqual([]);
  });

  it('does not take the job title under a signatory for the signatory', () => {
    const text = 'AGENDA\n\nCABINET\n\nMonday, 3 March 2025, at 10.00 am\nCouncil Chamber, County Hall, Anytown\n\n1. Apologies\n2. Budget (Pages 1 - 4)\n\nBenjamin Watts\nGeneral Counsel\nMonday, 24 February 2025\n';
    const x = extractPack({ source: 'a.txt', pages: [text] });
    expect(x.meeting.publishedBy).toBe('Benjamin Watts');
    const onlyTitle = extractPack({ source: 'b.txt', pages: [text.replace('Benjamin Watts\n', '')] });
    expect(onlyTitle.meeting.publishedBy).toBeNull();
  });
});
