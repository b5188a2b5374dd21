// Where one document in a pack ends and the next begins: minutes headers, report cover blocks
// ("To:/By:/From:/Subject:"), "Agenda Item N" stamps, blank-page and restricted placeholders.
import type { Line } from './normalise.js';

const REPORT_LABEL = /^(?:To|From|By|Report (?:of|to|by|from)|Subject|Classification|Title of report|Decision No)\s*:/i;
// "MINUTES OF ORDINARY MEETING OF SEAVIEW COUNTY COUNCIL", "Minutes of Monthly Meeting of …": Irish councils print no article
const MINUTES_START = /^(?:minutes|notes|record)\s+of\s+(?:a|an|the|proceedings\s+at|(?:(?:ordinary|special|monthly|annual|adjourned|extraordinary|statutory|budget|full|quarterly|estimates)\s+)+meeting\s+of)\b/i;

/** Whether line i opens a set of minutes or notes of a meeting. */
export function isMinutesHeader(lines: Line[], i: number): boolean {
  const t = lines[i].text;
  if (!MINUTES_START.test(t)) return false;
  if (/^record\s+of\s+(?:a|the)\s+decision/i.test(t)) return false;
  if (t.length > 400) return false;
  // "Minutes of the previous meeting were agreed..." is a sentence, not a header
  if (/\b(?:were|was|be|been|are|is)\s+(?:agreed|approved|signed|noted|received|confirmed|circulated|attached)/i.test(t)) return false;
  if (/\bheld\b|\bmeeting of\b/i.test(t)) return true;
  // "Minutes of the Children's Service Improvement Panel" followed by attendance or date lines
  for (let k = i + 1; k < Math.min(lines.length, i + 6); k++) {
    if (/^(?:present|meeting held|date|held)\b/i.test(lines[k].text)) return true;
  }
  return false;
}

/** Whether line i starts a report's cover block (two report labels within a few lines). */
export function isReportHeader(lines: Line[], i: number): boolean {
  if (!REPORT_LABEL.test(lines[i].text)) return false;
  let labels = 0;
  for (let k = Math.max(0, i - 3); k < Math.min(lines.length, i + 8); k++) {
    if (REPORT_LABEL.test(lines[k].text)) labels++;
  }
  if (labels < 2) return false;
  // the first label of the block is the boundary
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) if (REPORT_LABEL.test(lines[k].text)) return false;
  return true;
}

export function isAgendaItemStamp(text: string): boolean {
  return /^agenda item\s+[A-Z]?\d{1,3}[a-z]?\.?$/i.test(text);
}

/** Indices of lines that start a new document, in order (sorted). */
export function documentStarts(lines: Line[], breaks: Set<number>): number[] {
  const out = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (!t) continue;
    if (isMinutesHeader(lines, i) || isReportHeader(lines, i) || isAgendaItemStamp(t)) out.add(i);
  }
  for (const b of breaks) out.add(b);
  return [...out].sort((a, b) => a - b);
}

/** The first boundary strictly after `from`, or lines.length. */
export function nextBoundary(starts: number[], from: number, total: number): number {
  for (const s of starts) if (s > from) return s;
  return total;
}
