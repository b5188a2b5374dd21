// Nunjucks filters the public pages use: the council's labels for kinds and statuses.
import type nunjucks from 'nunjucks';
import type { DataReportModel, ReportChart } from '../../../domain/data-report.js';
import { chartSvg } from '../../charts.js';
import { dataReportHtml } from '../../data-report-html.js';
import { DOCUMENT_KIND_LABELS, INTEREST_KINDS, MEETING_STATUS_LABELS, type DocumentKind, type MeetingStatus } from '../../../domain/types.js';

const INTEREST_LABELS: Record<(typeof INTEREST_KINDS)[number], string> = {
  'disclosable-pecuniary': 'a disclosable pecuniary interest',
  'other-significant': 'an other significant interest',
  personal: 'a personal interest',
  prejudicial: 'a prejudicial interest',
  other: 'an interest',
};

// The names modern.gov users look for on a meeting page.
const PACK_LABELS: Record<string, string> = {
  frontsheet: 'Agenda frontsheet', agenda: 'Agenda reports pack', 'supplementary-frontsheet': 'Supplementary agenda frontsheet',
  supplementary: 'Supplementary agenda', minutes: 'Printed minutes',
};

/** `| docKind` */
export const docKind = (k: string): string => DOCUMENT_KIND_LABELS[k as DocumentKind] ?? k;
/** `| meetingStatus` */
export const meetingStatus = (s: string): string => MEETING_STATUS_LABELS[s as MeetingStatus] ?? s;
/** `| interestKind` */
export const interestKind = (k: string): string => INTEREST_LABELS[k as keyof typeof INTEREST_LABELS] ?? 'an interest';
/** `| packKind(audience)` */
export const packKind = (k: string, audience: string): string => `${PACK_LABELS[k] ?? k}${audience === 'public' ? '' : ' (confidential)'}`;
/** `| sectionTitle`: "EXEMPT ITEMS (During these items ...)" as a heading reads "Exempt items"; the note beside it says the rest. */
export function sectionTitle(t: string): string {
  const bare = String(t ?? '').replace(/\s*\(.*\)\s*$/s, '').trim();
  return bare === bare.toUpperCase() ? bare.charAt(0) + bare.slice(1).toLowerCase() : bare;
}
/** `| plural(one, many)`: "1 page", "12 pages" */
export const plural = (n: number, one: string, many?: string): string => `${n} ${Number(n) === 1 ? one : many ?? `${one}s`}`;
/** `| anchor` */
export const anchor = (s: string): string => String(s).replace(/[^A-Za-z0-9]+/g, '-');

const added = new WeakSet<object>();

export function addPortalFilters(env: nunjucks.Environment): void {
  if (added.has(env)) return;
  added.add(env);
  env.addFilter('chartSvg', (c: ReportChart) => chartSvg(c));
  env.addFilter('dataReportHtml', (m: DataReportModel, level: number, href: string | null) => dataReportHtml(m, level, href));
  env.addFilter('docKind', docKind);
  env.addFilter('meetingStatus', meetingStatus);
  env.addFilter('interestKind', interestKind);
  env.addFilter('packKind', packKind);
  env.addFilter('paragraphs', pageParagraphs);
  env.addFilter('sectionTitle', sectionTitle);
  env.addFilter('plural', plural);
  env.addFilter('anchor', anchor);
}

/**
 * A page of extracted text as paragraphs. Blank lines separate paragraphs; otherwise a line that ends a sentence or
 * stops well short of the page's longest line ends one (PDF text comes line by line as drawn).
 */
export function pageParagraphs(text: string): string[] {
  const blocks = String(text ?? '').split(/\n\s*\n/);
  const out: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
    const longest = Math.max(0, ...lines.map((l) => l.length));
    let current: string[] = [];
    for (const line of lines) {
      current.push(line);
      if (/[.:?!]$/.test(line) || line.length < longest * 0.6) {
        out.push(current.join(' '));
        current = [];
      }
    }
    if (current.length) out.push(current.join(' '));
  }
  return out;
}
