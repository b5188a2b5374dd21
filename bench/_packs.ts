// Made-up text packs for archive imports (`npm run bench -- import`, test/importer/archive.test.ts): a front sheet
// (body, date, time, venue, contact, agenda with page ranges, signatory), the minutes of the body's previous
// meeting (present, apologies, numbered minutes) and a report per item, pages separated by form feeds with
// "Page N" footers, as pdftotext prints a pack. Each pack is different (body, date, names, minute numbers), so an
// import of N of them makes N meetings and their earlier meetings' minutes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SENTENCES } from './_sentences.js';

const BODIES = ['Cabinet', 'Planning Committee', 'Licensing Committee', 'Audit and Governance Committee', 'Scrutiny Committee', 'Health and Wellbeing Board', 'Pensions Committee', 'Highways Committee'];
const NAMES = ['Mr A Baker', 'Mrs C Dawson', 'Mr E Fisher', 'Ms G Hughes', 'Mr I Jones', 'Mrs K Lewis', 'Mr M Norris', 'Dr O Patel', 'Mrs Q Reed', 'Mr S Turner', 'Ms U Vaughan', 'Mr W Young'];
const TOPICS = ['Revenue Budget Monitoring', 'Capital Programme Update', 'Winter Service Plan', 'Local Plan Consultation', 'Housing Allocations Policy', 'Waste Strategy', 'Performance Report', 'Work Programme', 'Treasury Management Review', 'Risk Register'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const long = (d: Date) => `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
const short = (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
const prose = (seed: number, n: number) => Array.from({ length: n }, (_, k) => SENTENCES[(seed * 7 + k * 3) % SENTENCES.length]).join(' ');

/** The text of pack number `i` (0-based): the body's meeting on a date no other pack of that body has. */
export function textPack(i: number): { name: string; text: string } {
  const body = BODIES[i % BODIES.length];
  const date = new Date(Date.UTC(2001, 0, 3) + Math.floor(i / BODIES.length) * 14 * 86400_000);
  const previous = new Date(date.getTime() - 14 * 86400_000);
  const members = Array.from({ length: 6 }, (_, k) => NAMES[(i + k * 5) % NAMES.length]).filter((n, k, a) => a.indexOf(n) === k);
  const topics = Array.from({ length: 3 }, (_, k) => TOPICS[(i + k * 3) % TOPICS.length]);
  const pages: string[] = [];
  // reports first, to know their page ranges: each two pages long, after the two pages of minutes
  const items = [`Minutes of the Meeting held on ${short(previous)}`, ...topics];
  const ranges = items.map((_, k) => [1 + k * 2, 2 + k * 2]);
  pages.push([
    'AGENDA',
    '',
    body.toUpperCase(),
    '',
    `${long(date)}, at 10.00 am`,
    'Council Chamber, County Hall, Anytown',
    'Ask for: Jane Smith',
    'Telephone: 03000 416000',
    '',
    'Membership',
    `Conservative (${members.length - 2}): ${members.slice(0, -2).map((n, k) => (k === 0 ? `${n} (Chairman)` : n)).join(', ')}`,
    `Liberal Democrat (2): ${members.slice(-2).join(', ')}`,
    '',
    'UNRESTRICTED ITEMS',
    '1. Apologies and Substitutes',
    '2. Declarations of Interest',
    ...items.map((t, k) => `${k + 3}. ${t} (Pages ${ranges[k][0]} - ${ranges[k][1]})`),
    '',
    'Benjamin Watts',
    'General Counsel',
    long(new Date(date.getTime() - 8 * 86400_000)),
  ].join('\n'));
  const n0 = 100 + (i % 500);
  pages.push([
    'EXAMPLE COUNTY COUNCIL',
    `MINUTES of a meeting of the ${body} held at County Hall, Anytown on ${long(previous)}.`,
    `PRESENT: ${members.slice(0, -1).join(', ')}`,
    'IN ATTENDANCE: Mr B Officer (Democratic Services Officer)',
    'UNRESTRICTED ITEMS',
    `${n0}. Apologies and Substitutes`,
    `(1) Apologies were received from ${members[members.length - 1]}.`,
    `${n0 + 1}. Minutes of the meeting held on ${short(new Date(previous.getTime() - 14 * 86400_000))}`,
    '(1) RESOLVED that the minutes be approved as a correct record.',
    'Page 1',
  ].join('\n'));
  pages.push([`${n0 + 2}. ${topics[0]}`, prose(i, 6), '(1) RESOLVED that the report be noted.', 'Page 2'].join('\n'));
  for (let k = 1; k < items.length; k++) {
    pages.push([`By: Corporate Director`, `To: ${body} – ${short(date)}`, `Subject: ${items[k]}`, 'Classification: Unrestricted', '1. Introduction', prose(i + k, 8), `Page ${ranges[k][0]}`].join('\n'));
    pages.push([`2. Recommendations`, prose(i + k + 1, 6), `Page ${ranges[k][1]}`].join('\n'));
  }
  const slug = body.toLowerCase().replace(/[^a-z]+/g, '-');
  return { name: `${String(i).padStart(5, '0')}-${slug}-${date.toISOString().slice(0, 10)}.txt`, text: pages.join('\f') };
}

/** Writes packs `from`..`from + n - 1` into `dir`; returns their paths in order. */
export function writeTextPacks(dir: string, n: number, from = 0): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = from; i < from + n; i++) {
    const p = textPack(i);
    const file = join(dir, p.name);
    writeFileSync(file, p.text);
    files.push(file);
  }
  return files;
}
